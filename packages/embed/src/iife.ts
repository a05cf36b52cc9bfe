// The script-tag entry: `window.Kaohe`. A page that loads the bundle twice keeps the first
// `window.Kaohe` (and the context it was configured with); the second copy defines nothing new.
import { Kaohe } from './index.ts';
import type { KaoheApi } from './kaohe.ts';

declare global {
  interface Window {
    Kaohe: KaoheApi;
  }
}

const existing = (globalThis as { Kaohe?: unknown }).Kaohe;
if (existing instanceof EventTarget && typeof (existing as Partial<KaoheApi>).configure === 'function') {
  if ((existing as KaoheApi).version !== Kaohe.version) {
    console.warn(`Kaohe ${Kaohe.version} was loaded after Kaohe ${(existing as KaoheApi).version}; the page keeps ${(existing as KaoheApi).version}.`);
  }
} else {
  (globalThis as { Kaohe?: KaoheApi }).Kaohe = Kaohe;
}
