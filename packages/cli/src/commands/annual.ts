import { annualScore, KaoheInputError, Period, type Problem } from '@kaohe/scoring';
import { noExtraPositionals, parseCommandArgs, required } from '../args.ts';
import { CliError, UsageError, plural } from '../errors.ts';
import { json } from '../format.ts';
import type { CliIo } from '../io.ts';
import { readJson } from '../read-json.ts';

export const annualUsage = `Usage: kaohe annual <months.json> [--divisor twelve|appraised]

The annual score 年度考核得分 (C-3): the sum of the monthly scores divided by 12 — or, for someone
appraised fewer than 12 months (new hire, leave), by the months appraised (O-6). The file:
{ "employee"?, "year"?, "months": [{ "period": "2025-01", "monthly": "88.5" }, …], "divisor"? }.
--divisor overrides the file; the default is twelve, the rule as written.

Exit codes: 0 computed · 1 bad input · 2 wrong command line.
`;

export type Divisor = 'twelve' | 'appraised';

export interface AnnualResult {
  employee?: string;
  year?: number;
  divisor: Divisor;
  /** how many months were appraised */
  months: number;
  annual: string;
}

export async function annualCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { divisor: { type: 'string' } });
  noExtraPositionals(positionals, 1);
  const file = required(positionals[0], 'the months file');
  if (values.divisor !== undefined && values.divisor !== 'twelve' && values.divisor !== 'appraised') {
    throw new UsageError(`--divisor must be twelve or appraised (O-6), not "${values.divisor}"`);
  }
  const raw = await readJson(io, file, 'months file');
  io.stdout(json(computeAnnual(raw, values.divisor, file)));
  return 0;
}

/** Checks the months file by hand: the CLI does not carry zod, and the shape is small. */
export function computeAnnual(raw: unknown, divisorOption: Divisor | undefined, file = 'the months file'): AnnualResult {
  const problems: Problem[] = [];
  const add = (path: string, rule: string, message: string) => problems.push({ path, rule, message });
  const record = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
  if (!record) throw new CliError(`${file} must be a JSON object with "months"`, [{ path: '', rule: 'type', message: 'expected an object' }]);

  const employee = record['employee'];
  if (employee !== undefined && typeof employee !== 'string') add('employee', 'type', 'employee must be a string');
  const year = record['year'];
  if (year !== undefined && !(typeof year === 'number' && Number.isInteger(year))) add('year', 'type', 'year must be a whole number such as 2025');
  const divisor = divisorOption ?? record['divisor'] ?? 'twelve';
  if (divisor !== 'twelve' && divisor !== 'appraised') add('divisor', 'O-6', `divisor must be "twelve" or "appraised", not ${JSON.stringify(divisor)}`);

  const months = record['months'];
  const scores: string[] = [];
  if (!Array.isArray(months)) {
    add('months', 'required', 'months must be a list of { "period", "monthly" }');
  } else {
    const seen = new Map<string, number>();
    months.forEach((month: unknown, n) => {
      const path = `months[${n}]`;
      const m = month !== null && typeof month === 'object' ? (month as Record<string, unknown>) : {};
      const period = m['period'];
      if (typeof period !== 'string' || !Period.safeParse(period).success) {
        add(`${path}.period`, 'period', 'period must be a month as YYYY-MM');
      } else {
        if (typeof year === 'number' && !period.startsWith(`${year}-`)) add(`${path}.period`, 'C-3', `${period} is not in ${year}`);
        const first = seen.get(period);
        if (first !== undefined) add(`${path}.period`, 'unique-period', `${period} is already given at months[${first}]`);
        else seen.set(period, n);
      }
      const monthly = m['monthly'];
      if (typeof monthly === 'number' && Number.isFinite(monthly)) scores.push(String(monthly));
      else if (typeof monthly === 'string' && /^\d+(\.\d+)?$/.test(monthly.trim())) scores.push(monthly.trim());
      else add(`${path}.monthly`, 'type', 'monthly must be a score such as "88.5"');
    });
    // A whole year in one file: months from two years would be summed into one annual score.
    const years = new Set([...seen.keys()].map((p) => p.slice(0, 4)));
    if (year === undefined && years.size > 1) add('months', 'C-3', `the months span ${[...years].join(' and ')}: one year per file`);
  }
  if (problems.length > 0) throw new CliError(`${file} is invalid (${plural(problems.length, 'problem')})`, problems);

  let annual: string;
  try {
    annual = annualScore(scores, { divisor: divisor as Divisor });
  } catch (error) {
    if (error instanceof KaoheInputError) throw new CliError(`${file} is invalid (${plural(error.problems.length, 'problem')})`, error.problems);
    throw error;
  }
  return {
    ...(typeof employee === 'string' ? { employee } : {}),
    ...(typeof year === 'number' ? { year } : {}),
    divisor: divisor as Divisor,
    months: scores.length,
    annual,
  };
}
