// HR publishes a rubric version from the form builder (issue 13): PUT /rubrics/:id/versions/:version.
// Appraisals opened from then on pin the newest stored version of their role's rubric (the service's
// openAppraisal); those already open keep theirs, since a stored version never changes (the store
// refuses other content under the same number: 409, "save it as a higher version"). The body is checked
// by the scoring package's own zod schema and rules (validateRubric), every problem named with its path
// and rule; only HR may publish (design.md: HR configures rubrics).
import { validateRubric } from '@kaohe/scoring';
import { StoreError, type KaoheStore } from '@kaohe/store';
import { isHr } from '@kaohe/workflow';
import * as z from 'zod/mini';
import type { KaoheApp } from '../app.ts';
import { personOf } from '../caller.ts';
import type { DirectoryCache } from '../directory-cache.ts';
import { HttpProblem, forbidden, invalid } from '../problem.ts';
import { ProblemSchema } from '../schemas.ts';

const RubricParams = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(128)),
  version: z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1_000_000)),
});

/** The body is any JSON value here: validateRubric checks it and names every problem (a 422 lists them all). */
const AnyRubric = z.custom<unknown>(() => true);

const RubricIdParams = z.strictObject({ id: z.string().check(z.minLength(1), z.maxLength(128)) });

export async function rubricRoutes(api: KaoheApp, store: KaoheStore, directory: DirectoryCache): Promise<void> {
  api.get('/rubrics/:id/versions', {
    schema: { summary: 'The stored versions of a rubric, ascending (rubrics are not private)', params: RubricIdParams, response: { 200: z.object({ versions: z.array(z.number()) }), 401: ProblemSchema } },
  }, async (request) => {
    personOf(request);
    return { versions: await store.listRubricVersions(request.params.id) };
  });


  api.put('/rubrics/:id/versions/:version', {
    bodyLimit: 512 * 1024,
    schema: {
      summary: 'HR publishes a rubric version (new appraisals of its roles pin the newest; a stored version never changes)',
      params: RubricParams, body: AnyRubric,
      response: { 200: z.custom<object>((value) => typeof value === 'object' && value !== null), 401: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema },
    },
  }, async (request) => {
    const me = personOf(request).id;
    if (!isHr(me, await directory.load())) throw forbidden('Only HR may publish a rubric version.', 'hrOnly');
    const checked = validateRubric(request.body);
    if (!checked.ok) throw invalid(checked.problems, 'The rubric is not valid; every problem is listed.');
    const { id, version } = request.params;
    const mismatched = [
      ...(checked.value.id !== id ? [{ path: 'id', rule: 'matches-path', message: `the rubric's id "${checked.value.id}" is not the path's "${id}"` }] : []),
      ...(checked.value.version !== version ? [{ path: 'version', rule: 'matches-path', message: `the rubric's version ${checked.value.version} is not the path's ${version}` }] : []),
    ];
    if (mismatched.length > 0) throw invalid(mismatched, 'The rubric does not match the address it is published at.');
    try {
      return await store.putRubric(checked.value);
    } catch (error) {
      if (error instanceof StoreError && error.code === 'conflict') throw new HttpProblem(409, error.message, { code: 'versionTaken' });
      throw error;
    }
  });
}
