import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { DraftAutosaver, MemoryStore, StoreError, newerDraft, storageKeptDrafts, type AutosaveHost } from '../src/index.ts';
import { appraisal } from './fixtures.ts';

const ids = { appraisalId: '2026-10:E1001', userId: 'RM-NORTH' };

/** A store whose draft writes fail while `failing` is set, as when the disk is full. */
function flakyStore(): MemoryStore & { failing: boolean; attempts: number } {
  const store = Object.assign(new MemoryStore(), { failing: false, attempts: 0 });
  const save = store.saveDraft.bind(store);
  store.saveDraft = async (draft) => {
    store.attempts += 1;
    if (store.failing) throw new StoreError('quota', 'storage is full');
    return save(draft);
  };
  return store;
}

test('an assessor who keeps typing still has the draft stored within one second of the first change', async () => {
  const store = new MemoryStore();
  const autosaver = new DraftAutosaver(store, { ...ids, delayMs: 300, baseRevision: 2 });
  const started = Date.now();
  let count = 0;
  while (Date.now() - started < 1200) {
    count += 1;
    autosaver.update({ 'SP-D1': { count } });
    const draft = await store.loadDraft(ids.appraisalId, ids.userId);
    if (draft) break;
    await sleep(50);
  }
  const elapsed = Date.now() - started;
  const draft = await store.loadDraft(ids.appraisalId, ids.userId);
  assert.ok(draft, 'the draft reached the store while typing went on');
  assert.ok(elapsed < 1000, `stored after ${elapsed} ms`);
  assert.equal(draft.baseRevision, 2);
  await autosaver.dispose();
});

test('a draft the store refused stays pending, is reported, and reaches the store once it accepts again', async () => {
  const store = flakyStore();
  const errors: unknown[] = [];
  const autosaver = new DraftAutosaver(store, { ...ids, delayMs: 10, retryMs: 20, baseRevision: 0, onError: (error) => errors.push(error) });
  store.failing = true;
  autosaver.update({ 'SP-D1': { count: 2 } });
  await sleep(60);
  assert.equal(autosaver.pending, true);
  assert.ok(errors[0] instanceof StoreError && errors[0].code === 'quota');
  assert.equal(await store.loadDraft(ids.appraisalId, ids.userId), undefined);
  store.failing = false;
  await sleep(200);
  assert.equal(autosaver.pending, false);
  assert.deepEqual((await store.loadDraft(ids.appraisalId, ids.userId))?.entries, { 'SP-D1': { count: 2 } });
  await autosaver.dispose();
});

test('flush writes at once and rejects while the store refuses, keeping the change', async () => {
  const store = flakyStore();
  const autosaver = new DraftAutosaver(store, { ...ids, delayMs: 10_000, retryMs: 10_000, baseRevision: 0 });
  autosaver.update({ 'SP-D1': { count: 1 } });
  store.failing = true;
  await assert.rejects(autosaver.flush(), (error: unknown) => error instanceof StoreError && error.code === 'quota');
  assert.equal(autosaver.pending, true);
  store.failing = false;
  await autosaver.flush();
  assert.equal(autosaver.pending, false);
  assert.deepEqual((await store.loadDraft(ids.appraisalId, ids.userId))?.entries, { 'SP-D1': { count: 1 } });
  await autosaver.dispose();
});

test('leaving the page flushes the draft without waiting for the timer', async () => {
  const store = new MemoryStore();
  const page = new EventTarget();
  const document = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState });
  const host = Object.assign(page, { document }) as unknown as AutosaveHost;
  const autosaver = new DraftAutosaver(store, { ...ids, delayMs: 60_000, baseRevision: 1, window: host });
  autosaver.update({ 'SP-D1': { count: 3 } });
  document.visibilityState = 'hidden';
  document.dispatchEvent(new Event('visibilitychange'));
  await sleep(20);
  assert.deepEqual((await store.loadDraft(ids.appraisalId, ids.userId))?.entries, { 'SP-D1': { count: 3 } });
  autosaver.update({ 'SP-D1': { count: 4 } });
  page.dispatchEvent(new Event('pagehide'));
  await sleep(20);
  assert.deepEqual((await store.loadDraft(ids.appraisalId, ids.userId))?.entries, { 'SP-D1': { count: 4 } });
  await autosaver.dispose();
});

test('a later change made during a slow save is saved after it, never lost behind it', async () => {
  const store = new MemoryStore();
  const save = store.saveDraft.bind(store);
  store.saveDraft = async (draft) => {
    await sleep(40);
    return save(draft);
  };
  const autosaver = new DraftAutosaver(store, { ...ids, delayMs: 5, baseRevision: 0 });
  autosaver.update({ 'SP-D1': { count: 1 } });
  await sleep(15);
  autosaver.update({ 'SP-D1': { count: 2 } });
  await autosaver.flush();
  assert.equal(autosaver.pending, false);
  assert.deepEqual((await store.loadDraft(ids.appraisalId, ids.userId))?.entries, { 'SP-D1': { count: 2 } });
  await autosaver.dispose();
});

test('without a given base revision, the draft records the revision stored when it was first saved', async () => {
  const store = new MemoryStore();
  await store.putAppraisal(appraisal({ id: ids.appraisalId }), { expectedRevision: 0 });
  const autosaver = new DraftAutosaver(store, ids);
  autosaver.update({ 'SP-D1': { count: 1 } });
  await autosaver.flush();
  assert.equal((await store.loadDraft(ids.appraisalId, ids.userId))?.baseRevision, 1);
  await autosaver.dispose();
});

test('a page hidden while a save can\'t land (offline, or gone at once) keeps the typing synchronously, and forgets it once stored', async () => {
  const store = flakyStore();
  store.failing = true;
  const shelf = new Map<string, string>();
  const kept = storageKeptDrafts({ getItem: (key) => shelf.get(key) ?? null, setItem: (key, value) => void shelf.set(key, value), removeItem: (key) => void shelf.delete(key) });
  assert.ok(kept);
  const page = new EventTarget();
  const host = page as unknown as AutosaveHost;
  const autosaver = new DraftAutosaver(store, { ...ids, delayMs: 60_000, baseRevision: 4, window: host, kept, retryMs: 10, now: () => new Date('2026-11-05T02:00:00.000Z') });
  autosaver.update({ 'SP-D1': { count: 2 } }, { absentDays: '1.5' });
  page.dispatchEvent(new Event('pagehide'));
  // on the shelf before any await: a page unloaded right after pagehide has it
  assert.deepEqual(kept.kept(ids.appraisalId, ids.userId), {
    appraisalId: ids.appraisalId, userId: ids.userId, entries: { 'SP-D1': { count: 2 } }, attendance: { absentDays: '1.5' },
    baseRevision: 4, savedAt: '2026-11-05T02:00:00.000Z',
  });
  assert.equal(kept.kept(ids.appraisalId, 'SOMEONE-ELSE'), undefined, 'a person\'s kept draft is theirs only');
  store.failing = false;
  await autosaver.flush();
  assert.deepEqual((await store.loadDraft(ids.appraisalId, ids.userId))?.entries, { 'SP-D1': { count: 2 } });
  assert.equal(kept.kept(ids.appraisalId, ids.userId), undefined, 'forgotten once the store holds it');
  await autosaver.dispose();
});

test('newerDraft: the kept draft wins only when it is newer than the stored one', () => {
  const base = { appraisalId: ids.appraisalId, userId: ids.userId, baseRevision: 1 };
  const stored = { ...base, entries: { 'SP-D1': { count: 1 } }, savedAt: '2026-11-05T02:00:00.000Z' };
  const kept = { ...base, entries: { 'SP-D1': { count: 2 } }, savedAt: '2026-11-05T02:00:01.000Z' };
  assert.equal(newerDraft(stored, kept), kept);
  assert.equal(newerDraft({ ...stored, savedAt: '2026-11-05T02:00:02.000Z' }, kept)?.entries['SP-D1'], stored.entries['SP-D1']);
  assert.equal(newerDraft(undefined, kept), kept);
  assert.equal(newerDraft(stored, undefined), stored);
});
