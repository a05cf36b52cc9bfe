// Issue 17: invariants over ARBITRARY input, not only valid sheets. fast-check's arbitraries build
// JSON around the real sheet shape — the right fields with wrong values, wrong fields, unknown and
// prototype-named items, any JSON at all — so a failure shrinks to a small sheet. Whatever
// scoreSheet accepts scores within its bounds; whatever it refuses, it refuses naming a path.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { dec, ENTRY_FIELDS, KaoheInputError, loadRubric, scoreSheet, type Item, type Rubric, type ScoreResult } from '@kaohe/scoring';
import { rubricPresets } from '../src/presets/index.ts';

const rubrics = Object.values(rubricPresets).map((input) => loadRubric(input));
const SHEET_FIELDS = ['$schema', 'rubric', 'rubricVersion', 'employee', 'period', 'attendance', 'entries'];

const json = fc.jsonValue({ maxDepth: 2 });

/**
 * How far from a good sheet an input strays: 'fitting' keeps every value inside what its rule
 * allows; 'edgy' lets counts, amounts and days run past their bounds (negative, too many, outside
 * a range); 'messy' also puts any JSON value where a field is and adds fields no sheet has.
 */
type Mode = 'fitting' | 'edgy' | 'messy';

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

function arbitraryInput(rubric: Rubric): fc.Arbitrary<unknown> {
  const ids = rubric.sections.flatMap((s) => [...(s.gate ? [s.gate.id] : []), ...s.items.map((i) => i.id)]);
  const items = rubric.sections.flatMap((s) => s.items);
  const inMode = (mode: Mode) => {
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
  };
  // Through JSON text, as the CLI and the server receive a sheet: "__proto__" becomes an own key.
  return fc.oneof(inMode('fitting'), inMode('edgy'), inMode('messy'), fc.jsonValue()).map((value) => JSON.parse(JSON.stringify(value)) as unknown);
}

function assertWithinBounds(rubric: Rubric, result: ScoreResult): void {
  const within = (value: string, low: string | number, high: string | number, what: string) =>
    assert.ok(dec(value).gte(dec(low)) && dec(value).lte(dec(high)), `${what} ${value} is outside ${low}–${high}`);
  within(result.monthly, 0, 100, 'monthly');
  within(result.work, 0, rubric.scale, 'work');
  if (rubric.composite.kind === 'workAttendance') within(result.attendance ?? 'missing', 0, 100, 'attendance');
  else assert.equal(result.attendance, null);
  for (const section of result.sections) {
    const spec = rubric.sections.find((s) => s.id === section.id)!;
    if (spec.floor !== null) assert.ok(dec(section.score).gte(dec(spec.floor)), `section ${section.id} ${section.score} is below its floor ${spec.floor}`);
    for (const item of section.items) {
      const itemSpec = spec.items.find((i) => i.id === item.id)!;
      if (itemSpec.penaltyOnly || spec.pooled) {
        assert.ok(dec(item.score).lte(0), `${item.id} only deducts, got ${item.score}`);
      } else {
        // The item's floor is 0; its ceiling its points (× the cap a measured item may allow).
        const cap = itemSpec.rule.kind === 'measured' ? dec(itemSpec.rule.cap) : dec(1);
        within(item.score, 0, dec(itemSpec.points).times(cap).toString(), item.id);
      }
    }
  }
}

function assertNamesPaths(input: unknown, error: unknown): void {
  assert.ok(error instanceof KaoheInputError, `refused with ${String(error)}, not a KaoheInputError`);
  assert.ok(error.problems.length > 0, 'refused without a problem');
  const isObject = typeof input === 'object' && input !== null && !Array.isArray(input);
  for (const problem of error.problems) {
    assert.ok(problem.rule.length > 0 && problem.message.length > 0, JSON.stringify(problem));
    if (!isObject) {
      assert.equal(problem.path, '', 'a sheet that is no object is refused as a whole');
      continue;
    }
    // The path names a field of the input as written, or a field of a sheet the input lacks.
    const head = /^(?:\[("(?:[^"\\]|\\.)*")\]|([^.[]+))/.exec(problem.path);
    const first = head ? (head[1] !== undefined ? JSON.parse(head[1]) as string : head[2]) : undefined;
    assert.ok(first !== undefined && (Object.hasOwn(input, first) || SHEET_FIELDS.includes(first)), `"${problem.path}: ${problem.message}" names no path of the sheet`);
  }
}

describe('scoreSheet over arbitrary JSON (issue 17)', () => {
  for (const rubric of rubrics) {
    test(`${rubric.id}: what it accepts scores within 0–100 and every item within its floor and points; what it refuses names a path`, () => {
      let accepted = 0;
      fc.assert(fc.property(arbitraryInput(rubric), (input) => {
        let result: ScoreResult;
        try {
          result = scoreSheet(rubric, input as Parameters<typeof scoreSheet>[1]);
        } catch (error) {
          assertNamesPaths(input, error);
          return;
        }
        accepted += 1;
        assertWithinBounds(rubric, result);
      }), { numRuns: 300 });
      // Not a vacuous pass: some of what was generated was good enough to score.
      assert.ok(accepted > 10, `only ${accepted} of 300 inputs were accepted`);
    });
  }
});
