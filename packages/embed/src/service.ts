// The page's application service (@kaohe/service) — the server's client when configured with one, else
// one over the page's store: reading the configured context when
// it is asked, so a later setUser, loadRubric or presets load is seen without building it again.
// Kaohe.act, Kaohe.openForm, KaoheHr and the inbox all go through it.
//
// The page's own service (with the workflow machine, xstate) is only needed without a server, and only
// once something asks it (an action, the inbox's tasks, a payslip): it is not imported here. Until
// `local-service.ts` has run, the service handed out is a DeferredService, which imports it at its first
// call (the split build puts it in a chunk of its own); the ESM entry and kaohe-hr.js import it at once.
import type {
  ActResult, AppraisalView, DraftResult, KaoheService, NoticeListener, OpenPeriodResult, OpenResult, PayslipResult, ServiceInternals,
  TaskPage, createService as CreateService, internals as Internals,
} from '@kaohe/service';
import type { Draft, KaoheStore } from '@kaohe/store';
import type { Rubric } from '@kaohe/scoring';
import { getContext, type KaoheContext } from './context.ts';

type ServiceOptions = Parameters<typeof CreateService>[0];

const services = new WeakMap<KaoheStore, { calendar: KaoheContext['calendar']; service: KaoheService }>();
let makeService: typeof CreateService | undefined;
let importLocalService: (() => Promise<unknown>) | undefined;
let loading: Promise<typeof CreateService> | undefined;

/** Called by local-service.ts: how to make the page's own service. */
export function provideLocalService(create: typeof CreateService): void {
  makeService = create;
}

/**
 * Called by the API's module (kaohe.ts): how to import local-service.ts. Not imported here, since the
 * script-tag loader reaches this module (through context.ts) and an IIFE would inline what it imports.
 */
export function provideLocalServiceImport(load: () => Promise<unknown>): void {
  importLocalService = load;
}

/** The maker of the page's own service, importing local-service.ts the first time (again after a failure). */
function localServiceMaker(): Promise<typeof CreateService> {
  if (makeService) return Promise.resolve(makeService);
  if (!importLocalService) return Promise.reject(new Error('Kaohe: the page\'s own service cannot be loaded here; configure Kaohe first.'));
  if (loading) return loading;
  // single flight: a failed import clears only itself, so a retry's import is never cleared by a late handler
  const started = importLocalService().then(() => {
    if (!makeService) throw new Error('Kaohe: local-service.ts did not provide the page\'s service');
    return makeService;
  });
  loading = started;
  started.catch(() => {
    if (loading === started) loading = undefined;
  });
  return started;
}

// The same key @kaohe/service gives it (a registered symbol), without importing the service's module.
const internalsKey: typeof Internals = Symbol.for('kaohe.service.internals') as never;

/**
 * The page's own service before its module is here: each call imports it (once), makes the service
 * and goes on there, so a caller sees the same answers the service gives. A page that shows a rubric
 * form and acts on nothing never downloads the workflow machine.
 */
class DeferredService implements KaoheService {
  readonly #options: ServiceOptions;
  #service: Promise<KaoheService> | undefined;
  #made: KaoheService | undefined;
  /** listeners subscribed before the service was here, attached when it loads (by whichever call) */
  readonly #waiting = new Set<(service: KaoheService) => void>();

  constructor(options: ServiceOptions) {
    this.#options = options;
  }

  /** The service itself, once its module is here. */
  loaded(): Promise<KaoheService> {
    if (this.#service) return this.#service;
    const loading = localServiceMaker().then((create) => {
      const made = create(this.#options);
      this.#made = made;
      for (const attach of this.#waiting) attach(made);
      this.#waiting.clear();
      return made;
    });
    this.#service = loading;
    loading.catch(() => {
      if (this.#service === loading) this.#service = undefined;
    });
    return loading;
  }

  /** What HR's reads need; only there once a call has loaded the service (hr-data.ts asks `loadedService`). */
  get [internalsKey](): ServiceInternals {
    if (!this.#made) throw new Error('Kaohe: the page\'s own service is not loaded yet (await loadedService(context))');
    return this.#made[internalsKey];
  }

  async act(appraisalId: string, actorId: string, action: unknown, options?: unknown): Promise<ActResult> { return (await this.loaded()).act(appraisalId, actorId, action, options); }
  async view(appraisalId: string, viewerId: string, options?: Parameters<KaoheService['view']>[2]): Promise<AppraisalView | undefined> { return (await this.loaded()).view(appraisalId, viewerId, options); }
  async tasks(viewerId: string, page?: Parameters<KaoheService['tasks']>[1]): Promise<TaskPage> { return (await this.loaded()).tasks(viewerId, page); }
  async countTasks(viewerId: string): Promise<number> { return (await this.loaded()).countTasks(viewerId); }
  async openAppraisal(actorId: string | null, request: unknown): Promise<OpenResult> { return (await this.loaded()).openAppraisal(actorId, request); }
  async openPeriod(actorId: string | null, request: unknown): Promise<OpenPeriodResult> { return (await this.loaded()).openPeriod(actorId, request); }
  async saveDraft(viewerId: string, appraisalId: string, input: unknown): Promise<DraftResult> { return (await this.loaded()).saveDraft(viewerId, appraisalId, input); }
  async loadDraft(viewerId: string, appraisalId: string): Promise<Draft | undefined> { return (await this.loaded()).loadDraft(viewerId, appraisalId); }
  async deleteDraft(viewerId: string, appraisalId: string): Promise<void> { return (await this.loaded()).deleteDraft(viewerId, appraisalId); }
  async rubric(id: string, version: number): Promise<Rubric | undefined> { return (await this.loaded()).rubric(id, version); }
  async payslip(appraisalId: string, viewerId: string): Promise<PayslipResult> { return (await this.loaded()).payslip(appraisalId, viewerId); }

  /**
   * Listens once the service is here; subscribing loads it. If that load fails (its code did not
   * download), the failure is told and the listener is attached when a later call loads the service.
   */
  subscribe(viewerId: string, listener: NoticeListener): () => void {
    let unsubscribe: (() => void) | undefined;
    const attach = (service: KaoheService): void => { unsubscribe = service.subscribe(viewerId, listener); };
    if (this.#made) attach(this.#made);
    else {
      this.#waiting.add(attach);
      this.loaded().catch((error: unknown) => console.error('Kaohe: the page\'s service did not load (yet):', error));
    }
    return () => {
      this.#waiting.delete(attach);
      unsubscribe?.();
    };
  }
}

/**
 * The service for `context`: with a server its client; else the page's own, made now when its module
 * is here, or a DeferredService that loads it at its first call.
 */
export function serviceFor(context: KaoheContext): KaoheService {
  // With a server, the service is its HTTP client for the person in the token; the server judges.
  if (context.service) return context.service;
  const known = services.get(context.store);
  // The calendar (the company's time zone) is fixed per service: a configure with another one gets a new service.
  let service = known?.calendar === context.calendar ? known.service : undefined;
  if (!service) {
    const current = (): KaoheContext => {
      const now = getContext();
      return now && now.store === context.store ? now : context;
    };
    const options: ServiceOptions = {
      store: context.store,
      directory: () => current().directory,
      chains: () => current().chains,
      assignments: () => current().assignments,
      payPlans: () => current().payPlans,
      payValues: (request) => current().payValues?.(request),
      // The configured rubric versions, for one the store could not keep; exactly the pinned version or none.
      rubrics: (id, version) => current().rubricVersions[`${id}@${version}`],
      clock: () => current().now ?? new Date().toISOString(),
      calendar: context.calendar,
    };
    service = makeService ? makeService(options) : new DeferredService(options);
    services.set(context.store, { calendar: context.calendar, service });
  }
  return service;
}

/** The service for `context` with its module loaded (what reads its internals, HR's reads, need). */
export async function loadedService(context: KaoheContext): Promise<KaoheService> {
  const service = serviceFor(context);
  return service instanceof DeferredService ? service.loaded() : service;
}
