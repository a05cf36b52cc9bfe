// For tests of the database layer from inside: one connection per test file (PGlite's first open
// takes seconds), emptied between tests, with stores built on it directly.
import { EMPTY_HEAD } from '@kaohe/store';
import { AuditSealer } from '../../src/db/audit-seal.ts';
import { connect } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { NoticeHub } from '../../src/db/notices.ts';
import { PgStore } from '../../src/db/pg-store.ts';
import type { Sql } from '../../src/db/sql.ts';
import { createHead } from '../../src/db/tables/audit.ts';
import { type FreshDatabase, TEST_AUDIT_KEY } from './databases.ts';

export interface Harness {
  readonly db: Sql;
  readonly hub: NoticeHub;
  readonly sealer: AuditSealer;
  /** Empties every table (no NOTIFY is sent) and gives a new store on the same connection. */
  emptyStore(): Promise<PgStore>;
  close(): Promise<void>;
}

export async function openHarness(fresh: FreshDatabase): Promise<Harness> {
  const db = await connect(fresh.options);
  await migrate(db);
  const hub = new NoticeHub(db);
  await hub.start();
  const sealer = new AuditSealer(TEST_AUDIT_KEY);
  return {
    db,
    hub,
    sealer,
    async emptyStore() {
      await db.script('truncate appraisal_assignees, appraisals, audit, audit_head, drafts, rubrics, directory_people, directory_delegations');
      await createHead(db, sealer.head(EMPTY_HEAD));
      return new PgStore(db, sealer, hub);
    },
    async close() {
      await hub.stop();
      await db.close();
    },
  };
}
