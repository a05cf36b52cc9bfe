// packages/scoring/src/decimal.ts as it stood before issue 15 (main at 2587116), verbatim but for the
// schema import: the replaced engine's own arithmetic, so a change to src/decimal.ts (rounding, precision)
// shows up as a difference from it instead of changing both engines at once. Test code only, for legacy-engine.ts.
import DecimalJs from 'decimal.js';
import type { Amount } from './legacy-schema.ts';

/**
 * The project's Decimal: a private clone so a host page's global decimal.js settings never change
 * our results. 40 significant digits is far beyond any score or salary; rounding is half-up
 * (四捨五入), the usual rule for money in China (O-7).
 */
export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);

// Rubric amounts ("5", "10", "0.7") repeat across every sheet; Decimals are immutable, so parsing
// each text once is safe. Bounded so arbitrary sheet values cannot grow it without limit.
const parsed = new Map<string, Decimal>();
const PARSED_LIMIT = 4096;

/** Reads an amount from JSON. Numbers go through their shortest string form, never through float math. */
export function dec(value: Amount | Decimal): Decimal {
  if (value instanceof Decimal) return value;
  const text = typeof value === 'number' ? String(value) : value;
  let d = parsed.get(text);
  if (d === undefined) {
    d = new Decimal(text);
    if (parsed.size < PARSED_LIMIT) parsed.set(text, d);
  }
  return d;
}

/** Rounds half-up to `places` decimals and writes it with exactly that many. */
export function fixed(value: Decimal, places: number): string {
  return value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places);
}

export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}
