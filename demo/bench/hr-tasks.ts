// Benchmark, not a test: HR's first page of tasks from the server when 10,000 appraisals wait for HR.
// A company of 10,000 clerks whose chain's first step is HR's (a chain made for the figure), opened in
// one POST /periods/:period/open; then, as HR through the same HTTP contract the browser uses, the
// count (GET /tasks/count) and the first page (GET /tasks?limit=50): the cold first read, then the
// median of 10. Then the inbox itself in Chromium: a page (the demo's CSP, connect-src naming the server)
// loads kaohe.iife.js, configures Kaohe with the server and HR's token, and puts kaohe-inbox on screen;
// the times are from the page's start (navigation) and from the inbox's creation (after configure) to
// the first rows in its DOM, cold and then the median of 5 reloads. Prints figures and the load average;
// asserts the page and the count only.
//
//   node --import tsx demo/bench/hr-tasks.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { presetCatalogue, readConfig, startServer } from '@kaohe/server';
import type { Chain, Person } from '@kaohe/workflow';
import { buildBundles, launch, serve } from '../../tests/e2e/browser.ts';

const CLERKS = 10_000;
const PAGE = 50;
const secret = 'b'.repeat(48);
const serviceToken = 's'.repeat(48);
const dataDir = mkdtempSync(join(tmpdir(), 'kaohe-hr-bench-'));

const label = { 'zh-Hant': '人資評分', 'zh-Hans': '人资评分', en: 'HR scores' };
const chain: Chain = {
  id: 'W-HR-BENCH', label,
  steps: [
    { id: 'score', kind: 'score', actor: { role: 'hr' }, label },
    { id: 'publish', kind: 'publish', actor: { role: 'hr' }, label },
  ],
  appealTo: 'score',
};
const catalogue = { ...presetCatalogue(), assignments: { clerk: { rubric: 'R-SP', chain: chain.id } }, chains: { [chain.id]: chain } };
// The page that shows the inbox, served first: the Kaohe server lets its origin call it (CORS), as a page on
// another origin than the API needs (behind the intranet's proxy it would be the same origin).
buildBundles();
const pageDir = join(dataDir, 'page');
mkdirSync(pageDir);
writeFileSync(join(pageDir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>HR inbox</title><script src="/kaohe/kaohe.iife.js" defer></script><script src="/bench.js" defer></script><body></body>');
writeFileSync(join(pageDir, 'bench.js'), `
(async () => {
  const { server, token } = await (await fetch('/config.json')).json();
  const shown = (root) => {
    if (root.querySelector('[role="row"][data-id]')) return true;
    for (const element of root.querySelectorAll('*')) if (element.shadowRoot && shown(element.shadowRoot)) return true;
    return false;
  };
  const configuring = performance.now();
  await window.Kaohe.configure({ server, token: () => token, user: 'H01', timeZone: 'Asia/Shanghai' });
  const created = performance.now();
  const inbox = window.Kaohe.create('kaohe-inbox');
  document.body.append(inbox);
  const rows = await new Promise((resolve) => { const check = () => (shown(inbox.shadowRoot ?? inbox) ? resolve(performance.now()) : setTimeout(check, 5)); check(); });
  window.benchResult = { configureMs: created - configuring, firstRowsFromInbox: rows - created, firstRowsFromNavigation: rows };
})().catch((error) => { window.benchResult = { error: String(error) }; });
`);
const page = await serve(pageDir, "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' http://127.0.0.1:*");
const server = await startServer(readConfig({ port: '0', dataDir: join(dataDir, 'pglite') }, {
  KAOHE_JWT_SECRET: secret, KAOHE_SERVICE_TOKEN: serviceToken, KAOHE_AUDIT_KEY: 'a'.repeat(48), KAOHE_LOG_LEVEL: 'warn', KAOHE_RATE_LIMIT: '100000',
  KAOHE_CORS_ORIGINS: new URL(page.url).origin,
}), { app: { catalogue } });

const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
try {
  const people: Person[] = [{ id: 'H01', name: 'HR', roles: ['hr'] }];
  for (let n = 1; n <= CLERKS; n += 1) people.push({ id: `C${n}`, name: `Clerk ${n}`, roles: ['clerk'], managerId: 'H01' });
  const sendJson = (method: string, path: string, token: string, body?: unknown) => fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  let started = process.hrtime.bigint();
  if ((await sendJson('PUT', '/directory', serviceToken, { people })).status !== 200) throw new Error('directory refused');
  const opened = await sendJson('POST', '/periods/2026-11/open', serviceToken);
  const openedBody = await opened.json() as { opened: string[] };
  if (opened.status !== 200) throw new Error(`opening refused (${opened.status}): ${JSON.stringify(openedBody).slice(0, 600)}`);
  console.log(`opened ${openedBody.opened.length} appraisals in ${(ms(started) / 1000).toFixed(1)} s`);

  const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('H01').setIssuedAt().setExpirationTime('10m').sign(new TextEncoder().encode(secret));
  const read = async (): Promise<{ count: number; items: number; countMs: number; pageMs: number }> => {
    const a = process.hrtime.bigint();
    const count = (await (await sendJson('GET', '/tasks/count', token)).json() as { count: number }).count;
    const countMs = ms(a);
    const b = process.hrtime.bigint();
    const page = await (await sendJson('GET', `/tasks?limit=${PAGE}`, token)).json() as { items: unknown[] };
    return { count, items: page.items.length, countMs, pageMs: ms(b) };
  };
  started = process.hrtime.bigint();
  const cold = await read();
  if (cold.count !== CLERKS || cold.items !== PAGE) throw new Error(`expected ${CLERKS} tasks and a page of ${PAGE}, got ${cold.count} and ${cold.items}`);
  console.log(`cold: count ${cold.countMs.toFixed(0)} ms, first page of ${PAGE} ${cold.pageMs.toFixed(0)} ms`);
  const warm: Array<{ countMs: number; pageMs: number }> = [];
  for (let i = 0; i < 10; i += 1) warm.push(await read());
  const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] as number;
  console.log(`warm median of 10: count ${median(warm.map((w) => w.countMs)).toFixed(0)} ms, first page of ${PAGE} ${median(warm.map((w) => w.pageMs)).toFixed(0)} ms`);

  // The inbox in Chromium, as HR, from the server.
  writeFileSync(join(pageDir, 'config.json'), JSON.stringify({ server: server.url, token }));
  const launched = await launch();
  try {
    const tab = await launched.browser.newPage();
    const once = async (): Promise<{ configureMs: number; firstRowsFromInbox: number; firstRowsFromNavigation: number }> => {
      await tab.goto(page.url, { waitUntil: 'load' });
      const handle = await tab.waitForFunction(() => (window as unknown as { benchResult?: unknown }).benchResult, { timeout: 120_000, polling: 20 });
      const result = await handle.jsonValue() as { configureMs: number; firstRowsFromInbox: number; firstRowsFromNavigation: number; error?: string };
      if (result.error) throw new Error(result.error);
      return result;
    };
    const show = (label: string, r: { configureMs: number; firstRowsFromInbox: number; firstRowsFromNavigation: number }) =>
      console.log(`${label}: configure (people, outbox) ${r.configureMs.toFixed(0)} ms; first rows ${r.firstRowsFromInbox.toFixed(0)} ms after the inbox was created, ${r.firstRowsFromNavigation.toFixed(0)} ms after navigation`);
    show('inbox, cold', await once());
    const runs: Array<{ configureMs: number; firstRowsFromInbox: number; firstRowsFromNavigation: number }> = [];
    for (let i = 0; i < 5; i += 1) runs.push(await once());
    show('inbox, median of 5 reloads', {
      configureMs: median(runs.map((r) => r.configureMs)), firstRowsFromInbox: median(runs.map((r) => r.firstRowsFromInbox)), firstRowsFromNavigation: median(runs.map((r) => r.firstRowsFromNavigation)),
    });
    // A string, not a function: tsx would wrap a named inner function in a helper the page does not have.
    const rowsInDom = await tab.evaluate(`(() => {
      const count = (root) => root.querySelectorAll('[role="row"][data-id]').length
        + [...root.querySelectorAll('*')].reduce((n, element) => n + (element.shadowRoot ? count(element.shadowRoot) : 0), 0);
      return count(document);
    })()`) as number;
    console.log(`rows in the inbox's DOM after the last run: ${rowsInDom} (of ${CLERKS} tasks; the rest are read page by page as HR scrolls)`);
  } finally {
    await launched.close();
  }
  console.log(`load average ${loadavg().map((value) => value.toFixed(1)).join(' ')} on ${cpus().length} cores`);
} finally {
  await page.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
