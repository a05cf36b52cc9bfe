// The small API a host page calls: hand over the signed-in user and the directory once, and the
// elements on the page know who is acting. Decisions stay in the pure packages; this only wires.
// Its parts: configuration checked in config.ts, the presets in presets-loader.ts, types in
// api-types.ts, events in api-events.ts.
import {
  KaoheInputError,
  type Locale, type Rubric, type ScoreResult, type Sheet, type SheetInput,
} from '@kaohe/scoring';
import type { ActResult, AppraisalView } from '@kaohe/service';
import {
  assignedRole, businessDay, byUrgency, timeZoneOf,
  type AppraisalRecord, type Task, type WorkflowAction,
} from '@kaohe/workflow';
import { setLocale as setElementsLocale, locales } from '@kaohe/elements/locale';
import {
  applyContext, applyContextWithin, getContext, kaoheTags, onContextChange, setContext,
  type KaoheAssignment, type KaoheContext,
} from './context.ts';
import type { OpenedAppraisal } from './appraisal-form.ts';
import type { ActOptions, KaoheApiOptions, KaoheConfig, KaohePresets, OpenOptions } from './api-types.ts';
import { KaoheContextChangeEvent, KaoheReadyEvent } from './api-events.ts';
import { checkConfig, defaultDatabaseName, needsChains, openDefaultStore, rubricInputs } from './config.ts';
import { loadedRules, loadRules } from './rules.ts';
import { DeferredStore, openMemoryStore } from './deferred-store.ts';
import { loadChainRules } from './chains.ts';
import { PresetsLoader } from './presets-loader.ts';
import { answerUpdateComplete } from './pending-element.ts';

export type { ActOptions, KaoheApiOptions, KaoheConfig, KaohePresets, OpenOptions } from './api-types.ts';
export { KaoheContextChangeEvent, KaoheReadyEvent } from './api-events.ts';
export { defaultAssignments } from './config.ts';
import { provideLocalService, provideLocalServiceImport, serviceFor } from './service.ts';

// The page's own service (the workflow machine, xstate) is imported at its first call (service.ts).
provideLocalServiceImport(() => import('./local-service.ts').then(({ localService }) => provideLocalService(localService)));

import { VERSION } from './version.ts';

export { VERSION };

/**
 * The host API. On the IIFE bundle it is `window.Kaohe`; on the ESM bundle `import { Kaohe }`.
 * It is an EventTarget: `kaohe-ready` after configure, `kaohe-context-change` after each change.
 */
export class KaoheApi extends EventTarget {
  /** The version of this copy, readable before one is constructed (a second bundle on the page compares it). */
  static readonly version = VERSION;
  readonly version = VERSION;

  readonly #ready: Promise<KaoheContext>;
  #resolveReady!: (context: KaoheContext) => void;
  #observer: MutationObserver | undefined;
  /** the presets, however they arrive */
  readonly #presets: PresetsLoader;
  /** loads a tag's element when this copy does not define it itself (the script-tag loader) */
  readonly #elements: ((tag: string) => Promise<unknown>) | undefined;
  /** what this copy was configured with, to merge presets that arrive afterwards */
  #config: KaoheConfig | undefined;

  constructor(options: KaoheApiOptions = {}) {
    super();
    this.#presets = new PresetsLoader(options, () => this.#config);
    this.#elements = options.elements;
    this.#ready = new Promise((resolve) => { this.#resolveReady = resolve; });
    onContextChange((context) => {
      if (typeof document !== 'undefined') applyContextWithin(document, context);
      this.dispatchEvent(new KaoheContextChangeEvent(context));
    });
  }

  /**
   * The rubrics, chains and pay plans of domain/rules.md, as JSON a host may copy and edit. The
   * rubrics and pay plans live in kaohe-presets.js and are empty until it is loaded (see `loadPresets`).
   */
  get presets(): KaohePresets {
    return this.#presets.presets;
  }

  /**
   * Loads the rubric and pay-plan presets (kaohe-presets.js beside the core bundle, or `url`) and
   * resolves with `Kaohe.presets` once they are in; at once if they already are. Loaded after
   * `configure`, their rubrics and pay plans join the context (yours with the same id win) and the
   * default assignments that need them start to apply. Calling it again while it loads returns the
   * same promise; a failure may be retried.
   */
  loadPresets(url?: string | URL): Promise<KaohePresets> {
    return this.#presets.load(url);
  }

  /** Resolves with the context once `configure` has finished (at once if it already has). */
  get ready(): Promise<KaoheContext> {
    const context = getContext();
    return context ? Promise.resolve(context) : this.#ready;
  }

  /** The configured context, or undefined before `configure` has finished. */
  get context(): KaoheContext | undefined {
    return getContext();
  }

  /**
   * Hands Kaohe the signed-in user and the directory (and optionally a store, locale, rubrics, chains
   * and pay plans). Every rubric and chain is validated first; a bad one throws a KaoheInputError
   * listing every problem of every one, and nothing is configured.
   */
  async configure(config: KaoheConfig): Promise<KaoheContext> {
    if (!config || typeof config !== 'object') throw new TypeError('Kaohe.configure needs { user, directory }');
    await this.#presets.settled();
    // With a server the people may come from it; the checks below are the same either way.
    // The rubric rules (zod, decimal.js) load only with a rubric to check, and always without a server
    // (rules.ts); beside the mode's own chunks, not after them.
    const rulesLoading = config.server === undefined || Object.keys(rubricInputs(config, this.#presets.file)).length > 0 ? loadRules() : undefined;
    // The chains (the presets and their check) only when this configuration names or needs one (chains.ts).
    const chainsLoading = needsChains(config, this.#presets.file) ? loadChainRules() : undefined;
    // The HTTP client loads only with a server; the page's own service (the workflow machine) only without
    // one, at its first call (service.ts), and the IndexedDB store when it is first read or written.
    const connection = config.server !== undefined
      ? await (await import('./server-mode.ts')).connectServer({ ...config, server: config.server })
      : undefined;
    const directory = connection?.directory ?? config.directory;
    const [rules, chainRules] = await Promise.all([rulesLoading, chainsLoading]);
    const { rubrics, chains, payPlans, assignments, timeZone } = checkConfig({ ...config, ...(directory ? { directory } : {}) }, this.#presets.file, rules?.parseRubric, chainRules);
    if (!directory) throw new TypeError('Kaohe.configure needs { user, directory }');

    // With a server, appraisals live there: the page keeps none of its own (an element still reading `store`
    // finds it empty rather than another browser-only data set); the offline outbox has its own database.
    const store = config.store ?? (connection ? new DeferredStore('kaohe-server-page', openMemoryStore) : getContext()?.store ?? openDefaultStore(config.databaseName ?? defaultDatabaseName()));
    await this.#presets.storeRubrics(store, Object.values(rubrics));
    if (config.locale) setElementsLocale(config.locale);

    const context: KaoheContext = {
      user: config.user,
      person: directory.people.find((person) => person.id === config.user),
      directory,
      store,
      ...(connection ? { service: connection.service, server: config.server } : {}),
      locale: config.locale ?? getContext()?.locale ?? 'zh-Hant',
      rubrics,
      rubricVersions: Object.fromEntries(Object.values(rubrics).map((rubric) => [`${rubric.id}@${rubric.version}`, rubric])),
      chains,
      payPlans,
      assignments,
      calendar: timeZone !== undefined ? { timeZone } : {},
      ...(config.now !== undefined ? { now: config.now } : {}),
      ...(config.payValues ? { payValues: config.payValues } : {}),
    };
    this.#config = config;
    setContext(context);
    this.#observe();
    this.#resolveReady(context);
    this.dispatchEvent(new KaoheReadyEvent(context));
    if (typeof document !== 'undefined') document.dispatchEvent(new KaoheReadyEvent(context));
    return context;
  }

  /** Acts as another person of the directory from now on (a host's sign-in switch). */
  setUser(id: string): void {
    const context = this.#configured('setUser');
    // Over a server the token says who is signed in; the page cannot switch it.
    if (context.server !== undefined) throw new Error('Kaohe.setUser: with a server, the token decides who is signed in; configure again with the new person\'s user and token.');
    const person = context.directory.people.find((candidate) => candidate.id === id);
    if (!person) throw new KaoheInputError('user', [{ path: 'user', rule: 'unknown-person', message: `"${id}" is not in the directory` }]);
    setContext({ ...context, user: id, person });
  }

  /** Switches every Kaohe element on the page that does not pin its own `locale`. */
  setLocale(locale: Locale): void {
    if (!locales.includes(locale)) throw new TypeError(`Unknown locale "${String(locale)}"; use one of ${locales.join(', ')}.`);
    setElementsLocale(locale);
    const context = getContext();
    if (context && context.locale !== locale) setContext({ ...context, locale });
  }

  /**
   * Validates a rubric given as JSON (a string or an object) and returns it parsed. Throws a
   * KaoheInputError with every problem listed (including O-1, items not adding up to the scale).
   * After configure, the rubric also becomes available to the elements under its id.
   */
  loadRubric(json: unknown): Rubric {
    let input = json;
    if (typeof json === 'string') {
      try {
        input = JSON.parse(json) as unknown;
      } catch (error) {
        throw new KaoheInputError('rubric', [{ path: '', rule: 'json', message: `not JSON: ${error instanceof Error ? error.message : String(error)}` }]);
      }
    }
    const rubric = loadedRules('loadRubric').parseRubric(input);
    const context = getContext();
    if (context) {
      setContext({
        ...context,
        rubrics: { ...context.rubrics, [rubric.id]: rubric },
        rubricVersions: { ...context.rubricVersions, [`${rubric.id}@${rubric.version}`]: rubric },
      });
      context.store.putRubric(rubric).catch((error: unknown) => console.warn(`Kaohe: rubric ${rubric.id} was not stored:`, error));
    }
    return rubric;
  }

  /** What applies to a person: the first of their roles that has an assignment. */
  assignmentFor(employeeId: string): KaoheAssignment | undefined {
    const context = this.#configured('assignmentFor');
    const person = context.directory.people.find((candidate) => candidate.id === employeeId);
    const role = assignedRole(person, context.assignments);
    return role === undefined ? undefined : context.assignments[role];
  }

  /** Creates a Kaohe element with the context and `properties` set on it (properties win). */
  create<K extends keyof HTMLElementTagNameMap>(tag: K, properties?: Partial<HTMLElementTagNameMap[K]>): HTMLElementTagNameMap[K];
  create(tag: string, properties?: Record<string, unknown>): HTMLElement;
  create(tag: string, properties: Record<string, unknown> = {}): HTMLElement {
    const element = document.createElement(tag);
    Object.assign(element, properties);
    // An element whose chunk is still loading gets the context once it is defined (see applyContext),
    // and its updateComplete waits for the chunk.
    const loading = customElements.get(tag) ? undefined : this.#elements?.(tag);
    if (loading) {
      answerUpdateComplete(element, loading);
      void loading.then(() => applyContext(element));
    }
    return applyContext(element);
  }

  /** Fills in an element the host created itself (same as `create`, for existing elements). */
  connect<E extends Element>(element: E): E {
    return applyContext(element);
  }

  /**
   * Opens a person's appraisal for a month with their role's rubric and chain and stores it with its
   * audit entry. Opening one that exists returns the stored one unchanged. With a server, the server
   * opens it (POST /appraisals: HR only, the time and who opened it are the server's) and this answers
   * the appraisal as the signed-in person may see it; a refusal (not HR: `forbidden`) rejects with a
   * KaoheOpenRefusedError (open-on-server.ts) carrying the service's code and message, a field at fault with a KaoheInputError.
   */
  async openAppraisal(options: OpenOptions): Promise<AppraisalRecord | AppraisalView> {
    const context = this.#configured('openAppraisal');
    if (context.service) return (await import('./open-on-server.ts')).openOnServer(context.service, context.user, options);
    const assignment = this.assignmentFor(options.employee);
    if (!assignment) {
      const hint = this.#presets.file ? '' : ' (the preset rubrics are not loaded: Kaohe.loadPresets())';
      throw new KaoheInputError('appraisal', [{ path: 'employee', rule: 'no-assignment', message: `no rubric and chain are assigned to the roles of "${options.employee}"${hint}` }]);
    }
    // The host page is the trusted caller here (the store is its own): the service opens it as itself, in the user's name.
    const opened = await serviceFor(context).openAppraisal(null, {
      employee: options.employee,
      period: options.period,
      now: options.now ?? context.now ?? new Date().toISOString(),
      openedBy: options.openedBy ?? context.user,
    });
    if (!opened.ok) throw new KaoheInputError('appraisal', opened.problems ?? [{ path: 'employee', rule: opened.code, message: opened.message }]);
    return await context.store.getAppraisal(opened.id) as AppraisalRecord;
  }

  /**
   * Applies a workflow action (`step.submit`, `step.approve`, `step.return` …) to a stored appraisal
   * as the signed-in user (or `options.actor`) and stores the result with its audit entry, through
   * the application service. Accepted: `{ ok: true, revision, appraisal }` (the appraisal as the actor
   * may now see it; absent when they no longer may). Refused: `{ ok: false, code, message, problems? }`,
   * returned, not thrown (`not-found` for an appraisal that does not exist or the actor may not see;
   * `stale`, with the appraisal as it stands, when `options.expectedRevision` is not the stored one).
   */
  async act(appraisalId: string, action: WorkflowAction, options: ActOptions = {}): Promise<ActResult> {
    const context = this.#configured('act');
    // The one write path (@kaohe/service): the pinned rubric version, the chain, record + audit in one write;
    // the service refuses a revision other than the stored one before it judges the action.
    return serviceFor(context).act(appraisalId, options.actor ?? context.user, action, {
      now: options.now ?? context.now ?? new Date().toISOString(),
      ...(options.expectedRevision !== undefined ? { expectedRevision: options.expectedRevision } : {}),
    });
  }

  /**
   * A rubric form for a stored appraisal, set up for what the signed-in user may do at its step:
   * scoring (edit), reviewing or read-only, an assessing group limited to its items. Its submit goes
   * to the review chain and `onActed` hears the outcome (accepted, or refused with a code and message).
   * Everything the form shows and allows comes from the application service's view for the user.
   * Rejects with a KaoheReadRefusedError for an appraisal the user may not read (an employee before
   * publication, someone outside its chain) or that does not exist; comments come signed as the user may read them (TR-3).
   */
  async openForm(appraisalId: string, options: { now?: string; onActed?: (result: ActResult) => void } = {}): Promise<OpenedAppraisal> {
    // The form's chain comes from the context's chains, with the presets (chains.ts).
    this.#configured('openForm');
    const [chainRules] = await Promise.all([loadChainRules(), this.#elements?.('kaohe-rubric-form')]);
    let context = this.#configured('openForm');
    if (!chainRules.hasPresetChains(context.chains)) {
      context = { ...context, chains: chainRules.withPresetChains(context.chains) };
      setContext(context);
    }
    // The form's module (with the service's submission rules) loads with the first form opened.
    const { openAppraisalForm } = await import('./appraisal-form.ts');
    return openAppraisalForm(context, serviceFor(context), appraisalId, options.now ?? context.now, options.onActed);
  }

  /** Scores a sheet against its rubric (by the sheet's `rubric` id); throws with every problem listed. */
  score(sheet: SheetInput | Sheet): ScoreResult {
    const context = this.#configured('score');
    const rubric = context.rubrics[sheet.rubric];
    if (!rubric) throw new KaoheInputError('sheet', [{ path: 'rubric', rule: 'unknown-rubric', message: `no rubric "${sheet.rubric}" is configured` }]);
    return loadedRules('score').scoreSheet(rubric, sheet);
  }

  /**
   * The company's day (YYYY-MM-DD) at `at` (an ISO timestamp; default: the configured `now`, else
   * the clock), on the calendar of the configured `timeZone`: the day a host should call "today".
   */
  businessDay(at?: string): string {
    const context = this.#configured('businessDay');
    return businessDay(at ?? context.now ?? new Date().toISOString(), timeZoneOf(context.calendar));
  }

  /**
   * The signed-in user's tasks (or `userId`'s, in the IndexedDB mode; with a server only the signed-in
   * person's), overdue first, read through the application service: `actions` is exactly what the
   * chain lets them do now.
   */
  async tasks(userId?: string, now?: string): Promise<Task[]> {
    const context = this.#configured('tasks');
    const at = now ?? context.now;
    const user = userId ?? context.user;
    const service = serviceFor(context);
    const tasks: Task[] = [];
    let cursor: string | undefined;
    do {
      const page = await service.tasks(user, { limit: 1000, ...(cursor !== undefined ? { cursor } : {}), ...(at !== undefined ? { now: at } : {}) });
      for (const { appraisal } of page.items) {
        tasks.push({
          appraisalId: appraisal.id, employeeId: appraisal.employeeId, period: appraisal.period, step: appraisal.step, status: appraisal.status,
          overdue: appraisal.overdue, actions: [...appraisal.allowedActions],
          ...(appraisal.dueDate !== undefined ? { dueDate: appraisal.dueDate } : {}),
          ...(appraisal.startDate !== undefined ? { startDate: appraisal.startDate } : {}),
          ...(appraisal.onBehalfOf !== undefined ? { onBehalfOf: [...appraisal.onBehalfOf] } : {}),
        });
      }
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return tasks.sort(byUrgency);
  }

  #configured(method: string): KaoheContext {
    const context = getContext();
    if (!context) throw new Error(`Kaohe.${method}: call Kaohe.configure({ user, directory }) first (and await it).`);
    return context;
  }

  /** Elements the host writes into the page later (a router, innerHTML) get the context too. */
  #observe(): void {
    if (this.#observer || typeof MutationObserver === 'undefined' || typeof document === 'undefined') return;
    applyContextWithin(document);
    // An element whose class comes later (its chunk, the builder's or HR's file) gets the context when it is defined.
    for (const tag of kaoheTags) {
      if (!customElements.get(tag)) void customElements.whenDefined(tag).then(() => applyContextWithin(document));
    }
    const selector = kaoheTags.join(',');
    this.#observer = new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        for (const node of mutation.addedNodes) {
          if (!(node instanceof Element)) continue;
          if (node.matches(selector)) applyContext(node);
          applyContextWithin(node);
        }
      }
    });
    this.#observer.observe(document.documentElement, { childList: true, subtree: true });
  }
}
