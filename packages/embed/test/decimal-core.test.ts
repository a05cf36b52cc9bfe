// The browser bundles carry decimal.js trimmed to the arithmetic Kaohe does (decimal-core.mjs).
// These tests hold the trimmed library to the whole one: same digits for every kept operation,
// and the removed mathematics really gone (so a caller finds out at once, not with wrong numbers).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import fc from 'fast-check';
import type { Decimal as ScoringDecimal } from '@kaohe/scoring';
// @ts-expect-error -- a plain ES module of the build, without types
import { decimalCore, trimDecimal, KEPT_METHODS } from '../decimal-core.mjs';

type DecimalCtor = typeof ScoringDecimal;

// decimal.js as @kaohe/scoring resolves it: the copy the bundles carry
const fromScoring = createRequire(createRequire(import.meta.url).resolve('@kaohe/scoring'));
const decimalPath = fromScoring.resolve('decimal.js').replace(/decimal\.js$/, 'decimal.mjs');
const Whole = ((await import(decimalPath)) as { default: DecimalCtor }).default;

async function trimmedDecimal(): Promise<DecimalCtor> {
  const result = await build({
    stdin: { contents: `export { default } from ${JSON.stringify(decimalPath)};`, resolveDir: '/', loader: 'js' },
    bundle: true, format: 'esm', write: false, plugins: [decimalCore], logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  const module = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as { default: DecimalCtor };
  return module.default;
}

const Trimmed = await trimmedDecimal();
// the settings of scoring's private Decimal (O-7: half-up)
const settings = { precision: 40, rounding: Whole.ROUND_HALF_UP };
const W = Whole.clone(settings);
const T = Trimmed.clone(settings);

// amounts as they appear in rubrics and pay plans: signed, up to 8 integer and 6 fraction digits
const amount = fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 99_999_999n }), fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 6 }))
  .map(([negative, whole, fraction, places]) => `${negative ? '-' : ''}${whole}${places > 0 ? `.${String(fraction).padStart(6, '0').slice(0, places)}` : ''}`);
const nonZero = amount.filter((text) => !new Whole(text).isZero());

test('the trimmed decimal.js adds, subtracts, multiplies and divides to the same digits as the whole library', () => {
  fc.assert(fc.property(amount, nonZero, (a, b) => {
    for (const op of ['plus', 'minus', 'times', 'dividedBy', 'dividedToIntegerBy', 'modulo'] as const) {
      assert.equal(new T(a)[op](b).toString(), new W(a)[op](b).toString(), `${a} ${op} ${b}`);
    }
  }), { numRuns: 500 });
});

test('the trimmed decimal.js rounds half-up to the cent, compares and formats exactly like the whole library (O-7)', () => {
  fc.assert(fc.property(amount, amount, fc.integer({ min: 0, max: 4 }), (a, b, places) => {
    const t = new T(a);
    const w = new W(a);
    assert.equal(t.toDecimalPlaces(places, T.ROUND_HALF_UP).toFixed(places), w.toDecimalPlaces(places, W.ROUND_HALF_UP).toFixed(places));
    assert.equal(t.toFixed(2), w.toFixed(2));
    assert.equal(t.comparedTo(b), w.comparedTo(b));
    assert.equal(t.greaterThan(b), w.greaterThan(b));
    assert.equal(t.floor().toString(), w.floor().toString());
    assert.equal(t.ceil().toString(), w.ceil().toString());
    assert.equal(t.abs().negated().toString(), w.abs().negated().toString());
    assert.equal(t.isInteger(), w.isInteger());
    assert.equal(t.toNumber(), w.toNumber());
    assert.equal(T.max(a, b).toString(), W.max(a, b).toString());
    assert.equal(T.min(a, b).toString(), W.min(a, b).toString());
  }), { numRuns: 500 });
});

test('a salary of 12345.675 rounds to 12345.68 and 2.675 × 3 stays exact with the trimmed library', () => {
  assert.equal(new T('12345.675').toDecimalPlaces(2).toFixed(2), '12345.68');
  assert.equal(new T('2.675').times(3).toString(), '8.025');
  assert.equal(new T('0.1').plus('0.2').toString(), '0.3');
  assert.equal(new T('1').dividedBy(3).toString(), new W('1').dividedBy(3).toString());
});

test('the mathematics Kaohe never does is gone from the bundle, and every method the product calls is kept', () => {
  const prototype = T.prototype as unknown as Record<string, unknown>;
  for (const removed of ['pow', 'sqrt', 'ln', 'log', 'exp', 'sin', 'cos', 'tan', 'toFraction', 'toHex']) {
    assert.equal(typeof prototype[removed], 'undefined', `${removed} should not be in the browser bundle`);
  }
  for (const kept of KEPT_METHODS as string[]) assert.equal(typeof prototype[kept], 'function', `${kept} is called by Kaohe`);
  assert.equal(typeof (T as unknown as Record<string, unknown>)['random'], 'undefined');
});

test('the trim refuses a decimal.js of another shape instead of shipping it half-trimmed', async () => {
  const source = await readFile(decimalPath, 'utf8');
  // a release that writes its methods another way, or adds one the trim would silently drop
  assert.throws(() => trimDecimal(source.replace(/= function \(/g, '= function(')), /does not have the expected shape/);
  assert.throws(() => trimDecimal(`${source}\nP.gamma = function () {\n  return this;\n};\n`), /does not have the expected shape/);
  const { removedMethods } = trimDecimal(source);
  assert.ok(removedMethods.includes('toPower/pow'));
});
