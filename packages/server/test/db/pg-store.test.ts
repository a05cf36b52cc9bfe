// The store package's own contract suites, run against PgStore on every test database: the same
// tests MemoryStore passes, unchanged. Then what only a database has to prove: an inbox's query
// reads an index, never the whole table.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { batchWriteContract } from '../../../store/test/contract-batch.ts';
import { singleWriteContract } from '../../../store/test/contract-single.ts';
import { appraisal } from '../../../store/test/fixtures.ts';
import { type Query, type SqlSession, sql } from '../../src/db/sql.ts';
import { migrate } from '../../src/db/migrate.ts';
import * as appraisals from '../../src/db/tables/appraisals.ts';
import { type FreshDatabase, databaseTargets } from './databases.ts';
import { type Harness, openHarness } from './harness.ts';

interface PlanNode { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[] }

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

for (const target of databaseTargets()) {
  describe(`PgStore on ${target.kind}`, () => {
    let fresh: FreshDatabase;
    let harness: Harness;
    before(async () => {
      fresh = await target.create();
      harness = await openHarness(fresh);
    });
    after(async () => {
      await harness?.close();
      await fresh?.drop();
    });
    const openStore = () => harness.emptyStore();
    singleWriteContract('single writes', openStore);
    batchWriteContract('batches', openStore);

    test('migrating a database that is up to date applies nothing; one migrated by a newer Kaohe is refused, naming both versions', async () => {
      assert.deepEqual(await migrate(harness.db), []);
      await harness.db.query(sql`insert into kaohe_migrations (version, name) values (${999}, ${'999-from-the-future'})`);
      try {
        await assert.rejects(migrate(harness.db), /migrated by a newer Kaohe \(schema version 999; this one knows up to 1\)/);
      } finally {
        await harness.db.query(sql`delete from kaohe_migrations where version = ${999}`);
      }
    });

    test('a reviewer\'s tasks and their count read the assignee index for that reviewer only, the records and a write\'s locks the appraisals\' key, with no sequential scan', async () => {
      const store = await harness.emptyStore();
      // 3,000 appraisals, each waiting on one of 60 reviewers: R07 has 50 of them.
      await store.putAppraisals(Array.from({ length: 3000 }, (_, index) => ({
        record: appraisal({ id: `2026-10:E${10_000 + index}`, assignees: [`R${String(index % 60).padStart(2, '0')}`] }), expectedRevision: 0,
      })));
      await harness.db.script('analyze appraisals; analyze appraisal_assignees');
      const page = await store.listTasks('R07', { limit: 20 });
      assert.equal(page.items.length, 20);
      assert.equal(await store.countTasks('R07'), 50);
      // The statements the table module sends, captured and explained as they are.
      const sent: Query[] = [];
      const recorder: SqlSession = { query: async (query) => { sent.push(query); return []; }, script: async () => undefined };
      await appraisals.queryTaskRevisions(recorder, 'R07', page.nextCursor, 21);
      await appraisals.countTasks(recorder, 'R07');
      const [revisions, count] = sent.splice(0);
      // the page's records, read by id (only those this instance has not read at their revision)
      await appraisals.readAppraisals(recorder, page.items.map((record) => record.id));
      // and a write's row locks, which every audited action takes
      await appraisals.lockAppraisals(recorder, page.items.slice(0, 2).map((record) => record.id));
      for (const [query, index] of [[revisions, 'appraisal_assignees_pkey'], [count, 'appraisal_assignees_pkey'], [sent[0], 'appraisals_pkey'], [sent[1], 'appraisals_pkey']] as const) {
        assert.ok(query);
        const [row] = await harness.db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>({ text: `explain (format json) ${query.text}`, values: query.values });
        const plan = nodes(row!['QUERY PLAN'][0].Plan);
        const scans = plan.filter((node) => node['Node Type'] === 'Seq Scan').map((node) => node['Relation Name']);
        assert.deepEqual(scans, [], `${query.text}\n→ ${plan.map((node) => `${node['Node Type']} ${node['Relation Name'] ?? ''}`).join(', ')}`);
        assert.ok(plan.some((node) => node['Index Name'] === index), `reads ${index}: ${JSON.stringify(plan.map((node) => [node['Node Type'], node['Index Name']]))}`);
      }
      assert.equal((await harness.db.query<{ n: number }>(sql`select count(*)::integer as n from appraisal_assignees where user_id = ${'R07'}`))[0]?.n, 50);
    });
  });
}
