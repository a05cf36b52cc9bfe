// The review chains' code the API needs: the presets W-SP … W-TR (@kaohe/workflow), the check of a host's
// own chain, and how the presets go under a context's chains. Imported by chains.ts when first needed, so a
// page that only shows a rubric form for a rubric never downloads them (issue 14). It imports none of the
// API's modules (context.ts …): they would leave the API's chunk for one shared with this.
import { chainPresets, type Chain } from '@kaohe/workflow';

export { chainPresets, validateChain } from '@kaohe/workflow';

/** The presets under a context's chains (a host's own chain with a preset's id wins). */
export function withPresetChains(chains: Readonly<Record<string, Chain>>): Record<string, Chain> {
  return { ...chainPresets, ...chains };
}

/** Whether `chains` has every preset (a context's, once the presets were merged in). */
export function hasPresetChains(chains: Readonly<Record<string, Chain>>): boolean {
  return Object.keys(chainPresets).every((id) => id in chains);
}
