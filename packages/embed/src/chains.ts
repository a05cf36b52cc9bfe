// The preset chains and the chain check (chain-rules.ts), imported when first needed: by configure when
// the host gives chains or assignments or a default assignment's rubric is there, by loadPresets, and by
// openForm. Until then the context's `chains` is `{}` and each element keeps its own default, the presets.
import type { Chain } from '@kaohe/workflow';
import { getContext, setContext, type KaoheContext } from './context.ts';

export type ChainRules = typeof import('./chain-rules.ts');

let loaded: ChainRules | undefined;
let loading: Promise<ChainRules> | undefined;

/** The chain rules once imported, else undefined. */
export function loadedChainRules(): ChainRules | undefined {
  return loaded;
}

/** Imports the chain rules (once; again after a failure). */
export function loadChainRules(): Promise<ChainRules> {
  if (loaded) return Promise.resolve(loaded);
  loading ??= import('./chain-rules.ts').then((rules) => {
    loaded = rules;
    return rules;
  });
  loading.catch(() => { loading = undefined; });
  return loading;
}

/** The presets under a context's chains (a host's own chain with a preset's id wins). */
export function withPresetChains(chains: Readonly<Record<string, Chain>>, rules: ChainRules): Record<string, Chain> {
  return { ...rules.chainPresets, ...chains };
}

/** The configured context with the preset chains in it, imported and merged now if they were not yet. */
export async function contextWithChains(context: KaoheContext): Promise<KaoheContext> {
  const rules = await loadChainRules();
  const current = getContext() ?? context;
  if (Object.keys(rules.chainPresets).every((id) => id in current.chains)) return current;
  const merged = { ...current, chains: withPresetChains(current.chains, rules) };
  setContext(merged);
  return merged;
}
