import { directoryProblems } from '@kaohe/workflow';
import type { KaoheDatabase } from '../../db/index.ts';
import type { KaoheApp } from '../app.ts';
import type { DirectoryCache } from '../directory-cache.ts';
import { invalid } from '../problem.ts';
import { CountSchema, DirectoryBodySchema, ProblemSchema } from '../schemas.ts';

/** The directory of a company of 100,000 is ~20 MB of JSON; only the service token may send that much. */
const DIRECTORY_BODY_LIMIT = 32 * 1_048_576;

export async function directoryRoutes(api: KaoheApp, db: KaoheDatabase, cache: DirectoryCache): Promise<void> {
  api.put('/directory', {
    config: { access: 'service' },
    bodyLimit: DIRECTORY_BODY_LIMIT,
    schema: {
      summary: 'Replace the directory (the intranet backend, with the service token)',
      body: DirectoryBodySchema,
      response: { 200: CountSchema, 401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema },
    },
  }, async (request) => {
    const { people, delegations = [] } = request.body;
    // The rule (one id per person, known managers, no loop of managers) is workflow's: routing depends on it.
    const problems = directoryProblems({ people, delegations });
    if (problems.length > 0) throw invalid(problems, `The directory was not replaced: ${problems.length} problem${problems.length === 1 ? '' : 's'}, each listed.`);
    const count = await db.directory.replace(people, delegations);
    // This instance reads the new directory on its next request; the others on the `directory` notice.
    cache.invalidate();
    return { count };
  });
}
