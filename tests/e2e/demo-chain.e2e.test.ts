// Issue 13: one month's work across machines, against the demo as `npm start` runs it (the intranet's
// backend, the Kaohe server behind its /kaohe-api proxy, the company seeded through the server's API).
// Every person is a browser context of their own (an incognito context: no cookies, storage or
// IndexedDB shared), signed in by clicking their name on the sign-in page, typing with the keyboard and
// clicking with the pointer:
//   RM1 (華北's regional manager) scores salesperson SP11 (R-SP, W-SP) on the score page and submits;
//   P02 (sales planning) has her inbox open: SP11's row appears there within 1 s, without a reload, and she
//     summarises it from the inbox's pane;
//   V01 (the sales VP) approves the first review, H01 (HR) the second and publishes;
//   SP11, signed in all along in a third context, finds no payslip before publication and the payslip with
//     the hand-computed figures after it.
// Each context keeps every /kaohe-api answer it received and is checked for what it may not see.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  clickOn, goTo, inView, one, signInAs, startDemoServer, textOf, typeInto, until, type DemoServer, type Signed,
} from './demo-session.ts';

let demo: DemoServer;

before(async () => {
  demo = await startDemoServer();
}, { timeout: 900_000 });

after(async () => {
  await demo?.close();
});

const ID = '2026-10:SP11';
const FORM = 'kaohe-rubric-form';
const INBOX = 'kaohe-inbox';
const ROW = `${INBOX} >>> [role="row"][data-id="${ID}"]`;

/** What kaohe-payslip says to a person who may not see the payslip (zh-Hant, the demo's language). */
const NOT_AVAILABLE = '此處沒有可顯示的工資單。考核結果公佈後，工資單才會向員工本人、人力資源部及該考核的審核人顯示。';
/**
 * The message the payslip shows instead of a payslip, once it is NOT_AVAILABLE (or what it shows after
 * 15 s): the same part says 正在讀取工資單… while the payslip is read, which must not count.
 */
const payslipRefusal = (signed: Signed): Promise<string> =>
  until(() => textOf(signed.page, 'kaohe-payslip >>> [part="refused"]').catch(() => ''), (text) => text === NOT_AVAILABLE, 15_000);

/** The monthly total the score page's form shows, once it is `expected` (or what it shows after 5 s). */
async function monthlyShown(signed: Signed, expected: string): Promise<string> {
  return until(() => textOf(signed.page, `${FORM} >>> [data-total="monthly"]`), (text) => text === expected, 5_000);
}

/** Clicks the score page's button named `name` (批准, 發布結果 …) with the pointer and waits for the page to say it was done. */
async function clickAction(signed: Signed, name: string): Promise<void> {
  const buttons = await signed.page.$$('#content .actions button');
  let target;
  for (const button of buttons) if ((await button.evaluate((node) => node.textContent?.trim())) === name) target = button;
  assert.ok(target, `the score page offers ${name}`);
  await (await inView(signed.page, target)).click();
  await signed.page.waitForSelector('#content .notice.ok', { timeout: 15_000 });
}

/** Every /kaohe-api answer the context received, checked for `forbidden`. */
async function neverReceived(signed: Signed, forbidden: RegExp, what: string): Promise<void> {
  await signed.settled();
  assert.ok(signed.api.length > 0, `${signed.personId}'s page talked to the Kaohe server`);
  for (const response of signed.api) {
    const found = forbidden.exec(response.body);
    assert.equal(found, null, `${signed.personId} received ${what} (${found?.[0]}) in ${response.path}`);
  }
}

test('RM1 scores SP11 and submits; P02 sees it live and summarises; V01 and HR complete the chain and publish; SP11 sees the payslip', { timeout: 900_000 }, async () => {
  const employee = await signInAs(demo, 'SP11', '#payslip');
  const planner = await signInAs(demo, 'P02', '#tasks');
  const manager = await signInAs(demo, 'RM1', `#score/${encodeURIComponent(ID)}`);
  const others: Signed[] = [];
  try {
    // Before anything: the employee's own appraisal is not published, so there is no payslip to show.
    assert.equal(await payslipRefusal(employee), NOT_AVAILABLE);
    // The planner's inbox is on screen and SP11 is not in it (RM1 has not scored it yet).
    await one(planner.page, `${INBOX} >>> [role="row"]`, 30_000);
    assert.equal(await planner.page.$(ROW), null);

    // RM1 types the month's sheet for SP11 (stored: no deductions, SP-Q not yet given, and no absent days
    // yet: the regional manager records them; no day absent → monthly 96.50).
    const { page } = manager;
    await typeInto(page, `${FORM} >>> #absent-days`, '0');
    assert.equal(await monthlyShown(manager, '96.50'), '96.50');
    // SP-D1: two late dealer terminal reports; SP-W3: one missing key-customer visit record; SP-Q: 4 of 5.
    await typeInto(page, `${FORM} >>> [data-item="SP-D1"] input[type="number"]`, '2');
    await typeInto(page, `${FORM} >>> [data-item="SP-W3"] input[type="number"]`, '1');
    await typeInto(page, `${FORM} >>> [data-item="SP-Q"] input[type="number"]`, '4');
    // Worked out by hand (rules.md): dealer management 30 − SP-D1 2 × 5 = 20; weekly report 40 − SP-W3 3 = 37;
    // SP-M 5 + SP-Q 4 + SP-A 5 + SP-P 5 + SP-E 5 + SP-V 5 = 29 → daily work 20 + 37 + 29 = 86.00;
    // attendance (C-2) no day absent = 100; monthly (C-1) 86 × 70% + 100 × 30% = 60.20 + 30 = 90.20.
    assert.equal(await monthlyShown(manager, '90.20'), '90.20');
    assert.equal(await textOf(page, `${FORM} >>> [data-total="work"]`), '86.00');

    // Submit: the time runs from the click to the row in the planner's inbox, which she has not reloaded.
    const clicked = Date.now();
    await clickOn(page, `${FORM} >>> #submit`);
    await planner.page.waitForSelector(ROW, { timeout: 10_000 });
    const liveMs = Date.now() - clicked;
    assert.ok(liveMs < 1000, `SP11 reached the planner's inbox ${liveMs} ms after RM1's submit (at most 1 s)`);
    await page.waitForSelector('#content .notice.ok', { timeout: 15_000 });

    // P02 opens the row with the pointer and Enter, and summarises it from the pane (W-SP's summarise is a submit).
    await (await inView(planner.page, await one(planner.page, ROW))).click();
    await planner.page.keyboard.press('Enter');
    await one(planner.page, `${INBOX} >>> ${FORM} >>> [data-item]`);
    assert.equal(await until(() => textOf(planner.page, `${INBOX} >>> ${FORM} >>> [data-total="monthly"]`), (text) => text === '90.20', 5_000), '90.20');
    await clickOn(planner.page, `${INBOX} >>> .actions button.primary`);
    await planner.page.waitForFunction((selector) => {
      const inbox = document.querySelector('kaohe-inbox');
      return !inbox?.shadowRoot?.querySelector(selector);
    }, { timeout: 15_000 }, `[role="row"][data-id="${ID}"]`);

    // The sales VP's first review and HR's second review and publication, each on the score page.
    const vp = await signInAs(demo, 'V01', `#score/${encodeURIComponent(ID)}`);
    others.push(vp);
    await one(vp.page, `${FORM} >>> [data-total="monthly"]`, 30_000);
    await clickAction(vp, '批准');
    const hr = await signInAs(demo, 'H01', `#score/${encodeURIComponent(ID)}`);
    others.push(hr);
    await one(hr.page, `${FORM} >>> [data-total="monthly"]`, 30_000);
    await clickAction(hr, '批准');
    await goTo(hr, `#score/${encodeURIComponent(ID)}`);
    await hr.page.waitForFunction(() => [...document.querySelectorAll('#content .actions button')].some((button) => button.textContent?.trim() === '發布結果'), { timeout: 15_000 });

    // Until HR publishes, the employee's context has received nothing of the score (the monthly 90.20, the work 86.00).
    await goTo(employee, '#tasks');
    await goTo(employee, '#payslip');
    assert.equal(await payslipRefusal(employee), NOT_AVAILABLE);
    await neverReceived(employee, /90\.20|86\.00/, 'the unpublished score');
    assert.doesNotMatch(await employee.page.$eval('#content', (node) => node.textContent ?? ''), /90\.20|86\.00/);

    await clickAction(hr, '發布結果');

    // The employee's payslip (P-1), computed on the server. The demo's payroll system gives SP11 a pay total
    // T = 10300, plan completion 0.87 and an over-plan bonus of 200 (seed.ts payrollValues). By hand:
    //   base 基礎工資          = T × 50%               = 5150.00
    //   plan-completion pay    = T × 35% × 0.87        = 3605 × 0.87 = 3136.35   (O-3 capped: 0.87 ≤ 1)
    //   daily-work pay         = T × 15% × 86.00 ÷ 100 = 1545 × 0.86 = 1328.70   (O-2: the daily-work score)
    //   over-plan bonus                                = 200.00
    //   total                  = 5150.00 + 3136.35 + 1328.70 + 200.00 = 9815.05
    await goTo(employee, '#tasks');
    await goTo(employee, '#payslip');
    const total = await until(() => textOf(employee.page, 'kaohe-payslip >>> [part="total"]').catch(() => ''), (text) => /9,?815\.05/.test(text), 15_000);
    assert.match(total, /9,?815\.05/);
    const lines = await textOf(employee.page, 'kaohe-payslip >>> [part="lines"]');
    for (const figure of [/5,?150\.00/, /3,?136\.35/, /1,?328\.70/, /200\.00/]) assert.match(lines, figure);

    // The other pages work in the server mode too, each through the server: HR's month (distribution and
    // the payroll export, SP11's department among them), the rubric builder, the employee's year, the planner's overview.
    await goTo(hr, '#hr');
    await one(hr.page, '#content kaohe-score-distribution', 30_000);
    await one(hr.page, '#content [data-department="銷售公司"] kaohe-payroll-export', 30_000);
    await goTo(hr, '#builder');
    await one(hr.page, '#content kaohe-form-builder', 30_000);
    await goTo(employee, '#year');
    await one(employee.page, '#content kaohe-annual', 30_000);
    await goTo(planner, '#overview');
    await one(planner.page, '#content table.list tbody tr', 30_000);
    for (const signed of [hr, employee, planner]) {
      assert.equal(await signed.page.$('#content .notice.error'), null, `${signed.personId}'s last page shows an error`);
    }

    // What each context received from the server: nobody outside their chains. The employee: no colleague
    // (SP12–SP15), no other region, no other role's people. The regional manager: nothing of another region
    // or another role. The planner: no regional manager's, field service or shop appraisal.
    await neverReceived(employee, /\b(SP1[2-5]|SP[2-5][1-5]|RM[2-5]|FS[1-6]|CS[1-4])\b/, 'another person\'s id');
    await neverReceived(manager, /\b(SP[2-5][1-5]|RM[2-5]|FS[1-6]|CS[1-4])\b/, 'another region\'s or role\'s id');
    await neverReceived(planner, /2026-10:(RM|FS|CS)|\b(FS[1-6]|CS[1-4])\b/, 'an appraisal outside W-SP');
    for (const signed of [employee, planner, manager, ...others]) {
      assert.deepEqual(signed.errors, [], `${signed.personId}'s page threw`);
      assert.deepEqual(signed.console.filter((line) => /Content Security Policy|Refused to/i.test(line)), [], `${signed.personId}'s page broke the CSP`);
    }
    console.log(`# SP11 reached P02's inbox ${liveMs} ms after RM1's submit`);
  } finally {
    for (const signed of [employee, planner, manager, ...others]) await signed.context.close();
  }
});
