// Which pay plan inputs a score supplies: one table for every caller that pays from a score — the
// service's payslips and HR's payroll, `kaohe pay --score` and `kaohe batch`.
import type { ScoreResult } from '../result.ts';

/**
 * Plan inputs a score result can supply, by the names the pay presets use (P-1 reads workScore and,
 * with O-2 set to monthly, monthlyScore; P-2 reads score = the monthly score). A value given
 * explicitly always wins over these.
 */
export const SCORE_INPUTS: Readonly<Record<string, (score: ScoreResult) => string | null>> = {
  workScore: (score: ScoreResult) => score.work,
  monthlyScore: (score: ScoreResult) => score.monthly,
  score: (score: ScoreResult) => score.monthly,
  attendanceScore: (score: ScoreResult) => score.attendance,
};

/**
 * The values a payslip is computed from: `values` as given, and for every score input the plan
 * declares that they leave out (absent or ''), the score's figure. The one rule for the service's
 * payslips and payroll and the CLI's `pay --score` and `batch`, so none of them disagree.
 */
export function withScoreInputs(
  plan: { readonly inputs?: ReadonlyArray<{ readonly name: string }> }, values: Readonly<Record<string, string | number | boolean>>, score: ScoreResult,
): Record<string, string | number | boolean> {
  const filled: Record<string, string | number | boolean> = { ...values };
  for (const input of plan.inputs ?? []) {
    const given = filled[input.name];
    const fromScore = SCORE_INPUTS[input.name]?.(score);
    if ((given === undefined || given === '') && fromScore !== undefined && fromScore !== null) filled[input.name] = fromScore;
  }
  return filled;
}
