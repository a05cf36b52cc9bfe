// What every store does the same way, whatever holds the data: the revision check, the audit chain,
// paging, JSON normalisation, error wording and change notices. A backend only supplies primitives,
// each of which must be atomic on its own.
import type { Rubric } from '@kaohe/scoring';
import type { AppraisalRecord, AuditEvent } from '@kaohe/workflow';
import type {
  AppraisalQuery, AppraisalWrite, AuditEntry, ChangeAudience, AuditVerification, Draft, KaoheStore, Page, PageOptions, PutAppraisalOptions, SaveDraftOptions, StoreChange,
  StoreListener,
} from './types.ts';
import { type AuditHead, EMPTY_HEAD, headAfter, sealAuditEvents, verifyAuditChain } from './audit.ts';
import { DraftConflictError } from './draft-conflict.ts';
import { StoreConflictError, StoreError, toStoreError } from './errors.ts';
import { canonicalJson, toJson } from './json.ts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;
/** Appends racing in other tabs make a write re-chain its audit events; past this many tries something is wrong. */
const MAX_AUDIT_RETRIES = 8;

export type AppraisalFilter = Pick<AppraisalQuery, 'period' | 'status' | 'employeeId'>;

/** One appraisal of a commit, already copied to plain JSON. */
export interface RevisionedRecord {
  record: AppraisalRecord;
  expectedRevision: number;
  /** who hears of the change, as the writer named it (see PutAppraisalOptions) */
  audience?: ChangeAudience;
}

/**
 * One atomic write of one or many appraisals: the backend re-reads every stored record, checks them
 * all with `checkRevisions`, and writes them and appends the events only if the audit head is still `seenHead`.
 */
export interface AppraisalCommit {
  /** distinct appraisals, in the caller's order */
  writes: readonly RevisionedRecord[];
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
  assertExpectedRevision(expectedRevision);
  const conflictingIds = [record.id];
  // Revision 0 is an appraisal as `openAppraisal` creates it: it may be stored once, as new.
  if (record.revision === 0 && expectedRevision === 0) {
    if (stored !== undefined) {
      throw new StoreConflictError(stored, expectedRevision,
        `Appraisal ${record.id} already exists (revision ${stored.revision}); it cannot be created again. Nothing was written.`, { conflictingIds });
    }
    return;
  }
  if (record.revision !== expectedRevision + 1) {
    throw new StoreConflictError(stored, expectedRevision,
      `Appraisal ${record.id} carries revision ${record.revision}, but a save on top of revision ${expectedRevision} must carry ` +
      `revision ${expectedRevision + 1}. Nothing was written.`, { conflictingIds });
  }
  if (stored === undefined && expectedRevision > 0) {
    throw new StoreError('not-found',
      `Appraisal ${record.id} is not stored here, so revision ${expectedRevision} cannot be updated. ` +
      'It may have been removed or belong to another database; reload the list.');
  }
  if ((stored?.revision ?? 0) !== expectedRevision) throw new StoreConflictError(stored, expectedRevision, undefined, { conflictingIds });
}

function assertExpectedRevision(expectedRevision: number): void {
  if (!Number.isInteger(expectedRevision) || expectedRevision < 0) {
    throw new TypeError(`expectedRevision must be a whole number ≥ 0 (0 for a new appraisal); got ${expectedRevision}`);
  }
}

/** How many ids a refusal spells out; the error's `conflictingIds` carries all of them. */
const IDS_IN_MESSAGE = 5;

function someIds(ids: readonly string[]): string {
  const shown = ids.slice(0, IDS_IN_MESSAGE).join(', ');
  return ids.length > IDS_IN_MESSAGE ? `${shown} and ${ids.length - IDS_IN_MESSAGE} more` : shown;
}

/**
 * `checkRevision` for every write of a commit, run by the backend inside its atomic section with
 * `stored[i]` the record stored under `writes[i].record.id`. A batch is refused as a whole: with a
 * StoreConflictError for the first stale appraisal, listing every stale one, or else with the first
 * `not-found`. A single write is refused exactly as `checkRevision` refuses it.
 */
export function checkRevisions(stored: readonly (AppraisalRecord | undefined)[], writes: readonly RevisionedRecord[]): void {
  const [only] = writes;
  if (writes.length === 1 && only) {
    checkRevision(stored[0], only.record, only.expectedRevision);
    return;
  }
  let firstConflict: StoreConflictError | undefined;
  let firstMissing: StoreError | undefined;
  const conflictingIds: string[] = [];
  const missingIds: string[] = [];
  writes.forEach((write, index) => {
    try {
      checkRevision(stored[index], write.record, write.expectedRevision);
    } catch (error) {
      if (error instanceof StoreConflictError) {
        firstConflict ??= error;
        conflictingIds.push(write.record.id);
      } else if (error instanceof StoreError && error.code === 'not-found') {
        firstMissing ??= error;
        missingIds.push(write.record.id);
      } else {
        throw error;
      }
    }
  });
  const missing = missingIds.length === 0 ? ''
    : missingIds.length === 1 ? ` Appraisal ${someIds(missingIds)} of the batch is not stored here.`
      : ` ${missingIds.length} appraisals of the batch are not stored here: ${someIds(missingIds)}.`;
  const refused = ` The batch of ${writes.length} appraisals was refused as a whole and nothing in it was written.`;
  if (firstConflict) {
    const others = conflictingIds.length > 1 ? ` ${conflictingIds.length} appraisals of the batch were changed by someone else first: ${someIds(conflictingIds)}.` : '';
    throw new StoreConflictError(firstConflict.current, firstConflict.expectedRevision, firstConflict.message + others + missing + refused,
      { conflictingIds, cause: firstConflict });
  }
  if (firstMissing) throw new StoreError('not-found', firstMissing.message + missing + refused, { cause: firstMissing });
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
type AppraisalNotice = Omit<Extract<ChangeNotice, { type: 'appraisal' }>, 'type' | 'origin'>;

/**
 * What crosses the BroadcastChannel: the notices listeners hear, and a batch's notices as one message
 * (one message instead of thousands; the receiving tab hands its listeners one `appraisal` change each).
 */
type ChannelMessage = Unlocated<ChangeNotice> | { type: 'appraisals'; changes: AppraisalNotice[] };

function isChannelMessage(data: unknown): data is ChannelMessage {
  const type = (data as { type?: unknown } | null)?.type;
  if (type === 'appraisals') return Array.isArray((data as { changes?: unknown }).changes);
  return type === 'appraisal' || type === 'draft' || type === 'rubric';
}

/** What a backend's `writeDraft` found stored and what it wrote in its place (undefined: nothing). */
export interface DraftWrite {
  stored: Draft | undefined;
  written: Draft | undefined;
}

export abstract class StoreBase implements KaoheStore {
  readonly #listeners = new Set<StoreListener>();
  readonly #channel: BroadcastChannel | undefined;
  #closedMessage: string | undefined;
  /** the audit head after this instance's last append; saves a read per write while no other tab appends */
  #headHint: AuditHead | undefined;
  /** the last write's preparation (head read and hashing); the next waits for it, not for its commit */
  #preparing: Promise<void> = Promise.resolve();
  /** appends of this instance, one after the other */
  #appendQueue: Promise<unknown> = Promise.resolve();
  readonly #lockName: string | undefined;

  /** @param channelName BroadcastChannel shared by every instance on the same data, or none */
  protected constructor(channelName?: string) {
    this.#lockName = channelName;
    if (channelName !== undefined && typeof BroadcastChannel === 'function') {
      this.#channel = new BroadcastChannel(channelName);
      this.#channel.onmessage = (event: MessageEvent) => {
        const message: unknown = event.data;
        if (!isChannelMessage(message)) return;
        if (message.type === 'appraisals') {
          for (const change of message.changes) this.#dispatch({ type: 'appraisal', ...change, origin: 'remote' });
        } else {
          this.#dispatch({ ...message, origin: 'remote' } as StoreChange);
        }
      };
    }
  }

  // ---- primitives a backend supplies ----
  protected abstract readAppraisal(id: string): Promise<AppraisalRecord | undefined>;
  protected abstract readAuditHead(): Promise<AuditHead>;
  /**
   * Must read every stored record, call `checkRevisions` and compare the head inside the same atomic
   * section as the writes, so a commit of many appraisals lands whole or not at all. A backend that
   * holds the log's head under a lock inside that section (a database row lock) may instead chain
   * `events` again onto the head it finds there, and never answer 'head-moved'.
   */
  protected abstract commitAppraisals(commit: AppraisalCommit): Promise<CommitOutcome>;
  /** Up to `take` matches with id > `after`, by id. */
  protected abstract queryAppraisals(filter: AppraisalFilter, after: string | undefined, take: number): Promise<AppraisalRecord[]>;
  protected abstract queryTasks(userId: string, after: string | undefined, take: number): Promise<AppraisalRecord[]>;
  /** How many records `queryTasks` would find for `userId` over every page. */
  protected abstract countTaskRecords(userId: string): Promise<number>;
  /**
   * Reads the person's stored draft and writes what `next` makes of it (nothing when it answers
   * undefined), in one atomic step, so two tabs saving at once never both build on the same revision.
   */
  protected abstract writeDraft(appraisalId: string, userId: string, next: (stored: Draft | undefined) => Draft | undefined): Promise<DraftWrite>;
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
      const [saved] = await this.#putAll([{ ...options, record }]);
      if (!saved) throw new Error(`Appraisal ${record.id} was committed but not returned.`);
      return saved;
    });
  }

  putAppraisals(writes: readonly AppraisalWrite[]): Promise<AppraisalRecord[]> {
    const [first] = writes;
    const context = writes.length === 1 && first ? `Saving appraisal ${first.record.id}` : `Saving ${writes.length} appraisals`;
    return this.#run(context, () => this.#putAll(writes));
  }

  async #putAll(writes: readonly AppraisalWrite[]): Promise<AppraisalRecord[]> {
    if (writes.length === 0) return [];
    const prepared: RevisionedRecord[] = [];
    const entries: AuditEntry[] = [];
    const ids = new Set<string>();
    // Everything a caller can get wrong is refused here, before any hashing or transaction.
    for (const write of writes) {
      const record = toJson(write.record);
      assertExpectedRevision(write.expectedRevision);
      if (ids.has(record.id)) {
        throw new TypeError(`Appraisal ${record.id} appears twice in one batch; save its revisions one after the other.`);
      }
      ids.add(record.id);
      for (const entry of write.audit ?? []) {
        if (entry.appraisalId !== record.id) {
          throw new TypeError(`An audit entry for ${entry.appraisalId} cannot be written with appraisal ${record.id}.`);
        }
        entries.push(entry);
      }
      prepared.push({ record, expectedRevision: write.expectedRevision, ...(write.audience ? { audience: toJson(write.audience) } : {}) });
    }
    const commit = (): Promise<void> => this.#commitWithRetries(prepared, entries);
    await (entries.length > 0 ? this.serializeAppends(commit) : commit());
    this.#notifyAppraisals(prepared.map(({ record, audience }) => ({ id: record.id, revision: record.revision, ...(audience ? { audience } : {}) })));
    // The backend stored copies of these, so handing them out shares nothing with the store.
    return prepared.map(({ record }) => record);
  }

  async #commitWithRetries(writes: readonly RevisionedRecord[], entries: readonly AuditEntry[]): Promise<void> {
    for (let attempt = 0; attempt < MAX_AUDIT_RETRIES; attempt += 1) {
      // Writes reach commitAppraisals in the order they were made: the hashing before it is async (Web
      // Crypto's HMAC finishes in any order under load), and a backend that commits side by side (PgStore)
      // would otherwise check a save on revision 3 before the one that makes revision 2, and refuse it.
      const turn = this.#preparing;
      let done!: () => void;
      this.#preparing = new Promise((resolve) => { done = resolve; });
      let committing: Promise<CommitOutcome>;
      try {
        await turn;
        const seenHead = entries.length > 0 ? (this.#headHint ?? await this.readAuditHead()) : null;
        // The whole batch is hashed before the transaction opens: an IndexedDB transaction cannot wait for Web Crypto.
        const events = seenHead ? await sealAuditEvents(seenHead, entries) : [];
        const newHead = headAfter(seenHead ?? EMPTY_HEAD, events);
        committing = this.commitAppraisals({ writes, seenHead, events, newHead }).then((outcome) => {
          if (outcome === 'committed' && seenHead) this.#headHint = newHead;
          return outcome;
        });
      } finally {
        done();
      }
      const outcome = await committing;
      if (outcome === 'committed') return;
      this.#headHint = undefined;
    }
    const [only] = writes;
    throw new StoreError('conflict', (writes.length === 1 && only ? `Appraisal ${only.record.id} was not saved` : `None of the ${writes.length} appraisals was saved`) +
      ': the audit log kept changing underneath (other tabs saving at the same moment). Save again.');
  }

  /**
   * Hashing is async and IndexedDB transactions cannot wait for it, so an append is sealed first and
   * committed only if the log has not moved. Queuing appends (and, where the browser has Web Locks,
   * holding a lock shared by every tab) keeps that check from failing over and over under load.
   * A backend that chains inside its transaction under a lock of its own overrides this to let
   * audited writes run side by side: the lock then orders only the append, not the whole write.
   */
  protected serializeAppends<T>(body: () => Promise<T>): Promise<T> {
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

  countTasks(userId: string): Promise<number> {
    return this.#run(`Counting the tasks of ${userId}`, () => this.countTaskRecords(userId));
  }

  saveDraft(draft: Draft, options: SaveDraftOptions = {}): Promise<Draft> {
    const { expectedRevision } = options;
    if (expectedRevision !== undefined) assertExpectedRevision(expectedRevision);
    return this.#run(`Saving the draft of appraisal ${draft.appraisalId}`, async () => {
      const given = toJson(draft);
      const { stored, written } = await this.writeDraft(draft.appraisalId, draft.userId, (before) => {
        const revision = before?.revision ?? 0;
        // A newer draft of the same person is another tab's typing: it is never silently replaced.
        if (expectedRevision !== undefined && before !== undefined && revision !== expectedRevision) return undefined;
        return { ...given, revision: revision + 1 };
      });
      if (!written) throw new DraftConflictError(stored!, expectedRevision!);
      this.#notify({ type: 'draft', appraisalId: draft.appraisalId, userId: draft.userId, deleted: false });
      return toJson(written);
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
      return this.verifyLog(events, head);
    });
  }

  exportAudit(): Promise<string> {
    return this.#run('Exporting the audit log', async () => {
      const { events, head } = await this.readAuditSnapshot();
      const verification = await this.verifyLog(events, head);
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

  /**
   * Whether the log read by `readAuditSnapshot` holds: the hash chain, and whatever a backend adds
   * (the server checks each event's HMAC seal too, so a rewritten chain is caught without the key).
   */
  protected verifyLog(events: readonly AuditEvent[], head: AuditHead): Promise<AuditVerification> {
    return verifyAuditChain(events, head);
  }

  /** Hands listeners a change another instance made, heard through the backend's own channel (PostgreSQL NOTIFY). */
  protected receiveRemote(change: Unlocated<ChangeNotice>): void {
    if (this.#closedMessage !== undefined) return;
    this.#dispatch({ ...change, origin: 'remote' } as StoreChange);
  }

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
    this.#post(notice);
  }

  #notifyAppraisals(changes: readonly AppraisalNotice[]): void {
    for (const change of changes) this.#dispatch({ type: 'appraisal', ...change, origin: 'local' });
    const [only] = changes;
    // A single save keeps the one-record message, which tabs still running an older Kaohe understand.
    this.#post(changes.length === 1 && only ? { type: 'appraisal', ...only } : { type: 'appraisals', changes: [...changes] });
  }

  #post(message: ChannelMessage): void {
    try {
      this.#channel?.postMessage(message);
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
