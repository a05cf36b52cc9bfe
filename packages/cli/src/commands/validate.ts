import { formatProblems, validatePayPlan, validateRubric } from '@kaohe/scoring';
import { noExtraPositionals, parseCommandArgs, required } from '../args.ts';
import { CliError, nameItems, plural } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { readJson } from '../read-json.ts';

export const validateUsage = `Usage: kaohe validate <rubric.json | pay-plan.json> [--kind rubric|pay-plan]

Checks a rubric (or a pay plan) and lists every problem at once: its path, the rule it breaks
(O-1, C-4, a schema rule …) and why. Warnings are printed but do not fail.
The kind is read from the file (a pay plan has "lines", a rubric "sections") unless --kind says.

Exit codes: 0 valid · 1 invalid or unreadable · 2 wrong command line.
`;

/** `kaohe validate <file>`: exit 0 and a one-line summary, or exit 1 and every problem on stderr. */
export async function validateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { kind: { type: 'string' } });
  noExtraPositionals(positionals, 1);
  const file = required(positionals[0], 'the file to validate');
  const raw = await readJson(io, file, 'file');
  const kind = values.kind ?? guessKind(raw);
  if (kind !== 'rubric' && kind !== 'pay-plan') throw new CliError(`--kind must be rubric or pay-plan, not "${kind}"`, [], 2);

  const checked = kind === 'rubric' ? validateRubric(raw) : validatePayPlan(raw);
  if (!checked.ok) {
    const problems = nameItems(checked.problems, raw);
    io.stderr(`invalid: ${file} (${plural(problems.length, 'problem')})\n${formatProblems(problems)}\n`);
    return 1;
  }
  if (checked.warnings.length > 0) io.stderr(`${plural(checked.warnings.length, 'warning')}:\n${formatProblems(nameItems(checked.warnings, raw))}\n`);
  const value = checked.value;
  if ('sections' in value) {
    const items = value.sections.reduce((n, s) => n + s.items.length, 0);
    io.stdout(`valid: ${value.id} v${value.version}, ${plural(items, 'item')}\n`);
  } else {
    io.stdout(`valid: ${value.id} v${value.version} pay plan, ${plural(value.lines.length, 'line')}\n`);
  }
  return 0;
}

function guessKind(raw: unknown): string {
  const record = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  return 'lines' in record && !('sections' in record) ? 'pay-plan' : 'rubric';
}
