// Exact decimals as whole numbers of millionths: the engine's fast arithmetic (see arith.ts).
import { Decimal } from './decimal.ts';
import { Inexact, type Arith } from './arith.ts';

const INEXACT = new Inexact('not exact in millionths');

const UNIT = 1_000_000;
const POW10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];
const safe = (n: number): number => {
  if (!Number.isSafeInteger(n)) throw INEXACT;
  return n;
};

/** The amount in millionths, or undefined when it has more than 6 decimals or 9 whole digits. */
export function toMillionths(value: string | number): number | undefined {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value <= 999_999_999 && value >= -999_999_999) return value * UNIT + 0;
    value = String(value);
  }
  const n = value.length;
  let i = 0;
  const negative = value.charCodeAt(0) === 45;
  if (negative) i = 1;
  let whole = 0;
  const start = i;
  for (; i < n; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) break;
    whole = whole * 10 + digit;
    if (whole > 999_999_999) return undefined;
  }
  if (i === start) return undefined;
  let fraction = 0;
  if (i < n) {
    if (value.charCodeAt(i) !== 46 || i === n - 1) return undefined;
    let places = 0;
    for (i++; i < n; i++, places++) {
      const digit = value.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return undefined;
      if (places < 6) fraction = fraction * 10 + digit;
      else if (digit !== 0) return undefined;
    }
    if (places < 6) fraction *= POW10[6 - places]!;
  }
  const m = whole * UNIT + fraction;
  // decimal.js keeps the sign of "-0" (isNegative() is true), which a whole number cannot: leave it to decimal.js
  if (negative && m === 0) return undefined;
  return negative ? 0 - m : m;
}

/** Splits a non-negative whole number into the part above `unit` and the remainder, without division error. */
function split(a: number, unit: number): [number, number] {
  const rest = a % unit;
  return [(a - rest) / unit, rest];
}

const ZEROS = ['', '0', '00', '000', '0000', '00000'];
const SMALL = 0x7fffffff;

/** Millionths rounded half-up (away from zero at the half, as decimal.js ROUND_HALF_UP) to `places` ≤ 6, with that many decimals. */
export function fixedMillionths(m: number, places: number): string {
  const negative = m < 0;
  const a = negative ? -m : m;
  const unit = POW10[6 - places]!;
  let q: number;
  let rest: number;
  if (a <= SMALL) {
    // 31-bit whole numbers: the quotient truncated is exact (its error is far below 1/unit)
    q = (a / unit) | 0;
    rest = a - q * unit;
  } else {
    [q, rest] = split(a, unit);
  }
  if (rest * 2 >= unit) q += 1;
  // decimal.js writes a value that rounds to zero without its sign: -0.001 → "0.00"
  const sign = negative && q !== 0 ? '-' : '';
  if (places === 0) return sign + q;
  const pow = POW10[places]!;
  const whole = q <= SMALL ? (q / pow) | 0 : split(q, pow)[0];
  const fraction = String(q - whole * pow);
  return sign + whole + '.' + ZEROS[places - fraction.length] + fraction;
}

/** Millionths as decimal.js's toString writes the same value: no trailing zeros, no exponent in this range. */
export function textMillionths(m: number): string {
  const negative = m < 0;
  const [whole, fraction] = split(negative ? -m : m, UNIT);
  const sign = negative ? '-' : '';
  if (fraction === 0) return sign + whole;
  const digits = String(fraction);
  return (sign + whole + '.' + ZEROS[6 - digits.length] + digits).replace(/0+$/, '');
}

/** Undefined only in the browser core, which is built without it (packages/embed/build.mjs). */
export const millionths: Arith<number> | undefined = {
  amount(value) {
    const m = toMillionths(value);
    if (m === undefined) throw INEXACT;
    return m;
  },
  whole: (n) => safe(n * UNIT),
  zero: 0,
  plus: (a, b) => safe(a + b),
  minus: (a, b) => safe(a - b),
  timesWhole: (a, n) => safe(a * n),
  times(a, b) {
    const product = safe(a * b);
    if (product % UNIT !== 0) throw INEXACT;
    return product / UNIT;
  },
  div() {
    throw INEXACT;
  },
  negated: (a) => 0 - a,
  ceil(a) {
    const rest = a % UNIT;
    return rest > 0 ? a - rest + UNIT : a - rest;
  },
  max: (a, b) => (a > b ? a : b),
  min: (a, b) => (a < b ? a : b),
  lt: (a, b) => a < b,
  gt: (a, b) => a > b,
  eq: (a, b) => a === b,
  isZero: (a) => a === 0,
  isNegative: (a) => a < 0,
  // as decimal.js: a zero is positive (its sign is +); toMillionths leaves "-0" to decimal.js
  isPositive: (a) => a >= 0,
  isMultiple: (a, b) => a % b === 0,
  divides: false,
  fixed: fixedMillionths,
  text: textMillionths,
  decimal: (a) => new Decimal(textMillionths(a)),
};

