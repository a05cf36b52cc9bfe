// The inbox's task list: the rows read from the store (in pages, the first screen first), kept live
// by the store's notices (collected in bursts, re-read together, or the whole list again past a
// threshold), scored in the background, and ordered per column in idle slices. It writes nothing:
// the inbox's actions (inbox-actions.ts) tell it what they wrote, so their own notices are skipped.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Rubric } from '@kaohe/scoring';
import type { KaoheStore, StoreChange } from '@kaohe/store';
import { tasksFor, timeZoneOf } from '@kaohe/workflow';
import type { AppraisalRecord, Chain, Directory, Person, WorkCalendar } from '@kaohe/workflow';
import type { Locale } from '../base/locale.ts';
import { RowOrders, slices } from './inbox-order.ts';
import {
  countByStatus, distinct, filterRows, rubricFor, scoreRecord, sortColumns, toRow,
  type InboxRow, type InboxView, type RubricSource, type SortColumn,
} from './inbox-rows.ts';

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

/** What the list is read for, asked afresh at every read. */
export interface TaskListSource {
  store: KaoheStore | undefined;
  userId: string;
  directory: Directory;
  chains: Record<string, Chain>;
  rubrics: RubricSource | undefined;
  people: Map<string, Person>;
  /** its time zone decides which day it is (overdue) */
  calendar: WorkCalendar | undefined;
  /** the time overdue is judged by (ISO) */
  now: string;
}

/** What a written record did to the task list. */
export type Happened = 'left' | 'arrived' | 'updated' | 'none';

/** What a reconciliation did to the list. */
export interface Reconciled {
  left: number;
  arrived: number;
  updated: number;
}

/** A row as read from the store, or undefined when the appraisal is no task of this user's (any more). */
interface RowUpdate {
  id: string;
  row: InboxRow | undefined;
}

export interface Derived {
  options: Record<'role' | 'region' | 'period' | 'step', string[]>;
  stepLabels: Map<string, string>;
  counts: ReturnType<typeof countByStatus>;
}

export interface TaskListHooks {
  source(): TaskListSource;
  /** the task open in the detail pane, if any */
  openId(): string | undefined;
  /** a read failed ('' clears it when a load begins) */
  onProblem(message: string): void;
  /** the store was closed: nothing more will be read or written */
  onStoreClosed(): void;
  /**
   * A burst of notices was applied: what it did to the list, and the open task's stored record when
   * the burst named it (undefined otherwise, or when it could not be read).
   */
  onNotices(done: Reconciled, openId: string | undefined, openRecord: AppraisalRecord | undefined): void;
  /** rows left the list: the selection drops them */
  onRowsLeft(): void;
}

export class TaskListController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #hooks: TaskListHooks;

  #rows = new Map<string, InboxRow>();
  /** bumped whenever a row comes, changes or goes */
  #rowsVersion = 0;
  #orders = new RowOrders(() => [...this.#rows.values()]);
  #visibleCache: { order: readonly InboxRow[]; filterKey: string; rows: readonly InboxRow[] } | undefined;
  #derivedCache: { rowsVersion: number; locale: string; value: Derived } | undefined;
  #warming = false;
  #scoring = false;
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
  /** `${id}#${revision}` this element wrote itself: its own store notices are already reflected */
  #ownWrites = new Set<string>();
  /** tasks being written: their notices settle with what the write returns */
  #busy = new Set<string>();

  /** true while a load reads its pages */
  loading = false;
  /** Resolves when the list has been (re)loaded from the store. */
  loaded: Promise<void> = Promise.resolve();
  /** records read by the current load, and how many `countTasks` announced (undefined until it answers) */
  loadRead = 0;
  loadTotal: number | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, hooks: TaskListHooks) {
    this.#host = host;
    this.#hooks = hooks;
    host.addController(this);
  }

  hostConnected(): void {
    this.subscribe();
    if (this.#pendingNotices.size > 0) this.#scheduleNotices();
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    clearTimeout(this.#noticeTimer);
    this.#noticeTimer = undefined;
  }

  // ---- reading the list ----

  /** How many tasks the list holds (all, before filters). */
  get size(): number {
    return this.#rows.size;
  }

  get(id: string): InboxRow | undefined {
    return this.#rows.get(id);
  }

  has(id: string): boolean {
    return this.#rows.has(id);
  }

  rubricOf(record: AppraisalRecord): Rubric | undefined {
    const source = this.#hooks.source();
    return rubricFor(source.rubrics, record.rubricId, record.rubricVersion);
  }

  /** All rows in the view's order, then the view's filters and search over it in one pass. */
  visible(view: InboxView): readonly InboxRow[] {
    const order = this.#orders.get(view.sort);
    const filterKey = [view.role, view.region, view.period, view.step, view.overdue, view.search.trim().toLowerCase()].join('\u0000');
    const cache = this.#visibleCache;
    if (cache && cache.order === order && cache.filterKey === filterKey) return cache.rows;
    const rows = filterRows(order, view);
    this.#visibleCache = { order, filterKey, rows };
    return rows;
  }

  /** The filter menus' options, the step names and the counts per state: once per change of the rows. */
  derived(locale: Locale): Derived {
    const cache = this.#derivedCache;
    if (cache && cache.rowsVersion === this.#rowsVersion && cache.locale === locale) return cache.value;
    const rows = [...this.#rows.values()];
    const value: Derived = {
      options: { role: distinct(rows, 'role'), region: distinct(rows, 'region'), period: distinct(rows, 'period'), step: distinct(rows, 'step') },
      stepLabels: new Map(rows.map((row) => [row.step, row.stepLabel?.[locale] ?? row.step])),
      counts: countByStatus(rows),
    };
    this.#derivedCache = { rowsVersion: this.#rowsVersion, locale, value };
    return value;
  }

  /** Scores a row now if it has no score yet (once per revision, ~0.1 ms): rows on screen never wait. */
  score(row: InboxRow): void {
    if (row.score === undefined) row.score = scoreRecord(row.record, this.rubricOf(row.record));
  }

  #rowOf(record: AppraisalRecord, previous?: InboxRow): InboxRow | undefined {
    const { userId, now, directory, chains, people, calendar } = this.#hooks.source();
    const task = tasksFor(record, userId, now, timeZoneOf(calendar));
    if (!task) return undefined;
    // A row keeps its score while the sheet is the same revision: scoring runs once per revision.
    const score = previous && previous.record.revision === record.revision ? previous.score : undefined;
    return toRow(record, task, { directory, chains, people }, score);
  }

  /** Makes `rows` the list; every order is built again (in idle slices, or at once for the view's own). */
  #setRows(rows: Map<string, InboxRow>): void {
    this.#rows = rows;
    this.#rowsVersion++;
    this.#orders.forget();
  }

  /** Re-reads every task from the store; `loaded` follows it. */
  load(): Promise<void> {
    this.loaded = this.#load();
    return this.loaded;
  }

  async #load(): Promise<void> {
    const token = ++this.#loadToken;
    const { store, userId } = this.#hooks.source();
    if (!store || !userId) {
      this.#setRows(new Map());
      return;
    }
    this.loading = true;
    this.#hooks.onProblem('');
    this.#host.requestUpdate();
    const previous = this.#rows;
    // A first load shows its first page at once and each further page as it is read; a reload keeps
    // the current list until the new one is whole, so nothing shrinks and grows back.
    const progressive = previous.size === 0;
    const next = new Map<string, InboxRow>();
    if (progressive) this.#setRows(next);
    const pause = slices(SLICE_MS);
    this.loadRead = 0;
    this.loadTotal = undefined;
    this.#countTasks(store, userId, token);
    const touched = new Set<string>();
    if (!progressive) this.#readsInFlight.add(touched);
    try {
      let cursor: string | undefined;
      let limit = FIRST_PAGE;
      do {
        const page = await store.listTasks(userId, { limit, ...(cursor !== undefined ? { cursor } : {}) });
        if (token !== this.#loadToken) return;
        this.loadRead += page.items.length;
        const added: InboxRow[] = [];
        for (const record of page.items) {
          const existing = next.get(record.id);
          // A live notice may have put a newer revision in already.
          if (!existing || existing.record.revision < record.revision) {
            const row = this.#rowOf(record, previous.get(record.id));
            if (row) {
              if (next.size < SYNC_SCORING_LIMIT) this.score(row);
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
        this.#host.requestUpdate();
        cursor = page.nextCursor;
        limit = PAGE_SIZE;
      } while (cursor !== undefined);
      if (!progressive) {
        this.#setRows(next);
        // This element's own writes made while the pages were read may be missing from them: read those again.
        this.#noticeAll(touched);
      }
      this.#hooks.onRowsLeft();
    } catch (error) {
      if (token === this.#loadToken) this.#hooks.onProblem(error instanceof Error ? error.message : String(error));
    } finally {
      this.#readsInFlight.delete(touched);
      if (token === this.#loadToken) {
        this.loading = false;
        this.#host.requestUpdate();
      }
    }
    if (token === this.#loadToken) void this.#afterLoad();
  }

  /** Asks the store how many tasks the load will read, beside the first page, for "Loading n of N tasks". */
  #countTasks(store: KaoheStore, userId: string, token: number): void {
    // A host's own backend written against an earlier contract may not count; the note then says "n so far".
    const count = (store as Partial<Pick<KaoheStore, 'countTasks'>>).countTasks;
    if (typeof count !== 'function') return;
    count.call(store, userId).then((total) => {
      if (token !== this.#loadToken || !this.loading) return;
      this.loadTotal = total;
      this.#host.requestUpdate();
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

  #scoresChanged(): void {
    this.#orders.forget('score');
    this.#host.requestUpdate();
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
          this.score(row);
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

  // ---- changing the list ----

  /** Puts a stored record into the list (or takes it out); returns what happened to the list. */
  reconcile(record: AppraisalRecord | undefined, id: string): Happened {
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
    if (added.length <= SCORE_AT_ONCE) for (const row of added) this.score(row);
    else void this.#scoreRemaining();
    if (removed.size + added.length > PATCH_LIMIT) this.#orders.forget();
    else this.#orders.patch(removed, added);
    this.#rowsVersion++;
    if (done.left > 0) this.#hooks.onRowsLeft();
    return done;
  }

  // ---- what this element writes itself ----

  /** A write of `id` begins: notices of it wait for what the write returns. */
  writing(id: string): void {
    this.#busy.add(id);
  }

  written(id: string): void {
    this.#busy.delete(id);
  }

  /** This element wrote `record`: its own store notice is already reflected. */
  ownWrite(record: AppraisalRecord): void {
    this.#ownWrites.add(`${record.id}#${record.revision}`);
  }

  // ---- live updates ----

  /** Follows the host's store (again): called when it connects and when its store changes. */
  subscribe(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    const { store } = this.#hooks.source();
    if (!this.#host.isConnected || !store) return;
    this.#unsubscribe = store.subscribe((change) => this.#onStoreChange(change));
  }

  #onStoreChange(change: StoreChange): void {
    if (change.type === 'closed') {
      this.#hooks.onStoreClosed();
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
        this.#hooks.onProblem(error instanceof Error ? error.message : String(error));
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
    const { store, userId } = this.#hooks.source();
    // A task this element is writing settles with what the write returns.
    const ids = [...this.#pendingNotices].filter((id) => !this.#busy.has(id));
    this.#pendingNotices.clear();
    if (!store || !userId || ids.length === 0) return;
    const token = this.#loadToken;
    const openId = this.#hooks.openId();
    let done: Reconciled;
    let openRecord: AppraisalRecord | undefined;
    if (ids.length > REREAD_THRESHOLD) {
      const reread = await this.#reread(store, userId);
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
    this.#hooks.onNotices(done, openId, openRecord);
  }

  /**
   * Reads the task list again in pages, as on opening, and applies the difference in one step: after
   * HR opens a month of 10,000 in another tab that is forty page reads, not 10,000 single ones.
   * Rows whose revision did not change keep their object, score and place in every order.
   * Undefined when a load took over meanwhile.
   */
  async #reread(store: KaoheStore, userId: string): Promise<{ done: Reconciled; records: Map<string, AppraisalRecord> } | undefined> {
    const token = ++this.#loadToken;
    const touched = new Set<string>();
    this.#readsInFlight.add(touched);
    try {
      const records = new Map<string, AppraisalRecord>();
      let cursor: string | undefined;
      do {
        const page = await store.listTasks(userId, { limit: PAGE_SIZE, ...(cursor !== undefined ? { cursor } : {}) });
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
}
