import Papa from 'papaparse';
import { computePay, KaoheInputError, payrollCsv, scoreSheet, type Locale, type PayInput, type Payslip, type Problem, type Rubric, type ScoreResult } from '@kaohe/scoring';
import { noExtraPositionals, parseCommandArgs, readLocale, required } from '../args.ts';
import { classifyColumn, payColumn, rowRecords, sheetColumn, type ColumnKind } from '../batch-layout.ts';
import { CliError, plural } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { SCORE_INPUTS, withScores } from '../pay-inputs.ts';
import { resolvePayPlan, resolveRubric } from '../presets.ts';
import { parseJson, readText } from '../read-json.ts';

export const batchUsage = `Usage: kaohe batch --input <sheets.csv | sheets.json> [--rubric <preset | file>] [--plan <preset | file>] [--out <results.csv>] [--locale …]

Scores many sheets (and, with --plan, computes their pay) into one CSV of results, UTF-8 with a
byte-order mark so Excel shows Chinese text correctly. Every row is checked first: if any row is
bad, each problem is listed with its row number, item and rule, nothing is written, and the exit
code is 1.

CSV input: one row per employee-month; the header is row 1.
  employee, name, rubric, rubricVersion, period, absentDays   the sheet (rubric may be blank with --rubric)
  <item>.<field>        an entry field: SP-D1.count, FS-1.level, FS-1.amount, FS-1.reason,
                        SP-W.breached (true/false), SP-Q.points, SP-K1.value, OCS-1.checked …
  <item>.deductions     ranged deductions as JSON: [{"option":"escalated","amount":"3","reason":"…"}]
  pay.<input>           a pay input: pay.T, pay.completionRate (with --plan)
  paySetting.<setting>  a pay setting: paySetting.O-2 = monthly
  A blank cell means "not given". workScore, monthlyScore and score come from the sheet's scores
  unless a pay column gives them.
JSON input: [{ "sheet": { …a sheet… }, "name"?: "王小明", "payInput"?: { "values": {…}, "settings"?: {…} } }, …]

Output columns: employee, name, rubric, period, work, attendance, monthly, flags, missing
(items not yet scored), and with --plan one pay.<line> column per payslip line, pay.total, pay.flags.
A text cell starting with = + - @, a tab or a carriage return is written with a leading ' so a
spreadsheet shows it and runs nothing; scores and amounts stay numbers.
Without --out the CSV goes to stdout.

Exit codes: 0 written · 1 a bad row or input (nothing written) · 2 wrong command line.
`;

export interface BatchOptions {
  input: string;
  rubric?: string | undefined;
  plan?: string | undefined;
  locale?: Locale;
}

/** One employee-month of the input, whichever format it came in. */
interface BatchRecord {
  /** "row 3" (CSV, as a spreadsheet numbers it) or "row 1 ([0])" (JSON) */
  where: string;
  employee: string;
  name: string;
  /** the rubric the row names; blank to use --rubric */
  rubricRef: string;
  sheet: Record<string, unknown>;
  payInput: PayInput;
  /** problems found reading the row */
  problems: Problem[];
  sheetPath: (path: string) => string;
  payPath: (path: string) => string;
}

export interface BatchRow {
  employee: string;
  name: string;
  score: ScoreResult;
  payslip?: Payslip;
}

export interface BatchResult {
  header: string[];
  rows: BatchRow[];
  csv: string;
  warnings: string[];
}

export async function batchCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    input: { type: 'string' },
    rubric: { type: 'string' },
    plan: { type: 'string' },
    out: { type: 'string' },
    locale: { type: 'string' },
  });
  noExtraPositionals(positionals, values.input ? 0 : 1);
  const input = required(values.input ?? positionals[0], '--input');
  const result = await runBatch(io, { input, rubric: values.rubric, plan: values.plan, locale: readLocale(values.locale) });
  for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
  if (values.out !== undefined) {
    await io.writeFile(values.out, result.csv);
    io.stderr(`wrote ${plural(result.rows.length, 'row')} to ${values.out}\n`);
  } else {
    io.stdout(result.csv);
  }
  return 0;
}

/**
 * Reads, scores and prices every row before anything is written; throws a CliError listing every
 * bad row's problems, so a payroll run never gets a half file.
 */
export async function runBatch(io: CliIo, options: BatchOptions): Promise<BatchResult> {
  const locale = options.locale ?? 'zh-Hant';
  const text = await readText(io, options.input, 'batch input');
  const { records, problems, warnings } = /\.json$/i.test(options.input) ? readJsonRecords(text, options.input) : readCsvRecords(text);
  const fixedRubric = options.rubric !== undefined ? (await resolveRubric(io, options.rubric)).value : undefined;
  const plan = options.plan !== undefined ? (await resolvePayPlan(io, options.plan)).value : undefined;
  if (!plan && records.some((r) => Object.keys(r.payInput.values ?? {}).length > 0 || Object.keys(r.payInput.settings ?? {}).length > 0)) {
    warnings.push('the input has pay values but no --plan was given: pay is not computed');
  }

  const rubrics = new Map<string, Promise<Rubric | CliError>>();
  const rubricFor = (ref: string) => {
    let found = rubrics.get(ref);
    if (!found) {
      found = resolveRubric(io, ref, 'rubric').then((r) => r.value, (error: unknown) => {
        if (error instanceof CliError) return error;
        throw error;
      });
      rubrics.set(ref, found);
    }
    return found;
  };

  const rows: BatchRow[] = [];
  const firstRowOf = new Map<string, string>();
  for (const record of records) {
    const rowProblems = [...record.problems];
    const add = (column: string, problem: Pick<Problem, 'rule' | 'message'>) => rowProblems.push({ rule: problem.rule, message: problem.message, path: column });
    // Schema messages ("expected number, received string") don't say which item they are about.
    const addSheetProblem = (problem: Problem) => {
      const item = /^entries\.([^.[]+)/.exec(problem.path)?.[1];
      const message = item && !problem.message.includes(item) ? `${item}: ${problem.message}` : problem.message;
      add(record.sheetPath(problem.path), { rule: problem.rule, message });
    };
    let rubric = fixedRubric;
    const sheet = { ...record.sheet };
    if (!rubric) {
      if (record.rubricRef === '') {
        add(record.sheetPath('rubric'), { rule: 'required', message: 'no rubric: fill the rubric column or give --rubric' });
      } else {
        const found = await rubricFor(record.rubricRef);
        if (found instanceof CliError) add(record.sheetPath('rubric'), { rule: found.problems[0]?.rule ?? 'rubric', message: found.message });
        else rubric = found;
      }
    }
    // One payslip per person and month: a row given twice would be paid twice.
    const period = typeof sheet['period'] === 'string' ? sheet['period'] : '';
    if (record.employee && period) {
      const key = `${record.employee}\u0000${period}`;
      const first = firstRowOf.get(key);
      if (first) add(record.sheetPath('employee'), { rule: 'duplicate', message: `${record.employee} ${period} is already in ${first}` });
      else firstRowOf.set(key, record.where);
    }
    if (rubric) sheet['rubric'] = fixedRubric && record.rubricRef !== '' ? record.rubricRef : rubric.id;

    let score: ScoreResult | undefined;
    if (rubric) {
      try {
        score = scoreSheet(rubric, sheet as Parameters<typeof scoreSheet>[1]);
      } catch (error) {
        if (!(error instanceof KaoheInputError)) throw error;
        for (const p of error.problems) addSheetProblem(p);
      }
    }
    let payslip: Payslip | undefined;
    if (plan) {
      try {
        payslip = computePay(plan, withScores(plan, record.payInput, score));
      } catch (error) {
        if (!(error instanceof KaoheInputError)) throw error;
        // Without a score the pay inputs a score supplies are missing; the sheet's problems say why.
        const fromScore = (path: string) => !score && path.startsWith('values.') && Object.hasOwn(SCORE_INPUTS, path.slice(7));
        for (const p of error.problems) if (!fromScore(p.path)) add(record.payPath(p.path), p);
      }
    }
    const who = [record.employee, record.name].filter(Boolean).join(' ');
    const label = `${record.where}${who ? ` (${who})` : ''}`;
    problems.push(...rowProblems.map((p) => ({ ...p, path: `${label}, ${p.path}` })));
    if (score && (!plan || payslip)) {
      rows.push({ employee: record.employee || score.employee || '', name: record.name, score, ...(payslip ? { payslip } : {}) });
      if (!score.complete) warnings.push(`${label}: not yet scored: ${score.missing.join(', ')} (counted as 0)`);
    }
  }

  if (problems.length > 0) {
    const bad = new Set(problems.map((p) => p.path.split(',')[0])).size;
    throw new CliError(`${plural(bad, 'row')} of ${options.input} ${bad === 1 ? 'is' : 'are'} bad (${plural(problems.length, 'problem')}); nothing was written`, problems);
  }
  if (records.length === 0) throw new CliError(`${options.input} has no rows`, [{ path: options.input, rule: 'empty', message: 'no rows to score' }]);

  // The same table the elements' payroll export writes (PublishedResult → payrollCsv), so a batch
  // run and an export of the same data agree by construction.
  const { header, csv } = await payrollCsv(
    rows.map((row) => ({ employee: row.employee, name: row.name, score: row.score, ...(row.payslip ? { payslip: row.payslip } : {}) })),
    { locale, ...(plan ? { plans: [plan] } : {}), department: false },
  );
  return { header, rows, csv, warnings };
}

function readCsvRecords(text: string): { records: BatchRecord[]; problems: Problem[]; warnings: string[] } {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: false, transformHeader: (h) => h.trim() });
  const problems: Problem[] = [];
  const fields = parsed.meta.fields ?? [];
  const columns = new Map<string, ColumnKind>();
  const seen = new Set<string>();
  const renamed = (parsed.meta as { renamedHeaders?: Record<string, string> }).renamedHeaders ?? {};
  for (const [renamedAs, original] of Object.entries(renamed)) {
    problems.push({ path: `row 1, column ${original}`, rule: 'column', message: `column "${original}" appears more than once (the second read as "${renamedAs}")` });
    seen.add(renamedAs);
  }
  for (const field of fields) {
    if (field === '' || seen.has(field)) continue;
    const column = classifyColumn(field);
    if (column.kind === 'unknown') problems.push({ path: `row 1, column ${field}`, rule: 'column', message: column.message });
    else columns.set(field, column);
  }
  if (!fields.includes('period')) problems.push({ path: 'row 1', rule: 'column', message: 'the header has no "period" column' });

  const blank = (row: Record<string, unknown>) => Object.values(row).every((v) => v === undefined || v === null || String(v).trim() === '');
  const blankRows = new Set(parsed.data.flatMap((row, n) => (blank(row) ? [n] : [])));
  for (const error of parsed.errors) {
    if (error.row !== undefined && blankRows.has(error.row)) continue;
    problems.push({ path: error.row !== undefined ? `row ${error.row + 2}` : 'file', rule: `csv-${error.code}`, message: error.message });
  }
  const records = parsed.data.flatMap((cells, n): BatchRecord[] => {
    if (blankRows.has(n)) return [];
    const row = rowRecords(cells, columns);
    return [{
      where: `row ${n + 2}`,
      employee: row.employee,
      name: row.name,
      rubricRef: row.rubricRef,
      sheet: row.sheet,
      payInput: {
        ...(row.employee ? { employee: row.employee } : {}),
        values: row.payValues,
        ...(Object.keys(row.paySettings).length > 0 ? { settings: row.paySettings } : {}),
      },
      problems: row.problems,
      sheetPath: sheetColumn,
      payPath: payColumn,
    }];
  });
  return { records, problems, warnings: [] };
}

function readJsonRecords(text: string, file: string): { records: BatchRecord[]; problems: Problem[]; warnings: string[] } {
  const raw = parseJson(text, `batch input ${file}`);
  if (!Array.isArray(raw)) throw new CliError(`${file} must hold a JSON array of { "sheet", "payInput"? }`, [{ path: '', rule: 'type', message: 'expected an array' }]);
  const problems: Problem[] = [];
  const records = raw.flatMap((item: unknown, n): BatchRecord[] => {
    const where = `row ${n + 1} ([${n}])`;
    const record = isObject(item) ? item : undefined;
    const sheet = record && isObject(record['sheet']) ? record['sheet'] : undefined;
    if (!record || !sheet) {
      problems.push({ path: `${where}, sheet`, rule: 'required', message: 'each row is an object with a "sheet"' });
      return [];
    }
    const payInput = record['payInput'];
    if (payInput !== undefined && !isObject(payInput)) problems.push({ path: `${where}, payInput`, rule: 'type', message: 'payInput must be an object with "values"' });
    const employee = typeof sheet['employee'] === 'string' ? sheet['employee'] : '';
    return [{
      where,
      employee,
      name: typeof record['name'] === 'string' ? record['name'] : '',
      rubricRef: typeof sheet['rubric'] === 'string' ? sheet['rubric'] : '',
      sheet,
      payInput: isObject(payInput) ? (payInput as PayInput) : {},
      problems: [],
      sheetPath: (path) => `sheet.${path}`,
      payPath: (path) => (path.startsWith('values') || path.startsWith('settings') ? `payInput.${path}` : `pay plan ${path}`),
    }];
  });
  return { records, problems, warnings: [] };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
