// A month's pay, read through the service: who may see a payslip (workflow's payslipAccess) and what
// it says (scoring's computePay over the score stored with the record and the role's pay plan) are
// decided here, once, for every caller — the element in the browser, the server's route, HR's payroll.
// A module of its own, loaded by `service.payslip` when first asked, so pages that never show pay do
// not carry the pay engine.
import { computePay, KaoheInputError, validatePayPlan, withScoreInputs, type PayPlanInput, type Payslip, type ScoreResult } from '@kaohe/scoring';
import { assignedRole, payslipAccess, publishedResultOf, type AppraisalRecord, type Person } from '@kaohe/workflow';
import { refusal, type Refusal } from './refusal.ts';
import type { Assignment, PayFigureValues, PayslipResult, ServiceInternals } from './service.ts';
import { scoreOrNull } from './view.ts';

/**
 * The values a payslip is computed from: what the payroll system knows (the service's configured
 * figures, then what the caller gave, which wins), and for every score input the plan declares and
 * neither gives, the score stored with the appraisal (scoring's withScoreInputs). HR's payroll and the
 * employee's payslip use this one rule, so the CSV and the payslip never disagree.
 */
export function payValuesOf(
  plan: PayPlanInput, score: ScoreResult, ...given: ReadonlyArray<PayFigureValues | undefined>
): Record<string, string | number | boolean> {
  return withScoreInputs(plan, Object.assign({}, ...given.filter((layer) => layer !== undefined)), score);
}

/** The person's assigned role (workflow's assignedRole: the one their rubric and pay plan came from); else their first role; else the rubric's id. */
export function roleOf(person: Person | undefined, roles: Readonly<Record<string, Assignment>>, record: Pick<AppraisalRecord, 'rubricId'>): string {
  return assignedRole(person, roles) ?? person?.roles[0] ?? record.rubricId;
}

const notFound = (appraisalId: string, viewerId: string): Refusal =>
  // One answer for a missing id, one the viewer may not see and one not yet published: nothing tells them apart.
  refusal('not-found', `No payslip of appraisal "${appraisalId}" that ${viewerId} may see.`);

/** The payslip of `appraisalId` as `viewerId` may see it (the body of KaoheService.payslip). */
export async function readPayslip(x: ServiceInternals, appraisalId: string, viewerId: string): Promise<PayslipResult> {
  const record = await x.store.getAppraisal(appraisalId);
  if (!record) return notFound(appraisalId, viewerId);
  const [dir, chain] = await Promise.all([x.directory(), x.chainOf(record)]);
  // Pay is published with the appraisal: the employee, HR and whoever the chain lets read it, after publication.
  if (payslipAccess(record, viewerId, dir, chain) !== 'granted') return notFound(appraisalId, viewerId);
  const [roles, plans] = await Promise.all([x.assignments(), x.payPlans()]);
  const person = dir.people.find((candidate) => candidate.id === record.employeeId);
  const planId = roles[roleOf(person, roles, record)]?.payPlan;
  const plan = planId === undefined ? undefined : plans[planId];
  if (planId === undefined || !plan) {
    return refusal('not-found', `No pay plan is assigned to the role of ${record.employeeId}${planId === undefined ? '' : ` (plan ${planId} is not configured)`}: appraisal ${appraisalId} has no payslip.`);
  }
  // Pay is the result as published (workflow's publishedResultOf), not an appeal's rescore under review.
  const published = publishedResultOf(record);
  if (!published) return notFound(appraisalId, viewerId);
  const score = published.score ?? scoreOrNull(await x.pinnedRubric(record), published.sheet);
  if (!score) return refusal('invalidSheet', `The sheet of ${appraisalId} has problems and no score; its pay cannot be computed.`);
  const figures = await x.payFigures({ employee: record.employeeId, period: record.period, planId, plan });
  const values = payValuesOf(plan, score, figures);
  let payslip: Payslip;
  try {
    payslip = computePay(plan, { employee: record.employeeId, period: record.period, values });
  } catch (error) {
    if (!(error instanceof KaoheInputError)) throw error;
    // The payroll system's figures for the month are not (all) there yet: every missing or wrong input named.
    return refusal('incomplete', `The pay of ${record.employeeId} for ${record.period} cannot be computed yet: ${error.problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')}`,
      { problems: error.problems });
  }
  // The plan as it was paid by, validated (its defaults filled in): the payslip's reader shows it as it is.
  const checked = validatePayPlan(plan);
  return {
    ok: true,
    payslip,
    plan: checked.ok ? checked.value : plan,
    values,
    appraisal: { id: record.id, employeeId: record.employeeId, period: record.period, status: record.status, revision: record.revision },
    ...(person ? { employee: { id: person.id, name: person.name, ...(person.number !== undefined ? { number: person.number } : {}) } } : {}),
  };
}
