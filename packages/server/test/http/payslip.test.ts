// The payslip over HTTP, a token per person: computed on the server from the score stored with the
// appraisal (S1's W-SP month of company.ts, work score 74.00) and the payroll figures the installation
// configured, shown once published to the employee, HR and the chain's readers — and to nobody else,
// who get the bytes of a missing id's 404. HR's payroll reads use the same figures and agree with it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KaoheDatabase } from '../../src/db/index.ts';
import type { KaoheApp } from '../../src/http/app.ts';
import { presetCatalogue } from '../../src/catalogue.ts';
import { PERIOD, S1_PAY_FIGURES, S1_PAY_LINES, S1_PAY_TOTAL, WORK, people, rmAttendance, rmEntries } from './company.ts';
import { bearer, databaseTargets, openTestDatabase, service, testApp, tokenFor } from './support.ts';

const ID = `${PERIOD}:S1`;
const S1_FIGURES = S1_PAY_FIGURES;
const LINES = S1_PAY_LINES;
const TOTAL = S1_PAY_TOTAL;

interface PayslipBody {
  payslip: { employee: string; period: string; currency: string; total: string; lines: Array<{ id: string; amount: string; inputs: Record<string, string> }>; plan: { id: string } };
  plan: { id: string };
  appraisal: { id: string; status: string };
  employee?: { id: string; name: string };
  values: Record<string, string>;
}

for (const target of databaseTargets()) describe(`on ${target.kind}`, () => {
  let db: KaoheDatabase;
  let app: KaoheApp;
  const tokens = new Map<string, string>();

  before(async () => {
    db = await openTestDatabase(target);
    app = await testApp(db, {
      catalogue: { ...presetCatalogue(), payValues: ({ employee, period }) => (employee === 'S1' && period === PERIOD ? S1_FIGURES : undefined) },
    });
    assert.equal((await app.inject({ method: 'PUT', url: '/api/v1/directory', headers: service, payload: { people } })).statusCode, 200);
    assert.equal((await app.inject({ method: 'POST', url: `/api/v1/periods/${PERIOD}/open`, headers: service })).statusCode, 200);
    for (const person of people) tokens.set(person.id, await tokenFor(person.id));
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
  async function act(who: string, type: string, extra: Record<string, unknown> = {}) {
    const view = await read(who, `/api/v1/appraisals/${ID}`);
    assert.equal(view.status, 200, `${who} reads ${ID}`);
    const { revision } = JSON.parse(view.body) as { revision: number };
    const response = await app.inject({ method: 'POST', url: `/api/v1/appraisals/${ID}/actions`, headers: as(who), payload: { action: { type, ...extra }, expectedRevision: revision } });
    assert.equal(response.statusCode, 200, `${who} ${type}: ${response.body}`);
  }

  test('nobody gets a payslip before publication, and a colleague never does; the 404 is a missing id\'s, byte for byte', async () => {
    const missing = await read('S1', `/api/v1/appraisals/${PERIOD}:NOBODY/payslip`);
    assert.equal(missing.status, 404);
    await act('R1', 'step.submit', { entries: rmEntries, attendance: rmAttendance });
    for (const who of ['S1', 'S2', 'R1', 'H1']) {
      const early = await read(who, `/api/v1/appraisals/${ID}/payslip`);
      assert.deepEqual([early.status, early.body], [404, missing.body], `${who} before publication`);
    }
    await act('P2', 'step.submit');
    await act('V1', 'step.approve');
    await act('H1', 'step.approve');
    await act('H1', 'appraisal.publish');
    for (const who of ['S2', 'S3', 'R2', 'G1']) {
      const colleague = await read(who, `/api/v1/appraisals/${ID}/payslip`);
      assert.deepEqual([colleague.status, colleague.body], [404, missing.body], `${who} may not see S1's pay`);
      assert.ok(!colleague.body.includes(TOTAL));
    }
  });

  test('published: the employee reads the pay worked out by hand, lines adding up to the total', async () => {
    const own = await read('S1', `/api/v1/appraisals/${ID}/payslip`);
    assert.equal(own.status, 200, own.body);
    const body = JSON.parse(own.body) as PayslipBody;
    assert.deepEqual(Object.fromEntries(body.payslip.lines.map((line) => [line.id, line.amount])), LINES);
    assert.equal(body.payslip.total, TOTAL);
    assert.deepEqual([body.payslip.employee, body.payslip.period, body.payslip.currency, body.payslip.plan.id, body.plan.id], ['S1', PERIOD, 'CNY', 'P-1', 'P-1']);
    // the daily-work line read the stored work score: 74.00 (company.ts, by hand) ÷ 100
    assert.deepEqual(body.payslip.lines.find((line) => line.id === 'dailyWork')?.inputs, { T: '8350', scoreRate: '0.74' });
    assert.deepEqual([body.appraisal.id, body.appraisal.status, body.employee?.name], [ID, 'published', '王小明']);
    // the payroll's figures as configured, and the stored scores the plan declares (monthly: 79.40, company.ts)
    assert.deepEqual(body.values, { ...S1_FIGURES, workScore: WORK, monthlyScore: '79.40' });
  });

  test('HR and the regional manager (the chain reads it) get the same payslip', async () => {
    const own = await read('S1', `/api/v1/appraisals/${ID}/payslip`);
    for (const who of ['H1', 'R1']) {
      const other = await read(who, `/api/v1/appraisals/${ID}/payslip`);
      assert.equal(other.status, 200, `${who}: ${other.body}`);
      assert.deepEqual(JSON.parse(other.body), JSON.parse(own.body));
    }
  });

  test('HR\'s payroll, sent no figures, computes S1\'s pay from the same configured figures; figures HR sends win', async () => {
    const payroll = await app.inject({ method: 'POST', url: `/api/v1/hr/periods/${PERIOD}/payroll`, headers: as('H1'), payload: { values: {} } });
    assert.equal(payroll.statusCode, 200, payroll.body);
    const entries = (payroll.json() as { entries: Array<{ record: { employeeId: string }; payslip: { total: string } }> }).entries;
    assert.deepEqual(entries.map((entry) => [entry.record.employeeId, entry.payslip.total]), [['S1', TOTAL]], 'only S1 is published');
    // T 9000 instead: 4500.00 + 9000 × 0.35 × 0.87 = 2740.50 + 9000 × 0.15 × 0.74 = 999.00 + 300.00 = 8539.50
    const sent = await app.inject({ method: 'POST', url: `/api/v1/hr/periods/${PERIOD}/payroll`, headers: as('H1'), payload: { values: { S1: { T: 9000 } } } });
    assert.deepEqual((sent.json() as { entries: Array<{ payslip: { total: string } }> }).entries.map((entry) => entry.payslip.total), ['8539.50']);
    const csv = await app.inject({ method: 'POST', url: `/api/v1/hr/periods/${PERIOD}/payroll.csv`, headers: as('H1'), payload: { values: {}, locale: 'en' } });
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-type'] as string, /^text\/csv/);
    assert.ok(csv.body.includes(TOTAL), 'the CSV carries the total the payslip shows');
    assert.equal((await app.inject({ method: 'POST', url: `/api/v1/hr/periods/${PERIOD}/payroll`, headers: as('S1'), payload: { values: {} } })).statusCode, 403, 'payroll is HR\'s');
  });

  test('the OpenAPI document describes the payslip\'s answer and HR\'s', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, { schema: { properties?: Record<string, unknown> } }> }> } }> };
    const route = doc.paths['/api/v1/appraisals/{id}/payslip']?.get;
    assert.ok(route, 'the route is documented');
    const schema = route.responses['200']?.content?.['application/json']?.schema;
    assert.deepEqual(Object.keys(schema?.properties ?? {}).sort(), ['appraisal', 'employee', 'payslip', 'plan', 'values']);
    const answer = (path: string, method: 'get' | 'post') => (doc.paths[path] as Record<string, { responses: Record<string, { content?: Record<string, { schema: { properties?: Record<string, unknown> } }> }> }>)[method]
      ?.responses['200']?.content?.['application/json']?.schema.properties ?? {};
    assert.deepEqual(Object.keys(answer('/api/v1/hr/periods/{period}/distribution', 'get')).sort(), ['entries', 'ok', 'skipped']);
    assert.deepEqual(Object.keys(answer('/api/v1/hr/periods/{period}/payroll', 'post')).sort(), ['entries', 'ok', 'skipped']);
    assert.deepEqual(Object.keys(answer('/api/v1/hr/years/{year}', 'get')).sort(), ['months', 'ok', 'peers', 'skipped']);
  });
});
