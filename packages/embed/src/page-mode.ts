// Whether the page works with a server, as the script-tag loader learns it: at the first
// Kaohe.configure (whether it names a `server`) or, on a page that has not configured Kaohe by the
// window's load event (elements given their data by hand), as no server. The loader waits for it only
// to define a tag whose module depends on it (chunks.ts's serverTagEntries); the module it picks
// without a server is the full element, which works with one too.
let decide!: (server: boolean) => void;

/** Resolves with true on a page configured with a server; the first answer stands. */
export const withServer: Promise<boolean> = new Promise((resolve) => { decide = resolve; });

/** Kaohe.configure was called, with or without a server. */
export function configuredWith(server: boolean): void {
  decide(server);
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'complete') setTimeout(() => decide(false), 0);
  else window.addEventListener('load', () => decide(false), { once: true });
}
