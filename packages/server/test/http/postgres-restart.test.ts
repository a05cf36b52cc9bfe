// Issue 12's fault "PostgreSQL restarted under load → 503 while it is down, recovery without
// restarting the server", over HTTP. The shared PostgreSQL at 5432 is never touched: the test makes a
// private cluster of its own (initdb in a temporary directory, on a free port), runs `kaohe serve` on
// it as a child process, stops the cluster with `pg_ctl stop -m immediate` in the middle of a burst of
// writes, and starts it again. It needs PostgreSQL's binaries (KAOHE_PG_BIN, default
// /usr/lib/postgresql/15/bin); initdb refuses to run as root, so as root it runs them as the
// `postgres` OS user (runuser). Without them it is skipped, saying why.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { PERIOD, people } from './company.ts';
import { startServe, type ServeProcess } from './serve-process.ts';
import { bearer, service, tokenFor } from './support.ts';

const run = promisify(execFile);
const bin = process.env['KAOHE_PG_BIN'] ?? '/usr/lib/postgresql/15/bin';
const root = process.getuid?.() === 0;

function skipReason(): string | undefined {
  if (!existsSync(join(bin, 'initdb')) || !existsSync(join(bin, 'pg_ctl'))) return `no PostgreSQL binaries in ${bin} (set KAOHE_PG_BIN)`;
  if (root && !existsSync('/usr/sbin/runuser') && !existsSync('/sbin/runuser')) return 'running as root without runuser, and initdb refuses root';
  return undefined;
}

/** One of PostgreSQL's programs, as the `postgres` OS user when this process is root. */
function pg(program: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  const file = join(bin, program);
  return root ? run('runuser', ['-u', 'postgres', '--', file, ...args], { timeout: 120_000 }) : run(file, args, { timeout: 120_000 });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** the appraisals to write to, each by its own assessor: independent writers */
const writers = [['R1', `${PERIOD}:S1`], ['R1', `${PERIOD}:S2`], ['R2', `${PERIOD}:S3`], ['P1', `${PERIOD}:R1`], ['P1', `${PERIOD}:R2`]] as const;

const reason = skipReason();
describe('PostgreSQL restarted under load, over HTTP', { skip: reason }, () => {
  let dir: string;
  let data: string;
  let port: number;
  let server: ServeProcess | undefined;
  const start = () => pg('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, 'start']);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kaohe-pg-restart-'));
    if (root) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: group } = await run('id', ['-g', 'postgres']);
      await chown(dir, Number(stdout.trim()), Number(group.trim()));
    }
    data = join(dir, 'data');
    port = await freePort();
    await pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    await start();
  });

  after(async () => {
    // nothing may be left running, whatever failed
    if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await pg('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  test('503 while it is down (health, a read, a write), then the same server answers again, every 200 is there and the audit verifies', { timeout: 300_000 }, async () => {
    server = await startServe({ databaseUrl: `postgres://postgres@127.0.0.1:${port}/postgres` });
    const api = server.api;
    // every request is answered within 20 s, or the test fails naming it (a hang is a failure too)
    const call = (path: string, init: RequestInit & { headers: Record<string, string> }) =>
      fetch(`${api}${path}`, { ...init, signal: AbortSignal.timeout(20_000), headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers } })
        .catch((error: unknown) => { throw new Error(`${init.method ?? 'GET'} ${path} was not answered: ${server?.stderr()}`, { cause: error }); });
    assert.equal((await call('/directory', { method: 'PUT', headers: service, body: JSON.stringify({ people }) })).status, 200);
    const opening = await call(`/periods/${PERIOD}/open`, { method: 'POST', headers: service });
    assert.equal(opening.status, 200);
    const opened = (await opening.json() as { opened: string[] }).opened.length;
    const tokens = new Map(await Promise.all(['R1', 'R2', 'P1', 'H1'].map(async (id) => [id, await tokenFor(id, { exp: '1h' })] as const)));
    const as = (who: string) => bearer(tokens.get(who) as string);

    // A burst: each writer saves one draft after another at the revision its last 200 gave, until an
    // answer is not 200 (the database went away under it).
    const acked = new Map<string, number>(writers.map(([, id]) => [id, 1]));
    const endedWith: number[] = [];
    const burst = writers.map(async ([who, id]) => {
      for (let i = 0; ; i++) {
        const response = await call(`/appraisals/${id}/actions`, {
          method: 'POST', headers: as(who), body: JSON.stringify({ action: { type: 'draft.save', comment: `burst ${i}` }, expectedRevision: acked.get(id) }),
        });
        if (response.status !== 200) {
          endedWith.push(response.status);
          return;
        }
        acked.set(id, (await response.json() as { revision: number }).revision);
      }
    });
    const written = () => [...acked.values()].reduce((sum, revision) => sum + revision - 1, 0);
    for (const since = Date.now(); written() < 15 && Date.now() - since < 60_000;) await sleep(10);
    assert.ok(written() >= 15, `the burst wrote ${written()} actions before the stop`);
    await pg('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
    await Promise.all(burst);
    // every writer's burst ended on the outage, with 503 (never a 500, never a hang)
    assert.deepEqual(endedWith, writers.map(() => 503));

    // While it is down: health, a read and a write answer 503 with Retry-After, and the server stays up.
    const health = await fetch(`${api}/health`, { signal: AbortSignal.timeout(20_000) }).catch((error: unknown) => {
      throw new Error(`the server stopped answering when PostgreSQL went down: ${server?.stderr()}`, { cause: error });
    });
    assert.equal(health.status, 503);
    const read = await call(`/appraisals/${PERIOD}:S1`, { headers: as('R1') });
    assert.equal(read.status, 503);
    assert.ok(Number(read.headers.get('retry-after')) >= 1, 'a read says when to try again');
    assert.equal((await read.json() as { status: number }).status, 503);
    const write = await call(`/appraisals/${PERIOD}:S1/actions`, {
      method: 'POST', headers: as('R1'), body: JSON.stringify({ action: { type: 'draft.save' }, expectedRevision: acked.get(`${PERIOD}:S1`) }),
    });
    assert.equal(write.status, 503);
    assert.equal(server.child.exitCode, null, 'the server is still running');

    await start();
    // The same process answers again once the database does: no restart of the server.
    let healthy = 0;
    for (const since = Date.now(); healthy !== 200 && Date.now() - since < 30_000; await sleep(200)) healthy = (await fetch(`${api}/health`, { signal: AbortSignal.timeout(20_000) })).status;
    assert.equal(healthy, 200, 'health answers 200 within 30 s of PostgreSQL being back');
    assert.equal(server.child.exitCode, null);

    let writersEvents = 0;
    for (const [who, id] of writers) {
      const response = await call(`/appraisals/${id}`, { headers: as(who) });
      assert.equal(response.status, 200);
      const view = await response.json() as { revision: number; history: unknown[] };
      const acknowledged = acked.get(id) as number;
      // The write in flight at the stop may have committed without its answer: one more, never one less.
      assert.ok(view.revision === acknowledged || view.revision === acknowledged + 1, `${id}: stored revision ${view.revision}, last 200 said ${acknowledged}`);
      assert.equal(view.history.length, view.revision, `${id}: one audit event per revision, none half written`);
      // and it takes writes again, at the revision it now has
      const next = await call(`/appraisals/${id}/actions`, {
        method: 'POST', headers: as(who), body: JSON.stringify({ action: { type: 'draft.save', comment: 'after the restart' }, expectedRevision: view.revision }),
      });
      assert.equal(next.status, 200, await next.text());
      writersEvents += view.revision + 1;
    }
    const verified = await call('/audit/verify', { headers: as('H1') });
    const verification = await verified.json() as { ok: boolean; count: number };
    assert.equal(verification.ok, true, JSON.stringify(verification));
    // each appraisal nobody wrote to has its opening event; each writer's has one per revision, and the one after the restart
    assert.equal(verification.count, opened - writers.length + writersEvents);

    server.child.kill('SIGTERM');
    const exit = await Promise.race([server.exited, sleep(30_000).then(() => 'still running 30 s after SIGTERM')]);
    assert.equal(exit, 0, server.stderr());
  });
});
if (reason) console.log(`# postgres-restart skipped: ${reason}`);
