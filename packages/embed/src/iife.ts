// The script-tag entry: `window.Kaohe`. A page that loads the bundle twice keeps the first
// `window.Kaohe` (and the context it was configured with); the second copy defines nothing new.
import '@kaohe/elements/register';
import { KaoheApi } from './kaohe.ts';

declare global {
  interface Window {
    Kaohe: KaoheApi;
  }
}

/** kaohe-presets.js beside this script, read while it runs (document.currentScript is gone afterwards). */
function presetsBesideThisScript(): string | undefined {
  const script = typeof document === 'undefined' ? null : document.currentScript;
  return script instanceof HTMLScriptElement && script.src ? new URL('kaohe-presets.js', script.src).href : undefined;
}

const existing = (globalThis as { Kaohe?: unknown }).Kaohe;
if (existing instanceof EventTarget && typeof (existing as Partial<KaoheApi>).configure === 'function') {
  const version = (existing as KaoheApi).version;
  if (version !== KaoheApi.version) console.warn(`Kaohe ${KaoheApi.version} was loaded after Kaohe ${version}; the page keeps ${version}.`);
} else {
  (globalThis as { Kaohe?: KaoheApi }).Kaohe = new KaoheApi({ presetsUrl: presetsBesideThisScript(), presetsLoader: 'script' });
}
