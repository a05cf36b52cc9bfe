// Issue 16: what an assessor types in the inbox's detail pane stays there. Every value here is typed
// with the keyboard or clicked with the pointer in the demo intranet (real Chromium, its strict CSP),
// then the page is reloaded, the task reopened and submitted, and the stored record and the next
// reviewer's inbox are checked. Expected scores are worked out by hand from rules.md.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ElementHandle, Page } from 'puppeteer-core';
import { startServer } from '../../demo/serve.mjs';
import { buildBundles, launch, root, watchedPage, type Launched } from './browser.ts';

let url: string;
let closeServer: () => Promise<void>;
let launched: Launched;

before(async () => {
  buildBundles();
  execFileSync(process.execPath, [join(root, 'demo', 'build.mjs')], { stdio: 'ignore' });
  const { server, url: address } = await startServer({ port: 0 });
  url = address;
  closeServer = () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  };
  launched = await launch();
});

after(async () => {
  await launched?.close();
  await closeServer?.();
});

const INBOX = 'kaohe-inbox';
const PANE_FORM = `${INBOX} >>> kaohe-rubric-form`;

/** Signs in as `user` (the demo's switch keeps it in localStorage) and opens `hash` once Kaohe is configured. */
async function signIn(page: Page, user: string, hash: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate((id) => localStorage.setItem('kaohe-demo:user', id), user);
  await page.goto(new URL(hash, url).href, { waitUntil: 'load' });
  await page.reload({ waitUntil: 'load' });
  await page.waitForFunction(() => document.getElementById('status') === null, { timeout: 60_000 });
}

async function one(page: Page, selector: string): Promise<ElementHandle<Element>> {
  const handle = await page.waitForSelector(selector, { timeout: 15_000 });
  assert.ok(handle, `nothing matches ${selector}`);
  return handle;
}

/** Clicks the task's row with the pointer and presses Enter, as a reviewer opens it. */
async function openTask(page: Page, id: string): Promise<void> {
  const row = await one(page, `${INBOX} >>> [role="row"][data-id="${id}"]`);
  await row.click();
  await page.keyboard.press('Enter');
  await one(page, `${PANE_FORM} >>> [data-total="monthly"]`);
}

/** Clicks into a field (selected inside the pane's form) and types, as a person does. */
async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  const field = await one(page, `${PANE_FORM} >>> ${selector}`);
  await field.click();
  await page.keyboard.type(text);
}

async function clickIn(page: Page, selector: string): Promise<void> {
  await (await one(page, `${PANE_FORM} >>> ${selector}`)).click();
}

const valueOf = (page: Page, selector: string) =>
  one(page, `${PANE_FORM} >>> ${selector}`).then((field) => field.evaluate((node) => (node as HTMLInputElement).value));
const textOf = (page: Page, selector: string) =>
  one(page, selector).then((node) => node.evaluate((element) => element.textContent?.trim() ?? ''));

/** The form's monthly total, once it shows `expected` (or what it shows after 5 s). */
async function monthlyShown(page: Page, expected: string): Promise<string> {
  const selector = `${PANE_FORM} >>> [data-total="monthly"]`;
  await page.waitForFunction((want) => {
    const form = document.querySelector('kaohe-inbox')?.shadowRoot?.querySelector('kaohe-rubric-form');
    return form?.shadowRoot?.querySelector('[data-total="monthly"]')?.textContent?.trim() === want;
  }, { timeout: 5_000 }, expected).catch(() => undefined);
  return textOf(page, selector);
}

/** The person's draft as the store holds it, once the autosave has written `entryCount` entries. */
async function draftEntries(page: Page, appraisalId: string, userId: string, entryCount: number): Promise<unknown> {
  await page.waitForFunction(async (id, user, count) => {
    const draft = await window.Kaohe.context?.store.loadDraft(id, user);
    return draft !== undefined && Object.keys(draft.entries).length === count;
  }, { timeout: 5_000, polling: 100 }, appraisalId, userId, entryCount).catch(() => undefined);
  return page.evaluate(async (id, user) => (await window.Kaohe.context?.store.loadDraft(id, user))?.entries, appraisalId, userId);
}

const stored = (page: Page, id: string) =>
  page.evaluate(async (appraisalId) => {
    const record = await window.Kaohe.context?.store.getAppraisal(appraisalId);
    return record && { step: record.step, revision: record.revision, entries: record.sheet.entries, attendance: record.sheet.attendance };
  }, id);

describe('issue 16: the inbox pane keeps what an assessor types', () => {
  test('R-SP: a regional manager types, steps and scores in the pane; the draft survives a reload; submit sends exactly what is shown; sales planning sees it', async () => {
    const { page, errors } = await watchedPage(launched.browser);
    const id = '2026-10:SP11';
    await signIn(page, 'RM1', '#tasks');
    await openTask(page, id);
    // As stored: no deductions and SP-Q (an award) not yet given: work 30 + 40 + 25 = 95.00, monthly 95 × 0.7 + 100 × 0.3 = 96.50.
    assert.equal(await monthlyShown(page, '96.50'), '96.50');

    await typeInto(page, '[data-item="SP-D1"] input[type="number"]', '3');
    assert.equal(await valueOf(page, '[data-item="SP-D1"] input[type="number"]'), '3');
    // SP-D1: 3 × 5 = 15 off the dealer section's 30 → work 80.00, monthly 80 × 0.7 + 30 = 86.00.
    assert.equal(await monthlyShown(page, '86.00'), '86.00');

    await clickIn(page, '[data-item="SP-D2"] button[aria-label*="SP-D2"]:last-of-type');
    await clickIn(page, '[data-item="SP-D2"] button[aria-label*="SP-D2"]:last-of-type');
    assert.equal(await valueOf(page, '[data-item="SP-D2"] input[type="number"]'), '2');
    await clickIn(page, '[data-item="SP-D1"] button[aria-label*="SP-D1"]:first-of-type');
    assert.equal(await valueOf(page, '[data-item="SP-D1"] input[type="number"]'), '2');
    // SP-W3 (threshold): one missed visit, −3 of 10.
    await typeInto(page, '[data-item="SP-W3"] input[type="number"]', '1');
    // SP-Q (award): 4 of 5.
    await typeInto(page, '[data-item="SP-Q"] input[type="number"]', '4');
    // dealer 30 − (2 + 2) × 5 = 10; weekly 40 − 3 = 37; reports 5 + 4 + 5 + 5 + 5 + 5 = 29;
    // work 10 + 37 + 29 = 76.00; monthly 76 × 0.7 + 100 × 0.3 = 53.20 + 30 = 83.20.
    assert.equal(await monthlyShown(page, '83.20'), '83.20');
    assert.equal(await textOf(page, `${PANE_FORM} >>> [data-total="work"]`), '76.00');

    const typed = { 'SP-D1': { count: 2 }, 'SP-D2': { count: 2 }, 'SP-W3': { count: 1 }, 'SP-Q': { points: '4' } };
    assert.deepEqual(await draftEntries(page, id, 'RM1', 4), typed);

    // A reload, and the task opened again: the draft is back on screen.
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => document.getElementById('status') === null, { timeout: 60_000 });
    await openTask(page, id);
    assert.equal(await monthlyShown(page, '83.20'), '83.20');
    assert.equal(await valueOf(page, '[data-item="SP-D1"] input[type="number"]'), '2');
    assert.equal(await valueOf(page, '[data-item="SP-D2"] input[type="number"]'), '2');
    assert.equal(await valueOf(page, '[data-item="SP-W3"] input[type="number"]'), '1');
    assert.equal(await valueOf(page, '[data-item="SP-Q"] input[type="number"]'), '4');

    // The approve comment is typed too, and the submit is a click on the pane's button.
    const comment = await one(page, `${INBOX} >>> #approve-comment`);
    await comment.click();
    await page.keyboard.type('經銷商資料缺兩份');
    await (await one(page, `${INBOX} >>> .actions button.primary`)).click();
    await page.waitForFunction(async (appraisalId) => (await window.Kaohe.context?.store.getAppraisal(appraisalId))?.step === 'summarise',
      { timeout: 10_000, polling: 100 }, id);
    const after = await stored(page, id);
    assert.deepEqual(after?.entries, typed);
    const history = await page.evaluate(async (appraisalId) => (await window.Kaohe.context?.store.listAudit(appraisalId))?.at(-1)?.comment, id);
    assert.equal(history, '經銷商資料缺兩份');

    // Sales planning's inbox has the task with the submitted score.
    await signIn(page, 'P02', '#tasks');
    const row = await one(page, `${INBOX} >>> [role="row"][data-id="${id}"]`);
    assert.match(await row.evaluate((node) => node.textContent ?? ''), /83\.20/);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
