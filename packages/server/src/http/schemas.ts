// The HTTP layer's own schemas: what only the transport knows (problems, health, the directory as the
// intranet sends it). Appraisals, actions, drafts and HR reads use the service's schemas unchanged.
// Every string and list has a limit, so no field can carry an unbounded payload.
import * as z from 'zod/mini';

const id = z.string().check(z.minLength(1), z.maxLength(128));
const text = (max: number) => z.string().check(z.maxLength(max));
/** YYYY-MM-DD, or a full ISO timestamp whose first ten characters are that day */
const day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/), z.maxLength(40));

export const ProblemSchema = z.object({
  type: z.optional(z.string()),
  status: z.number(),
  title: z.string(),
  detail: z.string(),
  code: z.optional(z.string()),
  problems: z.optional(z.array(z.object({ path: z.string(), rule: z.string(), message: z.string() }))),
  current: z.optional(z.unknown()),
});

export const HealthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgresql']),
});

export const PersonSchema = z.strictObject({
  id,
  number: z.optional(text(64)),
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  roles: z.array(id).check(z.maxLength(32)),
  region: z.optional(text(128)),
  department: z.optional(text(128)),
  managerId: z.optional(id),
  groups: z.optional(z.array(id).check(z.maxLength(32))),
});

export const DelegationSchema = z.strictObject({ from: id, to: id, start: day, end: day });

/** At most 200,000 people: a company of 100,000 with room to grow, within the directory route's 32 MB body. */
export const DirectoryBodySchema = z.strictObject({
  people: z.array(PersonSchema).check(z.maxLength(200_000)),
  delegations: z.optional(z.array(DelegationSchema).check(z.maxLength(10_000))),
});

export const CountSchema = z.object({ count: z.number() });
