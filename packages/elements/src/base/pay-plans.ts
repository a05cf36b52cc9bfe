// The page-wide pay plans a `kaohe-payslip` resolves a plan id ('P-1') against. The preset plans ship
// in kaohe-presets.js, not in the core, so the payslip cannot import them: whoever has plans (the
// presets file, a host, a test) registers them here. Kept on globalThis under a registered symbol,
// like the locale, because the core, the presets file and the HR chunk each carry their own copy of
// this module and must still see one registry.
import type { PayPlanInput } from '@kaohe/scoring';

type Listener = () => void;

interface PayPlanRegistry {
  readonly plans: Map<string, PayPlanInput>;
  readonly listeners: Set<Listener>;
}

const REGISTRY_KEY = Symbol.for('kaohe.pay-plans');

function registry(): PayPlanRegistry {
  const holder = globalThis as typeof globalThis & { [REGISTRY_KEY]?: PayPlanRegistry };
  holder[REGISTRY_KEY] ??= { plans: new Map(), listeners: new Set() };
  return holder[REGISTRY_KEY];
}

/**
 * Makes pay plans available to every payslip on the page by their id, as a list or a record keyed by
 * id (a record's key wins over the plan's own id). A plan registered again under the same id replaces
 * the earlier one; payslips showing that id update.
 */
export function registerPayPlans(plans: readonly PayPlanInput[] | Readonly<Record<string, PayPlanInput>>): void {
  const r = registry();
  const entries: Array<readonly [string, PayPlanInput]> = Array.isArray(plans)
    ? (plans as readonly PayPlanInput[]).map((plan) => [plan.id, plan] as const)
    : Object.entries(plans);
  let changed = false;
  for (const [id, plan] of entries) {
    if (r.plans.get(id) === plan) continue;
    r.plans.set(id, plan);
    changed = true;
  }
  if (changed) for (const listener of [...r.listeners]) listener();
}

/** The registered plan with this id, or undefined while none is. */
export function payPlanById(id: string): PayPlanInput | undefined {
  return registry().plans.get(id);
}

/** Hears every registration that added or replaced a plan. Returns the unsubscribe. */
export function onPayPlansRegistered(listener: Listener): () => void {
  const r = registry();
  r.listeners.add(listener);
  return () => r.listeners.delete(listener);
}
