// A task row carries the view's row fields (view.ts ROW_FIELDS; TaskAppraisalSchema is made from the
// same list), each where it applies: onBehalfOf for a delegate, startDate at a step that opens later.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as z from 'zod/mini';
import { createService, TaskPageSchema } from '../src/index.ts';
import { assignments, company, during, opened, setUp } from './fixtures.ts';

const common = { period: '2026-10', rubricVersion: 1, published: false, groupsDone: [], returned: false, overdue: false, revision: 1,
  updatedAt: opened, updatedBy: 'system', groups: [], allowedActions: ['draft.save', 'step.submit'], returnTo: [], submit: { type: 'step.submit' }, mode: 'edit', task: true };

test('task rows as sent (through the page schema the server answers with): a delegate\'s W-SP row says on whose behalf; W-SV\'s statistics row when its step opens', async () => {
  const { store } = await setUp();
  // R1 lends their work to R2 from the 1st to the 10th of November
  const service = createService({ store, directory: { ...company, delegations: [{ from: 'R1', to: 'R2', start: '2026-11-01', end: '2026-11-10' }] }, assignments, clock: () => during });
  for (const employee of ['S1', 'E1']) assert.ok((await service.openAppraisal(null, { employee, period: '2026-10', now: opened })).ok);
  const sent = async (viewer: string) => z.parse(TaskPageSchema, JSON.parse(JSON.stringify(await service.tasks(viewer)))).items.map((item) => item.appraisal);
  assert.deepEqual(await sent('R2'), [{
    ...common, id: '2026-10:S1', employeeId: 'S1', rubricId: 'R-SP', chainId: 'W-SP', status: 'open', step: 'score', stepKind: 'score',
    stepLabel: { 'zh-Hant': '區域經理評分', 'zh-Hans': '区域经理评分', en: 'Regional manager scores' }, assignees: ['R1', 'R2'], dueDate: '2026-11-07',
    onBehalfOf: ['R1'],
  }]);
  assert.deepEqual(await sent('ST1'), [{
    ...common, id: '2026-10:E1', employeeId: 'E1', rubricId: 'R-SV', chainId: 'W-SV', status: 'open', step: 'statistics', stepKind: 'score',
    stepLabel: { 'zh-Hant': '統計員統計', 'zh-Hans': '统计员统计', en: 'Statisticians compute' }, assignees: ['ST1'], dueDate: '2026-11-15',
    startDate: '2026-11-10', score: { work: '0.00', attendance: null, monthly: '0.00', complete: false },
  }]);
});
