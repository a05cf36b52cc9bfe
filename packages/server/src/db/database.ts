// openDatabase: picks the engine, migrates, seals the empty log's head, starts listening, and hands
// out the store, the directory and the notices over one connection (pool).
import { AuditSealer } from './audit-seal.ts';
import type { DirectorySnapshot, DirectoryTable, KaoheDatabase, OpenOptions } from './index.ts';
import { migrate } from './migrate.ts';
import { NoticeHub, newOrigin, publicNotice, sendNotices } from './notices.ts';
import { PgStore } from './pg-store.ts';
import { openPglite } from './pglite-sql.ts';
import { connectPostgres } from './postgres-sql.ts';
import { type Sql, sql } from './sql.ts';
import { createHead } from './tables/audit.ts';
import * as directory from './tables/directory.ts';
import { EMPTY_HEAD } from '@kaohe/store';
import type { Delegation, Person } from '@kaohe/workflow';

/** How long `ping` waits for an answer before it reports the database unreachable. */
export const PING_TIMEOUT_MS = 2000;

/** The engine the options name: a PostgreSQL server by URL, else PGlite in `dataDir` (in memory without one). */
export async function connect(options: Pick<OpenOptions, 'databaseUrl' | 'dataDir'>): Promise<Sql> {
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') {
    if (!/^postgres(ql)?:\/\//.test(options.databaseUrl)) {
      throw new TypeError('The database URL (DATABASE_URL / --database) must start with postgres:// or postgresql://.');
    }
    return connectPostgres(options.databaseUrl);
  }
  return openPglite(options.dataDir);
}

/**
 * Opens the database (creating PGlite's directory when missing), applies the migrations under an
 * advisory lock so two instances starting together migrate once, and starts listening for notices.
 * @throws TypeError when the audit key is shorter than 32 bytes or the URL is not a PostgreSQL one
 */
export async function openDatabase(options: OpenOptions): Promise<KaoheDatabase> {
  // The key is checked before anything is opened: a server that cannot seal must not start.
  const sealer = new AuditSealer(options.auditKey);
  const db = await connect(options);
  try {
    await migrate(db);
    await createHead(db, sealer.head(EMPTY_HEAD));
    const hub = new NoticeHub(db);
    await hub.start();
    return new Database(db, sealer, hub);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

class Database implements KaoheDatabase {
  readonly kind: 'pglite' | 'postgresql';
  readonly store: PgStore;
  readonly directory: DirectoryTable;
  readonly notices: KaoheDatabase['notices'];
  readonly #db: Sql;
  readonly #hub: NoticeHub;
  #closing: Promise<void> | undefined;

  constructor(db: Sql, sealer: AuditSealer, hub: NoticeHub) {
    this.kind = db.kind;
    this.#db = db;
    this.#hub = hub;
    this.store = new PgStore(db, sealer, hub);
    this.directory = new Directory(db);
    this.notices = {
      subscribe: async (listener) => hub.subscribe((message) => {
        for (const notice of message.notices) listener(publicNotice(notice));
      }),
    };
  }

  async ping(): Promise<void> {
    // While the server is down a query waits for a connection; health must answer 503 before then.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`The database did not answer within ${PING_TIMEOUT_MS} ms.`)), PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.#db.query(sql`select 1`), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      await this.store.close();
      await this.#hub.stop().catch(() => undefined);
      await this.#db.close();
    })();
    return this.#closing;
  }
}

class Directory implements DirectoryTable {
  readonly #db: Sql;
  readonly #origin = newOrigin();

  constructor(db: Sql) {
    this.#db = db;
  }

  replace(people: readonly Person[], delegations: readonly Delegation[]): Promise<number> {
    return this.#db.transaction(async (tx) => {
      const count = await directory.replaceDirectory(tx, people, delegations);
      await sendNotices(tx, this.#origin, [{ type: 'directory' }]);
      return count;
    });
  }

  load(): Promise<DirectorySnapshot> {
    return directory.readDirectory(this.#db);
  }

  person(id: string): Promise<Person | undefined> {
    return directory.readPerson(this.#db, id);
  }
}
