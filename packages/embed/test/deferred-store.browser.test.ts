// The page's IndexedDB store without a server (issue 14): Kaohe.configure no longer opens it, the first
// read or write does, and what configure stored (its rubrics) is there when it opens; a draft written
// through it is found after a reload; where the browser refuses IndexedDB the page keeps its work in
// memory and says so, as configure did before.
import { expect } from '@open-wc/testing';
import { rubricPresets } from '@kaohe/scoring/presets';
import type { Directory } from '@kaohe/workflow';
import { KaoheApi } from '../src/kaohe.ts';
import { DeferredStore, indexedDbOpener } from '../src/deferred-store.ts';
import type { KaoheStore, StoreListener } from '@kaohe/store';

const directory: Directory = {
  people: [
    { id: 'R1', name: 'North Manager Zhou', roles: ['regionalManager'], region: 'north' },
    { id: 'S1', name: 'Wang Xiaoming', roles: ['salesperson'], region: 'north', managerId: 'R1' },
  ],
};
const draft = {
  appraisalId: '2026-10:S1', userId: 'R1', entries: { 'SP-Q': { points: '4' }, 'SP-D1': { count: 2 } },
  attendance: { absentDays: '1.5' }, baseRevision: 1, savedAt: '2026-11-02T01:00:00.000Z',
};

/** The names the page asks IndexedDB to open while `run` runs. */
async function opened<T>(run: () => Promise<T>): Promise<{ result: T; names: string[] }> {
  const open = IDBFactory.prototype.open;
  const names: string[] = [];
  IDBFactory.prototype.open = function (this: IDBFactory, name: string, version?: number) {
    names.push(name);
    return open.call(this, name, version);
  };
  try {
    return { result: await run(), names };
  } finally {
    IDBFactory.prototype.open = open;
  }
}

describe('the page\'s IndexedDB store, opened when first used', () => {
  it('is not opened by configure; the first read opens it and finds the rubric configure stored; a draft outlives a reload', async () => {
    const name = `kaohe-deferred-${Math.random()}`;
    const kaohe = new KaoheApi();
    const configured = await opened(async () => {
      const context = await kaohe.configure({ user: 'R1', directory, databaseName: name, rubrics: [rubricPresets['R-SP']!] });
      // and nothing opened in the background a moment later
      await new Promise((resolve) => setTimeout(resolve, 200));
      return context;
    });
    expect(configured.names).to.deep.equal([]);
    const context = configured.result;

    const read = await opened(() => context.store.getRubric('R-SP', 1));
    expect(read.names).to.deep.equal([name]);
    expect(read.result?.id).to.equal('R-SP');
    expect(read.result?.version).to.equal(1);
    const rubric = read.result;

    await context.store.saveDraft(draft);
    // a reload: the next page's store on the same database
    const reloaded = new DeferredStore(name);
    expect(await reloaded.loadDraft('2026-10:S1', 'R1')).to.deep.equal({ ...draft, revision: 1 });
    expect(await reloaded.getRubric('R-SP', 1)).to.deep.equal(rubric);
    await reloaded.close();
  });

  it('keeps the work in memory, with a warning, where the browser refuses IndexedDB', async () => {
    const open = IDBFactory.prototype.open;
    const warn = console.warn;
    const warnings: string[] = [];
    IDBFactory.prototype.open = () => { throw new DOMException('IndexedDB is disabled in this window', 'SecurityError'); };
    console.warn = (...words: unknown[]) => { warnings.push(words.map(String).join(' ')); };
    try {
      const store = new DeferredStore(`kaohe-refused-${Math.random()}`);
      await store.saveDraft(draft);
      expect(await store.loadDraft('2026-10:S1', 'R1')).to.deep.equal({ ...draft, revision: 1 });
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.match(/^Kaohe: IndexedDB is unavailable .*appraisals are kept in memory and lost on reload/);
    } finally {
      IDBFactory.prototype.open = open;
      console.warn = warn;
    }
  });

  it('is not replaced by memory when its code fails to download: that call fails, a later one opens IndexedDB and the draft outlives a reload', async () => {
    const name = `kaohe-chunk-${Math.random()}`;
    let online = false;
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (...words: unknown[]) => { warnings.push(words.map(String).join(' ')); };
    try {
      const store = new DeferredStore(name, indexedDbOpener(() => (online
        ? import('../src/local-store.ts')
        : Promise.reject(new TypeError('Failed to fetch dynamically imported module: kaohe-chunk-local-store.js')))));
      const heard: string[] = [];
      const listener: StoreListener = (notice) => { heard.push(`${notice.type} ${'appraisalId' in notice ? notice.appraisalId : ''}`); };
      store.subscribe(listener);
      let failure: unknown;
      await store.saveDraft(draft).catch((error: unknown) => { failure = error; });
      expect(String(failure)).to.equal('TypeError: Failed to fetch dynamically imported module: kaohe-chunk-local-store.js');
      expect(warnings.filter((w) => /IndexedDB is unavailable/.test(w))).to.deep.equal([]);

      online = true;
      const saved = await opened(() => store.saveDraft(draft));
      expect(saved.names).to.deep.equal([name]);
      // the listener subscribed while the code was missing hears the write
      expect(heard).to.deep.equal(['draft 2026-10:S1']);
      const reloaded = new DeferredStore(name);
      expect(await reloaded.loadDraft('2026-10:S1', 'R1')).to.deep.equal({ ...draft, revision: 1 });
      await reloaded.close();
      await store.close();
    } finally {
      console.warn = warn;
    }
  });

  it('opens once at a time: the late handlers of a failed opening never clear the retry, so the store is opened once more, not twice', async () => {
    const calls: string[] = [];
    let refuse: ((error: Error) => void) | undefined;
    let first: Promise<KaoheStore> | undefined;
    const memory = await import('../src/memory-store.ts');
    const store = new DeferredStore('counted', (name) => {
      calls.push(name);
      if (calls.length === 1) {
        first = new Promise<KaoheStore>((_, reject) => { refuse = reject; });
        return first;
      }
      return Promise.resolve(new memory.MemoryStore());
    });
    const failed = store.getRubric('R-SP', 1).then(() => 'opened', (error: Error) => error.message);
    await Promise.resolve();
    // a call made after the opening failed but before its handlers ran, and a retry queued before it
    void first!.catch(() => {
      queueMicrotask(() => { void store.getRubric('R-SP', 1); });
      void store.getRubric('R-SP', 1).catch(() => undefined);
    });
    refuse!(new Error('the network is down'));
    expect(await failed).to.equal('the network is down');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await store.getRubric('R-SP', 1)).to.equal(undefined);
    expect(await store.listRubricVersions('R-SP')).to.deep.equal([]);
    expect(calls).to.deep.equal(['counted', 'counted']);
  });
});
