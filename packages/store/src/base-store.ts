// What every store does the same way, whatever holds the data: the revision check, the audit chain,
// paging, JSON normalisation, error wording and change notices. A backend only supplies primitives,
// each of which must be atomic on its own.
import type { Rubric } from '@kaohe/scoring';
import type { AppraisalRecord, AuditEvent } from '@kaohe/workflow';
import type {
  AppraisalQuery, AuditEntry, AuditVerification, Draft, KaoheStore, Page, PageOptions, PutAppraisalOptions, StoreChange, StoreListener,
} from './types.ts';
import { type AuditHead, EMPTY_HEAD, headAfter, sealAuditEvents, verifyAuditChain } from './audit.ts';
import { StoreConflictError, StoreError, toStoreError } from './errors.ts';
import { canonicalJson, toJson } from './json.ts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;
/** Appends racing in other tabs make a write re-chain its audit events; past this many tries something is wrong. */
const MAX_AUDIT_RETRIES = 8;

export type AppraisalFilter = Pick<AppraisalQuery, 'period' | 'status' | 'employeeId'>;

/** One atomic write: the backend re-reads the stored record, checks it, and appends only if the audit head is still `seenHead`. */
export interface AppraisalCommit {
  record: AppraisalRecord;
  expectedRevision: number;
  /** null when the write carries no audit events and the log is left alone */
  seenHead: AuditHead | null;
  events: AuditEvent[];
  newHead: AuditHead;
}

export type CommitOutcome = 'committed' | 'head-moved';

/**
 * The optimistic-concurrency rule, run by every backend inside its atomic section:
 * the caller must have read the stored revision and must be writing the next one.
 */
export function checkRevision(stored: AppraisalRecord | undefined, record: AppraisalRecord, expectedRevision: number): void {
  if (!Number.isInteger(expectedRevision) || expectedRevision < 0) {
    throw new TypeError(`expectedRevision must be a whole number ≥ 0 (0 for a new appraisal); got ${expectedRevision}`);
  }
  // Revision 0 is an appraisal as `openAppraisal` creates it: it may be stored once, as new.
  if (record.revision === 0 && expectedRevision === 0) {
    if (stored !== undefined) throw new StoreConflictError(stored, expectedRevision, `Appraisal ${record.id} already exists (revision ${stored.revision}); it cannot be created again. Nothing was written.`);
    return;
  }
  if (record.revision !== expectedRevision + 1) {
    throw new StoreConflictError(stored, expectedRevision,
      `Appraisal ${record.id} carries revision ${record.revision}, but a save on top of revision ${expectedRevision} must carry ` +
      `revision ${expectedRevision + 1}. Nothing was written.`);
  }
  if (stored === undefined && expectedRevision > 0) {
    throw new StoreError('not-found',
      `Appraisal ${record.id} is not stored here, so revision ${expectedRevision} cannot be updated. ` +
      'It may have been removed or belong to another database; reload the list.');
  }
  if ((stored?.revision ?? 0) !== expectedRevision) throw new StoreConflictError(stored, expectedRevision);
}

export function matchesFilter(record: AppraisalRecord, filter: AppraisalFilter): boolean {
  return (filter.period === undefined || record.period === filter.period)
    && (filter.status === undefined || record.status === filter.status)
    && (filter.employeeId === undefined || record.employeeId === filter.employeeId);
}

export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1) throw new TypeError(`limit must be a whole number ≥ 1; got ${limit}`);
  return Math.min(limit, MAX_PAGE_SIZE);
}

type ChangeNotice = Exclude<StoreChange, { type: 'closed' }>;
type Unlocated<T> = T extends unknown ? Omit<T, 'origin'> : never;

function isChangeNotice(data: unknown): data is Unlocated<ChangeNotice> {
  const type = (data as { type?: unknown } | null)?.type;
  return type === 'appraisal' || type === 'draft' || type === 'rubric';
}

export abstract class StoreBase implements KaoheStore {
  readonly #listeners = new Set<StoreListener>();
  readonly #channel: BroadcastChannel | undefined;
  #closedMessage: string | undefined;
  /** the audit head after this instance's last append; saves a read per write while no other tab appends */
  #headHint: AuditHead | undefined;
  /** appends of this instance, one after the other */
  #appendQueue: Promise<unknown> = Promise.resolve();
  readonly #lockName: string | undefined;

  /** @param channelName BroadcastChannel shared by every instance on the same data, or none */
  protected constructor(channelName?: string) {
    this.#lockName = channelName;
    if (channelName !== undefined && typeof BroadcastChannel === 'function') {
      this.#channel = new BroadcastChannel(channelName);
      this.#channel.onmessage = (event: MessageEvent) => {
        if (isChangeNotice(event.data)) this.#dispatch({ ...event.data, origin: 'remote' } as StoreChange);
      };
    }
  }

  // ---- primitives a backend supplies ----
  protected abstract readAppraisal(id: string): Promise<AppraisalRecord | undefined>;
  protected abstract readAuditHead(): Promise<AuditHead>;
  /** Must call `checkRevision` and compare the head inside the same atomic section as the writes. */
  protected abstract commitAppraisal(commit: AppraisalCommit): Promise<CommitOutcome>;
  /** Up to `take` matches with id > `after`, by id. */
  protected abstract queryAppraisals(filter: AppraisalFilter, after: string | undefined, take: number): Promise<AppraisalRecord[]>;
  protected abstract queryTasks(userId: string, after: string | undefined, take: number): Promise<AppraisalRecord[]>;
  protected abstract writeDraft(draft: Draft): Promise<void>;
  protected abstract readDraft(appraisalId: string, userId: string): Promise<Draft | undefined>;
  protected abstract removeDraft(appraisalId: string, userId: string): Promise<void>;
  /** Stores the rubric unless that id+version exists; returns what was there before, if anything. */
  protected abstract insertRubric(rubric: Rubric): Promise<Rubric | undefined>;
  protected abstract readRubric(id: string, version: number): Promise<Rubric | undefined>;
  protected abstract readRubricVersions(id: string): Promise<number[]>;
  protected abstract readAudit(appraisalId: string | undefined): Promise<AuditEvent[]>;
  /** The whole log and its head, read together. */
  protected abstract readAuditSnapshot(): Promise<{ events: AuditEvent[]; head: AuditHead }>;
  protected abstract closeBackend(): Promise<void>;

  // ---- the contract ----

  getAppraisal(id: string): Promise<AppraisalRecord | undefined> {
    return this.#run(`Reading appraisal ${id}`, () => this.readAppraisal(id));
  }

  putAppraisal(record: AppraisalRecord, options: PutAppraisalOptions): Promise<AppraisalRecord> {
    return this.#run(`Saving appraisal ${record.id}`, async () => {
      const stored = toJson(record);
      const entries = options.audit ?? [];
      for (const entry of entries) {
        if (entry.appraisalId !== record.id) {
          throw new TypeError(`An audit entry for ${entry.appraisalId} cannot be written with appraisal ${record.id}.`);
        }
      }
      const saved = entries.length > 0
        ? await this.#serializeAppends(() => this.#commitWithRetries(stored, options.expectedRevision, entries))
        : await this.#commitWithRetries(stored, options.expectedRevision, entries);
      this.#notify({ type: 'appraisal', id: saved.id, revision: saved.revision });
      return saved;
    });
  }

  async #commitWithRetries(record: AppraisalRecord, expectedRevision: number, entries: readonly AuditEntry[]): Promise<AppraisalRecord> {
    for (let attempt = 0; attempt < MAX_AUDIT_RETRIES; attempt += 1) {
      const seenHead = entries.length > 0 ? (this.#headHint ?? await this.readAuditHead()) : null;
      const events = seenHead ? await sealAuditEvents(seenHead, entries) : [];
      const newHead = headAfter(seenHead ?? EMPTY_HEAD, events);
      const outcome = await this.commitAppraisal({ record, expectedRevision, seenHead, events, newHead });
      if (outcome === 'committed') {
        if (seenHead) this.#headHint = newHead;
        return toJson(record);
      }
      this.#headHint = undefined;
    }
    throw new StoreError('conflict',
      `Appraisal ${record.id} was not saved: the audit log kept changing underneath (other tabs saving at the same moment). Save again.`);
  }

  /**
   * Hashing is async and IndexedDB transactions cannot wait for it, so an append is sealed first and
   * committed only if the log has not moved. Queuing appends (and, where the browser has Web Locks,
   * holding a lock shared by every tab) keeps that check from failing over and over under load.
   */
  #serializeAppends<T>(body: () => Promise<T>): Promise<T> {
    const locks = typeof navigator === 'object' ? (navigator as Navigator | undefined)?.locks : undefined;
    const lockName = this.#lockName;
    const locked = locks && lockName ? () => locks.request(lockName, body) as Promise<T> : body;
    const run = this.#appendQueue.then(locked, locked);
    this.#appendQueue = run.catch(() => undefined);
    return run;
  }

  listAppraisals(query: AppraisalQuery = {}): Promise<Page<AppraisalRecord>> {
    const { cursor, limit, ...filter } = query;
    return this.#run('Listing appraisals', () => this.#page(limit, (take) => this.queryAppraisals(filter, cursor, take)));
  }

  listTasks(userId: string, options: PageOptions = {}): Promise<Page<AppraisalRecord>> {
    return this.#run(`Listing the tasks of ${userId}`, () => this.#page(options.limit, (take) => this.queryTasks(userId, options.cursor, take)));
  }

  saveDraft(draft: Draft): Promise<Draft> {
    return this.#run(`Saving the draft of appraisal ${draft.appraisalId}`, async () => {
      const stored = toJson(draft);
      await this.writeDraft(stored);
      this.#notify({ type: 'draft', appraisalId: draft.appraisalId, userId: draft.userId, deleted: false });
      return toJson(stored);
    });
  }

  loadDraft(appraisalId: string, userId: string): Promise<Draft | undefined> {
    return this.#run(`Reading the draft of appraisal ${appraisalId}`, () => this.readDraft(appraisalId, userId));
  }

  deleteDraft(appraisalId: string, userId: string): Promise<void> {
    return this.#run(`Removing the draft of appraisal ${appraisalId}`, async () => {
      await this.removeDraft(appraisalId, userId);
      this.#notify({ type: 'draft', appraisalId, userId, deleted: true });
    });
  }

  putRubric(rubric: Rubric): Promise<Rubric> {
    return this.#run(`Saving rubric ${rubric.id} version ${rubric.version}`, async () => {
      const stored = toJson(rubric);
      const existing = await this.insertRubric(stored);
      if (existing === undefined) {
        this.#notify({ type: 'rubric', id: stored.id, version: stored.version });
        return toJson(stored);
      }
      // Appraisals pin the rubric version they were opened with (design.md): a stored version never changes.
      if (canonicalJson(existing) !== canonicalJson(stored)) {
        throw new StoreError('conflict',
          `Rubric ${rubric.id} version ${rubric.version} is already stored with different content, and appraisals rely on it ` +
          `staying as it was. Save your changes as version ${rubric.version + 1} or higher.`);
      }
      return existing;
    });
  }

  getRubric(id: string, version: number): Promise<Rubric | undefined> {
    return this.#run(`Reading rubric ${id} version ${version}`, () => this.readRubric(id, version));
  }

  listRubricVersions(id: string): Promise<number[]> {
    return this.#run(`Listing the versions of rubric ${id}`, () => this.readRubricVersions(id));
  }

  listAudit(appraisalId?: string): Promise<AuditEvent[]> {
    return this.#run('Reading the audit log', () => this.readAudit(appraisalId));
  }

  verifyAudit(): Promise<AuditVerification> {
    return this.#run('Checking the audit log', async () => {
      const { events, head } = await this.readAuditSnapshot();
      return verifyAuditChain(events, head);
    });
  }

  exportAudit(): Promise<string> {
    return this.#run('Exporting the audit log', async () => {
      const { events, head } = await this.readAuditSnapshot();
      const verification = await verifyAuditChain(events, head);
      return JSON.stringify({ format: 'kaohe-audit', version: 1, exportedAt: new Date().toISOString(), head, verification, events }, null, 2);
    });
  }

  subscribe(listener: StoreListener): () => void {
    this.#listeners.add(listener);
    return () => { this.#listeners.delete(listener); };
  }

  async close(): Promise<void> {
    if (this.#closedMessage !== undefined) return;
    this.markClosed('This Kaohe store was closed. Open it again (or reload the page) to continue.');
    await this.closeBackend();
  }

  // ---- for backends ----

  /** Refuses every later call with `message` and stops hearing other instances. */
  protected markClosed(message: string, notice?: Extract<StoreChange, { type: 'closed' }>): void {
    this.#closedMessage ??= message;
    this.#channel?.close();
    if (notice) this.#dispatch(notice);
  }

  get closed(): boolean {
    return this.#closedMessage !== undefined;
  }

  // ---- internals ----

  async #run<T>(context: string, body: () => Promise<T>): Promise<T> {
    if (this.#closedMessage !== undefined) throw new StoreError('unavailable', `${context}: ${this.#closedMessage}`);
    try {
      return await body();
    } catch (error) {
      throw toStoreError(error, context);
    }
  }

  async #page(limit: number | undefined, fetch: (take: number) => Promise<AppraisalRecord[]>): Promise<Page<AppraisalRecord>> {
    const size = pageLimit(limit);
    // One more than asked tells whether another page exists without a second query.
    const found = await fetch(size + 1);
    const items = found.slice(0, size);
    const last = items[items.length - 1];
    return found.length > size && last ? { items, nextCursor: last.id } : { items };
  }

  #notify(notice: Unlocated<ChangeNotice>): void {
    this.#dispatch({ ...notice, origin: 'local' } as StoreChange);
    try {
      this.#channel?.postMessage(notice);
    } catch {
      // A closing channel only costs other tabs a notice; their next read still sees the data.
    }
  }

  #dispatch(change: StoreChange): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(change);
      } catch (error) {
        // One broken listener must not keep the others from hearing the change; surface it like an event handler would.
        queueMicrotask(() => { throw error; });
      }
    }
  }
}
