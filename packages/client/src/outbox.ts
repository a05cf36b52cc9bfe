// The offline outbox: what a person typed or decided while the server could not be reached, kept in
// this browser's IndexedDB (idb, as @kaohe/store uses) per server and person, in the order it
// happened, until the server has it. Beside it, the last answer of each read (views, tasks, rubrics,
// drafts, the people), so a page reloaded while offline still shows what it showed and restores
// everything typed. Nothing here decides: items wait, are sent in order, and what the server refuses
// stays here with its refusal so neither version is lost.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Refusal } from '@kaohe/service';

/** What the person sent, as the service's calls take it. */
export type OutboxWork =
  /** `draftRevision`: the revision of the person's draft on the server this typing builds on (absent in items from before it was sent) */
  | { kind: 'draft'; appraisalId: string; input: { entries: Record<string, unknown>; attendance?: unknown; baseRevision: number; draftRevision?: number } }
  /** `lend`: a delegation lent with the action (the inbox's delegate), sent with it */
  | { kind: 'action'; appraisalId: string; action: unknown; expectedRevision?: number; lend?: unknown }
  | { kind: 'discardDraft'; appraisalId: string };

/**
 * `waiting`: to be sent. `refused`: the server said no (stale: someone wrote first; or the chain moved
 * on): kept, with the refusal, until the person resolves it — their version is never dropped.
 */
export type OutboxItem = OutboxWork & {
  seq: number; at: string; state: 'waiting' | 'refused'; refusal?: Refusal;
  /** how many times the server failed (5xx) on this item so far; absent until it first did */
  attempts?: number;
};

const isDraftWork = (item: OutboxWork): boolean => item.kind === 'draft' || item.kind === 'discardDraft';

interface OutboxSchema extends DBSchema {
  items: { key: number; value: OutboxItem };
  reads: { key: string; value: { key: string; value: unknown } };
}

export function outboxName(server: string, user: string): string {
  const base = typeof location === 'undefined' ? server : new URL(server, location.href).href;
  return `kaohe-outbox:${base}:${user}`;
}

export class Outbox {
  readonly #db: IDBPDatabase<OutboxSchema>;

  private constructor(db: IDBPDatabase<OutboxSchema>, readonly name: string) {
    this.#db = db;
  }

  static async open(name: string): Promise<Outbox> {
    const db = await openDB<OutboxSchema>(name, 1, {
      upgrade(database) {
        database.createObjectStore('items', { keyPath: 'seq', autoIncrement: true });
        database.createObjectStore('reads', { keyPath: 'key' });
      },
    });
    return new Outbox(db, name);
  }

  /** Every item in the order it was added. */
  async items(): Promise<OutboxItem[]> {
    return this.#db.getAll('items');
  }

  /**
   * Adds `work` at the end. A draft replaces the person's waiting draft of the same appraisal (only the
   * latest typing matters) but still goes to the end, after any action queued before it.
   */
  async add(work: OutboxWork, at: string): Promise<OutboxItem> {
    const tx = this.#db.transaction('items', 'readwrite');
    if (isDraftWork(work)) {
      for (const item of await tx.store.getAll()) {
        if (isDraftWork(item) && item.appraisalId === work.appraisalId && item.state === 'waiting') await tx.store.delete(item.seq);
      }
    }
    const seq = await tx.store.add({ ...work, at, state: 'waiting' } as OutboxItem);
    await tx.done;
    return { ...work, at, state: 'waiting', seq } as OutboxItem;
  }

  async remove(seq: number): Promise<void> {
    await this.#db.delete('items', seq);
  }

  /**
   * The server took `work` (an item sent from here, with its `seq`, or one sent straight away, without):
   * the item goes, and when it is a draft (or its discard) every refused draft of the same appraisal
   * made before it goes with it, in the same transaction. A refused draft stays only while it is the
   * person's latest typing; once a later one is taken it has served, and keeping it would offer the
   * older text back (loadDraft) to be saved over the newer one.
   */
  async taken(work: OutboxWork & { seq?: number }): Promise<void> {
    const tx = this.#db.transaction('items', 'readwrite');
    const before = work.seq ?? Number.POSITIVE_INFINITY;
    if (work.seq !== undefined) await tx.store.delete(work.seq);
    if (isDraftWork(work)) {
      for (const item of await tx.store.getAll()) {
        if (item.state === 'refused' && isDraftWork(item) && item.appraisalId === work.appraisalId && item.seq < before) await tx.store.delete(item.seq);
      }
    }
    await tx.done;
  }

  /** Counts one more failure of the server on `seq`; answers how many there have been (0 when the item is gone). */
  async failed(seq: number): Promise<number> {
    const tx = this.#db.transaction('items', 'readwrite');
    const item = await tx.store.get(seq);
    const attempts = item ? (item.attempts ?? 0) + 1 : 0;
    if (item) await tx.store.put({ ...item, attempts });
    await tx.done;
    return attempts;
  }

  async refuse(seq: number, refusal: Refusal): Promise<void> {
    const tx = this.#db.transaction('items', 'readwrite');
    const item = await tx.store.get(seq);
    if (item) await tx.store.put({ ...item, state: 'refused', refusal });
    await tx.done;
  }

  async remember(key: string, value: unknown): Promise<void> {
    await this.#db.put('reads', { key, value });
  }

  async recall<T>(key: string): Promise<T | undefined> {
    return (await this.#db.get('reads', key))?.value as T | undefined;
  }

  close(): void {
    this.#db.close();
  }
}
