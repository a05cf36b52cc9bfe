// Issue 13, "offline never loses work", against the demo as `npm start` runs it. An assessor of the
// claims group (施專員, CL1) types into field service representative FS1's form on the score page; the
// Kaohe server behind the demo intranet is really stopped (the intranet's proxy then answers 503, as a
// reverse proxy does for a dead upstream) while she types; the page says it is offline and what waits;
// the page is reloaded while the server is still down and everything typed is back; the server comes
// back and her draft reaches it unchanged (read with her own token). Meanwhile the other member of the
// claims group (曹專員, CL2, in a browser context of his own) submits the group's items: her form shows
// the conflict banner, and both versions stay reachable — hers as her draft, his in the appraisal.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
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

const ID = '2026-10:FS1';
const FORM = 'kaohe-rubric-form';
const FS10 = `${FORM} >>> [data-item="FS-10"] input[type="number"]`;
const FS4A = `${FORM} >>> [data-item="FS-4a"]`;
const STATUS = '#connection >>> [part="status"]';

const draftOf = async (signed: Signed) => {
  const answer = await asPerson(signed, `/appraisals/${encodeURIComponent(ID)}/draft`);
  return answer.status === 200 ? (answer.body as { entries: unknown }).entries : undefined;
};

/** The form on the score page, once it has restored the draft (its FS-10 field shows `fs10`). */
async function formShows(signed: Signed, fs10: string): Promise<void> {
  await one(signed.page, FS10, 60_000);
  await signed.page.waitForFunction((want) => {
    const form = document.querySelector('kaohe-rubric-form');
    return (form?.shadowRoot?.querySelector('[data-item="FS-10"] input[type="number"]') as HTMLInputElement | null)?.value === want;
  }, { timeout: 15_000 }, fs10);
}

test('offline: typed work survives the server going away and a reload, reaches the server unchanged, and a newer write by someone else shows as a conflict', { timeout: 900_000 }, async () => {
  const claims = await signInAs(demo, 'CL1', `#score/${encodeURIComponent(ID)}`);
  try {
    const { page } = claims;
    // Online: FS-10 (false claims found, escalating) — one finding. The draft reaches the server (autosave, ≤ 1 s).
    await typeInto(page, FS10, '1');
    const first = { 'FS-10': { count: 1 } };
    assert.deepEqual(await until(() => draftOf(claims), (entries) => JSON.stringify(entries) === JSON.stringify(first), 15_000), first);

    // The Kaohe server stops, as in an outage; the intranet and its pages stay up.
    await demo.intranet.stopKaohe();
    // FS-4a (claim forms): a deduction for blanks, amount 2 of the case's 1 … 2, with a reason — typed and clicked while nothing answers.
    await clickOn(page, `${FS4A} [part~="add-deduction"]`);
    const amount = `${FS4A} input[id$="-d0-amount"]`;
    await (await inView(page, await one(page, amount))).click({ count: 3 });
    await page.keyboard.type('2');
    const typed = { 'FS-10': { count: 1 }, 'FS-4a': { deductions: [{ option: 'blanks', amount: '2', reason: '索賠單缺VIN碼' }] } };

    // The page says it is offline and that her change waits in this browser (zh-Hant, the demo's language).
    const offline = await until(() => textOf(page, STATUS).catch(() => ''), (text) => /^離線中。有 \d+ 項變更保存在此瀏覽器/.test(text), 20_000);
    assert.match(offline, /^離線中。有 \d+ 項變更保存在此瀏覽器，連線恢復後依序送出。$/);

    // The reason, then reload at once: the form saves 300 ms after the last key, and the outbox's write is
    // asynchronous, so only the page's synchronous shelf (localStorage, written on pagehide) holds the last keys.
    await typeInto(page, `${FS4A} input[id$="-d0-reason"]`, '索賠單缺VIN碼');
    // A reload while the server is still down: the page comes back from what this browser kept, with everything typed.
    await page.reload({ waitUntil: 'load' });
    await formShows(claims, '1');
    assert.equal(await valueOf(page, amount), '2');
    assert.equal(await valueOf(page, `${FS4A} input[id$="-d0-reason"]`), '索賠單缺VIN碼');
    assert.match(await until(() => textOf(page, STATUS).catch(() => ''), (text) => text.startsWith('離線中'), 20_000), /^離線中。/);
    // Nothing of it reached the server: it is down.
    await demo.intranet.startKaohe();
    const revisionBefore = ((await asPerson(claims, `/appraisals/${encodeURIComponent(ID)}`)).body as { revision: number }).revision;

    // The server is back: the outbox sends her draft in order, and the server holds exactly what she typed.
    assert.deepEqual(await until(() => draftOf(claims), (entries) => JSON.stringify(entries) === JSON.stringify(typed), 90_000), typed);
    assert.equal(await until(() => textOf(page, STATUS).catch(() => ''), (text) => text === '', 30_000), '', 'the offline notice goes once everything is sent');

    // Meanwhile the other claims assessor, on his own machine, submits the group's items: FS-10 none, FS-4a
    // nothing to deduct, FS-2 none (the claims group's items: FS-2, FS-4a, FS-10).
    const colleague = await signInAs(demo, 'CL2');
    try {
      const his = { 'FS-2': { deductions: [] }, 'FS-4a': { deductions: [] }, 'FS-10': { count: 0 } };
      const acted = await asPerson(colleague, `/appraisals/${encodeURIComponent(ID)}/actions`, {
        method: 'POST', body: { action: { type: 'group.submit', group: 'claims', entries: his }, expectedRevision: revisionBefore },
      });
      assert.equal(acted.status, 200, JSON.stringify(acted.body));

      // Her open form hears it live and shows the conflict banner (revision read → the newer one).
      const banner = await textOf(page, `${FORM} >>> [part="conflict"]`);
      assert.ok(banner.length > 0, 'the conflict banner says the appraisal changed');
      // Both versions are reachable: hers as her draft on the server, his in the appraisal; her screen still shows hers.
      assert.deepEqual(await draftOf(claims), typed);
      const stored = (await asPerson(claims, `/appraisals/${encodeURIComponent(ID)}`)).body as { sheet: { entries: Record<string, unknown> }; revision: number };
      assert.ok(stored.revision > revisionBefore);
      assert.deepEqual(stored.sheet.entries['FS-10'], { count: 0 });
      assert.deepEqual(stored.sheet.entries['FS-4a'], { deductions: [] });
      assert.equal(await valueOf(page, FS10), '1');
      assert.equal(await valueOf(page, `${FS4A} input[id$="-d0-reason"]`), '索賠單缺VIN碼');
    } finally {
      await colleague.context.close();
    }
    assert.deepEqual(claims.errors, []);
  } finally {
    await claims.context.close();
  }
});

// The walk of 6 Dec 2026 (§4): a regional manager resubmits from My tasks while the server is down. The pane
// said "不允許：" with an English sentence, and once the outbox had sent the resubmit, that someone else had
// saved a newer version. Now it says, in the page's language, that the resubmit waits in this browser; once
// sent, the revision it wrote is known as hers and the pane says it went through, as an online submit does.
test('offline: a resubmit from the task pane waits in this browser, says so in zh-Hant, and once sent says it went through', { timeout: 900_000 }, async () => {
  // SP44 張濤 (華中) is seeded as returned to 區域經理評分, fully scored: RM4 resubmits it.
  const returned = '2026-10:SP44';
  const manager = await signInAs(demo, 'RM4', '#tasks');
  try {
    const { page } = manager;
    await (await inView(page, await one(page, `kaohe-inbox >>> [role="row"][data-id="${returned}"]`, 60_000))).click();
    await one(page, 'kaohe-inbox >>> kaohe-rubric-form >>> [data-item="SP-Q"]', 60_000);
    await typeInto(page, 'kaohe-inbox >>> #approve-comment', '已核實大客戶走訪記錄');
    const before = ((await asPerson(manager, `/appraisals/${encodeURIComponent(returned)}`)).body as { revision: number }).revision;

    await demo.intranet.stopKaohe();
    const resubmit = 'kaohe-inbox >>> .actions button.primary';
    assert.equal(await textOf(page, resubmit), '重新提交');
    await clickOn(page, resubmit);
    const paneMessage = 'kaohe-inbox >>> .pane > .message';
    assert.equal(await until(() => textOf(page, paneMessage), (text) => text !== '', 20_000), '已保存在此瀏覽器，連線恢復後送出。');

    await demo.intranet.startKaohe();
    // Sent by the outbox: the task leaves her list and the pane closes, as after an online resubmit; the live region says so.
    const live = 'kaohe-inbox >>> .layout ~ [role="status"]';
    assert.equal(await until(() => textOf(page, live), (text) => text.startsWith('重新提交'), 90_000), '重新提交：張濤。 待辦已移出清單');
    assert.equal(await page.$('kaohe-inbox >>> kaohe-task-pane'), null, 'the pane is closed');
    assert.equal(await page.$(`kaohe-inbox >>> [role="row"][data-id="${returned}"]`), null, 'the task left her list');
    const stored = (await asPerson(manager, `/appraisals/${encodeURIComponent(returned)}`)).body as { revision: number; step: string };
    assert.equal(stored.revision, before + 1, 'her resubmit, once');
    assert.equal(stored.step, 'firstReview', 'back to the first review that returned it');
    assert.deepEqual(manager.errors, []);
  } finally {
    await manager.context.close();
  }
});
