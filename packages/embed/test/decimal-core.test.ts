// The browser bundles carry decimal.js trimmed to the arithmetic Kaohe does (decimal-core.mjs).
// These tests hold the trimmed library to the whole one: same digits for every kept operation,
// and the removed mathematics really gone (so a caller finds out at once, not with wrong numbers).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { build, type Plugin } from 'esbuild';
import fc from 'fast-check';
import type { Decimal as ScoringDecimal } from '@kaohe/scoring';
// @ts-expect-error -- a plain ES module of the build, without types
import { decimalCore, trimDecimal } from '../decimal-core.mjs';
import { noBatchPaths } from '../batch-paths.mjs';

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

test('the mathematics Kaohe never does is gone from the bundle', () => {
  const prototype = T.prototype as unknown as Record<string, unknown>;
  for (const removed of ['pow', 'sqrt', 'ln', 'log', 'exp', 'sin', 'cos', 'tan', 'toFraction', 'toHex']) {
    assert.equal(typeof prototype[removed], 'undefined', `${removed} should not be in the browser bundle`);
  }
  assert.equal(typeof (T as unknown as Record<string, unknown>)['random'], 'undefined');
});

// The product's own computations, bundled as the core bundles them (scoring with the trimmed
// decimal.js and without the batch paths, so decimal.js scores and pays every sheet) against the
// whole library with them: a method the code calls but the trim removed throws here, and a changed
// digit shows.
interface ScoringApi {
  scoreSheet: typeof import('@kaohe/scoring').scoreSheet;
  computePay: typeof import('@kaohe/scoring').computePay;
  rubricPresets: typeof import('@kaohe/scoring/presets').rubricPresets;
  payPlanPresets: typeof import('@kaohe/scoring/presets').payPlanPresets;
  randomSheet: typeof import('../../scoring/test/support/random-sheet.ts').randomSheet;
  Rubric: typeof import('@kaohe/scoring').Rubric;
}
const scoringDir = fileURLToPath(new URL('../../scoring/', import.meta.url));
const cliExamples = fileURLToPath(new URL('../../cli/examples/', import.meta.url));
const scoringEntry = `export { scoreSheet, computePay, Rubric } from ${JSON.stringify(join(scoringDir, 'src/index.ts'))};
export { rubricPresets, payPlanPresets } from ${JSON.stringify(join(scoringDir, 'src/presets/all.ts'))};
export { randomSheet } from ${JSON.stringify(join(scoringDir, 'test/support/random-sheet.ts'))};`;

async function scoringWith(plugins: Plugin[]): Promise<ScoringApi> {
  const result = await build({
    stdin: { contents: scoringEntry, resolveDir: scoringDir, loader: 'ts' },
    bundle: true, format: 'esm', platform: 'browser', write: false, plugins, logLevel: 'silent',
  });
  return (await import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0]!.text).toString('base64')}`)) as ScoringApi;
}

const [trimmed, whole] = await Promise.all([scoringWith([decimalCore, noBatchPaths]), scoringWith([])]);
const examples = (folder: string) => readdirSync(join(cliExamples, folder)).filter((name) => name.endsWith('.json'))
  .map((name) => ({ name, json: JSON.parse(readFileSync(join(cliExamples, folder, name), 'utf8')) as Record<string, unknown> }));

test('every preset rubric scores the CLI\'s example sheets and 50 random sheets to the same result with the trimmed library', () => {
  const sheets = examples('sheets');
  assert.ok(sheets.length >= 9);
  for (const { name, json } of sheets) {
    const input = trimmed.rubricPresets[json['rubric'] as string];
    assert.ok(input, `${name} names a preset`);
    const sheet = json as Parameters<ScoringApi['scoreSheet']>[1];
    assert.deepEqual(trimmed.scoreSheet(trimmed.Rubric.parse(input), sheet), whole.scoreSheet(whole.Rubric.parse(input), sheet), name);
  }
  for (const [id, input] of Object.entries(trimmed.rubricPresets)) {
    const rubric = trimmed.Rubric.parse(input);
    const wholeRubric = whole.Rubric.parse(input);
    for (let seed = 1; seed <= 50; seed++) {
      const sheet = trimmed.randomSheet(rubric, seed);
      assert.deepEqual(trimmed.scoreSheet(rubric, sheet), whole.scoreSheet(wholeRubric, sheet), `${id} seed ${seed}`);
    }
  }
});

test('P-1, P-2 and P-3 pay the CLI\'s examples to the same cent with the trimmed library (Wang\'s P-1: 7,460.00)', () => {
  const inputs = examples('pay');
  assert.ok(inputs.length >= 3);
  for (const { name, json } of inputs) {
    const plan = `P-${name[1]}`;
    const input = json as Parameters<ScoringApi['computePay']>[1];
    const payslip = trimmed.computePay(trimmed.payPlanPresets[plan]!, input);
    assert.deepEqual(payslip, whole.computePay(whole.payPlanPresets[plan]!, input), name);
    if (name === 'p1-wang.json') assert.equal(payslip.total, '7460.00');
  }
});

test('the trim refuses a decimal.js of another shape instead of shipping it half-trimmed', async () => {
  const source = await readFile(decimalPath, 'utf8');
  // a release that writes its methods another way, or adds one the trim would silently drop
  assert.throws(() => trimDecimal(source.replace(/= function \(/g, '= function(')), /does not have the expected shape/);
  assert.throws(() => trimDecimal(`${source}\nP.gamma = function () {\n  return this;\n};\n`), /does not have the expected shape/);
  const { removedMethods } = trimDecimal(source);
  assert.ok(removedMethods.includes('toPower/pow'));
});
