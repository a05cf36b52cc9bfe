// The review chains' code the API needs: the presets W-SP … W-TR (@kaohe/workflow), the check of a host's
// own chain, and the merge of the presets into the context. Imported by chains.ts when first needed, so a
// page that only shows a rubric form for a rubric never downloads them (issue 14).
import { chainPresets, type Chain } from '@kaohe/workflow';
import { getContext, setContext, type KaoheContext } from './context.ts';

export { chainPresets, validateChain } from '@kaohe/workflow';

/** The presets under a context's chains (a host's own chain with a preset's id wins). */
export function withPresetChains(chains: Readonly<Record<string, Chain>>): Record<string, Chain> {
  return { ...chainPresets, ...chains };
}

/** The configured context with the preset chains in it, merged now if they were not yet. */
export function contextWithChains(context: KaoheContext): KaoheContext {
  const current = getContext() ?? context;
  if (Object.keys(chainPresets).every((id) => id in current.chains)) return current;
  const merged = { ...current, chains: withPresetChains(current.chains) };
  setContext(merged);
  return merged;
}
