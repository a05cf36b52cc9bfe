// The databases every server test runs against: PGlite in a temporary directory always, and the
// PostgreSQL server named by KAOHE_TEST_DATABASE_URL when it is set (.ci/run sets it when a server
// answers). Each PostgreSQL run gets a database of its own, kaohe_test_<random>, dropped afterwards.
// A URL that is set but unreachable fails the tests: it must never turn into a silent skip.
//
//   for (const target of databaseTargets()) describe(target.kind, () => {
//     let fresh: FreshDatabase;
//     before(async () => { fresh = await target.create(); });
//     after(() => fresh.drop());
//     test('…', async () => { const db = await openDatabase(fresh.options); … });
//   });
import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import type { OpenOptions } from '../../src/db/index.ts';

/** 44 bytes; any test may use it, and a test of a wrong key uses another. */
export const TEST_AUDIT_KEY = 'kaohe-test-audit-key-0123456789abcdef-ABCDEF';

export interface FreshDatabase {
  /** Options for `openDatabase` that reach this empty database. */
  readonly options: OpenOptions & ({ dataDir: string } | { databaseUrl: string });
  /** Removes it: the directory, or `drop database … with (force)`. */
  drop(): Promise<void>;
}

export interface DatabaseTarget {
  readonly kind: 'pglite' | 'postgresql';
  create(): Promise<FreshDatabase>;
}

/**
 * An empty PGlite data directory as initdb leaves it, made once per machine and copied for each
 * test database: a copy opens in about 2 s, a new directory takes 5 s on an idle machine and 20 s
 * or more on a busy one. Made under a temporary name and renamed, so test files starting together
 * never see half a template.
 */
async function pgliteTemplate(): Promise<string> {
  // Named after the installed PGlite (its path carries the version), so an upgrade makes a new one.
  const build = createHash('sha256').update(import.meta.resolve('@electric-sql/pglite')).digest('hex').slice(0, 12);
  const template = join(tmpdir(), `kaohe-pglite-template-${build}`);
  if (await stat(join(template, 'PG_VERSION')).then(() => true, () => false)) return template;
  const making = await mkdtemp(join(tmpdir(), 'kaohe-pglite-making-'));
  const instance = await PGlite.create({ dataDir: making });
  await instance.close();
  try {
    await rename(making, template);
  } catch {
    // Another test file finished its template first; theirs serves as well.
    await rm(making, { recursive: true, force: true });
  }
  return template;
}

export const pgliteTarget: DatabaseTarget = {
  kind: 'pglite',
  async create() {
    const dataDir = await mkdtemp(join(tmpdir(), 'kaohe-test-'));
    await cp(await pgliteTemplate(), dataDir, { recursive: true });
    return {
      options: { dataDir, auditKey: TEST_AUDIT_KEY },
      drop: () => rm(dataDir, { recursive: true, force: true }),
    };
  },
};

export function postgresTarget(adminUrl: string): DatabaseTarget {
  return {
    kind: 'postgresql',
    async create() {
      const name = `kaohe_test_${randomBytes(6).toString('hex')}`;
      const admin = postgres(adminUrl, { max: 1, connect_timeout: 5, onnotice: () => undefined });
      try {
        await admin.unsafe(`create database ${name}`);
      } catch (error) {
        throw new Error(`KAOHE_TEST_DATABASE_URL is set (${adminUrl}) but creating a test database there failed; ` +
          'start the server or unset the variable to test on PGlite only.', { cause: error });
      } finally {
        await admin.end({ timeout: 5 });
      }
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return {
        options: { databaseUrl: url.toString(), auditKey: TEST_AUDIT_KEY },
        async drop() {
          const dropper = postgres(adminUrl, { max: 1, connect_timeout: 5, onnotice: () => undefined });
          try {
            await dropper.unsafe(`drop database if exists ${name} with (force)`);
          } finally {
            await dropper.end({ timeout: 5 });
          }
        },
      };
    },
  };
}

/** PGlite, and PostgreSQL when KAOHE_TEST_DATABASE_URL is set. */
export function databaseTargets(): DatabaseTarget[] {
  const url = process.env['KAOHE_TEST_DATABASE_URL'];
  return url ? [pgliteTarget, postgresTarget(url)] : [pgliteTarget];
}
