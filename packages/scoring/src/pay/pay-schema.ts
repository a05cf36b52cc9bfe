import * as z from '../zod.ts';
import { Amount, Label, nonEmpty } from '../schema.ts';

/** A name a formula can read: letters, digits and _, starting with a letter or _. */
export const PayName = z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a name of letters, digits and _ that does not start with a digit, e.g. "completionRate"'));

/** A formula of the pay language (see formula.ts): numbers, names, + - * /, comparisons, && || !, min, max, round, clamp, if. */
export const PayFormula = z.string().check(z.minLength(1, 'a formula such as "T * 0.5"'));

/** What an input holds; it decides how the input is read and shown. A rate is a fraction: 85% is 0.85. */
export const PayInputKind = z.enum(['money', 'rate', 'score', 'number', 'boolean']);
export type PayInputKind = z.infer<typeof PayInputKind>;

/** A value the payroll supplies for each person and month (pay total, completion rate, score …). */
export const PayInputSpec = z.object({
  name: PayName,
  label: Label,
  kind: PayInputKind,
  min: z.optional(Amount),
  max: z.optional(Amount),
  /** a required input must be given whenever a formula in use reads it */
  required: z._default(z.boolean(), true),
  /** the value of an input that is not required and not given */
  default: z.optional(z.union([Amount, z.boolean()])),
  description: z.optional(Label),
});
export type PayInputSpec = z.infer<typeof PayInputSpec>;

/** A choice the domain leaves open (O-2, O-3, O-4): declared with its options and a documented default. */
export const PaySettingSpec = z.object({
  /** the open point it settles, e.g. "O-2" */
  id: nonEmpty(),
  name: PayName,
  label: z.optional(Label),
  options: z.array(nonEmpty()).check(z.minLength(1)),
  optionLabels: z.optional(z.record(z.string(), Label)),
  default: nonEmpty(),
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
  label: z.optional(Label),
  formula: z.optional(PayFormula),
  variants: z.optional(PayVariants),
});
export type PayQuantity = z.infer<typeof PayQuantity>;

/** One line of the payslip. A line whose `when` is false is left off the payslip. */
export const PayLineSpec = z.object({
  id: nonEmpty(),
  label: Label,
  formula: z.optional(PayFormula),
  variants: z.optional(PayVariants),
  when: z.optional(PayFormula),
  /** the rule it comes from, e.g. "P-1" */
  source: z.optional(z.string()),
});
export type PayLineSpec = z.infer<typeof PayLineSpec>;

/** A consequence raised on the payslip (P-2 under 60, P-3 gate failed). */
export const PayFlagSpec = z.object({
  code: nonEmpty(),
  label: Label,
  when: PayFormula,
  /** the rule it comes from; the plan's source (or id) when left out */
  source: z.optional(z.string()),
  /** conditions whose labels the raised flag names, e.g. the P-3 indicators that missed their target */
  reasons: z.optional(z.array(z.object({ when: PayFormula, label: Label }))),
});
export type PayFlagSpec = z.infer<typeof PayFlagSpec>;

/** A pay plan: named components as formulas over named quantities, evaluated with decimal.js. */
export const PayPlan = z.object({
  $schema: z.optional(z.string()),
  id: nonEmpty(),
  version: z.int().check(z.gte(1)),
  label: Label,
  currency: z._default(z.string().check(z.regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as "CNY"')), 'CNY'),
  inputs: z._default(z.array(PayInputSpec), []),
  settings: z._default(z.array(PaySettingSpec), []),
  quantities: z._default(z.array(PayQuantity), []),
  lines: z.array(PayLineSpec).check(z.minLength(1)),
  flags: z._default(z.array(PayFlagSpec), []),
  /** the rule it carries, e.g. "P-1" */
  source: z.optional(z.string()),
  description: z.optional(Label),
});
export type PayPlan = z.infer<typeof PayPlan>;
export type PayPlanInput = z.input<typeof PayPlan>;
