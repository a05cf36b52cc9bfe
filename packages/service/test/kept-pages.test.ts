// A service that keeps its views (cacheViews, as the server runs it) keeps each tasks page under the
// directory snapshot it was made with: a new snapshot makes new pages, and lets the old one go.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Directory } from '@kaohe/workflow';
import { createService } from '../src/index.ts';
import { assignments, company, during, opened, setUp } from './fixtures.ts';

/** S1 moved south: R2 manages them now */
const moved = (): Directory => ({ ...company, people: company.people.map((person) => person.id === 'S1' ? { ...person, region: 'south', managerId: 'R2' } : person) });

test('a kept tasks page is the same page while the directory is; a new directory (a manager change) makes the page again', async () => {
  const { store } = await setUp();
  let dir: Directory = company;
  const service = createService({ store, directory: () => dir, assignments, clock: () => during, cacheViews: true });
  assert.ok((await service.openAppraisal(null, { employee: 'S1', period: '2026-10', now: opened })).ok);
  const first = await service.tasks('R1');
  // R1 scores S1 (north) at W-SP's first step
  assert.deepEqual(first.items.map((item) => [item.appraisal.id, item.appraisal.step, item.allowedActions]), [['2026-10:S1', 'score', ['draft.save', 'step.submit']]]);
  assert.equal(await service.tasks('R1'), first, 'read again under the same directory: the page kept');
  // S1 moves south: the directory is read anew, and R1's page is made from it (the record still names
  // R1 until its next action, but R1 may no longer read it)
  dir = moved();
  assert.deepEqual((await service.tasks('R1')).items, []);
  // back north (a new snapshot equal to the first): the task is there again
  dir = { ...company };
  assert.deepEqual((await service.tasks('R1')).items.map((item) => item.appraisal.id), ['2026-10:S1']);
});

test('the pages kept under a directory snapshot do not keep it: replaced, the old snapshot is let go', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const { store } = await setUp();
  let dir: Directory = structuredClone(company);
  const old = new WeakRef(dir);
  const service = createService({ store, directory: () => dir, assignments, clock: () => during, cacheViews: true });
  assert.ok((await service.openAppraisal(null, { employee: 'S1', period: '2026-10', now: opened })).ok);
  const page = await service.tasks('R1');
  assert.equal(page.items.length, 1);
  assert.equal(await service.tasks('R1'), page, 'kept');
  // pages no later read replaces: another viewer's, another page size, another day
  assert.equal((await service.tasks('P2')).items.length, 0);
  assert.equal((await service.tasks('R1', { limit: 10 })).items.length, 1);
  assert.equal((await service.tasks('R1', { now: '2026-11-06T10:00:00+08:00' })).items.length, 1);
  dir = moved();
  assert.equal((await service.tasks('R1')).items.length, 0);
  // a WeakRef's target lives to the end of the turn that last read it
  for (let round = 0; round < 5 && old.deref() !== undefined; round += 1) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  }
  assert.equal(old.deref(), undefined, 'the old directory (with its views and pages) was collected');
});
