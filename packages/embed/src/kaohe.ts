// The small API a host page calls: hand over the signed-in user and the directory once, and the
// elements on the page know who is acting. Decisions stay in the pure packages; this only wires.
import {
  KaoheInputError, loadRubric as parseRubric, scoreSheet,
  type Locale, type PayPlanInput, type Problem, type Rubric, type RubricInput, type ScoreResult, type Sheet, type SheetInput,
} from '@kaohe/scoring';
import { IdbStore, MemoryStore, type KaoheStore } from '@kaohe/store';
import {
  act, businessDay, canonicalTimeZone, chainPresets, inbox, presetAssignments, openAppraisal, openingAudit, timeZoneOf, validateChain, workflowOf,
  type ActResult, type AppraisalRecord, type Chain, type Directory, type Task, type WorkflowAction,
} from '@kaohe/workflow';
import { setLocale as setElementsLocale, locales } from '@kaohe/elements';
import {
  applyContext, applyContextWithin, getContext, kaoheTags, onContextChange, setContext,
  type KaoheAssignment, type KaoheContext,
} from './context.ts';
import { openAppraisalForm, type OpenedAppraisal } from './appraisal-form.ts';
import { offeredPresets, onPresets, type KaohePresetFile } from './presets-channel.ts';

/** The version of this bundle. */
export const VERSION = '0.1.0';

/**
 * Which rubric, chain and pay plan apply to each role of the presets (rules.md §1, §3, §5). The rubrics
 * and pay plans named here come with kaohe-presets.js; the chains are in the core.
 */
export const defaultAssignments: Readonly<Record<string, KaoheAssignment>> = presetAssignments;

export interface KaoheConfig {
  /** the signed-in user's id (a person of `directory`) */
  user: string;
  directory: Directory;
  /** where appraisals live; default: IndexedDB named after the host page (`kaoheDatabaseName`) */
  store?: KaoheStore;
  /** the IndexedDB name when `store` is not given; default `kaohe:<location.host>` */
  databaseName?: string;
  locale?: Locale;
  /** extra or replacement rubrics, as JSON; the presets (once loaded) stay available under their ids */
  rubrics?: RubricInput[] | Record<string, RubricInput>;
  chains?: Chain[] | Record<string, Chain>;
  payPlans?: PayPlanInput[] | Record<string, PayPlanInput>;
  /**
   * role id → rubric, chain and pay plan; merged over `defaultAssignments`. A default whose rubric is
   * a preset applies once the presets are loaded, and names its preset pay plan once that is there;
   * one of yours must name a rubric and chain given here.
   */
  assignments?: Record<string, KaoheAssignment>;
  /** a fixed time (ISO) for demos and tests: actions are stamped with it and deadlines judged by it */
  now?: string;
  /**
   * The company's IANA time zone (`Asia/Shanghai`): which day it is — due dates, overdue, delegation
   * ranges, the month an action belongs to — is judged on its calendar, and every date and time the
   * elements show is on its clock. Default: UTC.
   */
  timeZone?: string;
}

/** The rubrics, chains and pay plans of domain/rules.md, as JSON a host may copy and edit. */
export interface KaohePresets {
  /** empty until the presets file is loaded (`Kaohe.loadPresets()` or its own script tag) */
  readonly rubrics: Readonly<Record<string, RubricInput>>;
  readonly chains: Readonly<Record<string, Chain>>;
  /** P-1 … P-3; empty until the presets file is loaded, like `rubrics` */
  readonly payPlans: Readonly<Record<string, PayPlanInput>>;
  readonly assignments: Readonly<Record<string, KaoheAssignment>>;
}

/** How this copy of the bundle finds the presets file when `loadPresets` is given no URL. */
export interface KaoheApiOptions {
  /** the presets file's address, usually next to the core bundle's own */
  presetsUrl?: string | undefined;
  /** `script`: a `<script src>` for kaohe-presets.js (the IIFE); `module`: `import()` of kaohe-presets.mjs (the ESM) */
  presetsLoader?: 'script' | 'module';
}

export interface OpenOptions {
  /** a person id of the directory */
  employee: string;
  /** YYYY-MM */
  period: string;
  /** ISO timestamp; default now */
  now?: string;
  /** who opens it; default the signed-in user */
  openedBy?: string;
}

export interface ActOptions {
  /** who acts; default the signed-in user */
  actor?: string;
  /** ISO timestamp; default now */
  now?: string;
}

/** `kaohe-ready`: the context is configured; `context` is what the elements now read. */
export class KaoheReadyEvent extends Event {
  static readonly eventName = 'kaohe-ready';
  constructor(readonly context: KaoheContext) {
    super(KaoheReadyEvent.eventName);
  }
}

/** `kaohe-context-change`: the user, locale or rubrics changed after configure. */
export class KaoheContextChangeEvent extends Event {
  static readonly eventName = 'kaohe-context-change';
  constructor(readonly context: KaoheContext) {
    super(KaoheContextChangeEvent.eventName);
  }
}

function toRecord<T extends { id: string }>(value: T[] | Record<string, T> | undefined): Record<string, T> {
  if (!value) return {};
  if (Array.isArray(value)) return Object.fromEntries(value.map((item) => [item.id, item]));
  return { ...value };
}

function prefixed(prefix: string, problems: readonly Problem[]): Problem[] {
  return problems.map((problem) => ({ ...problem, path: problem.path ? `${prefix}.${problem.path}` : prefix }));
}

function defaultDatabaseName(): string {
  const host = typeof location === 'undefined' ? '' : location.host;
  return host ? `kaohe:${host}` : 'kaohe';
}

// A classic <script src> from the page's own origin is allowed under `script-src 'self'`, where a
// fetched-and-evaluated file would need 'unsafe-eval'.
function injectScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.async = true;
    script.addEventListener('load', () => resolve(), { once: true });
    script.addEventListener('error', () => reject(new Error(`Kaohe.loadPresets: ${src} did not load`)), { once: true });
    document.head.append(script);
  });
}

async function importModule(src: string): Promise<void> {
  await import(/* @vite-ignore */ src);
}

/**
 * The default assignments whose rubric and chain are there (with their pay plan when it is there too),
 * then the host's own (whose rubric and chain must be).
 */
function resolveAssignments(
  rubrics: Readonly<Record<string, Rubric>>, chains: Readonly<Record<string, Chain>>, payPlans: Readonly<Record<string, PayPlanInput>>,
  own: Record<string, KaoheAssignment> | undefined, problems: Problem[] = [],
): Record<string, KaoheAssignment> {
  const assignments: Record<string, KaoheAssignment> = {};
  // A default waits for the presets rather than failing a page that configures before they load.
  for (const [role, assignment] of Object.entries(defaultAssignments)) {
    if (!rubrics[assignment.rubric] || !chains[assignment.chain]) continue;
    // A host's own R-SP without the presets: the role is appraised, and gets P-1 when the presets come.
    const { payPlan, ...withoutPay } = assignment;
    assignments[role] = payPlan === undefined || payPlans[payPlan] ? assignment : withoutPay;
  }
  for (const [role, assignment] of Object.entries(own ?? {})) {
    if (!rubrics[assignment.rubric]) problems.push({ path: `assignments.${role}.rubric`, rule: 'unknown-rubric', message: `no rubric "${assignment.rubric}"` });
    if (!chains[assignment.chain]) problems.push({ path: `assignments.${role}.chain`, rule: 'unknown-chain', message: `no chain "${assignment.chain}"` });
    assignments[role] = assignment;
  }
  return assignments;
}

async function openDefaultStore(name: string): Promise<KaoheStore> {
  try {
    return await IdbStore.open(name);
  } catch (error) {
    // Private windows and locked-down browsers refuse IndexedDB; the page still works, it just forgets on reload.
    console.warn(`Kaohe: IndexedDB is unavailable (${error instanceof Error ? error.message : String(error)}); `
      + 'appraisals are kept in memory and lost on reload. Pass a `store` to Kaohe.configure to persist them elsewhere.');
    return new MemoryStore();
  }
}

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
  readonly #options: KaoheApiOptions;
  /** what kaohe-presets.js handed over, once it has */
  #presetFile: KaohePresetFile | undefined;
  #presetsView: KaohePresets | undefined;
  #presetsLoading: Promise<KaohePresets> | undefined;
  /** settles when presets that arrived after configure are in the context */
  #presetsMerged: Promise<void> = Promise.resolve();
  /** what this copy was configured with, to merge presets that arrive afterwards */
  #config: KaoheConfig | undefined;

  constructor(options: KaoheApiOptions = {}) {
    super();
    this.#options = options;
    this.#ready = new Promise((resolve) => { this.#resolveReady = resolve; });
    onContextChange((context) => {
      if (typeof document !== 'undefined') applyContextWithin(document, context);
      this.dispatchEvent(new KaoheContextChangeEvent(context));
    });
    onPresets((file) => this.#receivePresets(file));
  }

  /**
   * The rubrics, chains and pay plans of domain/rules.md, as JSON a host may copy and edit. The
   * rubrics and pay plans live in kaohe-presets.js and are empty until it is loaded (see `loadPresets`).
   */
  get presets(): KaohePresets {
    this.#presetsView ??= Object.freeze({
      rubrics: this.#presetFile?.rubrics ?? Object.freeze({}),
      chains: chainPresets as Readonly<Record<string, Chain>>,
      payPlans: this.#presetFile?.payPlans ?? Object.freeze({}),
      assignments: defaultAssignments,
    });
    return this.#presetsView;
  }

  /**
   * Loads the rubric and pay-plan presets (kaohe-presets.js beside the core bundle, or `url`) and
   * resolves with `Kaohe.presets` once they are in; at once if they already are. Loaded after
   * `configure`, their rubrics and pay plans join the context (yours with the same id win) and the
   * default assignments that need them start to apply. Calling it again while it loads returns the
   * same promise; a failure may be retried.
   */
  loadPresets(url?: string | URL): Promise<KaohePresets> {
    if (this.#presetFile) return this.#presetsMerged.then(() => this.presets);
    if (this.#presetsLoading && url === undefined) return this.#presetsLoading;
    const href = url === undefined ? this.#options.presetsUrl : new URL(String(url), document.baseURI).href;
    if (!href) {
      return Promise.reject(new Error('Kaohe.loadPresets: this copy of Kaohe does not know where it was loaded from; pass the URL of kaohe-presets.js.'));
    }
    const loading = (this.#options.presetsLoader === 'module' ? importModule(href) : injectScript(href)).then(async () => {
      const file = offeredPresets();
      if (!file) throw new Error(`Kaohe.loadPresets: ${href} loaded but offered no presets; is it kaohe-presets.js of this version?`);
      this.#receivePresets(file);
      // Resolve once the context has them, so the next call (openAppraisal …) sees them.
      await this.#presetsMerged;
      return this.presets;
    });
    this.#presetsLoading = loading;
    loading.catch(() => {
      if (this.#presetsLoading === loading) this.#presetsLoading = undefined;
    });
    return loading;
  }

  #receivePresets(file: KaohePresetFile): void {
    if (this.#presetFile) return;
    this.#presetFile = file;
    this.#presetsView = undefined;
    const context = getContext();
    if (context && this.#config) this.#presetsMerged = this.#mergePresets(context, this.#config, file);
  }

  /** Presets that arrive after configure: rubrics and pay plans the context lacks, and the assignments they enable. */
  async #mergePresets(context: KaoheContext, config: KaoheConfig, file: KaohePresetFile): Promise<void> {
    const added: Rubric[] = [];
    for (const [id, input] of Object.entries(file.rubrics)) {
      if (context.rubrics[id]) continue;
      try {
        added.push(parseRubric(input));
      } catch (error) {
        console.warn(`Kaohe: preset rubric ${id} was not loaded:`, error);
      }
    }
    const newPlans = Object.keys(file.payPlans).filter((id) => !context.payPlans[id]);
    if (added.length === 0 && newPlans.length === 0) return;
    if (added.length > 0) await this.#storeRubrics(context.store, added);
    const current = getContext() ?? context;
    // The host's own rubrics and plans under a preset's id win.
    const rubrics = { ...context.rubrics, ...Object.fromEntries(added.map((rubric) => [rubric.id, rubric])), ...current.rubrics };
    const payPlans = { ...file.payPlans, ...current.payPlans };
    setContext({
      ...current,
      rubrics,
      rubricVersions: { ...current.rubricVersions, ...Object.fromEntries(added.map((rubric) => [`${rubric.id}@${rubric.version}`, rubric])) },
      payPlans,
      assignments: resolveAssignments(rubrics, current.chains, payPlans, config.assignments),
    });
  }

  #storeRubrics(store: KaoheStore, rubrics: readonly Rubric[]): Promise<unknown> {
    // Appraisals pin the rubric version they were opened with; the store keeps every version they may name.
    return Promise.all(rubrics.map((rubric) => store.putRubric(rubric).catch((error: unknown) => {
      console.warn(`Kaohe: rubric ${rubric.id} v${rubric.version} was not stored:`, error);
    })));
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
    const problems: Problem[] = [];
    if (!config || typeof config !== 'object') throw new TypeError('Kaohe.configure needs { user, directory }');
    if (!config.directory || !Array.isArray(config.directory.people)) {
      problems.push({ path: 'directory.people', rule: 'required', message: 'the directory lists its people' });
    } else if (!config.directory.people.some((person) => person.id === config.user)) {
      problems.push({ path: 'user', rule: 'unknown-person', message: `user "${String(config.user)}" is not in the directory` });
    }
    if (config.locale !== undefined && !locales.includes(config.locale)) {
      problems.push({ path: 'locale', rule: 'enum', message: `locale is one of ${locales.join(', ')}` });
    }
    const timeZone = config.timeZone === undefined ? undefined : canonicalTimeZone(config.timeZone);
    if (config.timeZone !== undefined && timeZone === undefined) {
      problems.push({ path: 'timeZone', rule: 'time-zone', message: `"${String(config.timeZone)}" is not an IANA time zone this browser knows, such as Asia/Shanghai` });
    }

    // A presets file still loading would otherwise leave the default roles without a rubric.
    if (this.#presetsLoading) {
      await this.#presetsLoading.catch((error: unknown) => console.warn('Kaohe: configuring without the presets:', error));
    }
    const rubrics: Record<string, Rubric> = {};
    for (const [id, input] of Object.entries({ ...this.#presetFile?.rubrics, ...toRecord(config.rubrics) })) {
      try {
        rubrics[id] = parseRubric(input);
      } catch (error) {
        if (error instanceof KaoheInputError) problems.push(...prefixed(`rubrics.${id}`, error.problems));
        else throw error;
      }
    }
    const chains: Record<string, Chain> = { ...chainPresets, ...toRecord(config.chains) };
    for (const [id, chain] of Object.entries(chains)) problems.push(...prefixed(`chains.${id}`, validateChain(chain)));
    const payPlans: Record<string, PayPlanInput> = { ...this.#presetFile?.payPlans, ...toRecord(config.payPlans) };
    const assignments = resolveAssignments(rubrics, chains, payPlans, config.assignments, problems);
    if (problems.length > 0) throw new KaoheInputError('Kaohe configuration', problems);

    const store = config.store ?? getContext()?.store ?? await openDefaultStore(config.databaseName ?? defaultDatabaseName());
    await this.#storeRubrics(store, Object.values(rubrics));
    if (config.locale) setElementsLocale(config.locale);

    const context: KaoheContext = {
      user: config.user,
      person: config.directory.people.find((person) => person.id === config.user),
      directory: config.directory,
      store,
      locale: config.locale ?? getContext()?.locale ?? 'zh-Hant',
      rubrics,
      rubricVersions: Object.fromEntries(Object.values(rubrics).map((rubric) => [`${rubric.id}@${rubric.version}`, rubric])),
      chains,
      payPlans,
      assignments,
      calendar: timeZone !== undefined ? { timeZone } : {},
      ...(config.now !== undefined ? { now: config.now } : {}),
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
    const rubric = parseRubric(input);
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
    const role = person?.roles.find((candidate) => context.assignments[candidate]);
    return role === undefined ? undefined : context.assignments[role];
  }

  /** Creates a Kaohe element with the context and `properties` set on it (properties win). */
  create<K extends keyof HTMLElementTagNameMap>(tag: K, properties?: Partial<HTMLElementTagNameMap[K]>): HTMLElementTagNameMap[K];
  create(tag: string, properties?: Record<string, unknown>): HTMLElement;
  create(tag: string, properties: Record<string, unknown> = {}): HTMLElement {
    const element = document.createElement(tag);
    Object.assign(element, properties);
    return applyContext(element);
  }

  /** Fills in an element the host created itself (same as `create`, for existing elements). */
  connect<E extends Element>(element: E): E {
    return applyContext(element);
  }

  /**
   * Opens a person's appraisal for a month with their role's rubric and chain and stores it with its
   * audit entry. Opening one that exists returns the stored one unchanged.
   */
  async openAppraisal(options: OpenOptions): Promise<AppraisalRecord> {
    const context = this.#configured('openAppraisal');
    const assignment = this.assignmentFor(options.employee);
    if (!assignment) {
      const hint = this.#presetFile ? '' : ' (the preset rubrics are not loaded: Kaohe.loadPresets())';
      throw new KaoheInputError('appraisal', [{ path: 'employee', rule: 'no-assignment', message: `no rubric and chain are assigned to the roles of "${options.employee}"${hint}` }]);
    }
    const rubric = context.rubrics[assignment.rubric] as Rubric;
    const existing = await context.store.getAppraisal(`${options.period}:${options.employee}`);
    if (existing) return existing;
    const record = openAppraisal({
      employee: options.employee,
      period: options.period,
      rubric: { id: rubric.id, version: rubric.version },
      chain: context.chains[assignment.chain] as Chain,
      directory: context.directory,
      now: options.now ?? context.now ?? new Date().toISOString(),
      calendar: context.calendar,
      openedBy: options.openedBy ?? context.user,
    });
    // Stored as revision 1, as appraisals written through Kaohe always have been (the store would take
    // workflow's revision 0 as new too; changing it would renumber every host's stored appraisals).
    const first = { ...record, revision: 1 };
    return context.store.putAppraisal(first, { expectedRevision: 0, audit: [openingAudit(first)] });
  }

  /**
   * Applies a workflow action (`step.submit`, `step.approve`, `step.return` …) to a stored appraisal
   * as the signed-in user (or `options.actor`) and stores the result with its audit entry. A refusal
   * is returned, not thrown: it carries the reason a person can read.
   */
  async act(appraisalId: string, action: WorkflowAction, options: ActOptions = {}): Promise<ActResult> {
    const context = this.#configured('act');
    const record = await context.store.getAppraisal(appraisalId);
    if (!record) throw new KaoheInputError('appraisal', [{ path: 'id', rule: 'not-found', message: `no appraisal "${appraisalId}"` }]);
    const chain = context.chains[record.chainId];
    if (!chain) throw new KaoheInputError('appraisal', [{ path: 'chainId', rule: 'unknown-chain', message: `no chain "${record.chainId}" is configured` }]);
    // the version the appraisal pins, never a later edit of the rubric (as openForm scores it)
    const rubric = await context.store.getRubric(record.rubricId, record.rubricVersion) ?? context.rubrics[record.rubricId];
    // the delegations the record carries keep a delegate an actor through the next action (as in the inbox)
    const carried = workflowOf(record).delegated;
    const result = act(record, action, {
      actor: options.actor ?? context.user,
      directory: context.directory,
      chain,
      now: options.now ?? context.now ?? new Date().toISOString(),
      calendar: context.calendar,
      ...(rubric ? { rubric } : {}),
      ...(carried.length > 0 ? { delegations: carried } : {}),
    });
    if (!result.ok) return result;
    const stored = await context.store.putAppraisal(result.record, { expectedRevision: record.revision, audit: result.audit });
    return { ...result, record: stored };
  }

  /**
   * A rubric form for a stored appraisal, set up for what the signed-in user may do at its step:
   * scoring (edit), reviewing or read-only, an assessing group limited to its items. Its submit goes
   * to the review chain and `onActed` hears the outcome (accepted with the stored record, or refused with a reason).
   * Rejects for an appraisal the user may not read (workflow's `canRead`: an employee before publication,
   * someone outside its chain); comments come signed as the user may read them (TR-3).
   */
  async openForm(appraisalId: string, options: { now?: string; onActed?: (result: ActResult) => void } = {}): Promise<OpenedAppraisal> {
    const context = this.#configured('openForm');
    const now = options.now ?? context.now ?? new Date().toISOString();
    return openAppraisalForm(context, appraisalId, (id, action) => this.act(id, action, { now }), now, options.onActed);
  }

  /** Scores a sheet against its rubric (by the sheet's `rubric` id); throws with every problem listed. */
  score(sheet: SheetInput | Sheet): ScoreResult {
    const context = this.#configured('score');
    const rubric = context.rubrics[sheet.rubric];
    if (!rubric) throw new KaoheInputError('sheet', [{ path: 'rubric', rule: 'unknown-rubric', message: `no rubric "${sheet.rubric}" is configured` }]);
    return scoreSheet(rubric, sheet);
  }

  /**
   * The company's day (YYYY-MM-DD) at `at` (an ISO timestamp; default: the configured `now`, else
   * the clock), on the calendar of the configured `timeZone`: the day a host should call "today".
   */
  businessDay(at?: string): string {
    const context = this.#configured('businessDay');
    return businessDay(at ?? context.now ?? new Date().toISOString(), timeZoneOf(context.calendar));
  }

  /** The signed-in user's tasks (or `userId`'s), overdue first. */
  async tasks(userId?: string, now?: string): Promise<Task[]> {
    const context = this.#configured('tasks');
    const at = now ?? context.now ?? new Date().toISOString();
    const user = userId ?? context.user;
    const records: AppraisalRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await context.store.listTasks(user, { limit: 1000, ...(cursor !== undefined ? { cursor } : {}) });
      records.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return inbox(records, user, at, timeZoneOf(context.calendar));
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
