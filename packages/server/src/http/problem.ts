// The one place an error becomes an HTTP answer: RFC 9457 `application/problem+json`
// { type?, status, title, detail, code?, problems? }. Routes throw (or the service refuses) and
// this maps; no route writes an error body of its own.
import { KaoheInputError, type Problem } from '@kaohe/scoring';
import { StoreConflictError, StoreError } from '@kaohe/store';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';

export const PROBLEM_TYPE = 'application/problem+json';

export interface ProblemBody {
  type?: string;
  status: number;
  title: string;
  detail: string;
  /** the workflow's refusal code (notAssignee, ownAppraisal …) or the server's (unauthorized, rate-limited …) */
  code?: string;
  problems?: Problem[];
  /** 409: the appraisal as the caller may see it now, so a client can show it and merge */
  current?: unknown;
}

/** An answer that is not a success, thrown anywhere below a route and written by `sendProblem`. */
export class HttpProblem extends Error {
  override name = 'HttpProblem';
  constructor(
    readonly status: number,
    detail: string,
    readonly extra: { code?: string; problems?: Problem[]; current?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(detail);
  }
}

/** 404 for an appraisal that does not exist and for one the caller may see nothing of: the same bytes, so a probe learns nothing. */
export function notFound(): HttpProblem {
  return new HttpProblem(404, 'There is no appraisal with this id that you may see.', { code: 'notFound' });
}

export function unauthorized(detail: string): HttpProblem {
  return new HttpProblem(401, detail, { code: 'unauthorized', headers: { 'www-authenticate': 'Bearer' } });
}

export function forbidden(detail: string, code = 'forbidden'): HttpProblem {
  return new HttpProblem(403, detail, { code });
}

export function invalid(problems: Problem[], detail = 'The request is invalid; every problem is listed.'): HttpProblem {
  return new HttpProblem(422, detail, { code: 'invalid', problems });
}

/** What the service answers instead of a result: a code a program branches on, a message, the fields at fault, the current view when stale. */
export interface ServiceRefusal {
  ok: false;
  code: string;
  message: string;
  problems?: Problem[];
  appraisal?: unknown;
}

/** The service refused; thrown by a route so that `problemOf` is the one place that maps refusal codes to statuses. */
export class RefusedError extends Error {
  override name = 'RefusedError';
  constructor(readonly refusal: ServiceRefusal) {
    super(refusal.message);
  }
}

/**
 * Refusals that mean "what you sent cannot be accepted as it is" (422): the fields are wrong, the sheet
 * is incomplete or invalid, a comment or reason is missing, the person or group named is unknown.
 * Every other workflow code is the chain saying no to this person now (403, with the code).
 */
const UNPROCESSABLE = new Set(['invalid', 'invalidSheet', 'incomplete', 'missingComment', 'missingReason', 'unknownEmployee', 'unknownGroup', 'unknownStep']);
/** Faults of the installation (a chain that does not match, item groups unknown): the server's problem, not the caller's. */
const INSTALLATION = new Set(['invalidChain', 'chainMismatch', 'itemGroupsUnknown']);

function refusalStatus(code: string): number {
  if (code === 'not-found') return 404;
  if (code === 'stale' || code === 'conflict' || code === 'draft-conflict') return 409;
  if (code === 'unavailable') return 503;
  if (UNPROCESSABLE.has(code)) return 422;
  if (INSTALLATION.has(code)) return 500;
  return 403;
}

/** Maps anything thrown to a problem; `log` hears what the caller must not see (a 500's cause). */
export function problemOf(error: unknown, log: (error: unknown) => void): { body: ProblemBody; headers: Record<string, string> } {
  const made = (status: number, detail: string, extra: HttpProblem['extra'] = {}) => {
    const { headers = {}, ...rest } = extra;
    const body: ProblemBody = { status, title: STATUS_CODES[status] ?? 'Error', detail };
    if (rest.code !== undefined) body.code = rest.code;
    if (rest.problems !== undefined) body.problems = rest.problems;
    if (rest.current !== undefined) body.current = rest.current;
    return { body, headers };
  };
  if (error instanceof HttpProblem) return made(error.status, error.message, error.extra);
  if (error instanceof RefusedError) {
    const { code, message, problems, appraisal } = error.refusal;
    const status = refusalStatus(code);
    // 404 is the same bytes whether the appraisal is missing or hidden from the caller.
    if (status === 404) return made(404, notFound().message, { code: 'notFound' });
    if (status === 500) log(error);
    return made(status, message, {
      code,
      ...(problems && problems.length > 0 ? { problems } : status === 422 ? { problems: [{ path: '', rule: code, message }] } : {}),
      ...(status === 409 && appraisal !== undefined ? { current: appraisal } : {}),
      ...(status === 503 ? { headers: { 'retry-after': '5' } } : {}),
    });
  }
  if (error instanceof KaoheInputError) return made(422, error.message, { code: 'invalid', problems: error.problems });
  // A conflict that reached here was not turned into the caller's view by the service: say so without the record.
  if (error instanceof StoreConflictError) return made(409, 'Someone changed this first. Nothing was overwritten: reload and try again.', { code: 'stale' });
  if (error instanceof StoreError && error.code === 'not-found') return made(404, notFound().message, { code: 'notFound' });
  if ((error instanceof StoreError && error.code === 'unavailable') || isConnectionFailure(error)) {
    log(error);
    return made(503, 'The database does not answer; nothing was written. Try again shortly.', { code: 'databaseUnavailable', headers: { 'retry-after': '5' } });
  }
  const fastify = error as Partial<FastifyError> & { validation?: Array<{ instancePath: string; keyword: string; message?: string }>; validationContext?: string };
  if (Array.isArray(fastify.validation)) {
    const where = fastify.validationContext ?? 'body';
    const problems = fastify.validation.map((issue) => ({
      // our validator compiler puts the problem's own path (`people[0].name`) where Ajv would put a JSON pointer
      path: issue.instancePath === '' ? where : issue.instancePath.startsWith('[') ? `${where}${issue.instancePath}` : `${where}.${issue.instancePath}`,
      rule: issue.keyword,
      message: issue.message ?? 'invalid',
    }));
    return made(422, `The request's ${where} is invalid; every problem is listed.`, { code: 'invalid', problems });
  }
  switch (fastify.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return made(413, 'The request body is larger than 1 MB.', { code: 'tooLarge' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return made(415, 'Send JSON (Content-Type: application/json).', { code: 'unsupportedMediaType' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return made(400, 'The request body is not valid JSON.', { code: 'malformed' });
  }
  if (fastify.statusCode === 400 && typeof fastify.message === 'string') {
    // Fastify's own JSON parse error names the position, never the content.
    return made(400, 'The request body is not valid JSON.', { code: 'malformed' });
  }
  log(error);
  return made(500, 'Something went wrong on the server. It is logged; try again.', { code: 'internal' });
}

/**
 * The database went away (PostgreSQL restarting, the network between): postgres-js and Node name it
 * with these codes, PostgreSQL with SQLSTATE class 08 (connection exception) and 57P0x (shutting down).
 */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT']);

function isConnectionFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code))) return true;
  }
  return false;
}

export function sendProblem(reply: FastifyReply, problem: { body: ProblemBody; headers: Record<string, string> }): FastifyReply {
  return reply.code(problem.body.status).headers(problem.headers).type(PROBLEM_TYPE).send(JSON.stringify(problem.body));
}

/** Fastify's error handler: every thrown error goes through `problemOf`. */
export function errorHandler(this: unknown, error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(reply, problemOf(error, (cause) => request.log.error({ err: cause }, 'request failed')));
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(reply, problemOf(new HttpProblem(404, `No route ${request.method} ${request.url.split('?')[0]}.`, { code: 'noRoute' }), () => {}));
}
