// How the rubric and pay-plan presets reach the core bundle. They ship in their own file (kaohe-presets.js /
// kaohe-presets.mjs) so a page that brings its own rubrics and plans never downloads them; whichever of the
// two files runs first, the hand-over meets on globalThis under a registered symbol, so the presets
// may load before Kaohe (queued here) or after it (announced), and every copy of the bundle sees them.
import type { PayPlanInput, RubricInput } from '@kaohe/scoring';

/** What kaohe-presets.js carries: one rubric per role and the pay plans P-1 … P-3 of domain/rules.md, as authored JSON. */
export interface KaohePresetFile {
  readonly rubrics: Readonly<Record<string, RubricInput>>;
  readonly payPlans: Readonly<Record<string, PayPlanInput>>;
}

type Listener = (presets: KaohePresetFile) => void;

interface PresetHolder {
  presets: KaohePresetFile | undefined;
  readonly listeners: Set<Listener>;
}

const PRESETS_KEY = Symbol.for('kaohe.presets');

function holder(): PresetHolder {
  const global = globalThis as typeof globalThis & { [PRESETS_KEY]?: PresetHolder };
  global[PRESETS_KEY] ??= { presets: undefined, listeners: new Set() };
  return global[PRESETS_KEY];
}

/** Called by the presets file: keeps the presets for a Kaohe that loads later and tells those already loaded. */
export function offerPresets(presets: KaohePresetFile): void {
  const h = holder();
  h.presets = presets;
  for (const listener of [...h.listeners]) listener(presets);
}

/** The presets if a presets file has run on this page, else undefined. */
export function offeredPresets(): KaohePresetFile | undefined {
  return holder().presets;
}

/** Hears the presets once they arrive (at once if they already have). Returns the unsubscribe. */
export function onPresets(listener: Listener): () => void {
  const h = holder();
  const { presets } = h;
  if (presets) {
    listener(presets);
    return () => undefined;
  }
  h.listeners.add(listener);
  return () => h.listeners.delete(listener);
}
