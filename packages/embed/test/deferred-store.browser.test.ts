// The page's IndexedDB store without a server (issue 14): Kaohe.configure no longer opens it, the first
// read or write does, and what configure stored (its rubrics) is there when it opens; a draft written
// through it is found after a reload; where the browser refuses IndexedDB the page keeps its work in
// memory and says so, as configure did before.
import { expect } from '@open-wc/testing';
import { rubricPresets } from '@kaohe/scoring/presets';
import type { Directory } from '@kaohe/workflow';
import { KaoheApi } from '../src/kaohe.ts';
import { DeferredStore } from '../src/deferred-store.ts';

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
    expect(await reloaded.loadDraft('2026-10:S1', 'R1')).to.deep.equal(draft);
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
      expect(await store.loadDraft('2026-10:S1', 'R1')).to.deep.equal(draft);
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.match(/^Kaohe: IndexedDB is unavailable .*appraisals are kept in memory and lost on reload/);
    } finally {
      IDBFactory.prototype.open = open;
      console.warn = warn;
    }
  });
});
