// The demo as `npm start` runs it (demo/start.ts → startIntranet): the intranet's backend and the Kaohe
// server in one process, on a fresh data directory, the company seeded through the server's API. Two
// browser contexts that share no storage sign in as two people through the sign-in page, each gets its
// own token from the intranet, and each sees only its own — in the page and in the /kaohe-api
// responses it received. The Kaohe server stopped: /kaohe-api answers 503; started again: the data is
// there. "Reset demo data" puts the month back as seeded.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext, HTTPResponse, Page } from 'puppeteer-core';
import { startIntranet, type Intranet } from '../../demo/server/intranet.ts';
import { CSP, buildBundles, launch, root, type Launched } from './browser.ts';

let intranet: Intranet;
let launched: Launched;
let dataDir: string;

before(async () => {
  buildBundles();
  execFileSync(process.execPath, [join(root, 'demo', 'build.mjs')], { stdio: 'inherit' });
  dataDir = mkdtempSync(join(tmpdir(), 'kaohe-demo-data-'));
  intranet = await startIntranet({ port: 0, dataDir });
  launched = await launch();
}, { timeout: 600_000 });

after(async () => {
  await launched?.close();
  await intranet?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Signed {
  context: BrowserContext;
  page: Page;
  /** every /kaohe-api response this context received: its path and its body as text */
  api: Array<{ path: string; status: number; body: string }>;
  console: string[];
}

/** A context of its own (no shared cookies or storage), signed in by clicking the person on the sign-in page. */
async function signInAs(personId: string): Promise<Signed> {
  const context = await launched.browser.createBrowserContext();
  const page = await context.newPage();
  const signed: Signed = { context, page, api: [], console: [] };
  const pending: Array<Promise<void>> = [];
  page.on('console', (message) => signed.console.push(message.text()));
  page.on('response', (response: HTTPResponse) => {
    const path = new URL(response.url()).pathname;
    if (!path.startsWith('/kaohe-api/')) return;
    // The live stream never ends; its events are read by the page, not here.
    if (path.endsWith('/events')) return;
    pending.push(response.text().then((body) => { signed.api.push({ path, status: response.status(), body }); }, () => undefined));
  });
  const first = await page.goto(intranet.url, { waitUntil: 'load' });
  assert.equal(new URL(page.url()).pathname, '/signin', 'a visitor who has not signed in is sent to the sign-in page');
  assert.equal(first?.headers()['content-security-policy'], CSP);
  const button = await page.$(`button[name="person"][value="${personId}"]`);
  assert.ok(button, `the sign-in page lists ${personId}`);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
  await page.waitForSelector(`[data-signed-in="${personId}"]`, { timeout: 30_000 });
  await Promise.all(pending);
  return signed;
}

/** The token the intranet signs for this context's session, and what the Kaohe server answers it at `path`. */
async function asPage(signed: Signed, path: string): Promise<{ status: number; body: unknown }> {
  return signed.page.evaluate(async (apiPath) => {
    const { token } = await (await fetch('/session/kaohe-token')).json() as { token: string };
    const response = await fetch(`/kaohe-api/api/v1${apiPath}`, { headers: { authorization: `Bearer ${token}` } });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) as unknown : undefined };
  }, path);
}

const taskIds = (body: unknown): string[] => (body as { items: Array<{ appraisal: { id: string } }> }).items.map((item) => item.appraisal.id).sort();

test('npm start: the sign-in page lists the seeded company; two people in two contexts each see only their own', { timeout: 600_000 }, async () => {
  // buildDirectory: 15 named people + 5 regions × (1 manager + 5 salespeople) + 6 field service + 4 shop = 55
  const signInPage = await (await fetch(new URL('/signin', intranet.url))).text();
  assert.equal(signInPage.match(/name="person"/g)?.length, 55);
  // 40 appraised people's October + 7 salespeople × 11 months of history = 117 appraisals written through the server
  assert.equal(intranet.seeded, 117);

  const manager = await signInAs('RM1');
  const planner = await signInAs('P02');
  try {
    assert.match(await manager.page.$eval('[data-signed-in]', (node) => node.textContent ?? ''), /已登入：.+/);
    assert.ok(!(await manager.page.$('#user-switch')), 'in server mode the page has no identity switch');
    const managerName = await manager.page.$eval('[data-signed-in] strong', (node) => node.textContent);
    const plannerName = await planner.page.$eval('[data-signed-in] strong', (node) => node.textContent);
    assert.equal(plannerName, '沈計劃員');
    assert.notEqual(managerName, plannerName);

    // The token each page gets is its own person's, short-lived: sub = the directory id, exp − iat = 300 s.
    const claims = await planner.page.evaluate(async () => {
      const { token } = await (await fetch('/session/kaohe-token')).json() as { token: string };
      return JSON.parse(atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as { sub: string; iat: number; exp: number };
    });
    assert.equal(claims.sub, 'P02');
    assert.equal(claims.exp - claims.iat, 300);

    // The seed's scenarios (demo/src/seed.ts): RM1's salespeople SP11 (open) and SP12 (a draft of RM1's);
    // the four salespeople left "scored" (scenarios 2, 10, 16, 23: SP13, SP31, SP42, SP54) wait for P02's summary.
    assert.deepEqual(taskIds((await asPage(manager, '/tasks')).body), ['2026-10:SP11', '2026-10:SP12']);
    assert.deepEqual(taskIds((await asPage(planner, '/tasks')).body), ['2026-10:SP13', '2026-10:SP31', '2026-10:SP42', '2026-10:SP54']);
    // Another region's salesperson, and RM1's own appraisal before it is published, are not RM1's to read;
    // a regional manager's appraisal (W-RM) is not the planner's. 404, as for an id that does not exist.
    assert.equal((await asPage(manager, '/appraisals/2026-10:SP12')).status, 200);
    assert.equal((await asPage(manager, '/appraisals/2026-10:SP21')).status, 404);
    assert.equal((await asPage(manager, '/appraisals/2026-10:RM1')).status, 404);
    assert.equal((await asPage(planner, '/appraisals/2026-10:RM2')).status, 404);

    // What each context received under /kaohe-api: its own person's token answers, nothing of the other's work.
    for (const [signed, forbidden] of [[planner, ['2026-10:RM2']], [manager, ['2026-10:SP21', '2026-10:RM1']]] as const) {
      assert.ok(signed.api.length > 0, 'the page talked to the Kaohe server through /kaohe-api');
      for (const response of signed.api) {
        for (const text of forbidden) assert.ok(!response.body.includes(text), `${response.path} sent ${text}`);
      }
    }
    // Without a token the server answers nobody.
    assert.equal((await fetch(new URL('/kaohe-api/api/v1/tasks', intranet.url))).status, 401);
    for (const signed of [manager, planner]) assert.deepEqual(signed.console.filter((line) => /Content Security Policy|Refused to/i.test(line)), []);
  } finally {
    await manager.context.close();
    await planner.context.close();
  }
});

test('the Kaohe server stopped: /kaohe-api answers 503 and the intranet still serves; started again on the same data', { timeout: 300_000 }, async () => {
  await intranet.stopKaohe();
  assert.equal((await fetch(new URL('/kaohe-api/api/v1/health', intranet.url))).status, 503);
  assert.equal((await fetch(new URL('/signin', intranet.url))).status, 200);
  await intranet.startKaohe();
  const health = await fetch(new URL('/kaohe-api/api/v1/health', intranet.url));
  assert.equal(health.status, 200);
  const planner = await signInAs('P02');
  try {
    assert.deepEqual(taskIds((await asPage(planner, '/tasks')).body), ['2026-10:SP13', '2026-10:SP31', '2026-10:SP42', '2026-10:SP54']);
  } finally {
    await planner.context.close();
  }
});

test('"Reset demo data" puts the month back as seeded, through the Kaohe server', { timeout: 600_000 }, async () => {
  const planner = await signInAs('P02');
  try {
    // P02 summarises SP13 (W-SP's summarise step is a submit); it leaves P02's tasks.
    const done = await planner.page.evaluate(async () => {
      const { token } = await (await fetch('/session/kaohe-token')).json() as { token: string };
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const view = await (await fetch('/kaohe-api/api/v1/appraisals/2026-10:SP13', { headers })).json() as { revision: number };
      const response = await fetch('/kaohe-api/api/v1/appraisals/2026-10:SP13/actions', { method: 'POST', headers, body: JSON.stringify({ action: { type: 'step.submit' }, expectedRevision: view.revision }) });
      return response.status;
    });
    assert.equal(done, 200);
    assert.deepEqual(taskIds((await asPage(planner, '/tasks')).body), ['2026-10:SP31', '2026-10:SP42', '2026-10:SP54']);

    const reset = await planner.page.$('#reset');
    assert.ok(reset);
    const [answer] = await Promise.all([
      planner.page.waitForResponse((response) => response.url().endsWith('/session/reset-demo'), { timeout: 540_000 }),
      reset.click(),
    ]);
    // (the page reloads as soon as the answer comes, so its body is not read here: the intranet says what it wrote)
    assert.equal(answer.status(), 200);
    assert.equal(intranet.seeded, 117);
    await planner.page.goto(intranet.url, { waitUntil: 'load' });
    await planner.page.waitForSelector('[data-signed-in="P02"]', { timeout: 30_000 });
    assert.deepEqual(taskIds((await asPage(planner, '/tasks')).body), ['2026-10:SP13', '2026-10:SP31', '2026-10:SP42', '2026-10:SP54']);
  } finally {
    await planner.context.close();
  }
});
