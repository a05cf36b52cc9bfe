// A task is derived from an appraisal's state, never stored: who must act, by when, and how.
import type { ActionName } from './appraisal.ts';
import { isOverdue } from './calendar.ts';
import { delegationInForce } from './routing.ts';
import type { AppraisalRecord, AppraisalStatus } from './records.ts';
import { byUrgency } from './urgency.ts';
import { workflowOf } from './workflow-state.ts';

export { byUrgency } from './urgency.ts';

export interface Task {
  appraisalId: string;
  employeeId: string;
  period: string;
  /** the step id the task is for */
  step: string;
  status: AppraisalStatus;
  dueDate?: string;
  /** when the step opens (W-SV statistics from the 10th) */
  startDate?: string;
  overdue: boolean;
  /** the actions the step offers its assignees; `allowedActions` gives the exact list for one user */
  actions: ActionName[];
  /** the user acts on someone else's behalf (a delegation) */
  onBehalfOf?: string[];
}

/** The task `userId` has on `record` at `now`, or null; days are those of `timeZone`, the company's. */
export function tasksFor(record: AppraisalRecord, userId: string, now: string, timeZone: string): Task | null {
  if (record.status === 'published' || !record.assignees.includes(userId)) return null;
  const workflow = workflowOf(record);
  const delegations = workflow.delegated.filter((delegation) => delegation.to === userId);
  const active = delegations.filter((delegation) => delegationInForce(delegation, now, timeZone));
  // Someone who is an assignee only through a delegation loses the task when the delegation ends.
  if (delegations.length > 0 && active.length === 0) return null;
  const task: Task = {
    appraisalId: record.id,
    employeeId: record.employeeId,
    period: record.period,
    step: record.step,
    status: record.status,
    overdue: isOverdue(record, now, timeZone),
    actions: workflow.actions,
  };
  if (record.dueDate !== undefined) task.dueDate = record.dueDate;
  if (workflow.startDate !== undefined) task.startDate = workflow.startDate;
  if (active.length > 0) task.onBehalfOf = [...new Set(active.map((delegation) => delegation.from))];
  return task;
}

/** A user's inbox: their tasks over many appraisals, overdue first, then by due date. */
export function inbox(records: AppraisalRecord[], userId: string, now: string, timeZone: string): Task[] {
  return records
    .map((record) => tasksFor(record, userId, now, timeZone))
    .filter((task): task is Task => task !== null)
    .sort(byUrgency);
}
