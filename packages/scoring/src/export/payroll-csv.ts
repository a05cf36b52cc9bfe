import type { Locale } from '../schema.ts';
import type { Flag, ScoreResult } from '../result.ts';
import type { Payslip } from '../pay/pay.ts';

/** One employee-month as published: the scores and, where a pay plan applies, the payslip. */
export interface PublishedResult {
  employee: string;
  name?: string;
  department?: string;
  /** the rubric id as the source names it; default: the scored rubric's id */
  rubric?: string;
  /** YYYY-MM; default: the scored period */
  period?: string;
  score: ScoreResult;
  payslip?: Payslip;
}

/** The plan lines that become columns: a plan, several plans, or just the lines' ids. */
export type PayrollPlanLines = { lines: ReadonlyArray<{ id: string }> };

export interface PayrollOptions {
  /** the language of the flags column */
  locale: Locale;
  /**
   * The plans whose lines become `pay.<line>` columns, in their order. Give them so a line no one
   * earned this month (a P-2 deduction) still has its column; without them the columns are the
   * lines found on the payslips.
   */
  plans?: ReadonlyArray<PayrollPlanLines>;
  /** add a department column after the name; default: when any result names a department */
  department?: boolean;
}

/**
 * What a column holds: `number` for the decimal strings the engine writes (scores, amounts such as
 * "-330.00"), `text` for everything a person or a rubric author typed (ids, names, departments,
 * flags, item ids).
 */
export type PayrollColumnKind = 'text' | 'number';

export interface PayrollTable {
  header: string[];
  /** one per header column */
  kinds: PayrollColumnKind[];
  rows: string[][];
}

export interface PayrollCsv extends PayrollTable {
  /** UTF-8 text with a byte-order mark and CRLF line ends */
  csv: string;
}

export const PAYROLL_SCORE_COLUMNS = ['employee', 'name', 'rubric', 'period', 'work', 'attendance', 'monthly', 'flags', 'missing'] as const;
const SCORE_COLUMN_KINDS: Record<(typeof PAYROLL_SCORE_COLUMNS)[number], PayrollColumnKind> = {
  employee: 'text', name: 'text', rubric: 'text', period: 'text',
  work: 'number', attendance: 'number', monthly: 'number', flags: 'text', missing: 'text',
};

/** Flags in one cell: "FS-10 調離崗位; FS-3 下崗". */
export function flagsCell(flags: readonly Flag[], locale: Locale): string {
  return flags.map((f) => `${f.source} ${f.label[locale]}`).join('; ');
}

/**
 * The payroll table: `employee, name, [department,] rubric, period, work, attendance, monthly,
 * flags, missing`, then — when any result has a payslip or plans are given — one `pay.<line>`
 * column per plan line, `pay.total` and `pay.flags`. Scores and amounts stay the decimal strings
 * the engine produced; a line whose condition was false is blank, not 0.00.
 * `kaohe batch` writes exactly this table, so an export and a batch run of the same data agree.
 */
export function payrollTable(results: readonly PublishedResult[], options: PayrollOptions): PayrollTable {
  const { locale } = options;
  const withDepartment = options.department ?? results.some((r) => r.department !== undefined && r.department !== '');
  const lineIds: string[] = [];
  const addLine = (id: string) => {
    if (!lineIds.includes(id)) lineIds.push(id);
  };
  for (const plan of options.plans ?? []) plan.lines.forEach((line) => addLine(line.id));
  if (!options.plans) for (const r of results) r.payslip?.lines.forEach((line) => addLine(line.id));
  const withPay = options.plans !== undefined || results.some((r) => r.payslip !== undefined);

  const header: string[] = [...PAYROLL_SCORE_COLUMNS];
  if (withDepartment) header.splice(2, 0, 'department');
  if (withPay) header.push(...lineIds.map((id) => `pay.${id}`), 'pay.total', 'pay.flags');
  const kinds = PAYROLL_SCORE_COLUMNS.map((column) => SCORE_COLUMN_KINDS[column]);
  if (withDepartment) kinds.splice(2, 0, 'text');
  if (withPay) kinds.push(...lineIds.map((): PayrollColumnKind => 'number'), 'number', 'text');

  const rows = results.map((r) => {
    const cells = [r.employee, r.name ?? ''];
    if (withDepartment) cells.push(r.department ?? '');
    cells.push(r.rubric ?? r.score.rubric.id, r.period ?? r.score.period, r.score.work, r.score.attendance ?? '', r.score.monthly, flagsCell(r.score.flags, locale), r.score.missing.join(' '));
    if (withPay) {
      const amounts = new Map((r.payslip?.lines ?? []).map((line) => [line.id, line.amount]));
      cells.push(...lineIds.map((id) => amounts.get(id) ?? ''), r.payslip?.total ?? '', r.payslip ? flagsCell(r.payslip.flags, locale) : '');
    }
    return cells;
  });
  return { header, kinds, rows };
}

// papaparse is CommonJS. Loading it only when a CSV is written keeps @kaohe/scoring importable as
// native ES modules in a browser (nothing else in the package needs it) and its main entry light.
async function papa(): Promise<typeof import('papaparse')> {
  const module = await import('papaparse');
  return (module as { default?: typeof import('papaparse') }).default ?? module;
}

// CSV injection (OWASP): a spreadsheet runs a cell that starts with = + - @ as a formula
// (`=HYPERLINK(…)`, `@SUM(A1)`, DDE), and a leading tab or carriage return is trimmed before it looks.
const FORMULA_START = /^[=+\-@\t\r]/;
// One `'` already neutralised the cell; a text that itself starts with quotes before a formula
// character gets one more, so parsePayrollCsv can always take exactly one off.
const NEUTRALISED = /^'+[=+\-@\t\r]/;
/** A decimal as the engine writes it: a spreadsheet reads "-330.00" as a number and runs nothing. */
const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/**
 * A cell as the payroll CSV writes it, inert in Excel, LibreOffice and Numbers: a text that would
 * start a formula gets a leading `'` (OWASP's advice; the sheet shows the text, never runs it),
 * while a number column's decimal, negative amounts included, stays a number. A number column
 * holding anything but a decimal is treated as text.
 */
export function inertCsvCell(value: string, kind: PayrollColumnKind): string {
  if (kind === 'number' && DECIMAL.test(value)) return value;
  return FORMULA_START.test(value) || NEUTRALISED.test(value) ? `'${value}` : value;
}

/**
 * The table as CSV text: UTF-8 with a byte-order mark (so Excel shows 王小明, not mojibake) and
 * CRLF line ends, every cell through inertCsvCell. A neutralised cell is also quoted, as OWASP
 * and papaparse's own `escapeFormulae` do (papaparse's option cannot tell a number column from a
 * text one: it would turn "-330.00" into text).
 */
export async function csvText(table: PayrollTable): Promise<string> {
  const Papa = await papa();
  const fields = table.header.map((cell) => inertCsvCell(cell, 'text'));
  const data = table.rows.map((row) => row.map((cell, column) => inertCsvCell(cell, table.kinds[column] ?? 'text')));
  const quoted = (value: unknown) => typeof value === 'string' && NEUTRALISED.test(value);
  return `\uFEFF${Papa.unparse({ fields, data }, { newline: '\r\n', quotes: quoted })}\r\n`;
}

/** The payroll table of `results` and its CSV text. */
export async function payrollCsv(results: readonly PublishedResult[], options: PayrollOptions): Promise<PayrollCsv> {
  const table = payrollTable(results, options);
  return { ...table, csv: await csvText(table) };
}

/**
 * Reads a payroll CSV back (byte-order mark and all) into rows keyed by header, each cell as it
 * was before inertCsvCell: the `'` it put before a formula character comes off again.
 */
export async function parsePayrollCsv(text: string): Promise<{ header: string[]; rows: Array<Record<string, string>> }> {
  const Papa = await papa();
  const restore = (cell: string) => (NEUTRALISED.test(cell) ? cell.slice(1) : cell);
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true, skipEmptyLines: true, transformHeader: restore, transform: restore,
  });
  if (parsed.errors.length > 0) throw new SyntaxError(`not a payroll CSV: ${parsed.errors.map((e) => e.message).join('; ')}`);
  return { header: parsed.meta.fields ?? [], rows: parsed.data };
}
