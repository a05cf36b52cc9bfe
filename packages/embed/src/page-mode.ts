// Whether the page works with a server, as the script-tag loader learns it: from the first
// Kaohe.configure (whether it names a `server`). A tag whose module depends on it (chunks.ts's
// serverTagEntries) asks when it first needs defining: after a configure, its answer; before one,
// while the page is still loading, the tag waits for a configure or the window's load event (a page
// that gives its elements their data by hand never configures); after the load with no configure yet,
// no server. The answer is not fixed at the load event: a host that signs in before it configures
// (await signIn(); configure({ server })) and then shows a payslip gets the server's view. The module
// picked without a server is the full element, which works with one too.
let configured: boolean | undefined;
const waiting: Array<(server: boolean) => void> = [];

function answer(server: boolean): void {
  for (const resolve of waiting.splice(0)) resolve(server);
}

/** Kaohe.configure was called, with or without a server; the first call stands. */
export function configuredWith(server: boolean): void {
  if (configured !== undefined) return;
  configured = server;
  answer(server);
}

/** Whether a tag that needs defining now is on a page with a server (see above). */
export function withServer(): Promise<boolean> {
  if (configured !== undefined) return Promise.resolve(configured);
  if (typeof document === 'undefined' || document.readyState === 'complete') return Promise.resolve(false);
  return new Promise((resolve) => { waiting.push(resolve); });
}

if (typeof document !== 'undefined' && document.readyState !== 'complete') {
  // a configure in the page's own load handler still counts
  window.addEventListener('load', () => setTimeout(() => answer(configured ?? false), 0), { once: true });
}
