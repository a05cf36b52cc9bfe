// The demo intranet's own pages around the Kaohe elements, against the demo as `npm start` runs it: what
// a person sees when they switch language with a task open, open an appraisal that is not theirs by its
// address, read their year, and sign out. Each person is a browser context of their own, signed in by
// clicking their name on the sign-in page; they type with the keyboard and click with the pointer.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickOn, one, signInAs, startDemoServer, textOf, typeInto, until, valueOf, type DemoServer } from './demo-session.ts';

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
