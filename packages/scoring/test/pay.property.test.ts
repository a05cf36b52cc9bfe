// Invariants of every payslip, over random valid inputs to each preset (O-7: lines add up to the total).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { computePay } from '../src/pay/index.ts';
import type { PayInput, PayPlanInput, Payslip } from '../src/pay/index.ts';
import { payPlanPresets } from '../src/presets/pay/index.ts';

/** A decimal string with up to `places` decimals, so rounding at the half cent is exercised. */
const decimal = (max: number, places: number) =>
  fc.integer({ min: 0, max: max * 10 ** places }).map((n) => new Decimal(n).dividedBy(10 ** places).toFixed());
const money = decimal(50_000, 4);
const score = decimal(100, 2);
/** JSON numbers and CSV strings both reach computePay. */
const asJsonOrCsv = (value: string) => fc.constantFrom<string | number>(value, Number(value));

const p1Input: fc.Arbitrary<PayInput> = fc.record({
  values: fc.record({
    T: money.chain(asJsonOrCsv),
    completionRate: decimal(2, 4),
    workScore: score,
    monthlyScore: score,
    overPlanBonus: money,
  }),
  settings: fc.record({ scoreRateBasis: fc.constantFrom('work', 'monthly'), completionCap: fc.constantFrom('capped', 'uncapped') }),
});

const p2Input: fc.Arbitrary<PayInput> = fc.record({
  values: fc.record({ baseSalary: money, performanceBase: money, score: score.chain(asJsonOrCsv) }),
  settings: fc.record({ underSixtyRule: fc.constantFrom('scale', 'base') }),
});

// Values drawn near their targets, so the P-3 gate both passes and fails.
const p3Input: fc.Arbitrary<PayInput> = fc.record({
  values: fc.record({
    baseSalary: money, repeatOrderTotal: money, targetBonus: money,
    refundRate: decimal(1, 3), refundRateTarget: decimal(1, 3),
    refundTime: decimal(5, 1), refundTimeTarget: decimal(5, 1),
    disputes: decimal(4, 0), disputesTarget: decimal(4, 0),
    dsrRating: decimal(5, 1), dsrRatingTarget: decimal(5, 1),
    internalComplaints: decimal(4, 0), internalComplaintsTarget: decimal(4, 0),
  }),
});

const cases: Array<[string, PayPlanInput, fc.Arbitrary<PayInput>]> = [
  ['P-1', payPlanPresets['P-1']!, p1Input],
  ['P-2', payPlanPresets['P-2']!, p2Input],
  ['P-3', payPlanPresets['P-3']!, p3Input],
];

const TWO_DECIMALS = /^-?\d+\.\d{2}$/;
const everyString = (slip: Payslip) => [slip.total, ...slip.lines.flatMap((l) => [l.amount, ...Object.values(l.inputs)])];

for (const [id, plan, input] of cases) {
  describe(`${id} payslip invariants`, () => {
    test(`${id}: the lines add up exactly to the total`, () => {
      fc.assert(fc.property(input, (request) => {
        const slip = computePay(plan, request);
        const sum = slip.lines.reduce((total, l) => total.plus(l.amount), new Decimal(0));
        assert.equal(sum.toFixed(2), slip.total);
      }));
    });

    test(`${id}: every amount and the total have exactly 2 decimals`, () => {
      fc.assert(fc.property(input, (request) => {
        const slip = computePay(plan, request);
        for (const amount of [slip.total, ...slip.lines.map((l) => l.amount)]) assert.match(amount, TWO_DECIMALS);
      }));
    });

    test(`${id}: the same input gives the same payslip`, () => {
      fc.assert(fc.property(input, (request) => {
        assert.deepEqual(computePay(plan, structuredClone(request)), computePay(plan, request));
      }));
    });

    test(`${id}: no amount or shown input is NaN or Infinity`, () => {
      fc.assert(fc.property(input, (request) => {
        for (const text of everyString(computePay(plan, request))) assert.doesNotMatch(text, /NaN|Infinity/);
      }));
    });
  });
}

describe('rule invariants', () => {
  test('P-2: the base salary is never touched and performance pay net of an under-60 deduction is never below 0', () => {
    fc.assert(fc.property(p2Input, (request) => {
      const slip = computePay(payPlanPresets['P-2']!, request);
      const amount = (lineId: string) => new Decimal(slip.lines.find((l) => l.id === lineId)?.amount ?? '0');
      assert.equal(amount('baseSalary').toFixed(2), new Decimal(request.values!.baseSalary!.toString()).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
      assert.ok(amount('performancePay').plus(amount('underSixtyDeduction')).greaterThanOrEqualTo(0));
    }));
  });

  test('O-3 capped: plan-completion pay never exceeds 35% of T', () => {
    fc.assert(fc.property(p1Input, (request) => {
      const slip = computePay(payPlanPresets['P-1']!, { ...request, settings: { ...request.settings, completionCap: 'capped' } });
      const cap = new Decimal(request.values!.T!.toString()).times('0.35').toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
      assert.ok(new Decimal(slip.lines.find((l) => l.id === 'planCompletion')!.amount).lessThanOrEqualTo(cap));
    }));
  });

  test('P-3: the target bonus is paid in full exactly when no gate flag is raised', () => {
    fc.assert(fc.property(p3Input, (request) => {
      const slip = computePay(payPlanPresets['P-3']!, request);
      const bonus = slip.lines.find((l) => l.id === 'targetBonus')!.amount;
      const failed = slip.flags.some((f) => f.code === 'P-3.gateFailed');
      assert.equal(bonus, failed ? '0.00' : new Decimal(request.values!.targetBonus!.toString()).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
      if (failed) assert.ok(slip.flags[0]!.reasons.length > 0);
    }));
  });
});
