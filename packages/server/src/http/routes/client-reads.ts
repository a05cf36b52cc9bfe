// What a browser page on the server needs besides tasks and views (issue 13): how many tasks wait
// (the inbox's count), a rubric version to render the form an appraisal pins, and the people the
// elements name. Rubrics are not private (the form renders the version an appraisal pins); the
// directory's people are what the intranet hands every page today; delegations only the caller's own.
import type { KaoheService } from '@kaohe/service';
import * as z from 'zod/mini';
import type { KaoheApp } from '../app.ts';
import type { DirectoryCache } from '../directory-cache.ts';
import { personOf } from '../caller.ts';
import { HttpProblem } from '../problem.ts';
import { CountSchema, DelegationSchema, PersonSchema, ProblemSchema } from '../schemas.ts';

const RubricParams = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(128)),
  version: z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1_000_000)),
});

const RubricSchema = z.custom<object>((value) => typeof value === 'object' && value !== null);

export async function clientReadRoutes(api: KaoheApp, service: KaoheService, directory: DirectoryCache): Promise<void> {
  api.get('/tasks/count', {
    schema: { summary: 'How many appraisals wait for the caller (what GET /tasks pages through)', response: { 200: CountSchema, 401: ProblemSchema } },
  }, async (request) => ({ count: await service.countTasks(personOf(request).id) }));

  api.get('/rubrics/:id/versions/:version', {
    schema: { summary: 'One stored rubric version (what an appraisal pins; rubrics are not private)', params: RubricParams, response: { 200: RubricSchema, 401: ProblemSchema, 404: ProblemSchema } },
  }, async (request) => {
    personOf(request);
    const rubric = await service.rubric(request.params.id, request.params.version);
    if (!rubric) throw new HttpProblem(404, `No version ${request.params.version} of rubric ${request.params.id} is stored.`, { code: 'noRubric' });
    return rubric;
  });

  api.get('/people', {
    schema: {
      summary: 'The directory\'s people the elements name, and the delegations from or to the caller',
      response: { 200: z.object({ people: z.array(PersonSchema), delegations: z.array(DelegationSchema) }), 401: ProblemSchema },
    },
  }, async (request) => {
    const me = personOf(request).id;
    const { people, delegations = [] } = await directory.load();
    return { people, delegations: delegations.filter((delegation) => delegation.from === me || delegation.to === me) };
  });
}
