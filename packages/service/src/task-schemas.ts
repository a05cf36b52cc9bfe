// A page of tasks as it crosses the service's boundary (`tasks`), as zod/mini schemas: the server
// answers and documents GET /tasks with them. A module of its own, so a page's bundle, which never
// parses a page of tasks, leaves them out.
import * as z from 'zod/mini';
import { ActionNameSchema, AppraisalViewSchema } from './schemas.ts';

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

const view = AppraisalViewSchema.shape;
/**
 * An appraisal as a task list shows it (`tasks`): the view's fields for who, which month, where it
 * stands and what the caller may do, with the score's totals where the view shows a score, and
 * nothing only the open task needs (the sheet, the score's items, the item lists, comments, history).
 * Taken from the caller's view (`taskAppraisalOf`, the same fields), so it never shows what the view would not.
 */
export const TaskAppraisalSchema = z.object({
  id: view.id, employeeId: view.employeeId, period: view.period, rubricId: view.rubricId, rubricVersion: view.rubricVersion,
  chainId: view.chainId, status: view.status, step: view.step, stepKind: view.stepKind, stepLabel: view.stepLabel, published: view.published,
  assignees: view.assignees, groupsDone: view.groupsDone, returned: view.returned, dueDate: view.dueDate, startDate: view.startDate,
  overdue: view.overdue, revision: view.revision, updatedAt: view.updatedAt, updatedBy: view.updatedBy,
  /** the totals, only where the view shows the score */
  score: z.optional(ScoreTotalsSchema),
  groups: view.groups, allowedActions: view.allowedActions, returnTo: view.returnTo, submit: view.submit, mode: view.mode, task: view.task,
  onBehalfOf: view.onBehalfOf,
});
export type TaskAppraisal = z.infer<typeof TaskAppraisalSchema>;

export const TaskPageSchema = z.object({
  items: z.array(z.object({ appraisal: TaskAppraisalSchema, allowedActions: z.array(ActionNameSchema) })),
  nextCursor: z.optional(text),
});

