// Everything the inbox does to an appraisal, in one place: which actions the chain allows this reviewer
// (and the groups they still submit for), the view of the open task (the application service's: form
// mode, the items seen, edited and required), the one write path (`performAction`: the service's `act`
// — the pinned rubric, the chain, record + audit written together on top of the revision that was
// read), and what each outcome does to the list, the pane, the announcement and the events.
// "What happens after approve" is `InboxActions.approve` → `#settle`.
// A refusal and a lost race come back as values, so a bulk run can list them per employee.
import type { Rubric } from '@kaohe/scoring';
import { FORWARD_ACTIONS, buildView, isForward as forwardAction, sheetEdits, type AppraisalView, type KaoheService } from '@kaohe/service';
import type { KaoheStore } from '@kaohe/store';
import { allowedActions, businessDay, isGroupStep, pendingGroupsFor, timeZoneOf, workflowOf } from '@kaohe/workflow';
import type {
  ActContext, ActionName, AppraisalRecord, Chain, Delegation, Directory, Refusal, WorkCalendar, WorkflowAction,
} from '@kaohe/workflow';
import type { Locale } from '../base/locale.ts';
import type { RubricFormMode } from '../kaohe-rubric-form/rubric-form.ts';
import {
  KaoheApproveRequestEvent, KaoheDelegateRequestEvent, KaoheReturnRequestEvent, KaoheTaskActedEvent, KaoheTaskActionFailedEvent,
  type ForwardAction,
} from './inbox-events.ts';
import { actionLabel, inboxMsg } from './inbox-messages.ts';
import type { GridKeyboard } from './grid-keyboard.ts';
import { chainStep, type InboxRow } from './inbox-rows.ts';
import { recordToSend, withNewerRecord, type OpenTask } from './open-task.ts';
import type { TaskListController } from './task-list-controller.ts';

export const isForward = (action: ActionName): action is ForwardAction => forwardAction(action);
/** Bulk runs only what needs no per-task input: a group's submit names a group, a return a comment. */
export const bulkable = (action: ActionName): action is ForwardAction => isForward(action) && action !== 'group.submit';

export type ActionOutcome =
  | { ok: true; record: AppraisalRecord }
  | { ok: false; kind: 'refused'; reason: Refusal }
  /** someone else wrote first; `current` is what is stored now (never overwritten) */
  | { ok: false; kind: 'conflict'; message: string; current: AppraisalRecord | undefined }
  | { ok: false; kind: 'store'; message: string };

/**
 * One action through the application service, on top of the revision that was read. A refusal and a
 * lost race come back as values; the stored record is read back for the list (its own store).
 */
export async function performAction(
  service: KaoheService, store: KaoheStore, record: AppraisalRecord, actor: string, action: WorkflowAction, now: string, lend?: Delegation,
): Promise<ActionOutcome> {
  let result;
  try {
    result = await service.act(record.id, actor, action, {
      expectedRevision: record.revision, now, ...(lend ? { lend: { to: lend.to, start: lend.start, end: lend.end } } : {}),
    });
  } catch (error) {
    return { ok: false, kind: 'store', message: error instanceof Error ? error.message : String(error) };
  }
  if (result.ok) {
    const saved = await store.getAppraisal(record.id);
    return saved ? { ok: true, record: saved } : { ok: false, kind: 'store', message: `appraisal ${record.id} is gone` };
  }
  if (result.code === 'stale') {
    return { ok: false, kind: 'conflict', message: result.message, current: await store.getAppraisal(record.id).catch(() => undefined) };
  }
  if (result.code === 'unavailable') return { ok: false, kind: 'store', message: result.message };
  return { ok: false, kind: 'refused', reason: { code: result.code, message: result.message } as Refusal };
}

/** What the inbox is set up with, read afresh for every decision. */
export interface ActionSettings {
  store: KaoheStore | undefined;
  userId: string;
  directory: Directory;
  chains: Record<string, Chain>;
  calendar: WorkCalendar | undefined;
  /** the `now` property as set (undefined: the clock's), a key of the caches */
  now: string | undefined;
  rubricOf(record: AppraisalRecord): Rubric | undefined;
  /** the application service every write and the pane's view go through */
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
  loadAudit(id: string): Promise<void>;
  nameOf(personId: string): string;
  announce(text: string): void;
  problem: string;
  bulk: BulkRun | undefined;
}

/** The actions the pane offers for a task and how its form opens. */
export interface PaneActions {
  allowed: readonly ActionName[];
  mode: RubricFormMode;
  /** the service's view of the task for this reviewer (the form's items and comments); undefined while it loads */
  view: AppraisalView | undefined;
  canDelegate: boolean;
}

export class InboxActions {
  readonly #host: InboxActionsHost;
  #allowedCache = new WeakMap<AppraisalRecord, { key: readonly unknown[]; value: ActionName[] }>();
  #pendingCache = new WeakMap<AppraisalRecord, { key: readonly unknown[]; value: string[] }>();
  #viewCache = new WeakMap<AppraisalRecord, { key: readonly unknown[]; view: AppraisalView | undefined; loading: boolean }>();

  constructor(host: InboxActionsHost) {
    this.#host = host;
  }

  #nowIso(): string {
    return this.#host.settings().now ?? new Date().toISOString();
  }

  // ---- asking the chain ----

  contextFor(record: AppraisalRecord): ActContext | undefined {
    const settings = this.#host.settings();
    const chain = settings.chains[record.chainId];
    if (!chain) return undefined;
    const rubric = settings.rubricOf(record);
    // The record carries the delegations that put someone among its assignees (`workflow.delegated`,
    // written by the action taken under them). Handing them back keeps the delegate an actor here, and
    // keeps the delegation on the record through the next action, whether or not the host added it
    // to `directory.delegations`. Routing still checks each one's dates against `now`.
    const carried = workflowOf(record).delegated;
    return {
      actor: settings.userId,
      directory: settings.directory,
      chain,
      now: this.#nowIso(),
      ...(settings.calendar ? { calendar: settings.calendar } : {}),
      ...(rubric ? { rubric } : {}),
      ...(carried.length > 0 ? { delegations: carried } : {}),
    };
  }

  allowed(record: AppraisalRecord): ActionName[] {
    const { userId, directory, chains, calendar, now } = this.#host.settings();
    // Routing runs over the whole directory for every probe (~7 ms at 10,000 people): once per record
    // and setting, not once per render of the pane.
    const key = [userId, directory, chains, calendar, now] as const;
    const cached = this.#allowedCache.get(record);
    if (cached && cached.key.every((value, index) => value === key[index])) return cached.value;
    const ctx = this.contextFor(record);
    if (!ctx) return [];
    const { actor: _actor, ...rest } = ctx;
    const value = allowedActions(record, userId, rest);
    this.#allowedCache.set(record, { key, value });
    return value;
  }

  /** The groups the user (or whoever lent them the right) still submits for at a group step; a group edits only its items. */
  pendingGroups(record: AppraisalRecord): string[] {
    const { userId, directory, chains, calendar, now } = this.#host.settings();
    // Routed over the whole directory like `allowed`, and asked on every render of the pane: kept as long as its inputs.
    const key = [userId, directory, chains, calendar, now] as const;
    const cached = this.#pendingCache.get(record);
    if (cached && cached.key.every((value, index) => value === key[index])) return cached.value;
    const ctx = this.contextFor(record);
    const value = ctx ? pendingGroupsFor(record, userId, ctx) : [];
    this.#pendingCache.set(record, { key, value });
    return value;
  }

  forwardOf(record: AppraisalRecord): ForwardAction | undefined {
    const allowed = this.allowed(record);
    return FORWARD_ACTIONS.find((action) => allowed.includes(action));
  }

  /**
   * The service's view of the record for this reviewer, once it has been read: the form's mode and the
   * items it shows, edits and requires come from it. The first ask starts the read and repaints after.
   */
  view(record: AppraisalRecord): AppraisalView | undefined {
    const { userId, directory, chains, calendar, now, service } = this.#host.settings();
    const key = [userId, directory, chains, calendar, now, service] as const;
    const cached = this.#viewCache.get(record);
    if (cached && cached.key.every((value, index) => value === key[index])) return cached.view;
    const entry = { key, view: undefined as AppraisalView | undefined, loading: true };
    this.#viewCache.set(record, entry);
    // With the record, its pinned rubric and its chain at hand, the service's own view function answers
    // at once, so the pane paints with the right form in the frame it was opened in.
    const rubric = this.#host.settings().rubricOf(record);
    const chain = chains[record.chainId];
    if (rubric && chain) {
      entry.view = buildView({ record, viewerId: userId, rubric, chain, directory, now: this.#nowIso(), calendar });
      entry.loading = false;
      return entry.view;
    }
    if (service) {
      void service.view(record.id, userId, { history: false, ...(now !== undefined ? { now } : {}) }).then((view) => {
        entry.view = view;
        entry.loading = false;
        this.#host.requestUpdate();
      }, () => { entry.loading = false; });
    }
    return undefined;
  }

  /**
   * The pane's actions and form mode. Until the pane has painted once (`settled`), the actions the
   * step offers its assignees (carried by the row) stand in for the chain's exact answer; whatever
   * is pressed meanwhile is decided by the chain with the exact actions (approve, returnTask).
   */
  paneActions(open: OpenTask, listed: InboxRow | undefined): PaneActions {
    const record = open.record;
    const step = chainStep(this.#host.settings().chains, record.chainId, record.step);
    const allowed = !open.settled && listed?.record === record ? listed.actions : this.allowed(record);
    // The form's mode is the service's (one decision for the inbox and the embed's openForm); read-only while it loads.
    const view = this.view(record);
    const mode = view?.mode ?? 'readonly';
    const canDelegate = allowed.includes('draft.save') && !(step && isGroupStep(step));
    return { allowed, mode, view, canDelegate };
  }

  // ---- writing ----

  /**
   * Writes one action through `performAction` with this reviewer's context (plus `delegations` lent
   * by this very action). While it runs, store notices of the task wait for its outcome (`writing`).
   */
  async #write(record: AppraisalRecord, action: WorkflowAction): Promise<ActionOutcome> {
    const host = this.#host;
    host.list.writing(record.id);
    try {
      return await this.#perform(record, action);
    } finally {
      host.list.written(record.id);
    }
  }

  async #perform(record: AppraisalRecord, action: WorkflowAction, lend?: Delegation): Promise<ActionOutcome> {
    const ctx = this.contextFor(record);
    const { store, service, userId } = this.#host.settings();
    if (!ctx || !store || !service) {
      return { ok: false, kind: 'refused', reason: { code: 'invalidChain', message: `chain ${record.chainId} is not configured` } };
    }
    const outcome = await performAction(service, store, record, userId, action, this.#nowIso(), lend);
    if (outcome.ok) this.#host.list.ownWrite(outcome.record);
    return outcome;
  }

  #failureText(outcome: Exclude<ActionOutcome, { ok: true }>): string {
    const locale = this.#host.locale;
    if (outcome.kind === 'refused') return inboxMsg('refused', locale, { message: outcome.reason.message });
    if (outcome.kind === 'conflict') return inboxMsg('conflict', locale);
    return inboxMsg('storeFailed', locale, { message: outcome.message });
  }

  /** Handles what a single (non-bulk) action came to: the list, the pane, the announcement, the events. */
  async #settle(record: AppraisalRecord, action: ActionName, outcome: ActionOutcome): Promise<void> {
    const host = this.#host;
    const locale = host.locale;
    const name = host.nameOf(record.employeeId);
    if (outcome.ok) {
      const happened = host.list.reconcile(outcome.record, record.id);
      host.dispatchEvent(new KaoheTaskActedEvent(outcome.record, action));
      const acted = inboxMsg('acted', locale, { action: actionLabel(action, locale), name });
      host.announce(happened === 'left' ? `${acted} ${inboxMsg('taskLeft', locale)}` : acted);
      if (host.openTask?.id === record.id) {
        if (happened === 'left') host.closePane();
        else {
          host.openTask = { ...host.openTask, record: outcome.record, base: outcome.record, sheet: undefined, comment: '', returnComment: '', message: acted };
          void host.loadAudit(record.id);
        }
      }
      // The row below takes the place of the one that left, so a reviewer can keep pressing `a`.
      if (happened === 'left' && host.keys.activeId === record.id) host.keys.moveActiveAfterRemoval(record.id);
      host.requestUpdate();
      return;
    }
    let message = this.#failureText(outcome);
    host.dispatchEvent(new KaoheTaskActionFailedEvent(record.id, action,
      outcome.kind === 'refused' ? outcome.reason : { code: outcome.kind, message: outcome.message }));
    if (outcome.kind === 'conflict') {
      // Never a lost update: show what is stored now and let the reviewer decide again.
      const happened = host.list.reconcile(outcome.current, record.id);
      if (host.openTask?.id === record.id && outcome.current) {
        // What the person typed stays on screen (and in their draft); the form's banner says why.
        if (host.openTask.sheet !== undefined) message = inboxMsg('conflictKept', locale);
        host.openTask = withNewerRecord(host.openTask, outcome.current, message);
        void host.loadAudit(record.id);
      }
      if (happened === 'left') host.announce(`${message} ${inboxMsg('taskLeft', locale)}`);
      else host.announce(message);
    } else {
      host.announce(message);
    }
    if (host.openTask?.id === record.id) {
      host.openTask = { ...host.openTask, message };
    } else {
      host.problem = `${name}: ${message}`;
    }
    host.requestUpdate();
  }

  async #settleVeto(record: AppraisalRecord, action: ActionName): Promise<void> {
    const host = this.#host;
    const message = inboxMsg('vetoed', host.locale);
    host.dispatchEvent(new KaoheTaskActionFailedEvent(record.id, action, { code: 'vetoed', message }));
    if (host.openTask?.id === record.id) host.openTask = { ...host.openTask, message };
    host.announce(message);
  }

  /** The record an action on `id` starts from: the pane's when it is open, else the listed one. */
  #recordOf(id: string): AppraisalRecord | undefined {
    const open = this.#host.openTask;
    return open?.id === id ? open.record : this.#host.list.get(id)?.record;
  }

  // ---- the inbox's actions (its public methods call these) ----

  /** Approves (or submits, resubmits, publishes) one task: the step's forward action. */
  async approve(id: string, options: { comment?: string } = {}): Promise<void> {
    const host = this.#host;
    const shown = host.openTask?.id === id ? host.openTask : undefined;
    // Edits are sent against the revision they were typed on: a newer one by someone else is a conflict, not an overwrite.
    const record = shown ? recordToSend(shown) : host.list.get(id)?.record;
    if (!record) return;
    const action = this.forwardOf(record);
    if (!action) {
      const message = inboxMsg('noActions', host.locale);
      if (host.openTask?.id === id) host.openTask = { ...host.openTask, message };
      host.announce(message);
      return;
    }
    const request = new KaoheApproveRequestEvent(record, action, false);
    host.dispatchEvent(request);
    if (request.defaultPrevented) {
      await this.#settleVeto(record, action);
      return;
    }
    const open = host.openTask?.id === id ? host.openTask : undefined;
    // Only what this reviewer may edit, compared by content (canonical JSON); the view says which items.
    const view = this.view(record);
    const edits = open?.sheet ? sheetEdits(record.sheet, open.sheet, view?.editableItems, view?.editsAttendance ?? true) : {};
    const comment = options.comment ?? open?.comment ?? '';
    const group = action === 'group.submit' ? this.pendingGroups(record)[0] : undefined;
    const workflowAction = {
      type: action,
      ...edits,
      ...(comment.trim() !== '' ? { comment: comment.trim() } : {}),
      ...(group !== undefined ? { group } : {}),
    } as WorkflowAction;
    await this.#settle(record, action, await this.#write(record, workflowAction));
  }

  /** Returns one task to an earlier step; a comment saying what to change is required. */
  async returnTask(id: string, to: string, comment: string): Promise<void> {
    const host = this.#host;
    const record = this.#recordOf(id);
    if (!record) return;
    if (comment.trim() === '') {
      const message = inboxMsg('commentRequired', host.locale);
      if (host.openTask?.id === id) host.openTask = { ...host.openTask, message };
      host.announce(message);
      host.keys.focusAfterUpdate(() => host.keys.focusReturnComment());
      return;
    }
    const request = new KaoheReturnRequestEvent(record, to, comment.trim());
    host.dispatchEvent(request);
    if (request.defaultPrevented) {
      await this.#settleVeto(record, 'step.return');
      return;
    }
    await this.#settle(record, 'step.return', await this.#write(record, { type: 'step.return', to, comment: comment.trim() }));
  }

  /** Lends the task to `to` from today until `until` (see KaoheInbox.delegate for what the host keeps). */
  async delegate(id: string, to: string, until: string): Promise<void> {
    const host = this.#host;
    const record = this.#recordOf(id);
    if (!record || !to) return;
    const today = businessDay(this.#nowIso(), timeZoneOf(host.settings().calendar));
    const delegation = { from: host.settings().userId, to, start: today, end: until || today };
    const request = new KaoheDelegateRequestEvent(record, delegation);
    host.dispatchEvent(request);
    if (request.defaultPrevented) {
      await this.#settleVeto(record, 'draft.save');
      return;
    }
    if (!this.contextFor(record) || !host.settings().store) return;
    // The delegation is written by a draft save made under it, so the chain re-routes the task at once.
    const comment = inboxMsg('delegated', 'en', { name: host.nameOf(to) });
    const outcome = await this.#perform(record, { type: 'draft.save', comment }, delegation);
    await this.#settle(record, 'draft.save', outcome);
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
      const record = host.list.get(row.id)?.record ?? row.record;
      const request = new KaoheApproveRequestEvent(record, action, true);
      host.dispatchEvent(request);
      let failure: string | undefined;
      if (request.defaultPrevented) {
        failure = inboxMsg('vetoed', locale);
      } else {
        const outcome = await this.#write(record, { type: action } as WorkflowAction);
        if (outcome.ok) {
          run.ok++;
          host.list.reconcile(outcome.record, record.id);
          host.dispatchEvent(new KaoheTaskActedEvent(outcome.record, action));
        } else {
          failure = this.#failureText(outcome);
          if (outcome.kind === 'conflict') host.list.reconcile(outcome.current, record.id);
          host.dispatchEvent(new KaoheTaskActionFailedEvent(record.id, action,
            outcome.kind === 'refused' ? outcome.reason : { code: outcome.kind, message: outcome.message }));
        }
      }
      if (failure !== undefined) run.failures.push({ id: record.id, name: host.nameOf(record.employeeId), message: failure });
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
