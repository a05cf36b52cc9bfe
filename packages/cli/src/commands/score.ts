import { KaoheInputError, scoreSheet, type ScoreResult } from '@kaohe/scoring';
import { noExtraPositionals, parseCommandArgs, readFormat, readLocale, required } from '../args.ts';
import { CliError, plural } from '../errors.ts';
import { json, scoreText } from '../format.ts';
import type { CliIo } from '../io.ts';
import { resolveRubric } from '../presets.ts';
import { readJson } from '../read-json.ts';

export const scoreUsage = `Usage: kaohe score --sheet <sheet.json> [--rubric <preset id | rubric.json>] [--format json|text] [--locale zh-Hant|zh-Hans|en]

Scores one sheet against its rubric and prints the result as JSON: work, attendance, monthly
(C-1/C-2), every section and item with its score, deductions and notes, and the flags raised.
Decimals are strings ("92.50"). Without --rubric, the preset named by the sheet's "rubric" is used.
--format text prints a readable table instead.

Exit codes: 0 scored · 1 bad input (every problem listed, naming the item and rule) · 2 wrong command line.
`;

export async function scoreCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    sheet: { type: 'string' },
    rubric: { type: 'string' },
    format: { type: 'string' },
    locale: { type: 'string' },
  });
  noExtraPositionals(positionals, values.sheet ? 0 : 1);
  const format = readFormat(values.format);
  const locale = readLocale(values.locale);
  const sheetFile = required(values.sheet ?? positionals[0], '--sheet');
  const result = await scoreFile(io, sheetFile, values.rubric);
  io.stdout(format === 'json' ? json(result) : scoreText(result, locale));
  return 0;
}

/** Scores a sheet file; the rubric is the one given or, failing that, the preset the sheet names. */
export async function scoreFile(io: CliIo, sheetFile: string, rubricRef?: string): Promise<ScoreResult> {
  const raw = await readJson(io, sheetFile, 'sheet');
  const named = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)['rubric'] : undefined;
  const ref = rubricRef ?? (typeof named === 'string' ? named : undefined);
  if (ref === undefined) throw new CliError(`the sheet ${sheetFile} names no rubric: give --rubric <preset id | rubric.json>`, [{ path: 'rubric', rule: 'required', message: 'the sheet names no rubric' }]);
  const { value: rubric } = await resolveRubric(io, ref, rubricRef ? '--rubric' : `${sheetFile}: rubric`);
  try {
    return scoreSheet(rubric, raw as Parameters<typeof scoreSheet>[1]);
  } catch (error) {
    if (error instanceof KaoheInputError) throw new CliError(`the sheet ${sheetFile} is invalid (${plural(error.problems.length, 'problem')})`, error.problems);
    throw error;
  }
}
