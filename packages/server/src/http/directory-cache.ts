// The directory every request reads (who the token's `sub` is, who routes where), kept in memory and
// dropped when any instance replaces it: the replacement's `directory` notice travels through
// PostgreSQL NOTIFY, so every instance reloads on its next request. Nothing here is state another
// instance needs; a fresh instance simply loads it.
import type { Directory, Person } from '@kaohe/workflow';
import type { KaoheDatabase } from '../db/index.ts';

export interface DirectoryCache {
  load(): Promise<Directory>;
  person(id: string): Promise<Person | undefined>;
  /** forgets what was read (after this instance replaced the directory) */
  invalidate(): void;
  /** stops listening */
  close(): void;
}

export async function directoryCache(db: KaoheDatabase): Promise<DirectoryCache> {
  let current: Promise<{ directory: Directory; byId: Map<string, Person> }> | undefined;
  let generation = 0;
  const invalidate = () => {
    generation++;
    current = undefined;
  };
  const unsubscribe = await db.notices.subscribe((notice) => {
    if (notice.type === 'directory') invalidate();
  });
  const read = () => {
    if (!current) {
      const started = generation;
      const loading = db.directory.load().then((snapshot) => {
        const directory: Directory = { people: snapshot.people, delegations: snapshot.delegations };
        return { directory, byId: new Map(snapshot.people.map((person) => [person.id, person])) };
      });
      current = loading;
      // A failed read, or one that a replacement overtook while it ran, is not kept.
      loading.then(() => { if (generation !== started && current === loading) current = undefined; }, () => { if (current === loading) current = undefined; });
    }
    return current;
  };
  return {
    load: async () => (await read()).directory,
    person: async (id) => (await read()).byId.get(id),
    invalidate,
    close: unsubscribe,
  };
}
