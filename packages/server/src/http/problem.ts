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
  if (error instanceof KaoheInputError) return made(422, error.message, { code: 'invalid', problems: error.problems });
  // A conflict that reached here was not turned into the caller's view by the service: say so without the record.
  if (error instanceof StoreConflictError) return made(409, 'Someone changed this first. Nothing was overwritten: reload and try again.', { code: 'stale' });
  if (error instanceof StoreError && error.code === 'not-found') return made(404, notFound().message, { code: 'notFound' });
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
