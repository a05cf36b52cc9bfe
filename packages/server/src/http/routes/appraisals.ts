import { AppraisalViewSchema, TaskPageSchema, type KaoheService, type TaskPage } from '@kaohe/service';
import * as z from 'zod/mini';
import type { KaoheApp } from '../app.ts';
import { actorOf, personOf } from '../caller.ts';
import { RefusedError, notFound } from '../problem.ts';
import { ProblemSchema } from '../schemas.ts';
import { ActionBody, AppraisalParams, OpenBody, PeriodParams, TasksQuery } from '../service-schemas.ts';

const problems = { 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };

/** Opening appraisals, reading them, acting on them, and a person's tasks: each a call of the service. */
export async function appraisalRoutes(api: KaoheApp, service: KaoheService): Promise<void> {
  api.post('/appraisals', {
    config: { access: 'serviceOrPerson' },
    schema: {
      summary: 'Open one person\'s appraisal for a month (the service token, or HR)',
      body: OpenBody,
      response: { 201: z.object({ id: z.string(), revision: z.number(), appraisal: z.optional(AppraisalViewSchema) }), ...problems },
    },
  }, async (request, reply) => {
    const actor = request.caller?.kind === 'person' ? request.caller.id : null;
    const result = await service.openAppraisal(actor, request.body);
    if (!result.ok) throw new RefusedError(result);
    if (!result.created) throw new RefusedError({ ok: false, code: 'conflict', message: `Appraisal ${result.id} is open already (revision ${result.revision}); nothing was changed.` });
    const appraisal = actor === null ? undefined : await service.view(result.id, actor, { history: false });
    return reply.code(201).send({ id: result.id, revision: result.revision, ...(appraisal ? { appraisal } : {}) });
  });

  api.post('/periods/:period/open', {
    config: { access: 'serviceOrPerson' },
    schema: {
      summary: 'Open the month for everyone whose role has a rubric and chain (the service token, or HR)',
      params: PeriodParams,
      response: { 200: z.object({ opened: z.array(z.string()), skipped: z.array(z.string()) }), ...problems },
    },
  }, async (request) => {
    const actor = request.caller?.kind === 'person' ? request.caller.id : null;
    const result = await service.openPeriod(actor, { period: request.params.period });
    if (!result.ok) throw new RefusedError(result);
    // `skipped`: the appraisals that were open already, left as they were
    return { opened: result.opened, skipped: result.existing };
  });

  api.get('/tasks', {
    // the page's JSON, each row's text written once per kept (frozen) row
    serializerCompiler: () => (data) => taskPageJson(data as TaskPage),
    schema: {
      summary: 'The appraisals on which the caller must act now, a page at a time, each as a task list shows it to them: '
        + 'the score\'s totals, none of the sheet, items, comments or history (GET /appraisals/{id} reads the whole)',
      querystring: TasksQuery, response: { 200: TaskPageSchema, 401: ProblemSchema },
    },
  }, async (request) => {
    const { cursor, limit } = request.query;
    return service.tasks(personOf(request).id, { ...(cursor !== undefined ? { cursor } : {}), ...(limit !== undefined ? { limit } : {}) });
  });

  api.get('/appraisals/:id', {
    schema: { summary: 'An appraisal as the caller may see it; 404, the same as for a missing id, when they may see nothing of it', params: AppraisalParams, response: { 200: AppraisalViewSchema, 401: ProblemSchema, 404: ProblemSchema } },
  }, async (request) => {
    const view = await service.view(request.params.id, personOf(request).id);
    if (!view) throw notFound();
    return view;
  });

  api.post('/appraisals/:id/actions', {
    schema: {
      summary: 'Act on an appraisal (submit, approve, return, publish, acknowledge …) at the revision the caller read',
      params: AppraisalParams,
      body: ActionBody,
      response: { 200: z.object({ revision: z.number(), step: z.string(), status: z.string(), appraisal: z.optional(AppraisalViewSchema) }), ...problems },
    },
  }, async (request) => {
    const { action, expectedRevision, lend } = request.body;
    const result = await service.act(request.params.id, actorOf(request), action, { expectedRevision, ...(lend ? { lend } : {}) });
    if (!result.ok) throw new RefusedError(result);
    return { revision: result.revision, step: result.step, status: result.status, ...(result.appraisal ? { appraisal: result.appraisal } : {}) };
  });
}

/** The JSON of frozen rows and pages (the service's kept ones never change), written once each. */
const rowJson = new WeakMap<object, string>();

function jsonOf(row: object): string {
  if (!Object.isFrozen(row)) return JSON.stringify(row);
  let text = rowJson.get(row);
  if (text === undefined) rowJson.set(row, text = JSON.stringify(row));
  return text;
}

/** Exactly JSON.stringify(page) (the same keys in the same order), from each row's kept text; a kept (frozen) page's text is kept too. */
export function taskPageJson(page: TaskPage): string {
  if (!Object.isFrozen(page)) return pageJson(page);
  let text = rowJson.get(page);
  if (text === undefined) rowJson.set(page, text = pageJson(page));
  return text;
}

function pageJson(page: TaskPage): string {
  const keys = Object.keys(page);
  // anything else (a problem document answered on this route) is written as it is
  if (!Array.isArray(page.items) || keys[0] !== 'items' || keys.some((key) => key !== 'items' && key !== 'nextCursor')) return JSON.stringify(page);
  const items = page.items.map((item) => {
    const keys = Object.keys(item);
    // an item of another shape is written as it is
    if (keys.length !== 2 || keys[0] !== 'appraisal' || keys[1] !== 'allowedActions') return JSON.stringify(item);
    return `{"appraisal":${jsonOf(item.appraisal)},"allowedActions":${JSON.stringify(item.allowedActions)}}`;
  });
  return `{"items":[${items.join(',')}]${page.nextCursor !== undefined ? `,"nextCursor":${JSON.stringify(page.nextCursor)}` : ''}}`;
}
