// The application service's commands and reads: one path for every caller (issue 11, item 1).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadRubric } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import { MemoryStore } from '@kaohe/store';
import { openAppraisal, openingAudit, chainPresets } from '@kaohe/workflow';
import { createService, KaoheServiceError, submission, type KaoheService } from '../src/index.ts';
import { hrReads } from '../src/hr.ts';
import { company, during, opened, setUp } from './fixtures.ts';

async function travelling(service: KaoheService): Promise<string> {
  const result = await service.openAppraisal('H1', { employee: 'T1', period: '2026-10', now: opened });
  assert.ok(result.ok && result.created, 'HR opens it');
  return result.id;
}

async function must(service: KaoheService, id: string, actor: string, action: unknown): Promise<void> {
  const result = await service.act(id, actor, action, { now: during });
  assert.ok(result.ok, `${actor}: ${result.ok ? '' : `${result.code} — ${result.message}`}`);
}

/** W-TR to publication, with the marks of the 88.00 worked out in who-sees-what.test.ts. */
async function publishTravelling(service: KaoheService): Promise<string> {
  const id = await travelling(service);
  await must(service, id, 'T1', { type: 'step.submit', entries: { 'TR-1': { points: '18' } } });
  await must(service, id, 'X1', { type: 'group.submit', group: 'lateral', entries: { 'TR-3': { value: '90' } } });
  await must(service, id, 'L1', { type: 'step.submit', entries: { 'TR-2a': { points: '25' } } });
  await must(service, id, 'L2', { type: 'step.approve', entries: { 'TR-2b': { points: '27' } } });
  await must(service, id, 'H2', { type: 'appraisal.publish' });
  return id;
}

describe('act', () => {
  test('W-TR: at the self step the employee edits and must fill only TR-1, and the submit with TR-1 alone goes through', async () => {
    const { service } = await setUp();
    const id = await travelling(service);
    const view = await service.view(id, 'T1', { now: during });
    assert.ok(view);
    assert.deepEqual({ mode: view.mode, editable: view.editableItems, required: view.requiredItems, submit: view.submit },
      { mode: 'edit', editable: ['TR-1'], required: ['TR-1'], submit: { type: 'step.submit' } });
    const empty = await service.act(id, 'T1', { type: 'step.submit' }, { expectedRevision: view.revision, now: during });
    assert.deepEqual(empty.ok ? 'accepted' : [empty.code, empty.message], ['incomplete', 'not yet scored: TR-1']);
    const action = submission(view, { ...view.sheet, entries: { 'TR-1': { points: '18' } } });
    assert.deepEqual(action, { type: 'step.submit', entries: { 'TR-1': { points: '18' } } });
    const result = await service.act(id, 'T1', action, { expectedRevision: view.revision, now: during });
    assert.deepEqual(result.ok && { revision: result.revision, step: result.step, appraisal: result.appraisal }, { revision: 2, step: 'lateral', appraisal: undefined },
      'accepted at revision 2; the employee no longer reads it while others rate');
  });

  test('W-TR: the leader above re-scores TR-2b at the review step, and may not approve without it', async () => {
    const { service } = await setUp();
    const id = await travelling(service);
    await must(service, id, 'T1', { type: 'step.submit', entries: { 'TR-1': { points: '18' } } });
    await must(service, id, 'X1', { type: 'group.submit', group: 'lateral', entries: { 'TR-3': { value: '90' } } });
    await must(service, id, 'L1', { type: 'step.submit', entries: { 'TR-2a': { points: '25' } } });
    const view = await service.view(id, 'L2', { now: during });
    assert.deepEqual(view && [view.mode, view.editableItems, view.requiredItems, view.submit?.type], ['edit', ['TR-2b'], ['TR-2b'], 'step.approve']);
    const refused = await service.act(id, 'L2', { type: 'step.approve' }, { now: during });
    assert.deepEqual(refused.ok ? 'accepted' : refused.code, 'incomplete');
  });

  test('the score is written with the record in the same write (design.md: reads never re-score)', async () => {
    const { service, store } = await setUp();
    const id = await publishTravelling(service);
    const stored = await store.getAppraisal(id);
    // TR-1 18 + TR-2a 25 + TR-2b 27 + TR-3 20 × 90 ÷ 100 = 18 → 88.00
    assert.deepEqual(stored?.score && [stored.score.work, stored.score.monthly, stored.score.missing], ['88.00', '88.00', []]);
    assert.deepEqual((await store.listAudit(id)).map((event) => event.action),
      ['appraisal.open', 'step.submit', 'group.submit', 'step.submit', 'step.approve', 'appraisal.publish']);
    const mine = await service.view(id, 'T1', { now: during });
    assert.deepEqual(mine && [mine.score?.monthly, mine.mode, mine.allowedActions], ['88.00', 'readonly', ['employee.acknowledge', 'employee.appeal']]);
  });

  test('W-SP: the regional manager scores in edit mode with absent days; sales planning summarises in review mode', async () => {
    const { service } = await setUp();
    const opening = await service.openAppraisal(null, { employee: 'S1', period: '2026-10', now: opened });
    assert.ok(opening.ok);
    const scorer = await service.view(opening.id, 'R1', { now: during });
    assert.deepEqual(scorer && [scorer.mode, scorer.editsAttendance, scorer.submit?.type], ['edit', true, 'step.submit']);
    const rubric = loadRubric(rubricPresets['R-SP']);
    const { entriesFor } = await import('./fixtures.ts');
    // a new sheet claims no absent days: without them the submit is refused (C-1), with them it goes
    const refused = await service.act(opening.id, 'R1', { type: 'step.submit', entries: entriesFor(rubric, scorer?.requiredItems ?? []) }, { now: during });
    assert.deepEqual(refused, { ok: false, code: 'incomplete', message: 'not yet scored: attendance' });
    await must(service, opening.id, 'R1', { type: 'step.submit', entries: entriesFor(rubric, scorer?.requiredItems ?? []), attendance: { absentDays: '0.5' } });
    const planner = await service.view(opening.id, 'P2', { now: during });
    assert.deepEqual(planner && [planner.mode, planner.editableItems, planner.submit?.type, planner.returnTo], ['review', [], 'step.submit', ['score']]);
  });

  test('W-FS: after the groups, the service manager\'s form is in edit mode for the attendance only; a changed group item is refused', async () => {
    const { service } = await setUp();
    const opening = await service.openAppraisal(null, { employee: 'F1', period: '2026-10', now: opened });
    assert.ok(opening.ok);
    const rubric = loadRubric(rubricPresets['R-FS']);
    const { entriesFor } = await import('./fixtures.ts');
    for (const [actor, group] of [['FM1', 'fieldManagement'], ['CO1', 'correspondence'], ['CL1', 'claims'], ['TE1', 'technical'], ['PA1', 'parts']] as const) {
      const view = await service.view(opening.id, actor, { now: during });
      await must(service, opening.id, actor, { type: 'group.submit', group, entries: entriesFor(rubric, view?.editableItems ?? []) });
    }
    const manager = await service.view(opening.id, 'M1', { now: during });
    assert.deepEqual(manager && [manager.mode, manager.editableItems, manager.requiredItems, manager.editsAttendance, manager.submit?.type],
      ['edit', [], [], true, 'step.approve']);
    const refused = await service.act(opening.id, 'M1', { type: 'step.approve', entries: { 'FS-1': { level: 'good' } } }, { now: during });
    assert.ok(!refused.ok);
    assert.equal(refused.code, 'notEditable');
    await must(service, opening.id, 'M1', { type: 'step.approve', attendance: { absentDays: '1.5' } });
    // The absent days go to who reads the whole sheet (HR, the service manager), not to an assessing group.
    const hr = await service.view(opening.id, 'H1', { now: during, history: true });
    assert.deepEqual(hr?.sheet.attendance, { absentDays: '1.5' });
    const claims = await service.view(opening.id, 'CL1', { now: during, history: true });
    assert.ok(claims, 'the claims group still reads its items');
    assert.equal(claims.sheet.attendance, undefined);
    assert.ok(!JSON.stringify(claims).includes('absentDays'), 'nor anywhere else in its view');
  });

  test('a revision other than the one stored is refused as stale, with the appraisal as it stands', async () => {
    const { service } = await setUp();
    const id = await travelling(service);
    const result = await service.act(id, 'T1', { type: 'draft.save', entries: { 'TR-1': { points: '3' } } }, { expectedRevision: 7, now: during });
    assert.ok(!result.ok);
    assert.equal(result.code, 'stale');
    assert.match(result.message, /at revision 1, not 7/);
    assert.equal(result.appraisal?.revision, 1);
  });

  test('a lost race at the write is stale too, and nothing is overwritten', async () => {
    const { service, store } = await setUp();
    const id = await travelling(service);
    const original = store.putAppraisal.bind(store);
    let raced = false;
    store.putAppraisal = async (record, options) => {
      if (!raced) {
        raced = true;
        const current = await store.getAppraisal(id);
        await original({ ...current!, revision: current!.revision + 1, updatedBy: 'T1' }, { expectedRevision: current!.revision });
      }
      return original(record, options);
    };
    const result = await service.act(id, 'T1', { type: 'draft.save', entries: { 'TR-1': { points: '3' } } }, { expectedRevision: 1, now: during });
    assert.deepEqual(result.ok ? 'accepted' : [result.code, result.appraisal?.revision], ['stale', 2]);
    assert.deepEqual((await store.getAppraisal(id))?.sheet.entries, {});
  });

  test('an appraisal that does not exist, or that the actor may not see, is not-found alike', async () => {
    const { service } = await setUp();
    const id = await travelling(service);
    const missing = await service.act('2026-10:nobody', 'T1', { type: 'step.submit' });
    const colleague = await service.act(id, 'S2', { type: 'step.submit' });
    assert.deepEqual([missing.ok || missing.code, colleague.ok || colleague.code], ['not-found', 'not-found']);
    assert.equal(await service.view(id, 'S2'), undefined);
  });

  test('an action that does not match its schema is invalid, each field named', async () => {
    const { service } = await setUp();
    const id = await travelling(service);
    const result = await service.act(id, 'T1', { type: 'step.submit', entries: { 'TR-1': { points: 'lots' } }, extra: 1 });
    assert.ok(!result.ok);
    assert.equal(result.code, 'invalid');
    assert.deepEqual(result.problems?.map((problem) => [problem.path, problem.rule]), [
      ['action.entries.TR-1.points', 'invalid_format'],
      ['action', 'unrecognized_keys'],
    ]);
    const options = await service.act(id, 'T1', { type: 'step.submit' }, { expectedRevision: -1 });
    assert.deepEqual(!options.ok && [options.code, options.problems?.[0]?.path], ['invalid', 'options.expectedRevision']);
    // An item id that would read as two keys is quoted, as in every path scoring writes.
    const dotted = await service.act(id, 'T1', { type: 'step.submit', entries: { 'TR.1': { points: 'lots' } } });
    assert.deepEqual(!dotted.ok && dotted.problems?.map((problem) => problem.path), ['action.entries["TR.1"].points']);
  });

  test('a record whose pinned rubric version is missing is an error that says so, never scored against the latest', async () => {
    const store = new MemoryStore();
    const rubric = loadRubric(rubricPresets['R-TR']);
    await store.putRubric(rubric);
    const record = openAppraisal({ employee: 'T1', period: '2026-10', rubric: { id: 'R-TR', version: 2 }, chain: chainPresets['W-TR'], directory: company, now: opened });
    const first = { ...record, revision: 1 };
    await store.putAppraisal(first, { expectedRevision: 0, audit: [openingAudit(first)] });
    // a page's own rubrics, offering version 1 only
    const service = createService({ store, directory: company, rubrics: () => rubric });
    await assert.rejects(service.act(record.id, 'T1', { type: 'step.submit', entries: { 'TR-1': { points: '18' } } }, { now: during }),
      (error: unknown) => error instanceof KaoheServiceError && error.code === 'rubric-missing' && /pins rubric R-TR version 2, which is not stored/.test(error.message));
    await assert.rejects(service.view(record.id, 'T1'), KaoheServiceError);
    assert.deepEqual((await store.getAppraisal(record.id))?.revision, 1, 'nothing written');
  });
});

describe('opening, drafts and HR reads', () => {
  test('only HR (or the service itself) opens appraisals; a month opens everyone assigned in one write', async () => {
    const { service, store } = await setUp();
    const refused = await service.openAppraisal('L1', { employee: 'T1', period: '2026-10' });
    assert.deepEqual(!refused.ok && refused.code, 'forbidden');
    const month = await service.openPeriod('H1', { period: '2026-10', now: opened });
    assert.ok(month.ok);
    // salespeople S1–S4, regional managers R1 R2, the head of after-sales D1, service staff E1, field rep F1, travelling T1
    assert.deepEqual(month.opened, ['2026-10:R1', '2026-10:R2', '2026-10:S1', '2026-10:S2', '2026-10:S3', '2026-10:S4', '2026-10:D1', '2026-10:E1', '2026-10:F1', '2026-10:T1']);
    const again = await service.openPeriod(null, { period: '2026-10', now: opened });
    assert.deepEqual(again.ok && [again.opened, again.existing.length], [[], 10]);
    assert.equal((await store.listAudit()).length, 10);
  });

  test('a draft is the viewer\'s own, on an appraisal they score now, and keeps only the items they edit', async () => {
    const { service } = await setUp();
    const id = await travelling(service);
    const saved = await service.saveDraft('T1', id, { entries: { 'TR-1': { points: '12' }, 'TR-2a': { points: '30' } }, baseRevision: 1 });
    assert.deepEqual(saved.ok && saved.draft.entries, { 'TR-1': { points: '12' } });
    assert.deepEqual((await service.loadDraft('T1', id))?.entries, { 'TR-1': { points: '12' } });
    const leader = await service.saveDraft('L1', id, { entries: {}, baseRevision: 1 });
    assert.deepEqual(!leader.ok && leader.code, 'readOnly');
    const stranger = await service.saveDraft('S2', id, { entries: {}, baseRevision: 1 });
    assert.deepEqual(!stranger.ok && stranger.code, 'not-found');
  });

  test('HR reads are HR\'s: the month\'s distribution and the year, from the scores stored with the records', async () => {
    const { service } = await setUp();
    await publishTravelling(service);
    const hr = hrReads(service);
    const refused = await hr.distribution('L1', { period: '2026-10' });
    assert.deepEqual(!refused.ok && refused.code, 'forbidden');
    const month = await hr.distribution('H1', { period: '2026-10' });
    assert.deepEqual(month.ok && month.entries, [{ employeeId: 'T1', role: 'travellingServiceStaff', score: '88.00', name: 'Travelling service staff' }]);
    const year = await hr.annualYear('H2', { year: 2026 });
    assert.deepEqual(year.ok && year.months, { T1: [{ period: '2026-10', monthly: '88.00' }] });
  });
});
