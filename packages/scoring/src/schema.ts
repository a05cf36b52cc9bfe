import { dec } from './decimal.ts';
import type { ProblemValues } from './problems.ts';
import * as z from './zod.ts';

// zod/mini: the functional API of zod 4 (z.optional(x), z._default(x, v), x.check(...)) that lets
// the bundler drop what a schema does not use — about 20 KB gzip less than zod classic in the
// script-tag bundle. The schemas, their types and their JSON Schema are the same.
export const nonEmpty = () => z.string().check(z.minLength(1));
const wholeAtLeast = (min: number) => z.int().check(z.gte(min));

/** A decimal quantity as written in JSON: a string ("12.5") or a number. Never a float in the engine. */
export const Amount = z.union([z.string().check(z.regex(/^-?\d+(\.\d+)?$/, 'a decimal number such as "5" or "2.5"')), z.number()]);
export type Amount = z.infer<typeof Amount>;

export const Locale = z.enum(['zh-Hant', 'zh-Hans', 'en']);
export type Locale = z.infer<typeof Locale>;

/** A label in the three languages the product speaks. */
export const Label = z.object({ 'zh-Hant': nonEmpty(), 'zh-Hans': nonEmpty(), en: nonEmpty() });
export type Label = z.infer<typeof Label>;

/** A consequence outside the score, e.g. FS-3 removal from post, FS-10 transfer. */
export const FlagSpec = z.object({ code: nonEmpty(), label: Label });
export type FlagSpec = z.infer<typeof FlagSpec>;

const Range = z.object({ min: Amount, max: Amount });

// ---- rule kinds (design.md, "Rule kinds the engine needs") ----

/** The assessor awards 0..points (RM-1a, TR-2). Entry: { points }. */
export const AwardRule = z.object({ kind: z.literal('award'), step: z.optional(Amount) });
/** Each occurrence deducts a fixed amount (SP-D1, SP-A). Entry: { count }. */
export const PerOccurrenceRule = z.object({ kind: z.literal('perOccurrence'), amount: Amount });
/** The assessor picks an amount within a range per occurrence, with a reason (FS-3, FS-4b; O-8). Entry: { deductions: [{ option, amount, reason }] }. */
export const RangedRule = z.object({
  kind: z.literal('ranged'),
  options: z.array(z.object({ id: nonEmpty(), label: Label, min: Amount, max: Amount, flag: z.optional(FlagSpec) })).check(z.minLength(1)),
  reasonRequired: z._default(z.boolean(), true),
});
/** Named levels, each a fixed deduction or a range the assessor chooses in (FS-1, FS-5). Entry: { level, amount?, reason? }. */
export const LevelsRule = z.object({
  kind: z.literal('levels'),
  levels: z.array(z.object({ id: nonEmpty(), label: Label, deduct: z.union([Amount, Range]), flag: z.optional(FlagSpec) })).check(z.minLength(2)),
});
/** Any breach forfeits the item (SP-W1 untrue, SP-V, RM-4 late). Entry: { breached }. */
export const ForfeitRule = z.object({ kind: z.literal('forfeit') });
/** Each miss deducts perMiss; zeroAt misses or more → 0 (SP-W3). Entry: { count }. */
export const ThresholdRule = z.object({ kind: z.literal('threshold'), perMiss: Amount, zeroAt: wholeAtLeast(1) });
/** Penalties that grow with the count, with consequences (FS-10). Entry: { count }. */
export const EscalatingRule = z.object({
  kind: z.literal('escalating'),
  steps: z.array(z.object({ atCount: wholeAtLeast(1), deduct: Amount, flag: z.optional(FlagSpec) })).check(z.minLength(1)),
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
  unit: z._default(z.enum(['percent', 'number', 'money', 'score']), 'number'),
  /** the highest share of the points an over-achiever earns (1 = never above the item's points) */
  cap: z._default(Amount, '1'),
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
  id: nonEmpty(),
  label: Label,
  /** the rule in words, shown beside the item */
  description: z.optional(Label),
  /** full marks; 0 for items in a pooled section and for penalty-only items */
  points: Amount,
  rule: Rule,
  /** assessing groups that score this item (R-FS); empty = the step's assessor */
  groups: z._default(z.array(nonEmpty()), []),
  /** O-1: a penalty-only item sits outside the scale and only ever takes points away */
  penaltyOnly: z._default(z.boolean(), false),
  /** SP/RM note: repeated non-submission doubles the deduction (O-5 in settings) */
  repeatDoubling: z._default(z.boolean(), false),
  /** KPI weight for weighted rubrics (C-4), as a fraction: "0.35" */
  weight: z.optional(Amount),
  source: z.optional(z.string()),
});
export type Item = z.infer<typeof Item>;

export const Section = z.object({
  id: nonEmpty(),
  label: Label,
  points: Amount,
  /** pooled: the items deduct from the section's points (SP dealer management: −5 each, never below 0) */
  pooled: z._default(z.boolean(), false),
  /** the lowest the section may fall to; null lets it go negative (a rubric must say so) */
  floor: z._default(z.nullable(Amount), '0'),
  /** a gate that voids the whole section when breached (SP-W: late or illegible weekly report) */
  gate: z.optional(z.object({ id: nonEmpty(), label: Label, source: z.optional(z.string()) })),
  items: z.array(Item).check(z.minLength(1)),
});
export type Section = z.infer<typeof Section>;

export const Settings = z._default(z.object({
  /** O-1: 'error' refuses a rubric whose items don't add up to the scale; 'warning' only reports it */
  scaleMismatch: z._default(z.enum(['error', 'warning']), 'error'),
  /** O-5: doubling for repeated non-submission */
  repeatDoubling: z._default(z.object({
    /** how many previous consecutive months count */
    lookbackMonths: z._default(z.int().check(z.gte(1), z.lte(12)), 1),
    /** false: ×2 once repeated; true: ×2 for each consecutive previous month (×2, ×4 …) */
    compound: z._default(z.boolean(), false),
  }), { lookbackMonths: 1, compound: false }),
  /** O-7: scores are rounded half-up to this many decimals, once, at the end */
  scoreDecimals: z._default(z.int().check(z.gte(0), z.lte(4)), 2),
  /** O-8: a ranged deduction must carry a reason */
  rangedReasonRequired: z._default(z.boolean(), true),
}), { scaleMismatch: 'error', repeatDoubling: { lookbackMonths: 1, compound: false }, scoreDecimals: 2, rangedReasonRequired: true });
export type Settings = z.infer<typeof Settings>;

export const Composite = z.discriminatedUnion('kind', [
  /** C-1: monthly = work × 70% + attendance × 30% */
  z.object({ kind: z.literal('workAttendance'), work: z._default(Amount, '0.7'), attendance: z._default(Amount, '0.3') }),
  /** C-4 weighted KPI rubrics and satisfaction rubrics: monthly = work */
  z.object({ kind: z.literal('workOnly') }),
]);
export type Composite = z.infer<typeof Composite>;

export const AttendancePolicy = z.object({
  /** C-2 */
  full: z._default(Amount, '100'),
  perAbsentDay: z._default(Amount, '4'),
  /** C-2: a half day counts as a whole day ('whole'); 'exact' deducts pro rata */
  partialDay: z._default(z.enum(['whole', 'exact']), 'whole'),
});
export type AttendancePolicy = z.infer<typeof AttendancePolicy>;

export const Rubric = z.object({
  $schema: z.optional(z.string()),
  id: nonEmpty(),
  version: wholeAtLeast(1),
  role: nonEmpty(),
  label: Label,
  scale: z._default(Amount, '100'),
  composite: z._default(Composite, { kind: 'workAttendance', work: '0.7', attendance: '0.3' }),
  attendance: z._default(AttendancePolicy, { full: '100', perAbsentDay: '4', partialDay: 'whole' }),
  settings: Settings,
  sections: z.array(Section).check(z.minLength(1)),
  source: z.optional(z.string()),
});
export type Rubric = z.infer<typeof Rubric>;
export type RubricInput = z.input<typeof Rubric>;

// ---- sheets ----
//
// Every fact a sheet carries is bounded here, once. `kaohe score`, the rubric form, the inbox, the
// embed and the server all read a sheet through scoreSheet, which parses it with these schemas and
// then checks what needs the rubric (validate-sheet.ts): a bound changed here changes everywhere.

/** Ids a sheet names (rubric, employee, level, option): an id, not a paragraph. */
export const MAX_ID_LENGTH = 200;
/** A reason or comment: a few sentences; 2,000 characters is a page of Chinese text. */
export const MAX_TEXT_LENGTH = 2000;
/**
 * The most occurrences, sampled checks or deductions one item records for one person in one month.
 * No real month comes near it (a month has at most 31 days); a larger number is a slip — an
 * employee ID or a year typed into a count cell — and is refused instead of scored.
 */
export const MAX_MONTHLY_COUNT = 10_000;
/** O-5: previous consecutive months; 600 months is a working life of 50 years. */
export const MAX_PRIOR_MONTHS = 600;

const id = () => nonEmpty().check(z.maxLength(MAX_ID_LENGTH, `at most ${MAX_ID_LENGTH} characters`));
const text = () => z.string().check(z.maxLength(MAX_TEXT_LENGTH, `at most ${MAX_TEXT_LENGTH} characters`));
const count = (what: string, max = MAX_MONTHLY_COUNT) => z.int(`${what} must be a whole number such as 0, 1 or 2`).check(
  z.gte(0, { error: (issue) => `${what} cannot be negative, got ${String(issue.input)}` }),
  z.lte(max, `${what} cannot be more than ${max}`),
);

// A sheet amount is a decimal written out: at most 12 digits before the point (a trillion covers
// any sales figure or salary) and 8 after, so an exact engine never meets a 10,000-digit number.
export const SHEET_DECIMAL = /^-?\d{1,12}(\.\d{1,8})?$/;
export const SHEET_LIMIT = 1e12;
const decimalWords = 'a decimal number such as "5" or "2.5" (at most 12 digits before the point and 8 after)';
export const isNegativeText = (value: string) => value.startsWith('-') && /[1-9]/.test(value);
export const isPositiveText = (value: string) => !value.startsWith('-') && /[1-9]/.test(value);

/** What a decimal field says about a value that is no decimal, or about no value at all. */
const decimalError = (what: string, missing: string) => (issue: { code?: string; input?: unknown }) =>
  issue.code === 'invalid_union' ? (issue.input === undefined ? missing : `${what} must be ${decimalWords}`) : undefined;

/** A sheet amount that may be negative (SP-K2: sales growth of −5%). */
const signedAmount = (what: string) => z.union([
  z.string().check(z.regex(SHEET_DECIMAL, `${what} must be ${decimalWords}`)),
  z.number().check(z.gt(-SHEET_LIMIT, `${what} must be ${decimalWords}`), z.lt(SHEET_LIMIT, `${what} must be ${decimalWords}`)),
], { error: decimalError(what, `${what} is required`) });
/** A sheet amount that cannot be negative: absent days, awarded points, a deduction. */
const nonNegativeAmount = (what: string, missing = `${what} is required`) => z.union([
  z.string().check(
    z.regex(SHEET_DECIMAL, `${what} must be ${decimalWords}`),
    z.refine((value: string) => !(SHEET_DECIMAL.test(value) && isNegativeText(value)), { error: (issue) => `${what} cannot be negative, got ${String(issue.input)}` }),
  ),
  z.number().check(z.gte(0, { error: (issue) => `${what} cannot be negative, got ${String(issue.input)}` }), z.lt(SHEET_LIMIT, `${what} must be ${decimalWords}`)),
], { error: decimalError(what, missing) });

/** A sheet amount above 0: a target (a ratio against 0 is no score). */
const positiveAmount = (what: string) => z.union([
  z.string().check(
    z.regex(SHEET_DECIMAL, `${what} must be ${decimalWords}`),
    z.refine((value: string) => !SHEET_DECIMAL.test(value) || isPositiveText(value), { error: (issue) => `${what} must be above 0, got ${String(issue.input)}` }),
  ),
  z.number().check(z.gt(0, { error: (issue) => `${what} must be above 0, got ${String(issue.input)}` }), z.lt(SHEET_LIMIT, `${what} must be ${decimalWords}`)),
], { error: decimalError(what, `${what} is required`) });

export const Deduction = z.strictObject({
  option: z.optional(id()),
  amount: nonNegativeAmount('a deduction'),
  reason: z._default(text(), ''),
});
export type Deduction = z.infer<typeof Deduction>;

/**
 * One item's entry; which fields apply depends on the item's rule kind (see each rule above).
 * Bounds that need the rubric (awarded points up to the item's points, a ranged amount within its
 * option, passed ≤ checked, a lower-is-better value not below 0) are checked by the engine with the item's rule ID.
 */
export const Entry = z.strictObject({
  count: z.optional(count('a count')),
  deductions: z.optional(z.array(Deduction).check(z.maxLength(MAX_MONTHLY_COUNT, `at most ${MAX_MONTHLY_COUNT} deductions in a month`))),
  level: z.optional(id()),
  amount: z.optional(nonNegativeAmount('a deduction')),
  reason: z.optional(text()),
  points: z.optional(nonNegativeAmount('points')),
  breached: z.optional(z.boolean()),
  value: z.optional(signedAmount('a value')),
  target: z.optional(positiveAmount('a target')),
  checked: z.optional(count('checked')),
  passed: z.optional(count('passed')),
  /** O-5: consecutive previous months with the same non-submission */
  priorMonths: z.optional(count('prior months', MAX_PRIOR_MONTHS)),
  comment: z.optional(text()),
});
export type Entry = z.infer<typeof Entry>;
export type EntryInput = z.input<typeof Entry>;

export const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
export const Period = z.string().check(z.regex(PERIOD, 'a month as YYYY-MM'));

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** The calendar days of a period "YYYY-MM": whole-number arithmetic on the digits, no Date, no floats. */
export function daysInPeriod(period: string): number {
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/**
 * The attendance facts C-2 reads. C-2 deducts only for absent days; the page names no late
 * arrivals, leave or overtime, so those are not facts of a sheet: an object carrying them (or a
 * misspelt `absentDays`) is refused by name, never read as full attendance. Absent days are bounded
 * by the days of the sheet's period (the Sheet below): the company's working calendar is not known
 * here, the calendar month is, and no one is absent more days than the month has.
 */
export const Attendance = z.strictObject(
  { absentDays: nonNegativeAmount('absent days', 'give the absent days ("0" for full attendance)') },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `C-2 counts absent days only: ${issue.keys.map((k) => `"${k}"`).join(', ')} is not an attendance fact` : undefined) },
);
export type Attendance = z.infer<typeof Attendance>;

/** absentDays ≤ the days of the period, decided on the digits (Decimal), checked even when other fields fail. */
function absentWithinPeriod(sheet: { period?: unknown; attendance?: { absentDays?: unknown } }): boolean {
  const { period, attendance } = sheet;
  const days = attendance?.absentDays;
  if (typeof period !== 'string' || !Period.safeParse(period).success) return true;
  if (!(typeof days === 'string' && SHEET_DECIMAL.test(days)) && !(typeof days === 'number' && Number.isFinite(days))) return true;
  return !dec(days).gt(daysInPeriod(period));
}

export const Sheet = z.strictObject({
  $schema: z.optional(z.string().check(z.maxLength(MAX_TEXT_LENGTH))),
  rubric: id(),
  rubricVersion: z.optional(wholeAtLeast(1)),
  employee: z.optional(z.string().check(z.maxLength(MAX_ID_LENGTH, `at most ${MAX_ID_LENGTH} characters`))),
  period: Period,
  /** C-2; required when the rubric's monthly score uses attendance (C-1), see validate-sheet.ts */
  attendance: z.optional(Attendance),
  entries: z._default(z.record(z.string(), Entry), {}),
}).check(z.refine(absentWithinPeriod, {
  path: ['attendance', 'absentDays'],
  // names the issue for readSheet, which gives the problem its values (absentDaysOverMonth)
  params: { absentDaysOverMonth: true },
  when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  error: (issue) => {
    const { days, period, got } = absentDaysOverMonth(issue.input as AbsentSheet);
    return `absent days cannot exceed the ${days} days of ${period}, got ${got}`;
  },
}));

type AbsentSheet = { period: string; attendance: { absentDays: Amount } };

/** C-2: the values of a sheet's refusal for more absent days than its month has (the refinement above words them). */
export function absentDaysOverMonth(sheet: AbsentSheet): Extract<ProblemValues, { kind: 'absentDaysOverMonth' }> {
  return { kind: 'absentDaysOverMonth', days: daysInPeriod(sheet.period), period: sheet.period, got: dec(sheet.attendance.absentDays).toString() };
}
export type Sheet = z.infer<typeof Sheet>;
export type SheetInput = z.input<typeof Sheet>;
