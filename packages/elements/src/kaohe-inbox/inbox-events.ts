// The events kaohe-inbox fires. Requests come first and are cancelable: a host page that must veto
// an approval or a return (its own permission check, a confirmation dialog) calls preventDefault()
// and nothing is written. The outcome events follow only for what was written to the store.
import type { Sheet } from '@kaohe/scoring';
import type { AppraisalView, TaskAppraisal } from '@kaohe/service';
import type { ActionName, Delegation, ForwardAction, Refusal } from '@kaohe/workflow';
import { init } from '../events.ts';
import type { OpenTaskEdit } from './open-task.ts';

/** The forward actions of a step: approve, submit, resubmit, a group's submit, publish (workflow's FORWARD_ACTIONS). */
export type { ForwardAction };

/**
 * The reviewer asked to move a task forward (approve, submit, publish …), alone or as part of a
 * bulk approval. Cancelable: a prevented request is not written and, in bulk, is listed as refused.
 */
export class KaoheApproveRequestEvent extends Event {
  static readonly eventName = 'kaohe-approve-request';
  constructor(
    /** the task as the reviewer sees it: the open task's view, or the listed row (a bulk run's) */
    readonly appraisal: TaskAppraisal | AppraisalView,
    readonly action: ForwardAction,
    /** true when the request is one of a bulk approval */
    readonly bulk: boolean,
  ) {
    super(KaoheApproveRequestEvent.eventName, init(true));
  }
}

/** The reviewer asked to return a task to an earlier step with a comment. Cancelable. */
export class KaoheReturnRequestEvent extends Event {
  static readonly eventName = 'kaohe-return-request';
  constructor(
    readonly appraisal: TaskAppraisal | AppraisalView,
    readonly to: string,
    readonly comment: string,
  ) {
    super(KaoheReturnRequestEvent.eventName, init(true));
  }
}

/**
 * The reviewer asked to lend this task to someone else. Cancelable. Once written, the record itself
 * carries the delegation while the task stays at steps its lender acts at, and the inbox hands it
 * back to the chain, so the delegate can act at once. The host should still add `delegation` to
 * `directory.delegations` and persist it: a task returned to an earlier step drops the record's copy,
 * and only the directory's brings the delegate back when the task reaches the lender again.
 */
export class KaoheDelegateRequestEvent extends Event {
  static readonly eventName = 'kaohe-delegate-request';
  constructor(
    readonly appraisal: TaskAppraisal | AppraisalView,
    readonly delegation: Delegation,
  ) {
    super(KaoheDelegateRequestEvent.eventName, init(true));
  }
}

/**
 * An action was accepted by the chain and written (revision `revision`); `appraisal` is how the
 * reviewer may see it now, absent where they may not any more.
 */
export class KaoheTaskActedEvent extends Event {
  static readonly eventName = 'kaohe-task-acted';
  constructor(
    readonly appraisalId: string,
    readonly revision: number,
    readonly action: ActionName,
    readonly appraisal: AppraisalView | undefined,
  ) {
    super(KaoheTaskActedEvent.eventName, init());
  }
}

/**
 * An action was not written: the chain refused it (`reason`), the host vetoed it, or someone else
 * changed the appraisal first (`conflict`; the inbox has reloaded it).
 */
export class KaoheTaskActionFailedEvent extends Event {
  static readonly eventName = 'kaohe-task-action-failed';
  constructor(
    readonly appraisalId: string,
    readonly action: ActionName,
    readonly reason: Refusal | { code: 'conflict' | 'vetoed' | 'store'; message: string },
  ) {
    super(KaoheTaskActionFailedEvent.eventName, init());
  }
}

/** A task was opened in the detail pane. */
export class KaoheTaskOpenEvent extends Event {
  static readonly eventName = 'kaohe-task-open';
  constructor(readonly appraisal: AppraisalView) {
    super(KaoheTaskOpenEvent.eventName, init());
  }
}

// ---- kaohe-task-pane → kaohe-inbox: what the reviewer asked for in the detail pane ----
// The pane decides nothing: the inbox owns the open task and runs every action (inbox-actions.ts).

/** The reviewer typed or chose something in the pane (a comment, a return target, the form's sheet …). */
export class KaoheTaskPaneEditEvent extends Event {
  static readonly eventName = 'kaohe-task-pane-edit';
  constructor(readonly edit: OpenTaskEdit) {
    super(KaoheTaskPaneEditEvent.eventName, init());
  }
}

/** What a button (or the form's submit) in the pane asks for. */
export type TaskPaneIntent =
  | { type: 'approve' }
  /** the form was submitted with `sheet`: the step's forward action follows */
  | { type: 'submit'; sheet: Sheet }
  | { type: 'return'; to: string; comment: string }
  | { type: 'delegate'; to: string; until: string }
  | { type: 'close' }
  /** read the history again (after it could not be read) */
  | { type: 'history' };

/** The reviewer asked the pane for an action on its task. */
export class KaoheTaskPaneIntentEvent extends Event {
  static readonly eventName = 'kaohe-task-pane-intent';
  constructor(
    readonly taskId: string,
    readonly intent: TaskPaneIntent,
  ) {
    super(KaoheTaskPaneIntentEvent.eventName, init());
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kaohe-approve-request': KaoheApproveRequestEvent;
    'kaohe-return-request': KaoheReturnRequestEvent;
    'kaohe-delegate-request': KaoheDelegateRequestEvent;
    'kaohe-task-acted': KaoheTaskActedEvent;
    'kaohe-task-action-failed': KaoheTaskActionFailedEvent;
    'kaohe-task-open': KaoheTaskOpenEvent;
    'kaohe-task-pane-edit': KaoheTaskPaneEditEvent;
    'kaohe-task-pane-intent': KaoheTaskPaneIntentEvent;
  }
}
