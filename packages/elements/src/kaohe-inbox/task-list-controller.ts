// The inbox's task list: the rows read through the application service (`service.tasks`, in pages,
// the first screen first), kept live by its notices (`service.subscribe`: collected in bursts, each
// changed appraisal read again with `service.view`, or the whole list again past a threshold or on
// `resync`), and ordered per column in idle slices. It reads no store and decides nothing: the rows
// show what the service's views carry, the score included (design.md: reads never re-score). It
// writes nothing either: the inbox's actions (inbox-actions.ts) tell it what they wrote.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AppraisalView, KaoheService, ServiceNotice, TaskAppraisal } from '@kaohe/service';
import type { Person } from '@kaohe/workflow';
import type { Locale } from '../base/locale.ts';
import { RowOrders, slices } from './inbox-order.ts';
import {
  countByStatus, distinct, filterRows, sortColumns, toRow,
  type InboxRow, type InboxView, type SortColumn,
} from './inbox-rows.ts';

/** Work between two chances for the page to paint and take input: half a frame. */
const SLICE_MS = 8;
/** The first page fills a screen and paints before the rest is read. */
const FIRST_PAGE = 50;
/**
 * The service builds each page's views in one go (routing, visibility, allowed actions per task,
 * ~0.25–0.5 ms each): a page of 50 stays within about a frame's work, and the page paints between two.
 */
const PAGE_SIZE = 50;
/** Notices are collected this long from the first of a burst, then read together. */
const NOTICE_WINDOW_MS = 50;
/**
 * Past this many changed appraisals in one burst (HR opening a month in another tab), the task list
 * is read again in pages, as on opening, instead of each changed appraisal on its own.
 */
const REREAD_THRESHOLD = 200;
/** Past this many rows coming, changing or leaving at once, the orders are built again rather than patched. */
const PATCH_LIMIT = 500;
/**
 * A changed appraisal whose read failed (the server answered 5xx, the network is down, the session
 * ended) is read again this long after: until then its row stays as it was listed, never dropped.
 */
const RETRY_MS = 5000;

/** What the list is read for, asked afresh at every read. */
export interface TaskListSource {
  /** where tasks are read and notices heard: the server's client, or the page's own service */
  service: KaoheService | undefined;
  userId: string;
  /** the directory's people by id, for the names the rows show */
  people: ReadonlyMap<string, Person>;
  /** the time overdue is judged by (ISO); undefined: the service's clock */
  now: string | undefined;
}

/** What a written record did to the task list. */
export type Happened = 'left' | 'arrived' | 'updated' | 'none';

/** What a reconciliation did to the list. */
export interface Reconciled {
  left: number;
  arrived: number;
  updated: number;
}

/** A row as read through the service, or undefined when the appraisal is no task of this user's (any more). */
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
  /** the page's store was closed (another tab upgraded it): nothing more will be read or written */
  onStoreClosed(): void;
  /**
   * A burst of notices was applied: what it did to the list, and the open task's view when the
   * burst named it (undefined otherwise, or when the reviewer may not see it any more).
   */
  onNotices(done: Reconciled, openId: string | undefined, openView: AppraisalView | undefined): void;
  /** rows left the list: the selection drops them */
  onRowsLeft(): void;
  /** the rubric versions the listed appraisals pin (the pane asks the service for one ahead of opening) */
  onRubrics?(versions: ReadonlyArray<readonly [string, number]>): void;
}

/** The time options of a read: the host's fixed `now`, or none (the service's clock). */
const at = (now: string | undefined) => (now !== undefined ? { now } : {});

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
  #loadToken = 0;
  #unsubscribe: (() => void) | undefined;
  /** what the current subscription listens to, so a repeated subscribe() for the same is a no-op */
  #subscribed: { service: KaoheService; userId: string } | undefined;
  #pendingNotices = new Set<string>();
  #resyncPending = false;
  #noticeTimer: ReturnType<typeof setTimeout> | undefined;
  /** the ids whose read failed, waiting to be read again (RETRY_MS) */
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #retryIds = new Set<string>();
  /** the problem shown is a failed read of a notice: a later burst read whole clears it */
  #noticeProblem = false;
  /** notice bursts are read one after the other, so an older read never lands after a newer one */
  #noticeWork: Promise<void> = Promise.resolve();
  /**
   * One set per read of the whole list in flight: the ids this element changed by its own hand
   * meanwhile (its writes), which that read may have seen before they were made.
   */
  #readsInFlight = new Set<Set<string>>();
  /** `${id}#${revision}` this element wrote itself: its own notices are already reflected */
  #ownWrites = new Set<string>();
  /** tasks being written: their notices settle with what the write returns */
  #busy = new Set<string>();
  /** rubric versions already announced to onRubrics */
  #rubricsSeen = new Set<string>();

  /** true while a load reads its pages */
  loading = false;
  /** Resolves when the list has been (re)loaded. */
  loaded: Promise<void> = Promise.resolve();
  /** rows read by the current load, and how many `countTasks` announced (undefined until it answers) */
  loadRead = 0;
  loadTotal: number | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, hooks: TaskListHooks) {
    this.#host = host;
    this.#hooks = hooks;
    host.addController(this);
  }

  hostConnected(): void {
    this.subscribe();
    if (this.#pendingNotices.size > 0 || this.#resyncPending) this.#scheduleNotices();
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#subscribed = undefined;
    clearTimeout(this.#noticeTimer);
    this.#noticeTimer = undefined;
    // Reconnected, the ids still waiting are read again with the next burst (hostConnected).
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    for (const id of this.#retryIds) this.#pendingNotices.add(id);
    this.#retryIds.clear();
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

  /** A row for a task (or a view) that is on the reviewer's task list; undefined when it is not (or no longer) theirs. */
  #rowOf(view: TaskAppraisal | undefined): InboxRow | undefined {
    if (!view || !view.task) return undefined;
    return toRow(view, this.#hooks.source().people);
  }

  /** Tells the host of rubric versions not announced yet (a handful per month: one per role). */
  #announceRubrics(rows: Iterable<InboxRow>): void {
    if (!this.#hooks.onRubrics) return;
    const fresh: Array<readonly [string, number]> = [];
    for (const row of rows) {
      const key = `${row.appraisal.rubricId}@${row.appraisal.rubricVersion}`;
      if (this.#rubricsSeen.has(key)) continue;
      this.#rubricsSeen.add(key);
      fresh.push([row.appraisal.rubricId, row.appraisal.rubricVersion]);
    }
    if (fresh.length > 0) this.#hooks.onRubrics(fresh);
  }

  /** Makes `rows` the list; every order is built again (in idle slices, or at once for the view's own). */
  #setRows(rows: Map<string, InboxRow>): void {
    this.#rows = rows;
    this.#rowsVersion++;
    this.#orders.forget();
  }

  /** Re-reads every task through the service; `loaded` follows it. */
  load(): Promise<void> {
    this.loaded = this.#load();
    return this.loaded;
  }

  async #load(): Promise<void> {
    const token = ++this.#loadToken;
    const { service, userId, now } = this.#hooks.source();
    if (!service || !userId) {
      this.#setRows(new Map());
      return;
    }
    this.loading = true;
    this.#noticeProblem = false;
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
    this.#countTasks(service, userId, token);
    const touched = new Set<string>();
    if (!progressive) this.#readsInFlight.add(touched);
    try {
      let cursor: string | undefined;
      let limit = FIRST_PAGE;
      do {
        const page = await service.tasks(userId, { limit, ...(cursor !== undefined ? { cursor } : {}), ...at(now) });
        if (token !== this.#loadToken) return;
        this.loadRead += page.items.length;
        const added: InboxRow[] = [];
        for (const { appraisal } of page.items) {
          const existing = next.get(appraisal.id);
          // A live notice may have put a newer revision in already.
          if (existing && existing.appraisal.revision >= appraisal.revision) continue;
          const row = this.#rowOf(appraisal);
          if (!row) continue;
          next.set(row.id, row);
          // A reload swaps the whole map in at the end; a first load shows each row as it comes.
          if (progressive && existing) this.#orders.replace(row);
          else if (progressive) added.push(row);
        }
        if (progressive) {
          this.#orders.add(added);
          this.#rowsVersion++;
          this.#announceRubrics(added);
        }
        // "Loading n of N tasks" moves on with every page, a reload's too.
        this.#host.requestUpdate();
        cursor = page.nextCursor;
        limit = PAGE_SIZE;
        // The page that was just read paints (and input is taken) before the next is asked for.
        const wait = cursor !== undefined ? pause() : undefined;
        if (wait) {
          await wait;
          if (token !== this.#loadToken) return;
        }
      } while (cursor !== undefined);
      if (!progressive) {
        this.#setRows(next);
        this.#announceRubrics(next.values());
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
    if (token === this.#loadToken) void this.#warmOrders(sortColumns);
  }

  /** Asks the service how many tasks the load will read, beside the first page, for "Loading n of N tasks". */
  #countTasks(service: KaoheService, userId: string, token: number): void {
    service.countTasks(userId).then((total) => {
      if (token !== this.#loadToken || !this.loading) return;
      this.loadTotal = total;
      this.#host.requestUpdate();
    }, () => undefined);
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

  /** Puts the service's view of an appraisal into the list (or takes it out); returns what happened to the list. */
  reconcile(view: TaskAppraisal | undefined, id: string): Happened {
    const done = this.#applyRows([{ id, row: this.#rowOf(view) }]);
    return done.left > 0 ? 'left' : done.arrived > 0 ? 'arrived' : done.updated > 0 ? 'updated' : 'none';
  }

  /**
   * Applies many rows in one synchronous step: the map, then every built order patched once (or
   * rebuilt, past PATCH_LIMIT), then the selection. A row of the same revision as the listed one is
   * left as it is, with its place.
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
      if (previous && previous.appraisal.revision === row.appraisal.revision) continue;
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
    if (removed.size + added.length > PATCH_LIMIT) this.#orders.forget();
    else this.#orders.patch(removed, added);
    this.#rowsVersion++;
    this.#announceRubrics(added);
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

  /** This element wrote revision `revision` of `id`: its own notice is already reflected. */
  ownWrite(id: string, revision: number): void {
    this.#ownWrites.add(`${id}#${revision}`);
  }

  // ---- live updates ----

  /** Follows the service's notices for the reviewer (again): called when the host connects and when its service or user changes. */
  subscribe(): void {
    const { service, userId } = this.#hooks.source();
    const wanted = this.#host.isConnected && service && userId ? { service, userId } : undefined;
    if (wanted && this.#subscribed?.service === wanted.service && this.#subscribed.userId === wanted.userId) return;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#subscribed = wanted;
    if (!wanted) return;
    this.#unsubscribe = wanted.service.subscribe(wanted.userId, (notice) => this.#onNotice(notice));
  }

  #onNotice(notice: ServiceNotice): void {
    switch (notice.type) {
      case 'closed':
        this.#hooks.onStoreClosed();
        return;
      case 'resync':
        this.#resyncPending = true;
        break;
      case 'changed':
        if (notice.revision !== undefined && this.#ownWrites.delete(`${notice.appraisalId}#${notice.revision}`)) return;
        this.#pendingNotices.add(notice.appraisalId);
        break;
    }
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

  /** Has `ids` read again as if the service had announced them. */
  #noticeAll(ids: Iterable<string>): void {
    for (const id of ids) this.#pendingNotices.add(id);
    if (this.#pendingNotices.size > 0) this.#scheduleNotices();
  }

  async #applyNotices(): Promise<void> {
    // Pages a load is reading may predate these notices; anything read after it ends cannot.
    while (this.loading) await this.loaded;
    const { service, userId, now } = this.#hooks.source();
    // A task this element is writing settles with what the write returns.
    const ids = [...this.#pendingNotices].filter((id) => !this.#busy.has(id));
    for (const id of ids) this.#pendingNotices.delete(id);
    const resync = this.#resyncPending;
    this.#resyncPending = false;
    if (!service || !userId || (ids.length === 0 && !resync)) return;
    const token = this.#loadToken;
    const openId = this.#hooks.openId();
    let done: Reconciled;
    let openView: AppraisalView | undefined;
    if (resync || ids.length > REREAD_THRESHOLD) {
      const reread = await this.#reread(service, userId, now);
      if (!reread) return;
      done = reread.done;
      // The open task is read again whatever the list says: it may have left the list and still be readable.
      if (openId !== undefined) openView = await service.view(openId, userId, { history: false, ...at(now) }).catch(() => undefined);
    } else {
      // A few reads at once: none waits for the one before. A read that failed says nothing of the
      // task: its row stays as listed (a failed read is not "no longer yours") and it is read again later.
      const reads = await Promise.all(ids.map((id) => service.view(id, userId, { history: false, ...at(now) })
        .then((view) => ({ view }), (error: unknown) => ({ error }))));
      // A load started meanwhile reads these appraisals itself, after the notices.
      if (token !== this.#loadToken) return;
      const updates: RowUpdate[] = [];
      const failed: string[] = [];
      let failure: unknown;
      ids.forEach((id, index) => {
        const read = reads[index] as { view: AppraisalView | undefined } | { error: unknown };
        if ('error' in read) {
          failed.push(id);
          failure = read.error;
        } else {
          updates.push({ id, row: this.#rowOf(read.view) });
        }
      });
      done = this.#applyRows(updates);
      const openRead = openId === undefined ? undefined : reads[ids.indexOf(openId)];
      openView = openRead && 'view' in openRead ? openRead.view : undefined;
      if (failed.length > 0) {
        this.#retry(failed);
        this.#noticeProblem = true;
        this.#hooks.onProblem(failure instanceof Error ? failure.message : String(failure));
      } else if (this.#noticeProblem && this.#retryIds.size === 0) {
        this.#noticeProblem = false;
        this.#hooks.onProblem('');
      }
    }
    this.#hooks.onNotices(done, openId, openView);
  }

  /** Reads `ids` again in RETRY_MS, as if the service had announced them then. */
  #retry(ids: readonly string[]): void {
    for (const id of ids) this.#retryIds.add(id);
    if (this.#retryTimer !== undefined) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      const again = [...this.#retryIds];
      this.#retryIds.clear();
      this.#noticeAll(again);
    }, RETRY_MS);
  }

  /**
   * Reads the task list again in pages, as on opening, and applies the difference in one step: after
   * HR opens a month of 10,000 in another tab that is a hundred page reads, not 10,000 single ones.
   * Rows whose revision did not change keep their object and place in every order.
   * Undefined when a load took over meanwhile.
   */
  async #reread(service: KaoheService, userId: string, now: string | undefined): Promise<{ done: Reconciled } | undefined> {
    const token = ++this.#loadToken;
    const touched = new Set<string>();
    this.#readsInFlight.add(touched);
    try {
      const views = new Map<string, TaskAppraisal>();
      const pause = slices(SLICE_MS);
      let cursor: string | undefined;
      do {
        const page = await service.tasks(userId, { limit: PAGE_SIZE, ...(cursor !== undefined ? { cursor } : {}), ...at(now) });
        if (token !== this.#loadToken) return undefined;
        for (const { appraisal } of page.items) views.set(appraisal.id, appraisal);
        cursor = page.nextCursor;
        const wait = cursor !== undefined ? pause() : undefined;
        if (wait) {
          await wait;
          if (token !== this.#loadToken) return undefined;
        }
      } while (cursor !== undefined);
      const updates: RowUpdate[] = [];
      for (const [id, view] of views) {
        const previous = this.#rows.get(id);
        if (previous && previous.appraisal.revision === view.revision) continue;
        updates.push({ id, row: this.#rowOf(view) });
      }
      for (const id of this.#rows.keys()) if (!views.has(id)) updates.push({ id, row: undefined });
      // What this element wrote itself while the pages were read is newer than those pages.
      const done = this.#applyRows(updates.filter(({ id }) => !touched.has(id)));
      void this.#warmOrders(sortColumns);
      return { done };
    } finally {
      this.#readsInFlight.delete(touched);
    }
  }
}
