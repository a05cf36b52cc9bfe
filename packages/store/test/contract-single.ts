// The contract every KaoheStore keeps, one appraisal at a time: revisions, conflicts, the audit
// chain, paging, drafts, rubrics and notices. Run against MemoryStore here and against the server's
// PostgreSQL store (packages/server/test/db), so a backend cannot drift from what the others do.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { AuditEvent } from '@kaohe/workflow';
import { DraftConflictError, GENESIS_HASH, StoreConflictError, StoreError, type KaoheStore, type StoreChange } from '../src/index.ts';
import { appraisal, auditEntry, nextRevision, rubric } from './fixtures.ts';

/** Three saves of one appraisal, each with its audit event: open, score, submit. */
export async function storeWithRevision3<S extends KaoheStore>(store: S): Promise<S> {
  let record = appraisal({ id: '2026-10:E1001' });
  await store.putAppraisal(record, { expectedRevision: 0, audit: [auditEntry(record.id, 'open')] });
  for (const action of ['score', 'submit']) {
    record = nextRevision(record, { updatedBy: 'RM-NORTH' });
    await store.putAppraisal(record, { expectedRevision: record.revision - 1, audit: [auditEntry(record.id, action)] });
  }
  return store;
}

export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected the store to refuse');
}

/**
 * Registers the single-write contract under `label`.
 * @param openStore gives an empty store, a new one for every test
 */
export function singleWriteContract(label: string, openStore: () => Promise<KaoheStore>): void {
  describe(label, () => {
    test('a new appraisal is stored at revision 1 and its opening is the first audit event, chained from 64 zeros', async () => {
      const store = await openStore();
      const saved = await store.putAppraisal(appraisal({ id: '2026-10:E1001' }), {
        expectedRevision: 0,
        audit: [{ at: '2026-11-02T09:00:00.000Z', actor: 'RM-NORTH', appraisalId: '2026-10:E1001', action: 'open', before: null, after: { status: 'open' } }],
      });
      assert.equal(saved.revision, 1);
      assert.deepEqual(await store.getAppraisal('2026-10:E1001'), saved);
      const [event] = await store.listAudit();
      assert.ok(event);
      assert.equal(event.seq, 1);
      assert.equal(event.prevHash, GENESIS_HASH);
      // The canonical form, written out by hand: keys sorted, no spaces, without the hash itself.
      const canonical = '{"action":"open","actor":"RM-NORTH","after":{"status":"open"},"appraisalId":"2026-10:E1001",' +
        `"at":"2026-11-02T09:00:00.000Z","before":null,"prevHash":"${GENESIS_HASH}","seq":1}`;
      assert.equal(event.hash, createHash('sha256').update(canonical).digest('hex'));
    });

    test('two reviewers both on revision 3: the first save wins and the second gets the current record, nothing overwritten', async () => {
      const store = await storeWithRevision3(await openStore());
      const read = await store.getAppraisal('2026-10:E1001');
      assert.ok(read);
      assert.equal(read.revision, 3);
      const vp = nextRevision(read, { status: 'inReview', step: 'vpReview', updatedBy: 'VP' });
      const hr = nextRevision(read, { status: 'open', step: 'score', updatedBy: 'HR' });
      await store.putAppraisal(vp, { expectedRevision: 3, audit: [auditEntry(read.id, 'approve', 'VP')] });
      const error = await rejection(store.putAppraisal(hr, { expectedRevision: 3, audit: [auditEntry(read.id, 'return', 'HR')] }));
      assert.ok(error instanceof StoreConflictError);
      assert.equal(error.code, 'conflict');
      assert.equal(error.current?.updatedBy, 'VP');
      assert.equal(error.current?.revision, 4);
      assert.match(error.message, /VP/);
      const stored = await store.getAppraisal(read.id);
      assert.equal(stored?.updatedBy, 'VP');
      assert.deepEqual((await store.listAudit(read.id)).map((event) => event.action), ['open', 'score', 'submit', 'approve']);
    });

    test('saves racing on the same revision: exactly one is accepted and the audit log records only that one', async () => {
      const store = await storeWithRevision3(await openStore());
      const read = await store.getAppraisal('2026-10:E1001');
      assert.ok(read);
      const results = await Promise.allSettled(['VP', 'HR', 'GM'].map((actor) =>
        store.putAppraisal(nextRevision(read, { updatedBy: actor }), { expectedRevision: 3, audit: [auditEntry(read.id, 'approve', actor)] })));
      const accepted = results.filter((result) => result.status === 'fulfilled');
      assert.equal(accepted.length, 1);
      for (const result of results) {
        if (result.status === 'rejected') assert.ok(result.reason instanceof StoreConflictError);
      }
      const log = await store.listAudit(read.id);
      assert.equal(log.length, 4);
      assert.equal((await store.getAppraisal(read.id))?.updatedBy, log[3]?.actor);
      assert.deepEqual(await store.verifyAudit(), { ok: true, count: 4 });
    });

    test('saves of different appraisals at the same moment all land, and the audit chain stays unbroken', async () => {
      const store = await openStore();
      const ids = Array.from({ length: 12 }, (_, index) => `2026-10:E${1001 + index}`);
      await Promise.all(ids.map((id) => store.putAppraisal(appraisal({ id }), { expectedRevision: 0, audit: [auditEntry(id, 'open'), auditEntry(id, 'assign')] })));
      const log = await store.listAudit();
      assert.deepEqual(log.map((event) => event.seq), Array.from({ length: 24 }, (_, index) => index + 1));
      assert.deepEqual(await store.verifyAudit(), { ok: true, count: 24 });
    });

    test('a save whose revision does not follow the one it was based on is refused', async () => {
      const store = await storeWithRevision3(await openStore());
      const read = await store.getAppraisal('2026-10:E1001');
      assert.ok(read);
      const error = await rejection(store.putAppraisal({ ...read, revision: 5 }, { expectedRevision: 3 }));
      assert.ok(error instanceof StoreConflictError);
      assert.match(error.message, /revision 4/);
      assert.equal((await store.getAppraisal(read.id))?.revision, 3);
    });

    test('updating an appraisal that is not stored names it as not found', async () => {
      const store = await openStore();
      const error = await rejection(store.putAppraisal(appraisal({ id: '2026-10:E9999', revision: 4 }), { expectedRevision: 3 }));
      assert.ok(error instanceof StoreError);
      assert.equal(error.code, 'not-found');
      assert.match(error.message, /2026-10:E9999/);
    });

    test('an audit entry for another appraisal cannot ride along with a save', async () => {
      const store = await openStore();
      await assert.rejects(store.putAppraisal(appraisal({ id: '2026-10:E1001' }), { expectedRevision: 0, audit: [auditEntry('2026-10:E1002', 'open')] }), TypeError);
      assert.equal(await store.getAppraisal('2026-10:E1001'), undefined);
    });

    test('the stored appraisal is a copy: changing the caller\'s object afterwards changes nothing stored', async () => {
      const store = await openStore();
      const record = appraisal({ id: '2026-10:E1001' });
      await store.putAppraisal(record, { expectedRevision: 0 });
      record.status = 'published';
      record.sheet.entries['SP-D1'] = { count: 3 };
      const stored = await store.getAppraisal(record.id);
      assert.equal(stored?.status, 'open');
      assert.deepEqual(stored?.sheet.entries, {});
    });

    test('the exported audit log parses, carries every event and says whether the chain held', async () => {
      const store = await storeWithRevision3(await openStore());
      const exported = JSON.parse(await store.exportAudit()) as { events: AuditEvent[]; verification: { ok: boolean }; head: { seq: number } };
      assert.equal(exported.events.length, 3);
      assert.equal(exported.head.seq, 3);
      assert.deepEqual(exported.events, await store.listAudit());
      assert.equal(exported.verification.ok, true);
    });

    test('an inbox pages through a reviewer\'s tasks by id, with no task twice and none left out', async () => {
      const store = await openStore();
      const mine: string[] = [];
      for (let index = 0; index < 23; index += 1) {
        const id = `2026-10:E${String(1000 + index)}`;
        const assignees = index % 3 === 0 ? ['RM-SOUTH'] : ['RM-NORTH', 'VP'];
        if (assignees.includes('VP')) mine.push(id);
        await store.putAppraisal(appraisal({ id, assignees }), { expectedRevision: 0 });
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.listTasks('VP', { limit: 5, ...(cursor ? { cursor } : {}) });
        assert.ok(page.items.length <= 5);
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor);
      assert.deepEqual(seen, mine);
      assert.equal(pages, Math.ceil(mine.length / 5));
    });

    test('a reviewer\'s task count is what paging lists, and drops when a task moves on to someone else', async () => {
      const store = await openStore();
      let moving = appraisal({ id: '2026-10:E1000', assignees: ['VP'] });
      moving = await store.putAppraisal(moving, { expectedRevision: 0 });
      for (let index = 1; index < 12; index += 1) {
        const assignees = index % 4 === 0 ? ['HR'] : ['VP', 'HR'];
        await store.putAppraisal(appraisal({ id: `2026-10:E${1000 + index}`, assignees }), { expectedRevision: 0 });
      }
      const listed = (await store.listTasks('VP', { limit: 1000 })).items.length;
      assert.equal(await store.countTasks('VP'), listed);
      assert.equal(await store.countTasks('HR'), 11);
      assert.equal(await store.countTasks('RM-NORTH'), 0);
      await store.putAppraisal(nextRevision(moving, { assignees: ['HR'] }), { expectedRevision: moving.revision });
      assert.equal(await store.countTasks('VP'), listed - 1);
      assert.equal(await store.countTasks('HR'), 12);
    });

    test('appraisals are listed by period and status together', async () => {
      const store = await openStore();
      await store.putAppraisal(appraisal({ id: '2026-09:E1001', status: 'published' }), { expectedRevision: 0 });
      await store.putAppraisal(appraisal({ id: '2026-10:E1001', status: 'inReview' }), { expectedRevision: 0 });
      await store.putAppraisal(appraisal({ id: '2026-10:E1002', status: 'open' }), { expectedRevision: 0 });
      const page = await store.listAppraisals({ period: '2026-10', status: 'inReview' });
      assert.deepEqual(page.items.map((item) => item.id), ['2026-10:E1001']);
      assert.equal(page.nextCursor, undefined);
      assert.deepEqual((await store.listAppraisals({ employeeId: 'E1001' })).items.map((item) => item.id), ['2026-09:E1001', '2026-10:E1001']);
    });

    test('a stored rubric version never changes: the same content is accepted again, different content is refused', async () => {
      const store = await openStore();
      await store.putRubric(rubric(1));
      await store.putRubric(rubric(1));
      const error = await rejection(store.putRubric(rubric(1, '90')));
      assert.ok(error instanceof StoreError);
      assert.equal(error.code, 'conflict');
      assert.match(error.message, /version 2/);
      await store.putRubric(rubric(3, '90'));
      await store.putRubric(rubric(2, '95'));
      assert.deepEqual(await store.listRubricVersions('salesperson'), [1, 2, 3]);
      assert.equal((await store.getRubric('salesperson', 1))?.sections[0]?.points, '100');
    });

    test('two reviewers of one appraisal keep separate drafts, and a deleted draft is gone', async () => {
      const store = await openStore();
      const base = { appraisalId: '2026-10:E1001', baseRevision: 2, savedAt: '2026-11-02T09:00:00.000Z' };
      await store.saveDraft({ ...base, userId: 'VP', entries: { 'SP-D1': { count: 1 } } });
      await store.saveDraft({ ...base, userId: 'HR', entries: { 'SP-D1': { count: 4 } } });
      assert.deepEqual((await store.loadDraft('2026-10:E1001', 'VP'))?.entries, { 'SP-D1': { count: 1 } });
      await store.deleteDraft('2026-10:E1001', 'VP');
      assert.equal(await store.loadDraft('2026-10:E1001', 'VP'), undefined);
      assert.deepEqual((await store.loadDraft('2026-10:E1001', 'HR'))?.entries, { 'SP-D1': { count: 4 } });
    });

    test('two tabs of one person on draft revision 1: the first save is revision 2, the second is refused with it and writes nothing', async () => {
      const store = await openStore();
      const base = { appraisalId: '2026-10:E1001', userId: 'RM4', baseRevision: 2, savedAt: '2026-11-02T09:00:00.000Z' };
      assert.equal((await store.saveDraft({ ...base, entries: { 'SP-D1': { count: 1 } } }, { expectedRevision: 0 })).revision, 1);
      const tabA = await store.saveDraft({ ...base, entries: { 'SP-D1': { count: 1 }, 'SP-D6': { count: 1 } } }, { expectedRevision: 1 });
      assert.equal(tabA.revision, 2);
      const heard: StoreChange[] = [];
      const unsubscribe = store.subscribe((change) => heard.push(change));
      const error = await store.saveDraft({ ...base, entries: { 'SP-D1': { count: 1 }, 'SP-A': { count: 2 } } }, { expectedRevision: 1 }).then(() => undefined, (e: unknown) => e);
      unsubscribe();
      assert.ok(error instanceof DraftConflictError);
      assert.equal(error.code, 'conflict');
      assert.equal(error.expectedRevision, 1);
      assert.deepEqual(error.current, { ...base, entries: { 'SP-D1': { count: 1 }, 'SP-D6': { count: 1 } }, revision: 2 });
      assert.deepEqual(await store.loadDraft('2026-10:E1001', 'RM4'), { ...base, entries: { 'SP-D1': { count: 1 }, 'SP-D6': { count: 1 } }, revision: 2 });
      assert.deepEqual(heard, []);
      // Chosen deliberately: saved over revision 2, the other tab's typing goes.
      assert.equal((await store.saveDraft({ ...base, entries: { 'SP-A': { count: 2 } } }, { expectedRevision: 2 })).revision, 3);
      // Without an expected revision (a caller that keeps none), a save is written whatever is stored.
      assert.equal((await store.saveDraft({ ...base, entries: {} })).revision, 4);
    });

    test('a subscriber hears each accepted save until it unsubscribes, and never a refused one', async () => {
      const store = await storeWithRevision3(await openStore());
      const heard: StoreChange[] = [];
      const unsubscribe = store.subscribe((change) => heard.push(change));
      const read = (await store.getAppraisal('2026-10:E1001'))!;
      await store.putAppraisal(nextRevision(read, {}), { expectedRevision: 3 });
      await rejection(store.putAppraisal(nextRevision(read, {}), { expectedRevision: 3 }));
      unsubscribe();
      await store.putAppraisal(nextRevision(nextRevision(read, {}), {}), { expectedRevision: 4 });
      assert.deepEqual(heard, [{ type: 'appraisal', id: '2026-10:E1001', revision: 4, origin: 'local' }]);
    });

    test('a closed store refuses further work with a reason a person can act on', async () => {
      const store = await openStore();
      await store.close();
      const error = await rejection(store.getAppraisal('2026-10:E1001'));
      assert.ok(error instanceof StoreError);
      assert.equal(error.code, 'unavailable');
      assert.match(error.message, /closed/);
    });

    test('an appraisal as openAppraisal makes it (revision 0) is stored once as new, and a second creation is a conflict', async () => {
      const store = await openStore();
      const opened = appraisal({ id: '2026-10:S9', revision: 0 });
      const stored = await store.putAppraisal(opened, { expectedRevision: 0 });
      assert.equal(stored.revision, 0);
      await assert.rejects(store.putAppraisal(opened, { expectedRevision: 0 }), (error: unknown) =>
        error instanceof StoreConflictError && /already exists/.test(error.message));
      const next = await store.putAppraisal({ ...opened, revision: 1 }, { expectedRevision: 0 });
      assert.equal(next.revision, 1);
    });

  });
}
