// What the rubric form says of a problem scoreSheet found, in the reader's language. The engine's
// message is English for the CLI and the server; the form words the problems a person filling in a
// sheet meets from its catalogue, by the problem's rule and path and the values it carries.
import type { Item, Locale, Problem } from '@kaohe/scoring';
import { msg } from '../base/locale.ts';

/** An item as a problem names it: its id and its label ("SP-Q 產品質量問題反饋"). */
export const itemName = (item: Item, locale: Locale): string => `${item.id} ${item.label[locale]}`;

/**
 * The catalogue's words for `problem` (about `item`, when it is an item's), naming its rule as
 * "[C-2]"; undefined for a problem the catalogue has no words for, which the form then shows as
 * the engine words it.
 */
export function problemWords(problem: Problem, item: Item | undefined, locale: Locale): string | undefined {
  const { rule, values } = problem;
  // C-1: a sheet of a rubric whose monthly score uses attendance, without its absent days
  if (rule === 'C-1' && problem.path === 'attendance') return msg('problemAttendanceMissing', locale, { rule });
  if (values?.kind === 'absentDaysOverMonth') return msg('problemAbsentDaysOverMonth', locale, { ...values, rule });
  if (values?.kind === 'outOfRange' && item) return msg('problemOutOfRange', locale, { ...values, item: itemName(item, locale), rule });
  return undefined;
}
