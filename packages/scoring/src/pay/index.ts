export type { FormulaNode, FormulaValue, FormulaType, ParsedFormula, EvaluateOptions, FormulaFunction } from './formula.ts';
export type { PayPlanInput } from './pay-schema.ts';
export type { Payslip, PayslipLine, PayslipFlag, ComputePayOptions } from './pay.ts';
export { parseFormula, evaluateFormula, formulaNames, formulaText, FormulaError } from './formula.ts';
export { PayPlan, PayInputSpec, PaySettingSpec, PayQuantity, PayLineSpec, PayFlagSpec, PayVariants, PayName, PayFormula, PayInputKind } from './pay-schema.ts';
export { validatePayPlan, computePay, PayInput } from './pay.ts';
export { SCORE_INPUTS, withScoreInputs } from './score-inputs.ts';
