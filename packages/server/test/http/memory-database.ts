// A KaoheDatabase over @kaohe/store's MemoryStore, for the HTTP plumbing's tests until the database
// half (src/db) opens PGlite; the contract is the same, so the tests do not change when it does.
import { MemoryStore, EMPTY_HEAD } from '@kaohe/store';
import type { Delegation, Person } from '@kaohe/workflow';
import type { KaoheDatabase, Notice } from '../../src/db/index.ts';

export function memoryDatabase(): KaoheDatabase & { failPing: boolean } {
  const store = new MemoryStore();
  let people: Person[] = [];
  let delegations: Delegation[] = [];
  const listeners = new Set<(notice: Notice) => void>();
  store.subscribe((change) => {
    const notice: Notice | undefined = change.type === 'appraisal' ? { type: 'appraisal', id: change.id, revision: change.revision }
      : change.type === 'draft' ? { type: 'draft', appraisalId: change.appraisalId, userId: change.userId }
      : change.type === 'rubric' ? { type: 'rubric', id: change.id, version: change.version } : undefined;
    if (notice) for (const listener of listeners) listener(notice);
  });
  const db = {
    kind: 'pglite' as const,
    failPing: false,
    store: Object.assign(store, { auditHead: async () => EMPTY_HEAD }),
    directory: {
      async replace(next: readonly Person[], nextDelegations: readonly Delegation[]) {
        people = [...next].sort((a, b) => (a.id < b.id ? -1 : 1));
        delegations = [...nextDelegations];
        for (const listener of listeners) listener({ type: 'directory' });
        return people.length;
      },
      async load() { return { people, delegations }; },
      async person(id: string) { return people.find((p) => p.id === id); },
    },
    notices: {
      async subscribe(listener: (notice: Notice) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    async ping() { if (db.failPing) throw new Error('down'); },
    async close() { await store.close(); },
  };
  return db as unknown as KaoheDatabase & { failPing: boolean };
}
