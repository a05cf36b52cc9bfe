// A page of tasks as it crosses the service's boundary (`tasks`), as zod/mini schemas: the server
// answers and documents GET /tasks with them. A module of its own, so a page's bundle, which never
// parses a page of tasks, leaves them out.
import * as z from 'zod/mini';
import { ActionNameSchema, AppraisalViewSchema } from './schemas.ts';
import { ROW_FIELDS } from './view.ts';

const text = z.string();

/** A score's totals, without its per-item breakdown: what a list of tasks shows. */
export const ScoreTotalsSchema = z.object({
  /** daily-work score 日常工作考核得分 */
  work: text,
  /** attendance score 出勤; null for rubrics without attendance */
  attendance: z.nullable(text),
  /** monthly score 月度考核得分 */
  monthly: text,
  /** every item that needs the assessor's input has it */
  complete: z.boolean(),
});
export type ScoreTotals = z.infer<typeof ScoreTotalsSchema>;

/** ROW_FIELDS as a mask of the view's schema: the row's fields are listed once, where rows are made. */
const rowMask = Object.fromEntries(ROW_FIELDS.map((field) => [field, true])) as { [Field in typeof ROW_FIELDS[number]]: true };
/**
 * An appraisal as a task list shows it (`tasks`): the view's fields for who, which month, where it
 * stands and what the caller may do (view.ts's ROW_FIELDS, which `taskAppraisalOf` copies), with the
 * score's totals where the view shows a score, and nothing only the open task needs (the sheet, the
 * score's items, the item lists, comments, history). Taken from the caller's view, so it never shows
 * what the view would not.
 */
export const TaskAppraisalSchema = z.extend(z.pick(AppraisalViewSchema, rowMask), {
  /** the totals, only where the view shows the score */
  score: z.optional(ScoreTotalsSchema),
});
export type TaskAppraisal = z.infer<typeof TaskAppraisalSchema>;

export const TaskPageSchema = z.object({
  items: z.array(z.object({ appraisal: TaskAppraisalSchema, allowedActions: z.array(ActionNameSchema) })),
  nextCursor: z.optional(text),
});

