// The server's refusals (RFC 9457 problem+json) back into the service's typed refusals, so an element
// shows the same words over HTTP as over IndexedDB: the server put the service's own code and message
// in `code` and `detail` (packages/server/src/http/problem.ts), and the current view of a stale
// appraisal in `current`. Only what is not a refusal of the person's request throws.
import type { Refusal, RefusalCode } from '@kaohe/service';
import type { Answer, ProblemBody } from './transport.ts';

/** The server refused the token even after the host's callback gave a fresh one (a host setup fault, not the person's). */
export class KaoheAuthError extends Error {
  override readonly name = 'KaoheAuthError';
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** The server failed (500) or answered something that is no problem body: a fault to log, not a refusal to show. */
export class KaoheServerError extends Error {
  override readonly name = 'KaoheServerError';
  constructor(readonly status: number, message: string, readonly code?: string) {
    super(message);
  }
}

/** The server's own code names where they differ from the service's. */
const SERVICE_CODE: Readonly<Record<string, RefusalCode>> = {
  notFound: 'not-found',
  noDraft: 'not-found',
  tooLarge: 'invalid',
  malformed: 'invalid',
  unsupportedMediaType: 'invalid',
  databaseUnavailable: 'unavailable',
  rateLimited: 'unavailable',
};

export function problemOf(answer: Answer): ProblemBody {
  const body = answer.body;
  if (typeof body === 'object' && body !== null && typeof (body as ProblemBody).status === 'number') return body as ProblemBody;
  return { status: answer.status, detail: typeof body === 'string' ? body.slice(0, 200) : `HTTP ${answer.status}` };
}

/**
 * The refusal an answer of 400 or more stands for; throws KaoheAuthError for 401/403 of a token the
 * server does not take and KaoheServerError for a 500 (the service throws for its faults as well).
 */
export function refusalOf(answer: Answer): Refusal {
  const problem = problemOf(answer);
  const message = problem.detail ?? problem.title ?? `HTTP ${answer.status}`;
  if (answer.status === 401 || problem.code === 'personOnly') throw new KaoheAuthError(answer.status, message);
  if (answer.status >= 500 && answer.status !== 503) throw new KaoheServerError(answer.status, message, problem.code);
  const code = (problem.code !== undefined ? SERVICE_CODE[problem.code] ?? problem.code : fallbackCode(answer.status)) as RefusalCode;
  // A 422 the server made from a refusal without fields carries one problem repeating the code and message: the service's refusal had none.
  // The server validates the body before the service does and names the field from the body ("body.action.entries…"); the service names it from the action.
  const problems = problem.problems
    ?.filter((entry) => !(entry.path === '' && entry.rule === problem.code && entry.message === message))
    .map((entry) => (entry.path.startsWith('body.') ? { ...entry, path: entry.path.slice('body.'.length) } : entry));
  return {
    ok: false, code, message,
    ...(problems && problems.length > 0 ? { problems } : {}),
    ...(problem.current !== undefined ? { appraisal: problem.current as NonNullable<Refusal['appraisal']> } : {}),
  };
}

function fallbackCode(status: number): RefusalCode {
  if (status === 404) return 'not-found';
  if (status === 409) return 'stale';
  if (status === 422 || status === 400 || status === 413) return 'invalid';
  if (status === 503 || status === 429) return 'unavailable';
  return 'forbidden';
}
