import type { Problem } from '@kaohe/scoring';

/**
 * The CSV layout `kaohe batch` reads: one row per employee-month.
 *
 * | column                         | holds                                                            |
 * |--------------------------------|------------------------------------------------------------------|
 * | `employee`                     | the employee's ID                                                |
 * | `name`                         | the name, copied to the results as is (王小明)                   |
 * | `rubric`                       | a rubric preset ID (R-SP) or rubric file; may be blank with --rubric |
 * | `rubricVersion`                | optional: the rubric version the sheet was opened with           |
 * | `period`                       | the month, YYYY-MM                                               |
 * | `absentDays`                   | days absent (C-2), 0 for full attendance; blank = not given, refused where the monthly score uses attendance (C-1) |
 * | `<item>.<field>`               | one field of an item's entry: `SP-D1.count`, `FS-1.level`, `FS-1.amount`, `FS-1.reason`, `SP-W.breached`, `SP-Q.points`, `SP-K1.value`, `OCS-1.checked` … |
 * | `<item>.deductions`            | ranged deductions as JSON: `[{"option":"escalated","amount":"3","reason":"…"}]` |
 * | `pay.<input>`                  | a pay-plan input: `pay.T`, `pay.completionRate` (used with --plan) |
 * | `paySetting.<name or O-id>`    | a pay-plan setting: `paySetting.O-2` = `monthly`                  |
 *
 * A blank cell means "not given". Counts are whole numbers; `breached` is true/false (also
 * yes/no, 1/0, 是/否); amounts are decimals written as text ("2.5"), never rounded on the way in.
 * Rows are numbered as a spreadsheet shows them: the header is row 1, the first employee row 2.
 */
export const BASE_COLUMNS = ['employee', 'name', 'rubric', 'rubricVersion', 'period', 'absentDays'] as const;

const INTEGER_FIELDS = new Set(['count', 'checked', 'passed', 'priorMonths']);
const BOOLEAN_FIELDS = new Set(['breached']);
const JSON_FIELDS = new Set(['deductions']);
const TEXT_FIELDS = new Set(['level', 'amount', 'reason', 'points', 'value', 'target', 'comment']);
export const ENTRY_FIELDS: readonly string[] = [...INTEGER_FIELDS, ...BOOLEAN_FIELDS, ...JSON_FIELDS, ...TEXT_FIELDS];

const TRUE = new Set(['true', 'yes', 'y', '1', '是']);
const FALSE = new Set(['false', 'no', 'n', '0', '否']);

export type ColumnKind =
  | { kind: 'base'; name: (typeof BASE_COLUMNS)[number] }
  | { kind: 'entry'; item: string; field: string }
  | { kind: 'pay'; name: string }
  | { kind: 'paySetting'; name: string };

/** What a header names, or why it names nothing the layout knows. */
export function classifyColumn(header: string): ColumnKind | { kind: 'unknown'; message: string } {
  if ((BASE_COLUMNS as readonly string[]).includes(header)) return { kind: 'base', name: header as (typeof BASE_COLUMNS)[number] };
  if (header.startsWith('pay.')) return header.length > 4 ? { kind: 'pay', name: header.slice(4) } : { kind: 'unknown', message: 'a pay column names an input: pay.T' };
  if (header.startsWith('paySetting.')) return header.length > 11 ? { kind: 'paySetting', name: header.slice(11) } : { kind: 'unknown', message: 'a setting column names a setting: paySetting.O-2' };
  const dot = header.lastIndexOf('.');
  if (dot > 0) {
    const field = header.slice(dot + 1);
    if (ENTRY_FIELDS.includes(field)) return { kind: 'entry', item: header.slice(0, dot), field };
    return { kind: 'unknown', message: `"${field}" is not an entry field; an item column is <item>.<field> with field one of ${ENTRY_FIELDS.join(', ')}` };
  }
  return { kind: 'unknown', message: `not a column of the batch layout: use ${BASE_COLUMNS.join(', ')}, <item>.<field>, pay.<input> or paySetting.<setting>` };
}

/** One row turned into the records the engine reads, with the problems found on the way. */
export interface RowRecords {
  employee: string;
  name: string;
  /** the rubric column, blank when the row leaves it to --rubric */
  rubricRef: string;
  sheet: Record<string, unknown>;
  payValues: Record<string, string>;
  paySettings: Record<string, string>;
  /** problems converting cells, with the column as path */
  problems: Problem[];
}

export function rowRecords(cells: Readonly<Record<string, string | undefined>>, columns: ReadonlyMap<string, ColumnKind>): RowRecords {
  const problems: Problem[] = [];
  const entries: Record<string, Record<string, unknown>> = {};
  const sheet: Record<string, unknown> = {};
  const payValues: Record<string, string> = {};
  const paySettings: Record<string, string> = {};
  let employee = '';
  let name = '';
  let rubricRef = '';

  for (const [header, column] of columns) {
    const cell = (cells[header] ?? '').trim();
    if (cell === '') continue;
    switch (column.kind) {
      case 'base':
        if (column.name === 'employee') employee = sheet['employee'] = cell;
        else if (column.name === 'name') name = cell;
        else if (column.name === 'rubric') rubricRef = cell;
        else if (column.name === 'period') sheet['period'] = cell;
        else if (column.name === 'absentDays') sheet['attendance'] = { absentDays: cell };
        else sheet['rubricVersion'] = /^\d+$/.test(cell) ? Number(cell) : cell;
        break;
      case 'pay':
        payValues[column.name] = cell;
        break;
      case 'paySetting':
        paySettings[column.name] = cell;
        break;
      case 'entry': {
        const entry = (entries[column.item] ??= {});
        const value = readCell(cell, column.field);
        if (value.ok) entry[column.field] = value.value;
        else problems.push({ path: header, rule: value.rule, message: `${column.item}: ${value.message}` });
        break;
      }
    }
  }
  sheet['entries'] = entries;
  return { employee, name, rubricRef, sheet, payValues, paySettings, problems };
}

type CellValue = { ok: true; value: unknown } | { ok: false; rule: string; message: string };

function readCell(cell: string, field: string): CellValue {
  if (INTEGER_FIELDS.has(field)) {
    // Anything but a whole number goes through as text so the schema names the field and the rule.
    return { ok: true, value: /^\d+$/.test(cell) ? Number(cell) : cell };
  }
  if (BOOLEAN_FIELDS.has(field)) {
    const lower = cell.toLowerCase();
    if (TRUE.has(lower)) return { ok: true, value: true };
    if (FALSE.has(lower)) return { ok: true, value: false };
    return { ok: false, rule: 'boolean', message: `${field} must be true or false, not "${cell}"` };
  }
  if (JSON_FIELDS.has(field)) {
    try {
      return { ok: true, value: JSON.parse(cell) };
    } catch (error) {
      return { ok: false, rule: 'json', message: `${field} must be JSON such as [{"option":"…","amount":"3","reason":"…"}]: ${(error as Error).message}` };
    }
  }
  return { ok: true, value: cell };
}

/** The CSV column a sheet problem came from: `entries.FS-3.deductions[0].amount` → `FS-3.deductions`. */
export function sheetColumn(path: string): string {
  const entry = /^entries\.([^.[]+)(?:\.([A-Za-z]+))?/.exec(path);
  if (entry) return entry[2] ? `${entry[1]}.${entry[2]}` : `${entry[1]}.*`;
  if (path.startsWith('attendance')) return 'absentDays';
  return path;
}

/** The CSV column a pay problem came from: `values.T` → `pay.T`, `settings.O-2` → `paySetting.O-2`. */
export function payColumn(path: string): string {
  if (path.startsWith('values.')) return `pay.${path.slice(7)}`;
  if (path.startsWith('settings.')) return `paySetting.${path.slice(9)}`;
  return `pay plan ${path}`;
}
