// The server refuses to start on a missing or weak secret, naming each setting; options win over
// environment variables; defaults are the README's.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, readConfig } from '../../src/config.ts';

const strong = {
  KAOHE_JWT_SECRET: 'j'.repeat(32),
  KAOHE_SERVICE_TOKEN: 's'.repeat(32),
  KAOHE_AUDIT_KEY: 'a'.repeat(32),
};

function problemsOf(env: Record<string, string>, flags = {}): string[] {
  try {
    readConfig(flags, env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  return assert.fail('the configuration was accepted');
}

describe('readConfig', () => {
  test('with nothing set it names every required setting', () => {
    assert.deepEqual(problemsOf({}), [
      'KAOHE_JWT_SECRET (HS256, at least 32 bytes) or KAOHE_JWKS_URL is required: persons sign in with a token the intranet signs',
      'KAOHE_SERVICE_TOKEN is required: the intranet\'s backend syncs the directory and opens months with it',
      'KAOHE_AUDIT_KEY is required: it seals the audit log (HMAC-SHA256), at least 32 bytes',
    ]);
  });

  test('secrets under 32 bytes are refused with their length; 31 bytes is one short', () => {
    assert.deepEqual(problemsOf({ KAOHE_JWT_SECRET: 'x'.repeat(31), KAOHE_SERVICE_TOKEN: 'short', KAOHE_AUDIT_KEY: '密'.repeat(10) }), [
      'KAOHE_JWT_SECRET is too weak: 31 bytes, at least 32 are required (e.g. `openssl rand -base64 48`)',
      'KAOHE_SERVICE_TOKEN is too weak: 5 characters, at least 32 are required',
      // 密 is three bytes in UTF-8: 10 × 3 = 30
      'KAOHE_AUDIT_KEY is too weak: 30 bytes, at least 32 are required (e.g. `openssl rand -base64 48`)',
    ]);
  });

  test('a bad port, database URL, JWKS URL, CORS origin and rate limit are each named', () => {
    const problems = problemsOf({
      ...strong, KAOHE_JWT_SECRET: '', KAOHE_JWKS_URL: 'http://sso.example/jwks', KAOHE_PORT: '70000',
      DATABASE_URL: 'mysql://x', KAOHE_CORS_ORIGINS: 'https://oa.example, *, https://oa.example/path', KAOHE_RATE_LIMIT: '0',
    });
    assert.deepEqual(problems, [
      'KAOHE_PORT / --port must be a port number 0–65535, not "70000"',
      'DATABASE_URL / --database must be a postgres:// or postgresql:// URL',
      'KAOHE_JWKS_URL must be an https:// URL (http:// only on this machine\'s loopback)',
      'KAOHE_CORS_ORIGINS: "*" is not an origin (scheme://host[:port], no path, no *)',
      'KAOHE_CORS_ORIGINS: "https://oa.example/path" is not an origin (scheme://host[:port], no path, no *)',
      'KAOHE_RATE_LIMIT must be a whole number of requests per minute, at least 1, not "0"',
    ]);
  });

  test('one key may not serve as both the JWT secret and the audit key, and only one way of verifying tokens is set', () => {
    assert.deepEqual(problemsOf({ ...strong, KAOHE_AUDIT_KEY: strong.KAOHE_JWT_SECRET, KAOHE_JWKS_URL: 'https://sso.example/jwks' }), [
      'set KAOHE_JWT_SECRET or KAOHE_JWKS_URL, not both: a token is verified one way',
      'KAOHE_AUDIT_KEY must differ from KAOHE_JWT_SECRET: one leaked key must not open both',
    ]);
  });

  test('defaults: 127.0.0.1:8787, PGlite in .kaohe/data, 600 requests a minute; options win over variables', () => {
    const config = readConfig({}, strong);
    assert.deepEqual([config.host, config.port, config.dataDir, config.databaseUrl, config.rateLimit.max, config.corsOrigins], ['127.0.0.1', 8787, '.kaohe/data', undefined, 600, []]);
    const chosen = readConfig({ port: '9000', database: 'postgres://db/kaohe' }, { ...strong, KAOHE_PORT: '8000', DATABASE_URL: 'postgres://other/x', KAOHE_HOST: '0.0.0.0', KAOHE_CORS_ORIGINS: 'https://oa.example' });
    assert.deepEqual([chosen.host, chosen.port, chosen.databaseUrl, chosen.corsOrigins], ['0.0.0.0', 9000, 'postgres://db/kaohe', ['https://oa.example']]);
    assert.deepEqual(chosen.auth, { serviceToken: strong.KAOHE_SERVICE_TOKEN, jwtSecret: strong.KAOHE_JWT_SECRET });
  });

  test('the company\'s time zone: UTC unless KAOHE_TIME_ZONE or --time-zone names an IANA zone; an offset is refused', () => {
    assert.equal(readConfig({}, strong).timeZone, 'UTC');
    assert.equal(readConfig({}, { ...strong, KAOHE_TIME_ZONE: 'Asia/Shanghai' }).timeZone, 'Asia/Shanghai');
    assert.equal(readConfig({ timeZone: 'Europe/London' }, { ...strong, KAOHE_TIME_ZONE: 'Asia/Shanghai' }).timeZone, 'Europe/London');
    assert.deepEqual(problemsOf({ ...strong, KAOHE_TIME_ZONE: '+08:00' }), [
      'KAOHE_TIME_ZONE / --time-zone must be an IANA time zone such as Asia/Shanghai, not "+08:00"',
    ]);
    assert.deepEqual(problemsOf({ ...strong, KAOHE_TIME_ZONE: 'Mars/Olympus' }), [
      'KAOHE_TIME_ZONE / --time-zone must be an IANA time zone such as Asia/Shanghai, not "Mars/Olympus"',
    ]);
  });
});
