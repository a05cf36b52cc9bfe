// The browser's client against a real Kaohe server (in-process, PGlite): the same KaoheService calls the
// elements make, answered over HTTP for the person in the token; refusals come back as the service's
// typed refusals with the server's words; a 401 asks the host for a fresh token and retries once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HttpService, KaoheAuthError, KaoheOfflineError, type LiveNotice, type LiveState, type TokenRequest } from '../src/index.ts';
import { rmAttendance, rmEntries } from '../../server/test/http/company.ts';
import { PERIOD, startTestServer, tokenFor, type TestServer } from './server.ts';

const S1 = `${PERIOD}:S1`;
const S2 = `${PERIOD}:S2`;
let server: TestServer;

before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server.close();
});

/** A client for `user` whose host hands out a fresh token each time it is asked. */
function clientFor(user: string): HttpService {
  return new HttpService({ server: server.url, user, token: () => tokenFor(user) });
}

describe('HttpService against the server', () => {
  test('tasks, count, view and act through the client are what the server decided for the person', async () => {
    const rm = clientFor('R1');
    const page = await rm.tasks('R1');
    assert.deepEqual(page.items.map((item) => item.appraisal.id), [S1, S2], 'R1 scores the two salespeople of the north');
    assert.equal(await rm.countTasks('R1'), 2);
    const before = await rm.view(S1, 'R1');
    assert.equal(before?.mode, 'edit');
    assert.equal(before?.revision, 1);

    const submitted = await rm.act(S1, 'R1', { type: 'step.submit', entries: rmEntries, attendance: rmAttendance }, { expectedRevision: 1 });
    assert.equal(submitted.ok, true, JSON.stringify(submitted));
    assert.ok(submitted.ok);
    assert.equal(submitted.revision, 2);
    // 74 × 0.7 + 92 × 0.3 = 79.40 (C-1; company.ts works the items out by hand)
    assert.equal(submitted.appraisal?.score?.monthly, '79.40');

    const planning = clientFor('P2');
    const summary = await planning.view(S1, 'P2');
    assert.equal(summary?.step, 'summarise');
    assert.equal(summary?.revision, 2);
    assert.ok((await planning.tasks('P2')).items.some((item) => item.appraisal.id === S1), 'the summary is sales planning\'s task now');
    // without an expected revision the client reads the current one first, as the local service does
    const summarised = await planning.act(S1, 'P2', { type: summary?.submit?.type });
    assert.ok(summarised.ok, JSON.stringify(summarised));
    assert.equal(summarised.revision, 3);
  });

  test('what a person may not see is not there: a colleague\'s appraisal reads as nothing and acting on it is not-found', async () => {
    const colleague = clientFor('S2');
    assert.equal(await colleague.view(S1, 'S2'), undefined);
    const acted = await colleague.act(S1, 'S2', { type: 'step.approve' }, { expectedRevision: 1 });
    assert.deepEqual(acted, { ok: false, code: 'not-found', message: 'There is no appraisal with this id that you may see.' });
  });

  test('refusals come back typed, with the chain\'s code and the words a person reads', async () => {
    const vp = clientFor('V1');
    const rm = clientFor('R1');
    // V1 is in W-SP's chain, so may read S2, but the step is the regional manager's
    assert.deepEqual(await vp.act(S2, 'V1', { type: 'step.approve' }, { expectedRevision: 1 }),
      { ok: false, code: 'notAssignee', message: 'V1 does not act at "Regional manager scores"' });
    const incomplete = await rm.act(S2, 'R1', { type: 'step.submit' }, { expectedRevision: 1 });
    assert.equal(incomplete.ok, false);
    assert.ok(!incomplete.ok);
    assert.equal(incomplete.code, 'incomplete');
    assert.equal(incomplete.problems, undefined, 'the service\'s refusal names no field, and neither does the client\'s');
    const invalid = await rm.act(S2, 'R1', { type: 'step.submit', entries: { 'SP-Q': { points: 'four' } } }, { expectedRevision: 1 });
    assert.ok(!invalid.ok);
    assert.equal(invalid.code, 'invalid');
    assert.deepEqual(invalid.problems?.map((problem) => problem.path), ['action.entries.SP-Q.points']);
    const stale = await rm.act(S2, 'R1', { type: 'draft.save', entries: { 'SP-P': { count: 0 } } }, { expectedRevision: 0 });
    assert.ok(!stale.ok);
    assert.equal(stale.code, 'stale');
    assert.equal(stale.appraisal?.id, S2, 'a stale refusal carries the appraisal as it stands now');
    assert.equal(stale.appraisal?.revision, 1);
    // an opening by someone who is not HR: the service's `forbidden`
    assert.deepEqual(await rm.openAppraisal('R1', { employee: 'S3', period: '2026-12' }), { ok: false, code: 'forbidden', message: 'Only HR opens appraisals.' });
  });

  test('drafts: saved, read back and discarded through the client; the server keeps only the items the person edits', async () => {
    const rm = clientFor('R1');
    assert.equal(await rm.loadDraft('R1', S2), undefined);
    const saved = await rm.saveDraft('R1', S2, { entries: { 'SP-P': { count: 2 }, 'NOT-AN-ITEM': { count: 1 } }, baseRevision: 1, savedAt: '2020-01-01T00:00:00.000Z' });
    assert.ok(saved.ok, JSON.stringify(saved));
    assert.deepEqual(saved.draft.entries, { 'SP-P': { count: 2 } });
    assert.notEqual(saved.draft.savedAt, '2020-01-01T00:00:00.000Z', 'the server stamps the time, a client cannot backdate it');
    const loaded = await rm.loadDraft('R1', S2);
    assert.deepEqual(loaded?.entries, { 'SP-P': { count: 2 } });
    assert.equal(loaded?.baseRevision, 1);
    // another person's client never sees it
    assert.equal(await clientFor('S2').loadDraft('S2', S2), undefined);
    await rm.deleteDraft('R1', S2);
    assert.equal(await rm.loadDraft('R1', S2), undefined);
  });

  test('the rubric an appraisal pins, the people and the count come from the server\'s read routes', async () => {
    const rm = clientFor('R1');
    const rubric = await rm.rubric('R-SP', 1);
    assert.equal(rubric?.id, 'R-SP');
    assert.equal(rubric?.version, 1);
    assert.equal(await rm.rubric('R-SP', 999), undefined);
    const directory = await rm.directory();
    assert.equal(directory.people.find((person) => person.id === 'S1')?.name, '王小明');
    assert.deepEqual(directory.delegations, []);
    // HR opens an appraisal that exists: the service's answer, created false
    const opened = await clientFor('H1').openAppraisal('H1', { employee: 'S3', period: PERIOD });
    assert.deepEqual(opened, { ok: true, id: `${PERIOD}:S3`, revision: 1, created: false });
  });

  test('asking for another person than the token\'s is a programming error, thrown', async () => {
    await assert.rejects(clientFor('R1').view(S1, 'P2'), /server acts for the signed-in person "R1"/);
  });
});

describe('the token callback', () => {
  test('a 401 asks the host again (reason refresh) and retries once; the request succeeds', async () => {
    const asked: TokenRequest['reason'][] = [];
    const client = new HttpService({
      server: server.url, user: 'R1',
      token: async ({ reason }) => {
        asked.push(reason);
        // the host's cached token expired a minute ago; its refresh signs a new one
        return reason === 'refresh' ? tokenFor('R1') : tokenFor('R1', { exp: Math.floor(Date.now() / 1000) - 60 });
      },
    });
    assert.equal(await client.countTasks('R1'), 1, 'S2 alone: S1 went on to sales planning above');
    assert.deepEqual(asked, ['request', 'refresh']);
  });

  test('a token the server refuses even fresh is a KaoheAuthError after exactly one retry', async () => {
    let calls = 0;
    const client = new HttpService({ server: server.url, user: 'R1', token: () => { calls++; return tokenFor('R1', { secret: 'another secret of more than thirty-two bytes!!' }); } });
    await assert.rejects(client.tasks('R1'), (error: unknown) => error instanceof KaoheAuthError && error.status === 401);
    assert.equal(calls, 2);
  });

  test('a server that cannot be reached is KaoheOfflineError, not a refusal', async () => {
    // port 9 (discard) on loopback: nothing listens there, the connection is refused at once
    const client = new HttpService({ server: 'http://127.0.0.1:9', user: 'R1', token: () => tokenFor('R1') });
    await assert.rejects(client.tasks('R1'), KaoheOfflineError);
  });
});

describe('live notices', () => {
  test('a change by someone else is heard within a second; after the server restarts the stream comes back, says resync, and hears again', async () => {
    const rm = clientFor('R1');
    const planning = new HttpService({ server: server.url, user: 'P2', token: () => tokenFor('P2'), live: { initialDelayMs: 100, maxDelayMs: 400, random: () => 0.5 } });
    const heard: LiveNotice[] = [];
    const states: LiveState[] = [];
    let waiter: { match: (notice: LiveNotice) => boolean; resolve: () => void } | undefined;
    const next = (match: (notice: LiveNotice) => boolean, timeoutMs: number) => new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`nothing heard within ${timeoutMs} ms: ${JSON.stringify(heard)}`)), timeoutMs);
      waiter = { match, resolve: () => { clearTimeout(timer); resolve(); } };
    });
    const stateReached = (state: LiveState) => new Promise<void>((resolve) => {
      const stop = planning.onLiveState((now) => { if (now === state) { stop(); resolve(); } });
    });
    planning.onLiveState((state) => states.push(state));
    const open = stateReached('open');
    const unsubscribe = planning.live((notice) => {
      heard.push(notice);
      if (waiter?.match(notice)) waiter.resolve();
    });
    try {
      await open;
      const draft = await rm.saveDraft('R1', S2, { entries: {}, baseRevision: 1 });
      assert.ok(draft.ok);
      // R1 submits S2: sales planning (P2) may see S2, so hears it; the draft notice was R1's own and is not P2's to hear
      const view = await rm.view(S2, 'R1');
      const heardS2 = next((notice) => notice.type === 'appraisal' && notice.id === S2, 1_000);
      const started = performance.now();
      const submitted = await rm.act(S2, 'R1', { type: 'step.submit', entries: rmEntries, attendance: rmAttendance }, { expectedRevision: view?.revision });
      assert.ok(submitted.ok, JSON.stringify(submitted));
      await heardS2;
      assert.ok(performance.now() - started < 1_000);
      assert.deepEqual(heard.filter((notice) => notice.type === 'appraisal'), [{ type: 'appraisal', id: S2, revision: submitted.revision, origin: 'remote' }]);
      assert.equal(heard.some((notice) => notice.type === 'draft'), false, 'another person\'s draft is not heard');

      const broken = stateReached('offline');
      const reopened = stateReached('open');
      const resync = next((notice) => notice.type === 'resync', 15_000);
      await server.restart();
      await broken;
      await reopened;
      await resync;
      const summarised = next((notice) => notice.type === 'appraisal' && notice.id === S2 && notice.revision === submitted.revision + 1, 2_000);
      const summary = await planning.act(S2, 'P2', { type: 'step.submit' }, { expectedRevision: submitted.revision });
      assert.ok(summary.ok, JSON.stringify(summary));
      await summarised;
      assert.deepEqual(states.slice(0, 3), ['open', 'offline', 'connecting']);
    } finally {
      unsubscribe();
    }
  });
});
