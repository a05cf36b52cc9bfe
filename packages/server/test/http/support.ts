// What every HTTP test needs: a database, the app on it, tokens signed the way an intranet signs them.
import { SignJWT } from 'jose';
import { openDatabase, type KaoheDatabase } from '../../src/db/index.ts';
import { buildApp, type AppOptions, type KaoheApp } from '../../src/http/app.ts';
import { pgliteTarget, TEST_AUDIT_KEY, type DatabaseTarget } from '../db/databases.ts';

export { databaseTargets, pgliteTarget } from '../db/databases.ts';
export type { DatabaseTarget } from '../db/databases.ts';

export const JWT_SECRET = 'a test secret of more than thirty-two bytes, not for production';
export const SERVICE_TOKEN = 'service-token-for-tests-0123456789abcdef';
export const AUDIT_KEY = TEST_AUDIT_KEY;

/** A fresh, empty database of `target` (PGlite in a temporary directory, or a new PostgreSQL database); closing it also removes it. */
export async function openTestDatabase(target: DatabaseTarget = pgliteTarget): Promise<KaoheDatabase> {
  const fresh = await target.create();
  const db = await openDatabase(fresh.options);
  const close = db.close.bind(db);
  return Object.assign(db, {
    async close() {
      try {
        await close();
      } finally {
        await fresh.drop();
      }
    },
  });
}

/** The app on `db` with the test secrets and no log output (a test that reads logs passes its own logger). */
export async function testApp(db: KaoheDatabase, options: Partial<AppOptions> = {}): Promise<KaoheApp> {
  return buildApp({ db, auth: { jwtSecret: JWT_SECRET, serviceToken: SERVICE_TOKEN }, logger: false, ...options });
}

/** An HS256 token for `sub`, valid ten minutes unless `exp` says otherwise (seconds since the epoch, or a jose time span). */
export async function tokenFor(sub: string, options: { secret?: string; exp?: number | string; iss?: string; aud?: string; withoutExp?: boolean } = {}): Promise<string> {
  const jwt = new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuedAt();
  if (!options.withoutExp) jwt.setExpirationTime(options.exp ?? '10m');
  if (options.iss) jwt.setIssuer(options.iss);
  if (options.aud) jwt.setAudience(options.aud);
  return jwt.sign(new TextEncoder().encode(options.secret ?? JWT_SECRET));
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const service = bearer(SERVICE_TOKEN);
