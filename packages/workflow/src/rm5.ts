// RM-5: a regional manager answers for the region's salespeople, losing points per salesperson
// with heavy deductions. The count comes from the other appraisals of the same month.
import { dec } from '@kaohe/scoring';
import type { AppraisalRecord, AppraisalStatus, Directory, Person } from './records.ts';

/** Compares two decimal strings exactly ("92.5" vs "92.50"), with the scoring package's decimals. */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  return dec(a).comparedTo(dec(b)) as -1 | 0 | 1;
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
