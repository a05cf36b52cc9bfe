// Issue 15: pay plans compiled into scaled-integer closures (src/pay/compiled.ts) pay every line as a
// plain decimal.js reading of P-1…P-3 does, over 100,000 payslips, and give the payslips, shown
// inputs, flags and problems of the general decimal.js path.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { computePay, KaoheInputError, type PayInput, type Payslip } from '@kaohe/scoring';
import { payByEvaluation } from '../src/pay/pay.ts';
import { PayPlan } from '../src/pay/pay-schema.ts';
import { payPlanPresets } from '../src/presets/pay/index.ts';
import { referencePay } from './support/reference.ts';

const outcome = <T>(compute: () => T): T | { problems: unknown } => {
  try {
    return compute();
  } catch (error) {
    if (error instanceof KaoheInputError) return { problems: error.problems };
    throw error;
  }
};

/** A decimal with up to `places` decimals (now and then 7, which scaled integers leave to decimal.js), as text or a JSON number. */
const decimal = (max: number, places = 4) => fc.tuple(fc.integer({ min: 0, max: max * 10 ** 7 }), fc.oneof({ arbitrary: fc.integer({ min: 0, max: places }), weight: 19 }, { arbitrary: fc.constant(7), weight: 1 }))
  .map(([n, p]) => new Decimal(n).div(10 ** 7).toDecimalPlaces(p, Decimal.ROUND_DOWN).toFixed(p))
  .chain((text) => fc.constantFrom<string | number>(text, Number(text)));
const money = decimal(60_000);
const score = decimal(100, 2);
const rate = decimal(2);
/** Now and then a value computePay must refuse, for the comparison of problems. */
const orWrong = (arb: fc.Arbitrary<string | number>) => fc.oneof({ arbitrary: arb, weight: 15 }, { arbitrary: fc.constantFrom<string | number>('-1', 'abc', '', ' 12.5 ', '1e3', '.5', 101), weight: 1 });

const payInputs = {
  'P-1': (wrong: boolean) => fc.record({
    values: fc.record({ T: wrong ? orWrong(money) : money, completionRate: rate, workScore: score, monthlyScore: score, overPlanBonus: money }, { requiredKeys: ['T', 'completionRate', 'workScore', 'monthlyScore'] }),
    settings: fc.record({ scoreRateBasis: fc.constantFrom('work', 'monthly'), completionCap: fc.constantFrom('capped', 'uncapped') }, { requiredKeys: [] }),
  }),
  'P-2': (wrong: boolean) => fc.record({
    values: fc.record({ baseSalary: money, performanceBase: money, score: wrong ? orWrong(score) : score }),
    settings: fc.record({ underSixtyRule: fc.constantFrom('scale', 'base') }, { requiredKeys: [] }),
  }),
  'P-3': (wrong: boolean) => fc.record({
    values: fc.record({
      baseSalary: money, repeatOrderTotal: wrong ? orWrong(money) : money, targetBonus: money,
      refundRate: decimal(1, 3), refundRateTarget: decimal(1, 3), refundTime: decimal(5, 1), refundTimeTarget: decimal(5, 1),
      disputes: decimal(4, 0), disputesTarget: decimal(4, 0), dsrRating: decimal(5, 1), dsrRatingTarget: decimal(5, 1),
      internalComplaints: decimal(4, 0), internalComplaintsTarget: decimal(4, 0),
    }),
  }),
} as const;
const PAYSLIPS = 100_000;

describe(`the compiled pay plans over ${PAYSLIPS.toLocaleString('en-US')} payslips`, () => {
  for (const id of ['P-1', 'P-2', 'P-3'] as const) {
    const plan = payPlanPresets[id]!;
    test(`${id}: every line and the total equal decimal.js's, each line rounded half-up to 0.01 (O-7)`, () => {
      fc.assert(fc.property(payInputs[id](false), (input: PayInput) => {
        const slip = computePay(plan, input);
        const expected = referencePay(id, input.values as Record<string, string | number>, input.settings);
        assert.deepEqual(Object.fromEntries(slip.lines.map((l) => [l.id, l.amount])), expected.lines);
        assert.equal(slip.total, expected.total);
      }), { numRuns: Math.ceil(PAYSLIPS / 3) });
    });

    test(`${id}: payslips, shown inputs, flags and problems are the general path's`, () => {
      const parsed = PayPlan.parse(plan);
      fc.assert(fc.property(payInputs[id](true), (input: PayInput) => {
        assert.deepStrictEqual(outcome<Payslip>(() => computePay(plan, input)), outcome<Payslip>(() => payByEvaluation(parsed, input)));
      }), { numRuns: 2_000 });
    });
  }
});
