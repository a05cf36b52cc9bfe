// What HR's views are fed, through the application service's HR reads (@kaohe/service/hr's
// `hrReads(service)`): with a server, the server's client answers them with figures computed there (no
// appraisal is pulled into the page); without one, the page's own service computes them over its
// store. Either way the HR check is made by the service, for the signed-in user, and each appraisal's
// score is the one stored with it. This file only adapts the answers to the elements.
import type { PayPlanInput, PayrollCsv, Locale } from '@kaohe/scoring';
import { distributionOf, hrReads, payrollOf, type PaidAppraisal, type PayValues, type ScoredAppraisal, type SkippedAppraisal } from '@kaohe/service/hr';
import type { AppraisalQuery } from '@kaohe/store';
import type { AnnualMonth, PayrollEntry } from '@kaohe/elements/hr';
import type { AnnualRecord, ScoreEntry } from '@kaohe/scoring';
import { getContext, type KaoheContext } from './context.ts';
import { loadedService } from './service.ts';

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

function warnSkipped(skipped: readonly SkippedAppraisal[]): void {
  for (const left of skipped) console.warn(`KaoheHr: appraisal ${left.id} is left out: ${left.reason}`);
}

/**
 * kaohe-score-distribution's entries for a month: the sheets with every item entered, each with its
 * stored score. HR only (a KaoheReadRefusedError for anyone else). Works with and without a server.
 */
export async function distribution(period: string): Promise<ScoreEntry[]> {
  const context = configured('distribution');
  const result = await hrReads(await loadedService(context)).distribution(context.user, { period });
  if (!result.ok) throw refused('distribution', result.message);
  warnSkipped(result.skipped);
  return result.entries;
}

/**
 * kaohe-payroll-export's entries for a month: the published results of people whose role has a pay
 * plan, each with its payslip, computed by the service as the employee's own payslip is (the stored
 * scores, the payroll figures configured — `payValues` — and `values`, which win). `values`: what the
 * payroll system knows, by employee and the plan's input names; a function of each appraisal and plan
 * only without a server. HR only. Works with and without a server.
 */
export async function payroll(period: string, values: PayValues = {}): Promise<PayrollEntry[]> {
  const context = configured('payroll');
  const result = await hrReads(await loadedService(context)).payroll(context.user, { period, values });
  if (!result.ok) throw refused('payroll', result.message);
  warnSkipped(result.skipped);
  return result.entries;
}

/** The month's payroll CSV (UTF-8 with BOM; the bytes `kaohe batch` writes), with the same figures as `payroll`. HR only. */
export async function payrollCsv(period: string, options: { values?: PayValues; locale?: Locale } = {}): Promise<PayrollCsv> {
  const context = configured('payrollCsv');
  const result = await hrReads(await loadedService(context)).payrollCsv(context.user, { period, values: options.values ?? {}, locale: options.locale ?? context.locale });
  if (!result.ok) throw refused('payrollCsv', result.message);
  warnSkipped(result.skipped);
  const { ok: _ok, skipped: _skipped, ...csv } = result;
  return csv;
}

/**
 * kaohe-annual's data for `year` (C-3) as the signed-in user may read it: HR everyone's; anyone else
 * their own months and their peers' published figures without names (for the ranks). Works with and without a server.
 */
export async function annualYear(year: number): Promise<AnnualYear> {
  const context = configured('annualYear');
  const result = await hrReads(await loadedService(context)).annualYear(context.user, { year });
  if (!result.ok) throw refused('annualYear', result.message);
  return { peers: result.peers, months: result.months };
}

// ---- Without a server only: every appraisal with its score, in the page ----

/**
 * Every appraisal matching `query`, with its score: HR only (a KaoheReadRefusedError for anyone else).
 * Without a server only — with one, the appraisals stay on the server: use `distribution`, `payroll`,
 * `payrollCsv` and `annualYear`, which work in both modes.
 */
export async function scoredAppraisals(query: AppraisalQuery = {}): Promise<ScoredAppraisal[]> {
  const context = configured('scoredAppraisals');
  if (context.service) {
    throw refused('scoredAppraisals', 'with a server, the appraisals stay on it; read distribution(period), payroll(period), payrollCsv(period) or annualYear(year) instead.');
  }
  const result = await hrReads(await loadedService(context)).scored(context.user, query);
  if (!result.ok) throw refused('scoredAppraisals', result.message);
  warnSkipped(result.skipped);
  return result.appraisals;
}

/** kaohe-score-distribution's entries of `scoredAppraisals`' answer (without a server; `distribution(period)` works in both modes). */
export function distributionEntries(scored: readonly ScoredAppraisal[]): ScoreEntry[] {
  return distributionOf(scored);
}

/**
 * kaohe-payroll-export's entries of `scoredAppraisals`' answer (without a server; `payroll(period)` works
 * in both modes and adds the configured payroll figures). `values` supplies what the payroll system
 * knows besides the scores, by the plan's input names (given each appraisal with `score` the published result's);
 * the published scores fill the score inputs it leaves out.
 */
export function payrollEntries(
  scored: readonly ScoredAppraisal[],
  values: (appraisal: PaidAppraisal, plan: PayPlanInput) => Record<string, string | number | boolean>,
): PayrollEntry[] {
  const context = configured('payrollEntries');
  return payrollOf(scored, context.assignments, context.payPlans, values).entries;
}
