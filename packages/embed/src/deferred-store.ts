// The page's IndexedDB store (idb), opened when something first reads or writes it: a page that only
// shows a rubric form without an appraisal never downloads the store's code or opens the database
// (issue 14). Every call waits for the opening and then goes to the real store, so a caller sees the
// same store it always did. Where the browser refuses IndexedDB (private windows, locked-down
// browsers), the page gets a memory store with a warning, as `Kaohe.configure` gave it before. The
// store's code failing to download (offline) is not a refusal: that call fails and the next one
// imports it again, so the page never falls back to memory for a chunk that did not arrive.
import type { Rubric } from '@kaohe/scoring';
import type { AppraisalRecord, AuditEvent } from '@kaohe/workflow';
import type {
  AppraisalQuery, AppraisalWrite, AuditVerification, Draft, KaoheStore, Page, PageOptions, PutAppraisalOptions, SaveDraftOptions, StoreListener,
} from '@kaohe/store';

type LocalStoreModule = typeof import('./local-store.ts');

/**
 * How to open the named IndexedDB store: import its code (`importStore`; a failure rejects, to be
 * tried again by the next call), then open it, or a memory store with a warning where IndexedDB
 * itself refuses.
 */
export function indexedDbOpener(importStore: () => Promise<LocalStoreModule> = () => import('./local-store.ts')): (name: string) => Promise<KaoheStore> {
  return async (name) => {
    const { IdbStore } = await importStore();
    try {
      return await IdbStore.open(name);
    } catch (error) {
      console.warn(`Kaohe: IndexedDB is unavailable (${error instanceof Error ? error.message : String(error)}); `
        + 'appraisals are kept in memory and lost on reload. Pass a `store` to Kaohe.configure to persist them elsewhere.');
      const { MemoryStore } = await import('./memory-store.ts');
      return new MemoryStore();
    }
  };
}

/**
 * The memory store a page on a server keeps (it holds no appraisals of its own), imported at its first
 * read or write: a payslip or an inbox on the server never reads it, and never downloads it.
 */
export async function openMemoryStore(): Promise<KaoheStore> {
  const { MemoryStore } = await import('./memory-store.ts');
  return new MemoryStore();
}

export class DeferredStore implements KaoheStore {
  readonly #name: string;
  readonly #open: (name: string) => Promise<KaoheStore>;
  /** the one opening under way (single flight); cleared only by its own failure */
  #opening: Promise<KaoheStore> | undefined;
  /** the store, once opened and its queued work done */
  #opened: KaoheStore | undefined;
  /** work to do as the store opens, before any call reaches it (see `whenOpened`, `subscribe`) */
  readonly #onOpen: Array<(store: KaoheStore) => unknown> = [];

  /** `open` makes the store at the first call: by default the named IndexedDB store (memory where refused). */
  constructor(databaseName: string, open: (name: string) => Promise<KaoheStore> = indexedDbOpener()) {
    this.#name = databaseName;
    this.#open = open;
  }

  /** The opened store (opening it at the first call). A failed opening is tried again by the next call. */
  #store(): Promise<KaoheStore> {
    if (this.#opened) return Promise.resolve(this.#opened);
    if (this.#opening) return this.#opening;
    const opening = this.#open(this.#name).then(async (store) => {
      // what is queued meanwhile runs too, before any call is answered (storeRubrics catches its own failures)
      for (let task = this.#onOpen.shift(); task; task = this.#onOpen.shift()) await task(store);
      this.#opened = store;
      return store;
    });
    this.#opening = opening;
    opening.catch(() => {
      if (this.#opening === opening) this.#opening = undefined;
    });
    return opening;
  }

  /**
   * Runs `task` on the store as it opens, before any other call is answered (at once when it is
   * already open): the configured rubrics are written so, without opening the database for a page that
   * never reads it. An opening that fails keeps the task for the one that succeeds.
   */
  whenOpened(task: (store: KaoheStore) => Promise<unknown>): void {
    if (this.#opened) void task(this.#opened).catch(() => undefined);
    else this.#onOpen.push(task);
  }

  async getAppraisal(id: string): Promise<AppraisalRecord | undefined> { return (await this.#store()).getAppraisal(id); }
  async putAppraisal(record: AppraisalRecord, options: PutAppraisalOptions): Promise<AppraisalRecord> { return (await this.#store()).putAppraisal(record, options); }
  async putAppraisals(writes: readonly AppraisalWrite[]): Promise<AppraisalRecord[]> { return (await this.#store()).putAppraisals(writes); }
  async listAppraisals(query?: AppraisalQuery): Promise<Page<AppraisalRecord>> { return (await this.#store()).listAppraisals(query); }
  async listTasks(userId: string, options?: PageOptions): Promise<Page<AppraisalRecord>> { return (await this.#store()).listTasks(userId, options); }
  async countTasks(userId: string): Promise<number> { return (await this.#store()).countTasks(userId); }
  async saveDraft(draft: Draft, options?: SaveDraftOptions): Promise<Draft> { return (await this.#store()).saveDraft(draft, options); }
  async loadDraft(appraisalId: string, userId: string): Promise<Draft | undefined> { return (await this.#store()).loadDraft(appraisalId, userId); }
  async deleteDraft(appraisalId: string, userId: string): Promise<void> { return (await this.#store()).deleteDraft(appraisalId, userId); }
  async putRubric(rubric: Rubric): Promise<Rubric> { return (await this.#store()).putRubric(rubric); }
  async getRubric(id: string, version: number): Promise<Rubric | undefined> { return (await this.#store()).getRubric(id, version); }
  async listRubricVersions(id: string): Promise<number[]> { return (await this.#store()).listRubricVersions(id); }
  async listAudit(appraisalId?: string): Promise<AuditEvent[]> { return (await this.#store()).listAudit(appraisalId); }
  async verifyAudit(): Promise<AuditVerification> { return (await this.#store()).verifyAudit(); }
  async exportAudit(): Promise<string> { return (await this.#store()).exportAudit(); }

  /**
   * Listens once the store is open; subscribing opens it, so changes made in other tabs are heard too.
   * If that opening fails (the store's code did not download), the failure is told and the listener is
   * attached when a later call opens the store.
   */
  subscribe(listener: StoreListener): () => void {
    let unsubscribe: (() => void) | undefined;
    let cancelled = false;
    const attach = (store: KaoheStore): void => {
      if (!cancelled) unsubscribe = store.subscribe(listener);
    };
    if (this.#opened) attach(this.#opened);
    else {
      this.#onOpen.push(attach);
      this.#store().catch((error: unknown) => console.warn('Kaohe: the store did not open (yet):', error));
    }
    return () => {
      cancelled = true;
      unsubscribe?.();
    };
  }

  /** Closes the store if it was opened; one never opened has nothing to close. */
  async close(): Promise<void> {
    await (this.#opened ?? await this.#opening)?.close();
  }
}
