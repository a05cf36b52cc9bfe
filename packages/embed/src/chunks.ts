// Which file of the split build defines each tag, for the script-tag loader (iife.ts) and
// kaohe-form-builder.js. build.mjs replaces `__KAOHE_CHUNKS__` with the hashed file names it wrote
// (entry name → file beside the loader); the names below are those entries.

declare const __KAOHE_CHUNKS__: Readonly<Record<string, string>>;

/** entry name → file name, as built */
const chunkFiles: Readonly<Record<string, string>> = __KAOHE_CHUNKS__;

/** tag → the entry that defines it (the inbox's entry also defines its task pane, the builder's the chain editor) */
export const tagEntries: Readonly<Record<string, string>> = Object.freeze({
  'kaohe-rubric-form': 'kaohe-rubric-form',
  'kaohe-inbox': 'kaohe-inbox',
  'kaohe-task-pane': 'kaohe-inbox',
  'kaohe-payslip': 'kaohe-payslip',
  'kaohe-outbox-status': 'kaohe-outbox-status',
  'kaohe-form-builder': 'kaohe-form-builder',
  'kaohe-chain-editor': 'kaohe-form-builder',
});

/**
 * tag → the entry that defines it on a page configured with a server, where it differs: the payslip
 * there is the server's (KaohePayslipView), without the pay engine that computes one in the page.
 */
export const serverTagEntries: Readonly<Record<string, string>> = Object.freeze({
  'kaohe-payslip': 'kaohe-payslip-view',
});

/** This script's own address, read while it runs (document.currentScript is gone afterwards). */
export function ownScriptUrl(name: string): string | undefined {
  const script = typeof document === 'undefined' ? null : document.currentScript;
  if (script instanceof HTMLScriptElement && script.src) return script.src;
  // a copy run some other way: the last script tag of that name
  const tags = typeof document === 'undefined' ? [] : [...document.querySelectorAll<HTMLScriptElement>('script[src]')];
  return tags.reverse().find((tag) => new URL(tag.src).pathname.endsWith(`/${name}`))?.src;
}

const loading = new Map<string, Promise<unknown>>();

/**
 * Imports an entry of the split build from beside `base` (a same-origin module script, allowed by
 * `script-src 'self'`); once per entry, again after a failure.
 */
export function importEntry(entry: string, base: string): Promise<unknown> {
  let load = loading.get(entry);
  if (!load) {
    const file = chunkFiles[entry];
    if (!file) return Promise.reject(new Error(`Kaohe: no chunk named ${entry} in this build`));
    load = import(/* @vite-ignore */ new URL(file, base).href);
    loading.set(entry, load);
    load.catch(() => loading.delete(entry));
  }
  return load;
}
