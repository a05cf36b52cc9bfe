import * as z from './zod.ts';

/** A decimal quantity as written in JSON: a string ("12.5") or a number. Never a float in the engine. */
export const Amount = z.union([z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal number such as "5" or "2.5"'), z.number().finite()]);
export type Amount = z.infer<typeof Amount>;

export const Locale = z.enum(['zh-Hant', 'zh-Hans', 'en']);
export type Locale = z.infer<typeof Locale>;

/** A label in the three languages the product speaks. */
export const Label = z.object({ 'zh-Hant': z.string().min(1), 'zh-Hans': z.string().min(1), en: z.string().min(1) });
export type Label = z.infer<typeof Label>;

/** A consequence outside the score, e.g. FS-3 removal from post, FS-10 transfer. */
export const FlagSpec = z.object({ code: z.string().min(1), label: Label });
export type FlagSpec = z.infer<typeof FlagSpec>;

const Range = z.object({ min: Amount, max: Amount });

// ---- rule kinds (design.md, "Rule kinds the engine needs") ----

/** The assessor awards 0..points (RM-1a, TR-2). Entry: { points }. */
export const AwardRule = z.object({ kind: z.literal('award'), step: Amount.optional() });
/** Each occurrence deducts a fixed amount (SP-D1, SP-A). Entry: { count }. */
export const PerOccurrenceRule = z.object({ kind: z.literal('perOccurrence'), amount: Amount });
/** The assessor picks an amount within a range per occurrence, with a reason (FS-3, FS-4b; O-8). Entry: { deductions: [{ option, amount, reason }] }. */
export const RangedRule = z.object({
  kind: z.literal('ranged'),
  options: z.array(z.object({ id: z.string().min(1), label: Label, min: Amount, max: Amount, flag: FlagSpec.optional() })).min(1),
  reasonRequired: z.boolean().default(true),
});
/** Named levels, each a fixed deduction or a range the assessor chooses in (FS-1, FS-5). Entry: { level, amount?, reason? }. */
export const LevelsRule = z.object({
  kind: z.literal('levels'),
  levels: z.array(z.object({ id: z.string().min(1), label: Label, deduct: z.union([Amount, Range]), flag: FlagSpec.optional() })).min(2),
});
/** Any breach forfeits the item (SP-W1 untrue, SP-V, RM-4 late). Entry: { breached }. */
export const ForfeitRule = z.object({ kind: z.literal('forfeit') });
/** Each miss deducts perMiss; zeroAt misses or more → 0 (SP-W3). Entry: { count }. */
export const ThresholdRule = z.object({ kind: z.literal('threshold'), perMiss: Amount, zeroAt: z.number().int().positive() });
/** Penalties that grow with the count, with consequences (FS-10). Entry: { count }. */
export const EscalatingRule = z.object({
  kind: z.literal('escalating'),
  steps: z.array(z.object({ atCount: z.number().int().positive(), deduct: Amount, flag: FlagSpec.optional() })).min(1),
});
/** A score derived from other appraisals (RM-5): perCase deducted for each subordinate case. Entry: { count } or computed. */
export const DerivedRule = z.object({
  kind: z.literal('derived'),
  source: z.literal('subordinates'),
  perCase: Amount,
  /** a subordinate whose work score is below this counts as a heavy-deduction case */
  heavyBelow: Amount,
});
/** A measured indicator against a target (SP-K*, R-CSP, R-CSA). Entry: { value, target? }. */
export const MeasuredRule = z.object({
  kind: z.literal('measured'),
  direction: z.enum(['higher', 'lower']),
  target: Amount,
  unit: z.enum(['percent', 'number', 'money', 'score']).default('number'),
  /** the highest share of the points an over-achiever earns (1 = never above the item's points) */
  cap: Amount.default('1'),
});
/** Checked by random sampling (OCS-1..3): points × passed ÷ checked. Entry: { checked, passed }. */
export const SampledRule = z.object({ kind: z.literal('sampled') });

export const Rule = z.discriminatedUnion('kind', [
  AwardRule, PerOccurrenceRule, RangedRule, LevelsRule, ForfeitRule, ThresholdRule,
  EscalatingRule, DerivedRule, MeasuredRule, SampledRule,
]);
export type Rule = z.infer<typeof Rule>;
export type RuleKind = Rule['kind'];

export const Item = z.object({
  /** the rule ID from domain/rules.md where there is one (SP-D1, FS-10 …) */
  id: z.string().min(1),
  label: Label,
  /** the rule in words, shown beside the item */
  description: Label.optional(),
  /** full marks; 0 for items in a pooled section and for penalty-only items */
  points: Amount,
  rule: Rule,
  /** assessing groups that score this item (R-FS); empty = the step's assessor */
  groups: z.array(z.string().min(1)).default([]),
  /** O-1: a penalty-only item sits outside the scale and only ever takes points away */
  penaltyOnly: z.boolean().default(false),
  /** SP/RM note: repeated non-submission doubles the deduction (O-5 in settings) */
  repeatDoubling: z.boolean().default(false),
  /** KPI weight for weighted rubrics (C-4), as a fraction: "0.35" */
  weight: Amount.optional(),
  source: z.string().optional(),
});
export type Item = z.infer<typeof Item>;

export const Section = z.object({
  id: z.string().min(1),
  label: Label,
  points: Amount,
  /** pooled: the items deduct from the section's points (SP dealer management: −5 each, never below 0) */
  pooled: z.boolean().default(false),
  /** the lowest the section may fall to; null lets it go negative (a rubric must say so) */
  floor: Amount.nullable().default('0'),
  /** a gate that voids the whole section when breached (SP-W: late or illegible weekly report) */
  gate: z.object({ id: z.string().min(1), label: Label, source: z.string().optional() }).optional(),
  items: z.array(Item).min(1),
});
export type Section = z.infer<typeof Section>;

export const Settings = z.object({
  /** O-1: 'error' refuses a rubric whose items don't add up to the scale; 'warning' only reports it */
  scaleMismatch: z.enum(['error', 'warning']).default('error'),
  /** O-5: doubling for repeated non-submission */
  repeatDoubling: z.object({
    /** how many previous consecutive months count */
    lookbackMonths: z.number().int().min(1).max(12).default(1),
    /** false: ×2 once repeated; true: ×2 for each consecutive previous month (×2, ×4 …) */
    compound: z.boolean().default(false),
  }).default({ lookbackMonths: 1, compound: false }),
  /** O-7: scores are rounded half-up to this many decimals, once, at the end */
  scoreDecimals: z.number().int().min(0).max(4).default(2),
  /** O-8: a ranged deduction must carry a reason */
  rangedReasonRequired: z.boolean().default(true),
}).default({ scaleMismatch: 'error', repeatDoubling: { lookbackMonths: 1, compound: false }, scoreDecimals: 2, rangedReasonRequired: true });
export type Settings = z.infer<typeof Settings>;

export const Composite = z.discriminatedUnion('kind', [
  /** C-1: monthly = work × 70% + attendance × 30% */
  z.object({ kind: z.literal('workAttendance'), work: Amount.default('0.7'), attendance: Amount.default('0.3') }),
  /** C-4 weighted KPI rubrics and satisfaction rubrics: monthly = work */
  z.object({ kind: z.literal('workOnly') }),
]);
export type Composite = z.infer<typeof Composite>;

export const AttendancePolicy = z.object({
  /** C-2 */
  full: Amount.default('100'),
  perAbsentDay: Amount.default('4'),
  /** C-2: a half day counts as a whole day ('whole'); 'exact' deducts pro rata */
  partialDay: z.enum(['whole', 'exact']).default('whole'),
});
export type AttendancePolicy = z.infer<typeof AttendancePolicy>;

export const Rubric = z.object({
  $schema: z.string().optional(),
  id: z.string().min(1),
  version: z.number().int().positive(),
  role: z.string().min(1),
  label: Label,
  scale: Amount.default('100'),
  composite: Composite.default({ kind: 'workAttendance', work: '0.7', attendance: '0.3' }),
  attendance: AttendancePolicy.default({ full: '100', perAbsentDay: '4', partialDay: 'whole' }),
  settings: Settings,
  sections: z.array(Section).min(1),
  source: z.string().optional(),
});
export type Rubric = z.infer<typeof Rubric>;
export type RubricInput = z.input<typeof Rubric>;

// ---- sheets ----

export const Deduction = z.object({ option: z.string().optional(), amount: Amount, reason: z.string().default('') });
export type Deduction = z.infer<typeof Deduction>;

/** One item's entry; which fields apply depends on the item's rule kind (see each rule above). */
export const Entry = z.object({
  count: z.number().int().min(0).optional(),
  deductions: z.array(Deduction).optional(),
  level: z.string().optional(),
  amount: Amount.optional(),
  reason: z.string().optional(),
  points: Amount.optional(),
  breached: z.boolean().optional(),
  value: Amount.optional(),
  target: Amount.optional(),
  checked: z.number().int().min(0).optional(),
  passed: z.number().int().min(0).optional(),
  /** O-5: consecutive previous months with the same non-submission */
  priorMonths: z.number().int().min(0).optional(),
  comment: z.string().optional(),
}).strict();
export type Entry = z.infer<typeof Entry>;
export type EntryInput = z.input<typeof Entry>;

export const Period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

export const Sheet = z.object({
  $schema: z.string().optional(),
  rubric: z.string().min(1),
  rubricVersion: z.number().int().positive().optional(),
  employee: z.string().optional(),
  period: Period,
  attendance: z.object({ absentDays: Amount.default('0') }).default({ absentDays: '0' }),
  entries: z.record(z.string(), Entry).default({}),
});
export type Sheet = z.infer<typeof Sheet>;
export type SheetInput = z.input<typeof Sheet>;
