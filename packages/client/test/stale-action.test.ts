// An action chosen on a page that shows an old revision (walk report, defect 1): the same month through
// the page's own service and through the server's client (HTTP, PGlite), since a page holds one or the
// other and must not tell them apart. Sales planning (P2) reads S3 at revision 2 in one window, returns
// it from another, the regional manager (R2) rescores it; the first window's submit, sent with the
// revision it showed, is refused as stale (409 over HTTP) naming who moved it and where it is, and writes
// nothing; sent with the revision that stands, it is taken.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KaoheService } from '@kaohe/service';
import { rmAttendance, rmEntries } from '../../server/test/http/company.ts';
import { setUp } from '../../service/test/fixtures.ts';
import { HttpService } from '../src/index.ts';
import { PERIOD, startTestServer, tokenFor, type TestServer } from './server.ts';

const S3 = `${PERIOD}:S3`;

/** Each person's service: a page acts as the person signed in to it. */
type Services = (person: string) => KaoheService;

async function staleSubmit(services: Services): Promise<void> {
  const rm = services('R2');
  const planner = services('P2');
  const scored = await rm.act(S3, 'R2', { type: 'step.submit', entries: rmEntries, attendance: rmAttendance }, { expectedRevision: 1 });
  assert.ok(scored.ok, JSON.stringify(scored));
  // Window A: what sales planning reads and keeps on screen. 79.40 is company.ts's figure, worked out by hand.
  const shown = await planner.view(S3, 'P2');
  assert.ok(shown);
  assert.deepEqual([shown.revision, shown.step, shown.score?.monthly], [2, 'summarise', '79.40']);

  // Window B returns it; the regional manager gives SP-Q 2 instead of 4: work 74 − 2 = 72.00,
  // monthly (C-1) 72 × 0.7 + 92 × 0.3 = 50.40 + 27.60 = 78.00.
  const returned = await planner.act(S3, 'P2', { type: 'step.return', to: 'score', comment: '請核實 SP-Q' }, { expectedRevision: 2 });
  assert.ok(returned.ok, JSON.stringify(returned));
  const rescored = await rm.act(S3, 'R2', { type: 'step.resubmit', entries: { 'SP-Q': { points: '2' } } }, { expectedRevision: 3 });
  assert.ok(rescored.ok, JSON.stringify(rescored));
  assert.deepEqual([rescored.revision, rescored.appraisal?.score?.monthly], [4, '78.00']);
  const before = await planner.view(S3, 'P2');

  // Window A, never reloaded, submits what it showed: refused before the step is judged, nothing written.
  const stale = await planner.act(S3, 'P2', { type: 'step.submit' }, { expectedRevision: shown.revision });
  assert.ok(!stale.ok);
  assert.equal(stale.code, 'stale');
  assert.equal(stale.message, `Appraisal ${S3} is at revision 4, not 2: RM south acted on it after you read it and it is now at "Sales planning summarises". `
    + 'Nothing was written; reload it to see what changed, then decide again.');
  assert.deepEqual(stale.appraisal && [stale.appraisal.revision, stale.appraisal.updatedBy, stale.appraisal.score?.monthly], [4, 'R2', '78.00']);
  assert.deepEqual(await planner.view(S3, 'P2'), before, 'the record and its history are as they were');

  // With the revision that stands (the page reloaded and shows 78.00), the same submit goes through.
  const taken = await planner.act(S3, 'P2', { type: 'step.submit' }, { expectedRevision: 4 });
  assert.ok(taken.ok, JSON.stringify(taken));
  assert.deepEqual([taken.revision, taken.step], [5, 'firstReview']);

  // A return from window A, which would not even be P2's at the VP's step now: stale too, not the chain's refusal.
  const late = await planner.act(S3, 'P2', { type: 'step.return', to: 'score', comment: '請核實 SP-Q' }, { expectedRevision: 2 });
  assert.deepEqual(!late.ok && [late.code, late.appraisal?.revision], ['stale', 5]);
  assert.equal((await planner.view(S3, 'P2'))?.revision, 5);
}

describe('an action sent with the revision the page showed', () => {
  test('the page\'s own service: stale when the appraisal moved, taken at the revision that stands', async () => {
    const { service } = await setUp();
    const opened = await service.openAppraisal('H1', { employee: 'S3', period: PERIOD });
    assert.ok(opened.ok && opened.id === S3);
    await staleSubmit(() => service);
  });

  describe('over HTTP (the server on PGlite)', () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer();
    });
    after(async () => {
      await server.close();
    });

    test('the server\'s client: 409 stale when the appraisal moved, taken at the revision that stands', async () => {
      const clients = new Map<string, HttpService>();
      await staleSubmit((person) => {
        let client = clients.get(person);
        if (!client) clients.set(person, client = new HttpService({ server: server.url, user: person, token: () => tokenFor(person) }));
        return client;
      });
      // The status itself, as a page's fetch sees it.
      const answer = await fetch(`${server.url}/api/v1/appraisals/${encodeURIComponent(S3)}/actions`, {
        method: 'POST', headers: { authorization: `Bearer ${await tokenFor('V1')}`, 'content-type': 'application/json' },
        body: JSON.stringify({ action: { type: 'step.approve' }, expectedRevision: 2 }),
      });
      const problem = await answer.json() as { code: string; current?: { revision: number } };
      assert.deepEqual([answer.status, problem.code, problem.current?.revision], [409, 'stale', 5]);
    });
  });
});
