// Live notices over a real port: a person hears a change only when the service would show them what
// changed (the employee nothing of their appraisal until it is published, a colleague never), their
// own drafts only; heartbeat comments keep the stream open; shutting the server down ends the streams.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KaoheDatabase } from '../../src/db/index.ts';
import type { KaoheApp } from '../../src/http/app.ts';
import { PERIOD, people, rmAttendance, rmEntries } from './company.ts';
import { openSse, type SseEvent, type SseStream } from './sse-client.ts';
import { bearer, databaseTargets, openTestDatabase, service, testApp, tokenFor } from './support.ts';

const ID = `${PERIOD}:S1`;
for (const target of databaseTargets()) describe(`on ${target.kind}`, () => {
  let db: KaoheDatabase;
  let app: KaoheApp;
  let base: string;
  const tokens = new Map<string, string>();

  before(async () => {
    db = await openTestDatabase(target);
    app = await testApp(db, { heartbeatMs: 50 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1`;
    assert.equal((await app.inject({ method: 'PUT', url: '/api/v1/directory', headers: service, payload: { people } })).statusCode, 200);
    assert.equal((await app.inject({ method: 'POST', url: `/api/v1/periods/${PERIOD}/open`, headers: service })).statusCode, 200);
    for (const person of people) tokens.set(person.id, await tokenFor(person.id));
  });
  after(async () => {
    await app.close();
    await db.close();
  });

  const as = (who: string) => bearer(tokens.get(who) as string);
  const about = (id: string) => (event: SseEvent) => event.event === 'appraisal' && JSON.parse(event.data).id === id;
  const isDirectory = (event: SseEvent) => event.event === 'directory';

  async function act(who: string, action: Record<string, unknown>) {
    const { revision } = (await app.inject({ method: 'GET', url: `/api/v1/appraisals/${ID}`, headers: as(who) })).json();
    const response = await app.inject({ method: 'POST', url: `/api/v1/appraisals/${ID}/actions`, headers: as(who), payload: { action, expectedRevision: revision } });
    assert.equal(response.statusCode, 200, response.body);
    return response.json().revision as number;
  }

  /** Every stream handles notices in order: once each has the directory notice sent after a change, it has had its chance to hear the change. */
  async function barrier(streams: SseStream[]) {
    const waits = streams.map((stream) => stream.next(isDirectory));
    assert.equal((await app.inject({ method: 'PUT', url: '/api/v1/directory', headers: service, payload: { people } })).statusCode, 200);
    await Promise.all(waits);
  }

  describe('GET /events', () => {
    test('without a token it is 401 like every person\'s route', async () => {
      const stream = await openSse(`${base}/events`, {});
      assert.equal(stream.status, 401);
      stream.close();
    });

    test('each person hears what they may see, and nothing else', async () => {
      const [rm, employee, colleague, planner] = await Promise.all(['R1', 'S1', 'S2', 'P2'].map((who) => openSse(`${base}/events`, as(who)))) as [SseStream, SseStream, SseStream, SseStream];
      const streams = { rm, employee, colleague, planner };
      assert.equal(rm.status, 200);
      assert.equal(rm.headers['content-type'], 'text/event-stream; charset=utf-8');
      assert.equal(rm.headers['cache-control'], 'no-store');

      // a draft is heard by its owner alone
      const draftHeard = rm.next((event) => event.event === 'draft');
      const { revision: opened } = (await app.inject({ method: 'GET', url: `/api/v1/appraisals/${ID}`, headers: as('R1') })).json();
      const saved = await app.inject({ method: 'PUT', url: `/api/v1/appraisals/${ID}/draft`, headers: as('R1'), payload: { entries: { 'SP-P': { count: 0 } }, baseRevision: opened } });
      assert.equal(saved.statusCode, 200, saved.body);
      assert.deepEqual(JSON.parse((await draftHeard).data), { type: 'draft', appraisalId: ID, userId: 'R1' });
      await barrier(Object.values(streams));
      assert.ok(!planner.events.some((event) => event.event === 'draft'), 'sales planning does not hear the regional manager\'s draft');

      const heard = rm.next(about(ID));
      const plannerHeard = planner.next(about(ID));
      const revision = await act('R1', { type: 'step.submit', entries: rmEntries, attendance: rmAttendance });
      assert.deepEqual(JSON.parse((await heard).data), { type: 'appraisal', id: ID, revision });
      assert.deepEqual(JSON.parse((await plannerHeard).data), { type: 'appraisal', id: ID, revision });
      await barrier(Object.values(streams));
      assert.ok(!employee.events.some(about(ID)), 'the employee hears nothing of an unpublished appraisal');
      assert.ok(!colleague.events.some(about(ID)), 'a colleague hears nothing of it');

      await act('P2', { type: 'step.submit' });
      await act('V1', { type: 'step.approve' });
      await act('H1', { type: 'step.approve' });
      const published = employee.next(about(ID));
      const publishedRevision = await act('H1', { type: 'appraisal.publish' });
      assert.deepEqual(JSON.parse((await published).data), { type: 'appraisal', id: ID, revision: publishedRevision }, 'published: the employee hears it');
      await barrier(Object.values(streams));
      assert.ok(!colleague.events.some(about(ID)), 'a colleague never hears of it');
      for (const text of [JSON.stringify(employee.events), JSON.stringify(colleague.events)]) assert.ok(!text.includes('79.40'), 'no score rides in a notice');

      assert.ok(rm.comments.includes('heartbeat'), `heartbeat comments arrive: ${JSON.stringify(rm.comments)}`);
      for (const stream of Object.values(streams)) stream.close();
    });

    test('the employee\'s tabs, and a stream opened after the list was read, hear by id alone that the self-evaluation they handed in is gone; the leader hears its revision; a colleague nothing', async () => {
      // W-TR opens at the employee's self-evaluation (TR-1): T1's task, listed in both of T1's tabs.
      const travelling = [
        ...people,
        { id: 'L2', name: 'Leader above', roles: ['serviceDirector'], managerId: 'G1' },
        { id: 'L1', name: 'Direct leader', roles: ['serviceManager'], managerId: 'L2' },
        { id: 'T1', name: 'Travelling service staff', roles: ['travellingServiceStaff'], managerId: 'L1' },
        { id: 'X1', name: 'Lateral rater', roles: ['assessor'], groups: ['lateral'] },
      ];
      assert.equal((await app.inject({ method: 'PUT', url: '/api/v1/directory', headers: service, payload: { people: travelling } })).statusCode, 200);
      const opened = await app.inject({ method: 'POST', url: '/api/v1/appraisals', headers: service, payload: { employee: 'T1', period: PERIOD } });
      assert.equal(opened.statusCode, 201, opened.body);
      const T = `${PERIOD}:T1`;
      for (const who of ['T1', 'L1']) tokens.set(who, await tokenFor(who));
      const [firstTab, otherTab, colleague, leader] = await Promise.all([as('T1'), as('T1'), as('S2'), as('L1')].map((headers) => openSse(`${base}/events`, headers))) as [SseStream, SseStream, SseStream, SseStream];
      const tasks = await app.inject({ method: 'GET', url: '/api/v1/tasks', headers: as('T1') });
      assert.deepEqual((tasks.json() as { items: Array<{ appraisal: { id: string } }> }).items.map((item) => item.appraisal.id), [T], 'both tabs list the self-evaluation');
      // a stream opened after the list was served (a reconnect): nothing on the server remembers what it was shown
      const reconnected = await openSse(`${base}/events`, as('T1'));

      const heard = [firstTab, otherTab, reconnected].map((stream) => stream.next(about(T)));
      const leaderHeard = leader.next(about(T));
      const submitted = await app.inject({ method: 'POST', url: `/api/v1/appraisals/${T}/actions`, headers: as('T1'), payload: { action: { type: 'step.submit', entries: { 'TR-1': { points: '18' } } }, expectedRevision: opened.json().revision } });
      assert.equal(submitted.statusCode, 200, submitted.body);
      assert.equal(submitted.json().revision, 2);
      assert.equal((await app.inject({ method: 'GET', url: `/api/v1/appraisals/${T}`, headers: as('T1') })).statusCode, 404, 'handed in, T1 may not read it until it is published');
      // gone from T1's sight: the id alone, nothing of the new state
      for (const event of await Promise.all(heard)) assert.deepEqual(JSON.parse(event.data), { type: 'appraisal', id: T });
      assert.deepEqual(JSON.parse((await leaderHeard).data), { type: 'appraisal', id: T, revision: 2 });

      // T1 could not read it before the lateral rater's next change either: not told; the colleague never heard any.
      const waits = [firstTab, otherTab, reconnected, colleague].map((stream) => stream.next(isDirectory));
      tokens.set('X1', await tokenFor('X1'));
      const { revision: now } = (await app.inject({ method: 'GET', url: `/api/v1/appraisals/${T}`, headers: as('X1') })).json();
      const other = await app.inject({ method: 'POST', url: `/api/v1/appraisals/${T}/actions`, headers: as('X1'), payload: { action: { type: 'draft.save', group: 'lateral', comment: 'rating started' }, expectedRevision: now } });
      assert.equal(other.statusCode, 200, other.body);
      assert.equal((await app.inject({ method: 'PUT', url: '/api/v1/directory', headers: service, payload: { people: travelling } })).statusCode, 200);
      await Promise.all(waits);
      for (const stream of [firstTab, otherTab, reconnected]) assert.equal(stream.events.filter(about(T)).length, 1, 'told once');
      assert.ok(!colleague.events.some(about(T)), 'a colleague hears nothing of T1\'s appraisal');
      for (const stream of [firstTab, otherTab, reconnected, colleague, leader]) stream.close();
      assert.equal((await app.inject({ method: 'PUT', url: '/api/v1/directory', headers: service, payload: { people } })).statusCode, 200);
    });

    test('closing the server ends every open stream promptly', async () => {
      const own = await testApp(db, { heartbeatMs: 1_000 });
      await own.listen({ port: 0, host: '127.0.0.1' });
      const address = own.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const stream = await openSse(`http://127.0.0.1:${port}/api/v1/events`, as('R1'));
      assert.equal(stream.status, 200);
      const started = Date.now();
      await own.close();
      await stream.ended;
      assert.ok(Date.now() - started < 2_000, `closed in ${Date.now() - started} ms`);
    });
  });
});
