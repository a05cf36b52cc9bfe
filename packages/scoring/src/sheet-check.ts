// The sheet schema's common case, read by hand at the boundary.
//
// Parsing a sheet with zod costs more than scoring it. Most sheets are exactly what the schema
// accepts: plain data (what JSON, structuredClone and IndexedDB give: own enumerable properties)
// holding the fields it names, each of its type and within its bounds — the bounds are the schema's
// own constants (schema.ts), read from there. Such a sheet is copied here field by field into what
// `Sheet.parse` returns (the same fields and defaults; an entry's fields in the schema's order, as
// problems list them so). Any other input gives undefined, and readSheet parses it with zod, which
// accepts or refuses it with its own problems. So this reader may only ever accept less than the
// schema, never more: test/sheet-check.property.test.ts holds it to that over arbitrary input.
import { dec } from './decimal.ts';
import { isPlainObject } from './plain.ts';
import {
  daysInPeriod, isNegativeText, isPositiveText, MAX_ID_LENGTH, MAX_MONTHLY_COUNT, MAX_PRIOR_MONTHS, MAX_TEXT_LENGTH, PERIOD, SHEET_DECIMAL, SHEET_LIMIT,
  type Deduction, type Entry, type Sheet,
} from './schema.ts';

const NOT_PLAIN = Symbol('not plain');
function must<T>(ok: boolean, value: T): T {
  if (!ok) throw NOT_PLAIN;
  return value;
}

const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isId = (v: unknown): v is string => isText(v, MAX_ID_LENGTH) && v.length > 0;
/** z.int() within 0..max; −0 is left to the schema */
const isCount = (v: unknown, max = MAX_MONTHLY_COUNT): v is number => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= max && !Object.is(v, -0);
/** the schema's sheet amounts: a decimal written out, or a number within ±SHEET_LIMIT */
const isSigned = (v: unknown): v is string | number =>
  typeof v === 'string' ? SHEET_DECIMAL.test(v) : typeof v === 'number' && v > -SHEET_LIMIT && v < SHEET_LIMIT && !Object.is(v, -0);
const isNonNegative = (v: unknown): v is string | number => isSigned(v) && (typeof v === 'number' ? v >= 0 : !isNegativeText(v));
const isPositive = (v: unknown): v is string | number => isSigned(v) && (typeof v === 'number' ? v > 0 : isPositiveText(v));

function readDeduction(d: unknown): Deduction {
  if (!isPlainObject(d)) throw NOT_PLAIN;
  let option: string | undefined;
  let amount: string | number | undefined;
  let reason = '';
  for (const key in d) {
    const value = d[key];
    if (key === 'amount') amount = must(isNonNegative(value), value as string | number);
    else if (key === 'option') option = must(isId(value), value as string);
    else if (key === 'reason') reason = must(isText(value, MAX_TEXT_LENGTH), value as string);
    else throw NOT_PLAIN;
  }
  if (amount === undefined) throw NOT_PLAIN;
  return option === undefined ? { amount, reason } : { option, amount, reason };
}

/** The entry's fields in the schema's order, which is the order its parse writes them in. */
const ENTRY_ORDER = ['count', 'deductions', 'level', 'amount', 'reason', 'points', 'breached', 'value', 'target', 'checked', 'passed', 'priorMonths', 'comment'] as const;
const RANK: Readonly<Record<string, number>> = Object.fromEntries(ENTRY_ORDER.map((key, n) => [key, n]));

function readEntry(entry: unknown): Entry {
  if (!isPlainObject(entry)) throw NOT_PLAIN;
  const out: Record<string, unknown> = {};
  let last = -1;
  let ordered = true;
  for (const key in entry) {
    const value = entry[key];
    let ok: boolean;
    switch (key) {
      case 'count': case 'checked': case 'passed': ok = isCount(value); break;
      case 'priorMonths': ok = isCount(value, MAX_PRIOR_MONTHS); break;
      case 'level': ok = isId(value); break;
      case 'reason': case 'comment': ok = isText(value, MAX_TEXT_LENGTH); break;
      case 'amount': case 'points': ok = isNonNegative(value); break;
      case 'value': ok = isSigned(value); break;
      case 'target': ok = isPositive(value); break;
      case 'breached': ok = typeof value === 'boolean'; break;
      case 'deductions': {
        if (!Array.isArray(value) || Object.getPrototypeOf(value) !== Array.prototype || value.length > MAX_MONTHLY_COUNT) throw NOT_PLAIN;
        const list: Deduction[] = [];
        for (let n = 0; n < value.length; n++) list.push(readDeduction(value[n]));
        out[key] = list;
        ok = true;
        break;
      }
      default: throw NOT_PLAIN;
    }
    if (!ok) throw NOT_PLAIN;
    if (key !== 'deductions') out[key] = value;
    const rank = RANK[key]!;
    if (rank < last) ordered = false;
    last = rank;
  }
  if (ordered) return out as Entry;
  const sorted: Record<string, unknown> = {};
  for (const key of ENTRY_ORDER) if (key in out) sorted[key] = out[key];
  return sorted as Entry;
}

function read(input: unknown): Sheet {
  if (!isPlainObject(input)) throw NOT_PLAIN;
  const sheet = {} as Sheet;
  let absentDays: string | number | undefined;
  for (const key in input) {
    const value = input[key];
    switch (key) {
      case 'rubric': sheet.rubric = must(isId(value), value as string); break;
      case 'period': sheet.period = must(typeof value === 'string' && PERIOD.test(value), value as string); break;
      case '$schema': sheet.$schema = must(isText(value, MAX_TEXT_LENGTH), value as string); break;
      case 'employee': sheet.employee = must(isText(value, MAX_ID_LENGTH), value as string); break;
      case 'rubricVersion': sheet.rubricVersion = must(Number.isSafeInteger(value) && (value as number) >= 1, value as number); break;
      case 'attendance':
        if (!isPlainObject(value)) throw NOT_PLAIN;
        for (const field in value) {
          if (field !== 'absentDays' || !isNonNegative(value[field])) throw NOT_PLAIN;
          absentDays = value[field] as string | number;
        }
        if (absentDays === undefined) throw NOT_PLAIN;
        sheet.attendance = { absentDays };
        break;
      case 'entries': {
        // The schema's record reads own enumerable keys, symbols too, and skips `__proto__`: those
        // cases are left to it (and to readSheet's check of unknown items).
        if (!isPlainObject(value) || Object.getOwnPropertySymbols(value).length > 0) throw NOT_PLAIN;
        const entries = Object.create(null) as Record<string, Entry>;
        for (const id in value) {
          if (id === '__proto__' || !Object.hasOwn(value, id)) throw NOT_PLAIN;
          entries[id] = readEntry(value[id]);
        }
        sheet.entries = entries;
        break;
      }
      default: throw NOT_PLAIN;
    }
  }
  if (sheet.rubric === undefined || sheet.period === undefined) throw NOT_PLAIN;
  // C-2: no one is absent more days than the period has (the schema's refinement, on the same digits)
  if (absentDays !== undefined && dec(absentDays).gt(daysInPeriod(sheet.period))) throw NOT_PLAIN;
  sheet.entries ??= Object.create(null) as Record<string, Entry>;
  return sheet;
}

/**
 * The sheet as `Sheet.parse` returns it (its entries in a null-prototype object, as readSheet
 * keeps them), when the input is plain data the schema accepts as it is; undefined otherwise.
 */
export function readPlainSheet(input: unknown): Sheet | undefined {
  try {
    return read(input);
  } catch (error) {
    if (error === NOT_PLAIN) return undefined;
    throw error;
  }
}
