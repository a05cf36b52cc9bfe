// The page's application service (@kaohe/service) — the server's client when configured with one, else
// one over the page's store: reading the configured context when
// it is asked, so a later setUser, loadRubric or presets load is seen without building it again.
// Kaohe.act, Kaohe.openForm, KaoheHr and the inbox all go through it.
import { createService, type KaoheService } from '@kaohe/service';
import type { KaoheStore } from '@kaohe/store';
import { getContext, type KaoheContext } from './context.ts';

const services = new WeakMap<KaoheStore, { calendar: KaoheContext['calendar']; service: KaoheService }>();

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
    service = createService({
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
