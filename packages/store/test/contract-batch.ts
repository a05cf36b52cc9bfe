// The contract of putAppraisals, the batch HR writes when it opens a month: all or nothing, audit
// events chained in batch order, one notice per record. Shared by every KaoheStore's tests.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AppraisalRecord } from '@kaohe/workflow';
import { type AppraisalWrite, type KaoheStore, type StoreChange, StoreConflictError, StoreError } from '../src/index.ts';
import { rejection } from './contract-single.ts';
import { appraisal, auditEntry, nextRevision } from './fixtures.ts';

export const idOf = (index: number): string => `2026-10:E${1001 + index}`;

/** HR opening October: each appraisal new, with its opening as the one audit event. */
export function openingsOfOctober(count: number): AppraisalWrite[] {
  return Array.from({ length: count }, (_, index) => {
    const id = idOf(index);
    return { record: appraisal({ id, assignees: [`RM-${index % 4}`] }), expectedRevision: 0, audit: [auditEntry(id, 'open', 'HR', { employee: id })] };
  });
}

export async function everyAppraisal(store: KaoheStore): Promise<AppraisalRecord[]> {
  return (await store.listAppraisals({ limit: 1000 })).items;
}

/** A store where two of ten October appraisals were already moved on to revision 2 by a regional manager. */
async function octoberWithTwoScored<S extends KaoheStore>(store: S): Promise<{ store: S; stored: AppraisalRecord[] }> {
  const stored = await store.putAppraisals(openingsOfOctober(10));
  for (const index of [3, 7]) {
    const scored = nextRevision(stored[index]!, { status: 'inReview', updatedBy: 'RM-NORTH' });
    await store.putAppraisal(scored, { expectedRevision: 1, audit: [auditEntry(scored.id, 'submit')] });
  }
  return { store, stored };
}

/**
 * Registers the batch contract under `label`.
 * @param openStore gives an empty store, a new one for every test
 */
export function batchWriteContract(label: string, openStore: () => Promise<KaoheStore>): void {
  describe(label, () => {
    test('HR opens October for 300 employees in one batch: all are stored and the audit log holds their openings in batch order, chain intact', async () => {
      const store = await openStore();
      const batch = openingsOfOctober(300);
      const saved = await store.putAppraisals(batch);
      assert.deepEqual(saved.map((record) => record.id), batch.map((write) => write.record.id));
      assert.deepEqual(await everyAppraisal(store), saved);
      const log = await store.listAudit();
      assert.deepEqual(log.map((event) => event.appraisalId), batch.map((write) => write.record.id));
      assert.deepEqual(log.map((event) => event.seq), Array.from({ length: 300 }, (_, index) => index + 1));
      assert.deepEqual(await store.verifyAudit(), { ok: true, count: 300 });
    });

    test('a batch goes on the existing audit chain, and single saves after it go on after the batch', async () => {
      const store = await openStore();
      await store.putAppraisal(appraisal({ id: '2026-09:E1001' }), { expectedRevision: 0, audit: [auditEntry('2026-09:E1001', 'open')] });
      const [first] = await store.putAppraisals(openingsOfOctober(5));
      await store.putAppraisal(nextRevision(first!, {}), { expectedRevision: 1, audit: [auditEntry(first!.id, 'score')] });
      const log = await store.listAudit();
      assert.deepEqual(log.map((event) => event.action), ['open', 'open', 'open', 'open', 'open', 'open', 'score']);
      assert.equal(log[1]?.prevHash, log[0]?.hash);
      assert.equal(log[6]?.prevHash, log[5]?.hash);
      assert.deepEqual(await store.verifyAudit(), { ok: true, count: 7 });
    });

    test('a batch with two stale appraisals is refused whole: nothing is written, the error names the first and lists both', async () => {
      const { store } = await octoberWithTwoScored(await openStore());
      const before = await everyAppraisal(store);
      const logBefore = await store.listAudit();
      // HR returns all ten to scoring, based on the revision 1 it read before the manager's two submissions.
      const returned = before.map((record) => ({
        record: nextRevision({ ...record, revision: 1 }, { status: 'open', step: 'score', updatedBy: 'HR' }),
        expectedRevision: 1,
        audit: [auditEntry(record.id, 'return', 'HR')],
      }));
      const error = await rejection(store.putAppraisals(returned));
      assert.ok(error instanceof StoreConflictError);
      assert.equal(error.code, 'conflict');
      assert.equal(error.current?.id, idOf(3));
      assert.equal(error.current?.revision, 2);
      assert.equal(error.current?.updatedBy, 'RM-NORTH');
      assert.deepEqual(error.conflictingIds, [idOf(3), idOf(7)]);
      assert.match(error.message, new RegExp(`${idOf(3)}.*${idOf(7)}`));
      assert.match(error.message, /nothing in it was written/);
      assert.deepEqual(await everyAppraisal(store), before);
      assert.deepEqual(await store.listAudit(), logBefore);
      assert.deepEqual(await store.verifyAudit(), { ok: true, count: 12 });
    });

    test('opening a month twice is refused as a whole: every appraisal that already exists is listed', async () => {
      const store = await openStore();
      await store.putAppraisals(openingsOfOctober(3));
      const again = openingsOfOctober(5).map((write) => ({ ...write, record: { ...write.record, revision: 0 } }));
      const error = await rejection(store.putAppraisals(again));
      assert.ok(error instanceof StoreConflictError);
      assert.deepEqual(error.conflictingIds, [idOf(0), idOf(1), idOf(2)]);
      assert.match(error.message, /already exists/);
      assert.equal(await store.getAppraisal(idOf(3)), undefined);
      assert.equal((await store.listAudit()).length, 3);
    });

    test('a batch updating an appraisal that is not stored is refused as not found, and nothing else in it is written', async () => {
      const store = await openStore();
      const [stored] = await store.putAppraisals(openingsOfOctober(1));
      const error = await rejection(store.putAppraisals([
        { record: nextRevision(stored!, { status: 'inReview' }), expectedRevision: 1, audit: [auditEntry(stored!.id, 'submit')] },
        { record: appraisal({ id: '2026-10:E9999', revision: 4 }), expectedRevision: 3 },
      ]));
      assert.ok(error instanceof StoreError);
      assert.equal(error.code, 'not-found');
      assert.match(error.message, /2026-10:E9999/);
      assert.equal((await store.getAppraisal(stored!.id))?.revision, 1);
      assert.deepEqual((await store.listAudit()).map((event) => event.action), ['open']);
    });

    test('one appraisal twice in a batch, or an audit entry for another appraisal, is refused before anything is written', async () => {
      const store = await openStore();
      const [first, second] = openingsOfOctober(2);
      await assert.rejects(store.putAppraisals([first!, second!, first!]), (error: unknown) => error instanceof TypeError && /twice/.test(error.message));
      await assert.rejects(store.putAppraisals([first!, { ...second!, audit: [auditEntry(first!.record.id, 'open')] }]), TypeError);
      assert.deepEqual(await everyAppraisal(store), []);
      assert.deepEqual(await store.listAudit(), []);
    });

    test('subscribers hear one appraisal change per record of an accepted batch, in batch order, and nothing of a refused one', async () => {
      const { store, stored } = await octoberWithTwoScored(await openStore());
      const heard: StoreChange[] = [];
      store.subscribe((change) => heard.push(change));
      const fresh = [0, 1, 2].map((index) => ({ record: nextRevision(stored[index]!, { status: 'inReview' }), expectedRevision: 1 }));
      await store.putAppraisals(fresh);
      await rejection(store.putAppraisals([{ record: nextRevision(stored[4]!, {}), expectedRevision: 1 }, { record: nextRevision(stored[3]!, {}), expectedRevision: 1 }]));
      assert.deepEqual(await store.putAppraisals([]), []);
      assert.deepEqual(heard, [0, 1, 2].map((index) => ({ type: 'appraisal', id: idOf(index), revision: 2, origin: 'local' })));
    });

    test('a batch and single saves at the same moment all land, and the audit chain stays unbroken', async () => {
      const store = await openStore();
      const batch = openingsOfOctober(40);
      const singles = Array.from({ length: 6 }, (_, index) => appraisal({ id: `2026-11:E${1001 + index}` }));
      await Promise.all([
        ...singles.slice(0, 3).map((record) => store.putAppraisal(record, { expectedRevision: 0, audit: [auditEntry(record.id, 'open')] })),
        store.putAppraisals(batch),
        ...singles.slice(3).map((record) => store.putAppraisal(record, { expectedRevision: 0, audit: [auditEntry(record.id, 'open')] })),
      ]);
      assert.equal((await everyAppraisal(store)).length, 46);
      const log = await store.listAudit();
      // The batch's events stay together: no single save lands in the middle of its segment.
      const batchSeqs = log.filter((event) => event.appraisalId.startsWith('2026-10')).map((event) => event.seq);
      assert.equal(batchSeqs.length, 40);
      assert.equal(batchSeqs[39]! - batchSeqs[0]!, 39);
      assert.deepEqual(await store.verifyAudit(), { ok: true, count: 46 });
    });

  });
}
