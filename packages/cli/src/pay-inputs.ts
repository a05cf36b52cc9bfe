import { SCORE_INPUTS, withScoreInputs, type PayInput, type PayPlan, type ScoreResult } from '@kaohe/scoring';

export { SCORE_INPUTS };

/** Adds the scores the plan declares and the input does not already give (scoring's withScoreInputs), and the score's employee and period where the input names none. */
export function withScores(plan: PayPlan, input: PayInput, result: ScoreResult | undefined): PayInput {
  if (!result) return input;
  return {
    ...input,
    values: withScoreInputs(plan, input.values ?? {}, result),
    ...(input.employee === undefined && result.employee !== undefined ? { employee: result.employee } : {}),
    ...(input.period === undefined ? { period: result.period } : {}),
  };
}
