// GET /tasks after PUT /api/v1/directory: the server keeps a tasks page per directory snapshot, so a
// changed directory (a manager change) must change the page read again — not serve the kept one.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KaoheDatabase } from '../../src/db/index.ts';
import type { KaoheApp } from '../../src/http/app.ts';
import { PERIOD, people } from './company.ts';
import { bearer, databaseTargets, openTestDatabase, service, testApp, tokenFor } from './support.ts';

const ID = `${PERIOD}:S1`;

for (const target of databaseTargets()) describe(`on ${target.kind}`, () => {
  let db: KaoheDatabase;
  let app: KaoheApp;
  before(async () => {
    db = await openTestDatabase(target);
    app = await testApp(db);
    assert.equal((await app.inject({ method: 'PUT', url: '/api/v1/directory', headers: service, payload: { people } })).statusCode, 200);
    assert.equal((await app.inject({ method: 'POST', url: `/api/v1/periods/${PERIOD}/open`, headers: service })).statusCode, 200);
  });
  after(async () => {
    await app.close();
    await db.close();
  });

  const tasksOf = async (who: string) => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/tasks', headers: bearer(await tokenFor(who)) });
    assert.equal(response.statusCode, 200, response.body);
    return response.body;
  };
  const idsIn = (body: string) => (JSON.parse(body) as { items: Array<{ appraisal: { id: string } }> }).items.map((item) => item.appraisal.id).sort();
  const putDirectory = async (list: typeof people) => {
    const put = await app.inject({ method: 'PUT', url: '/api/v1/directory', headers: service, payload: { people: list } });
    assert.equal(put.statusCode, 200, put.body);
  };

  test('a manager change: the page read again after PUT /directory drops the appraisal the manager may no longer read, and a move back brings it again', async () => {
    const first = await tasksOf('R1');
    // R1 scores the north's salespeople, S1 and S2
    assert.deepEqual(idsIn(first), [`${PERIOD}:S1`, `${PERIOD}:S2`]);
    assert.equal(await tasksOf('R1'), first, 'the same page read again (kept)');
    // S1 moves south, under R2: the record still names R1 until its next action, but R1 may no longer read it
    await putDirectory(people.map((person) => person.id === 'S1' ? { ...person, region: 'south', managerId: 'R2' } : person));
    assert.deepEqual(idsIn(await tasksOf('R1')), [`${PERIOD}:S2`]);
    const opened = await app.inject({ method: 'GET', url: `/api/v1/appraisals/${ID}`, headers: bearer(await tokenFor('R1')) });
    assert.equal(opened.statusCode, 404, 'nor open it');
    await putDirectory(people);
    assert.deepEqual(idsIn(await tasksOf('R1')), [`${PERIOD}:S1`, `${PERIOD}:S2`]);
  });
});
