// What the server-mode e2e tests share: the demo intranet as `npm start` runs it (its backend and the
// Kaohe server in one process, a fresh data directory), a browser context per person that shares no
// storage with the others, signed in by clicking their name on the sign-in page, and every /kaohe-api
// answer that context received, kept to be searched for what it may not see.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, ElementHandle, HTTPResponse, Page } from 'puppeteer-core';
import { startIntranet, type Intranet } from '../../demo/server/intranet.ts';
import { buildBundles, launch, root, type Launched } from './browser.ts';

export interface DemoServer {
  intranet: Intranet;
  launched: Launched;
  close(): Promise<void>;
}

/** Builds the bundles and the demo, starts the demo intranet on a fresh data directory (seeded through the server), launches Chromium. */
export async function startDemoServer(): Promise<DemoServer> {
  buildBundles();
  execFileSync(process.execPath, [join(root, 'demo', 'build.mjs')], { stdio: 'inherit' });
  const dataDir = mkdtempSync(join(tmpdir(), 'kaohe-demo-data-'));
  const intranet = await startIntranet({ port: 0, dataDir });
  const launched = await launch();
  return {
    intranet,
    launched,
    async close() {
      await launched.close();
      await intranet.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Signed {
  personId: string;
  context: BrowserContext;
  page: Page;
  /** every /kaohe-api response this context received: its path and its body as text */
  api: Array<{ path: string; status: number; body: string }>;
  errors: string[];
  console: string[];
  /** waits until every response body seen so far has been read */
  settled(): Promise<void>;
}

/** A context of its own (an incognito context: no cookies, storage or IndexedDB shared), signed in by clicking the person on the sign-in page. */
export async function signInAs(demo: DemoServer, personId: string, hash = ''): Promise<Signed> {
  const context = await demo.launched.browser.createBrowserContext();
  const page = await context.newPage();
  const pending: Array<Promise<void>> = [];
  const signed: Signed = {
    personId, context, page, api: [], errors: [], console: [],
    settled: async () => { await Promise.all(pending); },
  };
  page.on('pageerror', (error) => signed.errors.push(error instanceof Error ? error.message : String(error)));
  page.on('console', (message) => signed.console.push(`${message.type()}: ${message.text()}`));
  page.on('response', (response: HTTPResponse) => {
    const path = new URL(response.url()).pathname;
    if (!path.startsWith('/kaohe-api/')) return;
    // The live stream never ends: its notices carry ids and revisions only, and are not read here.
    if (path.endsWith('/events')) return;
    pending.push(response.text().then((body) => { signed.api.push({ path, status: response.status(), body }); }, () => undefined));
  });
  await page.goto(demo.intranet.url, { waitUntil: 'load' });
  assert.equal(new URL(page.url()).pathname, '/signin', 'a visitor who has not signed in is sent to the sign-in page');
  const button = await page.$(`button[name="person"][value="${personId}"]`);
  assert.ok(button, `the sign-in page lists ${personId}`);
  await button.scrollIntoView();
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
  await page.waitForSelector(`[data-signed-in="${personId}"]`, { timeout: 60_000 });
  if (hash) await goTo(signed, hash);
  return signed;
}

/** Goes to a page of the demo by its menu hash (#tasks, #score/<id> …) without a reload. */
export async function goTo(signed: Signed, hash: string): Promise<void> {
  await signed.page.evaluate((target) => { location.hash = target; }, hash);
}

/** What the Kaohe server answers this context's person at `path` (through the proxy, with the token the intranet signs for them). */
export async function asPerson(signed: Signed, path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: unknown }> {
  return signed.page.evaluate(async (apiPath, method, body) => {
    const { token } = await (await fetch('/session/kaohe-token')).json() as { token: string };
    const response = await fetch(`/kaohe-api/api/v1${apiPath}`, {
      method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try { parsed = text ? JSON.parse(text) as unknown : undefined; } catch { /* not JSON */ }
    return { status: response.status, body: parsed };
  }, path, init.method ?? 'GET', init.body);
}

/** Polls `read` until `done` holds (or `ms` pass), returning the last value read. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms: number): Promise<T> {
  const end = Date.now() + ms;
  let value = await read();
  while (!done(value) && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    value = await read();
  }
  return value;
}

/**
 * Scrolls the element into view and lets two frames pass before the pointer goes there: the form and
 * the inbox lay out rows off screen only as they come near (content-visibility: auto).
 */
export async function inView(page: Page, handle: ElementHandle<Element>): Promise<ElementHandle<Element>> {
  await handle.scrollIntoView();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return handle;
}

/**
 * The element the selector names, once there. Asked again every 100 ms: puppeteer's waitForSelector re-checks
 * a `>>>` selector on changes to the document, and a row drawn inside an element's shadow root changes none,
 * so on a page that no longer redraws its own content (the demo keeps its elements across a language switch)
 * it waited out its timeout with the row on screen.
 */
export async function one(page: Page, selector: string, timeout = 15_000): Promise<ElementHandle<Element>> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const handle = await page.$(selector);
    if (handle) return handle;
    if (Date.now() > deadline) return assert.fail(`nothing matches ${selector} after ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Clicks into a field with the pointer and types, as a person does. */
export async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  const field = await inView(page, await one(page, selector));
  await field.click();
  await page.keyboard.type(text);
}

export async function clickOn(page: Page, selector: string): Promise<void> {
  await (await inView(page, await one(page, selector))).click();
}

export const textOf = (page: Page, selector: string): Promise<string> =>
  one(page, selector).then((node) => node.evaluate((element) => element.textContent?.trim() ?? ''));

export const valueOf = (page: Page, selector: string): Promise<string> =>
  one(page, selector).then((node) => node.evaluate((element) => (element as HTMLInputElement).value));
