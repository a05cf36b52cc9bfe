// The review chains (chain-rules.ts: the presets and their check), imported when first needed: by configure
// when the host gives chains or assignments or a default assignment's rubric is there, by loadPresets, and by
// openForm. Until then the context's `chains` is `{}` and each element keeps its own default, the presets.
export type ChainRules = typeof import('./chain-rules.ts');

let loaded: ChainRules | undefined;
let loading: Promise<ChainRules> | undefined;

/** The chain rules once imported, else undefined. */
export function loadedChainRules(): ChainRules | undefined {
  return loaded;
}

/** Imports the chain rules (once; again after a failure). */
export function loadChainRules(): Promise<ChainRules> {
  loading ??= import('./chain-rules.ts').then((rules) => (loaded = rules));
  loading.catch(() => { loading = undefined; });
  return loading;
}
