// service.payslip: who may see a payslip (workflow's payslipAccess) and what it says (computePay over the
// stored score, the role's pay plan and the configured payroll figures) decided in the service. W-TR's
// month of service.test.ts (88.00, worked out in who-sees-what.test.ts) paid by P-2.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { payPlanPresets } from '@kaohe/scoring/presets';
import { MemoryStore } from '@kaohe/store';
import { createService, type KaoheService, type PayFigures } from '../src/index.ts';
import { hrReads } from '../src/hr.ts';
import { assignments, company, during, opened, rubricOf } from './fixtures.ts';

async function serviceWith(payValues?: PayFigures): Promise<KaoheService> {
  const store = new MemoryStore();
  await store.putRubric(rubricOf('R-TR'));
  return createService({
    store, directory: company, clock: () => during, payPlans: payPlanPresets,
    assignments: { ...assignments, travellingServiceStaff: { rubric: 'R-TR', chain: 'W-TR', payPlan: 'P-2' } },
    ...(payValues ? { payValues } : {}),
  });
}

async function must(service: KaoheService, id: string, actor: string, action: unknown): Promise<void> {
  const result = await service.act(id, actor, action, { now: during });
  assert.ok(result.ok, `${actor}: ${result.ok ? '' : `${result.code} — ${result.message}`}`);
}

/** W-TR up to the leader above's review; `publish` then publishes it. TR-1 18 + TR-2a 25 + TR-2b 27 + TR-3 18 = 88.00. */
async function scored(service: KaoheService): Promise<string> {
  const result = await service.openAppraisal('H1', { employee: 'T1', period: '2026-10', now: opened });
  assert.ok(result.ok);
  await must(service, result.id, 'T1', { type: 'step.submit', entries: { 'TR-1': { points: '18' } } });
  await must(service, result.id, 'X1', { type: 'group.submit', group: 'lateral', entries: { 'TR-3': { value: '90' } } });
  await must(service, result.id, 'L1', { type: 'step.submit', entries: { 'TR-2a': { points: '25' } } });
  await must(service, result.id, 'L2', { type: 'step.approve', entries: { 'TR-2b': { points: '27' } } });
  return result.id;
}

const figures: PayFigures = ({ employee }) => (employee === 'T1' ? { baseSalary: '4500', performanceBase: '2000' } : undefined);

describe('service.payslip', () => {
  test('published: P-2 over the stored 88.00 and the configured figures — 4500.00 + 2000 × 88.00 ÷ 100 = 1760.00 → 6260.00', async () => {
    const service = await serviceWith(figures);
    const id = await scored(service);
    await must(service, id, 'H2', { type: 'appraisal.publish' });
    const own = await service.payslip(id, 'T1');
    assert.ok(own.ok, JSON.stringify(own));
    assert.deepEqual(own.payslip.lines.map((line) => [line.id, line.amount]), [['baseSalary', '4500.00'], ['performancePay', '1760.00']]);
    assert.equal(own.payslip.total, '6260.00');
    assert.deepEqual(own.values, { baseSalary: '4500', performanceBase: '2000', score: '88.00' }, 'the score input is the stored monthly score');
    assert.deepEqual(own.payslip.flags, [], '88.00 is not under 60');
    // HR and the chain (the leader above) get the same; a colleague who rated nothing does not
    assert.deepEqual(await service.payslip(id, 'H1'), own);
    assert.deepEqual(await service.payslip(id, 'L2'), own);
    assert.deepEqual((await service.payslip(id, 'S1')).ok ? 'shown' : 'refused', 'refused');
    // HR's payroll computes the same pay by the same rule
    const payroll = await hrReads(service).payroll('H1', { period: '2026-10', values: {} });
    assert.deepEqual(payroll.ok && payroll.entries.map((entry) => entry.payslip.total), ['6260.00']);
  });

  test('before publication nobody gets it, with the same answer as for an id that does not exist', async () => {
    const service = await serviceWith(figures);
    const id = await scored(service);
    for (const who of ['T1', 'H1', 'L2', 'S1']) {
      const missing = await service.payslip('2026-10:NOBODY', who);
      const result = await service.payslip(id, who);
      assert.deepEqual(result.ok ? 'shown' : [result.code, result.message.replace(id, 'ID')], [missing.ok ? '' : missing.code, missing.ok ? '' : missing.message.replace('2026-10:NOBODY', 'ID')], who);
    }
  });

  test('while the payroll system\'s figures are missing, the refusal names each missing input', async () => {
    const service = await serviceWith();
    const id = await scored(service);
    await must(service, id, 'H2', { type: 'appraisal.publish' });
    const result = await service.payslip(id, 'T1');
    assert.ok(!result.ok);
    assert.equal(result.code, 'incomplete');
    assert.deepEqual(result.problems?.map((problem) => problem.path).sort(), ['values.baseSalary', 'values.performanceBase']);
  });
});
