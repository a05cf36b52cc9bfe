// The page's IndexedDB store (idb), opened when something first reads or writes it: a page that only
// shows a rubric form without an appraisal never downloads the store's code or opens the database
// (issue 14). Every call waits for the opening and then goes to the real store, so a caller sees the
// same store it always did. Where the browser refuses IndexedDB (private windows, locked-down
// browsers), the page gets a memory store with a warning, as `Kaohe.configure` gave it before.
import type { Rubric } from '@kaohe/scoring';
import type { AppraisalRecord, AuditEvent } from '@kaohe/workflow';
import type {
  AppraisalQuery, AppraisalWrite, AuditVerification, Draft, KaoheStore, Page, PageOptions, PutAppraisalOptions, StoreListener,
} from '@kaohe/store';

/** Opens the named IndexedDB store, or a memory store with a warning where IndexedDB is refused. */
async function openStore(name: string): Promise<KaoheStore> {
  try {
    const { IdbStore } = await import('./local-store.ts');
    return await IdbStore.open(name);
  } catch (error) {
    console.warn(`Kaohe: IndexedDB is unavailable (${error instanceof Error ? error.message : String(error)}); `
      + 'appraisals are kept in memory and lost on reload. Pass a `store` to Kaohe.configure to persist them elsewhere.');
    const { MemoryStore } = await import('./memory-store.ts');
    return new MemoryStore();
  }
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
  #opening: Promise<KaoheStore> | undefined;
  /** work to do as the store opens, before any call reaches it (see `whenOpened`) */
  readonly #onOpen: Array<(store: KaoheStore) => Promise<unknown>> = [];

  /** `open` makes the store at the first call: by default the named IndexedDB store (memory where refused). */
  constructor(databaseName: string, open: (name: string) => Promise<KaoheStore> = openStore) {
    this.#name = databaseName;
    this.#open = open;
  }

  /** The opened store (opening it at the first call). A failed import may be retried by the next call. */
  #store(): Promise<KaoheStore> {
    this.#opening ??= this.#open(this.#name).then(async (store) => {
      for (const task of this.#onOpen.splice(0)) await task(store);
      return store;
    });
    this.#opening.catch(() => { this.#opening = undefined; });
    return this.#opening;
  }

  /**
   * Runs `task` on the store as it opens, before any other call is answered (at once, after what is
   * queued, when it is already opening): the configured rubrics are written so, without opening the
   * database for a page that never reads it.
   */
  whenOpened(task: (store: KaoheStore) => Promise<unknown>): void {
    if (this.#opening) void this.#opening.then(task).catch(() => undefined);
    else this.#onOpen.push(task);
  }

  async getAppraisal(id: string): Promise<AppraisalRecord | undefined> { return (await this.#store()).getAppraisal(id); }
  async putAppraisal(record: AppraisalRecord, options: PutAppraisalOptions): Promise<AppraisalRecord> { return (await this.#store()).putAppraisal(record, options); }
  async putAppraisals(writes: readonly AppraisalWrite[]): Promise<AppraisalRecord[]> { return (await this.#store()).putAppraisals(writes); }
  async listAppraisals(query?: AppraisalQuery): Promise<Page<AppraisalRecord>> { return (await this.#store()).listAppraisals(query); }
  async listTasks(userId: string, options?: PageOptions): Promise<Page<AppraisalRecord>> { return (await this.#store()).listTasks(userId, options); }
  async countTasks(userId: string): Promise<number> { return (await this.#store()).countTasks(userId); }
  async saveDraft(draft: Draft): Promise<Draft> { return (await this.#store()).saveDraft(draft); }
  async loadDraft(appraisalId: string, userId: string): Promise<Draft | undefined> { return (await this.#store()).loadDraft(appraisalId, userId); }
  async deleteDraft(appraisalId: string, userId: string): Promise<void> { return (await this.#store()).deleteDraft(appraisalId, userId); }
  async putRubric(rubric: Rubric): Promise<Rubric> { return (await this.#store()).putRubric(rubric); }
  async getRubric(id: string, version: number): Promise<Rubric | undefined> { return (await this.#store()).getRubric(id, version); }
  async listRubricVersions(id: string): Promise<number[]> { return (await this.#store()).listRubricVersions(id); }
  async listAudit(appraisalId?: string): Promise<AuditEvent[]> { return (await this.#store()).listAudit(appraisalId); }
  async verifyAudit(): Promise<AuditVerification> { return (await this.#store()).verifyAudit(); }
  async exportAudit(): Promise<string> { return (await this.#store()).exportAudit(); }

  /** Listens once the store is open; subscribing opens it, so changes made in other tabs are heard too. */
  subscribe(listener: StoreListener): () => void {
    let unsubscribe: (() => void) | undefined;
    let cancelled = false;
    this.#store().then((store) => {
      if (!cancelled) unsubscribe = store.subscribe(listener);
    }, () => undefined);
    return () => {
      cancelled = true;
      unsubscribe?.();
    };
  }

  /** Closes the store if it was opened; one never opened has nothing to close. */
  async close(): Promise<void> {
    if (this.#opening) await (await this.#opening).close();
  }
}
