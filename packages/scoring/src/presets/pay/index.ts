import { deepFreeze } from '../../freeze.ts';
import type { PayPlanInput } from '../../pay/pay-schema.ts';
import { salesMonthlyPayPlan } from './p1.ts';
import { serviceStaffPayPlan } from './p2.ts';
import { shopAfterSalesPayPlan } from './p3.ts';

export { salesMonthlyPayPlan } from './p1.ts';
export { serviceStaffPayPlan } from './p2.ts';
export { shopAfterSalesPayPlan } from './p3.ts';

/**
 * The pay plans of domain/rules.md §5, keyed by rule ID. Frozen all the way down, like the rubric
 * presets: a plan edited in place would change every later payslip.
 */
export const payPlanPresets: Readonly<Record<string, PayPlanInput>> = deepFreeze({
  'P-1': salesMonthlyPayPlan,
  'P-2': serviceStaffPayPlan,
  'P-3': shopAfterSalesPayPlan,
});
