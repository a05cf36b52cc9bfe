import type { PayInput, PayPlan, ScoreResult } from '@kaohe/scoring';

/**
 * Plan inputs a score result can supply, by the names the pay presets use (P-1 reads workScore and
 * monthlyScore, P-2 reads score = the monthly score). A value given explicitly always wins.
 */
export const SCORE_INPUTS: Readonly<Record<string, (result: ScoreResult) => string | null>> = {
  workScore: (r) => r.work,
  monthlyScore: (r) => r.monthly,
  score: (r) => r.monthly,
  attendanceScore: (r) => r.attendance,
};

/** Adds the scores the plan declares and the input does not already give. */
export function withScores(plan: PayPlan, input: PayInput, result: ScoreResult | undefined): PayInput {
  if (!result) return input;
  const values: Record<string, string | number | boolean> = { ...(input.values ?? {}) };
  for (const spec of plan.inputs) {
    const given = values[spec.name];
    const fromScore = SCORE_INPUTS[spec.name]?.(result);
    if ((given === undefined || given === '') && fromScore !== undefined && fromScore !== null) values[spec.name] = fromScore;
  }
  return {
    ...input,
    values,
    ...(input.employee === undefined && result.employee !== undefined ? { employee: result.employee } : {}),
    ...(input.period === undefined ? { period: result.period } : {}),
  };
}
