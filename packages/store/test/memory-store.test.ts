import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditEvent } from '@kaohe/workflow';
import { MemoryStore, hashAuditEvent, verifyAuditChain } from '../src/index.ts';
import { singleWriteContract, storeWithRevision3 } from './contract-single.ts';
import { appraisal, nextRevision } from './fixtures.ts';

singleWriteContract('MemoryStore', async () => new MemoryStore());

test('task pages share one frozen copy per stored record; a write is listed at its new revision', async () => {
  const store = new MemoryStore();
  const first = appraisal({ id: '2026-10:E1001' });
  await store.putAppraisal(first, { expectedRevision: 0 });
  const [listed] = (await store.listTasks('RM-NORTH')).items;
  assert.equal(Object.isFrozen(listed) && Object.isFrozen(listed?.sheet.entries), true, 'frozen, deep');
  assert.equal((await store.listTasks('RM-NORTH')).items[0], listed, 'the same copy on the next page read');
  assert.equal(Object.isFrozen(await store.getAppraisal(first.id)), false, 'a single read is still a copy of its own');
  await store.putAppraisal(nextRevision(first, { step: 'firstReview' }), { expectedRevision: 1 });
  const [again] = (await store.listTasks('RM-NORTH')).items;
  assert.deepEqual([again?.revision, again?.step, listed?.revision, listed?.step], [2, 'firstReview', 1, 'score']);
});

// verifyAuditChain on its own: the log every store reads back, changed in each way an editor could.
async function loggedEvents(): Promise<AuditEvent[]> {
  const store = await storeWithRevision3(new MemoryStore());
  return store.listAudit();
}

test('an audit event changed after it was written is named by its seq', async () => {
  const events = await loggedEvents();
  const tampered = events.map((event) => (event.seq === 2 ? { ...event, actor: 'SOMEONE-ELSE' } : event));
  const result = await verifyAuditChain(tampered, { seq: 3, hash: events[2]!.hash });
  assert.equal(result.ok, false);
  assert.equal(result.ok === false && result.brokenAt, 2);
  assert.match(result.ok === false ? result.reason : '', /changed/);
});

test('an event re-hashed by whoever changed it still breaks the link to the next one', async () => {
  const events = await loggedEvents();
  const forged = { ...events[1]!, actor: 'SOMEONE-ELSE' };
  forged.hash = await hashAuditEvent(forged);
  const result = await verifyAuditChain([events[0]!, forged, events[2]!], { seq: 3, hash: events[2]!.hash });
  assert.deepEqual(result.ok === false && result.brokenAt, 3);
});

test('a removed audit event is reported as missing at its seq', async () => {
  const events = await loggedEvents();
  const result = await verifyAuditChain([events[0]!, events[2]!]);
  assert.equal(result.ok === false && result.brokenAt, 2);
  assert.match(result.ok === false ? result.reason : '', /missing/);
});

test('reordered audit events are detected', async () => {
  const events = await loggedEvents();
  const result = await verifyAuditChain([events[0]!, events[2]!, events[1]!]);
  assert.equal(result.ok, false);
  assert.equal(result.ok === false && result.brokenAt, 2);
});

test('a log cut short at its end is detected through the stored head', async () => {
  const events = await loggedEvents();
  const result = await verifyAuditChain(events.slice(0, 2), { seq: 3, hash: events[2]!.hash });
  assert.equal(result.ok === false && result.brokenAt, 3);
});
