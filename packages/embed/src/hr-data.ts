// What HR's views are fed, through the application service's HR reads (@kaohe/service/hr): the HR
// check is made there, for the signed-in user, and each appraisal's score is the one stored with it
// (scored against the rubric version it pins). This file only adapts them to the elements.
import type { PayPlanInput } from '@kaohe/scoring';
import { distributionOf, hrReads, payrollOf, type ScoredAppraisal } from '@kaohe/service/hr';
import type { AppraisalQuery } from '@kaohe/store';
import type { AnnualMonth, PayrollEntry } from '@kaohe/elements/hr';
import type { AnnualRecord, ScoreEntry } from '@kaohe/scoring';
import { getContext, type KaoheContext } from './context.ts';
import { serviceFor } from './service.ts';

export type { ScoredAppraisal };

/** What kaohe-annual shows for one year: the peers its ranks need, and each person's months. */
export interface AnnualYear {
  peers: AnnualRecord[];
  months: Record<string, AnnualMonth[]>;
}

function configured(method: string): KaoheContext {
  const context = getContext();
  if (!context) throw new Error(`KaoheHr.${method}: call Kaohe.configure({ user, directory }) first (and await it).`);
  return context;
}

function refused(method: string, message: string): Error {
  const error = new Error(`KaoheHr.${method}: ${message}`);
  error.name = 'KaoheReadRefusedError';
  return error;
}

/**
 * Every appraisal matching `query`, with its score: HR only (a KaoheReadRefusedError for anyone else).
 * An appraisal whose pinned rubric version is nowhere to be found, or whose sheet has problems, is
 * left out with a warning, never scored against another version.
 */
export async function scoredAppraisals(query: AppraisalQuery = {}): Promise<ScoredAppraisal[]> {
  const context = configured('scoredAppraisals');
  const result = await hrReads(serviceFor(context)).scored(context.user, query);
  if (!result.ok) throw refused('scoredAppraisals', result.message);
  for (const skipped of result.skipped) console.warn(`KaoheHr: appraisal ${skipped.id} is left out: ${skipped.reason}`);
  return result.appraisals;
}

/** kaohe-score-distribution's entries: the sheets with every item entered. */
export function distributionEntries(scored: readonly ScoredAppraisal[]): ScoreEntry[] {
  return distributionOf(scored);
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
  return payrollOf(scored, context.assignments, context.payPlans, values).entries;
}

/**
 * kaohe-annual's data for `year` (C-3) as the signed-in user may read it: HR everyone's; anyone else
 * their own months and their peers' published figures without names (for the ranks).
 */
export async function annualYear(year: number): Promise<AnnualYear> {
  const context = configured('annualYear');
  const result = await hrReads(serviceFor(context)).annualYear(context.user, { year });
  if (!result.ok) throw refused('annualYear', result.message);
  return { peers: result.peers, months: result.months };
}
