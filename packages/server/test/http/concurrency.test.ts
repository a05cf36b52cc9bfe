// Fifty clients send the same approve at the same revision, over real connections: exactly one wins
// (200), the other 49 are told the appraisal moved on (409 with the current view), one audit event is
// written, and the audit log still verifies.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KaoheDatabase } from '../../src/db/index.ts';
import type { KaoheApp } from '../../src/http/app.ts';
import { PERIOD, people, rmAttendance, rmEntries } from './company.ts';
import { bearer, databaseTargets, openTestDatabase, service, testApp, tokenFor } from './support.ts';

const ID = `${PERIOD}:S1`;
for (const target of databaseTargets()) describe(`on ${target.kind}`, () => {
  let db: KaoheDatabase;
  let app: KaoheApp;
  let base: string;

  before(async () => {
    db = await openTestDatabase(target);
    // 50 requests from one person in a burst: the rate limit is not what this test is about
    app = await testApp(db, { rateLimit: { max: 1_000, windowMs: 60_000 } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1`;
    assert.equal((await app.inject({ method: 'PUT', url: '/api/v1/directory', headers: service, payload: { people } })).statusCode, 200);
    assert.equal((await app.inject({ method: 'POST', url: `/api/v1/periods/${PERIOD}/open`, headers: service })).statusCode, 200);
  });
  after(async () => {
    await app.close();
    await db.close();
  });

  async function act(who: string, action: Record<string, unknown>, expectedRevision: number) {
    const response = await fetch(`${base}/appraisals/${ID}/actions`, {
      method: 'POST',
      headers: { ...bearer(await tokenFor(who)), 'content-type': 'application/json' },
      body: JSON.stringify({ action, expectedRevision }),
    });
    return { status: response.status, body: await response.json() as Record<string, unknown> };
  }

  describe('concurrency', () => {
    test('50 identical approves at one revision: one 200, 49 × 409, one audit event, the log verifies', async () => {
      let revision = (await act('R1', { type: 'step.submit', entries: rmEntries, attendance: rmAttendance }, 1)).body.revision as number;
      revision = (await act('P2', { type: 'step.submit' }, revision)).body.revision as number;
      const before = (await db.store.listAudit(ID)).length;

      const token = await tokenFor('V1');
      const results = await Promise.all(Array.from({ length: 50 }, () => fetch(`${base}/appraisals/${ID}/actions`, {
        method: 'POST',
        headers: { ...bearer(token), 'content-type': 'application/json' },
        body: JSON.stringify({ action: { type: 'step.approve', comment: '初審通過' }, expectedRevision: revision }),
      }).then(async (response) => ({ status: response.status, body: await response.json() as { code?: string; current?: { revision: number } } }))));

      const statuses = results.map((result) => result.status).sort();
      assert.deepEqual(statuses, [200, ...Array<number>(49).fill(409)]);
      for (const refused of results.filter((result) => result.status === 409)) {
        assert.equal(refused.body.code, 'stale');
        assert.equal(refused.body.current?.revision, revision + 1, 'each 409 carries the appraisal as it now stands');
      }
      const audit = await db.store.listAudit(ID);
      assert.equal(audit.length, before + 1, 'one audit event for the one approval');
      assert.equal(audit.at(-1)?.action, 'step.approve');
      const verified = await fetch(`${base}/audit/verify`, { headers: bearer(await tokenFor('H1')) });
      assert.deepEqual(await verified.json(), { ok: true, count: (await db.store.listAudit()).length });
    });
  });
});
