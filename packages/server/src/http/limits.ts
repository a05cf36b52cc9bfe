// Bounds on every JSON body and query, whatever its schema: the 1 MB body limit bounds the total, these
// bound its shape, so no field can carry a megabyte of comment and no body can nest deep enough to make
// a recursive reader (zod, scoring's canonical JSON, the audit hash) work hard.
import type { Problem } from '@kaohe/scoring';
import { formatPath } from '@kaohe/scoring';

/** A comment, a reason, a name: ten thousand characters is several pages of text. */
export const MAX_STRING = 10_000;
/** A directory is 3 deep, an action with entries 5; 16 leaves room and no more. */
export const MAX_DEPTH = 16;

/** The first few places a value breaks a limit (at most 20: a body of a million long strings is not listed whole). */
export function limitProblems(value: unknown): Problem[] {
  const problems: Problem[] = [];
  const path: Array<string | number> = [];
  const walk = (current: unknown, depth: number): void => {
    if (problems.length >= 20) return;
    if (typeof current === 'string') {
      if (current.length > MAX_STRING) problems.push({ path: formatPath(path), rule: 'max-length', message: `at most ${MAX_STRING} characters (${current.length} sent)` });
      return;
    }
    if (typeof current !== 'object' || current === null) return;
    if (depth > MAX_DEPTH) {
      problems.push({ path: formatPath(path), rule: 'max-depth', message: `nested deeper than ${MAX_DEPTH} levels` });
      return;
    }
    const entries: Array<[string | number, unknown]> = Array.isArray(current) ? current.map((item, index) => [index, item]) : Object.entries(current);
    for (const [key, item] of entries) {
      path.push(key);
      walk(item, depth + 1);
      path.pop();
    }
  };
  walk(value, 0);
  return problems;
}
