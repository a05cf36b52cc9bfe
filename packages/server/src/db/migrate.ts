// Versioned SQL migrations (packages/server/migrations/NNN-name.sql), applied in one transaction
// under a transaction-scoped advisory lock: instances starting together queue on the lock, and each
// after the first finds the versions already recorded and applies nothing.
import { readdir, readFile } from 'node:fs/promises';
import { type Sql, sql } from './sql.ts';

/** Any fixed number; only Kaohe's migrations take this advisory lock. */
const MIGRATION_LOCK = 7_468_120_012;
const FILE_NAME = /^(\d{3})-[a-z0-9-]+\.sql$/;
const MIGRATIONS = new URL('../../migrations/', import.meta.url);

export interface Migration {
  version: number;
  name: string;
  text: string;
}

export async function readMigrations(directory: URL = MIGRATIONS): Promise<Migration[]> {
  const names = (await readdir(directory)).filter((name) => FILE_NAME.test(name)).sort();
  const migrations: Migration[] = [];
  for (const name of names) {
    const version = Number(FILE_NAME.exec(name)?.[1]);
    if (migrations.some((migration) => migration.version === version)) throw new Error(`Two migrations carry version ${version}: rename one (${name}).`);
    migrations.push({ version, name: name.replace(/\.sql$/, ''), text: await readFile(new URL(name, directory), 'utf8') });
  }
  return migrations;
}

/** Brings the schema up to date. @returns the names of the migrations this call applied */
export async function migrate(client: Sql, migrations?: readonly Migration[]): Promise<string[]> {
  const known = migrations ?? await readMigrations();
  return client.transaction(async (tx) => {
    await tx.query(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.script(`create table if not exists kaohe_migrations (
      version integer primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`);
    const applied = new Set((await tx.query<{ version: number }>(sql`select version from kaohe_migrations`)).map((row) => row.version));
    const newest = Math.max(0, ...known.map((migration) => migration.version));
    const ahead = [...applied].filter((version) => version > newest);
    if (ahead.length > 0) {
      throw new Error(`The database was migrated by a newer Kaohe (schema version ${Math.max(...ahead)}; this one knows up to ${newest}). ` +
        'Run the newer version, or restore a backup taken before the upgrade.');
    }
    const done: string[] = [];
    for (const migration of known) {
      if (applied.has(migration.version)) continue;
      await tx.script(migration.text);
      await tx.query(sql`insert into kaohe_migrations (version, name) values (${migration.version}, ${migration.name})`);
      done.push(migration.name);
    }
    return done;
  });
}
