// compareDecimalText orders decimal text exactly as decimal.js compares the numbers.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Decimal } from '../src/decimal.ts';
import { compareDecimalText } from '../src/decimal-order.ts';

const sign = (n: number) => Math.sign(n) + 0;

describe('compareDecimalText', () => {
  test('orders by value, not by text', () => {
    const sorted = ['100', '9.5', '-3', '92.50', '-0', '0.05', '92.5', '-10.25', '007'].sort(compareDecimalText);
    assert.deepEqual(sorted, ['-10.25', '-3', '-0', '0.05', '007', '9.5', '92.50', '92.5', '100']);
  });

  test('equal values written differently compare equal', () => {
    assert.equal(compareDecimalText('2.50', '2.5'), 0);
    assert.equal(compareDecimalText('-0.00', '0'), 0);
    assert.equal(compareDecimalText('0012', '12.000'), 0);
  });

  test('refuses text that is no decimal', () => {
    assert.throws(() => compareDecimalText('1e3', '1'), TypeError);
    assert.throws(() => compareDecimalText('1', ''), TypeError);
  });

  test('agrees with Decimal.comparedTo', () => {
    const digits = (max: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: 1, maxLength: max }).map((d) => d.join(''));
    const decimalText = fc.tuple(fc.boolean(), digits(14), fc.option(digits(10), { nil: undefined }))
      .map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}`);
    fc.assert(fc.property(decimalText, decimalText, (a, b) => {
      assert.equal(sign(compareDecimalText(a, b)), sign(new Decimal(a).comparedTo(b)), `${a} vs ${b}`);
    }), { numRuns: 2000 });
  });
});
