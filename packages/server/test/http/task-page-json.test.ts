// The tasks route writes its page from each kept row's text (a kept page's once): the bytes must be JSON.stringify's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TaskPage } from '@kaohe/service';
import { taskPageJson } from '../../src/http/routes/appraisals.ts';

const view = (id: string, frozen: boolean) => {
  const made = { id, employeeId: 'S1', sheet: { entries: { 'SP-1': { value: '98.50', comment: '"quoted" \u2028 <b>' } } }, allowedActions: ['draft.save', 'step.submit'] };
  return frozen ? Object.freeze(made) : made;
};

test('a page of kept (frozen) and fresh views, with and without a cursor, is JSON.stringify\'s text, again when read twice', () => {
  const kept = view('2026-11:S1', true);
  const pages = [
    { items: [{ appraisal: kept, allowedActions: kept.allowedActions }, { appraisal: view('2026-11:S2', false), allowedActions: [] }], nextCursor: '2026-11:S2' },
    { items: [{ appraisal: kept, allowedActions: kept.allowedActions }] },
    { items: [] },
  ] as unknown as TaskPage[];
  for (const page of pages) {
    assert.equal(taskPageJson(page), JSON.stringify(page));
    assert.equal(taskPageJson(page), JSON.stringify(page), 'the kept text the second time');
  }
  // a kept page (frozen) is written once and its text given again
  const frozen = Object.freeze({ items: Object.freeze([{ appraisal: kept, allowedActions: kept.allowedActions }]), nextCursor: '2026-11:S1' }) as unknown as TaskPage;
  assert.equal(taskPageJson(frozen), JSON.stringify(frozen));
  assert.equal(taskPageJson(frozen), JSON.stringify(frozen), 'the kept page\'s text');
  // anything else (a problem document answered on this route) is written as it is
  const problem = { status: 401, title: 'Unauthorized', detail: 'no token' } as unknown as TaskPage;
  assert.equal(taskPageJson(problem), JSON.stringify(problem));
});
