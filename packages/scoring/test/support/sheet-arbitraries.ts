// fast-check arbitraries for sheets: JSON around a rubric's real sheet shape, from fitting to any
// JSON at all, so a failing property shrinks to a small sheet (issue 17). The property tests share them.
import fc from 'fast-check';
import { dec, ENTRY_FIELDS, type Item, type Rubric } from '@kaohe/scoring';

const json = fc.jsonValue({ maxDepth: 2 });

/**
 * How far from a good sheet an input strays: 'fitting' keeps every value inside what its rule
 * allows; 'edgy' lets counts, amounts and days run past their bounds (negative, too many, outside
 * a range); 'messy' also puts any JSON value where a field is and adds fields no sheet has.
 */
export type Mode = 'fitting' | 'edgy' | 'messy';

/** Decimals as people write them: "12", "2.5", "0.25"; numbers, also binary fractions such as 0.1. */
const decimal = (min: number, max: number): fc.Arbitrary<string | number> => fc.oneof(
  fc.integer({ min, max }).map(String),
  fc.tuple(fc.integer({ min, max: Math.max(min, max - 1) }), fc.constantFrom('5', '25', '75')).map(([whole, part]) => `${whole}.${part}`),
  fc.integer({ min, max }),
  fc.double({ min, max, noNaN: true }),
);

function entryFor(item: Item, mode: Mode): fc.Arbitrary<Record<string, unknown>> {
  const rule = item.rule;
  const points = dec(item.points).toNumber();
  const loose = mode !== 'fitting';
  /** the value as the rule allows it, or (edgy, messy) sometimes past its bounds, or (messy) any JSON */
  const pick = (fitting: fc.Arbitrary<unknown>, past: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> => {
    if (mode === 'fitting') return fitting;
    const arbitraries = [{ weight: 4, arbitrary: fitting }, { weight: 1, arbitrary: past }];
    return fc.oneof(...(mode === 'messy' ? [...arbitraries, { weight: 1, arbitrary: json }] : arbitraries));
  };
  const count = pick(fc.integer({ min: 0, max: 12 }), fc.oneof(fc.integer({ min: -3, max: -1 }), fc.constant(10_001), fc.constant(1.5)));
  const reason = pick(fc.constantFrom('observed by the assessor', '客戶投訴兩次'), fc.constantFrom('', ' ', 'x'.repeat(2001)));
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  switch (rule.kind) {
    case 'award': fields['points'] = pick(decimal(0, points).filter((p) => dec(p).lte(points)), decimal(-3, points + 3)); break;
    case 'perOccurrence': case 'threshold': fields['count'] = count; fields['priorMonths'] = pick(fc.integer({ min: 0, max: 3 }), fc.constantFrom(-1, 601)); break;
    case 'escalating': case 'derived': fields['count'] = count; break;
    case 'forfeit': fields['breached'] = pick(fc.boolean(), fc.constant('yes')); fields['reason'] = reason; break;
    case 'ranged': {
      const deduction = fc.constantFrom(...rule.options).chain((option) => fc.record({
        option: pick(fc.constant(option.id), fc.constant('nope')),
        amount: pick(fc.constant(String(option.min)), decimal(-2, dec(option.max).toNumber() + 3)),
        reason,
      }));
      fields['deductions'] = fc.array(deduction, { maxLength: 3 });
      fields['priorMonths'] = pick(fc.integer({ min: 0, max: 3 }), fc.constant(-1));
      break;
    }
    case 'levels': {
      const chosen = fc.constantFrom(...rule.levels).chain((level) => fc.record({
        level: pick(fc.constant(level.id), fc.constant('nope')),
        amount: typeof level.deduct === 'object' ? pick(fc.constant(String(level.deduct.max)), decimal(-2, 12)) : pick(fc.constant(String(level.deduct)), decimal(-2, 12)),
        reason,
      }, { requiredKeys: typeof level.deduct === 'object' && !loose ? ['level', 'amount', 'reason'] : ['level'] }));
      return mode === 'messy' ? fc.oneof(chosen, anyFields) : chosen;
    }
    case 'measured': {
      const target = dec(rule.target).toNumber();
      fields['value'] = pick(decimal(0, target * 3), decimal(-5, target * 3));
      fields['target'] = pick(decimal(1, target * 2), fc.constantFrom('0', '-1', 0));
      return fc.record(fields, { requiredKeys: loose ? [] : ['value'] });
    }
    case 'sampled': {
      const checks = fc.integer({ min: 1, max: 20 }).chain((checked) => fc.record({
        checked: pick(fc.constant(checked), fc.constantFrom(0, -1, 10_001)),
        passed: pick(fc.integer({ min: 0, max: checked }), fc.constant(checked + 1)),
      }));
      return mode === 'messy' ? fc.oneof(checks, anyFields) : checks;
    }
  }
  const own = fc.record(fields, { requiredKeys: [] });
  return mode === 'messy' ? fc.oneof({ weight: 3, arbitrary: own }, { weight: 1, arbitrary: anyFields }) : own;
}

/** Any entry field of any rule kind, with any JSON value, and a field no entry has. */
const anyFields = fc.record(Object.fromEntries([...new Set([...Object.values(ENTRY_FIELDS).flat(), 'comment', 'bogus'])].map((field) => [field, json])), { requiredKeys: [] });

/** Any of the modes, or any JSON value at all, as JSON text would give it. */
export function arbitraryInput(rubric: Rubric): fc.Arbitrary<unknown> {
  return fc.oneof(sheetIn(rubric, 'fitting'), sheetIn(rubric, 'edgy'), sheetIn(rubric, 'messy'), fc.jsonValue()).map(viaJson);
}

/** A sheet as JSON text would give it: "__proto__" becomes an own key. */
const viaJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

/** Sheets of one mode for a rubric; 'fitting' ones are what an assessor may well enter (every value within its rule). */
export function arbitrarySheet(rubric: Rubric, mode: Mode): fc.Arbitrary<Record<string, unknown>> {
  return sheetIn(rubric, mode).map(viaJson) as fc.Arbitrary<Record<string, unknown>>;
}

function sheetIn(rubric: Rubric, mode: Mode): fc.Arbitrary<unknown> {
  const ids = rubric.sections.flatMap((s) => [...(s.gate ? [s.gate.id] : []), ...s.items.map((i) => i.id)]);
  const items = rubric.sections.flatMap((s) => s.items);
  const loose = mode !== 'fitting';
  const gates = Object.fromEntries(rubric.sections.filter((s) => s.gate).map((s) => [s.gate!.id, fc.record({ breached: fc.boolean() }, { requiredKeys: ['breached'] })]));
  const known = fc.record({ ...Object.fromEntries(items.map((item) => [item.id, entryFor(item, mode)])), ...gates }, { requiredKeys: [] });
  // Keys that are no item: made up, another role's, or names JSON.parse makes own keys of (__proto__).
  const strangers = fc.dictionary(
    fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'SP-ZZ', ids[0]!.toLowerCase(), ''), fc.string({ maxLength: 4 })),
    fc.oneof(entryFor(items[0]!, mode), json), { minKeys: 1, maxKeys: 2 },
  );
  const entries = mode === 'fitting' ? known : fc.oneof({ weight: 3, arbitrary: known }, { weight: 1, arbitrary: fc.tuple(known, strangers).map(([a, b]) => ({ ...a, ...b })) });
  const absentDays = mode === 'fitting' ? decimal(0, 28) : fc.oneof(decimal(0, 28), decimal(-3, -1), decimal(29, 45), ...(mode === 'messy' ? [json] : []));
  const attendance = mode === 'messy'
    ? fc.oneof(fc.record({ absentDays, lateCount: json }, { requiredKeys: [] }), json)
    : fc.record({ absentDays }, { requiredKeys: loose ? [] : ['absentDays'] });
  const valueOf = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<unknown> => (mode === 'messy' ? fc.oneof({ weight: 4, arbitrary }, { weight: 1, arbitrary: json }) : arbitrary);
  return fc.record({
    rubric: valueOf(fc.constant(rubric.id)),
    rubricVersion: valueOf(fc.constant(rubric.version)),
    employee: valueOf(fc.string({ maxLength: 8 })),
    period: valueOf(loose ? fc.constantFrom('2026-10', '2026-02', '2024-02', '2026-04', '2026-13') : fc.constantFrom('2026-10', '2026-02', '2024-02', '2026-04')),
    attendance: valueOf(attendance),
    entries: valueOf(entries),
    ...(mode === 'messy' ? { extra: json } : {}),
  }, { requiredKeys: loose ? ['rubric', 'period'] : ['rubric', 'period', 'attendance', 'entries'] });
}

