// The request bodies of the service's routes: the service's own zod schemas, less what the server
// decides itself (`now`: the server's clock stamps every action and draft, a client cannot backdate
// one), plus the revision HTTP requires. Responses are the service's output schemas unchanged.
import { ActionSchema, ActOptionsSchema, DraftInputSchema, OpenRequestSchema } from '@kaohe/service';
import { Period } from '@kaohe/scoring';
import * as z from 'zod/mini';

const appraisalId = z.string().check(z.minLength(1), z.maxLength(160));

export const AppraisalParams = z.strictObject({ id: appraisalId });
export const PeriodParams = z.strictObject({ period: Period });
export const YearParams = z.strictObject({ year: z.coerce.number().check(z.int(), z.minimum(1900), z.maximum(9999)) });

export const OpenBody = z.omit(OpenRequestSchema, { now: true });

export const ActionBody = z.strictObject({
  action: ActionSchema,
  /** the revision the caller read; the action is refused as stale (409) on any other */
  expectedRevision: z.int().check(z.minimum(0), z.maximum(1_000_000_000)),
  /** the actor lends their own right to act here to `to` from `start` to `end`, written with this action (the inbox's delegate) */
  lend: ActOptionsSchema.shape.lend,
});

export const DraftBody = z.omit(DraftInputSchema, { savedAt: true });

export const TasksQuery = z.strictObject({
  cursor: z.optional(z.string().check(z.maxLength(512))),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200))),
});

/** What the payroll system knows besides the scores, per employee, by the pay plan's input names (pay total, plan completion …). */
export const PayrollBody = z.strictObject({
  values: z.record(z.string().check(z.maxLength(128)), z.record(z.string().check(z.maxLength(64)), z.union([z.string().check(z.maxLength(64)), z.number(), z.boolean()]))),
  locale: z.optional(z.enum(['zh-Hant', 'zh-Hans', 'en'])),
});
