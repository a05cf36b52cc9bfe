// The return a returned task waits on (returnOf), which the inbox shows above the form: returns stack,
// so it is the latest return to the step the appraisal waits at, not the latest return.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WorkflowAction } from '@kaohe/workflow';
import { returnOf } from '../src/index.ts';
import { during, entriesFor, opened, rubricOf, setUp } from './fixtures.ts';

test('W-SP returned twice (VP to planning, planning to the manager): each waits on the return that sent it back, and none once it is resubmitted past', async () => {
  const { service } = await setUp();
  const made = await service.openAppraisal(null, { employee: 'S1', period: '2026-10', now: opened });
  assert.ok(made.ok);
  const id = made.id;
  const act = async (actor: string, action: WorkflowAction) => assert.ok((await service.act(id, actor, action, { now: during })).ok, `${actor} ${action.type}`);
  const returnSeen = async (viewer: string) => {
    const view = await service.view(id, viewer, { history: true, now: during });
    assert.ok(view);
    const entry = returnOf(view);
    return entry && { actor: entry.actor, step: entry.step, to: entry.to, comment: entry.comment };
  };
  const scorer = await service.view(id, 'R1', { now: during });
  await act('R1', { type: 'step.submit', entries: entriesFor(rubricOf('R-SP'), scorer?.requiredItems ?? []), attendance: { absentDays: '0' } });
  await act('P2', { type: 'step.submit' });
  await act('V1', { type: 'step.return', to: 'summarise', comment: 'The north total is off by one dealer.' });
  await act('P2', { type: 'step.return', to: 'score', comment: 'SP-D1: three late reports, not two.' });

  assert.deepEqual(await returnSeen('R1'), { actor: 'P2', step: 'summarise', to: 'score', comment: 'SP-D1: three late reports, not two.' });
  await act('R1', { type: 'step.resubmit' });
  // back at planning, which still owes the VP: the VP's return, though planning's own is later
  assert.deepEqual(await returnSeen('P2'), { actor: 'V1', step: 'firstReview', to: 'summarise', comment: 'The north total is off by one dealer.' });
  await act('P2', { type: 'step.resubmit' });
  assert.equal(await returnSeen('V1'), undefined);
});
