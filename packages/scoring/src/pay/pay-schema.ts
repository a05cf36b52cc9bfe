import * as z from '../zod.ts';
import { Amount, Label } from '../schema.ts';

/** A name a formula can read: letters, digits and _, starting with a letter or _. */
export const PayName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a name of letters, digits and _ that does not start with a digit, e.g. "completionRate"');

/** A formula of the pay language (see formula.ts): numbers, names, + - * /, comparisons, && || !, min, max, round, clamp, if. */
export const PayFormula = z.string().min(1, 'a formula such as "T * 0.5"');

/** What an input holds; it decides how the input is read and shown. A rate is a fraction: 85% is 0.85. */
export const PayInputKind = z.enum(['money', 'rate', 'score', 'number', 'boolean']);
export type PayInputKind = z.infer<typeof PayInputKind>;

/** A value the payroll supplies for each person and month (pay total, completion rate, score …). */
export const PayInputSpec = z.object({
  name: PayName,
  label: Label,
  kind: PayInputKind,
  min: Amount.optional(),
  max: Amount.optional(),
  /** a required input must be given whenever a formula in use reads it */
  required: z.boolean().default(true),
  /** the value of an input that is not required and not given */
  default: z.union([Amount, z.boolean()]).optional(),
  description: Label.optional(),
});
export type PayInputSpec = z.infer<typeof PayInputSpec>;

/** A choice the domain leaves open (O-2, O-3, O-4): declared with its options and a documented default. */
export const PaySettingSpec = z.object({
  /** the open point it settles, e.g. "O-2" */
  id: z.string().min(1),
  name: PayName,
  label: Label.optional(),
  options: z.array(z.string().min(1)).min(1),
  optionLabels: z.record(z.string(), Label).optional(),
  default: z.string().min(1),
});
export type PaySettingSpec = z.infer<typeof PaySettingSpec>;

/** Formulas that differ by the value of one setting: `{ setting: 'scoreRateBasis', cases: { work: '…', monthly: '…' } }`. */
export const PayVariants = z.object({
  setting: PayName,
  cases: z.record(z.string(), PayFormula),
});
export type PayVariants = z.infer<typeof PayVariants>;

/** A named intermediate value other formulas can read. `formula` is used when no variant matches the setting. */
export const PayQuantity = z.object({
  name: PayName,
  label: Label.optional(),
  formula: PayFormula.optional(),
  variants: PayVariants.optional(),
});
export type PayQuantity = z.infer<typeof PayQuantity>;

/** One line of the payslip. A line whose `when` is false is left off the payslip. */
export const PayLineSpec = z.object({
  id: z.string().min(1),
  label: Label,
  formula: PayFormula.optional(),
  variants: PayVariants.optional(),
  when: PayFormula.optional(),
  /** the rule it comes from, e.g. "P-1" */
  source: z.string().optional(),
});
export type PayLineSpec = z.infer<typeof PayLineSpec>;

/** A consequence raised on the payslip (P-2 under 60, P-3 gate failed). */
export const PayFlagSpec = z.object({
  code: z.string().min(1),
  label: Label,
  when: PayFormula,
  /** the rule it comes from; the plan's source (or id) when left out */
  source: z.string().optional(),
  /** conditions whose labels the raised flag names, e.g. the P-3 indicators that missed their target */
  reasons: z.array(z.object({ when: PayFormula, label: Label })).optional(),
});
export type PayFlagSpec = z.infer<typeof PayFlagSpec>;

/** A pay plan: named components as formulas over named quantities, evaluated with decimal.js. */
export const PayPlan = z.object({
  $schema: z.string().optional(),
  id: z.string().min(1),
  version: z.number().int().positive(),
  label: Label,
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as "CNY"').default('CNY'),
  inputs: z.array(PayInputSpec).default([]),
  settings: z.array(PaySettingSpec).default([]),
  quantities: z.array(PayQuantity).default([]),
  lines: z.array(PayLineSpec).min(1),
  flags: z.array(PayFlagSpec).default([]),
  /** the rule it carries, e.g. "P-1" */
  source: z.string().optional(),
  description: Label.optional(),
});
export type PayPlan = z.infer<typeof PayPlan>;
export type PayPlanInput = z.input<typeof PayPlan>;
