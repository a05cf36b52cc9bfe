import { dec, Decimal, fixed, ZERO } from './decimal.ts';
import type { Amount } from './schema.ts';

/**
 * The arithmetic the engine scores with, in two forms with the same meaning (the first in millionths.ts):
 * - `millionths`: exact decimals as whole JS numbers counting millionths (2.5 is 2,500,000). Adding,
 *   subtracting, multiplying by a count and comparing are exact while every result is a safe integer
 *   (Number.isSafeInteger); a product of two amounts is kept only when it divides back exactly. No
 *   value ever goes through a binary fraction.
 * - `decimals`: decimal.js, exactly as the engine always computed.
 * A sheet is scored in millionths first; the moment a value does not fit (more than 6 decimals, too
 * large, a product that would need more places) `Inexact` is thrown and the sheet is scored again
 * in decimals from the start. So results are always decimal.js's, to the last digit (O-7); the
 * property test in test/fast-path.property.test.ts holds the two to that.
 */
export interface Arith<V> {
  /** an amount read from a rubric or a sheet */
  amount(value: Amount): V;
  /** a whole number (a count, a number of checks) */
  whole(n: number): V;
  readonly zero: V;
  plus(a: V, b: V): V;
  minus(a: V, b: V): V;
  /** a × n for a whole n (counts, the O-5 doubling factor) */
  timesWhole(a: V, n: number): V;
  times(a: V, b: V): V;
  div(a: V, b: V): V;
  negated(a: V): V;
  ceil(a: V): V;
  max(a: V, b: V): V;
  min(a: V, b: V): V;
  lt(a: V, b: V): boolean;
  gt(a: V, b: V): boolean;
  eq(a: V, b: V): boolean;
  isZero(a: V): boolean;
  /** the sign, as decimal.js gives it: 0 is positive, −0 negative */
  isNegative(a: V): boolean;
  isPositive(a: V): boolean;
  /** a is a whole multiple of b */
  isMultiple(a: V, b: V): boolean;
  /** whether `div` can give an exact answer here; millionths cannot, so rubrics that divide score in decimals */
  readonly divides: boolean;
  /** rounded half-up to `places` decimals, written with exactly that many (O-7) */
  fixed(a: V, places: number): string;
  /** as decimal.js writes it (`toString`), for notes and problems */
  text(a: V): string;
  decimal(a: V): Decimal;
}

/** Thrown by the millionths arithmetic when a value does not fit it exactly. */
export class Inexact extends Error {}
export const decimals: Arith<Decimal> = {
  amount: (value) => dec(value),
  whole: (n) => new Decimal(n),
  zero: ZERO,
  plus: (a, b) => a.plus(b),
  minus: (a, b) => a.minus(b),
  timesWhole: (a, n) => a.times(n),
  times: (a, b) => a.times(b),
  div: (a, b) => a.div(b),
  negated: (a) => a.negated(),
  ceil: (a) => a.ceil(),
  max: (a, b) => Decimal.max(a, b),
  min: (a, b) => Decimal.min(a, b),
  lt: (a, b) => a.lt(b),
  gt: (a, b) => a.gt(b),
  eq: (a, b) => a.eq(b),
  isZero: (a) => a.isZero(),
  isNegative: (a) => a.isNegative(),
  isPositive: (a) => a.isPositive(),
  isMultiple: (a, b) => a.mod(b).isZero(),
  divides: true,
  fixed,
  text: (a) => a.toString(),
  decimal: (a) => a,
};
