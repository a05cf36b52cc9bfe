import { SCORE_INPUTS, type PayInput, type PayPlan, type ScoreResult } from '@kaohe/scoring';

export { SCORE_INPUTS };

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
