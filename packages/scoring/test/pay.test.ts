// Pay plans (P-1, P-2, P-3) and their open points (O-2, O-3, O-4, O-7), computed from the presets.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import { KaoheInputError } from '../src/problems.ts';
import type { Problem } from '../src/problems.ts';
import type { ScoreResult } from '../src/result.ts';
import { computePay, validatePayPlan, withScoreInputs } from '../src/pay/index.ts';
import type { PayInput, PayPlanInput, Payslip } from '../src/pay/index.ts';
import { payPlanPresets } from '../src/presets/pay/index.ts';

const P1 = payPlanPresets['P-1']!;
const P2 = payPlanPresets['P-2']!;
const P3 = payPlanPresets['P-3']!;
const label = (en: string) => ({ 'zh-Hant': en, 'zh-Hans': en, en });

const amounts = (slip: Payslip) => Object.fromEntries(slip.lines.map((l) => [l.id, l.amount]));
const line = (slip: Payslip, id: string) => {
  const found = slip.lines.find((l) => l.id === id);
  assert.ok(found, `the payslip should have a ${id} line`);
  return found;
};
function inputProblems(run: () => unknown): Problem[] {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof KaoheInputError, `expected a KaoheInputError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail('expected the input to be refused');
}

describe('P-1 sales staff monthly pay', () => {
  const wang: PayInput = { employee: 'wang', period: '2026-10', values: { T: 8000, completionRate: '0.85', workScore: 90 } };

  test('P-1: T 8,000 at 85% completion and a daily score of 90 pays 4,000.00 + 2,380.00 + 1,080.00 = 7,460.00', () => {
    const slip = computePay(P1, wang);
    assert.deepEqual(amounts(slip), { base: '4000.00', planCompletion: '2380.00', dailyWork: '1080.00', overPlanBonus: '0.00' });
    assert.equal(slip.total, '7460.00');
    assert.equal(slip.currency, 'CNY');
    assert.deepEqual([slip.employee, slip.period], ['wang', '2026-10']);
  });

  test('P-1: each line shows its formula and the values it read, so the person can see why', () => {
    const slip = computePay(P1, wang);
    assert.equal(line(slip, 'planCompletion').formula, 'T * 0.35 * min(completionRate, 1)');
    assert.deepEqual(line(slip, 'planCompletion').inputs, { T: '8000', completionRate: '0.85' });
    assert.deepEqual(line(slip, 'dailyWork').inputs, { T: '8000', scoreRate: '0.9' });
    assert.equal(line(slip, 'base').label['zh-Hant'], '基礎工資');
  });

  test('P-1: the over-plan bonus 超計劃獎金 is paid on top', () => {
    const slip = computePay(P1, { values: { ...wang.values, overPlanBonus: '500.5' } });
    assert.equal(line(slip, 'overPlanBonus').amount, '500.50');
    assert.equal(slip.total, '7960.50');
  });

  test('O-2 by default the score rate is the daily-work score ÷ 100, and the monthly score need not be given', () => {
    const slip = computePay(P1, wang);
    assert.deepEqual(slip.settings, { scoreRateBasis: 'work', completionCap: 'capped' });
    assert.equal(line(slip, 'dailyWork').amount, '1080.00');
  });

  test('O-2 set to monthly: a monthly score of 80 pays 8,000 × 15% × 0.8 = 960.00 whatever the daily-work score', () => {
    const slip = computePay(P1, { values: { T: 8000, completionRate: '0.85', monthlyScore: 80 }, settings: { scoreRateBasis: 'monthly' } });
    assert.equal(line(slip, 'dailyWork').amount, '960.00');
    assert.deepEqual(line(slip, 'dailyWork').inputs, { T: '8000', scoreRate: '0.8' });
  });

  test('O-2 may be chosen by its open-point id', () => {
    const slip = computePay(P1, { values: { T: 8000, completionRate: 1, monthlyScore: 80 }, settings: { 'O-2': 'monthly' } });
    assert.equal(slip.settings.scoreRateBasis, 'monthly');
    assert.equal(line(slip, 'dailyWork').amount, '960.00');
  });

  test('O-2 set to monthly without a monthly score is refused naming monthlyScore', () => {
    const problems = inputProblems(() => computePay(P1, { values: wang.values, settings: { scoreRateBasis: 'monthly' } }));
    assert.deepEqual(problems.map((p) => [p.path, p.rule]), [['values.monthlyScore', 'required']]);
  });

  test('O-3: 120% completion is capped at 100% by default (2,800.00); the excess is for the over-plan bonus', () => {
    const slip = computePay(P1, { values: { T: 8000, completionRate: '1.2', workScore: 90 } });
    assert.equal(line(slip, 'planCompletion').amount, '2800.00');
    assert.deepEqual(line(slip, 'planCompletion').inputs, { T: '8000', completionRate: '1.2' });
  });

  test('O-3 set to uncapped: 120% completion pays 8,000 × 35% × 1.2 = 3,360.00', () => {
    const slip = computePay(P1, { values: { T: 8000, completionRate: '1.2', workScore: 90 }, settings: { completionCap: 'uncapped' } });
    assert.equal(line(slip, 'planCompletion').amount, '3360.00');
    assert.equal(line(slip, 'planCompletion').formula, 'T * 0.35 * completionRate');
  });

  test('values from a CSV arrive as strings and a blank cell counts as not given', () => {
    const slip = computePay(P1, { values: { T: '8000', completionRate: '0.85', workScore: '90', overPlanBonus: ' ' } });
    assert.equal(slip.total, '7460.00');
  });

  test('feeding a payslip\'s settings back in gives the same payslip', () => {
    const first = computePay(P1, { values: { ...wang.values, monthlyScore: 70 }, settings: { 'O-2': 'monthly', 'O-3': 'uncapped' } });
    const again = computePay(P1, { values: { ...wang.values, monthlyScore: 70 }, settings: first.settings });
    assert.deepEqual(again, first);
  });
});

describe('pay inputs a score supplies', () => {
  // Only the figures a score supplies are read: work, monthly, attendance.
  const score = { work: '92.50', monthly: '88.00', attendance: '95.00' } as ScoreResult;

  test('a score input left out or blank is taken from the score; a given one and the other inputs stay as given', () => {
    const values = withScoreInputs(P1, { T: 8000, completionRate: '0.85', workScore: '' }, score);
    assert.deepEqual(values, { T: 8000, completionRate: '0.85', workScore: '92.50', monthlyScore: '88.00' });
    assert.deepEqual(withScoreInputs(P1, { workScore: 90 }, score), { workScore: 90, monthlyScore: '88.00' });
    assert.deepEqual(withScoreInputs(P2, {}, score), { score: '88.00' }, 'P-2 reads the monthly score as "score"');
  });

  test('P-1 paid from a daily-work score of 92.50: 8,000 × 15% × 0.925 = 1,110.00', () => {
    const slip = computePay(P1, { values: withScoreInputs(P1, { T: 8000, completionRate: '0.85' }, score) });
    assert.equal(line(slip, 'dailyWork').amount, '1110.00');
    assert.equal(slip.total, '7490.00');
  });
});

describe('pay input problems', () => {
  test('bad input is refused listing every problem, each naming the input and the rule', () => {
    const problems = inputProblems(() =>
      computePay(P1, { values: { completionRate: 'eighty-five', workScore: 120, overPlanBonus: -1, bonus: 5 }, settings: { scoreRateBasis: 'weekly' } }),
    );
    assert.deepEqual(
      problems.map((p) => [p.path, p.rule]).sort(),
      [
        ['settings.scoreRateBasis', 'setting-option'],
        ['values.T', 'required'],
        ['values.bonus', 'unknown-input'],
        ['values.completionRate', 'not-a-number'],
        ['values.overPlanBonus', 'min'],
        ['values.workScore', 'max'],
      ],
    );
    assert.match(problems.find((p) => p.path === 'values.workScore')!.message, /above the maximum 100/);
  });

  test('extra columns may be let through on request', () => {
    const slip = computePay(P1, { values: { T: 8000, completionRate: 1, workScore: 100, name: '王' } }, { ignoreUnknownInputs: true });
    assert.equal(slip.total, '8000.00');
  });

  test('a division by zero while computing is refused naming the formula and the divisor', () => {
    const plan: PayPlanInput = {
      id: 'T-div', version: 1, label: label('division'),
      inputs: [{ name: 'sales', label: label('sales'), kind: 'money' }, { name: 'target', label: label('target'), kind: 'money' }],
      quantities: [{ name: 'attainment', formula: 'sales / target' }],
      lines: [{ id: 'bonus', label: label('bonus'), formula: '1000 * attainment' }, { id: 'more', label: label('more'), formula: '10 * attainment' }],
    };
    const problems = inputProblems(() => computePay(plan, { values: { sales: 500, target: 0 } }));
    // Two lines read the quantity; the one division is reported once.
    assert.deepEqual(problems.map((p) => [p.path, p.rule]), [['quantities[0].formula', 'formula-division-by-zero']]);
    assert.match(problems[0]!.message, /target is 0/);
  });

  test('an invalid plan is refused before any input is read', () => {
    const problems = inputProblems(() => computePay({ ...P1, lines: [] }, { values: {} }));
    assert.equal(problems[0]!.path, 'lines');
  });
});

describe('P-2 service staff pay', () => {
  const values = { baseSalary: 3000, performanceBase: 2000, score: 50 };

  test('P-2: a score of 85 earns 85% of a 2,000 performance base, on top of the 3,000 base salary', () => {
    const slip = computePay(P2, { values: { ...values, score: 85 } });
    assert.deepEqual(amounts(slip), { baseSalary: '3000.00', performancePay: '1700.00' });
    assert.equal(slip.total, '4700.00');
    assert.deepEqual(slip.flags, []);
  });

  test('P-2: exactly 60 is not under 60 — no deduction, no flag', () => {
    const slip = computePay(P2, { values: { ...values, score: 60 } });
    assert.equal(slip.lines.some((l) => l.id === 'underSixtyDeduction'), false);
    assert.equal(slip.total, '4200.00');
    assert.deepEqual(slip.flags, []);
  });

  test('P-2 under 60, O-4 scale (default): 50 points keep 70% of a 1,000.00 performance pay — a line of −300.00 and the base untouched', () => {
    const slip = computePay(P2, { values });
    assert.deepEqual(amounts(slip), { baseSalary: '3000.00', performancePay: '1000.00', underSixtyDeduction: '-300.00' });
    assert.equal(slip.total, '3700.00');
    assert.deepEqual(slip.flags.map((f) => [f.code, f.source]), [['P-2.under60', 'P-2']]);
    assert.equal(slip.settings.underSixtyRule, 'scale');
  });

  test('P-2 under 60, O-4 base: 50 points lose 30% of the 2,000 performance base — a line of −600.00', () => {
    const slip = computePay(P2, { values, settings: { underSixtyRule: 'base' } });
    assert.deepEqual(amounts(slip), { baseSalary: '3000.00', performancePay: '1000.00', underSixtyDeduction: '-600.00' });
    assert.equal(slip.total, '3400.00');
    assert.deepEqual(slip.flags.map((f) => f.code), ['P-2.under60']);
  });

  test('P-2 under 60, O-4 base: at 20 points the deduction stops at the 400.00 earned — performance pay never below 0, base salary kept', () => {
    const slip = computePay(P2, { values: { ...values, score: 20 }, settings: { 'O-4': 'base' } });
    assert.deepEqual(amounts(slip), { baseSalary: '3000.00', performancePay: '400.00', underSixtyDeduction: '-400.00' });
    assert.equal(slip.total, '3000.00');
  });
});

describe('P-3 online-shop after-sales pay', () => {
  const met = {
    baseSalary: 3000, repeatOrderTotal: 150000, targetBonus: 800,
    refundRate: '0.02', refundRateTarget: '0.03', refundTime: 20, refundTimeTarget: 24,
    disputes: 1, disputesTarget: 2, dsrRating: '4.8', dsrRatingTarget: '4.8',
    internalComplaints: 0, internalComplaintsTarget: 1,
  };

  test('P-3: every indicator on target pays 0.3% of 150,000 (450.00) + the 800.00 target bonus + the 3,000.00 base', () => {
    const slip = computePay(P3, { values: met });
    assert.deepEqual(amounts(slip), { baseSalary: '3000.00', repeatOrderCommission: '450.00', targetBonus: '800.00' });
    assert.equal(slip.total, '4250.00');
    assert.deepEqual(slip.flags, []);
  });

  test('P-3 gate failed by one indicator: a refund rate of 3.5% against 3% zeroes the target bonus and the flag names the refund rate', () => {
    const slip = computePay(P3, { values: { ...met, refundRate: '0.035' } });
    assert.equal(line(slip, 'targetBonus').amount, '0.00');
    assert.deepEqual(line(slip, 'targetBonus').inputs, { targetsMet: 'false', targetBonus: '800' });
    assert.equal(slip.total, '3450.00');
    assert.equal(slip.flags.length, 1);
    const flag = slip.flags[0]!;
    assert.equal(flag.code, 'P-3.gateFailed');
    assert.deepEqual(flag.reasons.map((r) => r.en), ['Refund rate']);
    assert.match(flag.label['zh-Hant'], /退款率/);
    assert.doesNotMatch(flag.label['zh-Hant'], /DSR/);
  });

  test('P-3: the DSR rating is higher-is-better — 4.7 against 4.8 misses, and two misses are both named', () => {
    const slip = computePay(P3, { values: { ...met, dsrRating: '4.7', disputes: 3 } });
    assert.deepEqual(slip.flags[0]!.reasons.map((r) => r.en), ['Disputes', 'DSR rating']);
    assert.equal(slip.flags[0]!.label.en, 'No target bonus; indicators that missed their target: Disputes, DSR rating');
  });
});

describe('O-7 rounding', () => {
  const plan: PayPlanInput = {
    id: 'T-round', version: 1, label: label('rounding'),
    inputs: [{ name: 'x', label: label('x'), kind: 'money' }],
    lines: ['a', 'b', 'c'].map((id) => ({ id, label: label(id), formula: 'x' })),
  };

  test('O-7: each line rounds half-up at .005 once, and the total is the sum of the rounded lines (0.03, not 0.02)', () => {
    const slip = computePay(plan, { values: { x: '0.005' } });
    assert.deepEqual(slip.lines.map((l) => l.amount), ['0.01', '0.01', '0.01']);
    assert.equal(slip.total, '0.03');
  });

  test('O-7: just under the half rounds down — 0.0049999 pays 0.00', () => {
    assert.equal(computePay(plan, { values: { x: '0.0049999' } }).total, '0.00');
  });

  test('O-7: a deduction of −0.005 rounds away from zero to −0.01, and a zero deduction never shows as −0.00', () => {
    assert.equal(computePay(plan, { values: { x: '-0.005' } }).lines[0]!.amount, '-0.01');
    assert.equal(computePay(plan, { values: { x: '-0.004' } }).lines[0]!.amount, '0.00');
  });
});

describe('validatePayPlan', () => {
  test('the P-1, P-2 and P-3 presets are valid plans with nothing unused', () => {
    for (const [id, plan] of Object.entries(payPlanPresets)) {
      const checked = validatePayPlan(plan);
      assert.ok(checked.ok, `${id}: ${JSON.stringify(!checked.ok && checked.problems)}`);
      assert.deepEqual(checked.warnings, [], id);
      assert.equal(checked.value.id, id);
    }
  });

  test('a formula with an unknown name is refused naming it and the line', () => {
    const checked = validatePayPlan({ ...P1, lines: [...P1.lines, { id: 'extra', label: label('extra'), formula: 'T * bonusRate' }] });
    assert.ok(!checked.ok);
    assert.deepEqual(checked.problems.map((p) => [p.path, p.rule]), [['lines[4].formula', 'formula-unknown-name']]);
    assert.match(checked.problems[0]!.message, /"bonusRate"/);
  });

  test('every problem of a plan is listed at once', () => {
    const checked = validatePayPlan({
      id: 'T-bad', version: 1, label: label('bad'),
      inputs: [
        { name: 'T', label: label('T'), kind: 'money', min: 10, max: 5 },
        { name: 'T', label: label('T again'), kind: 'money' },
        { name: 'bonus', label: label('bonus'), kind: 'money', required: false },
      ],
      settings: [{ id: 'O-9', name: 'basis', options: ['a', 'b'], default: 'c' }],
      quantities: [
        { name: 'x', formula: 'y + 1' },
        { name: 'y', formula: 'x * 2' },
        { name: 'z', variants: { setting: 'basis', cases: { a: 'T', d: 'T * 2' } } },
      ],
      lines: [
        { id: 'pay', label: label('pay'), formula: 'T * ' },
        { id: 'pay', label: label('pay'), formula: 'pow(T, 2)' },
        { id: 'cond', label: label('cond'), formula: 'T > 5' },
        { id: 'nolabel', formula: 'T' },
      ],
    });
    assert.ok(!checked.ok);
    const found = checked.problems.map((p) => `${p.path} ${p.rule}`);
    for (const expected of [
      'lines[3].label invalid_type',
      'inputs[0].min input-range',
      'inputs[1].name duplicate-name',
      'inputs[2].default input-default',
      'settings[0].default setting-default',
      'quantities[0] cycle',
      'quantities[2].variants.cases.d variant-option',
      'quantities[2].variants.cases variant-missing',
      'lines[0].formula formula-syntax',
      'lines[1].id duplicate-line',
      'lines[1].formula formula-unknown-function',
      'lines[2].formula formula-type',
    ]) assert.ok(found.includes(expected), `expected "${expected}" among:\n${found.join('\n')}`);
    assert.match(checked.problems.find((p) => p.rule === 'cycle')!.message, /x → y → x/);
  });

  test('a flag\'s condition must be a condition, not an amount', () => {
    const checked = validatePayPlan({ ...P2, flags: [{ code: 'P-2.under60', label: label('under 60'), when: 'score - 60' }] });
    assert.ok(!checked.ok);
    assert.deepEqual(checked.problems.map((p) => [p.path, p.rule]), [['flags[0].when', 'formula-type']]);
  });

  test('an input nobody reads is a warning, not an error', () => {
    const checked = validatePayPlan({ ...P2, inputs: [...P2.inputs!, { name: 'seniority', label: label('seniority'), kind: 'number' }] });
    assert.ok(checked.ok);
    assert.deepEqual(checked.warnings.map((w) => [w.path, w.rule]), [['inputs[3]', 'unused-input']]);
  });
});

describe('the CLI\'s example pay inputs', () => {
  const folder = new URL('../../cli/examples/pay/', import.meta.url);
  const read = (name: string) => JSON.parse(readFileSync(new URL(name, folder), 'utf8')) as PayInput;

  test('every example computes under the preset its file name starts with', () => {
    const files = readdirSync(folder).filter((name) => name.endsWith('.json'));
    assert.ok(files.length >= 3);
    for (const name of files) {
      const preset = payPlanPresets[name.slice(0, 2).toUpperCase().replace('P', 'P-')];
      assert.ok(preset, `${name} names no preset`);
      assert.match(computePay(preset, read(name)).total, /^\d+\.\d{2}$/, name);
    }
  });

  test('Wang\'s example is the worked P-1 7,460.00; Li\'s is P-2 under 60; Zhao\'s misses the P-3 refund-rate target', () => {
    assert.equal(computePay(P1, read('p1-wang.json')).total, '7460.00');
    assert.deepEqual(computePay(P2, read('p2-li-under60.json')).flags.map((f) => f.code), ['P-2.under60']);
    const zhao = computePay(P3, read('p3-zhao-gate-failed.json'));
    assert.deepEqual(zhao.flags[0]?.reasons.map((r) => r.en), ['Refund rate']);
    // 3,200 + 186,500 × 0.3% (559.50) + no target bonus
    assert.equal(zhao.total, '3759.50');
  });
});
