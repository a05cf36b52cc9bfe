import { KaoheInputError, formatProblems, parsePath, type Problem } from '@kaohe/scoring';

/** A failure the user can fix: bad input (exit 1) or a wrong command line (exit 2). */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly problems: readonly Problem[] = [],
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

/** A command line that cannot be understood; the command's usage follows the message. */
export class UsageError extends CliError {
  override name = 'UsageError';
  constructor(message: string) {
    super(message, [], 2);
  }
}

/** Counted in words so a one-problem report doesn't read "1 problems". */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * Adds the id of the nearest object along a problem's path ("sections[0].items[2].rule.amount"
 * → "(item SP-D3)"): schema problems only carry array positions, and the person fixing the file
 * thinks in item IDs.
 */
export function nameItems(problems: readonly Problem[], input: unknown): Problem[] {
  return problems.map((problem) => {
    const id = nearestId(input, problem.path);
    return id && !problem.message.includes(id) ? { ...problem, message: `${id}: ${problem.message}` } : problem;
  });
}

function nearestId(input: unknown, path: string): string | undefined {
  let node: unknown = input;
  let found: string | undefined;
  for (const key of parsePath(path)) {
    if (node === null || typeof node !== 'object') break;
    node = (node as Record<string | number, unknown>)[key];
    const id = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)['id'] : undefined;
    if (typeof id === 'string') found = id;
  }
  return found;
}

/** Writes an error report to stderr and returns the exit code. */
export function reportError(error: unknown, stderr: (text: string) => void, command: string): number {
  const prefix = command ? `kaohe ${command}` : 'kaohe';
  if (error instanceof CliError) {
    stderr(`${prefix}: ${error.message}\n`);
    // A single problem that only repeats the message (an unreadable file, an unknown preset) is not listed again.
    const redundant = error.problems.length === 1 && error.message.includes(error.problems[0]!.message);
    if (error.problems.length > 0 && !redundant) stderr(`${formatProblems(error.problems)}\n`);
    return error.exitCode;
  }
  if (error instanceof KaoheInputError) {
    stderr(`${prefix}: the ${error.subject} is invalid (${plural(error.problems.length, 'problem')}):\n${formatProblems(error.problems)}\n`);
    return 1;
  }
  stderr(`${prefix}: unexpected error — please report it\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}
