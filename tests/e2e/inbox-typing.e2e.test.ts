// Issue 16: what an assessor types in the inbox's detail pane stays there. Every value here is typed
// with the keyboard or clicked with the pointer in the demo intranet (real Chromium, its strict CSP),
// then the page is reloaded, the task reopened and submitted, and the stored record and the next
// reviewer's inbox are checked. Expected scores are worked out by hand from rules.md.
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { after, before, describe, test } from 'node:test';
import type { ElementHandle, Page } from 'puppeteer-core';
import { startDemo, watchedPage, type Launched } from './browser.ts';

let url: string;
let launched: Launched;
let demo: Awaited<ReturnType<typeof startDemo>> | undefined;

before(async () => {
  demo = await startDemo();
  ({ url, launched } = demo);
});

after(async () => {
  await demo?.close();
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

/**
 * The first element matching `selector` (`>>>` pierces shadow roots), asked again every 100 ms for up to
 * 15 s. Not waitForSelector: it re-checks on the document's mutations, which do not include what happens
 * inside shadow roots, so rows the inbox renders after its module has arrived (issue 14: the element is
 * defined only then) could be missed until the timeout.
 */
async function one(page: Page, selector: string): Promise<ElementHandle<Element>> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const handle = await page.$(selector);
    if (handle) return handle;
    assert.ok(Date.now() < deadline, `nothing matches ${selector}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Scrolls the element into view and lets two frames pass before the pointer goes there: the form lays
 * out items off screen only as they come near (content-visibility: auto), as a person's eye would wait.
 */
async function inView(page: Page, handle: ElementHandle<Element>): Promise<ElementHandle<Element>> {
  await handle.scrollIntoView();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return handle;
}

/** Clicks the task's row with the pointer and presses Enter, as a reviewer opens it. */
async function openTask(page: Page, id: string): Promise<void> {
  const row = await one(page, `${INBOX} >>> [role="row"][data-id="${id}"]`);
  await row.click();
  await page.keyboard.press('Enter');
  await one(page, `${PANE_FORM} >>> [data-item]`);
}

/** Clicks into a field (selected inside the pane's form) and types, as a person does. */
async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  const field = await inView(page, await one(page, `${PANE_FORM} >>> ${selector}`));
  await field.click();
  await page.keyboard.type(text);
}

async function clickIn(page: Page, selector: string): Promise<void> {
  await (await inView(page, await one(page, `${PANE_FORM} >>> ${selector}`))).click();
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

/** The person's draft entries as the store holds them, once the autosave has written `expected` (or after 5 s). */
async function draftEntries(page: Page, appraisalId: string, userId: string, expected: unknown): Promise<unknown> {
  const read = () => page.evaluate(async (id, user) => (await window.Kaohe.context?.store.loadDraft(id, user))?.entries, appraisalId, userId);
  const until = Date.now() + 5_000;
  let entries = await read();
  while (!isDeepStrictEqual(entries, expected) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    entries = await read();
  }
  return entries;
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
    // As stored: no deductions and SP-Q (an award) not yet given, and no absent days yet (the regional
    // manager records them): no monthly score until they are typed (C-1).
    assert.notEqual(await textOf(page, `${PANE_FORM} >>> [data-total="monthly"]`), '96.50', 'no monthly score without the absent days');
    await typeInto(page, '#absent-days', '0');
    // No day absent: attendance 100; work 30 + 40 + 25 = 95.00, monthly 95 × 0.7 + 100 × 0.3 = 96.50.
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
    assert.deepEqual(await draftEntries(page, id, 'RM1', typed), typed);

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

  test('R-FS: the field-management group chooses levels, a ranged case and its reason in the pane; after a reload all of it is back; its submit reaches the next group', async () => {
    const { page, errors } = await watchedPage(launched.browser);
    const id = '2026-10:FS1';
    await signIn(page, 'FM1', '#tasks');
    await openTask(page, id);
    // An assessing group reads only its own items (issue 11's view), so it is shown no total before publication.
    assert.equal(await page.$(`${PANE_FORM} >>> [data-total="monthly"]`), null);
    assert.equal(await page.$(`${PANE_FORM} >>> [data-item="FS-5"]`), null, 'the correspondence group\'s FS-5 is not shown to field management');

    // FS-1 "needs others' help" (−4 … −10): 6, with a reason (O-8).
    await clickIn(page, '[data-item="FS-1"] input[type="radio"][value="needsHelp"]');
    await typeInto(page, '[data-item="FS-1"] input[id$="-amount"]', '6');
    await typeInto(page, '[data-item="FS-1"] input[id$="-reason"]', '需同事協助完成保養');
    // FS-6 complete (0 off); FS-8 "held but weak" (−1 … −3): 2, with a reason.
    await clickIn(page, '[data-item="FS-6"] input[type="radio"][value="complete"]');
    await clickIn(page, '[data-item="FS-8"] input[type="radio"][value="weak"]');
    await typeInto(page, '[data-item="FS-8"] input[id$="-amount"]', '2');
    await typeInto(page, '[data-item="FS-8"] input[id$="-reason"]', '活動參與人數少');
    // FS-2: a deduction added with the pointer, its case chosen with the keyboard (unreachable → harm), 3 with a reason.
    await clickIn(page, '[data-item="FS-2"] button[part="add-deduction"]');
    const option = await one(page, `${PANE_FORM} >>> [data-item="FS-2"] select`);
    await option.focus();
    await page.keyboard.press('ArrowDown');
    const amount = await inView(page, await one(page, `${PANE_FORM} >>> [data-item="FS-2"] input[id$="-amount"]`));
    await amount.click({ count: 3 });
    await page.keyboard.type('3');
    await typeInto(page, '[data-item="FS-2"] input[id$="-reason"]', '延誤維修');
    const typed = {
      'FS-1': { level: 'needsHelp', amount: '6', reason: '需同事協助完成保養' },
      'FS-2': { deductions: [{ option: 'harm', amount: '3', reason: '延誤維修' }] },
      'FS-6': { level: 'complete' },
      'FS-8': { level: 'weak', amount: '2', reason: '活動參與人數少' },
    };
    assert.deepEqual(await draftEntries(page, id, 'FM1', typed), typed);

    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => document.getElementById('status') === null, { timeout: 60_000 });
    await openTask(page, id);
    assert.equal(await valueOf(page, '[data-item="FS-1"] input[id$="-amount"]'), '6');
    assert.equal(await valueOf(page, '[data-item="FS-1"] input[id$="-reason"]'), '需同事協助完成保養');
    assert.equal(await valueOf(page, '[data-item="FS-2"] select'), 'harm');
    assert.equal(await valueOf(page, '[data-item="FS-2"] input[id$="-amount"]'), '3');
    assert.equal(await (await one(page, `${PANE_FORM} >>> [data-item="FS-8"] input[value="weak"]`)).evaluate((node) => (node as HTMLInputElement).checked), true);

    await (await one(page, `${INBOX} >>> .actions button.primary`)).click();
    await page.waitForFunction(async (appraisalId) => {
      const record = await window.Kaohe.context?.store.getAppraisal(appraisalId);
      return (record?.workflow as { groupsDone?: string[] } | undefined)?.groupsDone?.includes('fieldManagement') ?? false;
    }, { timeout: 10_000, polling: 100 }, id);
    assert.deepEqual((await stored(page, id))?.entries, typed);

    // The correspondence group still has the task (FS-5 is theirs), and sees the field-management items FS-1 … not.
    await signIn(page, 'CO1', '#tasks');
    await openTask(page, id);
    assert.equal(await page.$(`${PANE_FORM} >>> [data-item="FS-1"]`), null);
    assert.ok(await page.$(`${PANE_FORM} >>> [data-item="FS-5"]`));
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the return comment: HR types it, picks the step with the keyboard and returns; the chain and the history carry exactly that', async () => {
    const { page, errors } = await watchedPage(launched.browser);
    const id = '2026-10:SP15';
    await signIn(page, 'H01', '#tasks');
    await openTask(page, id);
    const to = await one(page, `${INBOX} >>> #return-to`);
    await to.focus();
    // W-SP's second review returns to score, summarise or firstReview; one step down is "summarise".
    await page.keyboard.press('ArrowDown');
    const comment = await one(page, `${INBOX} >>> #return-comment`);
    await comment.click();
    await page.keyboard.type('請補充 SP-W3 的走訪記錄 <b>三份</b>');
    await (await one(page, `${INBOX} >>> button[data-action="step.return"]`)).click();
    await page.waitForFunction(async (appraisalId) => (await window.Kaohe.context?.store.getAppraisal(appraisalId))?.step === 'summarise',
      { timeout: 10_000, polling: 100 }, id);
    const last = await page.evaluate(async (appraisalId) => (await window.Kaohe.context?.store.listAudit(appraisalId))?.at(-1), id);
    assert.equal(last?.action, 'step.return');
    assert.equal(last?.comment, '請補充 SP-W3 的走訪記錄 <b>三份</b>');
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe('issue 16: the demo\'s other pages keep what a person types', () => {
  test('the rubric form on its own (#score): typed and stepped, restored after a reload, resubmitted as shown', async () => {
    const { page, errors } = await watchedPage(launched.browser);
    const id = '2026-10:SP23';
    await signIn(page, 'RM2', `#score/${encodeURIComponent(id)}`);
    const form = 'kaohe-rubric-form';
    const monthly = () => textOf(page, `${form} >>> [data-total="monthly"]`);
    await one(page, `${form} >>> [data-total="monthly"]`);
    // Returned by the VP with D1 1, D4 1, D6 2 and SP-Q 2: dealer 30 − 20 = 10; weekly 40; reports 27;
    // work 77.00, monthly 77 × 0.7 + 30 = 83.90.
    assert.equal(await monthly(), '83.90');
    await (await inView(page, await one(page, `${form} >>> [data-item="SP-W3"] input[type="number"]`))).click({ count: 3 });
    await page.keyboard.type('2');
    await (await inView(page, await one(page, `${form} >>> [data-item="SP-D6"] button[aria-label*="SP-D6"]:first-of-type`))).click();
    // SP-W3 two misses → 0 (threshold); D6 2 → 1: dealer 30 − 15 = 15; weekly 30; reports 27; work 72.00, monthly 50.40 + 30 = 80.40.
    await page.waitForFunction(() => document.querySelector('kaohe-rubric-form')?.shadowRoot?.querySelector('[data-total="monthly"]')?.textContent?.trim() === '80.40', { timeout: 5_000 }).catch(() => undefined);
    assert.equal(await monthly(), '80.40');
    await page.waitForFunction(async (appraisalId) => (await window.Kaohe.context?.store.loadDraft(appraisalId, 'RM2'))?.entries['SP-W3']?.count === 2,
      { timeout: 5_000, polling: 100 }, id);

    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => document.getElementById('status') === null, { timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('kaohe-rubric-form')?.shadowRoot?.querySelector('[data-total="monthly"]')?.textContent?.trim() === '80.40', { timeout: 5_000 }).catch(() => undefined);
    assert.equal(await monthly(), '80.40');
    assert.equal(await (await one(page, `${form} >>> [data-item="SP-D6"] input[type="number"]`)).evaluate((node) => (node as HTMLInputElement).value), '1');

    await (await inView(page, await one(page, `${form} >>> button[part="submit"]`))).click();
    // A resubmission goes straight back to the step that returned it (the VP's first review).
    await page.waitForFunction(async (appraisalId) => (await window.Kaohe.context?.store.getAppraisal(appraisalId))?.step === 'firstReview',
      { timeout: 10_000, polling: 100 }, id);
    const entries = (await stored(page, id))?.entries as Record<string, unknown>;
    assert.deepEqual(entries['SP-W3'], { count: 2 });
    assert.deepEqual(entries['SP-D6'], { count: 1 });
    assert.deepEqual(entries['SP-D1'], { count: 1 });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the appeal reason survives a change of language, and the appeal carries it', async () => {
    const { page, errors } = await watchedPage(launched.browser);
    const id = '2026-10:SP22';
    await signIn(page, 'SP22', '#score');
    const reason = await one(page, 'main .actions textarea');
    await reason.click();
    await page.keyboard.type('SP-Q 的評分與月報不符');
    // The demo re-renders its page in the new language; what was typed must still be there.
    await (await one(page, '[data-locale="en"]')).click();
    await page.waitForFunction(() => document.querySelector('main h1')?.textContent?.includes('Score') ?? false, { timeout: 5_000 }).catch(() => undefined);
    const again = await one(page, 'main .actions textarea');
    assert.equal(await again.evaluate((node) => (node as HTMLTextAreaElement).value), 'SP-Q 的評分與月報不符');
    const appeal = await page.evaluateHandle(() => [...document.querySelectorAll('main .actions button')].find((b) => b.textContent === 'Appeal'));
    await (appeal as ElementHandle<HTMLButtonElement>).click();
    await page.waitForFunction(async (appraisalId) => (await window.Kaohe.context?.store.getAppraisal(appraisalId))?.status === 'appealed',
      { timeout: 10_000, polling: 100 }, id);
    const last = await page.evaluate(async (appraisalId) => (await window.Kaohe.context?.store.listAudit(appraisalId))?.at(-1), id);
    assert.equal(last?.action, 'employee.appeal');
    assert.equal(last?.comment, 'SP-Q 的評分與月報不符');
    await (await one(page, '[data-locale="zh-Hant"]')).click();
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the form builder: fields typed by HR keep their text through a change of language', async () => {
    const { page, errors } = await watchedPage(launched.browser);
    await signIn(page, 'H01', '#builder');
    const builder = 'kaohe-form-builder';
    const perDay = await inView(page, await one(page, `${builder} >>> input[data-path="attendance.perAbsentDay"]`));
    await perDay.click({ count: 3 });
    await page.keyboard.type('5');
    const source = await inView(page, await one(page, `${builder} >>> input[data-path="source"]`));
    await source.click({ count: 3 });
    await page.keyboard.type('2026 年版');
    await (await one(page, '[data-locale="en"]')).click();
    await page.waitForFunction(() => document.querySelector('main h1')?.textContent?.includes('Rubric') ?? false, { timeout: 5_000 }).catch(() => undefined);
    const drafted = await page.evaluate(() => {
      const element = document.querySelector('kaohe-form-builder') as unknown as { draft: { source?: string; attendance?: { perAbsentDay?: string } } };
      return { source: element.draft.source, perAbsentDay: element.draft.attendance?.perAbsentDay };
    });
    assert.deepEqual(drafted, { source: '2026 年版', perAbsentDay: '5' });
    assert.equal(await (await one(page, `${builder} >>> input[data-path="attendance.perAbsentDay"]`)).evaluate((node) => (node as HTMLInputElement).value), '5');
    await (await one(page, '[data-locale="zh-Hant"]')).click();
    assert.deepEqual(errors, []);
    await page.close();
  });
});
