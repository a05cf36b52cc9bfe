// The application layer (design.md): every caller — the inbox, the embed's Kaohe API and forms, HR's
// pages, the demo, the server — acts and reads through here. The pure packages decide (workflow:
// who may do what; scoring: what it scores); the service loads what they need (the record, its
// PINNED rubric version, the directory, the chain), runs them, writes record + audit in one
// transaction and answers with what the caller may see.
import { deepFreeze, type PayPlanInput, type Payslip, type Rubric } from '@kaohe/scoring';
import { MAX_PAGE_SIZE, StoreConflictError, StoreError, isDraftConflict, type ChangeAudience, type Draft, type KaoheStore } from '@kaohe/store';
import {
  act as decide, assignedRole, businessDay, canRead, chainPresets, delegationProblems, isHr, openAppraisal as openRecord, openingAudit, personOf, SYSTEM_ACTOR, tasksFor, timeZoneOf,
  type AppraisalRecord, type Chain, type Directory, type WorkCalendar, type WorkflowAction,
} from '@kaohe/workflow';
import { KaoheServiceError, problemsOf, refusal, type Refusal } from './refusal.ts';
import {
  ActionSchema, ActOptionsSchema, DraftInputSchema, OpenPeriodRequestSchema, OpenRequestSchema, PageRequestSchema, ViewOptionsSchema,
  type AppraisalView, type PageRequest, type ViewOptions,
} from './schemas.ts';
import type { TaskAppraisal } from './task-schemas.ts';
import { createKept, keepPage, keepView, keptPage, keptViews, rowOf } from './kept.ts';
import { audienceOf, told as toldBy, type AppraisalChange, type ToldChange } from './live-notices.ts';
import { buildView, readingAt, scoreOrNull } from './view.ts';

export type { AppraisalChange, ToldChange } from './live-notices.ts';

/** Which rubric, chain and pay plan apply to the people holding a role. */
export interface Assignment {
  rubric: string;
  chain: string;
  payPlan?: string;
}

export type Source<T> = T | (() => T | Promise<T>);

export interface ServiceOptions {
  store: KaoheStore;
  /** the people and delegations; the server reads it from its database per call, a page hands its own */
  directory: Source<Directory>;
  /** chains by id; default the presets W-SP … W-TR */
  chains?: Source<Readonly<Record<string, Chain>>>;
  /** role id → rubric, chain and pay plan, for opening appraisals and HR's pay reads */
  assignments?: Source<Readonly<Record<string, Assignment>>>;
  /** pay plans by id, for HR's payroll reads and payslips */
  payPlans?: Source<Readonly<Record<string, PayPlanInput>>>;
  /**
   * What the payroll system knows of a person's month besides the scores (pay total, plan completion …),
   * by the plan's input names; payslips and HR's payroll read it. Default: nothing (HR's payroll may send it).
   */
  payValues?: PayFigures;
  /**
   * Where a rubric version is found when the store does not hold it (a page's configured rubrics).
   * It must return exactly that version or nothing: a record is never scored against another one.
   */
  rubrics?: (id: string, version: number) => Rubric | undefined | Promise<Rubric | undefined>;
  calendar?: WorkCalendar;
  /** ISO time of an action or read when the caller gives none; default the system clock */
  clock?: () => string;
  /**
   * Keep views without history (tasks pages, live-notice checks) per directory snapshot, by record id,
   * revision, viewer and the company's day: the inputs a view depends on (the rubric a record pins
   * never changes; the chains and calendar are the service's). Cached views are frozen and shared, so
   * a caller must not change them. For a server reading the same pages again and again; default off.
   */
  cacheViews?: boolean;
}

/**
 * Accepted: the new revision, where the appraisal now stands (step and status: the chain is no secret
 * to whoever acted), and the appraisal as the actor may now see it — absent once they may not (the
 * employee after handing in their self-evaluation).
 */
export type ActResult = { ok: true; revision: number; step: string; status: AppraisalRecord['status']; appraisal?: AppraisalView } | Refusal;
/**
 * A page of tasks: each appraisal as a list shows it to the viewer (the view's fields for a row, the
 * score's totals; `view` reads the whole of one), with what they may do on it.
 */
export interface TaskPage {
  items: Array<{ appraisal: TaskAppraisal; allowedActions: AppraisalView['allowedActions'] }>;
  nextCursor?: string;
}
export type OpenResult = { ok: true; id: string; revision: number; created: boolean } | Refusal;
export type OpenPeriodResult = { ok: true; opened: string[]; existing: string[] } | Refusal;
export type DraftResult = { ok: true; draft: Draft } | Refusal;

/**
 * A live notice: what changed, never what it holds (no score, name or comment). A listener reads
 * what it shows again through `view` or `tasks`. `changed` carries the revision written to whoever
 * may read the appraisal after the change, and no revision to whoever could read it before and may
 * not now (it is gone from their sight: a list drops it; nothing of its new state is told). The
 * server's event stream sends the same (by id, and revision where told); `resync` says that changes
 * were missed (a reconnect, or a burst too large to tell one by one) and whatever is shown should be
 * read again; `closed` that this page's store can no longer be read (another tab upgraded its
 * database): a reload is needed.
 */
export type ServiceNotice =
  | { type: 'changed'; appraisalId: string; revision?: number }
  | { type: 'resync' }
  | { type: 'closed' };
export type NoticeListener = (notice: ServiceNotice) => void;

/**
 * Past this many changed appraisals in one burst (HR opening a month, a batch from another tab), a
 * subscriber hears one `resync` instead of each change, and the service reads none of them for it.
 */
export const NOTICE_BURST_LIMIT = 200;
export type PayFigureValues = Readonly<Record<string, string | number | boolean>>;
/** The payroll system's figures for one person's month and pay plan; undefined when it has none. */
export type PayFigures = (request: { employee: string; period: string; planId: string; plan: PayPlanInput }) =>
  PayFigureValues | undefined | Promise<PayFigureValues | undefined>;
/**
 * A payslip as the viewer may see it: the pay computed from the score stored with the appraisal, and
 * the plan it was computed by (to show each line's formula). Refused `not-found` alike for a missing id,
 * one the viewer may not see and one not yet published; `incomplete` (with `problems`) while the
 * payroll system's figures for the month are missing.
 */
export type PayslipResult = {
  ok: true;
  payslip: Payslip;
  /** the plan it was paid by, validated (its defaults filled in: scoring's PayPlan) */
  plan: PayPlanInput;
  /** the values it was computed from: the payroll figures and the scores, by the plan's input names */
  values: Record<string, string | number | boolean>;
  appraisal: { id: string; employeeId: string; period: string; status: AppraisalRecord['status']; revision: number };
  employee?: { id: string; name: string; number?: string };
} | Refusal;

/** What the HR reads (`@kaohe/service/hr`) and the server's event streams need of a service; not for callers. */
export interface ServiceInternals {
  store: KaoheStore;
  directory(): Promise<Directory>;
  assignments(): Promise<Readonly<Record<string, Assignment>>>;
  payPlans(): Promise<Readonly<Record<string, PayPlanInput>>>;
  pinnedRubric(record: Pick<AppraisalRecord, 'id' | 'rubricId' | 'rubricVersion'>): Promise<Rubric>;
  chainOf(record: AppraisalRecord): Promise<Chain>;
  payFigures: PayFigures;
  now(given?: string): string;
  /**
   * What `viewerId` is told of these changes, by the rule `subscribe` tells them by (a server's event
   * stream asks it for each notice): decided from each change's audience alone, remembering nothing.
   */
  told(viewerId: string, changes: readonly AppraisalChange[]): Promise<ToldChange[]>;
}

export const internals: unique symbol = Symbol.for('kaohe.service.internals') as never;

export interface KaoheService {
  /** Runs one workflow action as `actorId` and writes record + audit atomically. */
  act(appraisalId: string, actorId: string, action: unknown, options?: unknown): Promise<ActResult>;
  /** The appraisal as `viewerId` may see it; undefined where they may see nothing (or it does not exist). */
  view(appraisalId: string, viewerId: string, options?: ViewOptions): Promise<AppraisalView | undefined>;
  /** The appraisals on which `viewerId` must act now, a page at a time, each as a task list shows it to them (`view` reads one whole). */
  tasks(viewerId: string, page?: PageRequest): Promise<TaskPage>;
  /** How many task records `tasks` pages through (a delegation that ended may make it list fewer). */
  countTasks(viewerId: string): Promise<number>;
  /** Opens one person's appraisal for a month. `actorId` null: the service itself (a seed, a schedule); else HR only. */
  openAppraisal(actorId: string | null, request: unknown): Promise<OpenResult>;
  /** Opens the month's appraisal of everyone with an assignment, all in one transaction. HR or the service only. */
  openPeriod(actorId: string | null, request: unknown): Promise<OpenPeriodResult>;
  /** The viewer's own unsent work on an appraisal they edit now; entries of items they may not edit are left out. */
  saveDraft(viewerId: string, appraisalId: string, input: unknown): Promise<DraftResult>;
  loadDraft(viewerId: string, appraisalId: string): Promise<Draft | undefined>;
  deleteDraft(viewerId: string, appraisalId: string): Promise<void>;
  /** A rubric version (rubrics are not private: the form renders the one an appraisal pins). */
  rubric(id: string, version: number): Promise<Rubric | undefined>;
  /**
   * Hears what changes that `viewerId` may see: a `changed` notice only for an appraisal they could
   * read before the change or may read after it (with its revision only in the second case: a list
   * drops one gone from their sight), so nobody learns that an appraisal they could never see has
   * moved. Returns the unsubscribe.
   */
  subscribe(viewerId: string, listener: NoticeListener): () => void;
  /** The appraisal's payslip as `viewerId` may see it: once published, to the employee, HR and whoever the chain lets read it. */
  payslip(appraisalId: string, viewerId: string): Promise<PayslipResult>;
  readonly [internals]: ServiceInternals;
}

function resolve<T>(source: Source<T> | undefined, fallback: T): Promise<T> {
  if (source === undefined) return Promise.resolve(fallback);
  return Promise.resolve(typeof source === 'function' ? (source as () => T | Promise<T>)() : source);
}

const isoNow = () => new Date().toISOString();

/**
 * Why an action on an old revision is refused, in the service's words: who acted since (as far as the
 * actor may learn it, from the view they may see) and where the appraisal stands now. Pages say it in
 * their own language from the refusal's `appraisal`; this is what a script or the CLI reads.
 */
function staleMessage(record: AppraisalRecord, expected: number, actorId: string, current: AppraisalView | undefined, dir: Directory): string {
  const by = current?.updatedBy;
  const who = by === undefined || by === 'anonymous' ? 'someone else' : by === actorId ? 'you (in another window)' : personOf(dir, by)?.name ?? by;
  const where = current ? ` and it is now at "${current.stepLabel.en}"` : '';
  return `Appraisal ${record.id} is at revision ${record.revision}, not ${expected}: ${who} acted on it after you read it${where}. `
    + 'Nothing was written; reload it to see what changed, then decide again.';
}

export function createService(options: ServiceOptions): KaoheService {
  const { store } = options;
  const clock = options.clock ?? isoNow;
  const now = (given?: string) => given ?? clock();
  const directory = () => resolve(options.directory, { people: [] });
  const chains = () => resolve(options.chains, chainPresets as Readonly<Record<string, Chain>>);
  const assignments = () => resolve(options.assignments, {});
  const payPlans = () => resolve(options.payPlans, {});
  // A stored rubric version never changes (the store refuses it), so what was read once is kept.
  const rubricCache = new Map<string, Promise<Rubric | undefined>>();

  function rubric(id: string, version: number): Promise<Rubric | undefined> {
    const key = JSON.stringify([id, version]);
    let found = rubricCache.get(key);
    if (!found) {
      found = (async () => {
        const stored = await store.getRubric(id, version);
        if (stored) return stored;
        const given = await options.rubrics?.(id, version);
        return given && given.id === id && given.version === version ? given : undefined;
      })();
      rubricCache.set(key, found);
      found.then((value) => { if (!value) rubricCache.delete(key); }, () => rubricCache.delete(key));
    }
    return found;
  }

  async function pinnedRubric(record: Pick<AppraisalRecord, 'id' | 'rubricId' | 'rubricVersion'>): Promise<Rubric> {
    const found = await rubric(record.rubricId, record.rubricVersion);
    if (!found) {
      throw new KaoheServiceError('rubric-missing',
        `Appraisal ${record.id} pins rubric ${record.rubricId} version ${record.rubricVersion}, which is not stored. ` +
        'It is never scored against another version: store that version again (Kaohe.loadRubric or the form builder) to read or act on it.');
    }
    return found;
  }

  async function chainOf(record: AppraisalRecord): Promise<Chain> {
    const chain = (await chains())[record.chainId];
    if (!chain) throw new KaoheServiceError('chain-missing', `Appraisal ${record.id} runs chain ${record.chainId}, which is not configured.`);
    return chain;
  }

  // views and tasks pages, kept per directory snapshot (cacheViews)
  const kept = createKept();

  /** `day`: the company's day of `at`, when the caller has it already (a page asks once, not per row). */
  async function viewOf(record: AppraisalRecord, viewerId: string, at: string, withHistory: boolean, people?: Directory, day?: string): Promise<AppraisalView | undefined> {
    const [chain, dir] = await Promise.all([chainOf(record), people ?? directory()]);
    if (withHistory || !options.cacheViews) {
      const [rubricOfRecord, audit] = await Promise.all([pinnedRubric(record), withHistory ? store.listAudit(record.id) : undefined]);
      return buildView({ record, viewerId, rubric: rubricOfRecord, chain, directory: dir, now: at, calendar: options.calendar, audit });
    }
    const key = viewKey(record, viewerId, day ?? businessDay(at, timeZoneOf(options.calendar)));
    const found = keptViews(kept, dir, chain).get(key);
    if (found !== undefined) return found ?? undefined;
    const built = buildView({ record, viewerId, rubric: await pinnedRubric(record), chain, directory: dir, now: at, calendar: options.calendar });
    // A copy of its own, so freezing it freezes nothing of the record's
    const shared = built ? deepFreeze(structuredClone(built)) : null;
    keepView(kept, dir, chain, key, shared);
    return shared ?? undefined;
  }

  // The day decides overdue and the delegations in force; nothing else of `at` reaches a view.
  const viewKey = (record: AppraisalRecord, viewerId: string, day: string) => `${record.id}\u0000${record.revision}\u0000${viewerId}\u0000${day}`;

  async function write(record: AppraisalRecord, expectedRevision: number, audit: Parameters<KaoheStore['putAppraisal']>[1]['audit'], actorId: string | null, at: string, audience: ChangeAudience): Promise<{ ok: true; record: AppraisalRecord } | Refusal> {
    try {
      return { ok: true, record: await store.putAppraisal(record, { expectedRevision, audience, ...(audit ? { audit } : {}) }) };
    } catch (error) {
      if (error instanceof StoreConflictError) {
        const current = error.current ?? await store.getAppraisal(record.id);
        const seen = current && actorId !== null ? await viewOf(current, actorId, at, false) : undefined;
        return refusal('stale', error.message, seen ? { appraisal: seen } : {});
      }
      if (error instanceof StoreError) return refusal(error.code === 'not-found' ? 'not-found' : 'unavailable', error.message);
      throw error;
    }
  }

  const noticeReader = { store, directory, chains, now, calendar: options.calendar };
  const told = (viewerId: string, changes: readonly AppraisalChange[]): Promise<ToldChange[]> => toldBy(viewerId, changes, noticeReader);

  const service: KaoheService = {
    async act(appraisalId, actorId, action, given = {}) {
      const parsedAction = ActionSchema.safeParse(action);
      if (!parsedAction.success) return refusal('invalid', 'The action does not match its schema; nothing was written.', { problems: problemsOf(parsedAction.error.issues, 'action') });
      const parsedOptions = ActOptionsSchema.safeParse(given);
      if (!parsedOptions.success) return refusal('invalid', 'The options do not match their schema; nothing was written.', { problems: problemsOf(parsedOptions.error.issues, 'options') });
      const at = now(parsedOptions.data.now);
      const record = await store.getAppraisal(appraisalId);
      const notFound = () => refusal('not-found', `No appraisal "${appraisalId}" that ${actorId} may see.`);
      if (!record) return notFound();
      const [chain, dir] = await Promise.all([chainOf(record), directory()]);
      const reading = readingAt(record, at, options.calendar);
      // Someone who may not see an appraisal learns nothing of it, not even that it exists.
      if (!canRead(record, actorId, dir, chain, reading)) return notFound();
      const lend = parsedOptions.data.lend;
      if (lend) {
        // The delegation rule is workflow's, the same as for the directory's delegations: a known person, not oneself, a start not after the end.
        const problems = delegationProblems({ from: actorId, ...lend }, (id) => personOf(dir, id) !== undefined, timeZoneOf(options.calendar), 'lend');
        if (problems.length > 0) return refusal('invalid', `The delegation is refused: ${problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')}. Nothing was written.`, { problems });
      }
      const expected = parsedOptions.data.expectedRevision;
      if (expected !== undefined && expected !== record.revision) {
        // Judged before the action is: a stale page's action is never weighed against a step it did not show.
        const current = await viewOf(record, actorId, at, false, dir);
        return refusal('stale', staleMessage(record, expected, actorId, current, dir), current ? { appraisal: current } : {});
      }
      const pinned = await pinnedRubric(record);
      const lent = lend ? [{ from: actorId, ...lend }] : [];
      const delegations = [...reading.delegations, ...lent];
      const decided = decide(record, parsedAction.data as WorkflowAction, {
        actor: actorId, directory: dir, chain, now: at, rubric: pinned,
        ...(delegations.length > 0 ? { delegations } : {}), ...(options.calendar ? { calendar: options.calendar } : {}),
      });
      if (!decided.ok) return refusal(decided.reason.code, decided.reason.message);
      // design.md: the score is kept with the record, computed in the same write, so reads never re-score.
      const score = scoreOrNull(pinned, decided.record.sheet);
      const next: AppraisalRecord = { ...decided.record, score };
      // A result published by this action keeps the scores it was published with (workflow kept its sheet).
      if (next.published?.revision === next.revision) next.published = { ...next.published, score };
      const written = await write(next, record.revision, decided.audit, actorId, at, audienceOf(record, next, dir, chain, at, options.calendar));
      if (!written.ok) return written;
      const seen = buildView({ record: written.record, viewerId: actorId, rubric: pinned, chain, directory: dir, now: at, calendar: options.calendar });
      return { ok: true, revision: written.record.revision, step: written.record.step, status: written.record.status, ...(seen ? { appraisal: seen } : {}) };
    },

    async view(appraisalId, viewerId, given = {}) {
      const parsed = ViewOptionsSchema.parse(given);
      const record = await store.getAppraisal(appraisalId);
      if (!record) return undefined;
      return viewOf(record, viewerId, now(parsed.now), parsed.history ?? true);
    },

    async tasks(viewerId, page = {}) {
      const parsed = PageRequestSchema.parse(page);
      const at = now(parsed.now);
      const dir = await directory();
      const found = await store.listTasks(viewerId, {
        ...(parsed.cursor !== undefined ? { cursor: parsed.cursor } : {}), ...(parsed.limit !== undefined ? { limit: parsed.limit } : {}),
      });
      const timeZone = timeZoneOf(options.calendar);
      const day = businessDay(at, timeZone);
      const chainsById = options.cacheViews ? await chains() : undefined;
      // The same records (a store's kept, frozen ones, checked against their revision on every read) for
      // the same viewer, page, day, directory and chains make the same page: the one made last is kept.
      const pageKey = `${viewerId}\u0000${parsed.cursor ?? ''}\u0000${parsed.limit ?? ''}`;
      const last = chainsById ? keptPage(kept, dir, chainsById, pageKey, day, found.items, found.nextCursor) : undefined;
      if (last) return last;
      const items: TaskPage['items'] = [];
      for (const record of found.items) {
        // A delegate's task ends with the delegation, though the record still names them until the next action.
        if (!tasksFor(record, viewerId, at, timeZone)) continue;
        // a kept view is found without a turn of the event loop; any other is built (and kept)
        const chain = chainsById?.[record.chainId];
        const ready = chain ? keptViews(kept, dir, chain).get(viewKey(record, viewerId, day)) : undefined;
        const seen = ready !== undefined ? ready ?? undefined : await viewOf(record, viewerId, at, false, dir, day);
        if (seen) items.push({ appraisal: rowOf(seen), allowedActions: seen.allowedActions });
      }
      const made: TaskPage = { items, ...(found.nextCursor !== undefined ? { nextCursor: found.nextCursor } : {}) };
      if (chainsById) keepPage(kept, dir, chainsById, pageKey, day, found.items, made);
      return made;
    },

    countTasks(viewerId) {
      return store.countTasks(viewerId);
    },

    async openAppraisal(actorId, request) {
      const parsed = OpenRequestSchema.safeParse(request);
      if (!parsed.success) return refusal('invalid', 'The request does not match its schema.', { problems: problemsOf(parsed.error.issues) });
      const dir = await directory();
      if (actorId !== null && !isHr(actorId, dir)) return refusal('forbidden', 'Only HR opens appraisals.');
      const at = now(parsed.data.now);
      // A person opens under their own name; only the service itself (a trusted caller) names someone else.
      const prepared = await prepareOpening(parsed.data.employee, parsed.data.period, dir, actorId ?? parsed.data.openedBy ?? null, at);
      if (!prepared.ok) return prepared;
      if ('existing' in prepared) return { ok: true, id: prepared.existing.id, revision: prepared.existing.revision, created: false };
      const written = await write(prepared.record, 0, [openingAudit(prepared.record)], actorId, at, prepared.audience);
      if (!written.ok) return written.code === 'stale' ? refusal('conflict', written.message) : written;
      return { ok: true, id: written.record.id, revision: written.record.revision, created: true };
    },

    async openPeriod(actorId, request) {
      const parsed = OpenPeriodRequestSchema.safeParse(request);
      if (!parsed.success) return refusal('invalid', 'The request does not match its schema.', { problems: problemsOf(parsed.error.issues) });
      const dir = await directory();
      if (actorId !== null && !isHr(actorId, dir)) return refusal('forbidden', 'Only HR opens a month.');
      const at = now(parsed.data.now);
      const roles = await assignments();
      const opened: Array<{ record: AppraisalRecord; audience: ChangeAudience }> = [];
      const existing: string[] = [];
      // Read in bulk, not once per person: the month's stored appraisals, and each rubric's versions once.
      const bulk: Bulk = { stored: new Map(), versions: new Map() };
      for (let cursor: string | undefined, first = true; first || cursor !== undefined; first = false) {
        const page = await store.listAppraisals({ period: parsed.data.period, limit: MAX_PAGE_SIZE, ...(cursor !== undefined ? { cursor } : {}) });
        for (const record of page.items) bulk.stored.set(record.id, record);
        cursor = page.nextCursor;
      }
      for (const person of dir.people) {
        if (assignedRole(person, roles) === undefined) continue;
        const prepared = await prepareOpening(person.id, parsed.data.period, dir, actorId, at, bulk);
        if (!prepared.ok) return prepared;
        if ('existing' in prepared) existing.push(prepared.existing.id);
        else opened.push(prepared);
      }
      try {
        await store.putAppraisals(opened.map(({ record, audience }) => ({ record, expectedRevision: 0, audit: [openingAudit(record)], audience })));
      } catch (error) {
        if (error instanceof StoreConflictError) return refusal('conflict', error.message);
        if (error instanceof StoreError) return refusal('unavailable', error.message);
        throw error;
      }
      return { ok: true, opened: opened.map(({ record }) => record.id), existing };
    },

    async saveDraft(viewerId, appraisalId, input) {
      const parsed = DraftInputSchema.safeParse(input);
      if (!parsed.success) return refusal('invalid', 'The draft does not match its schema.', { problems: problemsOf(parsed.error.issues) });
      const record = await store.getAppraisal(appraisalId);
      const seen = record ? await viewOf(record, viewerId, now(), false) : undefined;
      if (!seen) return refusal('not-found', `No appraisal "${appraisalId}" that ${viewerId} may see.`);
      if (seen.mode !== 'edit') return refusal('readOnly', `${viewerId} does not score appraisal ${appraisalId} at this step.`);
      const editable = new Set(seen.editableItems);
      const entries = Object.fromEntries(Object.entries(parsed.data.entries).filter(([id]) => editable.has(id)));
      const draft: Draft = {
        appraisalId, userId: viewerId, entries, baseRevision: parsed.data.baseRevision, savedAt: parsed.data.savedAt ?? now(),
        ...(parsed.data.attendance !== undefined && seen.editsAttendance ? { attendance: parsed.data.attendance } : {}),
      };
      const { draftRevision } = parsed.data;
      try {
        return { ok: true, draft: await store.saveDraft(draft, draftRevision === undefined ? {} : { expectedRevision: draftRevision }) };
      } catch (error) {
        // Two tabs of one person: the later save of an older draft is refused, never written over the newer one.
        if (isDraftConflict(error)) {
          return refusal('draft-conflict', `${viewerId}'s draft of ${appraisalId} was saved from another tab or window (draft revision `
            + `${error.current?.revision ?? 0}) after this one read revision ${draftRevision}. Nothing was overwritten.`);
        }
        throw error;
      }
    },

    loadDraft(viewerId, appraisalId) {
      return store.loadDraft(appraisalId, viewerId);
    },

    deleteDraft(viewerId, appraisalId) {
      return store.deleteDraft(appraisalId, viewerId);
    },

    rubric,

    subscribe(viewerId, listener) {
      // Changes are collected for one turn of the event loop (a batch is heard as one notice per
      // record, all at once), then checked one burst after the other so none is told out of order.
      let pending: AppraisalChange[] = [];
      let timer: ReturnType<typeof setTimeout> | undefined;
      let work = Promise.resolve();
      let open = true;
      const check = async (changes: readonly AppraisalChange[]): Promise<void> => {
        if (new Set(changes.map((change) => change.id)).size > NOTICE_BURST_LIMIT) {
          if (open) listener({ type: 'resync' });
          return;
        }
        for (const { appraisalId, revision } of await told(viewerId, changes)) {
          if (open) listener({ type: 'changed', appraisalId, ...(revision !== undefined ? { revision } : {}) });
        }
      };
      const unsubscribe = store.subscribe((change) => {
        if (change.type === 'closed') {
          if (open) listener({ type: 'closed' });
          return;
        }
        if (change.type !== 'appraisal') return;
        pending.push({ id: change.id, revision: change.revision, ...(change.audience ? { audience: change.audience } : {}) });
        timer ??= setTimeout(() => {
          timer = undefined;
          const changes = pending;
          pending = [];
          work = work.then(() => check(changes)).catch((error: unknown) => {
            // A failed read must not stop later notices; what was missed is read again on resync.
            console.warn('Kaohe: a live notice could not be checked', error);
            if (open) listener({ type: 'resync' });
          });
        }, 0);
      });
      return () => {
        if (!open) return;
        open = false;
        clearTimeout(timer);
        unsubscribe();
      };
    },

    async payslip(appraisalId, viewerId) {
      const { readPayslip } = await import('./payslip.ts');
      return readPayslip(service[internals], appraisalId, viewerId);
    },

    [internals]: { store, directory, assignments, payPlans, pinnedRubric, chainOf, payFigures: async (request) => options.payValues?.(request), now, told },
  };

  /** What openPeriod read once for everyone: the month's stored appraisals by id, each rubric's versions. */
  interface Bulk {
    stored: Map<string, AppraisalRecord>;
    versions: Map<string, Promise<number[]>>;
  }

  async function prepareOpening(employeeId: string, period: string, dir: Directory, actorId: string | null, at: string, bulk?: Bulk):
    Promise<{ ok: true; record: AppraisalRecord; audience: ChangeAudience } | { ok: true; existing: AppraisalRecord } | Refusal> {
    const person = personOf(dir, employeeId);
    if (!person) return refusal('invalid', `"${employeeId}" is not in the directory.`, { problems: [{ path: 'employee', rule: 'unknown-person', message: `"${employeeId}" is not in the directory` }] });
    const roles = await assignments();
    const role = assignedRole(person, roles);
    const assignment = role === undefined ? undefined : roles[role];
    if (!assignment) {
      return refusal('invalid', `No rubric and chain are assigned to the roles of "${employeeId}".`,
        { problems: [{ path: 'employee', rule: 'no-assignment', message: `no rubric and chain are assigned to the roles of "${employeeId}"` }] });
    }
    const stored = bulk ? bulk.stored.get(`${period}:${employeeId}`) : await store.getAppraisal(`${period}:${employeeId}`);
    if (stored) return { ok: true, existing: stored };
    const chain = (await chains())[assignment.chain];
    if (!chain) throw new KaoheServiceError('chain-missing', `Role ${role} is assigned chain ${assignment.chain}, which is not configured.`);
    let listed = bulk?.versions.get(assignment.rubric);
    if (!listed) {
      listed = store.listRubricVersions(assignment.rubric);
      bulk?.versions.set(assignment.rubric, listed);
    }
    const versions = await listed;
    const latest = versions[versions.length - 1];
    if (latest === undefined) throw new KaoheServiceError('rubric-missing', `Role ${role} is assigned rubric ${assignment.rubric}, and no version of it is stored.`);
    const pinned = await pinnedRubric({ id: `${period}:${employeeId}`, rubricId: assignment.rubric, rubricVersion: latest });
    const opened = openRecord({
      employee: person, period, rubric: { id: pinned.id, version: pinned.version }, chain, directory: dir, now: at,
      openedBy: actorId ?? SYSTEM_ACTOR, ...(options.calendar ? { calendar: options.calendar } : {}),
    });
    // Stored as revision 1, as appraisals written through Kaohe always have been (the store would take
    // workflow's revision 0 as new too; changing it would renumber every host's stored appraisals).
    const record: AppraisalRecord = { ...opened, revision: 1, score: scoreOrNull(pinned, opened.sheet) };
    return { ok: true, record, audience: audienceOf(undefined, record, dir, chain, at, options.calendar) };
  }

  return service;
}
