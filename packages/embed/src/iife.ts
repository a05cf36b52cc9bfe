// The script-tag entry (kaohe.iife.js): a small loader. It defines `window.Kaohe` (loader-api.ts, which
// imports the API when first called) and watches the page for Kaohe's tags: when one first appears,
// its element's module is imported from beside this script (chunks.ts), so a page with one element
// never downloads the others. No tag is defined before its class is here: a shell would have to hand
// every property over to the real class, and the context is applied once the tag is defined instead.
// A tag whose module depends on the page's mode (the payslip: the server's view with a server, the
// element that can compute without one) is defined once the page's mode is known (page-mode.ts).
// A page that loads the bundle twice keeps the first `window.Kaohe` (and the context it was configured
// with); the second copy defines nothing new.
import { importEntry, ownScriptUrl, serverTagEntries, tagEntries } from './chunks.ts';
import { KaoheLoader } from './loader-api.ts';
import { configuredWith, withServer } from './page-mode.ts';

const base = ownScriptUrl('kaohe.iife.js') ?? document.baseURI;
const selector = Object.keys(tagEntries).join(',');

/** The entry that defines `tag` on this page: for a tag whose module depends on the mode, once the mode is known (page-mode.ts). */
function entryOf(tag: string): Promise<string | undefined> | string | undefined {
  const onServer = serverTagEntries[tag];
  if (!onServer) return tagEntries[tag];
  return withServer().then((server) => (server ? onServer : tagEntries[tag]));
}

/** Loads the element of `tag` (when this build has it) and resolves once the tag is defined. */
async function defineTag(tag: string): Promise<unknown> {
  if (customElements.get(tag)) return;
  const entry = await entryOf(tag);
  // HR's views come with kaohe-hr.js, which the page loads itself.
  if (!entry) return customElements.whenDefined(tag);
  if (customElements.get(tag)) return;
  return importEntry(entry, base).then(() => customElements.whenDefined(tag), (error: unknown) => {
    console.error(`Kaohe: <${tag}> did not load:`, error);
    throw error;
  });
}

function tagsWithin(root: ParentNode): Element[] {
  return [...root.querySelectorAll(selector)].filter((element) => !customElements.get(element.localName));
}

/** Resolves once every Kaohe element now on the page is defined (a failed one is logged, not thrown). */
function present(): Promise<unknown> {
  const tags = new Set(tagsWithin(document).map((element) => element.localName));
  return Promise.all([...tags].map((tag) => defineTag(tag).catch(() => undefined)));
}

function watch(): void {
  for (const element of tagsWithin(document)) void defineTag(element.localName).catch(() => undefined);
  // Elements the host writes into the page later (a router, innerHTML); shadow roots are the elements' own.
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      for (const node of mutation.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.matches(selector) && !customElements.get(node.localName)) void defineTag(node.localName).catch(() => undefined);
        if (node.firstElementChild) for (const element of tagsWithin(node)) void defineTag(element.localName).catch(() => undefined);
      }
    }
  }).observe(document, { childList: true, subtree: true });
}

const existing = (globalThis as { Kaohe?: unknown }).Kaohe;
if (existing instanceof EventTarget && typeof (existing as Partial<KaoheLoader>).configure === 'function') {
  const version = (existing as KaoheLoader).version;
  if (version !== KaoheLoader.version) console.warn(`Kaohe ${KaoheLoader.version} was loaded after Kaohe ${version}; the page keeps ${version}.`);
} else {
  (globalThis as { Kaohe?: KaoheLoader }).Kaohe = new KaoheLoader({
    presetsUrl: new URL('kaohe-presets.js', base).href,
    presetsLoader: 'script',
    api: () => importEntry('kaohe-api', base),
    elements: defineTag,
    present,
    configuring: configuredWith,
  });
  watch();
}
