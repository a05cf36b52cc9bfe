// The engine reads sheets of the common shape by hand (sheet-check.ts) and leaves every other
// input to the schema. The hand reader may accept less than the schema, never more, and what it
// returns must be what the schema's parse returns.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { loadRubric, Sheet, type Entry } from '@kaohe/scoring';
import { rubricPresets } from '../src/presets/index.ts';
import { readPlainSheet } from '../src/sheet-check.ts';
import { randomSheet } from './support/random-sheet.ts';
import { variedSheet } from './support/varied-sheet.ts';

// Mostly valid sheets with here and there a value of another kind, so that both the reader's
// acceptance and its every refusal are exercised.
const mostly = <T, U>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<U>) => fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: other, weight: 1 });
const amount = fc.oneof(
  fc.constantFrom('5', '2.5', '-1', '0', '-0', '-0.00', '007', '0.000001', '0.12345678', '0.123456789', '123456789012.5', '1234567890123', '31', '29.5', '30.5'),
  fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(1e12, 1e12 - 1, -1e12 + 1, 31, 28.5),
);
const oddAmount = fc.oneof(fc.constantFrom('1e3', '', ' 5', '5.', '.5', '+5', '٣', 'NaN', '-0.0'), fc.string(), fc.constantFrom(-0, 2 ** 53, Infinity, NaN));
const anyValue = fc.oneof(oddAmount, fc.anything(), fc.constant(undefined));
const longText = fc.constantFrom(...[0, 1, 199, 200, 201, 1999, 2000, 2001].map((n) => 'x'.repeat(n)));
const text = mostly(fc.oneof(fc.string(), longText), anyValue);
const whole = mostly(fc.oneof(fc.nat(5), fc.constantFrom(600, 601, 9_999, 10_000, 10_001)), fc.oneof(fc.constantFrom(-1, -0, 1.5, 2 ** 53), anyValue));
const deduction = fc.record({ option: text, amount: mostly(amount, anyValue), reason: text, other: anyValue }, { requiredKeys: ['amount'] })
  .map(({ other, ...d }) => (other === undefined ? d : { ...d, other }));
const entry = mostly(fc.record({
  count: whole, deductions: mostly(fc.array(mostly(deduction, anyValue), { maxLength: 3 }), anyValue), level: text, amount: mostly(amount, anyValue),
  reason: text, points: mostly(amount, anyValue), breached: mostly(fc.boolean(), anyValue), value: mostly(amount, anyValue),
  target: mostly(amount, anyValue), checked: whole, passed: whole, priorMonths: whole, comment: text,
  late: anyValue,
}, { requiredKeys: [] }), anyValue);
const sheet = mostly(fc.record({
  rubric: mostly(fc.constantFrom('R-FS', 'x'), fc.oneof(fc.constant(''), anyValue)),
  period: mostly(fc.constantFrom('2026-10', '1999-01', '2026-12', '2026-02', '2024-02', '1900-02', '2000-02'), fc.oneof(fc.constantFrom('2026-13', '2026-1', '26-10', '2026-00'), anyValue)),
  rubricVersion: mostly(fc.integer({ min: 1, max: 3 }), fc.oneof(fc.constantFrom(0, -0, -1, 1.5), anyValue)),
  employee: text,
  attendance: mostly(fc.record({ absentDays: mostly(amount, anyValue), other: anyValue }, { requiredKeys: [] }), anyValue),
  entries: mostly(fc.dictionary(mostly(fc.constantFrom('FS-1', 'FS-2', 'FS-10'), fc.constantFrom('__proto__', 'toString', '')), entry, { maxKeys: 4 }), anyValue),
  $schema: text,
  other: anyValue,
}, { requiredKeys: ['rubric', 'period'] }), anyValue);

function agreesWithSchema(input: unknown): void {
  const fast = readPlainSheet(input);
  if (fast === undefined) return;
  const parsed = Sheet.safeParse(input);
  assert.ok(parsed.success, `the hand reader accepted what the schema refuses: ${JSON.stringify(input)}`);
  assert.deepStrictEqual(fast, asRead(parsed.data));
}

/** The parse with its entries in a null-prototype object, as readSheet keeps them. */
const asRead = (sheet: Sheet) => ({ ...sheet, entries: Object.assign(Object.create(null) as Record<string, Entry>, sheet.entries) });

describe('reading a sheet by hand', () => {
  test('accepts only what the schema accepts, and returns what its parse returns', () => {
    fc.assert(fc.property(sheet, (input) => {
      agreesWithSchema(input);
      // JSON.parse makes an own "__proto__" key, as a sheet from a file or a request would have it
      agreesWithSchema(JSON.parse(JSON.stringify(input) ?? 'null'));
    }), { numRuns: 10_000 });
  });

  test('reads the sheets assessors send, so the schema is not run on them', () => {
    const rubric = loadRubric(rubricPresets['R-FS']);
    for (let seed = 1; seed <= 200; seed++) {
      for (const input of [randomSheet(rubric, seed), variedSheet(rubric, seed)]) {
        const fast = readPlainSheet(input);
        assert.ok(fast, JSON.stringify(input));
        assert.deepStrictEqual(fast, asRead(Sheet.parse(input)));
      }
    }
  });

  test('leaves an entry keyed "__proto__", a number where text belongs and an unknown field to the schema', () => {
    const base = { rubric: 'R-FS', period: '2026-10', attendance: { absentDays: '0' } };
    assert.equal(readPlainSheet(JSON.parse('{"rubric":"R-FS","period":"2026-10","entries":{"__proto__":{"count":1}}}')), undefined);
    assert.equal(readPlainSheet({ ...base, employee: 7 }), undefined);
    assert.equal(readPlainSheet({ ...base, entries: { 'FS-7': { count: 1, late: true } } }), undefined);
    assert.equal(readPlainSheet({ ...base, attendance: { absentDays: '1', sick: '1' } }), undefined);
    // C-2's bounds, as the schema has them: never negative, never more days than the month has
    assert.equal(readPlainSheet({ ...base, attendance: { absentDays: '-1' } }), undefined);
    assert.equal(readPlainSheet({ ...base, period: '2026-02', attendance: { absentDays: '28.5' } }), undefined);
    assert.ok(readPlainSheet({ ...base, period: '2024-02', attendance: { absentDays: '29' } }));
    // and reads the plain one, with the schema's defaults
    assert.deepStrictEqual(readPlainSheet(base), { ...base, entries: Object.create(null) });
  });
});
