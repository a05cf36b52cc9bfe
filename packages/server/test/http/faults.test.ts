// Faults, with `kaohe serve` as a real child process: killed with SIGKILL in the middle of a burst of
// writes and started again on the same data, every write that was answered 200 is there, none is half
// written (each appraisal's revision equals its audit events), and the audit log verifies. SIGTERM
// lets requests in flight finish and exits 0.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { databaseTargets, type FreshDatabase } from '../db/databases.ts';
import { PERIOD, people } from './company.ts';
import { startServe, type ServeProcess } from './serve-process.ts';
import { bearer, service, tokenFor } from './support.ts';

/** the regional managers' appraisals to write to, each by its own assessor: a burst of independent writers */
const writers = [['R1', `${PERIOD}:S1`], ['R1', `${PERIOD}:S2`], ['R2', `${PERIOD}:S3`], ['P1', `${PERIOD}:R1`], ['P1', `${PERIOD}:R2`]] as const;

const started: ChildProcess[] = [];
const track = (server: ServeProcess) => {
  started.push(server.child);
  return server;
};

for (const target of databaseTargets()) {
  describe(`faults on ${target.kind}`, () => {
    let fresh: FreshDatabase;
    before(async () => { fresh = await target.create(); });
    after(async () => {
      // a failed assertion must not leave a server running
      for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await fresh.drop();
    });

    test('kill -9 during a burst of writes: after a restart every 200 is there, whole, and the audit verifies', async () => {
      const first = track(await startServe(fresh.options));
      const call = (path: string, init: RequestInit & { headers: Record<string, string> }) =>
        fetch(`${first.api}${path}`, { ...init, headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers } });
      assert.equal((await call('/directory', { method: 'PUT', headers: service, body: JSON.stringify({ people }) })).status, 200);
      assert.equal((await call(`/periods/${PERIOD}/open`, { method: 'POST', headers: service })).status, 200);

      // Each writer saves one draft action after another, each at the revision the last 200 returned.
      const acked = new Map<string, number>(writers.map(([, id]) => [id, 1]));
      let killed = false;
      const burst = writers.map(async ([who, id]) => {
        const headers = bearer(await tokenFor(who));
        for (let i = 0; !killed; i++) {
          try {
            const response = await call(`/appraisals/${id}/actions`, {
              method: 'POST', headers,
              body: JSON.stringify({ action: { type: 'draft.save', comment: `burst ${i}` }, expectedRevision: acked.get(id) }),
            });
            if (response.status !== 200) throw new Error(`${who} on ${id}: ${response.status} ${await response.text()}`);
            acked.set(id, (await response.json() as { revision: number }).revision);
          } catch (error) {
            if (killed) return;
            throw error;
          }
        }
      });
      // Killed once the burst is well under way (15 answered writes), mid-flight: five writers are always waiting on one.
      const countWritten = () => [...acked.values()].reduce((sum, revision) => sum + revision - 1, 0);
      for (const started = Date.now(); countWritten() < 15 && Date.now() - started < 30_000;) await new Promise((resolve) => setTimeout(resolve, 10));
      killed = true;
      first.child.kill('SIGKILL');
      assert.equal(await first.exited, 'SIGKILL');
      await Promise.all(burst);
      const written = countWritten();
      assert.ok(written >= 15, `the burst wrote ${written} actions before the kill`);

      const second = track(await startServe(fresh.options));
      try {
        for (const [who, id] of writers) {
          const response = await fetch(`${second.api}/appraisals/${id}`, { headers: bearer(await tokenFor(who)) });
          assert.equal(response.status, 200);
          const view = await response.json() as { revision: number; history: unknown[] };
          const acknowledged = acked.get(id) as number;
          // The write in flight at the kill may have committed without its answer arriving: one more, never one less.
          assert.ok(view.revision === acknowledged || view.revision === acknowledged + 1, `${id}: stored revision ${view.revision}, last 200 said ${acknowledged}`);
          assert.equal(view.history.length, view.revision, `${id}: one audit event per revision (opening + each action), none half written`);
        }
        const verified = await fetch(`${second.api}/audit/verify`, { headers: bearer(await tokenFor('H1')) });
        const verification = await verified.json() as { ok: boolean; count: number };
        assert.equal(verification.ok, true, JSON.stringify(verification));
      } finally {
        second.child.kill('SIGTERM');
        assert.equal(await second.exited, 0, `SIGTERM exits 0: ${second.stderr()}`);
      }
    });

    test('SIGTERM: a request in flight is answered, then nothing listens, and the exit code is 0', async () => {
      const server = track(await startServe(fresh.options));
      const body = JSON.stringify({ people });
      // The directory is sent in two halves: the server has the request (its headers) when SIGTERM comes,
      // and the rest of the body only afterwards.
      const url = new URL(`${server.api}/directory`);
      const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = request(url, { method: 'PUT', headers: { ...service, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (chunk: string) => { text += chunk; }).on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on('error', reject);
        req.write(body.slice(0, 100));
        setTimeout(() => {
          server.child.kill('SIGTERM');
          setTimeout(() => req.end(body.slice(100)), 300);
        }, 200);
      });
      const answered = await answer;
      assert.deepEqual([answered.status, answered.text], [200, JSON.stringify({ count: people.length })]);
      assert.equal(await server.exited, 0, server.stderr());
      await assert.rejects(fetch(`${server.api}/health`), 'nothing listens any more');
      assert.match(server.stderr(), /SIGTERM: finishing requests in flight, closing the database/);
    });
  });
}
