import type { KaoheService } from '@kaohe/service';
import * as z from 'zod/mini';
import type { KaoheApp } from '../app.ts';
import { personOf } from '../caller.ts';
import { HttpProblem, RefusedError } from '../problem.ts';
import { ProblemSchema } from '../schemas.ts';
import { AppraisalParams, DraftBody } from '../service-schemas.ts';

const DraftSchema = z.object({
  appraisalId: z.string(), userId: z.string(), entries: z.record(z.string(), z.unknown()),
  attendance: z.optional(z.object({ absentDays: z.union([z.string(), z.number()]) })), baseRevision: z.number(),
  /** counts the saves of this draft; the next save names it as its `draftRevision` */
  revision: z.optional(z.number()), savedAt: z.string(),
});

/** The same answer whether the appraisal is missing, hidden, or simply has no draft of the caller's. */
const noDraft = () => new HttpProblem(404, 'You have no draft of this appraisal.', { code: 'noDraft' });

/** A person's own unsent work: keyed by the token's person, so nobody reads or deletes another's. */
export async function draftRoutes(api: KaoheApp, service: KaoheService): Promise<void> {
  api.get('/appraisals/:id/draft', {
    schema: { summary: 'The caller\'s own draft of an appraisal', params: AppraisalParams, response: { 200: DraftSchema, 404: ProblemSchema } },
  }, async (request) => {
    const draft = await service.loadDraft(personOf(request).id, request.params.id);
    if (!draft) throw noDraft();
    return draft;
  });

  api.put('/appraisals/:id/draft', {
    schema: {
      summary: 'Save the caller\'s draft (only the items they edit at this step are kept)',
      description: 'With `draftRevision` (the revision of the caller\'s draft the save builds on, 0 for none), a newer draft saved '
        + 'meanwhile from another tab or window is not replaced: 409 with code `draft-conflict`, nothing written.',
      params: AppraisalParams, body: DraftBody,
      response: { 200: DraftSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema },
    },
  }, async (request) => {
    const result = await service.saveDraft(personOf(request).id, request.params.id, request.body);
    if (!result.ok) throw new RefusedError(result);
    return result.draft;
  });

  api.delete('/appraisals/:id/draft', {
    schema: { summary: 'Discard the caller\'s draft (204, also when there was none)', params: AppraisalParams },
  }, async (request, reply) => {
    await service.deleteDraft(personOf(request).id, request.params.id);
    return reply.code(204).send();
  });
}
