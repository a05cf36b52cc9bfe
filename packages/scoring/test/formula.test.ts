// The pay formula language: decimal arithmetic from the source text, a closed set of functions,
// and problems that name where the formula sits and what went wrong.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Decimal from 'decimal.js';
import { KaoheInputError } from '../src/problems.ts';
import { evaluateFormula, formulaNames, parseFormula } from '../src/pay/index.ts';

const d = (value: string) => new Decimal(value);
const num = (src: string, scope: Record<string, Decimal | boolean> = {}) => {
  const value = evaluateFormula(src, scope);
  assert.ok(typeof value !== 'boolean', `${src} should be a number`);
  return value.toFixed();
};
function problemOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof KaoheInputError, `expected a KaoheInputError, got ${String(error)}`);
    assert.equal(error.problems.length, 1);
    return error.problems[0]!;
  }
  assert.fail('expected the formula to be refused');
}

describe('formula arithmetic', () => {
  test('numbers are read from their text: 0.1 + 0.2 is exactly 0.3, as it must be for money', () => {
    assert.equal(num('0.1 + 0.2'), '0.3');
    assert.equal(evaluateFormula('0.1 + 0.2 == 0.3', {}), true);
  });

  test('a salary with cents beyond float precision keeps every digit', () => {
    assert.equal(num('12345678901234567.89 + 0.01'), '12345678901234567.9');
  });

  test('multiplication binds tighter than addition, and parentheses override it', () => {
    assert.equal(num('2 + 3 * 4'), '14');
    assert.equal(num('(2 + 3) * 4'), '20');
    assert.equal(num('-T * 0.3', { T: d('1000') }), '-300');
  });

  test('P-1: 35% of a pay total of 8,000 at 85% completion is 2,380', () => {
    assert.equal(num('T * 0.35 * rate', { T: d('8000'), rate: d('0.85') }), '2380');
  });

  test('comparisons and logic give conditions', () => {
    const scope = { score: d('59.5'), late: false };
    assert.equal(evaluateFormula('score < 60 && !late', scope), true);
    assert.equal(evaluateFormula('score >= 60 || late', scope), false);
    assert.equal(evaluateFormula('score != 59.50', scope), false);
    assert.equal(evaluateFormula('late == false', scope), true);
  });

  test('min, max and clamp bound an amount', () => {
    assert.equal(num('min(rate, 1)', { rate: d('1.2') }), '1');
    assert.equal(num('max(0, x - 500)', { x: d('300') }), '0');
    assert.equal(num('clamp(x, 0, 100)', { x: d('120') }), '100');
    assert.equal(num('clamp(x, 0, 100)', { x: d('-5') }), '0');
  });

  test('O-7: round is half-up (四捨五入): 2.675 becomes 2.68, -2.345 becomes -2.35', () => {
    // In binary floats 2.675 is 2.67499…, which rounds down; decimals must not.
    assert.equal(num('round(2.675, 2)'), '2.68');
    assert.equal(num('round(x, 2)', { x: d('-2.345') }), '-2.35');
    assert.equal(num('round(0.005, 2)'), '0.01');
    assert.equal(num('round(2.5)'), '3');
  });

  test('if takes only the branch it needs, so a zero target does not divide by zero', () => {
    assert.equal(num('if(target == 0, 0, done / target)', { target: d('0'), done: d('5') }), '0');
    assert.equal(num('if(target == 0, 0, done / target)', { target: d('4'), done: d('5') }), '1.25');
    assert.equal(evaluateFormula('target == 0 || done / target > 1', { target: d('0'), done: d('5') }), true);
  });

  test('a host page that sets decimal.js to round down and to 5 digits changes nothing', () => {
    const saved = { precision: Decimal.precision, rounding: Decimal.rounding };
    Decimal.set({ precision: 5, rounding: Decimal.ROUND_DOWN });
    try {
      assert.equal(num('round(2.675, 2)'), '2.68');
      assert.equal(num('123456.78 + 0.01'), '123456.79');
    } finally {
      Decimal.set(saved);
    }
  });
});

describe('formula problems', () => {
  test('a formula with an unknown name is refused naming it and where it sits', () => {
    const problem = problemOf(() => evaluateFormula('T * bonusRate', { T: d('8000') }, { path: 'lines[3].formula' }));
    assert.equal(problem.path, 'lines[3].formula');
    assert.equal(problem.rule, 'formula-unknown-name');
    assert.match(problem.message, /"bonusRate"/);
  });

  test('division by zero is refused naming the divisor', () => {
    const problem = problemOf(() => evaluateFormula('refunds / refundTarget', { refunds: d('3'), refundTarget: d('0') }, { path: 'quantities[0].formula' }));
    assert.equal(problem.path, 'quantities[0].formula');
    assert.equal(problem.rule, 'formula-division-by-zero');
    assert.match(problem.message, /refundTarget is 0/);
  });

  test('an unknown function is refused naming it', () => {
    const parsed = parseFormula('pow(T, 2)', 'lines[0].formula');
    assert.equal(parsed.ok, false);
    assert.ok(!parsed.ok);
    assert.deepEqual(parsed.problems.map((p) => [p.path, p.rule]), [['lines[0].formula', 'formula-unknown-function']]);
    assert.match(parsed.problems[0]!.message, /"pow"/);
  });

  test('a syntax error is reported with where it sits', () => {
    const parsed = parseFormula('T * (0.5 + ', 'lines[1].formula');
    assert.ok(!parsed.ok);
    assert.equal(parsed.problems[0]!.path, 'lines[1].formula');
    assert.equal(parsed.problems[0]!.rule, 'formula-syntax');
  });

  test('the same bad formula at two places is reported at each place', () => {
    const first = parseFormula('T *', 'lines[0].formula');
    const second = parseFormula('T *', 'lines[4].formula');
    assert.ok(!first.ok && !second.ok);
    assert.equal(first.problems[0]!.path, 'lines[0].formula');
    assert.equal(second.problems[0]!.path, 'lines[4].formula');
  });

  test('constructs outside the language are refused, with a hint where one helps', () => {
    for (const [src, hint] of [['T % 2', /fraction/], ['a === b', /==/], ['employee.salary', /plain name/], ['this', /"this" is not/], ['"text"', /the value "text"/], ['[1, 2]', /list/], ['a; b', /more than one/]] as const) {
      const parsed = parseFormula(src);
      assert.ok(!parsed.ok, `${src} should be refused`);
      assert.deepEqual(parsed.problems.map((p) => p.rule), ['formula-unsupported'], src);
      assert.match(parsed.problems.map((p) => p.message).join(' '), hint, src);
    }
  });

  test('a function called with the wrong number of arguments is refused', () => {
    const parsed = parseFormula('clamp(x, 0)');
    assert.ok(!parsed.ok);
    assert.equal(parsed.problems[0]!.rule, 'formula-arity');
    assert.match(parsed.problems[0]!.message, /clamp\(x, lo, hi\)/);
  });

  test('a condition added to an amount is refused', () => {
    const problem = problemOf(() => evaluateFormula('T + (score < 60)', { T: d('1'), score: d('50') }));
    assert.equal(problem.rule, 'formula-type');
  });
});

describe('formulaNames', () => {
  test('lists the names a formula reads, once each, in order — what a payslip line shows as its inputs', () => {
    assert.deepEqual(formulaNames('T * 0.35 * min(completionRate, 1) + T'), ['T', 'completionRate']);
    assert.deepEqual(formulaNames('if(targetsMet, targetBonus, 0)'), ['targetsMet', 'targetBonus']);
  });

  test('function names are not inputs', () => {
    assert.deepEqual(formulaNames('round(max(a, b), 2)'), ['a', 'b']);
  });
});
