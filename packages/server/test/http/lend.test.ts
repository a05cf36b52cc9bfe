// A delegation lent with an action (the inbox's "delegate"): the body's `lend` reaches the service, so
// the colleague it is lent to gets the task at once, acting on the lender's behalf.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KaoheDatabase } from '../../src/db/index.ts';
import type { KaoheApp } from '../../src/http/app.ts';
import { PERIOD, people } from './company.ts';
import { bearer, openTestDatabase, service, testApp, tokenFor } from './support.ts';

const ID = `${PERIOD}:S1`;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('POST /appraisals/{id}/actions with lend', () => {
  let db: KaoheDatabase;
  let app: KaoheApp;
  before(async () => {
    db = await openTestDatabase();
    app = await testApp(db);
    assert.equal((await app.inject({ method: 'PUT', url: '/api/v1/directory', headers: service, payload: { people } })).statusCode, 200);
    assert.equal((await app.inject({ method: 'POST', url: `/api/v1/periods/${PERIOD}/open`, headers: service })).statusCode, 200);
  });
  after(async () => {
    await app.close();
    await db.close();
  });

  const as = async (who: string) => bearer(await tokenFor(who));
  const taskIds = async (who: string) => ((await app.inject({ method: 'GET', url: '/api/v1/tasks', headers: await as(who) })).json() as { items: Array<{ appraisal: { id: string; onBehalfOf?: string[] } }> }).items;

  test('R1 lends S1\'s scoring to R2 with a draft save: R2 lists it, on R1\'s behalf', async () => {
    // S1 sells in the north: R1 scores them; R2 (south) has no task of S1's before.
    assert.deepEqual((await taskIds('R2')).map((item) => item.appraisal.id).includes(ID), false);
    const { revision } = (await app.inject({ method: 'GET', url: `/api/v1/appraisals/${ID}`, headers: await as('R1') })).json();
    const lent = await app.inject({
      method: 'POST', url: `/api/v1/appraisals/${ID}/actions`, headers: await as('R1'),
      // from yesterday to a week ahead, so "today" is inside whatever the server's day is
      payload: { action: { type: 'draft.save', comment: 'on leave' }, expectedRevision: revision, lend: { to: 'R2', start: day(-1), end: day(7) } },
    });
    assert.equal(lent.statusCode, 200, lent.body);
    const r2 = (await taskIds('R2')).find((item) => item.appraisal.id === ID);
    assert.deepEqual(r2?.appraisal.onBehalfOf, ['R1']);
  });

  test('a lend the schema refuses (a day that is no date) is refused (422) naming the field, and nothing is written', async () => {
    const { revision } = (await app.inject({ method: 'GET', url: `/api/v1/appraisals/${ID}`, headers: await as('R1') })).json();
    const refused = await app.inject({
      method: 'POST', url: `/api/v1/appraisals/${ID}/actions`, headers: await as('R1'),
      payload: { action: { type: 'draft.save' }, expectedRevision: revision, lend: { to: 'R2', start: 'tomorrow', end: day(7) } },
    });
    assert.equal(refused.statusCode, 422, refused.body);
    assert.match(refused.body, /lend/);
    assert.equal((await app.inject({ method: 'GET', url: `/api/v1/appraisals/${ID}`, headers: await as('R1') })).json().revision, revision);
  });
  test('a lend ending on a day the calendar has not (2026-13-45, 2026-02-29) is refused (422) naming body.lend.end', async () => {
    const { revision } = (await app.inject({ method: 'GET', url: `/api/v1/appraisals/${ID}`, headers: await as('R1') })).json();
    for (const end of ['2026-13-45', '2026-02-29']) {
      const refused = await app.inject({
        method: 'POST', url: `/api/v1/appraisals/${ID}/actions`, headers: await as('R1'),
        payload: { action: { type: 'draft.save' }, expectedRevision: revision, lend: { to: 'R2', start: '2026-11-05', end } },
      });
      assert.equal(refused.statusCode, 422, refused.body);
      const problems = (refused.json() as { problems: Array<{ path: string; message: string }> }).problems;
      assert.deepEqual(problems.map((problem) => [problem.path, problem.message]), [['body.lend.end', 'a day of the calendar as YYYY-MM-DD']], end);
    }
  });
  test('a lend to nobody known, to oneself, or ending before it starts is refused (422) naming the field and the rule, and nothing is written', async () => {
    const { revision } = (await app.inject({ method: 'GET', url: `/api/v1/appraisals/${ID}`, headers: await as('R1') })).json();
    const lendWith = async (lend: Record<string, string>) => {
      const refused = await app.inject({
        method: 'POST', url: `/api/v1/appraisals/${ID}/actions`, headers: await as('R1'),
        payload: { action: { type: 'draft.save', comment: 'on leave' }, expectedRevision: revision, lend },
      });
      assert.equal(refused.statusCode, 422, refused.body);
      return (refused.json() as { problems: Array<{ path: string; rule: string; message: string }> }).problems;
    };
    assert.deepEqual(await lendWith({ to: 'NOBODY', start: '2026-11-05', end: '2026-11-12' }), [
      { path: 'lend.to', rule: 'unknown-person', message: '"NOBODY" is not in the directory' },
    ]);
    assert.deepEqual(await lendWith({ to: 'R1', start: '2026-11-05', end: '2026-11-12' }), [
      { path: 'lend.to', rule: 'self-delegation', message: 'a person cannot delegate to themselves' },
    ]);
    assert.deepEqual(await lendWith({ to: 'R2', start: '2026-11-12', end: '2026-11-05' }), [
      { path: 'lend.end', rule: 'date-range', message: 'ends (2026-11-05) before it starts (2026-11-12)' },
    ]);
    assert.equal((await app.inject({ method: 'GET', url: `/api/v1/appraisals/${ID}`, headers: await as('R1') })).json().revision, revision, 'nothing was written');
  });
});
