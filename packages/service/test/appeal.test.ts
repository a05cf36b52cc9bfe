// An appeal in progress keeps the published result (C-5: the score decides pay; HR publishes it): T1's
// W-TR month of payslip.test.ts is published at 88.00 and paid by P-2; T1 appeals, the leader above
// returns it to the direct leader, who rescores TR-2a 25 → 20 and resubmits. Until HR publishes again
// the employee's view, payslip, year and HR's payroll show 88.00; the reviewers work on 83.00.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { payPlanPresets } from '@kaohe/scoring/presets';
import { MemoryStore } from '@kaohe/store';
import { createService, type KaoheService } from '../src/index.ts';
import { hrReads } from '../src/hr.ts';
import { assignments, company, during, opened, rubricOf } from './fixtures.ts';

const ID = '2026-10:T1';

async function must(service: KaoheService, actor: string, action: unknown): Promise<void> {
  const result = await service.act(ID, actor, action, { now: during });
  assert.ok(result.ok, `${actor}: ${result.ok ? '' : `${result.code} — ${result.message}`}`);
}

/** TR-1 18 + TR-2a 25 + TR-2b 27 + TR-3 18 (90 × 20%) = 88.00, published by HR. */
async function publishedMonth(): Promise<KaoheService> {
  const store = new MemoryStore();
  await store.putRubric(rubricOf('R-TR'));
  const service = createService({
    store, directory: company, clock: () => during, payPlans: payPlanPresets,
    assignments: { ...assignments, travellingServiceStaff: { rubric: 'R-TR', chain: 'W-TR', payPlan: 'P-2' } },
    payValues: ({ employee }) => (employee === 'T1' ? { baseSalary: '4500', performanceBase: '2000' } : undefined),
  });
  assert.ok((await service.openAppraisal('H1', { employee: 'T1', period: '2026-10', now: opened })).ok);
  await must(service, 'T1', { type: 'step.submit', entries: { 'TR-1': { points: '18' } } });
  await must(service, 'X1', { type: 'group.submit', group: 'lateral', entries: { 'TR-3': { value: '90' } } });
  await must(service, 'L1', { type: 'step.submit', entries: { 'TR-2a': { points: '25' } } });
  await must(service, 'L2', { type: 'step.approve', entries: { 'TR-2b': { points: '27' } } });
  await must(service, 'H2', { type: 'appraisal.publish' });
  return service;
}

/** What each reader shows: the employee's view, the payslip (T1's and HR's), HR's payroll and CSV row, T1's year. */
async function shown(service: KaoheService) {
  const own = await service.view(ID, 'T1');
  const payslip = await service.payslip(ID, 'T1');
  const hrPayslip = await service.payslip(ID, 'H1');
  const payroll = await hrReads(service).payroll('H1', { period: '2026-10', values: {} });
  const csv = await hrReads(service).payrollCsv('H1', { period: '2026-10', values: {}, locale: 'en' });
  const year = await hrReads(service).annualYear('T1', { year: 2026 });
  return {
    view: [own?.sheet.entries['TR-2a'], own?.score?.monthly],
    payslip: payslip.ok ? [payslip.values['score'], payslip.payslip.total] : payslip.code,
    hrPayslip: hrPayslip.ok ? hrPayslip.payslip.total : hrPayslip.code,
    payroll: payroll.ok ? payroll.entries.map((entry) => [entry.record.employeeId, entry.score.monthly, entry.payslip.total]) : payroll.code,
    csv: csv.ok ? csv.rows : csv.code,
    year: year.ok ? year.months['T1'] : year.code,
  };
}

describe('an appeal in progress keeps the published result', () => {
  test('the direct leader\'s unreviewed rescore (TR-2a 20) reaches no reader of the published result; HR\'s next publication does', async () => {
    const service = await publishedMonth();
    // 4500.00 + 2000 × 88.00 ÷ 100 = 1760.00 → 6260.00
    const before = {
      view: [{ points: '25' }, '88.00'],
      payslip: ['88.00', '6260.00'],
      hrPayslip: '6260.00',
      payroll: [['T1', '88.00', '6260.00']],
      // employee, name, rubric, period, work, attendance, monthly, flags, missing, pay: base, performance, under-60, total, flags
      csv: [['T1', 'Travelling service staff', 'R-TR', '2026-10', '88.00', '', '88.00', '', '', '4500.00', '1760.00', '', '6260.00', '']],
      year: [{ period: '2026-10', monthly: '88.00' }],
    };
    assert.deepEqual(await shown(service), before);

    await must(service, 'T1', { type: 'employee.appeal', comment: 'TR-2a: the late report was approved leave' });
    await must(service, 'L2', { type: 'step.return', to: 'firstRating', comment: '請重新核實 TR-2a' });
    await must(service, 'L1', { type: 'step.resubmit', entries: { 'TR-2a': { points: '20' } } });
    const reviewer = await service.view(ID, 'L2');
    assert.deepEqual([reviewer?.step, reviewer?.status], ['secondRating', 'appealed'], 'back with the leader above, reviewed by nobody');
    // the reviewers read the rescore they review: 18 + 20 + 27 + 18 = 83.00
    assert.deepEqual([reviewer?.sheet.entries['TR-2a'], reviewer?.score?.monthly], [{ points: '20' }, '83.00']);
    assert.deepEqual(await shown(service), before, 'the published 88.00 stands for the employee, their pay and their year');

    await must(service, 'L2', { type: 'step.approve' });
    await must(service, 'H2', { type: 'appraisal.publish' });
    // 4500.00 + 2000 × 83.00 ÷ 100 = 1660.00 → 6160.00
    assert.deepEqual(await shown(service), {
      view: [{ points: '20' }, '83.00'],
      payslip: ['83.00', '6160.00'],
      hrPayslip: '6160.00',
      payroll: [['T1', '83.00', '6160.00']],
      csv: [['T1', 'Travelling service staff', 'R-TR', '2026-10', '83.00', '', '83.00', '', '', '4500.00', '1660.00', '', '6160.00', '']],
      year: [{ period: '2026-10', monthly: '83.00' }],
    });
  });
});

describe('while an appeal runs, what the employee edits and what HR pays', () => {
  test('T1, returned to their own step, sees the TR-1 they saved (10), with the published TR-2a 25 and 88.00 beside it', async () => {
    const service = await publishedMonth();
    await must(service, 'T1', { type: 'employee.appeal', comment: 'TR-1: my report was complete' });
    await must(service, 'L2', { type: 'step.return', to: 'self', comment: '請重寫工作報告' });
    await must(service, 'T1', { type: 'draft.save', entries: { 'TR-1': { points: '10' } } });
    const own = await service.view(ID, 'T1');
    assert.deepEqual(
      [own?.mode, own?.editableItems, own?.sheet.entries['TR-1'], own?.sheet.entries['TR-2a'], own?.score?.monthly],
      ['edit', ['TR-1'], { points: '10' }, { points: '25' }, '88.00'],
    );
  });

  test('the leader above\'s draft the rubric refuses (TR-2b 35 of 30) leaves the published 88.00 paid and in T1\'s year; only the distribution names it', async () => {
    const service = await publishedMonth();
    await must(service, 'T1', { type: 'employee.appeal', comment: 'TR-1: my report was complete' });
    await must(service, 'L2', { type: 'draft.save', entries: { 'TR-2b': { points: '35' } } });
    const { view: _view, ...paid } = await shown(service);
    assert.deepEqual(paid, {
      payslip: ['88.00', '6260.00'],
      hrPayslip: '6260.00',
      payroll: [['T1', '88.00', '6260.00']],
      csv: [['T1', 'Travelling service staff', 'R-TR', '2026-10', '88.00', '', '88.00', '', '', '4500.00', '1760.00', '', '6260.00', '']],
      year: [{ period: '2026-10', monthly: '88.00' }],
    });
    const distribution = await hrReads(service).distribution('H1', { period: '2026-10' });
    assert.deepEqual(distribution.ok && [distribution.entries, distribution.skipped], [[], [
      { id: ID, reason: `the sheet of ${ID} has problems and no score yet (its published result stands)` },
    ]]);
  });

  test('a host\'s payroll values are given the published 88.00 (P-2: 6260.00), not the rescore 83.00 (6160.00)', async () => {
    const service = await publishedMonth();
    await must(service, 'T1', { type: 'employee.appeal', comment: 'TR-2a: the late report was approved leave' });
    await must(service, 'L2', { type: 'step.return', to: 'firstRating', comment: '請重新核實 TR-2a' });
    await must(service, 'L1', { type: 'step.resubmit', entries: { 'TR-2a': { points: '20' } } });
    // as the demo without a server gives them: the score input from the appraisal's score
    const payroll = await hrReads(service).payroll('H1', { period: '2026-10', values: (appraisal) => ({ score: appraisal.score.monthly }) });
    assert.deepEqual(payroll.ok && payroll.entries.map((entry) => [entry.score.monthly, entry.payslip.total]), [['88.00', '6260.00']]);
  });
});
