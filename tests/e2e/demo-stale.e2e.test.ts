// Walk report, defect 1: an action from a page that shows an old revision must not be applied to a newer
// one. Against the demo as `npm start` runs it (server mode): sales planning (P02) keeps SP31's score page
// open at revision 2 in one window; in another window of the same browser she returns it from My tasks;
// RM3 rescores it and resubmits (revision 4). Back in the first window, never reloaded, she types a return
// comment and clicks 提交: the page says that RM3 acted since it was opened, writes nothing, keeps her
// comment, and offers to reload; reloaded, it shows RM3's figure, and her submit goes through on it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildDirectory } from '../../demo/src/seed.ts';
import {
  asPerson, clickOn, inView, one, signInAs, startDemoServer, textOf, typeInto, until, valueOf, type DemoServer, type Signed,
} from './demo-session.ts';

let demo: DemoServer;

before(async () => {
  demo = await startDemoServer();
}, { timeout: 900_000 });

after(async () => {
  await demo?.close();
});

const ID = '2026-10:SP31';
const FORM = 'kaohe-rubric-form';
const INBOX = 'kaohe-inbox';
const ROW = `${INBOX} >>> [role="row"][data-id="${ID}"]`;
const COMMENT = '請核實 SP-D1';

interface Stored { revision: number; step: string; score?: { monthly: string } }
const stored = async (signed: Signed): Promise<[number, string, string | undefined]> => {
  const { body } = await asPerson(signed, `/appraisals/${encodeURIComponent(ID)}`);
  const view = body as Stored;
  return [view.revision, view.step, view.score?.monthly];
};

/** The score page's button named `name`, by its text. */
async function actionButton(signed: Signed, name: string) {
  for (const button of await signed.page.$$('#content .actions button')) {
    if ((await button.evaluate((node) => node.textContent?.trim())) === name) return button;
  }
  assert.fail(`the score page offers ${name}`);
}

/**
 * Opens SP31's row in My tasks with the pointer and Enter, and waits for the pane's form. The row is
 * polled for: it is drawn inside the inbox's shadow root, where waitForSelector's mutation watch, on the
 * document, may never look again.
 */
async function openTask(signed: Signed): Promise<void> {
  const row = await until(() => signed.page.$(ROW), (found) => found !== null, 60_000);
  assert.ok(row, `${signed.personId}'s inbox lists SP31`);
  await (await inView(signed.page, row)).click();
  await signed.page.keyboard.press('Enter');
  assert.ok(await until(() => signed.page.$(`${INBOX} >>> ${FORM} >>> [data-item]`), (found) => found !== null, 30_000), 'the pane shows the form');
}

const rowGone = (signed: Signed) => signed.page.waitForFunction((id) => {
  const inbox = document.querySelector('kaohe-inbox');
  return !inbox?.shadowRoot?.querySelector(`[role="row"][data-id="${id}"]`);
}, { timeout: 15_000 }, ID);

test('a submit from a score page opened at revision 2, after a return and a rescore elsewhere, is refused as a change by RM3; the comment typed stays; reloaded, it goes through on the new figure', { timeout: 900_000 }, async () => {
  const rm3 = buildDirectory().people.find((person) => person.id === 'RM3')?.name;
  assert.ok(rm3);
  const planner = await signInAs(demo, 'P02', `#score/${encodeURIComponent(ID)}`);
  let manager: Signed | undefined;
  try {
    // Window A: the score page at the seed's revision 2, waiting for sales planning's summary.
    const windowA = planner.page;
    assert.equal(await until(() => textOf(windowA, `${FORM} >>> [data-total="monthly"]`), (text) => text === '79.20', 15_000), '79.20');
    assert.deepEqual(await stored(planner), [2, 'summarise', '79.20']);

    // Window B (the same person, another tab): My tasks, SP31 returned to the regional manager with a comment.
    const windowB = await planner.context.newPage();
    await windowB.goto(new URL('/#tasks', demo.intranet.url).href, { waitUntil: 'load' });
    await windowB.bringToFront();
    const inTabB: Signed = { ...planner, page: windowB };
    await openTask(inTabB);
    await typeInto(windowB, `${INBOX} >>> #return-comment`, '請核實 SP-D1 的次數');
    await clickOn(windowB, `${INBOX} >>> button[data-action="step.return"]`);
    await rowGone(inTabB);

    // RM3 rescores: five late dealer reports (SP-D1) where the seed had one, 4 × 5 = 20 more off the
    // daily work, 20 × 70% (C-1) = 14.00 off the monthly: 79.20 → 65.20. Resubmitted: revision 4.
    manager = await signInAs(demo, 'RM3', '#tasks');
    await openTask(manager);
    const field = await inView(manager.page, await one(manager.page, `${INBOX} >>> ${FORM} >>> [data-item="SP-D1"] input[type="number"]`));
    await field.click();
    await manager.page.keyboard.down('Control');
    await manager.page.keyboard.press('KeyA');
    await manager.page.keyboard.up('Control');
    await manager.page.keyboard.type('5');
    assert.equal(await until(() => textOf(manager!.page, `${INBOX} >>> ${FORM} >>> [data-total="monthly"]`), (text) => text === '65.20', 5_000), '65.20');
    await clickOn(manager.page, `${INBOX} >>> .actions button.primary`);
    await rowGone(manager);
    assert.deepEqual(await stored(planner), [4, 'summarise', '65.20']);

    // Window A, never reloaded, still shows 79.20. She types a return comment, then clicks 提交.
    await windowA.bringToFront();
    assert.equal(await textOf(windowA, `${FORM} >>> [data-total="monthly"]`), '79.20');
    await typeInto(windowA, '#content .actions textarea', COMMENT);
    await (await inView(windowA, await actionButton(planner, '提交'))).click();
    const alert = await one(windowA, '#content .changed [role="alert"]');
    assert.equal(await alert.evaluate((node) => node.querySelector('p')?.textContent),
      `${rm3}在您開啟此考核（版本2）後已處理了它，現在在「銷售計劃部匯總」（版本4）。您的操作未執行，未覆蓋任何內容；您填寫的內容仍保留在此頁。請重新載入查看最新內容後再決定。`);
    assert.deepEqual(await stored(planner), [4, 'summarise', '65.20'], 'nothing was written');
    assert.equal(await valueOf(windowA, '#content .actions textarea'), COMMENT, 'the comment typed is kept');
    assert.equal(await (await actionButton(planner, '提交')).evaluate((node) => (node as HTMLButtonElement).disabled), true, 'the stale page offers no action');
    // Focus is on the offer to reload; Enter takes it.
    assert.equal(await windowA.evaluate(() => document.activeElement?.textContent), '重新載入最新內容');
    await windowA.keyboard.press('Enter');

    // Reloaded: RM3's figure, the comment still there, and the submit goes through on revision 4.
    assert.equal(await until(() => textOf(windowA, `${FORM} >>> [data-total="monthly"]`).catch(() => ''), (text) => text === '65.20', 15_000), '65.20');
    assert.equal(await windowA.$('#content .changed [role="alert"]'), null);
    assert.equal(await valueOf(windowA, '#content .actions textarea'), COMMENT);
    await (await inView(windowA, await actionButton(planner, '提交'))).click();
    await windowA.waitForSelector('#content .notice.ok', { timeout: 15_000 });
    assert.deepEqual(await stored(planner), [5, 'firstReview', '65.20']);
    for (const signed of [planner, manager]) assert.deepEqual(signed.errors, [], `${signed.personId}'s page threw`);
  } finally {
    await planner.context.close();
    await manager?.context.close();
  }
});
