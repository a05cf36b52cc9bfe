// What a record keeps of its chain's machine (`record.workflow`), read without the machine: who may see
// a record (visibility.ts, payslip-access.ts) and the task lists (tasks.ts) read it, and a page that only
// shows a payslip must not load xstate to do so. The machine (machine.ts) and the façade (appraisal.ts)
// write it with these same definitions.
import type { ActionName } from './appraisal.ts';
import type { ChainEvent } from './machine.ts';
import type { AppraisalRecord, Delegation } from './records.ts';

/** The machine's own final-ish state after the publish step. */
export const publishedState = 'published';

export type Cycle = 'normal' | 'appeal' | 'reopen';

/** One thing someone did, kept with the appraisal (the store's audit log keeps the full before → after). */
export interface TrailEntry {
  /** the step it was done at (or `published`) */
  step: string;
  action: ChainEvent['type'];
  /** absent when redacted for the employee (TR-3 lateral raters stay anonymous) */
  actor?: string;
  at: string;
  comment?: string;
  group?: string;
  /** the step a return or reopen sent the appraisal to */
  to?: string;
  anonymous?: true;
}

/**
 * The part of the machine's context a record keeps from one action to the next (who may act is drawn
 * from the directory each time): the one list, read into the machine by `act` and written back by `project`.
 */
export interface KeptContext {
  cycle: Cycle;
  /** groups that have submitted at the running group step */
  groupsDone: string[];
  /** a stack of the steps that returned the appraisal; the top one gets it back on resubmit */
  returns: string[];
  acknowledged: boolean;
  trail: TrailEntry[];
  /** the latest draft save (drafts are not kept in the trail: the store's audit log has each one) */
  lastDraft: TrailEntry | null;
}

/** What `record.workflow` holds: the machine's progress, JSON only. */
export interface WorkflowState extends KeptContext {
  /** the machine state: a step id, or `published` */
  state: string;
  /** what an assignee may do at the current step, for task lists drawn without the directory */
  actions: ActionName[];
  /** delegations that put someone among the assignees, so a task ends with its delegation */
  delegated: Delegation[];
  /** when the current step opens (W-SV statistics from the 10th) */
  startDate?: string;
}

/** Reads the workflow part of a record (tolerates a record opened before a field existed). */
export function workflowOf(record: AppraisalRecord): WorkflowState {
  const stored = record.workflow as Partial<WorkflowState>;
  return {
    state: stored.state ?? record.step,
    cycle: stored.cycle ?? 'normal',
    groupsDone: stored.groupsDone ?? [],
    returns: stored.returns ?? [],
    acknowledged: stored.acknowledged ?? false,
    trail: stored.trail ?? [],
    lastDraft: stored.lastDraft ?? null,
    actions: stored.actions ?? [],
    delegated: stored.delegated ?? [],
    ...(stored.startDate !== undefined ? { startDate: stored.startDate } : {}),
  };
}
