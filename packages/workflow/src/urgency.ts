// The inbox's order, apart from the tasks it sorts: Kaohe.tasks sorts the service's answer by it, and a
// module that imports only this does not reach the workflow machine (xstate) through tasks.ts.
import type { Task } from './tasks.ts';

/** The inbox's order: overdue first, then by due date (none last), then by appraisal id. */
export function byUrgency(a: Task, b: Task): number {
  return Number(b.overdue) - Number(a.overdue) || (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.appraisalId.localeCompare(b.appraisalId);
}
