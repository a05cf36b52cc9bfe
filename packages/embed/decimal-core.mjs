// decimal.js without the mathematics Kaohe never does, for the browser bundles.
//
// decimal.js defines every method as an assignment to its prototype (`P.sine = P.sin = function …`)
// and every static in `clone()` (`Decimal.sin = sin;`), so no bundler can tell which ones a program
// uses: the trigonometric, hyperbolic, exponential, logarithmic, power and root functions, base
// conversion, fractions and random numbers — with the 1,025 digits of π and of ln 10 they start
// from — all reach every page. Scores and pay need only + − × ÷, comparison, rounding and
// formatting (O-7). This plugin removes the rest from the library's source as esbuild loads it;
// esbuild's tree shaking then drops the private helpers only those used.
//
// It is the library itself, trimmed, not a rewrite: what stays is decimal.js's code byte for byte.
// A method removed here does not exist in the bundle (calling it throws "… is not a function");
// the Node test `packages/embed/test/decimal-core.test.ts` compares the trimmed library with the
// whole one on every kept method, and the end-to-end tests score and pay with the bundle.
import { readFile } from 'node:fs/promises';

/** Prototype methods (with their aliases) the Kaohe code calls; everything else on `P` goes. */
// (clampedTo, decimalPlaces, precision, round, toExponential, toPrecision, toSignificantDigits and
// truncated went too when issue 15 found no caller of them.)
export const KEPT_METHODS = Object.freeze([
  'absoluteValue', 'abs', 'ceil', 'comparedTo', 'cmp',
  'dividedBy', 'div', 'dividedToIntegerBy', 'divToInt', 'equals', 'eq', 'floor', 'greaterThan', 'gt',
  'greaterThanOrEqualTo', 'gte', 'isFinite', 'isInteger', 'isInt', 'isNaN', 'isNegative', 'isNeg',
  'isPositive', 'isPos', 'isZero', 'lessThan', 'lt', 'lessThanOrEqualTo', 'lte', 'minus', 'sub',
  'modulo', 'mod', 'negated', 'neg', 'plus', 'add', 'times', 'mul',
  'toDecimalPlaces', 'toDP', 'toFixed', 'toNumber', 'toString', 'valueOf', 'toJSON',
]);

/** Statics kept on the constructor (the ROUND_* constants are always kept). */
export const KEPT_STATICS = Object.freeze(['config', 'set', 'clone', 'isDecimal', 'max', 'min']);

/** What the trim must find in decimal.js 10.x; anything else means the library changed shape. */
const EXPECTED = { removedMethods: 31, removedStatics: 36, constants: 2 };

/**
 * Trims decimal.js's ES module source. Returns the source and the names removed; throws when the
 * source does not have the shape this was written against (a new major version of decimal.js),
 * so the build fails instead of shipping an untrimmed or broken library.
 */
export function trimDecimal(source) {
  const removedMethods = [];
  // the package ships with CRLF line ends
  source = source.replace(/\r\n/g, '\n');
  // A method is a top-level statement `P.a = P.b = function (…) {` … `};` whose end is the first
  // `};` at the start of a line after it.
  let code = source.replace(/^P\.(\w+)(?: = P\.(\w+))* = function \([^)]*\) \{\n[\s\S]*?\n\};\n/gm, (statement, ...rest) => {
    const offset = rest.at(-2);
    const before = source.slice(0, offset);
    // 10.x keeps a commented-out P.max and P.min; a comment is not code
    if (before.lastIndexOf('/*') > before.lastIndexOf('*/')) return statement;
    const names = [...statement.matchAll(/P\.(\w+) =/g)].map((match) => match[1]);
    if (names.some((name) => KEPT_METHODS.includes(name))) return statement;
    removedMethods.push(names.join('/'));
    return '';
  });
  const removedStatics = [];
  code = code.replace(/^ {2}Decimal\.(\w+) = (\w+);.*\n/gm, (line, name, value) => {
    if (KEPT_STATICS.includes(name) || /^ROUND_|^EUCLID$/.test(name) || !/^[a-z]/.test(value)) return line;
    removedStatics.push(name);
    return '';
  });
  // π and ln 10 feed only the removed functions; without their digits, nothing reads them.
  let constants = 0;
  code = code.replace(/^( {2}(?:LN10|PI) = )'[0-9.]{1000,}'/gm, (_, head) => {
    constants += 1;
    return `${head}'0'`;
  });
  const found = { removedMethods: removedMethods.length, removedStatics: removedStatics.length, constants };
  if (Object.entries(EXPECTED).some(([key, value]) => found[key] !== value)) {
    throw new Error(`decimal-core: decimal.js does not have the expected shape (expected ${JSON.stringify(EXPECTED)}, found ${JSON.stringify(found)}); review packages/embed/decimal-core.mjs for this version`);
  }
  const tainted = readersOfConstants(code);
  const keptCallers = [...code.matchAll(/^P\.\w+(?: = P\.\w+)* = function \([^)]*\) \{\n[\s\S]*?\n\};\n/gm)]
    .filter(([statement]) => [...tainted].some((name) => statement.includes(`${name}(`)))
    .map(([statement]) => /^P\.(\w+)/.exec(statement)[1]);
  const keptStaticCallers = KEPT_STATICS.filter((name) => tainted.has(name));
  if (keptCallers.length > 0 || keptStaticCallers.length > 0) {
    throw new Error(`decimal-core: ${[...keptCallers, ...keptStaticCallers].join(', ')} still reach π or ln 10, whose digits were removed`);
  }
  return { code, removedMethods, removedStatics };
}

/**
 * The top-level functions that read π or ln 10, directly or through another function: `getLn10`,
 * `getPi` and, to a fixed point, every function whose body calls one of them.
 */
function readersOfConstants(code) {
  const bodies = new Map();
  for (const match of code.matchAll(/^function (\w+)\([^)]*\) \{\n[\s\S]*?\n\}\n/gm)) bodies.set(match[1], match[0]);
  for (const match of code.matchAll(/^var (\w+) = \(function \(\) \{\n[\s\S]*?\n\}\)\(\);\n/gm)) bodies.set(match[1], match[0]);
  const tainted = new Set(['getLn10', 'getPi']);
  for (let grew = true; grew;) {
    grew = false;
    for (const [name, body] of bodies) {
      if (tainted.has(name)) continue;
      if ([...tainted].some((reader) => new RegExp(`\\b${reader}\\(`).test(body))) {
        tainted.add(name);
        grew = true;
      }
    }
  }
  return tainted;
}

/** The esbuild plugin: applies `trimDecimal` to decimal.js's ES module wherever it is installed. */
export const decimalCore = {
  name: 'decimal-core',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]decimal\.js[\\/]decimal\.mjs$/ }, async ({ path }) => ({
      contents: trimDecimal(await readFile(path, 'utf8')).code,
      loader: 'js',
    }));
  },
};
