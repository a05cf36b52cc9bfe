// The demo intranet's own pages around the Kaohe elements, against the demo as `npm start` runs it: what
// a person sees when they switch language with a task open, open an appraisal that is not theirs by its
// address, read their year, and sign out. Each person is a browser context of their own, signed in by
// clicking their name on the sign-in page; they type with the keyboard and click with the pointer.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'puppeteer-core';
import { asPerson, clickOn, goTo, inView, one, signInAs, startDemoServer, textOf, typeInto, until, valueOf, type DemoServer } from './demo-session.ts';

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

const FORM = 'kaohe-rubric-form';
const onSignInPage = (page: Page): Promise<string> =>
  until(async () => new URL(page.url()).pathname, (path) => path === '/signin', 15_000);

test('signing out with changes still in the outbox asks first, saying how many, in the page\'s language; they reach the server at the next sign-in here', { timeout: 600_000 }, async () => {
  // RM1 reads SP12 (a draft of hers in the seed) and SP11 while the server answers: the page keeps what it read.
  const manager = await signInAs(demo, 'RM1', `#score/${encodeURIComponent('2026-10:SP12')}`);
  try {
    const { page } = manager;
    const field = (item: string) => `${FORM} >>> [data-item="${item}"] input[type="number"]`;
    const replaceWith = async (selector: string, text: string) => {
      await (await inView(page, await one(page, selector, 60_000))).click({ count: 3 });
      await page.keyboard.type(text);
    };
    /** Goes to another appraisal's score page and waits until its heading (the employee's name) and form are there. */
    const openScore = async (id: string) => {
      const before = await textOf(page, '#content h1');
      await goTo(manager, `#score/${encodeURIComponent(id)}`);
      await until(() => textOf(page, '#content h1'), (text) => text !== before, 30_000);
      await one(page, field('SP-W3'), 60_000);
    };
    await one(page, field('SP-D1'), 60_000);
    await openScore('2026-10:SP11');
    // The Kaohe server goes away; RM1 goes on scoring both: each draft waits in this browser's outbox.
    await demo.intranet.stopKaohe();
    await replaceWith(field('SP-W3'), '1');
    await until(() => textOf(page, '#connection >>> [part="status"]').catch(() => ''), (text) => text.startsWith('離線中。有 1 項'), 20_000);
    await openScore('2026-10:SP12');
    await replaceWith(field('SP-D1'), '3');
    assert.equal(await until(() => textOf(page, '#connection >>> [part="status"]').catch(() => ''), (text) => text.startsWith('離線中。有 2 項'), 20_000),
      '離線中。有 2 項變更保存在此瀏覽器，連線恢復後依序送出。');

    // 登出: the page asks first; 暫不登出 keeps her signed in, on the page she was on.
    await clickOn(page, '[data-signed-in] form button');
    await one(page, 'dialog.sign-out[open]');
    assert.equal(await textOf(page, 'dialog.sign-out p#sign-out-text'), '還有 2 項變更未送到伺服器。現在登出，它們會留在此瀏覽器，待您再次在此登入時才送出。');
    await clickOn(page, 'dialog.sign-out button:not(.primary)');
    assert.equal(await page.$('dialog.sign-out'), null);
    assert.ok(await page.$('[data-signed-in="RM1"]'), 'still signed in');

    // In English, Escape keeps her here too; then Sign out anyway.
    await clickOn(page, '[data-locale="en"]');
    await clickOn(page, '[data-signed-in] form button');
    assert.equal(await textOf(page, 'dialog.sign-out p#sign-out-text'),
      '2 changes have not reached the server yet. If you sign out now, they wait in this browser and are sent when you sign in here again.');
    await page.keyboard.press('Escape');
    assert.equal(await page.$('dialog.sign-out'), null);
    await clickOn(page, '[data-signed-in] form button');
    assert.equal(await textOf(page, 'dialog.sign-out button.primary'), 'Sign out anyway');
    await clickOn(page, 'dialog.sign-out button.primary');
    assert.equal(await onSignInPage(page), '/signin');

    // The server is back and RM1 signs in again in this browser: what waited is sent, as the page said.
    await demo.intranet.startKaohe();
    const button = await one(page, 'button[name="person"][value="RM1"]');
    await button.scrollIntoView();
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
    const draftOf = async (id: string) => {
      const answer = await asPerson(manager, `/appraisals/${encodeURIComponent(id)}/draft`);
      return answer.status === 200 ? JSON.stringify((answer.body as { entries: Record<string, unknown> }).entries) : '';
    };
    assert.match(await until(() => draftOf('2026-10:SP11'), (entries) => entries.includes('"SP-W3":{"count":1}'), 60_000), /"SP-W3":\{"count":1\}/);
    assert.match(await until(() => draftOf('2026-10:SP12'), (entries) => entries.includes('"SP-D1":{"count":3}'), 60_000), /"SP-D1":\{"count":3\}/);
    assert.deepEqual(manager.errors, []);
  } finally {
    await demo.intranet.startKaohe();
    await manager.context.close();
  }
});

test('signing out in one window takes the person\'s other windows to the sign-in page without an error, and what was typed there is back at the next sign-in', { timeout: 600_000 }, async () => {
  // Two windows of this browser (one cookie), and a third browser of RM3's, each signed in as RM3.
  const first = await signInAs(demo, 'RM3', '#tasks');
  const elsewhere = await signInAs(demo, 'RM3', '#tasks');
  const second = await first.context.newPage();
  const secondErrors: string[] = [];
  second.on('pageerror', (error) => secondErrors.push(error instanceof Error ? error.message : String(error)));
  try {
    await second.goto(`${demo.intranet.url}#tasks`, { waitUntil: 'load' });
    await one(second, '[data-signed-in="RM3"]', 60_000);
    // The second window scores SP32 (RM3's salesperson waiting in her tasks) …
    await goTo({ ...first, page: second }, `#score/${encodeURIComponent('2026-10:SP32')}`);
    const sp = `${FORM} >>> [data-item="SP-W3"] input[type="number"]`;
    await (await inView(second, await one(second, sp, 60_000))).click({ count: 3 });
    await second.keyboard.type('2');
    // … while she signs out in the first (nothing waits there: no question).
    await first.page.bringToFront();
    await clickOn(first.page, '[data-signed-in] form button');
    assert.equal(await onSignInPage(first.page), '/signin');
    assert.equal(await onSignInPage(second), '/signin');
    await one(second, 'button[name="person"][value="RM3"]');
    assert.deepEqual(secondErrors, []);

    // Her browser elsewhere hears of it when its token is next renewed (the intranet ended every session of hers):
    // five minutes on, as far as its token cache can tell, a live notice comes — P02 returns SP31 to her — and
    // the menu's task count asks the server again.
    await elsewhere.page.evaluate(() => {
      const now = Date.now.bind(Date);
      Date.now = () => now() + 5 * 60_000;
    });
    await elsewhere.page.bringToFront();
    const planner = await signInAs(demo, 'P02');
    try {
      const id = encodeURIComponent('2026-10:SP31');
      const { revision } = (await asPerson(planner, `/appraisals/${id}`)).body as { revision: number };
      const returned = await asPerson(planner, `/appraisals/${id}/actions`, { method: 'POST', body: { action: { type: 'step.return', to: 'score', comment: '請補充走訪紀錄' }, expectedRevision: revision } });
      assert.equal(returned.status, 200);
    } finally {
      await planner.context.close();
    }
    assert.equal(await onSignInPage(elsewhere.page), '/signin');
    await one(elsewhere.page, 'button[name="person"][value="RM3"]');
    assert.deepEqual(elsewhere.errors, []);

    // Signed in again in the second window: SP32's form shows what she typed there.
    await second.bringToFront();
    const button = await one(second, 'button[name="person"][value="RM3"]');
    await button.scrollIntoView();
    await Promise.all([second.waitForNavigation({ waitUntil: 'load' }), button.click()]);
    await goTo({ ...first, page: second }, `#score/${encodeURIComponent('2026-10:SP32')}`);
    assert.equal(await until(() => valueOf(second, sp).catch(() => ''), (value) => value === '2', 30_000), '2');
    assert.deepEqual(secondErrors, []);
    assert.deepEqual(first.errors, []);
  } finally {
    await first.context.close();
    await elsewhere.context.close();
  }
});
