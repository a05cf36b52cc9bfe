// Two tabs of one person, against the demo as `npm start` runs it (walk report, defect 3). The regional
// manager 林經理 (RM4) opens salesperson SP41's appraisal on the score page in two tabs of one browser.
// Tab A types SP-D6 (rebate forms late) = 1 and its draft reaches the server; tab B, opened on the same
// draft, then types SP-A (advertising plan) = 2. B's save is refused over A's newer draft: B says so in
// the page's language and keeps what was typed (on screen and on the page's shelf), the server still
// holds A's entries. B keeps its own deliberately; A's next keystroke is then refused the same way, A
// says so, and A takes B's draft deliberately. Nothing is replaced without a word.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import type { Page } from 'puppeteer-core';
import { asPerson, clickOn, inView, one, signInAs, startDemoServer, textOf, until, valueOf, type DemoServer, type Signed } from './demo-session.ts';

let demo: DemoServer;

before(async () => {
  demo = await startDemoServer();
}, { timeout: 900_000 });

after(async () => {
  await demo?.close();
});

const ID = '2026-10:SP41';
const FORM = 'kaohe-rubric-form';
const field = (item: string) => `${FORM} >>> [data-item="${item}"] input[type="number"]`;
const BANNER = `${FORM} >>> [part="draft-conflict"]`;
const TOLD = '您在另一個分頁或視窗中儲存了此考核的草稿，與本頁的填寫不同。本頁的填寫仍在此，沒有覆蓋那份草稿。請選擇保留哪一份。';

type Entries = Record<string, unknown>;
const draftOf = async (signed: Signed): Promise<Entries | undefined> => {
  const answer = await asPerson(signed, `/appraisals/${encodeURIComponent(ID)}/draft`);
  return answer.status === 200 ? (answer.body as { entries: Entries }).entries : undefined;
};
// jsonb keeps keys in an order of its own: compared as values, not as text.
const same = (a: unknown, b: unknown) => isDeepStrictEqual(a, b);

/** Clicks into the item's number field with the pointer, selects what it holds and types `text`, as a person corrects a figure. */
async function retype(page: Page, item: string, text: string): Promise<void> {
  await page.bringToFront();
  const input = await inView(page, await one(page, field(item), 60_000));
  await input.click();
  await page.keyboard.down('Control');
  await page.keyboard.press('KeyA');
  await page.keyboard.up('Control');
  await page.keyboard.type(text);
}

test('two tabs of one person: the tab whose draft save is refused says so, keeps what it typed, and nothing is replaced unasked', { timeout: 900_000 }, async () => {
  const rm = await signInAs(demo, 'RM4', `#score/${encodeURIComponent(ID)}`);
  try {
    const tabA = rm.page;
    const tabB = await rm.context.newPage();
    await tabB.goto(new URL(`#score/${encodeURIComponent(ID)}`, demo.intranet.url).href, { waitUntil: 'load' });
    await one(tabA, field('SP-D6'), 60_000);
    await one(tabB, field('SP-D6'), 60_000);
    // The appraisal is seeded with a saved sheet of five items and no draft of RM4's.
    assert.equal(await draftOf(rm), undefined);
    const seeded = ((await asPerson(rm, `/appraisals/${encodeURIComponent(ID)}`)).body as { sheet: { entries: Entries } }).sheet.entries;

    await retype(tabA, 'SP-D6', '1');
    const afterA = { ...seeded, 'SP-D6': { count: 1 } };
    assert.ok(same(await until(() => draftOf(rm), (entries) => same(entries, afterA), 15_000), afterA), 'tab A\'s draft reaches the server');

    await retype(tabB, 'SP-A', '2');
    const typedInB = { ...seeded, 'SP-A': { count: 2 } };
    // Tab B is told, in zh-Hant (the demo's language), with its two choices.
    assert.equal(await until(() => textOf(tabB, `${BANNER} p`).catch(() => ''), (text) => text !== '', 15_000), TOLD);
    assert.equal(await textOf(tabB, `${BANNER} [data-draft="theirs"]`), '載入另一份草稿');
    assert.equal(await textOf(tabB, `${BANNER} [data-draft="mine"]`), '保留本頁的填寫（覆蓋另一份）');
    // What B typed is on its screen and on the page's shelf; the server still holds A's draft.
    assert.equal(await valueOf(tabB, field('SP-A')), '2');
    const shelf = await tabB.evaluate((key) => localStorage.getItem(key), `kaohe.kept-draft:${JSON.stringify(['RM4', ID])}`);
    assert.ok(shelf !== null && same(JSON.parse(shelf).entries, typedInB), `the shelf holds tab B's typing: ${shelf}`);
    assert.ok(same(await draftOf(rm), afterA));
    assert.equal(await tabA.$(BANNER), null, 'tab A saved first and has nothing to choose');

    // B keeps its own, deliberately: the server now holds B's entries.
    await tabB.bringToFront();
    await clickOn(tabB, `${BANNER} [data-draft="mine"]`);
    assert.ok(same(await until(() => draftOf(rm), (entries) => same(entries, typedInB), 15_000), typedInB), 'tab B\'s draft replaces A\'s as B chose');
    await until(async () => tabB.$(BANNER), (banner) => banner === null, 5_000);
    assert.equal(await tabB.$(BANNER), null);

    // A types on (SP-D6 = 3): refused over B's draft, A is told, and keeps 3 on its screen.
    await retype(tabA, 'SP-D6', '3');
    assert.equal(await until(() => textOf(tabA, `${BANNER} p`).catch(() => ''), (text) => text !== '', 15_000), TOLD);
    assert.equal(await valueOf(tabA, field('SP-D6')), '3');
    assert.ok(same(await draftOf(rm), typedInB));

    // A takes B's draft, deliberately: A's form shows B's entries, and the server still holds them.
    await clickOn(tabA, `${BANNER} [data-draft="theirs"]`);
    await until(() => valueOf(tabA, field('SP-A')), (value) => value === '2', 5_000);
    assert.equal(await valueOf(tabA, field('SP-A')), '2');
    assert.equal(await valueOf(tabA, field('SP-D6')), await valueOf(tabB, field('SP-D6')));
    assert.equal(await tabA.$(BANNER), null);
    assert.ok(same(await draftOf(rm), typedInB));
    assert.deepEqual(rm.errors, []);
  } finally {
    await rm.context.close();
  }
});
