// W-SP over HTTP, a token per person: the regional manager scores and submits, sales planning
// summarises, the VP and HR review, HR publishes, the employee acknowledges. At every step every
// person's GETs (the appraisal and their task list) are read as raw bytes and searched for what they
// must not see: the unpublished score, the assessor's comments; and anyone who may see nothing of the
// appraisal gets exactly the bytes of a 404 for an id that does not exist.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KaoheDatabase } from '../../src/db/index.ts';
import type { KaoheApp } from '../../src/http/app.ts';
import { MARKER, MONTHLY, PERIOD, WORK, people, rmAttendance, rmEntries } from './company.ts';
import { bearer, databaseTargets, openTestDatabase, service, testApp, tokenFor } from './support.ts';

const ID = `${PERIOD}:S1`;
const everyone = people.map((person) => person.id);
/** the chain's people (W-SP: the regional manager, sales planning, the VP, HR) may open it at every step */
const chainPeople = ['R1', 'P2', 'V1', 'H1'];

for (const target of databaseTargets()) describe(`on ${target.kind}`, () => {
  let db: KaoheDatabase;
  let app: KaoheApp;
  const tokens = new Map<string, string>();

  before(async () => {
    db = await openTestDatabase(target);
    app = await testApp(db);
    assert.equal((await app.inject({ method: 'PUT', url: '/api/v1/directory', headers: service, payload: { people } })).statusCode, 200);
    const opened = await app.inject({ method: 'POST', url: `/api/v1/periods/${PERIOD}/open`, headers: service });
    assert.equal(opened.statusCode, 200, opened.body);
    // everyone with an assignment: the three salespeople (R-SP, W-SP) and the two regional managers (R-RM, W-RM)
    assert.deepEqual(opened.json().opened.sort(), ['R1', 'R2', 'S1', 'S2', 'S3'].map((id) => `${PERIOD}:${id}`));
    for (const id of everyone) tokens.set(id, await tokenFor(id));
  });
  after(async () => {
    await app.close();
    await db.close();
  });

  const as = (who: string) => bearer(tokens.get(who) as string);
  const read = async (who: string, url: string) => {
    const response = await app.inject({ method: 'GET', url, headers: as(who) });
    return { status: response.statusCode, body: response.body };
  };

  async function viewOf(who: string) {
    const response = await read(who, `/api/v1/appraisals/${ID}`);
    assert.equal(response.status, 200, `${who} reads ${ID}: ${response.body}`);
    return JSON.parse(response.body) as { revision: number; step: string; allowedActions: string[]; submit?: { type: string }; mode: string };
  }

  async function act(who: string, action: Record<string, unknown>) {
    const { revision } = await viewOf(who);
    const response = await app.inject({ method: 'POST', url: `/api/v1/appraisals/${ID}/actions`, headers: as(who), payload: { action, expectedRevision: revision } });
    assert.equal(response.statusCode, 200, `${who} ${String(action.type)}: ${response.body}`);
    return response.json() as { revision: number };
  }

  /** What each person's GETs may hold at this point of the chain. */
  async function checkEveryone(stage: string, options: { mayOpen: string[]; scoresFor: string[] }) {
    const missing = await read('S2', `/api/v1/appraisals/${PERIOD}:NOBODY`);
    assert.equal(missing.status, 404);
    for (const who of everyone) {
      const view = await read(who, `/api/v1/appraisals/${ID}`);
      const tasks = await read(who, '/api/v1/tasks');
      assert.equal(tasks.status, 200, `${stage}: ${who}'s tasks`);
      if (options.mayOpen.includes(who)) {
        assert.equal(view.status, 200, `${stage}: ${who} opens it`);
      } else {
        assert.equal(view.status, 404, `${stage}: ${who} may see nothing of it`);
        assert.equal(view.body, missing.body, `${stage}: ${who}'s 404 is the bytes of a missing id's`);
        assert.ok(!tasks.body.includes(ID), `${stage}: ${who}'s tasks do not name it`);
      }
      if (!options.scoresFor.includes(who)) {
        for (const [what, body] of [['view', view.body], ['tasks', tasks.body]] as const) {
          assert.ok(!body.includes(MONTHLY), `${stage}: ${who}'s ${what} holds the monthly score ${MONTHLY}`);
          assert.ok(!body.includes(WORK), `${stage}: ${who}'s ${what} holds the work score ${WORK}`);
          assert.ok(!body.includes(MARKER), `${stage}: ${who}'s ${what} holds the assessor's comment`);
        }
      }
    }
  }

  describe('W-SP over HTTP', () => {
    test('every step by its own person, and at every step nobody else sees what they must not', async () => {
      await checkEveryone('opened', { mayOpen: chainPeople, scoresFor: chainPeople });
      const rmTasks = JSON.parse((await read('R1', '/api/v1/tasks')).body) as { items: Array<{ appraisal: { id: string }; allowedActions: string[] }> };
      assert.deepEqual(rmTasks.items.map((item) => item.appraisal.id), [`${PERIOD}:S1`, `${PERIOD}:S2`], 'R1 scores the two salespeople of the north');
      assert.equal((await viewOf('R1')).mode, 'edit');
    // a page at a time: one task and a cursor, then the other and none
    const first = JSON.parse((await read('R1', '/api/v1/tasks?limit=1')).body) as { items: Array<{ appraisal: { id: string } }>; nextCursor?: string };
    assert.deepEqual(first.items.map((item) => item.appraisal.id), [`${PERIOD}:S1`]);
    const second = JSON.parse((await read('R1', `/api/v1/tasks?limit=1&cursor=${encodeURIComponent(first.nextCursor ?? assert.fail('a cursor to the next page'))}`)).body) as typeof first;
    assert.deepEqual(second.items.map((item) => item.appraisal.id), [`${PERIOD}:S2`]);
    assert.equal(second.nextCursor, undefined, 'the last page has no cursor');
    assert.equal((await read('R1', '/api/v1/tasks?limit=0')).status, 422, 'a page holds 1 to 200');

      const submitted = await act('R1', { type: 'step.submit', entries: rmEntries, attendance: rmAttendance }) as { step?: string; status?: string };
      // the answer says where the appraisal went (the page's notice names the step)
      assert.deepEqual([submitted.step, submitted.status], ['summarise', 'inReview']);
      const afterScoring = await read('P2', `/api/v1/appraisals/${ID}`);
      assert.match(afterScoring.body, new RegExp(`"monthly":"${MONTHLY}"`), 'sales planning reads the score the regional manager gave');
      await checkEveryone('scored', { mayOpen: chainPeople, scoresFor: chainPeople });
      // a task list holds rows, not views: the score's totals and where it stands, none of the sheet,
      // the score's items, the item lists, comments or history (GET /appraisals/{id} reads those)
      const p2Tasks = JSON.parse((await read('P2', '/api/v1/tasks')).body) as { items: Array<{ appraisal: Record<string, unknown>; allowedActions: string[] }> };
      const row = p2Tasks.items.find((item) => item.appraisal['id'] === ID) ?? assert.fail('S1 waits on sales planning');
      // the time of the write and whether it is late today are the view's
      const { updatedAt, overdue, ...rest } = row.appraisal;
      const whole = JSON.parse(afterScoring.body) as { updatedAt: string; overdue: boolean };
      assert.deepEqual([updatedAt, overdue], [whole.updatedAt, whole.overdue]);
      assert.deepEqual(rest, {
        id: ID, employeeId: 'S1', period: PERIOD, rubricId: 'R-SP', rubricVersion: 1, chainId: 'W-SP', status: 'inReview',
        step: 'summarise', stepKind: 'summarise', stepLabel: { 'zh-Hant': '銷售計劃部匯總', 'zh-Hans': '销售计划部汇总', en: 'Sales planning summarises' },
        published: false, assignees: ['P2'], groupsDone: [], returned: false, dueDate: '2026-12-07', revision: 2, updatedBy: 'R1',
        score: { work: WORK, attendance: '92.00', monthly: MONTHLY, complete: true },
        groups: [], allowedActions: ['draft.save', 'step.submit', 'step.return'], returnTo: ['score'], submit: { type: 'step.submit' }, mode: 'review', task: true,
      });
      assert.deepEqual(row.allowedActions, ['draft.save', 'step.submit', 'step.return']);
      assert.ok(!JSON.stringify(p2Tasks).includes(MARKER), 'no comment of the sheet');
      assert.ok(!JSON.stringify(p2Tasks).includes('SP-Q'), 'no item of the sheet or of the score');

      const atSummary = await viewOf('P2');
      assert.equal(atSummary.step, 'summarise');
      await act('P2', { type: atSummary.submit?.type ?? assert.fail('sales planning has a forward action') });
      await checkEveryone('summarised', { mayOpen: chainPeople, scoresFor: chainPeople });

      assert.equal((await viewOf('V1')).step, 'firstReview');
      await act('V1', { type: 'step.approve', comment: 'VP 初審 ok' });
      await checkEveryone('first review', { mayOpen: chainPeople, scoresFor: chainPeople });

      assert.equal((await viewOf('H1')).step, 'secondReview');
      await act('H1', { type: 'step.approve' });
      await checkEveryone('second review', { mayOpen: chainPeople, scoresFor: chainPeople });

      assert.equal((await viewOf('H1')).step, 'publish');
      await act('H1', { type: 'appraisal.publish' });
      // published: the employee reads their result now, colleagues still nothing
      await checkEveryone('published', { mayOpen: [...chainPeople, 'S1'], scoresFor: [...chainPeople, 'S1'] });
      const own = await read('S1', `/api/v1/appraisals/${ID}`);
      assert.match(own.body, new RegExp(`"monthly":"${MONTHLY}"`));

      const acknowledged = await act('S1', { type: 'employee.acknowledge', comment: '已閱' });
      const final = await viewOf('S1');
      assert.equal(final.revision, acknowledged.revision);
      assert.deepEqual(final.allowedActions.includes('employee.acknowledge'), false);
      await checkEveryone('acknowledged', { mayOpen: [...chainPeople, 'S1'], scoresFor: [...chainPeople, 'S1'] });

      // the audit log holds opening + one event per action, sealed and chained
      const verified = await app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: as('H1') });
      assert.equal(verified.statusCode, 200);
      assert.equal(verified.json().ok, true);
      assert.equal((await app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: as('S1') })).statusCode, 403);
    });
  });
});
