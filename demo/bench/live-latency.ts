// How long from one person's action to the other person's page showing it, over the demo as `npm start`
// runs it (a fresh data directory): two Chromium contexts that share no storage, RM1 (regional manager)
// and P02 (sales planning), each signed in through the sign-in page. 20 rounds: P02 returns SP13 to
// scoring (RM1's "My tasks" count goes up), RM1 resubmits it (P02's goes up). Each time is from just
// before the action's request leaves one page to the moment the other page's count changed (a
// MutationObserver in that page; both pages read the same machine clock). The count is the demo's
// menu badge, refreshed from GET /tasks/count on each live notice (the inbox element in server mode is
// not there yet). Prints the medians and the 90th percentiles.
//
//   node --import tsx demo/bench/live-latency.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { launch } from '../../tests/e2e/browser.ts';
import { startIntranet } from '../server/intranet.ts';

const ROUNDS = 20;
const dataDir = mkdtempSync(join(tmpdir(), 'kaohe-demo-bench-'));
const intranet = await startIntranet({ port: 0, dataDir });
const launched = await launch();

async function signIn(personId: string): Promise<Page> {
  const context = await launched.browser.createBrowserContext();
  const page = await context.newPage();
  await page.goto(intranet.url, { waitUntil: 'load' });
  const button = await page.$(`button[name="person"][value="${personId}"]`);
  if (!button) throw new Error(`${personId} is not on the sign-in page`);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
  await page.waitForSelector('#task-count[data-count]', { timeout: 60_000 });
  // Record when the count changes, in the page itself.
  await page.evaluate(() => {
    const badge = document.getElementById('task-count') as HTMLElement;
    const seen: Array<{ count: number; at: number }> = [];
    (window as unknown as { kaoheBenchSeen: typeof seen }).kaoheBenchSeen = seen;
    new MutationObserver(() => seen.push({ count: Number(badge.dataset['count']), at: Date.now() })).observe(badge, { attributes: true, childList: true, characterData: true, subtree: true });
  });
  return page;
}

const count = (page: Page): Promise<number> => page.$eval('#task-count', (node) => Number((node as HTMLElement).dataset['count']));

/** Sends `action` on SP13 from `page` as its person (the page's own token); returns when it left. */
async function act(page: Page, action: Record<string, unknown>): Promise<number> {
  return page.evaluate(async (body) => {
    const { token } = await (await fetch('/session/kaohe-token')).json() as { token: string };
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const view = await (await fetch('/kaohe-api/api/v1/appraisals/2026-10:SP13', { headers })).json() as { revision: number };
    const sentAt = Date.now();
    const response = await fetch('/kaohe-api/api/v1/appraisals/2026-10:SP13/actions', { method: 'POST', headers, body: JSON.stringify({ action: body, expectedRevision: view.revision }) });
    if (!response.ok) throw new Error(`${response.status}: ${await response.text()}`);
    return sentAt;
  }, action);
}

/** Waits until `page`'s count reaches `expected`; the time it changed to it. */
async function changedTo(page: Page, expected: number): Promise<number> {
  const handle = await page.waitForFunction((value) => (window as unknown as { kaoheBenchSeen: Array<{ count: number; at: number }> }).kaoheBenchSeen.find((entry) => entry.count === value)?.at, { timeout: 30_000, polling: 50 }, expected);
  const at = await handle.jsonValue() as number;
  await page.evaluate(() => { (window as unknown as { kaoheBenchSeen: unknown[] }).kaoheBenchSeen.length = 0; });
  return at;
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
};

try {
  const manager = await signIn('RM1');
  const planner = await signIn('P02');
  const toManager: number[] = [];
  const toPlanner: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const managerCount = await count(manager);
    const returned = await act(planner, { type: 'step.return', to: 'score', comment: `bench round ${round + 1}` });
    toManager.push((await changedTo(manager, managerCount + 1)) - returned);
    const plannerCount = await count(planner);
    const resubmitted = await act(manager, { type: 'step.resubmit' });
    toPlanner.push((await changedTo(planner, plannerCount + 1)) - resubmitted);
  }
  console.log(`RM1 resubmits → P02's count: median ${percentile(toPlanner, 50)} ms, p90 ${percentile(toPlanner, 90)} ms (${ROUNDS} rounds)`);
  console.log(`P02 returns → RM1's count:  median ${percentile(toManager, 50)} ms, p90 ${percentile(toManager, 90)} ms`);
  console.log(`all: ${JSON.stringify({ toPlanner, toManager })}`);
  console.log(`load average ${loadavg().map((value) => value.toFixed(1)).join(' ')} on ${cpus().length} cores`);
} finally {
  await launched.close();
  await intranet.close();
  rmSync(dataDir, { recursive: true, force: true });
}
