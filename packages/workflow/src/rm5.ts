// RM-5: a regional manager answers for the region's salespeople, losing points per salesperson
// with heavy deductions. The count comes from the other appraisals of the same month.
import type { AppraisalRecord, AppraisalStatus, Directory, Person } from './records.ts';

/**
 * Compares two decimal strings exactly ("92.5" vs "92.50"), without binary floats.
 * Returns -1, 0 or 1.
 */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  if (x.negative !== y.negative) return x.negative ? -1 : 1;
  const magnitude = compareMagnitude(x, y);
  return (x.negative ? -magnitude : magnitude) as -1 | 0 | 1;
}

/** RM-5: how many subordinates' work scores fall below `heavyBelow` (the rubric's threshold). */
export function rm5Cases(subordinateWorkScores: string[], heavyBelow: string): number {
  return subordinateWorkScores.filter((score) => compareDecimal(score, heavyBelow) < 0).length;
}

export interface Rm5Options {
  /** the rubric's DerivedRule.heavyBelow */
  heavyBelow: string;
  /** a subordinate's daily-work score (from `@kaohe/scoring`), or null while it cannot be scored */
  workScore: (record: AppraisalRecord) => string | null | undefined;
  /** appraisals in these states count (default: every state past the scoring step) */
  statuses?: AppraisalStatus[];
  /** the role of the people the manager answers for (default: salesperson) */
  role?: string;
}

const scoredStatuses: AppraisalStatus[] = ['inReview', 'approved', 'published', 'appealed', 'reopened'];

/** The salespeople's appraisals of `period` that RM-5 looks at for `manager`. */
export function rm5Subordinates(manager: Person, period: string, appraisals: AppraisalRecord[], directory: Directory, options: Pick<Rm5Options, 'statuses' | 'role'> = {}): AppraisalRecord[] {
  const role = options.role ?? 'salesperson';
  const statuses = options.statuses ?? scoredStatuses;
  // The region decides; where a manager has no region, their direct reports are their people.
  const people = new Set(directory.people
    .filter((person) => person.id !== manager.id && person.roles.includes(role))
    .filter((person) => (manager.region !== undefined ? person.region === manager.region : person.managerId === manager.id))
    .map((person) => person.id));
  return appraisals.filter((record) => record.period === period && people.has(record.employeeId) && statuses.includes(record.status));
}

/** The RM-5 entry `{ count }` for a regional manager's sheet of `period`. */
export function rm5Entry(manager: Person, period: string, appraisals: AppraisalRecord[], directory: Directory, options: Rm5Options): { count: number } {
  const scores = rm5Subordinates(manager, period, appraisals, directory, options)
    .map((record) => options.workScore(record))
    .filter((score): score is string => typeof score === 'string');
  return { count: rm5Cases(scores, options.heavyBelow) };
}

interface ParsedDecimal {
  negative: boolean;
  whole: string;
  fraction: string;
}

function parseDecimal(text: string): ParsedDecimal {
  const match = /^\s*([+-])?(\d*)(?:\.(\d*))?\s*$/.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) throw new RangeError(`"${text}" is not a decimal number`);
  const whole = (match[2] ?? '').replace(/^0+/, '');
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  // -0 and 0 are the same score.
  const negative = match[1] === '-' && (whole !== '' || fraction !== '');
  return { negative, whole, fraction };
}

function compareMagnitude(x: ParsedDecimal, y: ParsedDecimal): -1 | 0 | 1 {
  if (x.whole.length !== y.whole.length) return x.whole.length < y.whole.length ? -1 : 1;
  if (x.whole !== y.whole) return x.whole < y.whole ? -1 : 1;
  const width = Math.max(x.fraction.length, y.fraction.length);
  const fx = x.fraction.padEnd(width, '0');
  const fy = y.fraction.padEnd(width, '0');
  if (fx === fy) return 0;
  return fx < fy ? -1 : 1;
}
