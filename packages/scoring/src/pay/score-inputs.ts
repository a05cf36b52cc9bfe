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
