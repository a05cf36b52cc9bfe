// GET /api/v1/people sends a person only the people they take part in appraisals with (workflow's
// peopleSeenBy); HR gets the whole directory. (The server keeps the directory in id order.) Checked in the raw body, as a leak would show there.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KaoheDatabase } from '../../src/db/index.ts';
import type { KaoheApp } from '../../src/http/app.ts';
import { people } from './company.ts';
import { bearer, openTestDatabase, service, testApp, tokenFor } from './support.ts';

describe('GET /people', () => {
  let db: KaoheDatabase;
  let app: KaoheApp;
  before(async () => {
    db = await openTestDatabase();
    app = await testApp(db);
    const delegations = [{ from: 'R2', to: 'S3', start: '2026-01-01', end: '2026-12-31' }];
    assert.equal((await app.inject({ method: 'PUT', url: '/api/v1/directory', headers: service, payload: { people, delegations } })).statusCode, 200);
  });
  after(async () => {
    await app.close();
    await db.close();
  });

  const read = async (who: string) => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/people', headers: bearer(await tokenFor(who)) });
    assert.equal(response.statusCode, 200, response.body);
    return { raw: response.body, ids: (response.json() as { people: Array<{ id: string }> }).people.map((person) => person.id) };
  };

  // company.ts: S1 and S2 (north, under R1), S3 (south, under R2). W-SP: the regional manager scores,
  // sales planning (P2) summarises, the VP (V1) and HR (H1) review; HR may reopen. W-RM: the head of
  // sales planning (P1) scores, V1 and H1 review. G1 (the GM) is in neither chain.
  test('a salesperson gets themself and the people of their own chain, never a colleague', async () => {
    const { raw, ids } = await read('S1');
    assert.deepEqual(ids, ['H1', 'P2', 'R1', 'S1', 'V1']);
    // the colleague in the same region, the one in another, the other region's manager: not even their ids
    for (const id of ['"S2"', '"S3"', '"R2"', '"P1"', '"G1"']) assert.ok(!raw.includes(id), `S1's body names ${id}`);
    assert.ok(!raw.includes('Salesperson north 2'), 'nor a colleague\'s name');
  });

  test('a regional manager gets their salespeople, the people of their chains and their own; not another region', async () => {
    const { raw, ids } = await read('R1');
    assert.deepEqual(ids, ['H1', 'P1', 'P2', 'R1', 'S1', 'S2', 'V1']);
    for (const id of ['"S3"', '"R2"', '"G1"']) assert.ok(!raw.includes(id), `R1's body names ${id}`);
  });

  test('sales planning summarises every salesperson: all three and their regional managers', async () => {
    assert.deepEqual((await read('P2')).ids, ['H1', 'P2', 'R1', 'R2', 'S1', 'S2', 'S3', 'V1']);
  });

  test('a delegation names its other party (and the delegate acts in the lender\'s chains)', async () => {
    // R2 lends their step to S3: S3 then scores S3's colleagues? No one scores their own (routing drops
    // the employee), and R2 has no other salesperson, so S3 learns R2 (the lender) and S3's own chain.
    assert.deepEqual((await read('S3')).ids, ['H1', 'P2', 'R2', 'S3', 'V1']);
  });

  test('HR gets the whole directory', async () => {
    assert.deepEqual((await read('H1')).ids, people.map((person) => person.id).sort());
  });
});
