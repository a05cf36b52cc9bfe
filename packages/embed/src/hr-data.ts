// What HR's views are fed, read from the configured context's store: each appraisal scored against
// the rubric version it pins (an edited rubric never rescores a month already appraised), then shaped
// for kaohe-score-distribution, kaohe-payroll-export and kaohe-annual. Every number comes from
// @kaohe/scoring; this file only gathers and sorts records.
import { computePay, scoreSheet, type AnnualRecord, type PayPlanInput, type Rubric, type ScoreEntry, type ScoreResult } from '@kaohe/scoring';
import type { AppraisalQuery } from '@kaohe/store';
import { isPublished, type AppraisalRecord, type Person } from '@kaohe/workflow';
import type { AnnualMonth, PayrollEntry } from '@kaohe/elements/hr';
import { getContext, type KaoheContext } from './context.ts';

/** An appraisal with its scores and the person as the directory knows them. */
export interface ScoredAppraisal {
  record: AppraisalRecord;
  score: ScoreResult;
  person: Person | undefined;
  /** the person's first role that has an assignment (the one their rubric came from); else their first role */
  role: string;
}

/** What kaohe-annual shows for one year: everyone's scored months, for the ranks, and each person's months. */
export interface AnnualYear {
  peers: AnnualRecord[];
  months: Record<string, AnnualMonth[]>;
}

function configured(method: string): KaoheContext {
  const context = getContext();
  if (!context) throw new Error(`KaoheHr.${method}: call Kaohe.configure({ user, directory }) first (and await it).`);
  return context;
}

async function pinnedRubric(context: KaoheContext, record: AppraisalRecord, cache: Map<string, Rubric | undefined>): Promise<Rubric | undefined> {
  const key = `${record.rubricId}@${record.rubricVersion}`;
  if (!cache.has(key)) cache.set(key, await context.store.getRubric(record.rubricId, record.rubricVersion) ?? context.rubricVersions[key]);
  return cache.get(key);
}

/**
 * Every appraisal matching `query` in the context's store, scored against the rubric version it pins.
 * An appraisal whose rubric version is nowhere to be found is left out with a warning, not scored
 * against another version.
 */
export async function scoredAppraisals(query: AppraisalQuery = {}): Promise<ScoredAppraisal[]> {
  const context = configured('scoredAppraisals');
  const records: AppraisalRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await context.store.listAppraisals({ ...query, limit: 1000, ...(cursor !== undefined ? { cursor } : {}) });
    records.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);

  const rubrics = new Map<string, Rubric | undefined>();
  const scored: ScoredAppraisal[] = [];
  for (const record of records) {
    const rubric = await pinnedRubric(context, record, rubrics);
    if (!rubric) {
      console.warn(`KaoheHr: appraisal ${record.id} pins rubric ${record.rubricId} v${record.rubricVersion}, which is not stored; it is left out`);
      continue;
    }
    const person = context.directory.people.find((candidate) => candidate.id === record.employeeId);
    const role = person?.roles.find((candidate) => context.assignments[candidate]) ?? person?.roles[0] ?? record.rubricId;
    scored.push({ record, score: scoreSheet(rubric, record.sheet), person, role });
  }
  return scored;
}

/**
 * kaohe-score-distribution's entries: the sheets with every item entered. A sheet still missing
 * items has no monthly score yet (its missing items count as nothing), and would show up as a
 * false outlier under 60.
 */
export function distributionEntries(scored: readonly ScoredAppraisal[]): ScoreEntry[] {
  return scored
    .filter(({ score }) => score.missing.length === 0)
    .map(({ record, score, person, role }) => ({ employeeId: record.employeeId, role, score: score.monthly, ...(person ? { name: person.name } : {}) }));
}

/**
 * kaohe-payroll-export's entries: the published results of people whose role has a pay plan, each
 * with its payslip computed by that plan. `values` supplies what the payroll system knows besides
 * the scores (pay total, plan completion …), by the plan's input names.
 */
export function payrollEntries(
  scored: readonly ScoredAppraisal[],
  values: (appraisal: ScoredAppraisal, plan: PayPlanInput) => Record<string, string | number | boolean>,
): PayrollEntry[] {
  const context = configured('payrollEntries');
  const entries: PayrollEntry[] = [];
  for (const appraisal of scored) {
    // The payslip's rule: pay is published with the appraisal.
    if (!isPublished(appraisal.record.status)) continue;
    const planId = context.assignments[appraisal.role]?.payPlan;
    const plan = planId === undefined ? undefined : context.payPlans[planId];
    if (!plan) continue;
    const { record, score, person } = appraisal;
    const payslip = computePay(plan, { employee: record.employeeId, period: record.period, values: values(appraisal, plan) });
    entries.push({ record, score, payslip, ...(person?.department !== undefined ? { department: person.department } : {}) });
  }
  return entries;
}

/**
 * kaohe-annual's data for `year` (C-3): the published monthly scores of everyone in `scored`, by
 * person, for the ranks within role and region, and each person's months in calendar order.
 */
export function annualYear(scored: readonly ScoredAppraisal[], year: number): AnnualYear {
  const prefix = `${String(year).padStart(4, '0')}-`;
  const byPerson = new Map<string, { role: string; region: string; months: AnnualMonth[] }>();
  for (const { record, score, person, role } of scored) {
    if (!record.period.startsWith(prefix) || !isPublished(record.status)) continue;
    const entry = byPerson.get(record.employeeId) ?? { role, region: person?.region ?? '', months: [] };
    entry.months.push({ period: record.period, monthly: score.monthly });
    byPerson.set(record.employeeId, entry);
  }
  const months: Record<string, AnnualMonth[]> = {};
  const peers: AnnualRecord[] = [];
  for (const [employeeId, entry] of byPerson) {
    entry.months.sort((a, b) => a.period.localeCompare(b.period));
    months[employeeId] = entry.months;
    peers.push({ employeeId, role: entry.role, region: entry.region, monthly: entry.months.map((month) => month.monthly) });
  }
  return { peers, months };
}
