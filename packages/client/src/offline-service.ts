// KaoheService over HTTP that never loses work: the server's client (HttpService) with the outbox in
// front. While the server answers, calls go straight through and every read's answer is remembered;
// when it cannot be reached (KaoheOfflineError), drafts and actions wait in the outbox in the order
// they were made, reads answer what was last read, and the outbox is sent in order once the server is
// back (the browser's `online` event, the live stream reopening, or a retry with backoff). While
// anything waits, new work queues behind it, so nothing overtakes what was typed first.
// A refusal when the outbox is sent (stale: someone wrote first) keeps the person's item with the
// refusal and the server's current view: both versions stay reachable, and the form shows its conflict.
import type { Rubric } from '@kaohe/scoring';
import type {
  ActResult, AppraisalView, DraftResult, KaoheService, OpenPeriodResult, OpenResult, PageRequest, PayslipResult, Refusal, ServiceInternals, TaskPage, ViewOptions, internals,
} from '@kaohe/service';
import type { HrReads } from '@kaohe/service/hr';
import type { Draft, DraftStore, RubricStore } from '@kaohe/store';
import type { Directory } from '@kaohe/workflow';
import { hrReadsKey, KaoheRefusedError, type HttpService } from './http-service.ts';
import { backoffDelay } from './live.ts';
import { Outbox, type OutboxItem, type OutboxWork } from './outbox.ts';
import { KaoheServerError } from './problem.ts';
import { KaoheOfflineError } from './transport.ts';

const internalsKey: typeof internals = Symbol.for('kaohe.service.internals') as never;

/** What the page shows about the connection: reachable or not, how many items wait, how many were refused. */
export interface OutboxStatus {
  online: boolean;
  waiting: number;
  refused: number;
  /** the server's words for the latest refusal that was not "stale" (someone wrote first): not allowed, not valid … */
  reason?: string;
  /**
   * With `reason`: how many of `refused` were refused for reasons other than "stale" (what `reason`
   * speaks for); the other `refused - refusedBecause` are stale (someone wrote first).
   */
  refusedBecause?: number;
}

/** An action that waited in the outbox, as it was sent, with the server's answer (one it will not send again). */
export interface SentAction {
  appraisalId: string;
  action: unknown;
  expectedRevision?: number;
  result: ActResult;
}

export interface OfflineServiceOptions {
  /** the first retry while offline (default 2 s), doubling to `maxRetryMs` (default 60 s), with jitter */
  retryMs?: number;
  maxRetryMs?: number;
  /**
   * How many times the server may fail (5xx) on one item before it is given up: kept as refused with
   * the server's words, like any refusal, so the items after it are sent (default 5, with the backoff between).
   */
  maxAttempts?: number;
  clock?: () => string;
}

/** A refusal that says "not now" rather than "no" (the database unavailable, too many requests): the item is sent again. */
function retryable(refusal: Refusal): boolean {
  return refusal.code === 'unavailable';
}

/**
 * A draft that waits in the outbox as the form holds it: its `revision` is the server's draft revision
 * it builds on, so the form's next save builds on the same one (the server has not counted it yet).
 */
function queuedDraft(appraisalId: string, userId: string, savedAt: string, input: Extract<OutboxWork, { kind: 'draft' }>['input']): Draft {
  const { draftRevision, ...rest } = input;
  return { appraisalId, userId, savedAt, ...rest, ...(draftRevision !== undefined ? { revision: draftRevision } : {}) } as Draft;
}

export class OfflineService implements KaoheService {
  readonly http: HttpService;
  readonly outbox: Outbox;
  readonly #options: OfflineServiceOptions;
  readonly #listeners = new Set<(status: OutboxStatus) => void>();
  readonly #sentListeners = new Set<(sent: SentAction) => void>();
  #status: OutboxStatus = { online: true, waiting: 0, refused: 0 };
  #flushing: Promise<void> | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #attempt = 0;
  readonly #onOnline = () => { void this.flush(); };
  readonly #stopLiveState: () => void;

  private constructor(http: HttpService, outbox: Outbox, options: OfflineServiceOptions) {
    this.http = http;
    this.outbox = outbox;
    this.#options = options;
    if (typeof window !== 'undefined') window.addEventListener('online', this.#onOnline);
    // The live stream reopening means the server answers again.
    this.#stopLiveState = http.onLiveState((state) => { if (state === 'open') void this.flush(); });
  }

  /** Stops listening and retrying (what waits stays in the outbox for the next page). */
  close(): void {
    if (typeof window !== 'undefined') window.removeEventListener('online', this.#onOnline);
    this.#stopLiveState();
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.outbox.close();
  }

  /** The service with its outbox opened (and what waited in it from before a reload counted, and sent when it can be). */
  static async open(http: HttpService, outbox: Outbox, options: OfflineServiceOptions = {}): Promise<OfflineService> {
    const service = new OfflineService(http, outbox, options);
    await service.#count();
    if (service.#status.waiting > 0) void service.flush();
    return service;
  }

  get status(): OutboxStatus {
    return this.#status;
  }

  /** Hears every change of the status; returns the unsubscribe. */
  onStatus(listener: (status: OutboxStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Hears every action that waited here once the server has answered it (accepted, or refused for good):
   * the page that queued it says how it went, as for an action sent at once. Returns the unsubscribe.
   */
  onSent(listener: (sent: SentAction) => void): () => void {
    this.#sentListeners.add(listener);
    return () => this.#sentListeners.delete(listener);
  }

  #tellSent(item: OutboxItem, result: ActResult): void {
    if (item.kind !== 'action') return;
    const sent: SentAction = {
      appraisalId: item.appraisalId, action: item.action, result, ...(item.expectedRevision === undefined ? {} : { expectedRevision: item.expectedRevision }),
    };
    for (const listener of [...this.#sentListeners]) listener(sent);
  }

  /** What waits or was refused, oldest first (the person's versions, with the server's refusal where it said no). */
  items(): Promise<OutboxItem[]> {
    return this.outbox.items();
  }

  /** Drops a refused item once the person has resolved it (taken the server's version, or typed theirs again). */
  async discard(seq: number): Promise<void> {
    await this.outbox.remove(seq);
    await this.#count();
  }

  /** The form builder's RubricStore over the server (online only: publishing is not queued). */
  rubricStore(): RubricStore {
    return this.http.rubricStore();
  }

  /**
   * `userId`'s drafts on the server through this service (the outbox while offline), as a rubric form
   * keeps them: @kaohe/service's serviceDraftStore, loaded with the first use (a page without a form
   * does not carry it).
   */
  draftStore(userId: string): DraftStore {
    let made: Promise<DraftStore> | undefined;
    const store = (): Promise<DraftStore> => (made ??= import('@kaohe/service/draft-store').then(({ serviceDraftStore }) => serviceDraftStore(this, userId)));
    return {
      getAppraisal: async (id) => (await store()).getAppraisal(id),
      saveDraft: async (draft) => (await store()).saveDraft(draft),
      loadDraft: async (appraisalId, id) => (await store()).loadDraft(appraisalId, id),
      subscribe: (listener) => {
        let stop: (() => void) | undefined;
        let stopped = false;
        void store().then((real) => { if (!stopped) stop = real.subscribe(listener); });
        return () => {
          stopped = true;
          stop?.();
        };
      },
    };
  }

  get [internalsKey](): ServiceInternals {
    return this.http[internalsKey];
  }

  get [hrReadsKey](): HrReads {
    return this.hr;
  }

  /** HR's reads over the server (HttpService's `hr`); offline, what was last read for the same request. */
  readonly hr: HrReads = {
    scored: (viewerId, query) => this.http.hr.scored(viewerId, query),
    distribution: (viewerId, request) => this.#read(`hr:distribution:${request.period}`, () => this.http.hr.distribution(viewerId, request)),
    payroll: (viewerId, request) =>
      this.#read(`hr:payroll:${request.period}:${JSON.stringify(request.values)}`, () => this.http.hr.payroll(viewerId, request)),
    payrollCsv: (viewerId, request) =>
      this.#read(`hr:payrollCsv:${request.period}:${request.locale}:${JSON.stringify(request.values)}`, () => this.http.hr.payrollCsv(viewerId, request)),
    annualYear: (viewerId, request) => this.#read(`hr:year:${request.year}`, () => this.http.hr.annualYear(viewerId, request)),
  };

  subscribe(...args: Parameters<HttpService['subscribe']>): ReturnType<HttpService['subscribe']> {
    return this.http.subscribe(...args);
  }

  live(...args: Parameters<HttpService['live']>): ReturnType<HttpService['live']> {
    return this.http.live(...args);
  }

  #now(): string {
    return this.#options.clock?.() ?? new Date().toISOString();
  }

  #set(next: Partial<OutboxStatus>): void {
    const status = { ...this.#status, ...next };
    if (status.reason === undefined) delete status.reason;
    if (status.refusedBecause === undefined) delete status.refusedBecause;
    if (status.online === this.#status.online && status.waiting === this.#status.waiting && status.refused === this.#status.refused
      && status.reason === this.#status.reason && status.refusedBecause === this.#status.refusedBecause) return;
    this.#status = status;
    for (const listener of [...this.#listeners]) listener(status);
  }

  async #count(): Promise<void> {
    const items = await this.outbox.items();
    const refused = items.filter((item) => item.state === 'refused');
    const because = refused.filter((item) => item.refusal && item.refusal.code !== 'stale');
    const reason = because.at(-1)?.refusal?.message;
    this.#set({
      waiting: items.filter((item) => item.state === 'waiting').length, refused: refused.length, reason,
      refusedBecause: reason === undefined ? undefined : because.length,
    });
  }

  /** A read: the server's answer, remembered; offline, the last remembered one (or the offline error when there is none). */
  async #read<T>(key: string, fetchIt: () => Promise<T>): Promise<T> {
    try {
      const value = await fetchIt();
      this.#set({ online: true });
      await this.outbox.remember(key, value ?? null);
      return value;
    } catch (error) {
      if (!(error instanceof KaoheOfflineError)) {
        // the server answered, if only to refuse
        this.#set({ online: true });
        throw error;
      }
      this.#offline();
      const remembered = await this.outbox.recall<T | null>(key);
      if (remembered === undefined) throw error;
      return (remembered ?? undefined) as T;
    }
  }

  #offline(): void {
    this.#set({ online: false });
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    if (this.#retryTimer !== undefined) return;
    const delay = backoffDelay(this.#attempt++, this.#options.retryMs ?? 2_000, this.#options.maxRetryMs ?? 60_000, Math.random());
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      void this.flush();
    }, delay);
  }

  /**
   * Work goes to the server now when nothing waits before it and the server answers; otherwise to the
   * outbox. Answers what `send` answered, or `queued` when it waits.
   */
  async #write<T>(work: OutboxWork, send: () => Promise<T>, queued: () => T): Promise<T> {
    await this.#flushing;
    if (this.#status.waiting === 0) {
      try {
        const result = await send();
        this.#set({ online: true });
        return result;
      } catch (error) {
        if (!(error instanceof KaoheOfflineError)) throw error;
        this.#offline();
      }
    }
    await this.outbox.add(work, this.#now());
    await this.#count();
    this.#scheduleRetry();
    return queued();
  }

  /**
   * Sends what waits, in order; stops at the first item the server cannot be reached for. Two tabs of
   * the same person share the outbox: a Web Lock named after it lets one send at a time, and each reads
   * the items afresh inside it, so nothing is sent twice.
   */
  flush(): Promise<void> {
    const locks = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { locks?: LockManager }).locks;
    this.#flushing ??= (locks ? locks.request(this.outbox.name, () => this.#flush()) : this.#flush()).finally(() => { this.#flushing = undefined; });
    return this.#flushing;
  }

  async #flush(): Promise<void> {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    const items = await this.outbox.items();
    if (!items.some((item) => item.state === 'waiting')) {
      // Another tab sent them (or nothing waited): the counts change, and a small read says whether the server answers.
      await this.#count();
      if (!this.#status.online) await this.countTasks(this.http.user).catch(() => undefined);
      return;
    }
    for (const item of items) {
      if (item.state !== 'waiting') continue;
      let refusal: Refusal | undefined;
      let result: ActResult | undefined;
      try {
        ({ refusal, result } = await this.#send(item));
      } catch (error) {
        if (error instanceof KaoheOfflineError) this.#offline();
        else {
          this.#set({ online: true });
          // The server answered but failed (5xx, a token it will not take): it waits, with everything
          // after it, in order, and is sent again after the backoff — unless the server failed on this
          // very item `maxAttempts` times: then it is given up, kept as refused with the server's words
          // (what was typed stays reachable), and the items after it go on, as after any refusal.
          if (error instanceof KaoheServerError && await this.outbox.failed(item.seq) >= (this.#options.maxAttempts ?? 5)) {
            const refusal: Refusal = { ok: false, code: 'unavailable', message: error.message };
            await this.outbox.refuse(item.seq, refusal);
            await this.#count();
            this.#tellSent(item, refusal);
            continue;
          }
          console.warn('Kaohe: the server could not take a waiting change now; it is sent again later.', error);
          this.#scheduleRetry();
        }
        await this.#count();
        return;
      }
      this.#set({ online: true });
      if (refusal && retryable(refusal)) {
        this.#scheduleRetry();
        await this.#count();
        return;
      }
      this.#attempt = 0;
      // Refused (403 not allowed, 409 stale, 422 invalid): kept as refused with the server's words, so
      // what was typed stays reachable; the items after it go on.
      if (refusal) await this.outbox.refuse(item.seq, refusal);
      else await this.outbox.taken(item);
      await this.#count();
      if (result) this.#tellSent(item, result);
    }
  }

  /** One item to the server: no refusal when it took it, else its refusal; an action's whole answer besides. */
  async #send(item: OutboxItem): Promise<{ refusal?: Refusal; result?: ActResult }> {
    const user = this.http.user;
    switch (item.kind) {
      case 'draft': {
        const result = await this.http.saveDraft(user, item.appraisalId, item.input);
        if (!result.ok) return { refusal: result };
        await this.outbox.remember(`draft:${item.appraisalId}`, result.draft);
        return {};
      }
      case 'action': {
        const result = await this.http.act(item.appraisalId, user, item.action, {
          ...(item.expectedRevision === undefined ? {} : { expectedRevision: item.expectedRevision }), ...(item.lend === undefined ? {} : { lend: item.lend }),
        });
        if (result.ok) return { result };
        // "not now" is sent again: its answer is not the last
        return retryable(result) ? { refusal: result } : { refusal: result, result };
      }
      case 'discardDraft':
        try {
          await this.http.deleteDraft(user, item.appraisalId);
        } catch (error) {
          if (!(error instanceof KaoheRefusedError)) throw error;
          // a draft that is not there any more is discarded already
          if (error.refusal.code !== 'not-found') return { refusal: error.refusal };
        }
        await this.outbox.remember(`draft:${item.appraisalId}`, null);
        return {};
    }
  }

  // ---- KaoheService ----

  async act(appraisalId: string, actorId: string, action: unknown, options: unknown = {}): Promise<ActResult> {
    // An action is meant for the appraisal as the person saw it: one that waits is pinned to the revision
    // last read, so it is refused as stale, not applied on top of whatever someone did meanwhile.
    const expectedRevision = (options as { expectedRevision?: number }).expectedRevision
      ?? (await this.outbox.recall<AppraisalView | null>(`view:${appraisalId}`))?.revision;
    return this.#write<ActResult>(
      {
        kind: 'action', appraisalId, action, ...(expectedRevision !== undefined ? { expectedRevision } : {}),
        ...((options as { lend?: unknown }).lend !== undefined ? { lend: (options as { lend?: unknown }).lend } : {}),
      },
      () => this.http.act(appraisalId, actorId, action, options),
      () => ({ ok: false, code: 'offline', message: 'The server cannot be reached: the action waits in this browser and is sent, in order, when the connection is back.' }),
    );
  }

  view(appraisalId: string, viewerId: string, options?: ViewOptions): Promise<AppraisalView | undefined> {
    return this.#read(`view:${appraisalId}`, () => this.http.view(appraisalId, viewerId, options));
  }

  tasks(viewerId: string, page: PageRequest = {}): Promise<TaskPage> {
    return this.#read(`tasks:${page.cursor ?? ''}:${page.limit ?? ''}`, () => this.http.tasks(viewerId, page));
  }

  countTasks(viewerId: string): Promise<number> {
    return this.#read('countTasks', () => this.http.countTasks(viewerId));
  }

  openAppraisal(actorId: string | null, request: unknown): Promise<OpenResult> {
    return this.http.openAppraisal(actorId, request);
  }

  openPeriod(actorId: string | null, request: unknown): Promise<OpenPeriodResult> {
    return this.http.openPeriod(actorId, request);
  }

  saveDraft(viewerId: string, appraisalId: string, input: unknown): Promise<DraftResult> {
    const { entries, attendance, baseRevision, draftRevision } = input as { entries: Record<string, unknown>; attendance?: unknown; baseRevision: number; draftRevision?: number };
    // The draft revision goes with it: sent later, it is still refused over another tab's newer draft.
    const kept = { entries, baseRevision, ...(attendance !== undefined ? { attendance } : {}), ...(draftRevision !== undefined ? { draftRevision } : {}) };
    return this.#write<DraftResult>(
      { kind: 'draft', appraisalId, input: kept },
      async () => {
        const saved = await this.http.saveDraft(viewerId, appraisalId, input);
        if (saved.ok) {
          // what a reload while offline will read back
          await this.outbox.remember(`draft:${appraisalId}`, saved.draft);
          await this.outbox.taken({ kind: 'draft', appraisalId, input: kept });
          await this.#count();
        }
        return saved;
      },
      () => ({ ok: true, draft: queuedDraft(appraisalId, viewerId, this.#now(), kept) }),
    );
  }

  /**
   * The person's latest typing: a draft still in the outbox is newer than the server's. One that waits
   * is the latest; a refused one only while nothing was taken after it (Outbox.taken drops it then).
   */
  async loadDraft(viewerId: string, appraisalId: string): Promise<Draft | undefined> {
    const drafts = (await this.outbox.items()).filter((item) => item.appraisalId === appraisalId && (item.kind === 'draft' || item.kind === 'discardDraft'));
    const mine = drafts.filter((item) => item.state === 'waiting').at(-1) ?? drafts.at(-1);
    if (mine?.kind === 'discardDraft') return undefined;
    if (mine?.kind === 'draft') return queuedDraft(appraisalId, viewerId, mine.at, mine.input);
    return this.#read(`draft:${appraisalId}`, () => this.http.loadDraft(viewerId, appraisalId));
  }

  async deleteDraft(viewerId: string, appraisalId: string): Promise<void> {
    await this.#write<void>({ kind: 'discardDraft', appraisalId }, async () => {
      await this.http.deleteDraft(viewerId, appraisalId);
      await this.outbox.remember(`draft:${appraisalId}`, null);
      await this.outbox.taken({ kind: 'discardDraft', appraisalId });
      await this.#count();
    }, () => undefined);
  }

  payslip(appraisalId: string, viewerId: string): Promise<PayslipResult> {
    return this.#read(`payslip:${appraisalId}`, () => this.http.payslip(appraisalId, viewerId));
  }

  rubric(id: string, version: number): Promise<Rubric | undefined> {
    return this.#read(`rubric:${id}@${version}`, () => this.http.rubric(id, version));
  }

  directory(): Promise<Directory> {
    return this.#read('directory', () => this.http.directory());
  }
}
