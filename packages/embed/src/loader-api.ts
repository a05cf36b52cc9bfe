// `window.Kaohe` of the script tag: the same methods as KaoheApi (kaohe.ts), which it imports from the
// split build when first needed — at `configure`, `loadPresets` or any other call that returns a
// promise. Methods that answer at once and need a configured Kaohe (setUser, score, assignmentFor …)
// are called after `await Kaohe.configure(…)`, when the API is here; before it they throw as
// KaoheApi does. Events of the API are re-dispatched on this object.
import type { AppraisalRecord, Task, WorkflowAction } from '@kaohe/workflow';
import type { Locale, Rubric, ScoreResult, Sheet, SheetInput } from '@kaohe/scoring';
import type { ActResult, AppraisalView } from '@kaohe/service';
import { setLocale as setElementsLocale } from '@kaohe/elements/locale';
import type { ActOptions, KaoheApiOptions, KaoheConfig, KaohePresets, OpenOptions } from './api-types.ts';
import type { KaoheApi } from './kaohe.ts';
import type { OpenedAppraisal } from './appraisal-form.ts';
import { getContext, type KaoheAssignment, type KaoheContext } from './context.ts';
import { offeredPresets } from './presets-channel.ts';
import { answerUpdateComplete } from './pending-element.ts';
import { VERSION } from './version.ts';

type ApiModule = typeof import('./api-entry.ts');

export interface LoaderOptions extends KaoheApiOptions {
  /** imports the API's module */
  api: () => Promise<unknown>;
  /** loads the element of a tag and resolves once it is defined */
  elements: (tag: string) => Promise<unknown>;
  /** resolves once every Kaohe element now on the page is defined */
  present: () => Promise<unknown>;
  /** hears each configure as it is called, with whether it names a server (before the API is loaded) */
  configuring?: (server: boolean) => void;
}

export class KaoheLoader extends EventTarget {
  static readonly version = VERSION;
  readonly version = VERSION;
  readonly #options: LoaderOptions;
  #api: KaoheApi | undefined;
  #loading: Promise<KaoheApi> | undefined;

  constructor(options: LoaderOptions) {
    super();
    this.#options = options;
  }

  #load(): Promise<KaoheApi> {
    this.#loading ??= this.#options.api().then((module) => {
      const { KaoheApi } = module as ApiModule;
      const { presetsUrl, presetsLoader, elements } = this.#options;
      const api = new KaoheApi({ presetsUrl, presetsLoader, elements });
      for (const type of ['kaohe-ready', 'kaohe-context-change']) {
        api.addEventListener(type, (event) => {
          const Type = event.constructor as new (context: KaoheContext) => Event;
          this.dispatchEvent(new Type((event as Event & { context: KaoheContext }).context));
        });
      }
      this.#api = api;
      return api;
    });
    this.#loading.catch(() => { this.#loading = undefined; });
    return this.#loading;
  }

  /** The API for a method that answers at once; it is here once configure has been awaited. */
  #loaded(method: string): KaoheApi {
    if (!this.#api) throw new Error(`Kaohe.${method}: call Kaohe.configure({ user, directory }) first (and await it).`);
    return this.#api;
  }

  get presets(): KaohePresets {
    if (this.#api) return this.#api.presets;
    // Before the API is here: what kaohe-presets.js has offered (if it ran). The preset chains and the
    // default assignments come with the API (at the first configure or loadPresets), not with every page's
    // loader: empty until then.
    const file = offeredPresets();
    return Object.freeze({
      rubrics: file?.rubrics ?? Object.freeze({}),
      chains: Object.freeze({}),
      payPlans: file?.payPlans ?? Object.freeze({}),
      assignments: Object.freeze({}),
    });
  }

  loadPresets(url?: string | URL): Promise<KaohePresets> {
    return this.#load().then((api) => api.loadPresets(url));
  }

  get ready(): Promise<KaoheContext> {
    return this.#load().then((api) => api.ready);
  }

  get context(): KaoheContext | undefined {
    return getContext();
  }

  /** KaoheApi.configure; resolves once the elements on the page are defined too. */
  async configure(config: KaoheConfig): Promise<KaoheContext> {
    // The loader picks a tag's module by it (the payslip with a server is the server's: no pay engine).
    this.#options.configuring?.(typeof config === 'object' && config !== null && config.server !== undefined);
    const api = await this.#load();
    const context = await api.configure(config);
    await this.#options.present();
    return context;
  }

  setUser(id: string): void {
    this.#loaded('setUser').setUser(id);
  }

  setLocale(locale: Locale): void {
    if (this.#api) this.#api.setLocale(locale);
    else setElementsLocale(locale);
  }

  loadRubric(json: unknown): Rubric {
    return this.#loaded('loadRubric').loadRubric(json);
  }

  assignmentFor(employeeId: string): KaoheAssignment | undefined {
    return this.#loaded('assignmentFor').assignmentFor(employeeId);
  }

  create<K extends keyof HTMLElementTagNameMap>(tag: K, properties?: Partial<HTMLElementTagNameMap[K]>): HTMLElementTagNameMap[K];
  create(tag: string, properties?: Record<string, unknown>): HTMLElement;
  create(tag: string, properties: Record<string, unknown> = {}): HTMLElement {
    if (this.#api) return this.#api.create(tag, properties);
    const element = document.createElement(tag);
    Object.assign(element, properties);
    answerUpdateComplete(element, this.#options.elements(tag));
    return element;
  }

  connect<E extends Element>(element: E): E {
    if (this.#api) return this.#api.connect(element);
    void this.#options.elements(element.localName);
    return element;
  }

  async openAppraisal(options: OpenOptions): Promise<AppraisalRecord | AppraisalView> {
    return (await this.#load()).openAppraisal(options);
  }

  async act(appraisalId: string, action: WorkflowAction, options?: ActOptions): Promise<ActResult> {
    return (await this.#load()).act(appraisalId, action, options);
  }

  async openForm(appraisalId: string, options?: { now?: string; onActed?: (result: ActResult) => void }): Promise<OpenedAppraisal> {
    return (await this.#load()).openForm(appraisalId, options);
  }

  score(sheet: SheetInput | Sheet): ScoreResult {
    return this.#loaded('score').score(sheet);
  }

  businessDay(at?: string): string {
    return this.#loaded('businessDay').businessDay(at);
  }

  async tasks(userId?: string, now?: string): Promise<Task[]> {
    return (await this.#load()).tasks(userId, now);
  }
}
