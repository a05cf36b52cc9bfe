// The server's settings: each a command-line option or an environment variable (the option wins),
// read once at start. A missing or weak secret stops the start with every problem named, so a server
// never runs on a guessable key.
import { canonicalTimeZone } from '@kaohe/workflow';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuthSettings } from './http/auth.ts';

/** The plugin's bundles as this repository builds them (node packages/embed/build.mjs). */
const builtBundles = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'embed', 'dist');

export interface ServerConfig {
  port: number;
  host: string;
  /** PGlite's data directory when no PostgreSQL server is named */
  dataDir: string;
  /** postgres://… (DATABASE_URL, --database); absent: embedded PGlite in `dataDir` */
  databaseUrl?: string;
  auth: AuthSettings;
  /** KAOHE_AUDIT_KEY: the HMAC-SHA256 key sealing the audit log */
  auditKey: string;
  corsOrigins: string[];
  rateLimit: { max: number; windowMs: number };
  logLevel: string;
  /** KAOHE_TIME_ZONE: the company's IANA zone, the calendar every business day is judged on (due dates, overdue, delegations, the month) */
  timeZone: string;
  /** the plugin's bundles served at /kaohe/ (KAOHE_BUNDLES); default packages/embed/dist when it is built */
  bundles?: string;
}

/** What `kaohe serve` takes on its command line; each falls back to its environment variable. */
export interface ServeFlags {
  port?: string;
  host?: string;
  dataDir?: string;
  database?: string;
  timeZone?: string;
}

/** Every setting, its variable and what it means: the README's table and `kaohe serve --help` print this. */
export const SETTINGS = [
  ['--port', 'KAOHE_PORT', 'port to listen on (default 8787; 0 picks a free one)'],
  ['--host', 'KAOHE_HOST', 'address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)'],
  ['--data-dir', 'KAOHE_DATA_DIR', 'PGlite data directory when no database URL is given (default .kaohe/data)'],
  ['--database', 'DATABASE_URL', 'postgres://user@host:5432/db of a PostgreSQL 15+ server instead of PGlite'],
  ['--time-zone', 'KAOHE_TIME_ZONE', 'the company\'s IANA time zone (Asia/Shanghai): due dates, overdue and the month an action belongs to are judged on its calendar (default UTC)'],
  ['', 'KAOHE_JWT_SECRET', 'HS256 secret the intranet signs persons\' tokens with, at least 32 bytes'],
  ['', 'KAOHE_JWKS_URL', 'instead of the secret: the SSO provider\'s JWKS (RS256, ES256, PS256, EdDSA)'],
  ['', 'KAOHE_JWT_ISSUER', 'when set, a token\'s "iss" must equal it'],
  ['', 'KAOHE_JWT_AUDIENCE', 'when set, a token\'s "aud" must contain it'],
  ['', 'KAOHE_SERVICE_TOKEN', 'bearer token of the intranet\'s backend (directory sync, opening months), at least 32 characters'],
  ['', 'KAOHE_AUDIT_KEY', 'HMAC-SHA256 key sealing the audit log, at least 32 bytes; keep it apart from the database'],
  ['', 'KAOHE_CORS_ORIGINS', 'comma-separated origins allowed to call from a browser (default: none, no CORS)'],
  ['', 'KAOHE_RATE_LIMIT', 'requests per person per minute (default 600)'],
  ['', 'KAOHE_LOG_LEVEL', 'pino level: fatal, error, warn, info (default), debug'],
  ['', 'KAOHE_BUNDLES', 'folder of the built plugin (default packages/embed/dist when built): served at /kaohe/, precompressed, hashed names cached for a year'],
] as const;

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`the server cannot start:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

const MIN_SECRET_BYTES = 32;

/** Reads and checks every setting; throws a ConfigError listing every problem at once. */
export function readConfig(flags: ServeFlags, env: Readonly<Record<string, string | undefined>>): ServerConfig {
  const problems: string[] = [];
  const value = (flag: string | undefined, name: string) => {
    const raw = flag ?? env[name];
    return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
  };

  const portText = value(flags.port, 'KAOHE_PORT') ?? '8787';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535) problems.push(`KAOHE_PORT / --port must be a port number 0–65535, not "${portText}"`);

  const databaseUrl = value(flags.database, 'DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL / --database must be a postgres:// or postgresql:// URL');
  }

  const jwtSecret = value(undefined, 'KAOHE_JWT_SECRET');
  const jwksUrl = value(undefined, 'KAOHE_JWKS_URL');
  if (jwtSecret === undefined && jwksUrl === undefined) {
    problems.push('KAOHE_JWT_SECRET (HS256, at least 32 bytes) or KAOHE_JWKS_URL is required: persons sign in with a token the intranet signs');
  } else if (jwtSecret !== undefined && jwksUrl !== undefined) {
    problems.push('set KAOHE_JWT_SECRET or KAOHE_JWKS_URL, not both: a token is verified one way');
  }
  if (jwtSecret !== undefined) requireStrong(problems, 'KAOHE_JWT_SECRET', jwtSecret);
  if (jwksUrl !== undefined) {
    const url = URL.canParse(jwksUrl) ? new URL(jwksUrl) : undefined;
    const loopback = url !== undefined && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopback))) {
      problems.push('KAOHE_JWKS_URL must be an https:// URL (http:// only on this machine\'s loopback)');
    }
  }

  const serviceToken = value(undefined, 'KAOHE_SERVICE_TOKEN');
  if (serviceToken === undefined) problems.push('KAOHE_SERVICE_TOKEN is required: the intranet\'s backend syncs the directory and opens months with it');
  else if (serviceToken.length < MIN_SECRET_BYTES) problems.push(`KAOHE_SERVICE_TOKEN is too weak: ${serviceToken.length} characters, at least ${MIN_SECRET_BYTES} are required`);

  const auditKey = value(undefined, 'KAOHE_AUDIT_KEY');
  if (auditKey === undefined) problems.push('KAOHE_AUDIT_KEY is required: it seals the audit log (HMAC-SHA256), at least 32 bytes');
  else requireStrong(problems, 'KAOHE_AUDIT_KEY', auditKey);
  if (auditKey !== undefined && auditKey === jwtSecret) problems.push('KAOHE_AUDIT_KEY must differ from KAOHE_JWT_SECRET: one leaked key must not open both');

  const corsOrigins = (value(undefined, 'KAOHE_CORS_ORIGINS') ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);
  for (const origin of corsOrigins) {
    if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
      problems.push(`KAOHE_CORS_ORIGINS: "${origin}" is not an origin (scheme://host[:port], no path, no *)`);
    }
  }

  const rateText = value(undefined, 'KAOHE_RATE_LIMIT') ?? '600';
  const rate = Number(rateText);
  if (!/^\d+$/.test(rateText) || rate < 1) problems.push(`KAOHE_RATE_LIMIT must be a whole number of requests per minute, at least 1, not "${rateText}"`);

  const logLevel = value(undefined, 'KAOHE_LOG_LEVEL') ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) problems.push(`KAOHE_LOG_LEVEL must be fatal, error, warn, info, debug, trace or silent, not "${logLevel}"`);

  const zoneText = value(flags.timeZone, 'KAOHE_TIME_ZONE') ?? 'UTC';
  // Intl decides what a zone is (no offsets by hand): "+08:00" or "China" are refused, not guessed.
  const timeZone = /^[A-Za-z]/.test(zoneText) ? canonicalTimeZone(zoneText) : undefined;
  if (timeZone === undefined) problems.push(`KAOHE_TIME_ZONE / --time-zone must be an IANA time zone such as Asia/Shanghai, not "${zoneText}"`);
  const bundles = value(undefined, 'KAOHE_BUNDLES') ?? (existsSync(join(builtBundles, 'kaohe.iife.js')) ? builtBundles : undefined);
  if (bundles !== undefined && !existsSync(join(bundles, 'kaohe.iife.js'))) problems.push(`KAOHE_BUNDLES: ${bundles} holds no kaohe.iife.js (build it: node packages/embed/build.mjs)`);

  if (problems.length > 0) throw new ConfigError(problems);
  const issuer = value(undefined, 'KAOHE_JWT_ISSUER');
  const audience = value(undefined, 'KAOHE_JWT_AUDIENCE');
  return {
    port,
    host: value(flags.host, 'KAOHE_HOST') ?? '127.0.0.1',
    dataDir: value(flags.dataDir, 'KAOHE_DATA_DIR') ?? '.kaohe/data',
    ...(databaseUrl !== undefined ? { databaseUrl } : {}),
    auth: {
      serviceToken: serviceToken as string,
      ...(jwtSecret !== undefined ? { jwtSecret } : { jwksUrl: jwksUrl as string }),
      ...(issuer !== undefined ? { issuer } : {}),
      ...(audience !== undefined ? { audience } : {}),
    },
    auditKey: auditKey as string,
    corsOrigins,
    rateLimit: { max: rate, windowMs: 60_000 },
    logLevel,
    timeZone: timeZone as string,
    ...(bundles !== undefined ? { bundles } : {}),
  };
}

function requireStrong(problems: string[], name: string, secret: string): void {
  const bytes = Buffer.byteLength(secret, 'utf8');
  if (bytes < MIN_SECRET_BYTES) problems.push(`${name} is too weak: ${bytes} bytes, at least ${MIN_SECRET_BYTES} are required (e.g. \`openssl rand -base64 48\`)`);
}
