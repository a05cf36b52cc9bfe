// The page's application service (@kaohe/service) — the server's client when configured with one, else
// one over the page's store: reading the configured context when
// it is asked, so a later setUser, loadRubric or presets load is seen without building it again.
// Kaohe.act, Kaohe.openForm, KaoheHr and the inbox all go through it.
//
// The page's own service (with the workflow machine, xstate) is only needed without a server, so it is
// not imported here: `local-service.ts` hands its maker over when it runs — Kaohe.configure imports it in
// the IndexedDB mode (the split build puts it in a chunk of its own), the ESM entry and kaohe-hr.js at once.
import type { KaoheService, createService as CreateService } from '@kaohe/service';
import type { KaoheStore } from '@kaohe/store';
import { getContext, type KaoheContext } from './context.ts';

const services = new WeakMap<KaoheStore, { calendar: KaoheContext['calendar']; service: KaoheService }>();
let makeService: typeof CreateService | undefined;

/** Called by local-service.ts: how to make the page's own service. */
export function provideLocalService(create: typeof CreateService): void {
  makeService = create;
}

/**
 * The service for `context`.
 * @throws when there is no server and local-service.ts has not run (Kaohe.configure awaits it)
 */
export function serviceFor(context: KaoheContext): KaoheService {
  // With a server, the service is its HTTP client for the person in the token; the server judges.
  if (context.service) return context.service;
  const known = services.get(context.store);
  // The calendar (the company's time zone) is fixed per service: a configure with another one gets a new service.
  let service = known?.calendar === context.calendar ? known.service : undefined;
  if (!service) {
    if (!makeService) throw new Error('Kaohe: the page\'s own service is not loaded yet; await Kaohe.configure first.');
    const current = (): KaoheContext => {
      const now = getContext();
      return now && now.store === context.store ? now : context;
    };
    service = makeService({
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
    });
    services.set(context.store, { calendar: context.calendar, service });
  }
  return service;
}
