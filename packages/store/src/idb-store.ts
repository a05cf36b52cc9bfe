import type { Rubric } from '@kaohe/scoring';
import type { AppraisalRecord, AuditEvent } from '@kaohe/workflow';
import { type IDBPDatabase, type IDBPTransaction, type StoreNames, deleteDB, openDB, unwrap } from 'idb';
import type { Draft } from './types.ts';
import { type AuditHead, EMPTY_HEAD } from './audit.ts';
import { type AppraisalCommit, type AppraisalFilter, type CommitOutcome, type DraftWrite, StoreBase, checkRevisions, matchesFilter } from './base-store.ts';
import { StoreError, storeError, toStoreError } from './errors.ts';
import { AUDIT_HEAD_KEY, type KaoheDB, SCHEMA_VERSION, migrate } from './schema.ts';

export interface IdbStoreOptions {
  /**
   * How long to wait for other tabs to let go of an older database version before giving up with
   * a `blocked` error. Our own tabs let go at once (see `blocking`), so a wait means a stuck tab.
   */
  blockedTimeoutMs?: number;
}

type Names = StoreNames<KaoheDB>;
type Tx<N extends Names[], M extends IDBTransactionMode> = IDBPTransaction<KaoheDB, N, M>;

/** The name of the BroadcastChannel that carries change notices between tabs on one database. */
export function channelNameFor(databaseName: string): string {
  return `kaohe-store:${databaseName}`;
}

/** The embedded default: IndexedDB through idb, one database per name, shared by every tab of the origin. */
export class IdbStore extends StoreBase {
  readonly databaseName: string;
  readonly #db: IDBPDatabase<KaoheDB>;

  private constructor(databaseName: string, db: IDBPDatabase<KaoheDB>) {
    super(channelNameFor(databaseName));
    this.databaseName = databaseName;
    this.#db = db;
  }

  /**
   * Opens (creating or upgrading) the database.
   * @throws StoreError `unavailable` when IndexedDB is missing or refuses to open (private mode, policy),
   *   `blocked` when another tab keeps an older version open.
   */
  static async open(databaseName = 'kaohe', options: IdbStoreOptions = {}): Promise<IdbStore> {
    const context = `Opening the Kaohe database "${databaseName}"`;
    if (typeof indexedDB === 'undefined') throw storeError('unavailable', context);
    const blockedTimeoutMs = options.blockedTimeoutMs ?? 3000;
    // Filled in as the open proceeds; the callbacks below may run before or after.
    const opened: { store?: IdbStore; connection?: IDBPDatabase<KaoheDB> } = {};
    let migrationFailure: unknown;
    let onBlocked: (() => void) | undefined;
    const blocked = new Promise<never>((_, reject) => {
      onBlocked = () => setTimeout(() => reject(storeError('blocked', context)), blockedTimeoutMs);
    });
    blocked.catch(() => { /* only observed when it wins the race below */ });

    // openDB throws synchronously where IndexedDB exists but is switched off; the promise handles both.
    const opening = Promise.resolve().then(() => openDB<KaoheDB>(databaseName, SCHEMA_VERSION, {
      upgrade(db, oldVersion, newVersion, tx) {
        // A failed upgrade is reported through the open's rejection below.
        tx.done.catch(() => undefined);
        migrate(db, oldVersion, newVersion ?? SCHEMA_VERSION, tx).catch((error: unknown) => {
          migrationFailure = error;
          try { tx.abort(); } catch { /* already finished */ }
        });
      },
      blocked() {
        onBlocked?.();
      },
      blocking() {
        // Another tab wants a newer schema: step aside at once instead of blocking it, and tell this tab's UI.
        if (opened.store) {
          opened.store.markClosed('Kaohe was updated in another tab, which closed the database here. Reload the page to continue.',
            { type: 'closed', reason: 'upgrade', origin: 'local' });
        }
        opened.connection?.close();
      },
      terminated() {
        opened.store?.markClosed('The browser closed the Kaohe database (storage cleared or an error). Reload the page to continue.',
          { type: 'closed', reason: 'terminated', origin: 'local' });
      },
    }));

    try {
      opened.connection = await Promise.race([opening, blocked]);
    } catch (error) {
      // A late open after a timeout must not linger and block someone else in turn.
      opening.then((db) => db.close(), () => undefined);
      if (migrationFailure !== undefined) {
        const reason = migrationFailure instanceof Error ? migrationFailure.message : String(migrationFailure);
        throw new StoreError('unavailable',
          `${context}: upgrading the stored data failed (${reason}). Nothing was changed; reload to try again, and tell your administrator if it keeps failing.`,
          { cause: migrationFailure });
      }
      const mapped = toStoreError(error, context);
      throw mapped instanceof StoreError ? mapped : storeError('unavailable', context, error);
    }
    opened.store = new IdbStore(databaseName, opened.connection);
    return opened.store;
  }

  /** Removes a database and everything in it (tests, "forget this device"). */
  static async deleteDatabase(databaseName: string): Promise<void> {
    await deleteDB(databaseName);
  }

  protected async readAppraisal(id: string): Promise<AppraisalRecord | undefined> {
    return this.#db.get('appraisals', id);
  }

  protected async readAuditHead(): Promise<AuditHead> {
    return (await this.#db.get('meta', AUDIT_HEAD_KEY)) ?? EMPTY_HEAD;
  }

  protected commitAppraisals(commit: AppraisalCommit): Promise<CommitOutcome> {
    return this.#transact(['appraisals', 'audit', 'meta'], 'readwrite', async (tx) => {
      // Plain requests rather than idb's promise per request: a batch makes tens of thousands of them, and
      // a promise and two listeners each cost a tenth of the commit (measured with the store bench).
      const appraisals = unwrap(tx.objectStore('appraisals'));
      const meta = unwrap(tx.objectStore('meta'));
      const reads = await inSlices(commit.writes, ({ record }) => appraisals.get(record.id) as IDBRequest<AppraisalRecord | undefined>);
      checkRevisions(reads.map((read) => read.result), commit.writes);
      if (commit.seenHead) {
        const headRead = meta.get(AUDIT_HEAD_KEY) as IDBRequest<AuditHead | undefined>;
        await succeeded(headRead);
        const head = headRead.result ?? EMPTY_HEAD;
        if (head.seq !== commit.seenHead.seq || head.hash !== commit.seenHead.hash) return 'head-moved';
        const audit = unwrap(tx.objectStore('audit'));
        // `add`, not `put`: an existing seq is never overwritten, whatever happens. A failing request
        // aborts the transaction, and #transact reports that through `tx.done`.
        await inSlices(commit.events, (event) => audit.add(event));
        meta.put(commit.newHead, AUDIT_HEAD_KEY);
      }
      await inSlices(commit.writes, ({ record }) => appraisals.put(record));
      return 'committed';
    });
  }

  protected queryAppraisals(filter: AppraisalFilter, after: string | undefined, take: number): Promise<AppraisalRecord[]> {
    // Equality on one index narrows the scan; the other conditions are checked on the way.
    const indexed: Array<['employeeId' | 'period' | 'status', string | undefined]> =
      [['employeeId', filter.employeeId], ['period', filter.period], ['status', filter.status]];
    const chosen = indexed.find(([, value]) => value !== undefined);
    const accept = (record: AppraisalRecord): boolean => matchesFilter(record, filter);
    if (chosen && chosen[1] !== undefined) return this.#scanIndex(chosen[0], chosen[1], after, take, accept);
    return this.#transact(['appraisals'], 'readonly', async (tx) => {
      const found: AppraisalRecord[] = [];
      let cursor = await tx.objectStore('appraisals').openCursor(after === undefined ? null : IDBKeyRange.lowerBound(after, true));
      while (cursor && found.length < take) {
        if (accept(cursor.value)) found.push(cursor.value);
        cursor = await cursor.continue();
      }
      return found;
    });
  }

  protected queryTasks(userId: string, after: string | undefined, take: number): Promise<AppraisalRecord[]> {
    return this.#scanIndex('assignees', userId, after, take, () => true);
  }

  protected async countTaskRecords(userId: string): Promise<number> {
    // The multi-entry index holds a record once per distinct assignee, so this is the record count
    // `queryTasks` pages through, read from the index alone (no record is cloned).
    return this.#db.countFromIndex('appraisals', 'assignees', userId);
  }

  protected writeDraft(appraisalId: string, userId: string, next: (stored: Draft | undefined) => Draft | undefined): Promise<DraftWrite> {
    // Read and write in one readwrite transaction: another tab's save of the same draft waits for it.
    return this.#transact(['drafts'], 'readwrite', async (tx) => {
      const drafts = tx.objectStore('drafts');
      const stored = await drafts.get([appraisalId, userId]);
      const written = next(stored);
      if (written) await drafts.put(written);
      return { stored, written };
    });
  }

  protected async readDraft(appraisalId: string, userId: string): Promise<Draft | undefined> {
    return this.#db.get('drafts', [appraisalId, userId]);
  }

  protected async removeDraft(appraisalId: string, userId: string): Promise<void> {
    await this.#transact(['drafts'], 'readwrite', async (tx) => {
      await tx.objectStore('drafts').delete([appraisalId, userId]);
    });
  }

  protected insertRubric(rubric: Rubric): Promise<Rubric | undefined> {
    return this.#transact(['rubrics'], 'readwrite', async (tx) => {
      const rubrics = tx.objectStore('rubrics');
      const existing = await rubrics.get([rubric.id, rubric.version]);
      if (existing) return existing;
      await rubrics.put(rubric);
      return undefined;
    });
  }

  protected async readRubric(id: string, version: number): Promise<Rubric | undefined> {
    return this.#db.get('rubrics', [id, version]);
  }

  protected async readRubricVersions(id: string): Promise<number[]> {
    const keys = await this.#db.getAllKeys('rubrics', IDBKeyRange.bound([id, -Infinity], [id, Infinity]));
    return keys.map(([, version]) => version);
  }

  protected async readAudit(appraisalId: string | undefined): Promise<AuditEvent[]> {
    return appraisalId === undefined
      ? this.#db.getAll('audit')
      : this.#db.getAllFromIndex('audit', 'appraisalId', appraisalId);
  }

  protected readAuditSnapshot(): Promise<{ events: AuditEvent[]; head: AuditHead }> {
    return this.#transact(['audit', 'meta'], 'readonly', async (tx) => {
      const [events, head] = await Promise.all([tx.objectStore('audit').getAll(), tx.objectStore('meta').get(AUDIT_HEAD_KEY)]);
      return { events, head: head ?? EMPTY_HEAD };
    });
  }

  protected async closeBackend(): Promise<void> {
    this.#db.close();
  }

  /**
   * Runs `body` in one transaction and resolves only once it has committed; any failure aborts it,
   * so a write is either all there or not there at all.
   */
  async #transact<N extends Names[], M extends IDBTransactionMode, R>(names: N, mode: M, body: (tx: Tx<N, M>) => Promise<R>): Promise<R> {
    const tx = this.#db.transaction(names, mode) as unknown as Tx<N, M>;
    const done = tx.done;
    done.catch(() => { /* awaited below, or superseded by the body's own error */ });
    try {
      const result = await body(tx);
      await done;
      return result;
    } catch (error) {
      try { tx.abort(); } catch { /* already committed or aborted */ }
      throw error;
    }
  }

  /** Records under `indexName` = `value` whose id is after `after`, in id order. */
  #scanIndex(indexName: 'assignees' | 'employeeId' | 'period' | 'status', value: string, after: string | undefined, take: number,
    accept: (record: AppraisalRecord) => boolean): Promise<AppraisalRecord[]> {
    return this.#transact(['appraisals'], 'readonly', async (tx) => {
      const found: AppraisalRecord[] = [];
      let cursor = await tx.objectStore('appraisals').index(indexName).openCursor(IDBKeyRange.only(value));
      if (cursor && after !== undefined) {
        // Within one index key the cursor runs in primary-key order, so resuming is a jump to the last id seen.
        if (indexedDB.cmp(cursor.primaryKey, after) < 0) cursor = await cursor.continuePrimaryKey(value, after);
        if (cursor && indexedDB.cmp(cursor.primaryKey, after) === 0) cursor = await cursor.continue();
      }
      while (cursor && found.length < take) {
        if (accept(cursor.value)) found.push(cursor.value);
        cursor = await cursor.continue();
      }
      return found;
    });
  }
}

/**
 * A batch's requests are made this many at a time. Cloning thousands of records in one go would hold
 * the page for about a second; waiting for each slice lets it respond in between, and the transaction
 * stays open because a request is always pending or being answered.
 */
const REQUESTS_PER_SLICE = 500;

/** One request per item, a slice at a time; resolves once every request has succeeded. */
async function inSlices<T, R>(items: readonly T[], issue: (item: T) => IDBRequest<R>): Promise<Array<IDBRequest<R>>> {
  const requests: Array<IDBRequest<R>> = [];
  for (let from = 0; from < items.length; from += REQUESTS_PER_SLICE) {
    const end = Math.min(items.length, from + REQUESTS_PER_SLICE);
    for (let index = from; index < end; index += 1) requests.push(issue(items[index] as T));
    const last = requests[requests.length - 1];
    if (last) await succeeded(last);
  }
  return requests;
}

/** Requests of one transaction complete in the order they were made, so the last one's success means every one before it succeeded. */
function succeeded(request: IDBRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new DOMException('The request failed.', 'UnknownError'));
  });
}
