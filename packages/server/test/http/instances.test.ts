// Two server instances on one PostgreSQL behave as one: a write through one reaches a live-notice
// client of the other in under a second (LISTEN/NOTIFY), and a directory replaced through one is the
// directory the other authenticates against. Needs a PostgreSQL server (KAOHE_TEST_DATABASE_URL):
// PGlite is one process's database and cannot be shared.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openDatabase, type KaoheDatabase } from '../../src/db/index.ts';
import type { KaoheApp } from '../../src/http/app.ts';
import { databaseTargets, type FreshDatabase } from '../db/databases.ts';
import { PERIOD, people, rmAttendance, rmEntries } from './company.ts';
import { openSse } from './sse-client.ts';
import { bearer, service, testApp, tokenFor } from './support.ts';

const postgresql = databaseTargets().find((target) => target.kind === 'postgresql');

describe('two instances on one PostgreSQL', { skip: postgresql ? false : 'KAOHE_TEST_DATABASE_URL is not set: two instances need a PostgreSQL server' }, () => {
  let fresh: FreshDatabase;
  const dbs: KaoheDatabase[] = [];
  const apps: KaoheApp[] = [];
  const bases: string[] = [];

  before(async () => {
    fresh = await (postgresql as NonNullable<typeof postgresql>).create();
    for (let i = 0; i < 2; i++) {
      const db = await openDatabase(fresh.options);
      const app = await testApp(db);
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      dbs.push(db);
      apps.push(app);
      bases.push(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1`);
    }
  });
  after(async () => {
    for (const app of apps) await app.close();
    for (const db of dbs) await db.close();
    await fresh?.drop();
  });

  test('a directory sent to A authenticates at B; a write through A reaches an SSE client of B in under a second', async () => {
    const [a, b] = bases as [string, string];
    // B reads (and keeps) the directory as it is now: empty, so S1 is nobody there
    assert.equal((await fetch(`${b}/me`, { headers: bearer(await tokenFor('S1')) })).status, 401);
    const put = await fetch(`${a}/directory`, { method: 'PUT', headers: { ...service, 'content-type': 'application/json' }, body: JSON.stringify({ people }) });
    assert.equal(put.status, 200);
    assert.equal((await fetch(`${a}/periods/${PERIOD}/open`, { method: 'POST', headers: service })).status, 200);
    // B drops what it kept when the directory's notice arrives from A: within a second S1 is known there
    const replaced = Date.now();
    let status = 0;
    while (Date.now() - replaced < 1_000 && status !== 200) {
      status = (await fetch(`${b}/me`, { headers: bearer(await tokenFor('S1')) })).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(status, 200, 'B authenticates S1 within a second of A storing the directory');

    const listening = await openSse(`${b}/events`, bearer(await tokenFor('R1')));
    assert.equal(listening.status, 200);
    const id = `${PERIOD}:S1`;
    const heard = listening.next((event) => event.event === 'appraisal' && JSON.parse(event.data).id === id, 5_000);
    const sent = Date.now();
    const written = await fetch(`${a}/appraisals/${id}/actions`, {
      method: 'POST', headers: { ...bearer(await tokenFor('R1')), 'content-type': 'application/json' },
      body: JSON.stringify({ action: { type: 'draft.save', comment: 'via A' }, expectedRevision: 1 }),
    });
    assert.equal(written.status, 200);
    const event = await heard;
    const elapsed = Date.now() - sent;
    assert.deepEqual(JSON.parse(event.data), { type: 'appraisal', id, revision: 2 });
    assert.ok(elapsed < 1_000, `B's client heard A's write after ${elapsed} ms`);
    listening.close();

    // and B reads what A wrote: no instance keeps state the other needs
    const seen = await fetch(`${b}/appraisals/${id}`, { headers: bearer(await tokenFor('R1')) });
    assert.equal((await seen.json() as { revision: number }).revision, 2);
  });

  test('the employee\'s list was served by A, their streams are on B: handing in through A tells both B streams it is gone, by id alone; a colleague on B hears nothing', async () => {
    const [a, b] = bases as [string, string];
    const travelling = [
      ...people,
      { id: 'L2', name: 'Leader above', roles: ['serviceDirector'], managerId: 'G1' },
      { id: 'L1', name: 'Direct leader', roles: ['serviceManager'], managerId: 'L2' },
      { id: 'T1', name: 'Travelling service staff', roles: ['travellingServiceStaff'], managerId: 'L1' },
    ];
    const put = await fetch(`${a}/directory`, { method: 'PUT', headers: { ...service, 'content-type': 'application/json' }, body: JSON.stringify({ people: travelling }) });
    assert.equal(put.status, 200);
    const opened = await fetch(`${a}/appraisals`, { method: 'POST', headers: { ...service, 'content-type': 'application/json' }, body: JSON.stringify({ employee: 'T1', period: PERIOD }) });
    assert.equal(opened.status, 201, await opened.clone().text());
    const T = `${PERIOD}:T1`;
    const employee = bearer(await tokenFor('T1'));
    // B learns of the new directory from A's notice; until then T1 is nobody there
    for (const started = Date.now(); Date.now() - started < 2_000;) {
      if ((await fetch(`${b}/me`, { headers: employee })).status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const tab = await openSse(`${b}/events`, employee);
    const colleague = await openSse(`${b}/events`, bearer(await tokenFor('S2')));
    assert.equal(tab.status, 200);
    // A serves T1's list: their self-evaluation (W-TR opens there)
    const tasks = await (await fetch(`${a}/tasks`, { headers: employee })).json() as { items: Array<{ appraisal: { id: string } }> };
    assert.deepEqual(tasks.items.map((item) => item.appraisal.id), [T]);
    // and the stream reconnects to B after that
    const reconnected = await openSse(`${b}/events`, employee);
    const about = (event: { event?: string; data: string }) => event.event === 'appraisal' && JSON.parse(event.data).id === T;
    const heard = [tab.next(about, 5_000), reconnected.next(about, 5_000)];

    const submitted = await fetch(`${a}/appraisals/${T}/actions`, {
      method: 'POST', headers: { ...employee, 'content-type': 'application/json' },
      body: JSON.stringify({ action: { type: 'step.submit', entries: { 'TR-1': { points: '18' } } }, expectedRevision: 1 }),
    });
    assert.equal(submitted.status, 200, await submitted.clone().text());
    for (const event of await Promise.all(heard)) assert.deepEqual(JSON.parse(event.data), { type: 'appraisal', id: T });
    assert.equal((await fetch(`${b}/appraisals/${T}`, { headers: employee })).status, 404, 'B too: T1 may not read it until it is published');

    // a directory notice after the hand-in reaches B's streams after it: the colleague has had the chance to hear it, and did not
    const barrier = colleague.next((event) => event.event === 'directory', 5_000);
    assert.equal((await fetch(`${a}/directory`, { method: 'PUT', headers: { ...service, 'content-type': 'application/json' }, body: JSON.stringify({ people: travelling }) })).status, 200);
    await barrier;
    assert.ok(!colleague.events.some(about), 'a colleague hears nothing of T1\'s appraisal');
    for (const stream of [tab, reconnected, colleague]) stream.close();
  });

  test('a tasks page B keeps is made again once A writes: the page B reads after it shows the new revision, then the new step', async () => {
    const [a, b] = bases as [string, string];
    const id = `${PERIOD}:S2`;
    const manager = bearer(await tokenFor('R1'));
    const rowAtB = async () => {
      const page = await (await fetch(`${b}/tasks`, { headers: manager })).json() as { items: Array<{ appraisal: { id: string; revision: number; step: string; updatedBy: string } }> };
      const row = page.items.find((item) => item.appraisal.id === id)?.appraisal;
      return row && { revision: row.revision, step: row.step, updatedBy: row.updatedBy };
    };
    assert.deepEqual(await rowAtB(), { revision: 1, step: 'score', updatedBy: 'system' });
    assert.deepEqual(await rowAtB(), { revision: 1, step: 'score', updatedBy: 'system' }, 'read again at B (its kept page)');
    const write = (action: unknown, expectedRevision: number) => fetch(`${a}/appraisals/${id}/actions`, {
      method: 'POST', headers: { ...manager, 'content-type': 'application/json' }, body: JSON.stringify({ action, expectedRevision }),
    });
    const saved = await write({ type: 'draft.save', comment: 'via A' }, 1);
    assert.equal(saved.status, 200, await saved.clone().text());
    assert.deepEqual(await rowAtB(), { revision: 2, step: 'score', updatedBy: 'R1' });
    const submitted = await write({ type: 'step.submit', entries: rmEntries, attendance: rmAttendance }, 2);
    assert.equal(submitted.status, 200, await submitted.clone().text());
    // handed on to sales planning: no longer R1's task, and P2's page at B lists it at its new step
    assert.equal(await rowAtB(), undefined);
    const planner = await (await fetch(`${b}/tasks`, { headers: bearer(await tokenFor('P2')) })).json() as { items: Array<{ appraisal: { id: string; revision: number; step: string } }> };
    assert.deepEqual(planner.items.filter((item) => item.appraisal.id === id).map((item) => [item.appraisal.revision, item.appraisal.step]), [[3, 'summarise']]);
  });
});
