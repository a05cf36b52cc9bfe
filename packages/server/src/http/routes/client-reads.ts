// What a browser page on the server needs besides tasks and views (issue 13): how many tasks wait
// (the inbox's count), a rubric version to render the form an appraisal pins, and the people the
// elements name. Rubrics are not private (the form renders the version an appraisal pins); of the
// directory, only the people the caller takes part in appraisals with (workflow's peopleSeenBy: HR
// everyone; anyone else themself, the people in their tasks and chains, the people acting in those
// chains); delegations only the caller's own.
import type { KaoheService } from '@kaohe/service';
import { assignedRole, peopleSeenBy, type Chain, type Person } from '@kaohe/workflow';
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

export interface PeopleRules {
  /** role → the chain its appraisals run (the catalogue's assignments) */
  assignments: Readonly<Record<string, { chain: string }>>;
  chains: Readonly<Record<string, Chain>>;
  /** the server's clock (delegations in force count on its day) */
  now(): string;
  timeZone: string;
}

export async function clientReadRoutes(api: KaoheApp, service: KaoheService, directory: DirectoryCache, rules: PeopleRules): Promise<void> {
  const chainOf = (person: Person): Chain | undefined => {
    const role = assignedRole(person, rules.assignments);
    const chainId = role === undefined ? undefined : rules.assignments[role]?.chain;
    return chainId === undefined ? undefined : rules.chains[chainId];
  };

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
      summary: 'The people the caller takes part in appraisals with (HR: everyone), and the delegations from or to the caller',
      response: { 200: z.object({ people: z.array(PersonSchema), delegations: z.array(DelegationSchema) }), 401: ProblemSchema },
    },
  }, async (request) => {
    const me = personOf(request).id;
    const whole = await directory.load();
    const people = peopleSeenBy(me, whole, chainOf, { date: rules.now(), timeZone: rules.timeZone });
    return { people, delegations: (whole.delegations ?? []).filter((delegation) => delegation.from === me || delegation.to === me) };
  });
}
