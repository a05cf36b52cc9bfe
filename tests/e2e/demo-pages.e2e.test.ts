// The demo intranet's own pages around the Kaohe elements, against the demo as `npm start` runs it: what
// a person sees when they switch language with a task open, open an appraisal that is not theirs by its
// address, read their year, and sign out. Each person is a browser context of their own, signed in by
// clicking their name on the sign-in page; they type with the keyboard and click with the pointer.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { asPerson, clickOn, one, signInAs, startDemoServer, textOf, typeInto, until, valueOf, type DemoServer } from './demo-session.ts';

let demo: DemoServer;

before(async () => {
  demo = await startDemoServer();
}, { timeout: 900_000 });

after(async () => {
  await demo?.close();
});

const INBOX = 'kaohe-inbox';

test('switching language on My tasks keeps the open task and the return comment being typed; only the page\'s words change', { timeout: 300_000 }, async () => {
  // P02 (sales planning) summarises SP13, which waits for her in the seed; W-SP lets her return it to the scorer.
  const planner = await signInAs(demo, 'P02', '#tasks');
  try {
    const { page } = planner;
    await clickOn(page, `${INBOX} >>> [role="row"][data-id="2026-10:SP13"]`);
    await page.keyboard.press('Enter');
    await one(page, `${INBOX} >>> kaohe-rubric-form >>> [data-item] input`, 30_000);
    const comment = '請補充 SP-W3 的走訪紀錄';
    await typeInto(page, `${INBOX} >>> #return-comment`, comment);

    await clickOn(page, '[data-locale="en"]');
    // The page's own words are English …
    assert.equal(await until(() => textOf(page, '#content h1'), (text) => text === 'My tasks', 5_000), 'My tasks');
    assert.equal(await textOf(page, '#content .lead'), 'Appraisals waiting for you (October 2026).');
    // … and so are the inbox's, with the task still open and the comment as typed.
    const label = await until(() => page.$eval(`${INBOX} >>> #return-comment`, (field) => field.closest('label')?.textContent?.trim() ?? '').catch(() => ''),
      (text) => text === 'What should be changed (required)', 5_000);
    assert.equal(label, 'What should be changed (required)');
    assert.equal(await valueOf(page, `${INBOX} >>> #return-comment`), comment);
    assert.ok(await page.$(`${INBOX} >>> kaohe-rubric-form`), 'the task\'s sheet is still open');

    // Back to 繁體: still open, still typed, and the person goes on typing where they were.
    await clickOn(page, '[data-locale="zh-Hant"]');
    assert.equal(await until(() => textOf(page, '#content h1'), (text) => text === '我的待辦', 5_000), '我的待辦');
    await clickOn(page, `${INBOX} >>> #return-comment`);
    await page.keyboard.down('Control');
    await page.keyboard.press('End');
    await page.keyboard.up('Control');
    await page.keyboard.type('。');
    assert.equal(await valueOf(page, `${INBOX} >>> #return-comment`), `${comment}。`);
    assert.deepEqual(planner.errors, []);
  } finally {
    await planner.context.close();
  }
});

test('another region\'s appraisal opened by its address: a page that says it is not available and leads back to My tasks; the server still refuses it', { timeout: 300_000 }, async () => {
  // RM1 manages 華北; SP21 is a salesperson of another region.
  const manager = await signInAs(demo, 'RM1', `#score/${encodeURIComponent('2026-10:SP21')}`);
  try {
    const { page } = manager;
    await one(page, '#content [data-not-available]', 30_000);
    assert.equal(await textOf(page, '#content h1'), '評分與審核');
    assert.equal(await textOf(page, '#content [data-not-available]'), '您無法查看這份考核：它不存在，或不在您可查看的範圍內。');
    assert.equal(await textOf(page, '#content a[href="#tasks"]'), '返回我的待辦');
    assert.doesNotMatch(await textOf(page, '#content'), /SP21|may not read/);
    assert.equal((await asPerson(manager, `/appraisals/${encodeURIComponent('2026-10:SP21')}`)).status, 404);

    // In the page's language, whichever it is.
    await clickOn(page, '[data-locale="en"]');
    assert.equal(await until(() => textOf(page, '#content h1'), (text) => text === 'Score and review', 5_000), 'Score and review');
    assert.equal(await textOf(page, '#content [data-not-available]'), 'This appraisal is not available to you: it does not exist, or it is not yours to see.');

    // The link leads back to My tasks, where RM1's own tasks are.
    await clickOn(page, '#content a[href="#tasks"]');
    assert.equal(await until(() => textOf(page, '#content h1'), (text) => text === 'My tasks', 5_000), 'My tasks');
    assert.equal(await page.evaluate(() => location.hash), '#tasks');
    await one(page, `${INBOX} >>> [role="row"][data-id="2026-10:SP11"]`, 30_000);
    assert.deepEqual(manager.errors, []);
  } finally {
    await manager.context.close();
  }
});

test('My year shows each month\'s score with two decimals, as the form and the inbox do (O-7)', { timeout: 300_000 }, async () => {
  // SP34 has a published year in the seed (November 2025 to October 2026).
  const salesperson = await signInAs(demo, 'SP34', '#year');
  try {
    const { page } = salesperson;
    await one(page, 'kaohe-annual >>> [data-annual]', 30_000);
    const months = await page.$$eval('kaohe-annual >>> [part~="months"] tbody tr', (rows) => rows.map((row) => row.textContent?.replace(/\s+/g, ' ').trim() ?? ''));
    // The seed's months of 2026 for SP34 (zh-Hant, the demo's language); May scored 93 and shows 93.00, not 93.
    assert.deepEqual(months, ['1月 81.80', '2月 90.20', '3月 68.50', '4月 91.80', '5月 93.00', '6月 86.70', '7月 90.20', '8月 83.20', '9月 88.30', '10月 81.80', '11月 未考核', '12月 未考核']);
    // O-6 as written: 855.50 ÷ 12 = 71.291… → 71.29
    assert.equal(await textOf(page, 'kaohe-annual >>> [data-annual]'), '71.29');
    assert.deepEqual(salesperson.errors, []);
  } finally {
    await salesperson.context.close();
  }
});
