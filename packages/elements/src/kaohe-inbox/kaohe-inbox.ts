import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { cssProps } from '../base/css-props.ts';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Rubric, Sheet } from '@kaohe/scoring';
import type { KaoheStore, StoreChange } from '@kaohe/store';
import {
  ANONYMOUS_ACTOR, allowedActions, businessDay, chainPresets, commentsForViewer, isGroupStep, pendingGroupsFor, redactAuditForViewer, tasksFor,
  timeZoneOf, workflowOf,
} from '@kaohe/workflow';
import type {
  ActContext, ActionName, AppraisalRecord, AuditEvent, Chain, Directory, Person, WorkCalendar, WorkflowAction,
} from '@kaohe/workflow';
import { KaoheElement } from '../base/kaohe-element.ts';
import { formatDateTime, formatDay } from '../base/date-format.ts';
import { KaoheChangeEvent } from '../events.ts';
import type { KaoheSubmittedEvent } from '../events.ts';
import type { ReviewComment } from '../kaohe-rubric-form/rubric-form.ts';
import { performAction, sheetEdits, type ActionOutcome } from './inbox-actions.ts';
import {
  KaoheTaskActedEvent, KaoheTaskActionFailedEvent, KaoheApproveRequestEvent, KaoheDelegateRequestEvent, KaoheReturnRequestEvent,
  KaoheTaskOpenEvent, type ForwardAction,
} from './inbox-events.ts';
import { actionLabel, inboxMsg, roleLabel, statusLabel, type InboxMessageKey } from './inbox-messages.ts';
import { RowOrders, slices } from './inbox-order.ts';
import {
  chainStep, commonActions, countByStatus, defaultView, distinct, filterRows, loadView, peopleById, rubricFor, saveView,
  scoreRecord, sortColumns, toRow, type InboxRow, type InboxView, type RubricSource, type SortColumn,
} from './inbox-rows.ts';
import { inboxStyles } from './kaohe-inbox.styles.ts';
import { RowWindow } from './row-window.ts';

const forwardActions: readonly ForwardAction[] = ['step.approve', 'step.submit', 'step.resubmit', 'group.submit', 'appraisal.publish'];
const isForward = (action: ActionName): action is ForwardAction => (forwardActions as readonly ActionName[]).includes(action);
/** Bulk runs only what needs no per-task input: a group's submit names a group, a return a comment. */
const bulkable = (action: ActionName): action is ForwardAction => isForward(action) && action !== 'group.submit';

/** The first tasks read are scored as they come (a small month is whole at once); the rest after loading, in slices. */
const SYNC_SCORING_LIMIT = 500;
/** Work between two chances for the page to paint and take input: half a frame. */
const SLICE_MS = 8;
/** The first page fills a screen and paints before the rest is read. */
const FIRST_PAGE = 50;
const PAGE_SIZE = 250;
/** Store notices are collected this long from the first of a burst, then read together. */
const NOTICE_WINDOW_MS = 50;
/**
 * Past this many changed appraisals in one burst (HR opening a month in another tab), the task list
 * is read again in pages, as on opening, instead of each changed appraisal on its own.
 */
const REREAD_THRESHOLD = 200;
/** Past this many rows coming, changing or leaving at once, the orders are built again rather than patched. */
const PATCH_LIMIT = 500;
/** Up to this many rows that came or changed at once are scored on the spot; more wait for the background pass. */
const SCORE_AT_ONCE = 50;
/**
 * The delegate menu lists at most this many people; past it a search box narrows them. A company's
 * whole directory as options is ~250 ms of DOM at 10,000 people, and no one scrolls such a menu.
 */
const DELEGATE_OPTIONS = 100;
/**
 * Every row is this tall (the styles fix it as --_row-height), so the list never measures a row:
 * scrolling 10,000 tasks only computes which rows a scroll offset shows.
 */
const ROW_HEIGHT = 40;

interface Derived {
  options: Record<'role' | 'region' | 'period' | 'step', string[]>;
  stepLabels: Map<string, string>;
  counts: ReturnType<typeof countByStatus>;
}

/** What a reconciliation did to the list. */
interface Reconciled {
  left: number;
  arrived: number;
  updated: number;
}

/** A row as read from the store, or undefined when the appraisal is no task of this user's (any more). */
interface RowUpdate {
  id: string;
  row: InboxRow | undefined;
}

interface BulkRun {
  action: ForwardAction;
  total: number;
  done: number;
  ok: number;
  running: boolean;
  failures: Array<{ id: string; name: string; message: string }>;
}

interface OpenTask {
  id: string;
  record: AppraisalRecord;
  /**
   * The revision the form was handed. It follows `record` until the person types; after that a newer
   * revision by someone else leaves it (and what was typed) in place, and the form shows its conflict
   * banner instead of silently resetting (issue 16). A forward action is sent against it.
   */
  base: AppraisalRecord;
  /** undefined until read: the history is read once the pane has painted */
  audit: AuditEvent[] | undefined;
  /** the form's latest sheet, when the reviewer edited it */
  sheet: Sheet | undefined;
  message: string;
  returnTo: string;
  returnComment: string;
  comment: string;
  delegateTo: string;
  delegateUntil: string;
  /** the delegate section is unfolded (its menu is only built then) */
  delegating: boolean;
  /**
   * false for the pane's first frame: it shows the actions the step offers its assignees (carried by
   * the row) instead of asking the chain, whose routing over the whole directory takes 5–9 ms at
   * 10,000 people. The exact actions replace them right after the first paint.
   */
  settled: boolean;
  delegateSearch: string;
}

/** Resolves once the next frame has been painted (or after 100 ms, where a hidden tab paints none). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => {
      // A task queued from a frame callback runs after that frame's paint.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        clearTimeout(timer);
        resolve();
      };
      channel.port2.postMessage(null);
    });
  });
}

const columnKeys: Record<SortColumn, InboxMessageKey> = {
  employee: 'employee', number: 'number', role: 'role', region: 'region', period: 'period', step: 'step', due: 'due', score: 'score', state: 'state',
};
/** The number column lives inside the employee cell; it stays sortable from the view, not a header. */
const headerColumns = sortColumns.filter((column) => column !== 'number');

/**
 * @customElement kaohe-inbox
 * The approval inbox: the signed-in reviewer's tasks from the store, filtered, searched and sorted,
 * opened one at a time in a detail pane (rubric form, history, the actions the chain allows) or
 * approved in bulk. The list follows the store live, other tabs included.
 *
 * Keyboard (on the task list):
 * - ↑ / ↓, Page Up / Page Down, Home / End: move through the tasks
 * - Enter: open the task in the detail pane (its heading takes focus)
 * - Space: select or unselect the task for a bulk action
 * - a: approve (or submit, resubmit, publish — the step's forward action) the task
 * - r: open the task to return it; focus goes to the return comment box
 * - Escape (in the pane): close it; focus returns to the task's row
 * Column headers are buttons: Enter or a click sorts by the column, again to reverse.
 *
 * @fires kaohe-approve-request - cancelable, before a forward action is written (also once per task of a bulk run)
 * @fires kaohe-return-request - cancelable, before a return is written
 * @fires kaohe-delegate-request - cancelable, before a task is lent to someone else
 * @fires kaohe-task-acted - an action was written to the store
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

  /** Where tasks come from and actions go. */
  @property({ attribute: false }) store: KaoheStore | undefined;
  /** The host's org directory (people, managers, delegations). */
  @property({ attribute: false }) directory: Directory = { people: [] };
  /** The signed-in reviewer. */
  @property({ attribute: 'user-id' }) userId = '';
  /** The rubrics appraisals pinned, by `${id}@${version}`, or a resolver. */
  @property({ attribute: false }) rubrics: RubricSource | undefined;
  /** Chains by id (default: the W-* presets). */
  @property({ attribute: false }) chains: Record<string, Chain> = chainPresets;
  /**
   * The company's work calendar: its `timeZone` decides which day it is (overdue, delegations) and
   * the clock times in the history are shown on; due dates move off its closed days.
   */
  @property({ attribute: false }) calendar: WorkCalendar | undefined;
  /** The time actions are stamped with and overdue is judged by (ISO); unset, the clock's. */
  @property() now: string | undefined;

  @state() private view: InboxView = defaultView;
  @state() private loading = false;
  @state() private activeId: string | undefined;
  @state() private openTask: OpenTask | undefined;
  @state() private bulk: BulkRun | undefined;
  @state() private announcement = '';
  @state() private problem = '';
  @state() private selected = new Set<string>();

  #rows = new Map<string, InboxRow>();
  /** bumped whenever a row comes, changes or goes */
  #rowsVersion = 0;
  #orders = new RowOrders(() => [...this.#rows.values()]);
  #visibleCache: { order: readonly InboxRow[]; filterKey: string; rows: readonly InboxRow[] } | undefined;
  #chosenCache: { visible: readonly InboxRow[]; selected: Set<string>; rows: InboxRow[] } | undefined;
  #warming = false;
  #window = new RowWindow(this, {
    rowHeight: ROW_HEIGHT,
    // the sticky header row sits above the first task and covers the top of the scrolled list
    headerHeight: ROW_HEIGHT,
    overscan: 6,
    scrollElement: () => this.#grid(),
  });
  #derivedCache: { rowsVersion: number; locale: string; value: Derived } | undefined;
  #people = new Map<string, Person>();
  #loadToken = 0;
  #unsubscribe: (() => void) | undefined;
  #pendingNotices = new Set<string>();
  #noticeTimer: ReturnType<typeof setTimeout> | undefined;
  /** notice bursts are read one after the other, so an older read never lands after a newer one */
  #noticeWork: Promise<void> = Promise.resolve();
  /**
   * One set per read of the whole list in flight: the ids this element changed by its own hand
   * meanwhile (its writes), which that read may have seen before they were made.
   */
  #readsInFlight = new Set<Set<string>>();
  /** records read by the current load, and how many `countTasks` announced (undefined until it answers) */
  #loadRead = 0;
  #loadTotal: number | undefined;
  /** `${id}#${revision}` this element wrote itself: its own store notices are already reflected */
  #ownWrites = new Set<string>();
  #scoring = false;
  #busy = new Set<string>();
  #focusAfterUpdate: (() => void) | undefined;

  /** How many tasks the list holds (all, before filters). */
  get taskCount(): number {
    return this.#rows.size;
  }

  /** The tasks as shown, filtered and sorted (what a screen reader or a test reads). */
  get visibleTasks(): readonly InboxRow[] {
    return this.#visible();
  }

  /** Resolves when the list has been (re)loaded from the store. */
  loaded: Promise<void> = Promise.resolve();

  override connectedCallback(): void {
    super.connectedCallback();
    this.#subscribe();
    if (this.#pendingNotices.size > 0) this.#scheduleNotices();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    clearTimeout(this.#noticeTimer);
    this.#noticeTimer = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('directory')) this.#people = peopleById(this.directory);
    if (changed.has('userId')) {
      this.view = this.userId ? loadView(this.userId) : defaultView;
      this.selected = new Set();
      this.openTask = undefined;
    }
    if (changed.has('store')) this.#subscribe();
    if (changed.has('store') || changed.has('userId') || changed.has('directory') || changed.has('chains') || changed.has('rubrics') || changed.has('now')) {
      this.loaded = this.#load();
    }
  }

  protected override updated(): void {
    const focus = this.#focusAfterUpdate;
    this.#focusAfterUpdate = undefined;
    focus?.();
  }

  /** Re-reads every task from the store. */
  async reload(): Promise<void> {
    this.loaded = this.#load();
    return this.loaded;
  }

  // ---- data ----

  #nowIso(): string {
    return this.now ?? new Date().toISOString();
  }

  #rubricOf(record: AppraisalRecord): Rubric | undefined {
    return rubricFor(this.rubrics, record.rubricId, record.rubricVersion);
  }

  #rowOf(record: AppraisalRecord, previous?: InboxRow): InboxRow | undefined {
    const task = tasksFor(record, this.userId, this.#nowIso(), timeZoneOf(this.calendar));
    if (!task) return undefined;
    // A row keeps its score while the sheet is the same revision: scoring runs once per revision.
    const score = previous && previous.record.revision === record.revision ? previous.score : undefined;
    return toRow(record, task, { directory: this.directory, chains: this.chains, people: this.#people }, score);
  }

  /** Makes `rows` the list; every order is built again (in idle slices, or at once for the view's own). */
  #setRows(rows: Map<string, InboxRow>): void {
    this.#rows = rows;
    this.#rowsVersion++;
    this.#orders.forget();
  }

  async #load(): Promise<void> {
    const token = ++this.#loadToken;
    const store = this.store;
    if (!store || !this.userId) {
      this.#setRows(new Map());
      return;
    }
    this.loading = true;
    this.problem = '';
    const previous = this.#rows;
    // A first load shows its first page at once and each further page as it is read; a reload keeps
    // the current list until the new one is whole, so nothing shrinks and grows back.
    const progressive = previous.size === 0;
    const next = new Map<string, InboxRow>();
    if (progressive) this.#setRows(next);
    const pause = slices(SLICE_MS);
    this.#loadRead = 0;
    this.#loadTotal = undefined;
    this.#countTasks(store, token);
    const touched = new Set<string>();
    if (!progressive) this.#readsInFlight.add(touched);
    try {
      let cursor: string | undefined;
      let limit = FIRST_PAGE;
      do {
        const page = await store.listTasks(this.userId, { limit, ...(cursor !== undefined ? { cursor } : {}) });
        if (token !== this.#loadToken) return;
        this.#loadRead += page.items.length;
        const added: InboxRow[] = [];
        for (const record of page.items) {
          const existing = next.get(record.id);
          // A live notice may have put a newer revision in already.
          if (!existing || existing.record.revision < record.revision) {
            const row = this.#rowOf(record, previous.get(record.id));
            if (row) {
              if (next.size < SYNC_SCORING_LIMIT) this.#score(row);
              next.set(row.id, row);
              // A reload swaps the whole map in at the end; a first load shows each row as it comes.
              if (progressive && existing) this.#orders.replace(row);
              else if (progressive) added.push(row);
            }
          }
          const wait = pause();
          if (wait) {
            await wait;
            if (token !== this.#loadToken) return;
          }
        }
        if (progressive) {
          this.#orders.add(added);
          this.#rowsVersion++;
        }
        // "Loading n of N tasks" moves on with every page, a reload's too.
        this.requestUpdate();
        cursor = page.nextCursor;
        limit = PAGE_SIZE;
      } while (cursor !== undefined);
      if (!progressive) {
        this.#setRows(next);
        // This element's own writes made while the pages were read may be missing from them: read those again.
        this.#noticeAll(touched);
      }
      this.#pruneSelection();
    } catch (error) {
      if (token === this.#loadToken) this.problem = error instanceof Error ? error.message : String(error);
    } finally {
      this.#readsInFlight.delete(touched);
      if (token === this.#loadToken) {
        this.loading = false;
        this.requestUpdate();
      }
    }
    if (token === this.#loadToken) void this.#afterLoad();
  }

  /** Asks the store how many tasks the load will read, beside the first page, for "Loading n of N tasks". */
  #countTasks(store: KaoheStore, token: number): void {
    // A host's own backend written against an earlier contract may not count; the note then says "n so far".
    const count = (store as Partial<Pick<KaoheStore, 'countTasks'>>).countTasks;
    if (typeof count !== 'function') return;
    count.call(store, this.userId).then((total) => {
      if (token !== this.#loadToken || !this.loading) return;
      this.#loadTotal = total;
      this.requestUpdate();
    }, () => undefined);
  }

  /**
   * Readies every column's order first (a header clicked now is a lookup, not a 30 ms sort), then
   * scores the rest, then orders by score. Rows on screen never wait: they are scored as they render.
   */
  async #afterLoad(): Promise<void> {
    await this.#warmOrders(sortColumns.filter((column) => column !== 'score'));
    await this.#scoreRemaining();
    await this.#warmOrders(['score']);
  }

  #score(row: InboxRow): void {
    if (row.score === undefined) row.score = scoreRecord(row.record, this.#rubricOf(row.record));
  }

  #scoresChanged(): void {
    this.#orders.forget('score');
    this.requestUpdate();
  }

  /** Scores the rows still without one in slices, so a large month lists at once and fills in. */
  async #scoreRemaining(): Promise<void> {
    if (this.#scoring) return;
    this.#scoring = true;
    try {
      const pause = slices(SLICE_MS);
      for (;;) {
        const rows = this.#rows;
        const pending = [...rows.values()].filter((row) => row.score === undefined);
        if (pending.length === 0) break;
        for (const row of pending) {
          this.#score(row);
          const wait = pause();
          if (wait) {
            this.#scoresChanged();
            await wait;
            if (this.#rows !== rows) break;
          }
        }
        this.#scoresChanged();
      }
    } finally {
      this.#scoring = false;
    }
  }

  /** Sorts columns in idle slices, so that no click on a header has to sort 10,000 rows. */
  async #warmOrders(columns: readonly SortColumn[]): Promise<void> {
    if (this.#warming) return;
    this.#warming = true;
    try {
      // A smaller budget than loading: this runs while the reviewer may already be typing a search.
      await this.#orders.warm(columns, slices(SLICE_MS / 2), () => this.#rowsVersion);
    } finally {
      this.#warming = false;
    }
  }

  /** All rows in the view's order, then the view's filters and search over it in one pass. */
  #visible(): readonly InboxRow[] {
    const order = this.#orders.get(this.view.sort);
    const view = this.view;
    const filterKey = [view.role, view.region, view.period, view.step, view.overdue, view.search.trim().toLowerCase()].join('\u0000');
    const cache = this.#visibleCache;
    if (cache && cache.order === order && cache.filterKey === filterKey) return cache.rows;
    const rows = filterRows(order, view);
    this.#visibleCache = { order, filterKey, rows };
    return rows;
  }

  /** The filter menus' options, the step names and the counts per state: once per change of the rows. */
  #derived(): Derived {
    const cache = this.#derivedCache;
    if (cache && cache.rowsVersion === this.#rowsVersion && cache.locale === this.locale) return cache.value;
    const rows = [...this.#rows.values()];
    const value: Derived = {
      options: { role: distinct(rows, 'role'), region: distinct(rows, 'region'), period: distinct(rows, 'period'), step: distinct(rows, 'step') },
      stepLabels: new Map(rows.map((row) => [row.step, row.stepLabel?.[this.locale] ?? row.step])),
      counts: countByStatus(rows),
    };
    this.#derivedCache = { rowsVersion: this.#rowsVersion, locale: this.locale, value };
    return value;
  }

  #setView(patch: Partial<InboxView>): void {
    this.view = { ...this.view, ...patch };
    if (this.userId) saveView(this.userId, this.view);
  }

  #pruneSelection(): void {
    const kept = [...this.selected].filter((id) => this.#rows.has(id));
    if (kept.length !== this.selected.size) this.selected = new Set(kept);
  }

  /** Puts a stored record into the list (or takes it out); returns what happened to the list. */
  #reconcile(record: AppraisalRecord | undefined, id: string): 'left' | 'arrived' | 'updated' | 'none' {
    const done = this.#applyRows([this.#updateOf(record, id)]);
    return done.left > 0 ? 'left' : done.arrived > 0 ? 'arrived' : done.updated > 0 ? 'updated' : 'none';
  }

  #updateOf(record: AppraisalRecord | undefined, id: string): RowUpdate {
    return { id, row: record ? this.#rowOf(record, this.#rows.get(id)) : undefined };
  }

  /**
   * Applies many rows in one synchronous step: the map, then every built order patched once (or
   * rebuilt, past PATCH_LIMIT), then the selection. A row of the same revision as the listed one is
   * left as it is, with its score and place.
   */
  #applyRows(updates: readonly RowUpdate[]): Reconciled {
    const done: Reconciled = { left: 0, arrived: 0, updated: 0 };
    const removed = new Set<string>();
    const added: InboxRow[] = [];
    for (const { id, row } of updates) {
      for (const touched of this.#readsInFlight) touched.add(id);
      const previous = this.#rows.get(id);
      if (!row) {
        if (!previous) continue;
        this.#rows.delete(id);
        removed.add(id);
        done.left++;
        continue;
      }
      if (previous && previous.record.revision === row.record.revision) continue;
      this.#rows.set(id, row);
      added.push(row);
      if (previous) {
        removed.add(id);
        done.updated++;
      } else {
        done.arrived++;
      }
    }
    if (removed.size === 0 && added.length === 0) return done;
    if (added.length <= SCORE_AT_ONCE) for (const row of added) this.#score(row);
    else void this.#scoreRemaining();
    if (removed.size + added.length > PATCH_LIMIT) this.#orders.forget();
    else this.#orders.patch(removed, added);
    this.#rowsVersion++;
    if (done.left > 0) this.#pruneSelection();
    return done;
  }

  // ---- live updates ----

  #subscribe(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    if (!this.isConnected || !this.store) return;
    this.#unsubscribe = this.store.subscribe((change) => this.#onStoreChange(change));
  }

  #onStoreChange(change: StoreChange): void {
    if (change.type === 'closed') {
      this.problem = inboxMsg('storeClosed', this.locale);
      return;
    }
    if (change.type !== 'appraisal') return;
    if (this.#ownWrites.delete(`${change.id}#${change.revision}`)) return;
    this.#pendingNotices.add(change.id);
    this.#scheduleNotices();
  }

  /**
   * Notices come in bursts: a batch from another tab as one notice per record all at once, a bulk
   * run as one every few milliseconds. They are collected for a window from the first, then read together.
   */
  #scheduleNotices(): void {
    if (this.#noticeTimer !== undefined) return;
    this.#noticeTimer = setTimeout(() => {
      this.#noticeTimer = undefined;
      this.#noticeWork = this.#noticeWork.then(() => this.#applyNotices()).catch((error: unknown) => {
        this.problem = error instanceof Error ? error.message : String(error);
      });
    }, NOTICE_WINDOW_MS);
  }

  /** Has `ids` read again as if the store had announced them. */
  #noticeAll(ids: Iterable<string>): void {
    for (const id of ids) this.#pendingNotices.add(id);
    if (this.#pendingNotices.size > 0) this.#scheduleNotices();
  }

  async #applyNotices(): Promise<void> {
    // Pages a load is reading may predate these notices; anything read after it ends cannot.
    while (this.loading) await this.loaded;
    const store = this.store;
    // A task this element is writing settles with what the write returns.
    const ids = [...this.#pendingNotices].filter((id) => !this.#busy.has(id));
    this.#pendingNotices.clear();
    if (!store || !this.userId || ids.length === 0) return;
    const token = this.#loadToken;
    const openId = this.openTask?.id;
    let done: Reconciled;
    let openRecord: AppraisalRecord | undefined;
    if (ids.length > REREAD_THRESHOLD) {
      const reread = await this.#reread(store);
      if (!reread) return;
      done = reread.done;
      if (openId !== undefined && ids.includes(openId)) openRecord = reread.records.get(openId) ?? await store.getAppraisal(openId).catch(() => undefined);
    } else {
      // A few reads at once: each is a small transaction of its own, none waits for the one before.
      const records = await Promise.all(ids.map((id) => store.getAppraisal(id).catch(() => undefined)));
      // A load started meanwhile reads these appraisals itself, after the notices.
      if (token !== this.#loadToken) return;
      done = this.#applyRows(ids.map((id, index) => this.#updateOf(records[index], id)));
      openRecord = openId === undefined ? undefined : records[ids.indexOf(openId)];
    }
    const open = this.openTask;
    if (open !== undefined && open.id === openId && openRecord && openRecord.revision !== open.record.revision) {
      const left = !this.#rows.has(open.id);
      const kept = open.sheet !== undefined;
      this.openTask = { ...open, record: openRecord, ...(kept ? {} : { base: openRecord }), message: inboxMsg(left ? 'taskLeft' : 'taskUpdated', this.locale) };
      void this.#loadAudit(open.id);
    }
    if (done.left > 0) this.#announce(done.left === 1 ? inboxMsg('taskLeft', this.locale) : inboxMsg('tasksLeft', this.locale, { n: done.left }));
    else if (done.arrived > 0) this.#announce(done.arrived === 1 ? inboxMsg('taskArrived', this.locale) : inboxMsg('tasksArrived', this.locale, { n: done.arrived }));
    else if (done.updated > 0) this.#announce(inboxMsg('taskUpdated', this.locale));
    this.requestUpdate();
  }

  /**
   * Reads the task list again in pages, as on opening, and applies the difference in one step: after
   * HR opens a month of 10,000 in another tab that is forty page reads, not 10,000 single ones.
   * Rows whose revision did not change keep their object, score and place in every order.
   * Undefined when a load took over meanwhile.
   */
  async #reread(store: KaoheStore): Promise<{ done: Reconciled; records: Map<string, AppraisalRecord> } | undefined> {
    const token = ++this.#loadToken;
    const touched = new Set<string>();
    this.#readsInFlight.add(touched);
    try {
      const records = new Map<string, AppraisalRecord>();
      let cursor: string | undefined;
      do {
        const page = await store.listTasks(this.userId, { limit: PAGE_SIZE, ...(cursor !== undefined ? { cursor } : {}) });
        if (token !== this.#loadToken) return undefined;
        for (const record of page.items) records.set(record.id, record);
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      // Rows are built in slices (a month of 10,000 is ~50 ms of them); the list changes in one step after.
      const pause = slices(SLICE_MS);
      const updates: RowUpdate[] = [];
      for (const [id, record] of records) {
        const previous = this.#rows.get(id);
        if (previous && previous.record.revision === record.revision) continue;
        updates.push({ id, row: this.#rowOf(record, previous) });
        const wait = pause();
        if (wait) {
          await wait;
          if (token !== this.#loadToken) return undefined;
        }
      }
      for (const id of this.#rows.keys()) if (!records.has(id)) updates.push({ id, row: undefined });
      // What this element wrote itself while the pages were read is newer than those pages.
      const done = this.#applyRows(updates.filter(({ id }) => !touched.has(id)));
      void this.#afterLoad();
      return { done, records };
    } finally {
      this.#readsInFlight.delete(touched);
    }
  }

  #announce(text: string): void {
    // Setting the same words twice would not be read again; a zero-width change makes it new.
    this.announcement = this.announcement === text ? `${text}\u200b` : text;
  }

  // ---- acting ----

  #contextFor(record: AppraisalRecord): ActContext | undefined {
    const chain = this.chains[record.chainId];
    if (!chain) return undefined;
    const rubric = this.#rubricOf(record);
    // The record carries the delegations that put someone among its assignees (`workflow.delegated`,
    // written by the action taken under them). Handing them back keeps the delegate an actor here, and
    // keeps the delegation on the record through the next action, whether or not the host added it
    // to `directory.delegations`. Routing still checks each one's dates against `now`.
    const carried = workflowOf(record).delegated;
    return {
      actor: this.userId,
      directory: this.directory,
      chain,
      now: this.#nowIso(),
      ...(this.calendar ? { calendar: this.calendar } : {}),
      ...(rubric ? { rubric } : {}),
      ...(carried.length > 0 ? { delegations: carried } : {}),
    };
  }

  #allowed(record: AppraisalRecord): ActionName[] {
    // Routing runs over the whole directory for every probe (~7 ms at 10,000 people): once per record
    // and setting, not once per render of the pane.
    const key = [this.userId, this.directory, this.chains, this.calendar, this.now] as const;
    const cached = this.#allowedCache.get(record);
    if (cached && cached.key.every((value, index) => value === key[index])) return cached.value;
    const ctx = this.#contextFor(record);
    if (!ctx) return [];
    const { actor: _actor, ...rest } = ctx;
    const value = allowedActions(record, this.userId, rest);
    this.#allowedCache.set(record, { key, value });
    return value;
  }

  #allowedCache = new WeakMap<AppraisalRecord, { key: readonly unknown[]; value: ActionName[] }>();

  /** The groups the user (or whoever lent them the right) still submits for at a group step; a group edits only its items. */
  #pendingGroups(record: AppraisalRecord): string[] {
    // Routed over the whole directory like #allowed, and asked on every render of the pane: kept as long as its inputs.
    const key = [this.userId, this.directory, this.chains, this.calendar, this.now] as const;
    const cached = this.#pendingCache.get(record);
    if (cached && cached.key.every((value, index) => value === key[index])) return cached.value;
    const ctx = this.#contextFor(record);
    const value = ctx ? pendingGroupsFor(record, this.userId, ctx) : [];
    this.#pendingCache.set(record, { key, value });
    return value;
  }

  #pendingCache = new WeakMap<AppraisalRecord, { key: readonly unknown[]; value: string[] }>();

  async #write(record: AppraisalRecord, action: WorkflowAction): Promise<ActionOutcome> {
    const ctx = this.#contextFor(record);
    if (!ctx || !this.store) {
      return { ok: false, kind: 'refused', reason: { code: 'invalidChain', message: `chain ${record.chainId} is not configured` } };
    }
    this.#busy.add(record.id);
    try {
      const outcome = await performAction(this.store, record, action, ctx);
      if (outcome.ok) this.#ownWrites.add(`${outcome.record.id}#${outcome.record.revision}`);
      return outcome;
    } finally {
      this.#busy.delete(record.id);
    }
  }

  #failureText(outcome: Exclude<ActionOutcome, { ok: true }>): string {
    if (outcome.kind === 'refused') return inboxMsg('refused', this.locale, { message: outcome.reason.message });
    if (outcome.kind === 'conflict') return inboxMsg('conflict', this.locale);
    return inboxMsg('storeFailed', this.locale, { message: outcome.message });
  }

  /** Handles what a single (non-bulk) action came to: the list, the pane, the announcement, the events. */
  async #settle(record: AppraisalRecord, action: ActionName, outcome: ActionOutcome): Promise<void> {
    const name = this.#nameOf(record.employeeId);
    if (outcome.ok) {
      const happened = this.#reconcile(outcome.record, record.id);
      this.dispatchEvent(new KaoheTaskActedEvent(outcome.record, action));
      const acted = inboxMsg('acted', this.locale, { action: actionLabel(action, this.locale), name });
      this.#announce(happened === 'left' ? `${acted} ${inboxMsg('taskLeft', this.locale)}` : acted);
      if (this.openTask?.id === record.id) {
        if (happened === 'left') this.#closePane();
        else {
          this.openTask = { ...this.openTask, record: outcome.record, base: outcome.record, sheet: undefined, comment: '', returnComment: '', message: acted };
          void this.#loadAudit(record.id);
        }
      }
      if (happened === 'left' && this.activeId === record.id) this.#moveActiveAfterRemoval(record.id);
      this.requestUpdate();
      return;
    }
    let message = this.#failureText(outcome);
    this.dispatchEvent(new KaoheTaskActionFailedEvent(record.id, action,
      outcome.kind === 'refused' ? outcome.reason : { code: outcome.kind, message: outcome.message }));
    if (outcome.kind === 'conflict') {
      // Never a lost update: show what is stored now and let the reviewer decide again.
      const happened = this.#reconcile(outcome.current, record.id);
      if (this.openTask?.id === record.id && outcome.current) {
        // What the person typed stays on screen (and in their draft); the form's banner says why.
        const kept = this.openTask.sheet !== undefined;
        if (kept) message = inboxMsg('conflictKept', this.locale);
        this.openTask = { ...this.openTask, record: outcome.current, ...(kept ? {} : { base: outcome.current }), message };
        void this.#loadAudit(record.id);
      }
      if (happened === 'left') this.#announce(`${message} ${inboxMsg('taskLeft', this.locale)}`);
      else this.#announce(message);
    } else {
      this.#announce(message);
    }
    if (this.openTask?.id === record.id) {
      this.openTask = { ...this.openTask, message };
    } else {
      this.problem = `${name}: ${message}`;
    }
    this.requestUpdate();
  }

  #moveActiveAfterRemoval(removedId: string): void {
    const visible = this.#visible();
    // The row below takes the place of the one that left, so a reviewer can keep pressing `a`.
    const index = this.#lastActiveIndex;
    const next = visible[Math.min(index, visible.length - 1)];
    this.activeId = next?.id !== removedId ? next?.id : undefined;
  }

  #lastActiveIndex = 0;

  /** Approves (or submits, resubmits, publishes) one task: the step's forward action. */
  async approve(id: string, options: { comment?: string } = {}): Promise<void> {
    const row = this.#rows.get(id);
    const shown = this.openTask?.id === id ? this.openTask : undefined;
    // Edits are sent against the revision they were typed on: a newer one by someone else is a conflict, not an overwrite.
    const record = shown ? (shown.sheet !== undefined ? shown.base : shown.record) : row?.record;
    if (!record) return;
    const action = this.#forwardOf(record);
    if (!action) {
      const message = inboxMsg('noActions', this.locale);
      if (this.openTask?.id === id) this.openTask = { ...this.openTask, message };
      this.#announce(message);
      return;
    }
    const request = new KaoheApproveRequestEvent(record, action, false);
    this.dispatchEvent(request);
    if (request.defaultPrevented) {
      await this.#settleVeto(record, action);
      return;
    }
    const open = this.openTask?.id === id ? this.openTask : undefined;
    const edits = open?.sheet ? sheetEdits(record.sheet, open.sheet) : {};
    const comment = options.comment ?? open?.comment ?? '';
    const group = action === 'group.submit' ? this.#pendingGroups(record)[0] : undefined;
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
    const record = this.openTask?.id === id ? this.openTask.record : this.#rows.get(id)?.record;
    if (!record) return;
    if (comment.trim() === '') {
      const message = inboxMsg('commentRequired', this.locale);
      if (this.openTask?.id === id) this.openTask = { ...this.openTask, message };
      this.#announce(message);
      this.#focusAfterUpdate = () => this.#focusReturnComment();
      return;
    }
    const request = new KaoheReturnRequestEvent(record, to, comment.trim());
    this.dispatchEvent(request);
    if (request.defaultPrevented) {
      await this.#settleVeto(record, 'step.return');
      return;
    }
    await this.#settle(record, 'step.return', await this.#write(record, { type: 'step.return', to, comment: comment.trim() }));
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
    const record = this.openTask?.id === id ? this.openTask.record : this.#rows.get(id)?.record;
    if (!record || !to) return;
    const today = businessDay(this.#nowIso(), timeZoneOf(this.calendar));
    const delegation = { from: this.userId, to, start: today, end: until || today };
    const request = new KaoheDelegateRequestEvent(record, delegation);
    this.dispatchEvent(request);
    if (request.defaultPrevented) {
      await this.#settleVeto(record, 'draft.save');
      return;
    }
    const ctx = this.#contextFor(record);
    if (!ctx || !this.store) return;
    const comment = inboxMsg('delegated', 'en', { name: this.#nameOf(to) });
    const outcome = await performAction(this.store, record, { type: 'draft.save', comment }, { ...ctx, delegations: [...(ctx.delegations ?? []), delegation] });
    if (outcome.ok) this.#ownWrites.add(`${outcome.record.id}#${outcome.record.revision}`);
    await this.#settle(record, 'draft.save', outcome);
    if (outcome.ok) this.#announce(inboxMsg('delegated', this.locale, { name: this.#nameOf(to) }));
  }

  async #settleVeto(record: AppraisalRecord, action: ActionName): Promise<void> {
    const message = inboxMsg('vetoed', this.locale);
    this.dispatchEvent(new KaoheTaskActionFailedEvent(record.id, action, { code: 'vetoed', message }));
    if (this.openTask?.id === record.id) this.openTask = { ...this.openTask, message };
    this.#announce(message);
  }

  #forwardOf(record: AppraisalRecord): ForwardAction | undefined {
    return this.#allowed(record).find(isForward);
  }

  /** Approves every selected task that is shown, one after the other, listing what could not be done. */
  async approveSelected(action: ForwardAction): Promise<BulkRun> {
    const targets = this.#visible().filter((row) => this.selected.has(row.id));
    const run: BulkRun = { action, total: targets.length, done: 0, ok: 0, running: true, failures: [] };
    this.bulk = run;
    for (const row of targets) {
      const record = this.#rows.get(row.id)?.record ?? row.record;
      const request = new KaoheApproveRequestEvent(record, action, true);
      this.dispatchEvent(request);
      let failure: string | undefined;
      if (request.defaultPrevented) {
        failure = inboxMsg('vetoed', this.locale);
      } else {
        const outcome = await this.#write(record, { type: action } as WorkflowAction);
        if (outcome.ok) {
          run.ok++;
          this.#reconcile(outcome.record, record.id);
          this.dispatchEvent(new KaoheTaskActedEvent(outcome.record, action));
        } else {
          failure = this.#failureText(outcome);
          if (outcome.kind === 'conflict') this.#reconcile(outcome.current, record.id);
          this.dispatchEvent(new KaoheTaskActionFailedEvent(record.id, action,
            outcome.kind === 'refused' ? outcome.reason : { code: outcome.kind, message: outcome.message }));
        }
      }
      if (failure !== undefined) run.failures.push({ id: record.id, name: this.#nameOf(record.employeeId), message: failure });
      run.done++;
      this.bulk = { ...run, failures: [...run.failures] };
    }
    run.running = false;
    this.bulk = { ...run, failures: [...run.failures] };
    this.#pruneSelection();
    if (this.openTask && !this.#rows.has(this.openTask.id)) this.#closePane(false);
    const summary = inboxMsg('bulkDone', this.locale, { action: actionLabel(action, this.locale), ok: run.ok, total: run.total });
    this.#announce(run.failures.length > 0 ? `${summary}. ${inboxMsg('bulkFailures', this.locale)}: ${run.failures.length}` : summary);
    return this.bulk;
  }

  // ---- the pane ----

  /** Opens a task in the detail pane and moves focus to its heading. */
  async open(id: string): Promise<void> {
    const row = this.#rows.get(id);
    if (!row) return;
    this.activeId = id;
    const step = chainStep(this.chains, row.record.chainId, row.record.step);
    this.openTask = {
      id, record: row.record, base: row.record, audit: undefined, sheet: undefined, message: '',
      // The earliest step (the assessor) is where most returns go; the menu offers the others.
      returnTo: step?.returnTo?.[0] ?? '', returnComment: '', comment: '',
      delegateTo: '', delegateUntil: '', delegating: false, delegateSearch: '', settled: false,
    };
    this.#focusAfterUpdate = () => this.#focusPaneHeading();
    this.dispatchEvent(new KaoheTaskOpenEvent(row.record));
    this.#announce(inboxMsg('opened', this.locale, { name: row.employeeName }));
    // The heading and the form paint first; the history (a store read and its rendering) follows in
    // the next frame, so Enter on a row shows the task within the frame it was pressed in.
    await this.updateComplete;
    await afterPaint();
    if (this.openTask?.id !== id) return;
    if (!this.openTask.settled) this.#patchOpen({ settled: true });
    if (this.openTask.audit === undefined) await this.#loadAudit(id);
  }

  async #loadAudit(id: string): Promise<void> {
    const events = await this.store?.listAudit(id).catch(() => []) ?? [];
    const open = this.openTask;
    if (open?.id !== id) return;
    const chain = this.chains[open.record.chainId];
    // Without its chain nobody can tell which steps keep their raters anonymous (TR-3): the employee sees no history then.
    const shown = chain ? redactAuditForViewer(events, open.record, this.userId, chain) : open.record.employeeId === this.userId ? [] : events;
    this.openTask = { ...open, audit: shown };
  }

  #closePane(restoreFocus = true): void {
    const id = this.openTask?.id;
    this.openTask = undefined;
    if (id !== undefined && this.#rows.has(id)) this.activeId = id;
    if (restoreFocus) this.#focusAfterUpdate = () => this.#focusGrid();
  }

  /** Closes the detail pane; focus returns to the task's row in the list. */
  close(): void {
    this.#closePane();
  }

  #focusPaneHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('#detail-heading')?.focus();
  }

  #focusReturnComment(): void {
    this.renderRoot.querySelector<HTMLTextAreaElement>('#return-comment')?.focus();
  }

  #grid(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('[role="grid"]');
  }

  #focusGrid(): void {
    const grid = this.#grid();
    grid?.focus();
    this.#scrollActiveIntoView();
  }

  #scrollActiveIntoView(): void {
    const index = this.#visible().findIndex((row) => row.id === this.activeId);
    if (index < 0) return;
    this.#lastActiveIndex = index;
    this.#window.scrollToIndex(index);
  }

  #nameOf(personId: string): string {
    return this.#people.get(personId)?.name ?? personId;
  }

  // ---- keyboard ----

  #onGridKeydown(event: KeyboardEvent): void {
    const grid = this.#grid();
    // Keys typed on a header button or a checkbox belong to them.
    if (event.composedPath()[0] !== grid || event.altKey || event.ctrlKey || event.metaKey) return;
    const visible = this.#visible();
    if (visible.length === 0) return;
    let index = visible.findIndex((row) => row.id === this.activeId);
    const page = Math.max(1, Math.floor((grid?.clientHeight ?? 400) / ROW_HEIGHT) - 2);
    switch (event.key) {
      case 'ArrowDown': index = Math.min(visible.length - 1, index + 1); break;
      case 'ArrowUp': index = Math.max(0, index < 0 ? 0 : index - 1); break;
      case 'PageDown': index = Math.min(visible.length - 1, Math.max(0, index) + page); break;
      case 'PageUp': index = Math.max(0, index - page); break;
      case 'Home': index = 0; break;
      case 'End': index = visible.length - 1; break;
      case 'Enter':
        event.preventDefault();
        if (this.activeId) void this.open(this.activeId);
        return;
      case ' ':
        event.preventDefault();
        if (this.activeId) this.#toggle(this.activeId);
        return;
      case 'a':
        event.preventDefault();
        if (this.activeId) void this.approve(this.activeId);
        return;
      case 'r':
        event.preventDefault();
        if (this.activeId) void this.#openForReturn(this.activeId);
        return;
      default:
        return;
    }
    event.preventDefault();
    this.activeId = visible[index]?.id;
    this.#lastActiveIndex = index;
    void this.updateComplete.then(() => this.#scrollActiveIntoView());
  }

  async #openForReturn(id: string): Promise<void> {
    if (this.openTask?.id !== id) await this.open(id);
    await this.updateComplete;
    this.#focusReturnComment();
  }

  #onPaneKeydown(event: KeyboardEvent): void {
    const open = this.openTask;
    if (!open) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      this.#closePane();
      return;
    }
    const target = event.composedPath()[0] as HTMLElement | undefined;
    const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement
      || target?.isContentEditable === true;
    if (typing || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'a') {
      event.preventDefault();
      void this.approve(open.id);
    } else if (event.key === 'r') {
      event.preventDefault();
      this.#focusReturnComment();
    }
  }

  #toggle(id: string): void {
    const next = new Set(this.selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.selected = next;
  }

  #toggleAll(checked: boolean): void {
    this.selected = checked ? new Set(this.#visible().map((row) => row.id)) : new Set();
  }

  #sortBy(column: SortColumn): void {
    const current = this.view.sort;
    const direction = current.column === column && current.direction === 'ascending' ? 'descending' : 'ascending';
    this.#setView({ sort: { column, direction } });
  }

  // ---- rendering ----

  override render(): TemplateResult {
    const visible = this.#visible();
    const t = (key: InboxMessageKey, params?: Record<string, string | number>) => inboxMsg(key, this.locale, params);
    const open = this.openTask;
    return html`
      <h2 id="heading" part="heading">${t('inboxHeading')}</h2>
      <p id="shortcuts" class="visually-hidden">${t('shortcuts')}</p>
      ${this.#renderFilters()}
      ${this.#renderCounts(visible.length)}
      ${this.#renderBulk(visible)}
      ${this.problem ? html`<p class="message" role="alert">${this.problem}</p>` : nothing}
      <div class="layout ${open ? 'open' : ''}">
        ${this.#renderGrid(visible)}
        ${open ? this.#renderPane(open) : nothing}
      </div>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    `;
  }

  #renderFilters(): TemplateResult {
    const t = (key: InboxMessageKey) => inboxMsg(key, this.locale);
    const { options, stepLabels } = this.#derived();
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
    const counts = this.#derived().counts;
    return html`
      <ul class="counts" part="counts" aria-label=${inboxMsg('countsLabel', this.locale)}>
        <li>${inboxMsg('shown', this.locale, { shown, total: this.#rows.size })}</li>
        ${this.loading && (this.#loadRead > 0 || this.#loadTotal !== undefined) ? html`<li class="loading">${this.#loadingNote()}</li>` : nothing}
        ${Object.entries(counts).map(([status, n]) => html`
          <li data-status=${status}>${statusLabel(status as keyof typeof counts, this.locale)}: <strong>${n}</strong></li>`)}
      </ul>`;
  }

  #loadingNote(): string {
    const number = new Intl.NumberFormat(this.locale);
    const read = this.#loadRead;
    if (this.#loadTotal === undefined) return inboxMsg('loadingSome', this.locale, { n: number.format(read) });
    // Tasks that arrive while the pages are read can take n past the count taken at the start.
    return inboxMsg('loadingOf', this.locale, { n: number.format(read), total: number.format(Math.max(read, this.#loadTotal)) });
  }

  /** The selected rows that are shown; once per change of either, not once per scrolled frame. */
  #chosen(visible: readonly InboxRow[]): InboxRow[] {
    const cache = this.#chosenCache;
    if (cache?.visible === visible && cache.selected === this.selected) return cache.rows;
    const rows = this.selected.size === 0 ? [] : visible.filter((row) => this.selected.has(row.id));
    this.#chosenCache = { visible, selected: this.selected, rows };
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
            @change=${(e: Event) => this.#toggleAll((e.target as HTMLInputElement).checked)}>
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
    const activeIndex = visible.findIndex((row) => row.id === this.activeId);
    const sort = this.view.sort;
    const { start, end } = this.#window.range(visible.length);
    const indexes = Array.from({ length: end - start }, (_, offset) => start + offset);
    // The active row stays in the DOM while scrolled away, so aria-activedescendant always names an element.
    if (activeIndex >= 0 && !indexes.includes(activeIndex)) indexes.push(activeIndex);
    return html`
      <div role="grid" part="grid" tabindex="0" aria-labelledby="heading" aria-describedby="shortcuts"
        aria-rowcount=${visible.length + 1} aria-multiselectable="true"
        aria-activedescendant=${activeIndex >= 0 ? `row-${activeIndex}` : nothing}
        @keydown=${this.#onGridKeydown}
        @focus=${() => { if (this.activeId === undefined && visible[0]) this.activeId = visible[0].id; }}>
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
            ? html`<div role="row" class="row empty-row"><span role="gridcell" class="empty">${this.loading ? t('loading') : this.#rows.size === 0 ? t('empty') : t('noMatch')}</span></div>`
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
    this.activeId = id;
    this.#lastActiveIndex = Number(row.dataset.index);
    void this.open(id);
  }

  #onBodyChange(event: Event): void {
    const id = (event.target as Element).closest<HTMLElement>('[role="row"][data-id]')?.dataset.id;
    if (id !== undefined) this.#toggle(id);
  }

  #renderRow(row: InboxRow, index: number, active: boolean): TemplateResult {
    const selected = this.selected.has(row.id);
    // A row on screen is scored now (once per revision, ~0.1 ms), not when the background pass reaches it.
    this.#score(row);
    const score = row.score;
    return html`
      <div role="row" id=${`row-${index}`} class="row ${active ? 'active' : ''} ${this.openTask?.id === row.id ? 'opened' : ''}"
        ${cssProps({ top: `${index * ROW_HEIGHT}px` })}
        data-id=${row.id} data-index=${index} aria-rowindex=${index + 2} aria-selected=${selected ? 'true' : 'false'}>
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
        <span role="gridcell" data-column="state">${statusLabel(row.status, this.locale)}</span>
      </div>`;
  }

  #renderPane(open: OpenTask): TemplateResult {
    const t = (key: InboxMessageKey, params?: Record<string, string | number>) => inboxMsg(key, this.locale, params);
    const record = open.record;
    const step = chainStep(this.chains, record.chainId, record.step);
    const listed = this.#rows.get(open.id);
    // Whatever is pressed meanwhile is decided by the chain with the exact actions (approve, returnTask).
    const allowed = !open.settled && listed?.record === record ? listed.actions : this.#allowed(record);
    const forward = allowed.filter(isForward);
    const returnTargets = allowed.includes('step.return') ? (step?.returnTo ?? []) : [];
    const rubric = this.#rubricOf(record);
    const editing = (step?.kind === 'score' || step?.kind === 'self') && (allowed.includes('draft.save') || forward.length > 0);
    const mode = step?.kind === 'publish' || allowed.length === 0 ? 'readonly' : editing ? 'edit' : 'review';
    const groups = step && isGroupStep(step) ? this.#pendingGroups(record) : undefined;
    const canDelegate = allowed.includes('draft.save') && !(step && isGroupStep(step));
    const name = this.#nameOf(record.employeeId);
    return html`
      <section class="pane" part="detail" aria-labelledby="detail-heading" @keydown=${this.#onPaneKeydown}>
        <header>
          <h3 id="detail-heading" tabindex="-1">${name} · ${record.period} · ${step?.label[this.locale] ?? record.step}</h3>
          <button type="button" class="close" @click=${() => this.#closePane()}>${t('close')}</button>
        </header>
        <div class="message" role="alert">${open.message}</div>
        <section class="actions" aria-labelledby="actions-heading">
          <h4 id="actions-heading">${t('actions')}</h4>
          ${allowed.length === 0 ? html`<p class="muted">${t('noActions')}</p>` : nothing}
          ${forward.length > 0 ? html`
            <label class="field">${t('comment')}
              <textarea id="approve-comment" .value=${open.comment}
                @input=${(e: Event) => this.#patchOpen({ comment: (e.target as HTMLTextAreaElement).value })}></textarea>
            </label>
            <div class="buttons">
              ${forward.slice(0, 1).map((action) => html`
                <button type="button" class="primary" data-action=${action} @click=${() => void this.approve(open.id)}>
                  ${actionLabel(action, this.locale)}</button>`)}
            </div>` : nothing}
          ${returnTargets.length > 0 ? html`
            <fieldset>
              <legend>${t('returnButton')}</legend>
              <label class="field">${t('returnTo')}
                <select id="return-to" .value=${open.returnTo}
                  @change=${(e: Event) => this.#patchOpen({ returnTo: (e.target as HTMLSelectElement).value })}>
                  ${returnTargets.map((target) => html`<option value=${target} ?selected=${open.returnTo === target}>
                    ${chainStep(this.chains, record.chainId, target)?.label[this.locale] ?? target}</option>`)}
                </select>
              </label>
              <label class="field">${t('returnComment')}
                <textarea id="return-comment" required aria-required="true" .value=${open.returnComment}
                  @input=${(e: Event) => this.#patchOpen({ returnComment: (e.target as HTMLTextAreaElement).value })}></textarea>
              </label>
              <div class="buttons">
                <button type="button" data-action="step.return"
                  @click=${() => void this.returnTask(open.id, this.openTask?.returnTo || returnTargets[0] || '', this.openTask?.returnComment ?? '')}>
                  ${t('returnButton')}</button>
              </div>
            </fieldset>` : nothing}
          ${canDelegate ? this.#renderDelegate(open) : nothing}
        </section>
        ${rubric ? html`
          <kaohe-rubric-form .rubric=${rubric} .sheet=${open.base.sheet} .mode=${mode}
            .editableGroups=${groups ?? []} .comments=${this.#commentsOf(record)} .locale=${this.locale}
            .store=${this.store} .appraisalId=${record.id} .userId=${this.userId} .baseRevision=${open.base.revision}
            @change=${(e: Event) => { if (e instanceof KaoheChangeEvent) this.#patchOpen({ sheet: e.sheet }); }}
            @kaohe-submitted=${(e: KaoheSubmittedEvent) => this.#onFormSubmitted(open.id, e)}></kaohe-rubric-form>`
          : html`<p class="muted">${t('rubricMissing')}</p>`}
        ${this.#renderHistory(record, open.audit)}
      </section>`;
  }

  /** Folded until asked for: the menu of colleagues is built only then, and narrowed by a search past DELEGATE_OPTIONS. */
  #renderDelegate(open: OpenTask): TemplateResult {
    const t = (key: InboxMessageKey) => inboxMsg(key, this.locale);
    const record = open.record;
    let menu: TemplateResult | typeof nothing = nothing;
    if (open.delegating) {
      const candidates = this.directory.people.filter((person) => person.id !== this.userId && person.id !== record.employeeId);
      const searching = candidates.length > DELEGATE_OPTIONS;
      const needle = open.delegateSearch.trim().toLowerCase();
      const shown = (needle === '' ? candidates : candidates.filter((person) => `${person.name}\u0000${person.number ?? ''}\u0000${person.id}`.toLowerCase().includes(needle)))
        .slice(0, DELEGATE_OPTIONS);
      menu = html`
        ${searching ? html`
          <label class="field">${t('delegateSearch')}
            <input type="search" id="delegate-search" .value=${open.delegateSearch}
              @input=${(e: Event) => this.#patchOpen({ delegateSearch: (e.target as HTMLInputElement).value })}>
          </label>` : nothing}
        <label class="field">${t('delegateTo')}
          <select id="delegate-to" .value=${open.delegateTo}
            @change=${(e: Event) => this.#patchOpen({ delegateTo: (e.target as HTMLSelectElement).value })}>
            <option value=""></option>
            ${shown.map((person) => html`<option value=${person.id} ?selected=${person.id === open.delegateTo}>${person.name}</option>`)}
          </select>
        </label>
        <label class="field">${t('delegateUntil')}
          <input type="date" id="delegate-until" .value=${open.delegateUntil}
            @change=${(e: Event) => this.#patchOpen({ delegateUntil: (e.target as HTMLInputElement).value })}>
        </label>
        <div class="buttons">
          <button type="button" data-action="delegate" ?disabled=${open.delegateTo === ''}
            @click=${() => void this.delegate(open.id, this.openTask?.delegateTo ?? '', this.openTask?.delegateUntil ?? '')}>${t('delegate')}</button>
        </div>`;
    }
    return html`
      <details class="delegate" .open=${open.delegating}
        @toggle=${(e: Event) => {
          const unfolded = (e.target as HTMLDetailsElement).open;
          if (this.openTask && this.openTask.delegating !== unfolded) this.#patchOpen({ delegating: unfolded });
        }}>
        <summary>${t('delegate')}</summary>
        ${menu}
      </details>`;
  }

  /** Reviewers' comments along the chain as this user may read them (TR-3), for the form's review mode; one array per revision. */
  #commentsOf(record: AppraisalRecord): ReviewComment[] {
    const cached = this.#comments;
    if (cached?.record === record && cached.viewer === this.userId && cached.locale === this.locale) return cached.comments;
    const chain = this.chains[record.chainId];
    const comments = !chain ? [] : commentsForViewer(record, this.userId, chain,
      (actor, step) => (actor === undefined ? this.#stepLabel(record, step) : this.#nameOf(actor)));
    this.#comments = { record, viewer: this.userId, locale: this.locale, comments };
    return comments;
  }

  #comments: { record: AppraisalRecord; viewer: string; locale: string; comments: ReviewComment[] } | undefined;

  /** What an anonymous rater is shown as (TR-3): the step they rated at. */
  #stepLabel(record: AppraisalRecord, step: unknown): string {
    const id = typeof step === 'string' ? step : '';
    return chainStep(this.chains, record.chainId, id)?.label[this.locale] ?? (id || '—');
  }

  #patchOpen(patch: Partial<OpenTask>): void {
    if (this.openTask) this.openTask = { ...this.openTask, ...patch };
  }

  #onFormSubmitted(id: string, event: KaoheSubmittedEvent): void {
    if (!this.openTask || this.openTask.id !== id) return;
    this.openTask = { ...this.openTask, sheet: event.sheet };
    void this.approve(id);
  }

  #renderHistory(record: AppraisalRecord, events: AuditEvent[] | undefined): TemplateResult {
    const t = (key: InboxMessageKey, params?: Record<string, string | number>) => inboxMsg(key, this.locale, params);
    const timeZone = timeZoneOf(this.calendar);
    return html`
      <section class="history" aria-labelledby="history-heading">
        <h4 id="history-heading">${t('history')}</h4>
        ${events === undefined ? html`<p class="muted">${t('loadingHistory')}</p>` : events.length === 0 ? html`<p class="muted">${t('noHistory')}</p>` : html`
          <ol>
            ${events.map((event) => html`
              <li data-action=${event.action}>
                <strong>${event.actor === ANONYMOUS_ACTOR
                  ? this.#stepLabel(record, (event.before as { step?: unknown } | null)?.step)
                  : this.#nameOf(event.actor)}</strong> · ${actionLabel(event.action, this.locale)}
                · <time datetime=${event.at}>${formatDateTime(event.at, this.locale, timeZone)}</time>
                ${event.comment ? html`<q>${event.comment}</q>` : nothing}
              </li>`)}
          </ol>`}
      </section>`;
  }
}
