/** One thing wrong with an input: where (a JSON path such as `sections[1].items[0].points`), which rule it breaks, and why. */
export interface Problem {
  path: string;
  /** the rule broken: a rule ID (O-1, O-8, SP-W3 …) or a schema rule ("required", "type", "unique-id" …) */
  rule: string;
  message: string;
  /**
   * What the message says, as values, where a caller words it itself (the rubric form, in the reader's
   * language); the message stays the English words the CLI and the server give.
   */
  values?: ProblemValues;
}

/** The values of the problems a person filling in a sheet meets most; the rest are told by their message alone. */
export type ProblemValues =
  /** an amount outside what the rule allows: award points 0..points, a deduction within its case's or level's range */
  | { kind: 'outOfRange'; min: string; max: string; got: string }
  /** C-2: more absent days than the sheet's month has */
  | { kind: 'absentDaysOverMonth'; days: number; period: string; got: string };

/** Bad input: carries every problem found, never just the first. */
export class KaoheInputError extends Error {
  override name = 'KaoheInputError';
  constructor(
    /** what was being read: "rubric", "sheet", "pay plan", "pay input" */
    readonly subject: string,
    readonly problems: Problem[],
  ) {
    super(`${subject} is invalid:\n${formatProblems(problems)}`);
  }
}

/** One problem on one line: `sections[1].points: must be a number [type]`; an empty path is the whole input, `(root)`. */
export function formatProblem(problem: Problem): string {
  return `${problem.path || '(root)'}: ${problem.message} [${problem.rule}]`;
}

/** Problems as an indented list, one `- path: message [rule]` a line. */
export function formatProblems(problems: readonly Problem[], indent = '  '): string {
  return problems.map((p) => `${indent}- ${formatProblem(p)}`).join('\n');
}

export type Checked<T> = { ok: true; value: T; warnings: Problem[] } | { ok: false; problems: Problem[] };

/** Turns zod issues into problems with readable paths. */
export function problemsFromZod(issues: ReadonlyArray<{ path: PropertyKey[]; message: string; code: string }>): Problem[] {
  return issues.map((issue) => ({ path: formatPath(issue.path), rule: issue.code, message: issue.message }));
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    // A key that would read as no key or as more than one ("", "a.b", "x[0]") is written quoted: [""], ["a.b"].
    else if (typeof key !== 'string' || key === '' || /[.[\]"\s]/.test(key)) out += `[${JSON.stringify(String(key))}]`;
    else out += out ? `.${key}` : key;
  }
  return out;
}
