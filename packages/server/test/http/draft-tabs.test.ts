// Two tabs of one person over HTTP: each draft save names the revision of the person's draft it builds
// on, and a save over a newer one (the other tab's) is refused 409 `draft-conflict` with nothing written,
// so neither tab's typing replaces the other's unasked. Saving over it is a deliberate second save.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KaoheDatabase } from '../../src/db/index.ts';
import type { KaoheApp } from '../../src/http/app.ts';
import { PERIOD, people } from './company.ts';
import { bearer, databaseTargets, openTestDatabase, service, testApp, tokenFor } from './support.ts';

const ID = `${PERIOD}:S1`;
const URL = `/api/v1/appraisals/${encodeURIComponent(ID)}/draft`;
for (const target of databaseTargets()) describe(`on ${target.kind}`, () => {
  let db: KaoheDatabase;
  let app: KaoheApp;
  let token: string;
  let revision: number;

  before(async () => {
    db = await openTestDatabase(target);
    app = await testApp(db);
    assert.equal((await app.inject({ method: 'PUT', url: '/api/v1/directory', headers: service, payload: { people } })).statusCode, 200);
    assert.equal((await app.inject({ method: 'POST', url: `/api/v1/periods/${PERIOD}/open`, headers: service })).statusCode, 200);
    token = await tokenFor('R1');
    revision = (await app.inject({ method: 'GET', url: `/api/v1/appraisals/${encodeURIComponent(ID)}`, headers: bearer(token) })).json().revision;
  });
  after(async () => {
    await app.close();
    await db.close();
  });

  const save = (entries: Record<string, unknown>, draftRevision: number) =>
    app.inject({ method: 'PUT', url: URL, headers: bearer(token), payload: { entries, baseRevision: revision, draftRevision } });
  const stored = async () => (await app.inject({ method: 'GET', url: URL, headers: bearer(token) })).json();

  describe('two tabs of one person', () => {
    test('both on the same draft revision: the first save wins, the second is 409 draft-conflict and the first tab\'s entries stay', async () => {
      // Both tabs opened the appraisal with no draft of R1's: each builds on draft revision 0.
      const tabA = await save({ 'SP-P': { count: 1 } }, 0);
      assert.equal(tabA.statusCode, 200, tabA.body);
      assert.equal(tabA.json().revision, 1);

      const tabB = await save({ 'SP-Q': { points: '3' } }, 0);
      assert.equal(tabB.statusCode, 409);
      assert.deepEqual(tabB.json(), {
        status: 409, title: 'Conflict', code: 'draft-conflict',
        detail: `R1's draft of ${ID} was saved from another tab or window (draft revision 1) after this one read revision 0. Nothing was overwritten.`,
      });
      const after = await stored();
      assert.deepEqual(after.entries, { 'SP-P': { count: 1 } });
      assert.equal(after.revision, 1);
    });

    test('the first tab goes on from its own save; the other saves over it only by naming the revision it was shown', async () => {
      assert.equal((await save({ 'SP-P': { count: 2 } }, 1)).json().revision, 2);
      assert.equal((await save({ 'SP-Q': { points: '3' } }, 1)).statusCode, 409);
      const deliberate = await save({ 'SP-Q': { points: '3' } }, 2);
      assert.equal(deliberate.statusCode, 200, deliberate.body);
      assert.equal(deliberate.json().revision, 3);
      assert.deepEqual((await stored()).entries, { 'SP-Q': { points: '3' } });
    });

    test('two saves on revision 3 at the same moment: one 200, one 409, and the stored draft is the one that was taken', async () => {
      const answers = await Promise.all([save({ 'SP-P': { count: 4 } }, 3), save({ 'SP-P': { count: 5 } }, 3)]);
      assert.deepEqual(answers.map((answer) => answer.statusCode).sort(), [200, 409]);
      const taken = answers.find((answer) => answer.statusCode === 200)!.json();
      assert.equal(taken.revision, 4);
      assert.deepEqual((await stored()).entries, taken.entries);
    });

    test('the OpenAPI document lists the 409 of a draft save', async () => {
      const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
      const put = doc.paths['/api/v1/appraisals/{id}/draft'].put;
      assert.deepEqual(Object.keys(put.responses).sort(), ['200', '403', '404', '409', '422']);
      assert.equal(put.requestBody.content['application/json'].schema.properties.draftRevision.type, 'integer');
    });
  });
});
