// Refusals over HTTP, each the service's code mapped by the one error mapper: someone else's step and
// one's own appraisal (403 with the chain's code), a colleague's appraisal (404, the bytes of a missing
// id), a stale revision (409 with the current view), invalid entries (422 naming each field), opening
// twice (409), a 2 MB body (413); drafts are their owner's alone; SQL-looking text is stored verbatim.
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
  const tokens = new Map<string, string>();

  before(async () => {
    db = await openTestDatabase(target);
    app = await testApp(db);
    assert.equal((await app.inject({ method: 'PUT', url: '/api/v1/directory', headers: service, payload: { people } })).statusCode, 200);
    assert.equal((await app.inject({ method: 'POST', url: `/api/v1/periods/${PERIOD}/open`, headers: service })).statusCode, 200);
    for (const person of people) tokens.set(person.id, await tokenFor(person.id));
  });
  after(async () => {
    await app.close();
    await db.close();
  });

  const as = (who: string) => bearer(tokens.get(who) as string);
  const view = async (who: string, id = ID) => app.inject({ method: 'GET', url: `/api/v1/appraisals/${encodeURIComponent(id)}`, headers: as(who) });
  const act = async (who: string, action: Record<string, unknown>, expectedRevision?: number, id = ID) => {
    const revision = expectedRevision ?? (await view(who, id)).json().revision;
    return app.inject({ method: 'POST', url: `/api/v1/appraisals/${encodeURIComponent(id)}/actions`, headers: as(who), payload: { action, expectedRevision: revision } });
  };

  describe('refusals', () => {
    test('a colleague\'s appraisal is a 404 with the very bytes of an id that does not exist, for reading and for acting', async () => {
      const missing = await view('S2', `${PERIOD}:NOBODY`);
      const colleague = await view('S2', ID);
      assert.equal(colleague.statusCode, 404);
      assert.equal(colleague.body, missing.body);
      assert.deepEqual(colleague.json(), { status: 404, title: 'Not Found', detail: 'There is no appraisal with this id that you may see.', code: 'notFound' });
      const acting = await act('S2', { type: 'step.approve' }, 1);
      const actingOnNothing = await act('S2', { type: 'step.approve' }, 1, `${PERIOD}:NOBODY`);
      assert.equal(acting.statusCode, 404);
      assert.equal(acting.body, actingOnNothing.body);
    });

    test('acting at someone else\'s step is 403 with the chain\'s code, and nothing changes', async () => {
      const before = (await view('R1')).json();
      const response = await act('V1', { type: 'step.approve' });
      assert.equal(response.statusCode, 403);
      assert.deepEqual(response.json(), { status: 403, title: 'Forbidden', detail: 'V1 does not act at "Regional manager scores"', code: 'notAssignee' });
      assert.equal((await view('R1')).json().revision, before.revision);
    });

    test('submitting with an entry that is not a number is 422 naming the field; an incomplete sheet is 422 "incomplete"', async () => {
      const bad = await act('R1', { type: 'step.submit', entries: { 'SP-Q': { points: 'four' } } });
      assert.equal(bad.statusCode, 422);
      assert.equal(bad.json().code, 'invalid');
      assert.deepEqual(bad.json().problems.map((p: { path: string }) => p.path), ['body.action.entries.SP-Q.points']);
      const incomplete = await act('R1', { type: 'step.submit' });
      assert.equal(incomplete.statusCode, 422);
      assert.equal(incomplete.json().code, 'incomplete');
      const unknown = await act('R1', { type: 'step.teleport' });
      assert.equal(unknown.statusCode, 422);
      assert.equal(unknown.json().problems[0].path, 'body.action.type');
      const noRevision = await app.inject({ method: 'POST', url: `/api/v1/appraisals/${ID}/actions`, headers: as('R1'), payload: { action: { type: 'step.submit' } } });
      assert.equal(noRevision.statusCode, 422);
      assert.deepEqual(noRevision.json().problems.map((p: { path: string }) => p.path), ['body.expectedRevision']);
    });

    test('a stale revision is 409 carrying the appraisal as the caller may see it now', async () => {
      const current = (await view('R1')).json();
      const stale = await act('R1', { type: 'draft.save', entries: { 'SP-P': { count: 0 } } }, current.revision - 1);
      assert.equal(stale.statusCode, 409);
      const body = stale.json();
      assert.equal(body.code, 'stale');
      assert.equal(body.current.id, ID);
      assert.equal(body.current.revision, current.revision);
      assert.equal(body.current.mode, 'edit');
    });

    test('SQL-looking text in every text field is stored and returned verbatim', async () => {
      const sql = ["'; DROP TABLE appraisals; --", 'Robert\'); DELETE FROM audit_events WHERE (\'1\'=\'1', '" OR 1=1 --', '$1; SELECT pg_sleep(10)', '\\x00\'||chr(39)||\''];
      const entries = { ...rmEntries, 'SP-Q': { points: '4', comment: sql[0] }, 'SP-A': { count: 1, comment: sql[1] } };
      const submitted = await act('R1', { type: 'step.submit', entries, attendance: rmAttendance, comment: sql[2] });
      assert.equal(submitted.statusCode, 200, submitted.body);
      const returned = await act('P2', { type: 'step.return', to: 'score', comment: sql[3] });
      assert.equal(returned.statusCode, 200, returned.body);
      const seen = (await view('R1')).json();
      assert.equal(seen.sheet.entries['SP-Q'].comment, sql[0]);
      assert.equal(seen.sheet.entries['SP-A'].comment, sql[1]);
      assert.deepEqual(seen.comments.map((comment: { text: string }) => comment.text), [sql[2], sql[3]]);
      // a draft and a directory name too
      const draft = await app.inject({ method: 'PUT', url: `/api/v1/appraisals/${ID}/draft`, headers: as('R1'), payload: { entries: { 'SP-Q': { points: '3', comment: sql[4] } }, baseRevision: seen.revision } });
      assert.equal(draft.statusCode, 200, draft.body);
      assert.equal((await app.inject({ method: 'GET', url: `/api/v1/appraisals/${ID}/draft`, headers: as('R1') })).json().entries['SP-Q'].comment, sql[4]);
      const renamed = people.map((person) => (person.id === 'S3' ? { ...person, name: sql[1] } : person));
      assert.equal((await app.inject({ method: 'PUT', url: '/api/v1/directory', headers: service, payload: { people: renamed } })).statusCode, 200);
      assert.equal((await app.inject({ method: 'GET', url: '/api/v1/me', headers: as('S3') })).json().name, sql[1]);
      assert.equal((await app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: as('H1') })).json().ok, true);
    });

    test('drafts are their owner\'s: another person sees 404, not the draft; delete is 204', async () => {
      const revision = (await view('R1')).json().revision;
      const put = await app.inject({ method: 'PUT', url: `/api/v1/appraisals/${ID}/draft`, headers: as('R1'), payload: { entries: { 'SP-P': { count: 1 } }, baseRevision: revision } });
      assert.equal(put.statusCode, 200);
      assert.equal(put.json().userId, 'R1');
      const other = await app.inject({ method: 'GET', url: `/api/v1/appraisals/${ID}/draft`, headers: as('V1') });
      assert.equal(other.statusCode, 404);
      assert.equal(other.json().code, 'noDraft');
      const notEditing = await app.inject({ method: 'PUT', url: `/api/v1/appraisals/${ID}/draft`, headers: as('V1'), payload: { entries: {}, baseRevision: revision } });
      assert.equal(notEditing.statusCode, 403, 'the VP does not score at this step');
      assert.equal(notEditing.json().code, 'readOnly');
      const hidden = await app.inject({ method: 'PUT', url: `/api/v1/appraisals/${ID}/draft`, headers: as('S2'), payload: { entries: {}, baseRevision: revision } });
      assert.equal(hidden.statusCode, 404);
      assert.equal((await app.inject({ method: 'DELETE', url: `/api/v1/appraisals/${ID}/draft`, headers: as('R1') })).statusCode, 204);
      assert.equal((await app.inject({ method: 'GET', url: `/api/v1/appraisals/${ID}/draft`, headers: as('R1') })).statusCode, 404);
    });

    test('one\'s own appraisal: hidden (404) while unpublished; once published, reopening it is 403 "ownAppraisal"', async () => {
      const own = `${PERIOD}:S2`;
      assert.equal((await view('S2', own)).statusCode, 404);
      for (const [who, action] of [['R1', { type: 'step.submit', entries: rmEntries, attendance: rmAttendance }], ['P2', { type: 'step.submit' }], ['V1', { type: 'step.approve' }], ['H1', { type: 'step.approve' }], ['H1', { type: 'appraisal.publish' }]] as const) {
        const response = await act(who, action, undefined, own);
        assert.equal(response.statusCode, 200, `${who}: ${response.body}`);
      }
      const reopen = await act('S2', { type: 'hr.reopen', reason: 'I would rather it said 100' }, undefined, own);
      assert.equal(reopen.statusCode, 403);
      assert.deepEqual(reopen.json(), { status: 403, title: 'Forbidden', detail: 'nobody reopens their own appraisal', code: 'ownAppraisal' });
    });

    test('opening: HR opens (201), twice is 409, an unknown person or a malformed month 422, a salesperson 403', async () => {
      const open = (headers: Record<string, string>, payload: Record<string, string>) => app.inject({ method: 'POST', url: '/api/v1/appraisals', headers, payload });
      const created = await open(as('H1'), { employee: 'S3', period: '2026-12' });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.json().id, '2026-12:S3');
      assert.equal(created.json().appraisal.step, 'score');
      const again = await open(service, { employee: 'S3', period: '2026-12' });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().code, 'conflict');
      const unknown = await open(service, { employee: 'NOBODY', period: '2026-12' });
      assert.equal(unknown.statusCode, 422);
      assert.deepEqual(unknown.json().problems, [{ path: 'employee', rule: 'unknown-person', message: '"NOBODY" is not in the directory' }]);
      const month = await open(service, { employee: 'S3', period: '2026-13' });
      assert.equal(month.statusCode, 422);
      assert.equal(month.json().problems[0].path, 'body.period');
      const salesperson = await open(as('S1'), { employee: 'S3', period: '2027-01' });
      assert.equal(salesperson.statusCode, 403);
      assert.equal(salesperson.json().code, 'forbidden');
    });

    test('a 2 MB action is refused with 413 before it is read', async () => {
      const response = await app.inject({
        method: 'POST', url: `/api/v1/appraisals/${ID}/actions`, headers: { ...as('R1'), 'content-type': 'application/json' },
        payload: JSON.stringify({ action: { type: 'draft.save', comment: 'x'.repeat(2 * 1_048_576) }, expectedRevision: 1 }),
      });
      assert.equal(response.statusCode, 413);
      assert.equal(response.json().code, 'tooLarge');
    });

    test('a comment longer than 10,000 characters (inside the 1 MB) is 422 max-length', async () => {
      const response = await act('R1', { type: 'draft.save', comment: 'x'.repeat(10_001) });
      assert.equal(response.statusCode, 422);
      assert.deepEqual(response.json().problems, [{ path: 'body.action.comment', rule: 'max-length', message: 'at most 10000 characters (10001 sent)' }]);
    });
  });
});
