import { expect } from '@open-wc/testing';
import type { AppraisalRecord } from '@kaohe/workflow';
import {
  DraftAutosaver, DraftConflictError, IdbStore, SCHEMA_VERSION, StoreConflictError, StoreError, sealAuditEvents, EMPTY_HEAD, type AppraisalWrite, type StoreChange,
} from '../src/index.ts';
import { appraisal, auditEntry, nextRevision, rubric } from './fixtures.ts';


// ---- raw IndexedDB, so the tests check the stored bytes without going through the code under test ----

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function rawOpen(name: string, version?: number, upgrade?: (db: IDBDatabase, tx: IDBTransaction) => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, version);
    req.onupgradeneeded = () => upgrade?.(req.result, req.transaction!);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error);
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the store to refuse');
}

function nextChange(store: IdbStore, accept: (change: StoreChange) => boolean, timeoutMs = 2000): Promise<StoreChange> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { unsubscribe(); reject(new Error('no change notice arrived')); }, timeoutMs);
    const unsubscribe = store.subscribe((change) => {
      if (!accept(change)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(change);
    });
  });
}

/** The layout Kaohe 0.0 wrote: schema version 1, before the task index and pinned rubric versions. */
function createVersion1(name: string): Promise<IDBDatabase> {
  return rawOpen(name, 1, (db) => {
    db.createObjectStore('appraisals', { keyPath: 'id' });
    db.createObjectStore('audit', { keyPath: 'seq' }).createIndex('appraisalId', 'appraisalId');
    db.createObjectStore('drafts', { keyPath: ['appraisalId', 'userId'] });
    db.createObjectStore('rubrics', { keyPath: ['id', 'version'] });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- per-test databases ----

let databases: string[] = [];
let opened: IdbStore[] = [];

function freshName(): string {
  const name = `kaohe-test-${crypto.randomUUID()}`;
  databases.push(name);
  return name;
}

async function open(name: string): Promise<IdbStore> {
  const store = await IdbStore.open(name, { blockedTimeoutMs: 300 });
  opened.push(store);
  return store;
}

async function withRevision3(store: IdbStore, id = '2026-10:E1001'): Promise<AppraisalRecord> {
  let record = appraisal({ id });
  await store.putAppraisal(record, { expectedRevision: 0, audit: [auditEntry(id, 'open')] });
  for (const action of ['score', 'submit']) {
    record = nextRevision(record, {});
    await store.putAppraisal(record, { expectedRevision: record.revision - 1, audit: [auditEntry(id, action)] });
  }
  return record;
}

afterEach(async () => {
  for (const store of opened) await store.close();
  for (const name of databases) await IdbStore.deleteDatabase(name);
  opened = [];
  databases = [];
});

describe('IdbStore in a real browser', () => {
  it('a reload restores the assessor\'s draft exactly as it was typed', async () => {
    const name = freshName();
    const before = await open(name);
    const draft = {
      appraisalId: '2026-10:E1001', userId: 'RM-NORTH', baseRevision: 3, savedAt: '2026-11-02T09:15:00.000Z',
      entries: { 'SP-D1': { count: 2 }, 'FS-3': { deductions: [{ option: 'minor', amount: '7.5', reason: '客戶投訴 complaint' }] } },
      attendance: { absentDays: '1.5' },
    };
    await before.saveDraft(draft);
    await before.close();

    const after = await open(name);
    // the store counts the draft's saves: its first is revision 1
    expect(await after.loadDraft('2026-10:E1001', 'RM-NORTH')).to.deep.equal({ ...draft, revision: 1 });
  });

  it('a change handed to the autosaver is in IndexedDB within one second', async () => {
    const name = freshName();
    const tab = await open(name);
    const reader = await open(name);
    const autosaver = new DraftAutosaver(tab, { appraisalId: '2026-10:E1001', userId: 'RM-NORTH', baseRevision: 0 });
    const started = performance.now();
    autosaver.update({ 'SP-D1': { count: 1 } });
    let stored = await reader.loadDraft('2026-10:E1001', 'RM-NORTH');
    while (!stored && performance.now() - started < 1500) {
      await sleep(25);
      stored = await reader.loadDraft('2026-10:E1001', 'RM-NORTH');
    }
    const elapsed = performance.now() - started;
    expect(stored?.entries).to.deep.equal({ 'SP-D1': { count: 1 } });
    expect(elapsed, `stored after ${Math.round(elapsed)} ms`).to.be.below(1000);
    expect(autosaver.pending).to.equal(false);
    await autosaver.dispose();
  });

  it('two tabs on revision 3: the first save wins, the second is refused with the current record, and the second tab hears the first', async () => {
    const name = freshName();
    const vpTab = await open(name);
    const hrTab = await open(name);
    await withRevision3(vpTab);
    const vpRead = (await vpTab.getAppraisal('2026-10:E1001'))!;
    const hrRead = (await hrTab.getAppraisal('2026-10:E1001'))!;
    expect(vpRead.revision).to.equal(3);
    expect(hrRead.revision).to.equal(3);

    const heard = nextChange(hrTab, (change) => change.type === 'appraisal' && change.revision === 4);
    await vpTab.putAppraisal(nextRevision(vpRead, { status: 'inReview', step: 'hrReview', assignees: ['HR'], updatedBy: 'VP' }),
      { expectedRevision: 3, audit: [auditEntry(vpRead.id, 'approve', 'VP')] });
    expect(await heard).to.deep.equal({ type: 'appraisal', id: '2026-10:E1001', revision: 4, origin: 'remote' });

    const error = await rejection(hrTab.putAppraisal(nextRevision(hrRead, { status: 'open', step: 'score', updatedBy: 'HR' }),
      { expectedRevision: 3, audit: [auditEntry(hrRead.id, 'return', 'HR')] }));
    expect(error).to.be.instanceOf(StoreConflictError);
    expect((error as StoreConflictError).current?.updatedBy).to.equal('VP');
    expect((error as StoreConflictError).current?.revision).to.equal(4);

    const stored = await hrTab.getAppraisal('2026-10:E1001');
    expect(stored?.updatedBy).to.equal('VP');
    expect(stored?.step).to.equal('hrReview');
    expect((await hrTab.listAudit('2026-10:E1001')).map((event) => event.action)).to.deep.equal(['open', 'score', 'submit', 'approve']);
  });

  it('two tabs of one person on the same draft: the first save wins, the second is refused with it, and the autosaver of the second holds its typing for the person to choose', async () => {
    const name = freshName();
    const tabA = await open(name);
    const tabB = await open(name);
    const base = { appraisalId: '2026-10:SP41', userId: 'RM4', baseRevision: 3, savedAt: '2026-11-02T09:00:00.000Z' };
    expect((await tabA.saveDraft({ ...base, entries: { 'SP-D6': { count: 1 } } }, { expectedRevision: 0 })).revision).to.equal(1);

    const conflicts: DraftConflictError[] = [];
    const autosaver = new DraftAutosaver(tabB, { appraisalId: base.appraisalId, userId: 'RM4', baseRevision: 3, delayMs: 10, onConflict: (error) => conflicts.push(error) });
    autosaver.draftRevision = 0;
    autosaver.update({ 'SP-A': { count: 2 } });
    const refused = await rejection(autosaver.flush());
    expect(refused).to.be.instanceOf(DraftConflictError);
    expect(conflicts.map((error) => error.current?.entries)).to.deep.equal([{ 'SP-D6': { count: 1 } }]);
    expect(autosaver.pending).to.equal(true);
    expect((await tabA.loadDraft(base.appraisalId, 'RM4'))?.entries).to.deep.equal({ 'SP-D6': { count: 1 } });

    // The person keeps what tab B holds, deliberately: saved over revision 1.
    autosaver.keepMine(1);
    await autosaver.flush();
    expect(await tabA.loadDraft(base.appraisalId, 'RM4')).to.include({ revision: 2 });
    expect((await tabA.loadDraft(base.appraisalId, 'RM4'))?.entries).to.deep.equal({ 'SP-A': { count: 2 } });
    await autosaver.dispose();
  });

  it('tabs taking turns keep one unbroken audit chain', async () => {
    const name = freshName();
    const first = await open(name);
    const second = await open(name);
    // Each tab remembers where the log ended after its own last append; the other tab's appends must not fork the chain.
    for (let index = 0; index < 6; index += 1) {
      const tab = index % 2 === 0 ? first : second;
      const id = `2026-10:E${1001 + index}`;
      await tab.putAppraisal(appraisal({ id }), { expectedRevision: 0, audit: [auditEntry(id, 'open'), auditEntry(id, 'assign')] });
    }
    expect(await second.verifyAudit()).to.deep.equal({ ok: true, count: 12 });
    expect((await first.listAudit()).map((event) => event.seq)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('a version 1 database from an earlier Kaohe migrates with its appraisals, drafts, rubrics and audit log intact', async () => {
    const name = freshName();
    const v1 = await createVersion1(name);
    const withoutVersion = (record: AppraisalRecord) => {
      const { rubricVersion: _dropped, ...old } = record;
      return old;
    };
    const scoredOnV3 = appraisal({ id: '2026-09:E1001', assignees: ['VP'], sheet: { ...appraisal({ id: '2026-09:E1001' }).sheet, rubricVersion: 3 } });
    const unpinned = appraisal({ id: '2026-09:E1002', assignees: ['VP', 'HR'] });
    const { rubricVersion: _none, ...unpinnedSheet } = unpinned.sheet;
    const events = await sealAuditEvents(EMPTY_HEAD, [auditEntry(scoredOnV3.id, 'open'), auditEntry(unpinned.id, 'open')]);
    const draft = { appraisalId: unpinned.id, userId: 'VP', entries: { 'SP-D1': { count: 1 } }, baseRevision: 1, savedAt: '2026-10-03T08:00:00.000Z' };
    const tx = v1.transaction(['appraisals', 'audit', 'drafts', 'rubrics'], 'readwrite');
    tx.objectStore('appraisals').put(withoutVersion(scoredOnV3));
    tx.objectStore('appraisals').put({ ...withoutVersion(unpinned), sheet: unpinnedSheet });
    for (const event of events) tx.objectStore('audit').put(event);
    tx.objectStore('drafts').put(draft);
    tx.objectStore('rubrics').put(rubric(1));
    await done(tx);
    v1.close();

    const store = await open(name);
    expect((await store.getAppraisal(scoredOnV3.id))?.rubricVersion).to.equal(3);
    expect((await store.getAppraisal(unpinned.id))?.rubricVersion).to.equal(1);
    expect((await store.getAppraisal(unpinned.id))?.sheet).to.deep.equal(unpinnedSheet);
    expect((await store.listTasks('VP')).items.map((item) => item.id)).to.deep.equal([scoredOnV3.id, unpinned.id]);
    expect((await store.listTasks('HR')).items.map((item) => item.id)).to.deep.equal([unpinned.id]);
    expect(await store.loadDraft(unpinned.id, 'VP')).to.deep.equal(draft);
    expect(await store.getRubric('salesperson', 1)).to.deep.equal(rubric(1));
    expect(await store.verifyAudit()).to.deep.equal({ ok: true, count: 2 });

    // The log written under version 1 goes on as the same chain.
    const reopened = nextRevision((await store.getAppraisal(unpinned.id))!, { status: 'reopened' });
    await store.putAppraisal(reopened, { expectedRevision: 1, audit: [auditEntry(unpinned.id, 'reopen', 'HR')] });
    const log = await store.listAudit();
    expect(log.map((event) => event.seq)).to.deep.equal([1, 2, 3]);
    expect(log[2]?.prevHash).to.equal(events[1]?.hash);
    expect(await store.verifyAudit()).to.deep.equal({ ok: true, count: 3 });

    const raw = await rawOpen(name);
    expect(raw.version).to.equal(SCHEMA_VERSION);
    expect(raw.transaction('appraisals').objectStore('appraisals').index('assignees').multiEntry).to.equal(true);
    raw.close();
  });

  it('a full disk is reported as a quota error, the draft stays pending in memory, and it is saved once space is back', async () => {
    const name = freshName();
    const store = await open(name);
    const errors: unknown[] = [];
    const autosaver = new DraftAutosaver(store, {
      appraisalId: '2026-10:E1001', userId: 'RM-NORTH', baseRevision: 0, delayMs: 50_000, retryMs: 50_000, onError: (error) => errors.push(error),
    });
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function quotaExceeded(): IDBRequest<IDBValidKey> {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      autosaver.update({ 'SP-D1': { count: 5 } });
      const error = await rejection(autosaver.flush());
      expect(error).to.be.instanceOf(StoreError);
      expect((error as StoreError).code).to.equal('quota');
      expect((error as StoreError).message).to.match(/kept in this tab/);
      expect(errors).to.have.length(1);
      expect(autosaver.pending).to.equal(true);
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect(await store.loadDraft('2026-10:E1001', 'RM-NORTH')).to.equal(undefined);
    await autosaver.flush();
    expect(autosaver.pending).to.equal(false);
    expect((await store.loadDraft('2026-10:E1001', 'RM-NORTH'))?.entries).to.deep.equal({ 'SP-D1': { count: 5 } });
    await autosaver.dispose();
  });

  it('an appraisal save that fails for lack of space leaves neither the appraisal nor its audit events behind', async () => {
    const store = await open(freshName());
    const record = await withRevision3(store);
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function quotaExceeded(this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>): IDBRequest<IDBValidKey> {
      if (this.name === 'appraisals') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
    let error: unknown;
    try {
      error = await rejection(store.putAppraisal(nextRevision(record, { status: 'inReview' }), { expectedRevision: 3, audit: [auditEntry(record.id, 'approve', 'VP')] }));
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect((error as StoreError).code).to.equal('quota');
    expect((await store.getAppraisal(record.id))?.revision).to.equal(3);
    expect(await store.listAudit()).to.have.length(3);
    expect(await store.verifyAudit()).to.deep.equal({ ok: true, count: 3 });
  });

  it('an audit event edited behind the store\'s back is named by its seq', async () => {
    const name = freshName();
    const store = await open(name);
    await withRevision3(store);
    expect(await store.verifyAudit()).to.deep.equal({ ok: true, count: 3 });

    const raw = await rawOpen(name);
    const tx = raw.transaction('audit', 'readwrite');
    const event = await request(tx.objectStore('audit').get(2));
    tx.objectStore('audit').put({ ...event, actor: 'GM', after: { score: '100' } });
    await done(tx);
    raw.close();

    const result = await store.verifyAudit();
    expect(result.ok).to.equal(false);
    expect(result.ok === false && result.brokenAt).to.equal(2);
    expect(result.ok === false && result.reason).to.match(/changed/);
    expect(JSON.parse(await store.exportAudit()).verification.brokenAt).to.equal(2);
  });

  it('an audit event deleted behind the store\'s back is named by its seq', async () => {
    const name = freshName();
    const store = await open(name);
    await withRevision3(store);
    const raw = await rawOpen(name);
    const tx = raw.transaction('audit', 'readwrite');
    tx.objectStore('audit').delete(3);
    await done(tx);
    raw.close();
    const result = await store.verifyAudit();
    expect(result.ok === false && result.brokenAt).to.equal(3);
  });

  it('an inbox pages through one reviewer\'s tasks without repeats or gaps', async () => {
    const store = await open(freshName());
    const expected: string[] = [];
    for (let index = 0; index < 30; index += 1) {
      const id = `2026-10:E${1000 + index}`;
      const assignees = index % 4 === 0 ? ['RM-SOUTH'] : index % 4 === 1 ? ['VP', 'VP', 'HR'] : ['VP'];
      if (assignees.includes('VP')) expected.push(id);
      await store.putAppraisal(appraisal({ id, assignees }), { expectedRevision: 0 });
    }
    const seen: string[] = [];
    const pageSizes: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listTasks('VP', { limit: 4, ...(cursor ? { cursor } : {}) });
      pageSizes.push(page.items.length);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).to.deep.equal(expected);
    expect(pageSizes).to.deep.equal([4, 4, 4, 4, 4, 2]);
    const october = await store.listAppraisals({ period: '2026-10', limit: 10 });
    expect(october.items).to.have.length(10);
    expect((await store.listAppraisals({ period: '2026-10', cursor: october.nextCursor!, limit: 100 })).items).to.have.length(20);
  });

  it('a reviewer\'s task count is read from the assignees index: what paging lists, a duplicate assignee counted once', async () => {
    const store = await open(freshName());
    let expected = 0;
    for (let index = 0; index < 30; index += 1) {
      const assignees = index % 4 === 0 ? ['RM-SOUTH'] : index % 4 === 1 ? ['VP', 'VP', 'HR'] : ['VP'];
      if (assignees.includes('VP')) expected += 1;
      await store.putAppraisal(appraisal({ id: `2026-10:E${1000 + index}`, assignees }), { expectedRevision: 0 });
    }
    expect(await store.countTasks('VP')).to.equal(expected);
    expect(await store.countTasks('VP')).to.equal((await store.listTasks('VP', { limit: 1000 })).items.length);
    expect(await store.countTasks('RM-SOUTH')).to.equal(8);
    expect(await store.countTasks('nobody')).to.equal(0);
  });

  it('a tab stuck on the old schema blocks the upgrade with a message that says to close it', async () => {
    const name = freshName();
    const stuck = await createVersion1(name);
    const error = await rejection(IdbStore.open(name, { blockedTimeoutMs: 200 }));
    stuck.close();
    expect((error as StoreError).code).to.equal('blocked');
    expect((error as StoreError).message).to.match(/other Kaohe tabs/);
    await sleep(50);
  });

  it('an upgrade that cannot complete is rolled back and leaves the version 1 data as it was', async () => {
    const name = freshName();
    // A damaged version 1 database: the audit store is missing, so the step to version 2 cannot finish.
    const damaged = await rawOpen(name, 1, (db) => { db.createObjectStore('appraisals', { keyPath: 'id' }); });
    const tx = damaged.transaction('appraisals', 'readwrite');
    tx.objectStore('appraisals').put(appraisal({ id: '2026-09:E1001' }));
    await done(tx);
    damaged.close();

    const error = await rejection(IdbStore.open(name));
    expect((error as StoreError).code).to.equal('unavailable');
    expect((error as StoreError).message).to.match(/upgrading the stored data failed.*Nothing was changed/);
    const raw = await rawOpen(name);
    expect(raw.version).to.equal(1);
    const kept = await request(raw.transaction('appraisals').objectStore('appraisals').get('2026-09:E1001'));
    expect(kept).to.deep.equal(appraisal({ id: '2026-09:E1001' }));
    raw.close();
  });

  it('this tab steps aside when another tab upgrades, and says so instead of failing silently', async () => {
    const name = freshName();
    const store = await open(name);
    const closed = nextChange(store, (change) => change.type === 'closed');
    const newer = await rawOpen(name, SCHEMA_VERSION + 1);
    expect(await closed).to.deep.equal({ type: 'closed', reason: 'upgrade', origin: 'local' });
    newer.close();
    const error = await rejection(store.getAppraisal('2026-10:E1001'));
    expect((error as StoreError).code).to.equal('unavailable');
    expect((error as StoreError).message).to.match(/Reload/);
  });

  it('where IndexedDB refuses to open (private mode, policy) the error says what to do', async () => {
    const openOriginal = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function refuse(): IDBOpenDBRequest {
      throw new DOMException('The user denied permission to access the database.', 'InvalidStateError');
    };
    let error: unknown;
    try {
      error = await rejection(IdbStore.open(freshName()));
    } finally {
      IDBFactory.prototype.open = openOriginal;
    }
    expect((error as StoreError).code).to.equal('unavailable');
    expect((error as StoreError).message).to.match(/private browsing/);
  });

  it('a rubric version, once stored, cannot be replaced with different content', async () => {
    const store = await open(freshName());
    await store.putRubric(rubric(1));
    const error = await rejection(store.putRubric(rubric(1, '90')));
    expect((error as StoreError).code).to.equal('conflict');
    await store.putRubric(rubric(2, '90'));
    expect(await store.listRubricVersions('salesperson')).to.deep.equal([1, 2]);
    expect((await store.getRubric('salesperson', 1))?.sections[0]?.points).to.equal('100');
  });
});

// ---- putAppraisals: HR opening a month for a large company ----

const monthOfOpenings = (count: number, period = '2026-10'): AppraisalWrite[] =>
  Array.from({ length: count }, (_, index) => {
    const id = `${period}:E${10_000 + index}`;
    return { record: appraisal({ id, assignees: [`RM-${index % 8}`] }), expectedRevision: 0, audit: [auditEntry(id, 'open', 'HR')] };
  });

/** Counts the read-write transactions opened on any database while `body` runs. */
async function countWriteTransactions(body: () => Promise<unknown>): Promise<number> {
  const original = IDBDatabase.prototype.transaction;
  let count = 0;
  IDBDatabase.prototype.transaction = function counted(this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>): IDBTransaction {
    if (args[1] === 'readwrite') count += 1;
    return original.apply(this, args);
  };
  try {
    await body();
  } finally {
    IDBDatabase.prototype.transaction = original;
  }
  return count;
}

async function rawCount(name: string, storeName: 'appraisals' | 'audit'): Promise<number> {
  const raw = await rawOpen(name);
  try {
    return await request(raw.transaction(storeName).objectStore(storeName).count());
  } finally {
    raw.close();
  }
}

describe('IdbStore.putAppraisals in a real browser', () => {
  it('HR opens a month of 1,000 appraisals in one transaction: all are stored, each reviewer sees theirs, the audit chain verifies', async () => {
    const name = freshName();
    const store = await open(name);
    const batch = monthOfOpenings(1000);
    let saved: AppraisalRecord[] = [];
    const transactions = await countWriteTransactions(async () => { saved = await store.putAppraisals(batch); });
    expect(transactions).to.equal(1);
    expect(saved.map((record) => record.id)).to.deep.equal(batch.map((write) => write.record.id));
    expect(await rawCount(name, 'appraisals')).to.equal(1000);
    expect(await rawCount(name, 'audit')).to.equal(1000);
    expect((await store.listTasks('RM-3', { limit: 1000 })).items).to.have.length(125);
    expect((await store.listAudit()).map((event) => event.appraisalId)).to.deep.equal(batch.map((write) => write.record.id));
    expect(await store.verifyAudit()).to.deep.equal({ ok: true, count: 1000 });
  });

  it('one appraisal another tab moved on makes the whole batch of 1,000 refused, with nothing written', async () => {
    const name = freshName();
    const hrTab = await open(name);
    const managerTab = await open(name);
    const opened = await hrTab.putAppraisals(monthOfOpenings(1000));
    const moved = nextRevision(opened[700]!, { status: 'inReview', updatedBy: 'RM-4' });
    await managerTab.putAppraisal(moved, { expectedRevision: 1, audit: [auditEntry(moved.id, 'submit', 'RM-4')] });

    // HR, still looking at revision 1 of every appraisal, reassigns them all.
    const reassigned = opened.map((record) => ({
      record: nextRevision(record, { assignees: ['VP'], updatedBy: 'HR' }), expectedRevision: 1, audit: [auditEntry(record.id, 'reassign', 'HR')],
    }));
    const error = await rejection(hrTab.putAppraisals(reassigned));
    expect(error).to.be.instanceOf(StoreConflictError);
    expect((error as StoreConflictError).current?.id).to.equal(moved.id);
    expect((error as StoreConflictError).current?.updatedBy).to.equal('RM-4');
    expect((error as StoreConflictError).conflictingIds).to.deep.equal([moved.id]);
    expect((error as StoreConflictError).message).to.match(/nothing in it was written/);

    expect((await hrTab.listTasks('VP')).items).to.have.length(0);
    expect(await rawCount(name, 'audit')).to.equal(1001);
    expect((await hrTab.getAppraisal(opened[0]!.id))?.revision).to.equal(1);
    expect(await hrTab.verifyAudit()).to.deep.equal({ ok: true, count: 1001 });
  });

  it('a batch that runs out of space halfway leaves neither appraisals nor audit events behind', async () => {
    const name = freshName();
    const store = await open(name);
    await withRevision3(store);
    const put = IDBObjectStore.prototype.put;
    let appraisalPuts = 0;
    IDBObjectStore.prototype.put = function quotaHalfway(this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>): IDBRequest<IDBValidKey> {
      if (this.name === 'appraisals' && ++appraisalPuts === 600) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
    let error: unknown;
    try {
      error = await rejection(store.putAppraisals(monthOfOpenings(1000)));
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect(appraisalPuts).to.equal(600);
    expect((error as StoreError).code).to.equal('quota');
    expect(await rawCount(name, 'appraisals')).to.equal(1);
    expect(await rawCount(name, 'audit')).to.equal(3);
    expect(await store.verifyAudit()).to.deep.equal({ ok: true, count: 3 });
    // Space back, the same batch goes through and chains on after the log as it was.
    await store.putAppraisals(monthOfOpenings(1000));
    expect(await store.verifyAudit()).to.deep.equal({ ok: true, count: 1003 });
  });

  it('a second tab hears every appraisal of a batch, one change each, as it hears single saves', async () => {
    const name = freshName();
    const hrTab = await open(name);
    const inboxTab = await open(name);
    const batch = monthOfOpenings(1000);
    const heard: StoreChange[] = [];
    const allHeard = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${heard.length} of 1000 notices arrived`)), 5000);
      inboxTab.subscribe((change) => {
        heard.push(change);
        if (heard.length === batch.length) { clearTimeout(timer); resolve(); }
      });
    });
    await hrTab.putAppraisals(batch);
    await allHeard;
    expect(heard).to.deep.equal(batch.map((write) => ({ type: 'appraisal', id: write.record.id, revision: 1, origin: 'remote' })));
  });
});
