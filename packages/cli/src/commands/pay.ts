import { computePay, KaoheInputError, type PayInput, type Payslip, type ScoreResult } from '@kaohe/scoring';
import { noExtraPositionals, parseCommandArgs, readFormat, readLocale, required } from '../args.ts';
import { CliError, plural } from '../errors.ts';
import { json, payslipText } from '../format.ts';
import type { CliIo } from '../io.ts';
import { withScores } from '../pay-inputs.ts';
import { resolvePayPlan } from '../presets.ts';
import { readJson } from '../read-json.ts';
import { scoreFile } from './score.ts';

export const payUsage = `Usage: kaohe pay --plan <preset id | plan.json> --input <input.json> [--sheet <sheet.json>] [--format json|text] [--locale …]

Computes a payslip and prints it as JSON: each line with its label, formula, the inputs it read
and its amount, then the total — amounts as strings with two decimals, rounded half-up (O-7).
The input file: { "employee"?, "period"?, "values": { "T": "8000", "completionRate": "0.9", … },
"settings"?: { "O-2": "monthly" } } and, instead of --plan, a "plan" naming the preset.
--sheet scores a sheet first and supplies workScore, monthlyScore and score where the plan reads them.

Exit codes: 0 computed · 1 bad input (every problem listed) · 2 wrong command line.
`;

export async function payCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    plan: { type: 'string' },
    input: { type: 'string' },
    sheet: { type: 'string' },
    rubric: { type: 'string' },
    format: { type: 'string' },
    locale: { type: 'string' },
  });
  noExtraPositionals(positionals, values.input ? 0 : 1);
  const format = readFormat(values.format);
  const locale = readLocale(values.locale);
  const inputFile = required(values.input ?? positionals[0], '--input');
  const score = values.sheet ? await scoreFile(io, values.sheet, values.rubric) : undefined;
  const payslip = await payFile(io, inputFile, { plan: values.plan, score });
  io.stdout(format === 'json' ? json(payslip) : payslipText(payslip, locale));
  return 0;
}

export interface PayFileOptions {
  /** --plan: wins over a "plan" in the file */
  plan?: string | undefined;
  /** used when neither --plan nor the file names a plan (the demo reads it from the file name) */
  fallbackPlan?: string | undefined;
  /** scores that supply workScore, monthlyScore and score where the input leaves them out */
  score?: ScoreResult | undefined;
}

export async function payFile(io: CliIo, inputFile: string, options: PayFileOptions = {}): Promise<Payslip> {
  const planRef = options.plan;
  const raw = await readJson(io, inputFile, 'pay input');
  const record = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
  if (!record) throw new CliError(`the pay input ${inputFile} must be a JSON object with "values"`, [{ path: '', rule: 'type', message: 'expected an object' }]);
  const named = typeof record['plan'] === 'string' ? record['plan'] : undefined;
  const ref = planRef ?? named ?? options.fallbackPlan;
  if (ref === undefined) throw new CliError(`the pay input ${inputFile} names no plan: give --plan <preset id | plan.json>`, [{ path: 'plan', rule: 'required', message: 'no pay plan given' }]);
  const { value: plan } = await resolvePayPlan(io, ref, planRef ? '--plan' : `${inputFile}: plan`);
  const { plan: _plan, ...input } = record;
  try {
    return computePay(plan, withScores(plan, input as PayInput, options.score));
  } catch (error) {
    if (error instanceof KaoheInputError) throw new CliError(`the pay input ${inputFile} does not fit ${plan.id} (${plural(error.problems.length, 'problem')})`, error.problems);
    throw error;
  }
}
