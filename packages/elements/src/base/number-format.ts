// Figures for people: grouped, in the locale's style. Amounts arrive as decimal strings from
// @kaohe/scoring and are handed to Intl.NumberFormat as strings, which formats them as exact
// decimals (ECMA-402 NumberFormat v3): an amount is never turned into a binary float on the way.
import type { PayInputKind } from '@kaohe/scoring';
import type { Locale } from './locale.ts';

type Decimal = `${number}` | string;
type Formatter = { format(value: Intl.StringNumericLiteral): string };

const cache = new Map<string, Formatter>();
function formatter(locale: Locale, options: Intl.NumberFormatOptions): Formatter {
  const key = `${locale}|${JSON.stringify(options)}`;
  let found = cache.get(key);
  if (!found) {
    found = new Intl.NumberFormat(locale, options) as Formatter;
    cache.set(key, found);
  }
  return found;
}

const asLiteral = (value: Decimal) => value as Intl.StringNumericLiteral;

/** 8000 → "8,000.00" (two decimals, grouped; half-up at the third decimal like O-7). */
export function formatMoney(value: Decimal, locale: Locale): string {
  return formatter(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, roundingMode: 'halfExpand' }).format(asLiteral(value));
}

/** 8000 → "CN¥8,000.00" in the plan's currency. */
export function formatCurrency(value: Decimal, currency: string, locale: Locale): string {
  return formatter(locale, currencyOptions(currency)).format(asLiteral(value));
}

const currencyOptions = (currency: string): Intl.NumberFormatOptions => ({ style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2, roundingMode: 'halfExpand' });

/**
 * The currency's sign as `formatCurrency` writes it in `locale` ("CN¥" in en and zh-Hant, "¥" in zh-Hans), so a
 * caption naming the currency and the amounts under it write it one way, not "CNY" above "CN¥".
 */
export function currencySymbol(currency: string, locale: Locale): string {
  const parts = (formatter(locale, currencyOptions(currency)) as Intl.NumberFormat).formatToParts(0);
  return parts.find((part) => part.type === 'currency')?.value ?? currency;
}

/** A fraction as a percentage: 0.85 → "85%", 0.003 → "0.3%". */
export function formatRate(value: Decimal, locale: Locale): string {
  return formatter(locale, { style: 'percent', maximumFractionDigits: 2 }).format(asLiteral(value));
}

/**
 * A score, as every page shows it (O-7): two decimals, half-up, the way @kaohe/scoring writes them
 * (the rubric form and the inbox show its strings as they are): 81.3 → "81.30". Every element formats a score here.
 */
export function formatScore(value: Decimal, locale: Locale): string {
  return formatter(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, roundingMode: 'halfExpand' }).format(asLiteral(value));
}

/** A plain number: 1.5 → "1.5". */
export function formatNumber(value: Decimal, locale: Locale, maximumFractionDigits = 4): string {
  return formatter(locale, { maximumFractionDigits }).format(asLiteral(value));
}

/** A value by what it holds. */
export function formatByKind(value: Decimal, kind: Exclude<PayInputKind, 'boolean'>, locale: Locale): string {
  switch (kind) {
    case 'money': return formatMoney(value, locale);
    case 'rate': return formatRate(value, locale);
    case 'score': return formatScore(value, locale);
    case 'number': return formatNumber(value, locale);
  }
}
