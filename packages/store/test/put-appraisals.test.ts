// putAppraisals through StoreBase on MemoryStore: the batch HR writes when it opens a month.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type AppraisalCommit, type CommitOutcome, MemoryStore, headAfter, sealAuditEvents } from '../src/index.ts';
import { batchWriteContract, everyAppraisal, openingsOfOctober } from './contract-batch.ts';
import { appraisal, auditEntry } from './fixtures.ts';

batchWriteContract('MemoryStore', async () => new MemoryStore());

/** A store where another writer (a tab without Web Locks) appends to the log between the batch's sealing and its commit, once. */
class RacedStore extends MemoryStore {
  commits = 0;

  protected override async commitAppraisals(commit: AppraisalCommit): Promise<CommitOutcome> {
    this.commits += 1;
    if (this.commits === 1 && commit.seenHead) {
      const other = appraisal({ id: '2026-10:E0001', updatedBy: 'OTHER-TAB' });
      const events = await sealAuditEvents(commit.seenHead, [auditEntry(other.id, 'open', 'OTHER-TAB')]);
      await super.commitAppraisals({ writes: [{ record: other, expectedRevision: 0 }], seenHead: commit.seenHead, events, newHead: headAfter(commit.seenHead, events) });
    }
    return super.commitAppraisals(commit);
  }
}

test('when another writer appends while a batch is being sealed, the batch is chained again after it and lands once', async () => {
  const store = new RacedStore();
  const saved = await store.putAppraisals(openingsOfOctober(20));
  assert.equal(saved.length, 20);
  assert.equal(store.commits, 2);
  const log = await store.listAudit();
  assert.deepEqual(log.map((event) => event.actor), ['OTHER-TAB', ...Array.from({ length: 20 }, () => 'HR')]);
  assert.equal(log[1]?.prevHash, log[0]?.hash);
  assert.deepEqual(await store.verifyAudit(), { ok: true, count: 21 });
  assert.equal((await everyAppraisal(store)).length, 21);
});
