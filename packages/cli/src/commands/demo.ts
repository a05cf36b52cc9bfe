import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flagsCell, formatProblem } from '@kaohe/scoring';
import { payPlanPresets } from '@kaohe/scoring/presets';
import { noExtraPositionals, parseCommandArgs, readLocale } from '../args.ts';
import { CliError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { renderTable } from '../table.ts';
import { payFile } from './pay.ts';
import { scoreFile } from './score.ts';

export const demoUsage = `Usage: kaohe demo [--locale zh-Hant|zh-Hans|en] [--examples <dir>]

Scores every example sheet (examples/sheets/*.json) against its preset rubric and computes every
example payslip (examples/pay/*.json, the plan read from "plan" or the file name: p1-… is P-1),
and prints a summary of each. The first thing to run.

Exit codes: 0 all examples ran · 1 an example failed (shown in its row).
`;

/** The examples shipped beside the package, wherever the command is run from. */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../examples/', import.meta.url));

export async function demoCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { locale: { type: 'string' }, examples: { type: 'string' } });
  noExtraPositionals(positionals, 0);
  const locale = readLocale(values.locale);
  const dir = values.examples ?? EXAMPLES_DIR;
  const sheets = await jsonFiles(io, join(dir, 'sheets'));
  const pays = await jsonFiles(io, join(dir, 'pay'));
  let failed = 0;

  const scoreRows: string[][] = [];
  for (const file of sheets) {
    try {
      const r = await scoreFile(io, file);
      scoreRows.push([r.employee ?? basename(file), `${r.rubric.id} v${r.rubric.version}`, r.period, r.work, r.attendance ?? '—', r.monthly, flagsCell(r.flags, locale) || (r.complete ? '' : `not scored: ${r.missing.join(' ')}`)]);
    } catch (error) {
      failed += 1;
      scoreRows.push([basename(file), '', '', '', '', '', `ERROR ${failure(error)}`]);
    }
  }

  const payRows: string[][] = [];
  const payLines: string[] = [];
  for (const file of pays) {
    const plan = planFromName(file);
    try {
      const p = await payFile(io, file, { fallbackPlan: plan });
      payRows.push([p.employee ?? basename(file), `${p.plan.id} v${p.plan.version}`, p.period ?? '', `${p.total} ${p.currency}`, flagsCell(p.flags, locale)]);
      payLines.push(`  ${p.employee ?? basename(file)} (${p.plan.id}): ${p.lines.map((l) => `${l.label[locale]} ${l.amount}`).join(' + ')} = ${p.total}`);
    } catch (error) {
      failed += 1;
      payRows.push([basename(file), plan ?? '', '', '', `ERROR ${failure(error)}`]);
    }
  }

  io.stdout(`Kaohe 考核 — the example sheets, scored\n\n`);
  io.stdout(sheets.length === 0 ? `(no example sheets in ${join(dir, 'sheets')})\n` : renderTable(
    [{ header: 'employee' }, { header: 'rubric' }, { header: 'period' }, { header: 'work', align: 'right' }, { header: 'attendance', align: 'right' }, { header: 'monthly', align: 'right' }, { header: 'flags' }],
    scoreRows,
  ));
  io.stdout('  work = daily-work score; monthly = work × 70% + attendance × 30% (C-1, C-2) or the weighted KPI score (C-4)\n\n');
  io.stdout(`The example payslips\n\n`);
  io.stdout(pays.length === 0 ? `(no example pay inputs in ${join(dir, 'pay')})\n` : renderTable(
    [{ header: 'employee' }, { header: 'plan' }, { header: 'period' }, { header: 'total', align: 'right' }, { header: 'flags' }],
    payRows,
  ));
  if (payLines.length > 0) io.stdout(`${payLines.join('\n')}\n`);
  const shown = (path: string) => relative(io.cwd, path) || '.';
  io.stdout(`
Next: kaohe score --sheet ${shown(sheets[0] ?? join(dir, 'sheets', 'sheet.json'))} --format text
      kaohe batch --input ${shown(join(dir, 'batch', 'sales-staff.csv'))} --plan P-1
      kaohe --help
`);
  if (failed > 0) io.stderr(`kaohe demo: ${failed} example${failed === 1 ? '' : 's'} failed\n`);
  return failed > 0 ? 1 : 0;
}

async function jsonFiles(io: CliIo, dir: string): Promise<string[]> {
  try {
    return (await io.readDir(dir)).filter((f) => f.endsWith('.json')).map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/** p1-wang.json → P-1, when P-1 is a preset; a "plan" in the file wins (payFile reads it). */
function planFromName(file: string): string | undefined {
  const match = /^p-?(\d+)[-_.]/i.exec(basename(file));
  const id = match ? `P-${match[1]}` : undefined;
  return id && Object.hasOwn(payPlanPresets, id) ? id : undefined;
}

function failure(error: unknown): string {
  if (error instanceof CliError) return [error.message, ...error.problems.slice(0, 3).map(formatProblem)].join(' · ');
  return error instanceof Error ? error.message : String(error);
}
