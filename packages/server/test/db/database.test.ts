// openDatabase as the HTTP layer uses it: the engine it names, migrations, the directory, notices,
// the key check and ping.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type StoreChange, StoreConflictError } from '@kaohe/store';
import type { Person } from '@kaohe/workflow';
import { appraisal, auditEntry, rubric } from '../../../store/test/fixtures.ts';
import { type KaoheDatabase, type Notice, openDatabase } from '../../src/db/index.ts';
import { type FreshDatabase, databaseTargets } from './databases.ts';

const people: Person[] = [
  { id: 'E1001', name: '王小明', roles: ['salesperson'], region: '華北', managerId: 'RM-NORTH' },
  { id: 'RM-NORTH', name: "O'Brien; drop table appraisals; --", roles: ['regionalManager'], region: '華北' },
  { id: 'HR', name: '人資', roles: ['hr'] },
];

/** Resolves with what `listener` collected once `count` items arrived, or rejects after `ms`. */
function collect<T>(subscribe: (push: (item: T) => void) => void, count: number, ms = 5000): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const items: T[] = [];
    const timer = setTimeout(() => reject(new Error(`heard ${items.length} of ${count} within ${ms} ms: ${JSON.stringify(items)}`)), ms);
    subscribe((item) => {
      items.push(item);
      if (items.length === count) {
        clearTimeout(timer);
        resolve(items);
      }
    });
  });
}

/** Waits until the notices of every earlier write have been delivered: they arrive in commit order, before this marker's. */
async function drained(database: KaoheDatabase): Promise<void> {
  const marker = `marker-${Math.random()}`;
  const heard = collect<Notice>((push) => { void database.notices.subscribe((notice) => { if (notice.type === 'draft' && notice.userId === marker) push(notice); }); }, 1);
  await database.store.saveDraft({ appraisalId: 'marker', userId: marker, entries: {}, baseRevision: 0, savedAt: '2026-11-02T09:00:00.000Z' });
  await heard;
}

for (const target of databaseTargets()) {
  describe(`openDatabase on ${target.kind}`, () => {
    let fresh: FreshDatabase;
    let database: KaoheDatabase;
    before(async () => {
      fresh = await target.create();
      database = await openDatabase(fresh.options);
    });
    after(async () => {
      await database?.close();
      await fresh?.drop();
    });

    test('it says which engine it runs on and answers a ping', async () => {
      assert.equal(database.kind, target.kind);
      await database.ping();
    });

    test('the directory is replaced whole, read back by id, and names with quotes and SQL in them are kept verbatim', async () => {
      assert.equal(await database.directory.replace(people, [{ from: 'HR', to: 'E1001', start: '2026-11-01', end: '2026-11-07' }]), 3);
      assert.equal(await database.directory.replace(people.slice(1), []), 2);
      const loaded = await database.directory.load();
      assert.deepEqual(loaded.people.map((person) => person.id), ['HR', 'RM-NORTH']);
      assert.deepEqual(loaded.delegations, []);
      assert.equal((await database.directory.person('RM-NORTH'))?.name, "O'Brien; drop table appraisals; --");
      assert.equal(await database.directory.person('E1001'), undefined);
    });

    test('notices name what changed — an appraisal, a draft, the directory — and carry nothing of its content', async () => {
      await drained(database);
      const heard = collect<Notice>((push) => { void database.notices.subscribe(push); }, 3);
      const record = appraisal({ id: '2026-10:E1001', sheet: { rubric: 'salesperson', rubricVersion: 1, employee: 'E1001', period: '2026-10', attendance: { absentDays: '1.5' }, entries: { 'SP-D1': { count: 3 } } } });
      await database.store.putAppraisal(record, { expectedRevision: 0, audit: [auditEntry(record.id, 'open')] });
      await database.store.saveDraft({ appraisalId: record.id, userId: 'RM-NORTH', entries: {}, baseRevision: 1, savedAt: '2026-11-02T09:00:00.000Z' });
      await database.directory.replace(people, []);
      assert.deepEqual(await heard, [
        { type: 'appraisal', id: '2026-10:E1001', revision: 1 },
        { type: 'draft', appraisalId: '2026-10:E1001', userId: 'RM-NORTH' },
        { type: 'directory' },
      ]);
    });

    test('an appraisal\'s audience travels with its notice; one too large for a NOTIFY payload (8000 bytes) comes in parts naming each person once', async () => {
      await drained(database);
      const small = collect<Notice>((push) => { void database.notices.subscribe((notice) => { if (notice.type === 'appraisal' && notice.id === '2026-10:E1005') push(notice); }); }, 1);
      const opened = await database.store.putAppraisal(appraisal({ id: '2026-10:E1005' }), { expectedRevision: 0, audience: { readers: ['HR', 'RM-NORTH'], gone: [] } });
      assert.deepEqual(await small, [{ type: 'appraisal', id: '2026-10:E1005', revision: 1, audience: { readers: ['HR', 'RM-NORTH'], gone: [] } }]);

      // 1,500 readers and 300 who lose it: about 25 KB of ids, which one NOTIFY could not carry (the write would fail)
      const readers = Array.from({ length: 1500 }, (_, index) => `reader-${String(index).padStart(4, '0')}`);
      const gone = Array.from({ length: 300 }, (_, index) => `gone-${String(index).padStart(4, '0')}`);
      const parts: Notice[] = [];
      const unsubscribe = await database.notices.subscribe((notice) => { if (notice.type === 'appraisal' && notice.id === opened.id) parts.push(notice); });
      await database.store.putAppraisal({ ...opened, revision: 2 }, { expectedRevision: 1, audience: { readers, gone } });
      await drained(database);
      unsubscribe();
      assert.ok(parts.length >= 4, `${parts.length} parts`);
      const heard = { readers: [] as string[], gone: [] as string[] };
      for (const part of parts) {
        assert.ok(part.type === 'appraisal' && part.revision === 2 && part.audience);
        heard.readers.push(...part.audience.readers);
        heard.gone.push(...part.audience.gone);
      }
      assert.deepEqual(heard, { readers, gone }, 'each person in exactly one part, in the order named');
    });

    test('a refused write sends no notice', async () => {
      const record = appraisal({ id: '2026-10:E1002' });
      await database.store.putAppraisal(record, { expectedRevision: 0 });
      await drained(database);
      // Notices arrive in commit order, so once the rubric's is heard, one for the refused write would have come first.
      const heard = collect<Notice>((push) => { void database.notices.subscribe(push); }, 1);
      await assert.rejects(database.store.putAppraisal(record, { expectedRevision: 0 }));
      await database.store.putRubric(rubric(7));
      assert.deepEqual(await heard, [{ type: 'rubric', id: 'salesperson', version: 7 }]);
    });

    test('saves of one appraisal sent one after another without waiting land in order, each on the one before', async () => {
      const opened = await database.store.putAppraisal(appraisal({ id: '2026-10:E1004' }), { expectedRevision: 0 });
      // Sent together, they may share one group commit: the second is checked against the first, not against what was stored.
      const saved = await Promise.all([2, 3, 4].map((revision) => database.store.putAppraisal({ ...opened, revision, updatedBy: `R${revision}` },
        { expectedRevision: revision - 1, audit: [auditEntry(opened.id, `step-${revision}`)] })));
      assert.deepEqual(saved.map((record) => record.revision), [2, 3, 4]);
      assert.equal((await database.store.getAppraisal(opened.id))?.updatedBy, 'R4');
      assert.deepEqual((await database.store.listAudit(opened.id)).map((event) => event.action), ['step-2', 'step-3', 'step-4']);
      assert.equal((await database.store.verifyAudit()).ok, true);
    });

    test('text with a NUL character is refused before any SQL, naming the rule', async () => {
      await assert.rejects(database.store.putAppraisal(appraisal({ id: '2026-10:E1003', updatedBy: 'a\u0000b' }), { expectedRevision: 0 }),
        (error: unknown) => error instanceof TypeError && /NUL/.test(error.message));
      assert.equal(await database.store.getAppraisal('2026-10:E1003'), undefined);
    });

    test('an audit key shorter than 32 bytes is refused before anything is opened', async () => {
      await assert.rejects(openDatabase({ ...fresh.options, auditKey: 'short' }), (error: unknown) =>
        error instanceof TypeError && /KAOHE_AUDIT_KEY.*at least 32 bytes; got 5/.test(error.message));
    });
  });
}

const postgresUrl = process.env['KAOHE_TEST_DATABASE_URL'];
const [, postgres] = databaseTargets();

describe('two instances on one PostgreSQL database', { skip: postgres ? false : 'KAOHE_TEST_DATABASE_URL is not set' }, () => {
  let fresh: FreshDatabase;
  let first: KaoheDatabase;
  let second: KaoheDatabase;
  before(async () => {
    assert.ok(postgres && postgresUrl);
    fresh = await postgres.create();
    // Started together: the second waits on the migration lock, then finds the schema there.
    // Applying 001 twice would fail on `create table appraisals`, so both opening proves it ran once.
    [first, second] = await Promise.all([openDatabase(fresh.options), openDatabase(fresh.options)]);
  });
  after(async () => {
    await first?.close();
    await second?.close();
    await fresh?.drop();
  });

  test('both started together and the schema was migrated once', async () => {
    const { default: connect } = await import('postgres');
    const raw = connect(fresh.options.databaseUrl!, { max: 1 });
    try {
      const rows = await raw`select version, name from kaohe_migrations order by version`;
      assert.deepEqual(rows.map((row) => `${row['version']} ${row['name']}`), ['1 001-initial']);
    } finally {
      await raw.end();
    }
  });

  test('a write through one reaches the other\'s store listeners as remote and its notices, within a second', async () => {
    const local: StoreChange[] = [];
    first.store.subscribe((change) => local.push(change));
    const remote = collect<StoreChange>((push) => second.store.subscribe(push), 1, 1000);
    const notices = collect<Notice>((push) => { void second.notices.subscribe(push); }, 1, 1000);
    const record = appraisal({ id: '2026-10:E3001' });
    await first.store.putAppraisal(record, { expectedRevision: 0, audit: [auditEntry(record.id, 'open')] });
    assert.deepEqual(await remote, [{ type: 'appraisal', id: '2026-10:E3001', revision: 1, origin: 'remote' }]);
    assert.deepEqual(await notices, [{ type: 'appraisal', id: '2026-10:E3001', revision: 1 }]);
    // The writer hears its own write once, as local: its NOTIFY coming back is not a second change.
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(local, [{ type: 'appraisal', id: '2026-10:E3001', revision: 1, origin: 'local' }]);
    assert.deepEqual(await second.store.getAppraisal(record.id), record);
  });

  test('the same new appraisal created through both instances at once: one creates it, the other is told who did', async () => {
    const results = await Promise.allSettled([first, second].map((instance, index) =>
      instance.store.putAppraisal(appraisal({ id: '2026-10:E3003', updatedBy: `HR-${index}` }), { expectedRevision: 0, audit: [auditEntry('2026-10:E3003', 'open', `HR-${index}`)] })));
    const refused = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    assert.equal(refused.length, 1);
    assert.ok(refused[0]!.reason instanceof StoreConflictError, String(refused[0]!.reason));
    assert.match(refused[0]!.reason.message, /Appraisal 2026-10:E3003 was changed by HR-[01]/);
    assert.equal((await first.store.listAudit('2026-10:E3003')).length, 1);
  });

  test('the same approval sent to both instances at once: one lands, the other is a conflict, one audit event', async () => {
    const opened = await first.store.putAppraisal(appraisal({ id: '2026-10:E3002' }), { expectedRevision: 0 });
    const results = await Promise.allSettled([first, second].map((instance, index) => instance.store.putAppraisal(
      { ...opened, revision: 2, updatedBy: `VP-${index}` }, { expectedRevision: 1, audit: [auditEntry(opened.id, 'approve', `VP-${index}`)] })));
    assert.deepEqual(results.map((result) => result.status).sort(), ['fulfilled', 'rejected']);
    assert.equal((await second.store.listAudit(opened.id)).length, 1);
    assert.equal((await first.store.verifyAudit()).ok, true);
  });
});
