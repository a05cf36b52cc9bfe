// The rubric and pay-plan presets (kaohe-presets.js): loaded on demand by a same-origin script tag
// or import, received however they arrive, and merged into a context configured before they came.
import type { Rubric } from '@kaohe/scoring';
import type { KaoheStore } from '@kaohe/store';
import type { KaoheApiOptions, KaoheConfig, KaohePresets } from './api-types.ts';
import { defaultAssignments, resolveAssignments } from './config.ts';
import { getContext, setContext, type KaoheContext } from './context.ts';
import { DeferredStore } from './deferred-store.ts';
import { loadChainRules, loadedChainRules } from './chains.ts';
import { offeredPresets, onPresets, type KaohePresetFile } from './presets-channel.ts';
import { loadRules } from './rules.ts';

// A classic <script src> from the page's own origin is allowed under `script-src 'self'`, where a
// fetched-and-evaluated file would need 'unsafe-eval'.
function injectScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.async = true;
    script.addEventListener('load', () => resolve(), { once: true });
    script.addEventListener('error', () => reject(new Error(`Kaohe.loadPresets: ${src} did not load`)), { once: true });
    document.head.append(script);
  });
}

async function importModule(src: string): Promise<void> {
  await import(/* @vite-ignore */ src);
}

export class PresetsLoader {
  readonly #options: KaoheApiOptions;
  /** what this copy was configured with, to merge presets that arrive afterwards */
  readonly #config: () => KaoheConfig | undefined;
  /** what kaohe-presets.js handed over, once it has */
  #presetFile: KaohePresetFile | undefined;
  #presetsView: KaohePresets | undefined;
  #presetsLoading: Promise<KaohePresets> | undefined;
  /** settles when presets that arrived after configure are in the context */
  #presetsMerged: Promise<void> = Promise.resolve();

  constructor(options: KaoheApiOptions, config: () => KaoheConfig | undefined) {
    this.#options = options;
    this.#config = config;
    onPresets((file) => this.#receivePresets(file));
  }

  /** The presets file as handed over, or undefined before it is. */
  get file(): KaohePresetFile | undefined {
    return this.#presetFile;
  }

  /** Settles once a load in progress has ended (either way); configure waits for it. */
  async settled(): Promise<void> {
    // A presets file still loading would otherwise leave the default roles without a rubric.
    if (this.#presetsLoading) {
      await this.#presetsLoading.catch((error: unknown) => console.warn('Kaohe: configuring without the presets:', error));
    }
  }

  /** See `KaoheApi.presets`: the chains once loaded (by loadPresets, or a configure that needs them). */
  get presets(): KaohePresets {
    const chains = loadedChainRules()?.chainPresets;
    if (this.#presetsView && chains && this.#presetsView.chains !== chains) this.#presetsView = undefined;
    this.#presetsView ??= Object.freeze({
      rubrics: this.#presetFile?.rubrics ?? Object.freeze({}),
      chains: chains ?? Object.freeze({}),
      payPlans: this.#presetFile?.payPlans ?? Object.freeze({}),
      assignments: defaultAssignments,
    });
    return this.#presetsView;
  }

  /**
   * Loads the rubric and pay-plan presets (kaohe-presets.js beside the core bundle, or `url`) and
   * resolves with `Kaohe.presets` once they are in; at once if they already are. Loaded after
   * `configure`, their rubrics and pay plans join the context (yours with the same id win) and the
   * default assignments that need them start to apply. Calling it again while it loads returns the
   * same promise; a failure may be retried.
   */
  load(url?: string | URL): Promise<KaohePresets> {
    if (this.#presetFile) return Promise.all([this.#presetsMerged, loadChainRules()]).then(() => this.presets);
    if (this.#presetsLoading && url === undefined) return this.#presetsLoading;
    const href = url === undefined ? this.#options.presetsUrl : new URL(String(url), document.baseURI).href;
    if (!href) {
      return Promise.reject(new Error('Kaohe.loadPresets: this copy of Kaohe does not know where it was loaded from; pass the URL of kaohe-presets.js.'));
    }
    const file = this.#options.presetsLoader === 'module' ? importModule(href) : injectScript(href);
    const loading = Promise.all([file, loadChainRules()]).then(async () => {
      const file = offeredPresets();
      if (!file) throw new Error(`Kaohe.loadPresets: ${href} loaded but offered no presets; is it kaohe-presets.js of this version?`);
      this.#receivePresets(file);
      // Resolve once the context has them, so the next call (openAppraisal …) sees them.
      await this.#presetsMerged;
      return this.presets;
    });
    this.#presetsLoading = loading;
    loading.catch(() => {
      if (this.#presetsLoading === loading) this.#presetsLoading = undefined;
    });
    return loading;
  }

  #receivePresets(file: KaohePresetFile): void {
    if (this.#presetFile) return;
    this.#presetFile = file;
    this.#presetsView = undefined;
    const context = getContext();
    const config = this.#config();
    if (context && config) this.#presetsMerged = this.#mergePresets(context, config, file);
  }

  /** Presets that arrive after configure: rubrics and pay plans the context lacks, and the assignments they enable. */
  async #mergePresets(context: KaoheContext, config: KaoheConfig, file: KaohePresetFile): Promise<void> {
    const added: Rubric[] = [];
    const fresh = Object.entries(file.rubrics).filter(([id]) => !context.rubrics[id]);
    if (fresh.length > 0) {
      // the rubric rules load with the first rubric to check (rules.ts)
      const { parseRubric } = await loadRules();
      for (const [id, input] of fresh) {
        try {
          added.push(parseRubric(input));
        } catch (error) {
          console.warn(`Kaohe: preset rubric ${id} was not loaded:`, error);
        }
      }
    }
    const newPlans = Object.keys(file.payPlans).filter((id) => !context.payPlans[id]);
    if (added.length === 0 && newPlans.length === 0) return;
    if (added.length > 0) await this.storeRubrics(context.store, added);
    // The default assignments they enable name preset chains.
    const chainRules = await loadChainRules();
    const current = getContext() ?? context;
    const chains = chainRules.withPresetChains(current.chains);
    // The host's own rubrics and plans under a preset's id win.
    const rubrics = { ...context.rubrics, ...Object.fromEntries(added.map((rubric) => [rubric.id, rubric])), ...current.rubrics };
    const payPlans = { ...file.payPlans, ...current.payPlans };
    setContext({
      ...current,
      rubrics,
      rubricVersions: { ...current.rubricVersions, ...Object.fromEntries(added.map((rubric) => [`${rubric.id}@${rubric.version}`, rubric])) },
      chains,
      payPlans,
      assignments: resolveAssignments(rubrics, chains, payPlans, config.assignments),
    });
  }

  storeRubrics(store: KaoheStore, rubrics: readonly Rubric[]): Promise<unknown> {
    // The page's IndexedDB store not opened yet gets them as it opens, before anything reads it.
    if (store instanceof DeferredStore) {
      store.whenOpened((opened) => this.storeRubrics(opened, rubrics));
      return Promise.resolve();
    }
    // Appraisals pin the rubric version they were opened with; the store keeps every version they may name.
    return Promise.all(rubrics.map((rubric) => store.putRubric(rubric).catch((error: unknown) => {
      console.warn(`Kaohe: rubric ${rubric.id} v${rubric.version} was not stored:`, error);
    })));
  }
}
