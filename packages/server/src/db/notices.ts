// Live notices between instances: PostgreSQL NOTIFY on one channel, sent inside the transaction
// that made the change (delivered only if it commits), heard through one LISTEN per instance.
import { randomUUID } from 'node:crypto';
import type { ChangeAudience } from '@kaohe/store';
import { type Sql, type SqlSession, json, sql } from './sql.ts';

export const NOTICE_CHANNEL = 'kaohe_changes';

/**
 * A change somebody should hear about. It names what changed, never what it holds: no score, no
 * name, no comment rides in a notice; a listener reads the record and shows what it may. An
 * appraisal's carries its audience as the service named it when writing (who could read it before
 * ∪ who may read it after), so every instance decides who is told from the notice alone; the
 * audience itself never leaves the server. An audience too large for one NOTIFY payload travels in
 * parts, each a notice of the same id and revision naming some of the people: each person is in one.
 */
export type Notice =
  | { type: 'appraisal'; id: string; revision: number; audience?: ChangeAudience }
  | { type: 'draft'; appraisalId: string; userId: string }
  | { type: 'rubric'; id: string; version: number }
  | { type: 'directory' };

/** A notice as it travels: a draft's also says whether it was deleted, which a store's listeners hear. */
export type WireNotice = Exclude<Notice, { type: 'draft' }> | { type: 'draft'; appraisalId: string; userId: string; deleted: boolean };

/** What travels in one NOTIFY: who sent it (so a store can tell its own writes) and the notices. */
export interface NoticeMessage {
  origin: string;
  notices: WireNotice[];
}

/** The notice the HTTP layer hears for one that travelled. */
export function publicNotice(notice: WireNotice): Notice {
  return notice.type === 'draft' ? { type: 'draft', appraisalId: notice.appraisalId, userId: notice.userId } : notice;
}

/** NOTIFY payloads must stay under 8000 bytes; a batch of thousands of notices is split. */
const PAYLOAD_BYTES = 7000;

export function newOrigin(): string {
  return randomUUID();
}

/** Queues the notices on the transaction; PostgreSQL delivers them at commit. */
export async function sendNotices(tx: SqlSession, origin: string, notices: readonly WireNotice[]): Promise<void> {
  if (notices.length === 0) return;
  const payloads: string[] = [];
  let chunk: WireNotice[] = [];
  let bytes = 0;
  for (const notice of notices.flatMap(inParts)) {
    const size = bytesOf(notice) + 1;
    if (chunk.length > 0 && bytes + size > PAYLOAD_BYTES) {
      payloads.push(JSON.stringify({ origin, notices: chunk }));
      chunk = [];
      bytes = 0;
    }
    chunk.push(notice);
    bytes += size;
  }
  payloads.push(JSON.stringify({ origin, notices: chunk }));
  await tx.query(sql`select pg_notify(${NOTICE_CHANNEL}, payload) from jsonb_array_elements_text(${json(payloads)}::jsonb) as payload`);
}

const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/**
 * An appraisal's notice whose audience would not fit one payload, as notices of the same id and
 * revision that each name some of its people (a person id is at most 128 characters, so a part
 * always fits); any other notice as it is.
 */
export function inParts(notice: WireNotice): WireNotice[] {
  if (notice.type !== 'appraisal' || !notice.audience || bytesOf(notice) <= PAYLOAD_BYTES) return [notice];
  const { audience, ...change } = notice;
  const parts: WireNotice[] = [];
  let part: ChangeAudience = { readers: [], gone: [] };
  let bytes = bytesOf({ ...change, audience: part });
  for (const [list, ids] of [['readers', audience.readers], ['gone', audience.gone]] as const) {
    for (const id of ids) {
      const size = bytesOf(id) + 1;
      if (bytes + size > PAYLOAD_BYTES && part.readers.length + part.gone.length > 0) {
        parts.push({ ...change, audience: part });
        part = { readers: [], gone: [] };
        bytes = bytesOf({ ...change, audience: part });
      }
      part[list].push(id);
      bytes += size;
    }
  }
  parts.push({ ...change, audience: part });
  return parts;
}

const isIds = (value: unknown): value is string[] => Array.isArray(value) && value.every((id) => typeof id === 'string');
const isAudience = (value: unknown): value is ChangeAudience =>
  isIds((value as { readers?: unknown } | null)?.readers) && isIds((value as { gone?: unknown }).gone);

function isNotice(value: unknown): value is WireNotice {
  const notice = value as Record<string, unknown> | null;
  switch (notice?.['type']) {
    case 'appraisal': return typeof notice['id'] === 'string' && typeof notice['revision'] === 'number' && (notice['audience'] === undefined || isAudience(notice['audience']));
    case 'draft': return typeof notice['appraisalId'] === 'string' && typeof notice['userId'] === 'string' && typeof notice['deleted'] === 'boolean';
    case 'rubric': return typeof notice['id'] === 'string' && typeof notice['version'] === 'number';
    case 'directory': return true;
    default: return false;
  }
}

/** Reads a payload; anything else on the channel (another program's NOTIFY) is ignored. */
export function parseNoticeMessage(payload: string): NoticeMessage | undefined {
  try {
    const message = JSON.parse(payload) as { origin?: unknown; notices?: unknown };
    if (typeof message.origin !== 'string' || !Array.isArray(message.notices)) return undefined;
    return { origin: message.origin, notices: message.notices.filter(isNotice) };
  } catch {
    return undefined;
  }
}

/** One LISTEN per database connection, fanned out to every subscriber of this process. */
export class NoticeHub {
  readonly #client: Sql;
  readonly #listeners = new Set<(message: NoticeMessage) => void>();
  #stop: (() => Promise<void>) | undefined;

  constructor(client: Sql) {
    this.#client = client;
  }

  async start(): Promise<void> {
    this.#stop ??= await this.#client.listen(NOTICE_CHANNEL, (payload) => {
      const message = parseNoticeMessage(payload);
      if (!message) return;
      for (const listener of [...this.#listeners]) {
        try {
          listener(message);
        } catch (error) {
          // One failing listener must not keep the others from hearing; surface it as an uncaught error would be.
          queueMicrotask(() => { throw error; });
        }
      }
    });
  }

  subscribe(listener: (message: NoticeMessage) => void): () => void {
    this.#listeners.add(listener);
    return () => { this.#listeners.delete(listener); };
  }

  async stop(): Promise<void> {
    const stop = this.#stop;
    this.#stop = undefined;
    this.#listeners.clear();
    await stop?.();
  }
}
