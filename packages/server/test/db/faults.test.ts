// A lost PostgreSQL connection: ping fails while the database cannot be reached and answers again
// once it can, on the same KaoheDatabase — nobody reopens anything. Runs when
// KAOHE_TEST_DATABASE_URL names a server (PGlite lives in the process and has no connection to lose).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import postgres from 'postgres';
import { StoreError } from '@kaohe/store';
import { appraisal, auditEntry } from '../../../store/test/fixtures.ts';
import { type KaoheDatabase, type Notice, openDatabase } from '../../src/db/index.ts';
import { type FreshDatabase, postgresTarget } from './databases.ts';

const adminUrl = process.env['KAOHE_TEST_DATABASE_URL'];

/** Calls `attempt` every 100 ms until it resolves; fails after `ms`. */
async function eventually<T>(attempt: () => Promise<T>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe('PostgreSQL connections lost under a running database', { skip: adminUrl ? false : 'KAOHE_TEST_DATABASE_URL is not set' }, () => {
  let fresh: FreshDatabase;
  let database: KaoheDatabase;
  let admin: postgres.Sql;
  let name: string;
  before(async () => {
    fresh = await postgresTarget(adminUrl!).create();
    name = new URL(fresh.options.databaseUrl!).pathname.slice(1);
    database = await openDatabase(fresh.options);
    admin = postgres(adminUrl!, { max: 1, onnotice: () => undefined });
  });
  after(async () => {
    await admin?.unsafe(`alter database ${name} allow_connections true`).catch(() => undefined);
    await admin?.end();
    await database?.close();
    await fresh?.drop();
  });

  const terminateBackends = () => admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;

  test('every connection killed (pg_terminate_backend): reads, writes and notices come back on the same database object', async () => {
    const record = appraisal({ id: '2026-10:E4001' });
    await database.store.putAppraisal(record, { expectedRevision: 0, audit: [auditEntry(record.id, 'open')] });
    const killed = await terminateBackends();
    assert.ok(killed.length >= 2, `the pool and the LISTEN connection were open (${killed.length} killed)`);
    await eventually(() => database.ping());
    assert.deepEqual(await database.store.getAppraisal(record.id), record);
    // LISTEN re-listens on a new connection; a notice sent in the gap is lost, so write until one is heard.
    const heard: Notice[] = [];
    const unsubscribe = await database.notices.subscribe((notice) => heard.push(notice));
    await eventually(async () => {
      await database.store.saveDraft({ appraisalId: record.id, userId: 'RM-NORTH', entries: {}, baseRevision: 1, savedAt: new Date().toISOString() });
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.ok(heard.length > 0, 'no notice heard yet');
    });
    unsubscribe();
    assert.deepEqual(heard[0], { type: 'draft', appraisalId: record.id, userId: 'RM-NORTH' });
  });

  test('the database unreachable: ping throws (health answers 503); reachable again: ping answers and writes land, audit intact', async () => {
    await admin.unsafe(`alter database ${name} allow_connections false`);
    await terminateBackends();
    const started = Date.now();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await assert.rejects(database.ping(), /cannot be reached|did not answer/);
    }
    // postgres-js retries a refused connection with growing pauses; ping gives up after 2 s whatever they are.
    assert.ok(Date.now() - started < 3 * 2500, `three pings took ${Date.now() - started} ms`);
    // A read while it is down is refused as `unavailable` (HTTP 503), not as a bug.
    await assert.rejects(database.store.getAppraisal('2026-10:E4001'), (error: unknown) =>
      error instanceof StoreError && error.code === 'unavailable' && /cannot be reached|did not answer/.test(error.message));
    await admin.unsafe(`alter database ${name} allow_connections true`);
    const back = Date.now();
    await eventually(() => database.ping(), 5000);
    // Reconnection attempts are at most a second apart while it was down.
    assert.ok(Date.now() - back < 2500, `answered again after ${Date.now() - back} ms`);
    const record = appraisal({ id: '2026-10:E4002' });
    await database.store.putAppraisal(record, { expectedRevision: 0, audit: [auditEntry(record.id, 'open')] });
    assert.deepEqual(await database.store.verifyAudit(), { ok: true, count: 2 });
  });
});
