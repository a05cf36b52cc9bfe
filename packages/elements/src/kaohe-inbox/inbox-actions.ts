// Everything the inbox does to an appraisal, in one place: the one write path (`performAction`: the
// application service's `act`, on top of the revision that was read — the service loads the pinned
// rubric and the chain, decides, and writes record + audit together), and what each outcome does to
// the list, the pane, the announcement and the events. Which actions the reviewer has, the form's
// mode and items and the forward action all come from the service's view of the task; nothing here
// asks the chain itself. "What happens after approve" is `InboxActions.approve` → `#settle`.
// A refusal and a lost race come back as values, so a bulk run can list them per employee.
import { isForward as forwardAction, sheetEdits, type ActResult, type AppraisalView, type KaoheService, type TaskAppraisal } from '@kaohe/service';
import { businessDay, timeZoneOf } from '@kaohe/workflow';
import type { ActionName, Delegation, Refusal, WorkCalendar, WorkflowAction } from '@kaohe/workflow';
import type { Locale } from '../base/locale.ts';
import type { RubricFormMode } from '../kaohe-rubric-form/rubric-form.ts';
import {
  KaoheApproveRequestEvent, KaoheDelegateRequestEvent, KaoheReturnRequestEvent, KaoheTaskActedEvent, KaoheTaskActionFailedEvent,
  type ForwardAction,
} from './inbox-events.ts';
import { actionLabel, inboxMsg } from './inbox-messages.ts';
import type { GridKeyboard } from './grid-keyboard.ts';
import type { InboxRow } from './inbox-rows.ts';
import { viewToSend, withNewerView, type OpenTask } from './open-task.ts';
import type { TaskListController } from './task-list-controller.ts';

export const isForward = (action: ActionName): action is ForwardAction => forwardAction(action);
/** Bulk runs only what needs no per-task input: a group's submit names a group, a return a comment. */
export const bulkable = (action: ActionName): action is ForwardAction => isForward(action) && action !== 'group.submit';

export type ActionOutcome =
  /** `view`: the appraisal as the actor may see it now; absent where they may not any more */
  | { ok: true; revision: number; view: AppraisalView | undefined }
  | { ok: false; kind: 'refused'; reason: Refusal }
  /** someone else wrote first; `current` is the appraisal as it stands now, as the actor may see it (never overwritten) */
  | { ok: false; kind: 'conflict'; message: string; current: AppraisalView | undefined }
  | { ok: false; kind: 'store'; message: string }
  /** the server cannot be reached: the action waits in this browser's outbox, and is settled when the outbox has sent it */
  | { ok: false; kind: 'queued' };

/** What the service answered, as the inbox tells outcomes apart. */
function outcomeOf(result: ActResult): ActionOutcome {
  if (result.ok) return { ok: true, revision: result.revision, view: result.appraisal };
  if (result.code === 'stale') return { ok: false, kind: 'conflict', message: result.message, current: result.appraisal };
  if (result.code === 'unavailable') return { ok: false, kind: 'store', message: result.message };
  if (result.code === 'offline') return { ok: false, kind: 'queued' };
  return { ok: false, kind: 'refused', reason: { code: result.code, message: result.message } as Refusal };
}

/** One action through the application service, on top of the revision that was read. A refusal and a lost race come back as values. */
async function performAction(
  service: KaoheService, view: Pick<TaskAppraisal, 'id' | 'revision'>, actor: string, action: WorkflowAction, now: string | undefined, lend?: Delegation,
): Promise<ActionOutcome> {
  let result;
  try {
    result = await service.act(view.id, actor, action, {
      expectedRevision: view.revision, ...(now !== undefined ? { now } : {}), ...(lend ? { lend: { to: lend.to, start: lend.start, end: lend.end } } : {}),
    });
  } catch (error) {
    return { ok: false, kind: 'store', message: error instanceof Error ? error.message : String(error) };
  }
  return outcomeOf(result);
}

/** What the inbox is set up with, read afresh for every action. */
export interface ActionSettings {
  userId: string;
  calendar: WorkCalendar | undefined;
  /** the `now` property as set (undefined: the service's clock) */
  now: string | undefined;
  /** the application service every write goes through */
  service: KaoheService | undefined;
}

/** One task of a bulk run, as the bulk bar shows it. */
export interface BulkRun {
  action: ForwardAction;
  total: number;
  done: number;
  ok: number;
  running: boolean;
  failures: Array<{ id: string; name: string; message: string }>;
}

/** What an outcome touches in the inbox: its list, its pane, what it says. */
export interface InboxActionsHost {
  readonly locale: Locale;
  settings(): ActionSettings;
  dispatchEvent(event: Event): boolean;
  requestUpdate(): void;
  /** the task list: what is listed, and what this element writes (its notices are then skipped) */
  readonly list: Pick<TaskListController, 'get' | 'has' | 'reconcile' | 'writing' | 'written' | 'ownWrite'>;
  /** the active row, the selection and focus */
  readonly keys: Pick<GridKeyboard, 'activeId' | 'selected' | 'prune' | 'moveActiveAfterRemoval' | 'focusAfterUpdate' | 'focusReturnComment'>;
  /** the tasks as shown, filtered and sorted */
  visible(): readonly InboxRow[];
  openTask: OpenTask | undefined;
  closePane(restoreFocus?: boolean): void;
  /** reads the open task's view again with its history */
  loadHistory(id: string): Promise<void>;
  nameOf(personId: string): string;
  announce(text: string): void;
  /** an action on the task went through: the comments kept for it have served */
  acted(id: string): void;
  problem: string;
  bulk: BulkRun | undefined;
}

/** The actions the pane offers for a task and how its form opens: all of it the service's view. */
export interface PaneActions {
  allowed: readonly ActionName[];
  mode: RubricFormMode;
  view: AppraisalView;
  canDelegate: boolean;
}

export class InboxActions {
  readonly #host: InboxActionsHost;
  /** Actions this inbox left in the outbox while offline, by task: the outbox's answer settles them (`sent`). */
  readonly #queued = new Map<string, { view: TaskAppraisal; action: ActionName }>();

  constructor(host: InboxActionsHost) {
    this.#host = host;
  }

  /** The step's forward action for this reviewer (the view's `submit`), if any. */
  forwardOf(view: TaskAppraisal): ForwardAction | undefined {
    return view.submit?.type;
  }

  /**
   * The pane's actions and form mode, from the service's view of the task for this reviewer. Lending
   * is offered where they may save a draft outside a group step (a group's members are the chain's).
   */
  paneActions(open: OpenTask): PaneActions {
    const view = open.view;
    const allowed = view.allowedActions;
    const canDelegate = allowed.includes('draft.save') && view.groups.length === 0;
    return { allowed, mode: view.mode, view, canDelegate };
  }

  // ---- writing ----

  /** Writes one action through `performAction`. While it runs, notices of the task wait for its outcome (`writing`). */
  async #write(view: TaskAppraisal, action: WorkflowAction, lend?: Delegation): Promise<ActionOutcome> {
    const host = this.#host;
    host.list.writing(view.id);
    try {
      const { service, userId, now } = host.settings();
      if (!service) return { ok: false, kind: 'store', message: 'no service to act through' };
      const outcome = await performAction(service, view, userId, action, now, lend);
      if (outcome.ok) host.list.ownWrite(view.id, outcome.revision);
      return outcome;
    } finally {
      host.list.written(view.id);
    }
  }

  #failureText(outcome: Exclude<ActionOutcome, { ok: true }>): string {
    const locale = this.#host.locale;
    if (outcome.kind === 'refused') return inboxMsg('refused', locale, { message: outcome.reason.message });
    if (outcome.kind === 'conflict') {
      // Who acted since the task was read, as far as the reviewer may learn it, and where it stands now.
      const by = outcome.current?.updatedBy;
      const who = by === undefined || by === 'anonymous' ? inboxMsg('someoneElse', locale)
        : by === this.#host.settings().userId ? inboxMsg('youElsewhere', locale) : this.#host.nameOf(by);
      return inboxMsg('conflict', locale, { who, step: outcome.current?.stepLabel[locale] ?? '' });
    }
    if (outcome.kind === 'queued') return inboxMsg('queued', locale);
    return inboxMsg('storeFailed', locale, { message: outcome.message });
  }

  /** Handles what a single (non-bulk) action came to: the list, the pane, the announcement, the events. */
  async #settle(view: TaskAppraisal, action: ActionName, outcome: ActionOutcome): Promise<void> {
    const host = this.#host;
    const locale = host.locale;
    const name = host.nameOf(view.employeeId);
    if (outcome.ok) {
      host.acted(view.id);
      // Not listed after it: it left now, or (an action sent from the outbox) its notice took it off already.
      const left = host.list.reconcile(outcome.view, view.id) === 'left' || !host.list.has(view.id);
      host.dispatchEvent(new KaoheTaskActedEvent(view.id, outcome.revision, action, outcome.view));
      const acted = inboxMsg('acted', locale, { action: actionLabel(action, locale), name });
      host.announce(left ? `${acted} ${inboxMsg('taskLeft', locale)}` : acted);
      if (host.openTask?.id === view.id) {
        if (left || !outcome.view) host.closePane();
        else {
          host.openTask = { ...host.openTask, view: outcome.view, base: outcome.view, sheet: undefined, comment: '', returnComment: '', message: acted };
          void host.loadHistory(view.id);
        }
      }
      // The row below takes the place of the one that left, so a reviewer can keep pressing `a`.
      if (left && host.keys.activeId === view.id) host.keys.moveActiveAfterRemoval(view.id);
      host.requestUpdate();
      return;
    }
    if (outcome.kind === 'queued') {
      // Not a refusal: it is kept and sent when the server answers again; `sent` settles it then.
      this.#queued.set(view.id, { view, action });
      const message = inboxMsg('queued', locale);
      if (host.openTask?.id === view.id) host.openTask = { ...host.openTask, message };
      host.announce(message);
      host.requestUpdate();
      return;
    }
    let message = this.#failureText(outcome);
    host.dispatchEvent(new KaoheTaskActionFailedEvent(view.id, action,
      outcome.kind === 'refused' ? outcome.reason : { code: outcome.kind, message: outcome.message }));
    if (outcome.kind === 'conflict') {
      // Never a lost update: show what is stored now and let the reviewer decide again.
      const happened = host.list.reconcile(outcome.current, view.id);
      if (host.openTask?.id === view.id && outcome.current) {
        // What the person typed stays on screen (and in their draft); the form's banner says why.
        if (host.openTask.sheet !== undefined) message = inboxMsg('conflictKept', locale);
        host.openTask = withNewerView(host.openTask, outcome.current, message);
        void host.loadHistory(view.id);
      }
      if (happened === 'left') host.announce(`${message} ${inboxMsg('taskLeft', locale)}`);
      else host.announce(message);
    } else {
      host.announce(message);
    }
    if (host.openTask?.id === view.id) {
      host.openTask = { ...host.openTask, message };
    } else {
      host.problem = `${name}: ${message}`;
    }
    host.requestUpdate();
  }

  async #settleVeto(view: TaskAppraisal, action: ActionName): Promise<void> {
    const host = this.#host;
    const message = inboxMsg('vetoed', host.locale);
    host.dispatchEvent(new KaoheTaskActionFailedEvent(view.id, action, { code: 'vetoed', message }));
    if (host.openTask?.id === view.id) host.openTask = { ...host.openTask, message };
    host.announce(message);
  }

  /** An action of this inbox on `id` waits in the outbox: newer revisions of it may be its own, and wait for `sent`. */
  waitsInOutbox(id: string): boolean {
    return this.#queued.has(id);
  }

  /**
   * The outbox sent an action and the server answered. One this inbox queued settles as if sent at once
   * (the revision it wrote is its own, not someone else's); others are not this inbox's to say.
   */
  async sent(appraisalId: string, result: ActResult): Promise<void> {
    const queued = this.#queued.get(appraisalId);
    if (!queued) return;
    this.#queued.delete(appraisalId);
    const outcome = outcomeOf(result);
    if (outcome.ok) this.#host.list.ownWrite(appraisalId, outcome.revision);
    await this.#settle(queued.view, queued.action, outcome);
  }

  /** The view an action on `id` starts from: the pane's when it is open, else the listed row. */
  #viewOf(id: string): TaskAppraisal | undefined {
    const open = this.#host.openTask;
    return open?.id === id ? open.view : this.#host.list.get(id)?.appraisal;
  }

  // ---- the inbox's actions (its public methods call these) ----

  /** Approves (or submits, resubmits, publishes) one task: the step's forward action. */
  async approve(id: string, options: { comment?: string } = {}): Promise<void> {
    const host = this.#host;
    const shown = host.openTask?.id === id ? host.openTask : undefined;
    // Edits are sent against the revision they were typed on: a newer one by someone else is a conflict, not an overwrite.
    const sent = shown ? viewToSend(shown) : undefined;
    const view: TaskAppraisal | undefined = sent ?? host.list.get(id)?.appraisal;
    if (!view) return;
    const action = this.forwardOf(view);
    if (!action) {
      const message = inboxMsg('noActions', host.locale);
      if (host.openTask?.id === id) host.openTask = { ...host.openTask, message };
      host.announce(message);
      return;
    }
    const request = new KaoheApproveRequestEvent(view, action, false);
    host.dispatchEvent(request);
    if (request.defaultPrevented) {
      await this.#settleVeto(view, action);
      return;
    }
    const open = host.openTask?.id === id ? host.openTask : undefined;
    // Only what this reviewer may edit, compared by content (canonical JSON); the view says which items.
    const edits = sent && open?.sheet ? sheetEdits(sent.sheet, open.sheet, sent.editableItems, sent.editsAttendance) : {};
    const comment = options.comment ?? open?.comment ?? '';
    const group = action === 'group.submit' ? view.submit?.group : undefined;
    const workflowAction = {
      type: action,
      ...edits,
      ...(comment.trim() !== '' ? { comment: comment.trim() } : {}),
      ...(group !== undefined ? { group } : {}),
    } as WorkflowAction;
    await this.#settle(view, action, await this.#write(view, workflowAction));
  }

  /** Returns one task to an earlier step; a comment saying what to change is required. */
  async returnTask(id: string, to: string, comment: string): Promise<void> {
    const host = this.#host;
    const view = this.#viewOf(id);
    if (!view) return;
    if (comment.trim() === '') {
      const message = inboxMsg('commentRequired', host.locale);
      if (host.openTask?.id === id) host.openTask = { ...host.openTask, message };
      host.announce(message);
      host.keys.focusAfterUpdate(() => host.keys.focusReturnComment());
      return;
    }
    const request = new KaoheReturnRequestEvent(view, to, comment.trim());
    host.dispatchEvent(request);
    if (request.defaultPrevented) {
      await this.#settleVeto(view, 'step.return');
      return;
    }
    await this.#settle(view, 'step.return', await this.#write(view, { type: 'step.return', to, comment: comment.trim() }));
  }

  /** Lends the task to `to` from today until `until` (see KaoheInbox.delegate for what the host keeps). */
  async delegate(id: string, to: string, until: string): Promise<void> {
    const host = this.#host;
    const view = this.#viewOf(id);
    if (!view || !to) return;
    const { userId, calendar, now } = host.settings();
    const today = businessDay(now ?? new Date().toISOString(), timeZoneOf(calendar));
    const delegation = { from: userId, to, start: today, end: until || today };
    const request = new KaoheDelegateRequestEvent(view, delegation);
    host.dispatchEvent(request);
    if (request.defaultPrevented) {
      await this.#settleVeto(view, 'draft.save');
      return;
    }
    // The delegation is written by a draft save made under it, so the chain re-routes the task at once.
    const comment = inboxMsg('delegated', 'en', { name: host.nameOf(to) });
    const outcome = await this.#write(view, { type: 'draft.save', comment }, delegation);
    await this.#settle(view, 'draft.save', outcome);
    if (outcome.ok) host.announce(inboxMsg('delegated', host.locale, { name: host.nameOf(to) }));
  }

  /** Approves every selected task that is shown, one after the other, listing what could not be done. */
  async approveSelected(action: ForwardAction): Promise<BulkRun> {
    const host = this.#host;
    const locale = host.locale;
    const targets = host.visible().filter((row) => host.keys.selected.has(row.id));
    const run: BulkRun = { action, total: targets.length, done: 0, ok: 0, running: true, failures: [] };
    host.bulk = run;
    for (const row of targets) {
      const view = host.list.get(row.id)?.appraisal ?? row.appraisal;
      const request = new KaoheApproveRequestEvent(view, action, true);
      host.dispatchEvent(request);
      let failure: string | undefined;
      if (request.defaultPrevented) {
        failure = inboxMsg('vetoed', locale);
      } else {
        const outcome = await this.#write(view, { type: action } as WorkflowAction);
        if (outcome.ok) {
          run.ok++;
          host.acted(view.id);
          host.list.reconcile(outcome.view, view.id);
          host.dispatchEvent(new KaoheTaskActedEvent(view.id, outcome.revision, action, outcome.view));
        } else {
          failure = this.#failureText(outcome);
          if (outcome.kind === 'conflict') host.list.reconcile(outcome.current, view.id);
          // one that waits in the outbox is listed with why (it is not done yet) but has not failed
          if (outcome.kind !== 'queued') {
            host.dispatchEvent(new KaoheTaskActionFailedEvent(view.id, action,
              outcome.kind === 'refused' ? outcome.reason : { code: outcome.kind, message: outcome.message }));
          }
        }
      }
      if (failure !== undefined) run.failures.push({ id: view.id, name: host.nameOf(view.employeeId), message: failure });
      run.done++;
      host.bulk = { ...run, failures: [...run.failures] };
    }
    run.running = false;
    const done = { ...run, failures: [...run.failures] };
    host.bulk = done;
    host.keys.prune((id) => host.list.has(id));
    if (host.openTask && !host.list.has(host.openTask.id)) host.closePane(false);
    const summary = inboxMsg('bulkDone', locale, { action: actionLabel(action, locale), ok: run.ok, total: run.total });
    host.announce(run.failures.length > 0 ? `${summary}. ${inboxMsg('bulkFailures', locale)}: ${run.failures.length}` : summary);
    return done;
  }
}
