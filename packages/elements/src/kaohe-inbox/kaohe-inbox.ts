import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { cssProps } from '../base/css-props.ts';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Rubric } from '@kaohe/scoring';
import { serviceDraftStore, type AppraisalView, type KaoheService, type createService as CreateService } from '@kaohe/service';
import type { DraftStore, KaoheStore } from '@kaohe/store';
import { chainPresets, timeZoneOf } from '@kaohe/workflow';
import type { Chain, Directory, Person, WorkCalendar } from '@kaohe/workflow';
import { formatDay } from '../base/date-format.ts';
import { KaoheElement } from '../base/kaohe-element.ts';
import type { OutboxStatusSource } from '../kaohe-outbox-status/kaohe-outbox-status.ts';
import { bulkable, InboxActions, type BulkRun, type InboxActionsHost } from './inbox-actions.ts';
import { KaoheTaskOpenEvent, KaoheTaskPaneEditEvent, KaoheTaskPaneIntentEvent, type ForwardAction } from './inbox-events.ts';
import { actionLabel, inboxMsg, roleLabel, statusLabel, type InboxMessageKey } from './inbox-messages.ts';
import {
  commonActions, defaultView, loadView, peopleById, saveView, sortColumns,
  rubricFor, type InboxRow, type InboxView, type RubricSource, type SortColumn,
} from './inbox-rows.ts';
import { GridKeyboard } from './grid-keyboard.ts';
import { KaoheTaskPane } from './kaohe-task-pane.ts';
import { inboxStyles } from './kaohe-inbox.styles.ts';
import { KeptPaneComments } from './kept-comments.ts';
import { openTaskOf, withNewerView, type OpenTask } from './open-task.ts';
import { RowWindow } from './row-window.ts';
import { TaskListController, type Reconciled } from './task-list-controller.ts';

// Where to change what (the inbox is split along its seams):
// - the task list — paging through service.tasks, live notices (service.subscribe), ordering: task-list-controller.ts
// - what an action does — writes through service.act, what happens after approve: inbox-actions.ts
// - keys, the active row, the selection, focus: grid-keyboard.ts
// - the detail pane's markup: kaohe-task-pane.ts (it sends intents; this element acts on them)
// This file holds the element: its properties, the filters, counts, bulk bar and grid, and the wiring.

/**
 * Every row is this tall (the styles fix it as --_row-height), so the list never measures a row:
 * scrolling 10,000 tasks only computes which rows a scroll offset shows.
 */
const ROW_HEIGHT = 40;

/**
 * The application service over a store, for an inbox given `store` and no `service` (the elements
 * without Kaohe): imported by the first such inbox, so an inbox handed its service — the server's
 * client, or the page's own from Kaohe.configure — never loads the workflow machine (xstate) itself.
 */
let makeService: typeof CreateService | undefined;
let makerLoading: Promise<unknown> | undefined;
function loadServiceMaker(): Promise<unknown> {
  if (!makerLoading) {
    const started = import('@kaohe/service/service').then((module) => { makeService = module.createService; });
    makerLoading = started;
    started.catch(() => { if (makerLoading === started) makerLoading = undefined; });
  }
  return makerLoading;
}

/**
 * The server could not be reached and nothing was remembered for the read (@kaohe/client's
 * KaoheOfflineError, known by its name: the elements do not import the client).
 */
const isOffline = (error: unknown): boolean => error instanceof Error && error.name === 'KaoheOfflineError';

const columnKeys: Record<SortColumn, InboxMessageKey> = {
  employee: 'employee', number: 'number', role: 'role', region: 'region', period: 'period', step: 'step', due: 'due', score: 'score', state: 'state',
};
/** The number column lives inside the employee cell; it stays sortable from the view, not a header. */
const headerColumns = sortColumns.filter((column) => column !== 'number');

/**
 * @customElement kaohe-inbox
 * The approval inbox: the signed-in reviewer's tasks as the application service shows them (the
 * page's own over `store`, or the server's), filtered, searched and sorted, opened one at a time in a
 * detail pane (rubric form, history, the actions the chain allows — all the service's view) or
 * approved in bulk. The list follows the service's live notices: other tabs, or other people on the server.
 *
 * Keyboard (on the task list):
 * - ↑ / ↓, Page Up / Page Down, Home / End: move through the tasks
 * - Enter: open the task in the detail pane (its heading takes focus)
 * - Space: select or unselect the task for a bulk action
 * - a: approve (or submit, resubmit, publish — the step's forward action) the task
 * - r: open the task to return it; focus goes to the return comment box
 * - Escape (in the pane): close it; focus returns to the task's row (comments typed in it are kept for the task)
 * Column headers are buttons: Enter or a click sorts by the column, again to reverse.
 *
 * @fires kaohe-approve-request - cancelable, before a forward action is written (also once per task of a bulk run)
 * @fires kaohe-return-request - cancelable, before a return is written
 * @fires kaohe-delegate-request - cancelable, before a task is lent to someone else
 * @fires kaohe-task-acted - the service accepted and wrote an action (its new revision, and the task as the reviewer now sees it)
 * @fires kaohe-task-action-failed - an action was refused, vetoed or lost a race (nothing was overwritten)
 * @fires kaohe-task-open - a task was opened in the detail pane
 * @csspart heading - the inbox heading
 * @csspart filters - the filter and search bar
 * @csspart counts - the counts per state
 * @csspart bulk - the bulk-action bar with its progress
 * @csspart grid - the task list
 * @csspart detail - the detail pane
 * @cssprop --kaohe-inbox-height - the list's height (default 28rem)
 * @cssprop --kaohe-inbox-columns - the grid template of a row
 */
export class KaoheInbox extends KaoheElement {
  static override styles = [...KaoheElement.styles, inboxStyles];

  /** Defines the inbox's tag and, with it, its detail pane's (`kaohe-task-pane`), both guarded. */
  static override define(this: CustomElementConstructor & { kaoheVersion?: string }, tag: string): void {
    KaoheTaskPane.define('kaohe-task-pane');
    KaoheElement.define.call(this, tag);
  }

  /**
   * The page's own store (the IndexedDB mode), for a host that hands no `service`: the inbox then
   * builds the application service over it and reads and writes only through that.
   */
  @property({ attribute: false }) store: KaoheStore | undefined;
  /** With a server (Kaohe.configure({ server })): its client's outbox, so the element says when it is offline and what waits. */
  @property({ attribute: false }) outbox: OutboxStatusSource | undefined;
  /** The host's org directory: the names the rows show (and, with `store`, the service's people). */
  @property({ attribute: false }) directory: Directory = { people: [] };
  /** The signed-in reviewer. */
  @property({ attribute: 'user-id' }) userId = '';
  /** With `store`: the rubrics appraisals pinned, by `${id}@${version}`, or a resolver, for the service built over it. */
  @property({ attribute: false }) rubrics: RubricSource | undefined;
  /** Chains by id (default: the W-* presets): with `store`, the service's; else only the names of steps. */
  @property({ attribute: false }) chains: Record<string, Chain> = chainPresets;
  /**
   * The company's work calendar: its `timeZone` decides which day it is (overdue, delegations) and
   * the clock times in the history are shown on; due dates move off its closed days.
   */
  @property({ attribute: false }) calendar: WorkCalendar | undefined;
  /** The time actions are stamped with and overdue is judged by (ISO); unset, the clock's. */
  @property() now: string | undefined;
  /**
   * The application service the inbox reads, follows and acts through — its only source (`Kaohe.configure`
   * hands the page's, the server's client in server mode). Unset: one over `store`, `directory`,
   * `chains`, `rubrics` and `calendar`.
   */
  @property({ attribute: false }) service: KaoheService | undefined;

  #ownService: { store: KaoheStore; calendar: WorkCalendar | undefined; service: KaoheService } | undefined;

  #service(): KaoheService | undefined {
    if (this.service) return this.service;
    const store = this.store;
    if (!store) return undefined;
    const own = this.#ownService;
    if (own && own.store === store && own.calendar === this.calendar) return own.service;
    // the maker is imported first (see loadServiceMaker; #load waits for it)
    if (!makeService) return undefined;
    const service = makeService({
      store,
      directory: () => this.directory,
      chains: () => this.chains,
      rubrics: (id, version) => rubricFor(this.rubrics, id, version),
      ...(this.calendar ? { calendar: this.calendar } : {}),
      clock: () => this.now ?? new Date().toISOString(),
    });
    this.#ownService = { store, calendar: this.calendar, service };
    return service;
  }

  @state() private view: InboxView = defaultView;
  @state() private openTask: OpenTask | undefined;
  @state() private bulk: BulkRun | undefined;
  @state() private announcement = '';
  @state() private problem = '';
  /** the task `open` is reading the view of (its row is busy meanwhile) */
  @state() private opening: string | undefined;
  /** a task that could not be opened, and why: its row stays, and it can be tried again */
  @state() private openProblem: { id: string; message: string } | undefined;

  #people = new Map<string, Person>();
  /** rubric versions by `${id}@${version}`, as the service answered them (a version never changes) */
  #rubrics = new Map<string, { service: KaoheService; rubric: Rubric | undefined; reading: boolean }>();
  #draftsCache: { service: KaoheService; userId: string; drafts: DraftStore } | undefined;
  #chosenCache: { visible: readonly InboxRow[]; selected: ReadonlySet<string>; rows: InboxRow[] } | undefined;

  /** The rows, read through the service and kept live by its notices. */
  #list = new TaskListController(this, {
    source: () => ({ service: this.#service(), userId: this.userId, people: this.#people, now: this.now }),
    openId: () => this.openTask?.id,
    onProblem: (message) => { this.problem = message; },
    onStoreClosed: () => { this.problem = inboxMsg('storeClosed', this.locale); },
    onNotices: (done, openId, openView) => this.#onNotices(done, openId, openView),
    onRowsLeft: () => {
      this.#keys.prune((id) => this.#list.has(id));
      // A row that could not be opened and has since left the list: its "cannot be opened" goes with it.
      if (this.openProblem && !this.#list.has(this.openProblem.id)) this.openProblem = undefined;
    },
    // Read ahead, so a pane opens with its form in the frame it was asked for.
    onRubrics: (versions) => { for (const [id, version] of versions) this.#rubricOf(id, version); },
  });

  #window = new RowWindow(this, {
    rowHeight: ROW_HEIGHT,
    // the sticky header row sits above the first task and covers the top of the scrolled list
    headerHeight: ROW_HEIGHT,
    overscan: 6,
    scrollElement: () => this.#keys.grid(),
  });

  /** The active row, the selection, keys and focus. */
  #keys = new GridKeyboard(this, {
    visible: () => this.#visible(),
    openId: () => this.openTask?.id,
    openingId: () => this.opening,
    open: (id) => this.open(id),
    // the open task's forward action is the pane's (its rubric form checks first)
    approve: async (id) => {
      const pane = this.openTask?.id === id ? this.renderRoot.querySelector('kaohe-task-pane') : null;
      if (pane) pane.forward();
      else await this.approve(id);
    },
    close: () => this.#closePane(),
    scrollToIndex: (index) => this.#window.scrollToIndex(index),
    rowHeight: ROW_HEIGHT,
  });

  /** Every write, and what its outcome does to the list, the pane and what is announced. */
  #actions = new InboxActions(this.#actionsHost());

  /** The comments typed into a task's pane and not yet sent: they outlive the pane (Escape) and a reload. */
  #keptComments = new KeptPaneComments();

  /** How many tasks the list holds (all, before filters). */
  get taskCount(): number {
    return this.#list.size;
  }

  /** The tasks as shown, filtered and sorted (what a screen reader or a test reads). */
  get visibleTasks(): readonly InboxRow[] {
    return this.#visible();
  }

  /** Resolves when the list has been (re)loaded through the service. */
  loaded: Promise<void> = Promise.resolve();

  /** The outbox listened to for the answers to actions queued while offline, and how to stop. */
  #sentFrom: { outbox: OutboxStatusSource; stop: () => void } | undefined;

  #listenToOutbox(): void {
    const outbox = this.isConnected ? this.outbox : undefined;
    if (outbox === this.#sentFrom?.outbox) return;
    this.#sentFrom?.stop();
    this.#sentFrom = undefined;
    const stop = outbox?.onSent?.((sent) => { void this.#actions.sent(sent.appraisalId, sent.result); });
    if (outbox && stop) this.#sentFrom = { outbox, stop };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#listenToOutbox();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#listenToOutbox();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('directory')) this.#people = peopleById(this.directory);
    if (changed.has('outbox')) this.#listenToOutbox();
    if (changed.has('userId')) {
      this.view = this.userId ? loadView(this.userId) : defaultView;
      this.#keys.selected = new Set();
      this.openTask = undefined;
      this.opening = undefined;
      this.openProblem = undefined;
    }
    if (changed.has('store') || changed.has('service') || changed.has('calendar') || changed.has('userId')) this.#list.subscribe();
    if (changed.has('store') || changed.has('service') || changed.has('calendar') || changed.has('userId') || changed.has('directory')
      || changed.has('chains') || changed.has('rubrics') || changed.has('now')) {
      this.loaded = this.#load();
    }
  }

  /** Reads the list through the service; an inbox over a store first imports the service's maker. */
  #load(): Promise<void> {
    if (this.service || !this.store || makeService) return this.#list.load();
    return loadServiceMaker().then(() => {
      this.#list.subscribe();
      return this.#list.load();
    }, (error: unknown) => {
      this.problem = error instanceof Error ? error.message : String(error);
    });
  }

  /** The pane is an element of its own: an update is complete once it has rendered too. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    const pane = this.renderRoot?.querySelector('kaohe-task-pane');
    return pane ? (await pane.updateComplete) && done : done;
  }

  /** Re-reads every task through the service. */
  async reload(): Promise<void> {
    this.loaded = this.#load();
    return this.loaded;
  }

  #visible(): readonly InboxRow[] {
    return this.#list.visible(this.view);
  }

  #setView(patch: Partial<InboxView>): void {
    this.view = { ...this.view, ...patch };
    if (this.userId) saveView(this.userId, this.view);
  }

  #sortBy(column: SortColumn): void {
    const current = this.view.sort;
    const direction = current.column === column && current.direction === 'ascending' ? 'descending' : 'ascending';
    this.#setView({ sort: { column, direction } });
  }

  #announce(text: string): void {
    // Setting the same words twice would not be read again; a zero-width change makes it new.
    this.announcement = this.announcement === text ? `${text}\u200b` : text;
  }

  #nameOf(personId: string): string {
    return this.#people.get(personId)?.name ?? personId;
  }

  /** The rubric version a view pins, as the service answers it; undefined until read (a repaint follows). */
  #rubricOf(id: string, version: number): Rubric | undefined {
    const service = this.#service();
    if (!service) return undefined;
    const key = `${id}@${version}`;
    const known = this.#rubrics.get(key);
    if (known && known.service === service && (known.rubric || known.reading)) return known.rubric;
    const entry = { service, rubric: undefined as Rubric | undefined, reading: true };
    this.#rubrics.set(key, entry);
    service.rubric(id, version).then((rubric) => {
      entry.rubric = rubric;
      entry.reading = false;
      if (rubric && this.openTask?.view.rubricId === id && this.openTask.view.rubricVersion === version) this.requestUpdate();
    }, () => { entry.reading = false; });
    return undefined;
  }

  /** The reviewer's drafts, kept through the service (the rubric form saves and restores them there). */
  #drafts(): DraftStore | undefined {
    const service = this.#service();
    if (!service || !this.userId) return undefined;
    const cached = this.#draftsCache;
    if (cached?.service === service && cached.userId === this.userId) return cached.drafts;
    const drafts = serviceDraftStore(service, this.userId);
    this.#draftsCache = { service, userId: this.userId, drafts };
    return drafts;
  }

  /** A burst of notices was applied: the open task shows a newer revision, and the list's change is announced. */
  #onNotices(done: Reconciled, openId: string | undefined, openView: AppraisalView | undefined): void {
    const open = this.openTask;
    // An action of the reviewer's waiting in the outbox may be what moved the open task: the outbox's answer settles the pane (InboxActions.sent).
    if (open !== undefined && !open.gone && open.id === openId && !this.#actions.waitsInOutbox(open.id)) {
      // Left the list and no longer readable (handed in from another tab): the pane stays as it was, with what was
      // typed, and says so. Left but still readable (another planner acted first): the stored record is shown, as below.
      if (!this.#list.has(open.id) && !openView) this.#markGone();
      else if (openView && openView.revision !== open.view.revision) {
        this.openTask = withNewerView(open, openView, inboxMsg('taskUpdated', this.locale));
        void this.#loadHistory(open.id);
      }
    }
    if (done.left > 0) this.#announce(done.left === 1 ? inboxMsg('taskLeft', this.locale) : inboxMsg('tasksLeft', this.locale, { n: done.left }));
    else if (done.arrived > 0) this.#announce(done.arrived === 1 ? inboxMsg('taskArrived', this.locale) : inboxMsg('tasksArrived', this.locale, { n: done.arrived }));
    else if (done.updated > 0) this.#announce(inboxMsg('taskUpdated', this.locale));
    this.requestUpdate();
  }

  /** What the actions read and change of this element. */
  #actionsHost(): InboxActionsHost {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the host object's getters and setters reach the element's private state
    const inbox = this;
    return {
      get locale() { return inbox.locale; },
      settings: () => ({ userId: this.userId, calendar: this.calendar, now: this.now, service: this.#service() }),
      dispatchEvent: (event) => this.dispatchEvent(event),
      requestUpdate: () => this.requestUpdate(),
      list: this.#list,
      keys: this.#keys,
      visible: () => this.#visible(),
      get openTask() { return inbox.openTask; },
      set openTask(open) { inbox.openTask = open; },
      closePane: (restoreFocus) => this.#closePane(restoreFocus),
      loadHistory: (id) => this.#loadHistory(id),
      nameOf: (personId) => this.#nameOf(personId),
      announce: (text) => this.#announce(text),
      acted: (id) => this.#keptComments.forget(id, this.userId),
      get problem() { return inbox.problem; },
      set problem(text) { inbox.problem = text; },
      get bulk() { return inbox.bulk; },
      set bulk(run) { inbox.bulk = run; },
    };
  }

  // ---- actions (inbox-actions.ts does them) ----

  /** Approves (or submits, resubmits, publishes) one task: the step's forward action. */
  async approve(id: string, options: { comment?: string } = {}): Promise<void> {
    return this.#actions.approve(id, options);
  }

  /** Returns one task to an earlier step; a comment saying what to change is required. */
  async returnTask(id: string, to: string, comment: string): Promise<void> {
    return this.#actions.returnTask(id, to, comment);
  }

  /**
   * Lends the task to `to` from today until `until` (YYYY-MM-DD, both days included). The chain
   * re-routes it at once (a draft save under the delegation), so the delegate sees it and may act on
   * it; the record carries the delegation (`workflow.delegated`) and this inbox hands it back to the
   * chain on every action, so nothing else is needed for this task at this step. Past `until` the
   * task leaves the delegate's inbox and the chain no longer lets them act.
   *
   * What the host must persist: the delegation of `kaohe-delegate-request`, in `directory.delegations`,
   * if it is to outlive the task's current steps — the record drops a delegation once the task moves
   * to a step its lender does not act at (a return to the assessor), so without the directory's copy
   * the delegate does not get the task back when it returns to the lender's step. The directory's copy
   * also lends the lender's other tasks, which is what "an authorised person" (W-HEAD) means.
   */
  async delegate(id: string, to: string, until: string): Promise<void> {
    return this.#actions.delegate(id, to, until);
  }

  /** Approves every selected task that is shown, one after the other, listing what could not be done. */
  async approveSelected(action: ForwardAction): Promise<BulkRun> {
    return this.#actions.approveSelected(action);
  }

  // ---- the pane ----

  /**
   * Opens a task in the detail pane and moves focus to its heading as the pane appears (not from where the
   * reviewer has put it meanwhile). The list holds each task's row (`service.tasks`); the pane shows the
   * whole view, read here with its history, as the service redacts it for the reviewer. A task they may
   * not read any more leaves the list instead.
   */
  async open(id: string): Promise<void> {
    const row = this.#list.get(id);
    if (!row) return;
    this.#keys.activeId = id;
    const service = this.#service();
    if (!service) return;
    const opening = this.opening = id;
    this.#keys.openBegan(id);
    this.openProblem = undefined;
    this.#announce(inboxMsg('opening', this.locale, { name: row.employeeName }));
    let view: AppraisalView | undefined;
    try {
      view = await service.view(id, this.userId, { history: true, ...(this.now !== undefined ? { now: this.now } : {}) });
    } catch (error) {
      // Offline without a remembered view, a 500, a refusal other than "not found": the task is still
      // the reviewer's. Its row stays; the problem is said, and the reviewer can try again.
      if (this.opening !== opening) return;
      this.opening = undefined;
      this.openProblem = {
        id,
        message: isOffline(error)
          ? inboxMsg('openOffline', this.locale, { name: row.employeeName })
          : inboxMsg('openFailed', this.locale, { name: row.employeeName, message: error instanceof Error ? error.message : String(error) }),
      };
      return;
    }
    // Another task was opened meanwhile, or the reviewer gave up waiting (Escape): the later wish wins.
    if (this.opening !== opening) return;
    this.opening = undefined;
    if (!view) {
      // Not found for this reviewer: the appraisal is gone from their inbox.
      if (this.#list.reconcile(undefined, id) === 'left') {
        this.#announce(inboxMsg('taskLeft', this.locale));
        this.#keys.moveActiveAfterRemoval(id);
      }
      this.requestUpdate();
      return;
    }
    // A newer revision than the listed one updates its row too (or takes it off the list).
    if (view.revision !== this.#list.get(id)?.appraisal.revision) this.#list.reconcile(view, id);
    this.openTask = this.#keptComments.restore(openTaskOf(view), this.userId);
    this.#keys.opened(id);
    this.dispatchEvent(new KaoheTaskOpenEvent(view));
    this.#announce(inboxMsg('opened', this.locale, { name: row.employeeName }));
    await this.updateComplete;
  }


  /**
   * The open task left the reviewer's list: the pane keeps the view and what was typed, says why in
   * its alert and offers only Close (kaohe-task-pane). Focus that was in a field now disabled goes to that Close.
   */
  #markGone(): void {
    const open = this.openTask;
    if (!open || open.gone) return;
    const pane = this.renderRoot.querySelector('kaohe-task-pane');
    const focused = this.shadowRoot?.activeElement;
    const hadFocus = pane !== null && focused != null && pane.contains(focused);
    this.openTask = { ...open, gone: true };
    if (hadFocus) {
      void this.updateComplete.then(() => {
        const now = this.shadowRoot?.activeElement;
        const lost = now == null || (now.localName === 'kaohe-rubric-form' && !now.shadowRoot?.activeElement);
        if (lost) this.renderRoot.querySelector<HTMLElement>('[data-gone-close]')?.focus();
      });
    }
  }

  /** Counts the history reads: only the latest one started is applied (an earlier one's failure must not follow a later success). */
  #historyReads = 0;

  /** Reads the open task's view again with its history, as the service redacts it for the reviewer. */
  async #loadHistory(id: string): Promise<void> {
    const service = this.#service();
    if (!service) return;
    const read = ++this.#historyReads;
    let view: AppraisalView | undefined;
    try {
      view = await service.view(id, this.userId, { history: true, ...(this.now !== undefined ? { now: this.now } : {}) });
    } catch (error) {
      if (read !== this.#historyReads) return;
      // The read failed (offline, the server): the pane says the history could not be read, with Try again — not "no history".
      const open = this.openTask;
      if (open?.id === id && !open.gone) this.openTask = { ...open, historyProblem: error instanceof Error ? error.message : String(error) };
      return;
    }
    if (read !== this.#historyReads) return;
    const open = this.openTask;
    if (open?.id !== id || open.gone) return;
    if (!view) {
      // Not found for this reviewer: the task is no longer theirs; its row leaves, and the pane says so.
      if (this.#list.reconcile(undefined, id) === 'left') this.#announce(inboxMsg('taskLeft', this.locale));
      this.#markGone();
      return;
    }
    if (view.revision < open.view.revision) return;
    this.openTask = view.revision === open.view.revision
      ? { ...open, view, historyProblem: '', ...(open.base === open.view ? { base: view } : {}) }
      : { ...withNewerView(open, view, inboxMsg('taskUpdated', this.locale)), historyProblem: '' };
  }

  #closePane(restoreFocus = true): void {
    const id = this.openTask?.id ?? this.opening;
    // A task still being read does not open later (and take focus) once the reviewer has closed it.
    this.opening = undefined;
    this.openTask = undefined;
    if (id !== undefined && this.#list.has(id)) this.#keys.activeId = id;
    if (restoreFocus) this.#keys.focusAfterUpdate(() => this.#keys.focusGrid());
  }

  /** Closes the detail pane; focus returns to the task's row in the list. */
  close(): void {
    this.#closePane();
  }

  #patchOpen(patch: Partial<OpenTask>): void {
    if (this.openTask) this.openTask = { ...this.openTask, ...patch };
  }

  #onPaneEdit(event: KaoheTaskPaneEditEvent): void {
    // The pane's own events stop here: the host page hears the inbox's events, not the pane's.
    event.stopPropagation();
    this.#patchOpen(event.edit);
    if (this.openTask && ('comment' in event.edit || 'returnComment' in event.edit)) this.#keptComments.keep(this.openTask, this.userId);
  }

  #onPaneIntent(event: KaoheTaskPaneIntentEvent): void {
    event.stopPropagation();
    const { taskId: id, intent } = event;
    // A task that left the list is only shown: nothing is sent for it (its buttons are disabled too).
    if (this.openTask?.id === id && this.openTask.gone && intent.type !== 'close') return;
    switch (intent.type) {
      case 'approve': void this.approve(id); break;
      case 'submit':
        if (!this.openTask || this.openTask.id !== id) return;
        this.openTask = { ...this.openTask, sheet: intent.sheet };
        void this.approve(id);
        break;
      case 'return': void this.returnTask(id, intent.to, intent.comment); break;
      case 'delegate': void this.delegate(id, intent.to, intent.until); break;
      case 'close': this.#closePane(); break;
      case 'history':
        if (this.openTask?.id !== id) return;
        this.openTask = { ...this.openTask, historyProblem: '' };
        void this.#loadHistory(id);
        break;
    }
  }

  // ---- rendering ----

  override render(): TemplateResult {
    const visible = this.#visible();
    const t = (key: InboxMessageKey, params?: Record<string, string | number>) => inboxMsg(key, this.locale, params);
    const open = this.openTask;
    return html`
      <h2 id="heading" part="heading">${t('inboxHeading')}</h2>
      <p id="shortcuts" class="visually-hidden">${t('shortcuts')}</p>
      <kaohe-outbox-status .outbox=${this.outbox} .locale=${this.locale}></kaohe-outbox-status>
      ${this.#renderFilters()}
      ${this.#renderCounts(visible.length)}
      ${this.#renderBulk(visible)}
      ${this.problem ? html`<p class="message" role="alert">${this.problem}</p>` : nothing}
      ${this.#renderOpenProblem()}
      <div class="layout ${open ? 'open' : ''}">
        ${this.#renderGrid(visible)}
        ${open ? this.#renderPane(open) : nothing}
      </div>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    `;
  }

  /** A task that could not be opened: why, and a button to try again (the row stays in the list). */
  #renderOpenProblem(): TemplateResult {
    const problem = this.openProblem;
    // The alert stays in the page so the words are read out when they come.
    return html`
      <div class="open-problem" role="alert">${problem ? html`
        <p class="message">${problem.message}</p>
        <button type="button" data-retry=${problem.id} @click=${() => void this.open(problem.id)}>${inboxMsg('tryAgain', this.locale)}</button>` : nothing}
      </div>`;
  }

  #renderPane(open: OpenTask): TemplateResult {
    const { allowed, mode, view, canDelegate } = this.#actions.paneActions(open);
    return html`
      <kaohe-task-pane .task=${open} .allowed=${allowed} .mode=${mode} .view=${view} .canDelegate=${canDelegate}
        .rubric=${this.#rubricOf(open.view.rubricId, open.view.rubricVersion)} .chains=${this.chains} .directory=${this.directory} .people=${this.#people}
        .userId=${this.userId} .timeZone=${timeZoneOf(this.calendar)} .drafts=${this.#drafts()} .locale=${this.locale}
        @keydown=${this.#keys.onPaneKeydown}
        @kaohe-task-pane-edit=${this.#onPaneEdit} @kaohe-task-pane-intent=${this.#onPaneIntent}></kaohe-task-pane>`;
  }

  #renderFilters(): TemplateResult {
    const t = (key: InboxMessageKey) => inboxMsg(key, this.locale);
    const { options, stepLabels } = this.#list.derived(this.locale);
    const select = (key: 'role' | 'region' | 'period' | 'step', label: (value: string) => string) => html`
      <label class="field">${t(key)}
        <select name=${key} .value=${this.view[key]} @change=${(e: Event) => this.#setView({ [key]: (e.target as HTMLSelectElement).value })}>
          <option value="" ?selected=${this.view[key] === ''}>${t('any')}</option>
          ${options[key].map((value) => html`<option value=${value} ?selected=${this.view[key] === value}>${label(value)}</option>`)}
        </select>
      </label>`;
    return html`
      <div class="toolbar" part="filters" role="search" aria-label=${t('filters')}>
        ${select('role', (value) => roleLabel(value, this.locale))}
        ${select('region', (value) => value)}
        ${select('period', (value) => value)}
        ${select('step', (value) => stepLabels.get(value) ?? value)}
        <label class="inline">
          <input type="checkbox" name="overdue" .checked=${this.view.overdue}
            @change=${(e: Event) => this.#setView({ overdue: (e.target as HTMLInputElement).checked })}>
          ${t('overdueOnly')}
        </label>
        <label class="field">${t('search')}
          <input type="search" name="search" .value=${this.view.search}
            @input=${(e: Event) => this.#setView({ search: (e.target as HTMLInputElement).value })}>
        </label>
      </div>`;
  }

  #renderCounts(shown: number): TemplateResult {
    const counts = this.#list.derived(this.locale).counts;
    return html`
      <ul class="counts" part="counts" aria-label=${inboxMsg('countsLabel', this.locale)}>
        <li>${inboxMsg('shown', this.locale, { shown, total: this.#list.size })}</li>
        ${this.#list.loading && (this.#list.loadRead > 0 || this.#list.loadTotal !== undefined) ? html`<li class="loading">${this.#loadingNote()}</li>` : nothing}
        ${Object.entries(counts).map(([status, n]) => html`
          <li data-status=${status}>${statusLabel(status as keyof typeof counts, this.locale)}: <strong>${n}</strong></li>`)}
      </ul>`;
  }

  #loadingNote(): string {
    const number = new Intl.NumberFormat(this.locale);
    const read = this.#list.loadRead;
    if (this.#list.loadTotal === undefined) return inboxMsg('loadingSome', this.locale, { n: number.format(read) });
    // Tasks that arrive while the pages are read can take n past the count taken at the start.
    return inboxMsg('loadingOf', this.locale, { n: number.format(read), total: number.format(Math.max(read, this.#list.loadTotal)) });
  }

  /** The selected rows that are shown; once per change of either, not once per scrolled frame. */
  #chosen(visible: readonly InboxRow[]): InboxRow[] {
    const cache = this.#chosenCache;
    if (cache?.visible === visible && cache.selected === this.#keys.selected) return cache.rows;
    const selected = this.#keys.selected;
    const rows = selected.size === 0 ? [] : visible.filter((row) => selected.has(row.id));
    this.#chosenCache = { visible, selected, rows };
    return rows;
  }

  #renderBulk(visible: readonly InboxRow[]): TemplateResult {
    const t = (key: InboxMessageKey, params?: Record<string, string | number>) => inboxMsg(key, this.locale, params);
    const chosen = this.#chosen(visible);
    const all = visible.length > 0 && chosen.length === visible.length;
    const actions = commonActions(chosen).filter(bulkable);
    const run = this.bulk;
    return html`
      <div class="bulk" part="bulk" role="group" aria-label=${t('bulkActions')}>
        <label class="inline">
          <input type="checkbox" name="select-all" .checked=${all} .indeterminate=${chosen.length > 0 && !all}
            ?disabled=${visible.length === 0 || run?.running === true}
            @change=${(e: Event) => this.#keys.toggleAll((e.target as HTMLInputElement).checked)}>
          ${t('selectAll', { n: visible.length })}
        </label>
        <span>${t('selected', { n: chosen.length })}</span>
        ${chosen.length > 0 && actions.length === 0 ? html`<span class="muted">${t('bulkNone')}</span>` : nothing}
        ${actions.map((action) => html`
          <button type="button" class="primary" data-bulk=${action} ?disabled=${run?.running === true}
            @click=${() => void this.approveSelected(action)}>${actionLabel(action, this.locale)} (${chosen.length})</button>`)}
        ${run ? html`
          <label class="inline">
            <progress max=${run.total} .value=${run.done} aria-label=${actionLabel(run.action, this.locale)}></progress>
            <span class="progress-text">${t('bulkProgress', { done: run.done, total: run.total })}</span>
          </label>
          ${run.failures.length > 0 ? html`
            <div>
              <strong>${t('bulkFailures')}</strong>
              <ul class="failures">${run.failures.map((failure) => html`<li data-id=${failure.id}>${failure.name}: ${failure.message}</li>`)}</ul>
            </div>` : nothing}` : nothing}
      </div>`;
  }

  #renderGrid(visible: readonly InboxRow[]): TemplateResult {
    const t = (key: InboxMessageKey) => inboxMsg(key, this.locale);
    const activeIndex = visible.findIndex((row) => row.id === this.#keys.activeId);
    const sort = this.view.sort;
    const { start, end } = this.#window.range(visible.length);
    const indexes = Array.from({ length: end - start }, (_, offset) => start + offset);
    // The active row stays in the DOM while scrolled away, so aria-activedescendant always names an element.
    if (activeIndex >= 0 && !indexes.includes(activeIndex)) indexes.push(activeIndex);
    return html`
      <div role="grid" part="grid" tabindex="0" aria-labelledby="heading" aria-describedby="shortcuts"
        aria-rowcount=${visible.length + 1} aria-multiselectable="true" aria-busy=${this.#list.loading ? 'true' : nothing}
        aria-activedescendant=${activeIndex >= 0 ? `row-${activeIndex}` : nothing}
        @keydown=${this.#keys.onGridKeydown} @focus=${this.#keys.onGridFocus}>
        <div role="rowgroup" class="head">
          <div role="row" class="row" aria-rowindex="1">
            <span role="columnheader"><span class="visually-hidden">${t('selectColumn')}</span></span>
            ${headerColumns.map((column) => html`
              <span role="columnheader" data-column=${column}
                aria-sort=${sort.column === column ? sort.direction : nothing}>
                <button type="button" @click=${() => this.#sortBy(column)}>${t(columnKeys[column])}${sort.column === column ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}</button>
              </span>`)}
          </div>
        </div>
        <div role="rowgroup" class="body" ${cssProps({ height: `${visible.length * ROW_HEIGHT}px` })}
          @click=${this.#onBodyClick} @change=${this.#onBodyChange}>
          ${visible.length === 0
            ? html`<div role="row" class="row empty-row"><span role="gridcell" class="empty">${this.#list.loading ? t('loading') : this.#list.size === 0 ? t('empty') : t('noMatch')}</span></div>`
            : repeat(indexes, (index) => (visible[index] as InboxRow).id, (index) => this.#renderRow(visible[index] as InboxRow, index, index === activeIndex))}
        </div>
      </div>`;
  }

  /** A click on a row opens it; a click on its checkbox only selects (the change event does that). */
  #onBodyClick(event: Event): void {
    const target = event.target as Element;
    const row = target.closest<HTMLElement>('[role="row"][data-id]');
    if (!row || target instanceof HTMLInputElement) return;
    const id = row.dataset.id as string;
    this.#keys.activeId = id;
    this.#keys.lastActiveIndex = Number(row.dataset.index);
    void this.open(id);
  }

  #onBodyChange(event: Event): void {
    const id = (event.target as Element).closest<HTMLElement>('[role="row"][data-id]')?.dataset.id;
    if (id !== undefined) this.#keys.toggle(id);
  }

  #renderRow(row: InboxRow, index: number, active: boolean): TemplateResult {
    const selected = this.#keys.selected.has(row.id);
    const score = row.score;
    return html`
      <div role="row" id=${`row-${index}`} class="row ${active ? 'active' : ''} ${this.openTask?.id === row.id ? 'opened' : ''} ${this.opening === row.id ? 'opening' : ''}"
        ${cssProps({ top: `${index * ROW_HEIGHT}px` })}
        data-id=${row.id} data-index=${index} aria-rowindex=${index + 2} aria-selected=${selected ? 'true' : 'false'}
        aria-busy=${this.opening === row.id ? 'true' : nothing}>
        <span role="gridcell">
          <input type="checkbox" tabindex="-1" .checked=${selected} aria-label=${inboxMsg('select', this.locale, { name: row.employeeName })}>
        </span>
        <span role="gridcell" data-column="employee">${row.employeeName} <span class="number">${row.employeeNumber}</span></span>
        <span role="gridcell" data-column="role">${roleLabel(row.role, this.locale)}</span>
        <span role="gridcell" data-column="region">${row.region}</span>
        <span role="gridcell" data-column="period">${row.period}</span>
        <span role="gridcell" data-column="step">${row.stepLabel?.[this.locale] ?? row.step}</span>
        <span role="gridcell" data-column="due">${formatDay(row.dueDate, this.locale)}${row.overdue ? html` <span class="badge overdue">${inboxMsg('overdue', this.locale)}</span>` : nothing}</span>
        <span role="gridcell" data-column="score" class="score" title=${score ? (score.complete ? score.monthly : `${score.monthly} (${inboxMsg('partial', this.locale)})`) : nothing}>${score ? html`${score.monthly}${score.complete ? nothing : html` <span class="muted">(${inboxMsg('partial', this.locale)})</span>`}` : '—'}</span>
        <span role="gridcell" data-column="state">${statusLabel(row.status, this.locale)}${row.returned ? html` <span class="badge returned">${inboxMsg('returned', this.locale)}</span>` : nothing}${this.opening === row.id ? html` <span class="badge opening">${inboxMsg('openingBadge', this.locale)}</span>` : nothing}</span>
      </div>`;
  }

}
