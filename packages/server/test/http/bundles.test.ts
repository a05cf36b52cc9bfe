// kaohe serve's /kaohe/: the plugin's files as build.mjs leaves them (each with a .br and a .gz beside
// it), sent precompressed as the browser accepts, hashed names cached for a year, the loader revalidated.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import type { KaoheDatabase } from '../../src/db/index.ts';
import type { KaoheApp } from '../../src/http/app.ts';
import { openTestDatabase, testApp } from './support.ts';

const loader = 'window.Kaohe = {}; // the loader\n'.repeat(20);
const chunk = 'export const score = 1; // a chunk\n'.repeat(20);
let folder: string;
let db: KaoheDatabase;
let app: KaoheApp;
before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'kaohe-bundles-'));
  for (const [name, text] of [['kaohe.iife.js', loader], ['kaohe-api-7c3a0bd4.js', chunk]] as const) {
    writeFileSync(join(folder, name), text);
    writeFileSync(join(folder, `${name}.gz`), gzipSync(text));
    writeFileSync(join(folder, `${name}.br`), brotliCompressSync(text));
  }
  db = await openTestDatabase();
  app = await testApp(db, { bundles: folder });
});
after(async () => {
  await app.close();
  await db.close();
  rmSync(folder, { recursive: true, force: true });
});

const get = (url: string, encoding?: string) => app.inject({ method: 'GET', url, headers: encoding === undefined ? {} : { 'accept-encoding': encoding } });

test('a hashed chunk comes as brotli when accepted, cached for a year as immutable, without a token', async () => {
  const response = await get('/kaohe/kaohe-api-7c3a0bd4.js', 'gzip, deflate, br');
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['content-encoding'], 'br');
  assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(response.headers['content-type'], 'text/javascript; charset=utf-8');
  assert.equal(response.headers['vary'], 'Accept-Encoding');
  assert.equal(brotliDecompressSync(response.rawPayload).toString(), chunk);
});

test('the unhashed loader comes as gzip to a browser without brotli, revalidated on every use', async () => {
  const response = await get('/kaohe/kaohe.iife.js', 'gzip');
  assert.equal(response.headers['content-encoding'], 'gzip');
  assert.equal(response.headers['cache-control'], 'no-cache');
  assert.equal(gunzipSync(response.rawPayload).toString(), loader);
});

test('uncompressed to a client that accepts neither (or refuses brotli with q=0)', async () => {
  const plain = await get('/kaohe/kaohe.iife.js');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(plain.body, loader);
  const noBrotli = await get('/kaohe/kaohe-api-7c3a0bd4.js', 'br;q=0, gzip');
  assert.equal(noBrotli.headers['content-encoding'], 'gzip');
});

test('nothing outside the folder, and no file that is not there: 404', async () => {
  for (const url of ['/kaohe/..%2Fpackage.json', '/kaohe/../package.json', '/kaohe/kaohe-missing.js', '/kaohe/sub/kaohe.iife.js']) {
    assert.equal((await get(url, 'br')).statusCode, 404, url);
  }
});
