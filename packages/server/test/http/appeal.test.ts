// An appeal in progress keeps the published result, over HTTP: S1's W-SP month of company.ts is published
// (work 74.00, monthly 79.40, P-1 pay 7944.43); S1 appeals, HR 復審 returns it to the regional manager,
// who adds a third SP-D1 late report and resubmits. Until HR publishes again, S1's view, payslip and
// year and HR's payroll (JSON and CSV) show the published figures; the chain reviews the rescore.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KaoheDatabase } from '../../src/db/index.ts';
import type { KaoheApp } from '../../src/http/app.ts';
import { presetCatalogue } from '../../src/catalogue.ts';
import { MONTHLY, PERIOD, S1_PAY_FIGURES, S1_PAY_TOTAL, WORK, people, rmAttendance, rmEntries } from './company.ts';
import { bearer, databaseTargets, openTestDatabase, service, testApp, tokenFor } from './support.ts';

const ID = `${PERIOD}:S1`;

/**
 * The rescore, by hand: SP-D1 3 × 5 = 15, so dealer management 30 − 15 − 10 (SP-D6 doubled, O-5) = 5;
 * work 5 + 37 + 27 = 69.00; monthly (C-1) 69 × 0.7 + 92 × 0.3 = 48.3 + 27.6 = 75.90; P-1's daily-work line
 * 8350 × 0.15 × 0.69 = 1252.5 × 0.69 = 864.225 → 864.23 (half-up), the other lines as before (company.ts):
 * 4175.00 + 2542.58 + 864.23 + 300.00 = 7881.81.
 */
const RESCORED = { work: '69.00', monthly: '75.90', dailyWork: '864.23', total: '7881.81' };

interface Shown {
  status: string;
  sheet: { entries: Record<string, { count?: number }> };
  score?: { work: string; monthly: string };
}

for (const target of databaseTargets()) describe(`on ${target.kind}`, () => {
  let db: KaoheDatabase;
  let app: KaoheApp;
  const tokens = new Map<string, string>();

  before(async () => {
    db = await openTestDatabase(target);
    app = await testApp(db, {
      catalogue: { ...presetCatalogue(), payValues: ({ employee, period }) => (employee === 'S1' && period === PERIOD ? S1_PAY_FIGURES : undefined) },
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
  const read = async <T>(who: string, url: string): Promise<T> => {
    const response = await app.inject({ method: 'GET', url, headers: as(who) });
    assert.equal(response.statusCode, 200, `${who} GET ${url}: ${response.body}`);
    return response.json() as T;
  };
  async function act(who: string, type: string, extra: Record<string, unknown> = {}) {
    const { revision } = await read<{ revision: number }>(who, `/api/v1/appraisals/${ID}`);
    const response = await app.inject({ method: 'POST', url: `/api/v1/appraisals/${ID}/actions`, headers: as(who), payload: { action: { type, ...extra }, expectedRevision: revision } });
    assert.equal(response.statusCode, 200, `${who} ${type}: ${response.body}`);
  }

  /** S1's view, payslip and year; HR's payroll entry and CSV row of S1. */
  async function published() {
    const view = await read<Shown>('S1', `/api/v1/appraisals/${ID}`);
    const payslip = await read<{ payslip: { total: string; lines: Array<{ id: string; amount: string }> } }>('S1', `/api/v1/appraisals/${ID}/payslip`);
    const year = await read<{ months: Record<string, unknown> }>('S1', '/api/v1/hr/years/2026');
    const payroll = await app.inject({ method: 'POST', url: `/api/v1/hr/periods/${PERIOD}/payroll`, headers: as('H1'), payload: { values: {} } });
    const csv = await app.inject({ method: 'POST', url: `/api/v1/hr/periods/${PERIOD}/payroll.csv`, headers: { ...as('H1'), accept: 'application/json' }, payload: { values: {}, locale: 'en' } });
    const { header, rows } = csv.json() as { header: string[]; rows: string[][] };
    const row = Object.fromEntries(header.map((name, n) => [name, rows.find((cells) => cells[0] === 'S1')?.[n]]));
    return {
      view: [view.sheet.entries['SP-D1']?.count, view.score?.work, view.score?.monthly],
      payslip: [payslip.payslip.lines.find((line) => line.id === 'dailyWork')?.amount, payslip.payslip.total],
      year: year.months['S1'],
      payroll: (payroll.json() as { entries: Array<{ record: { employeeId: string }; score: { monthly: string }; payslip: { total: string } }> }).entries
        .map((entry) => [entry.record.employeeId, entry.score.monthly, entry.payslip.total]),
      csv: [row['work'], row['monthly'], row['pay.dailyWork'], row['pay.total']],
    };
  }

  const publishedFigures = {
    view: [2, WORK, MONTHLY],
    payslip: ['926.85', S1_PAY_TOTAL],
    year: [{ period: PERIOD, monthly: MONTHLY }],
    payroll: [['S1', MONTHLY, S1_PAY_TOTAL]],
    csv: [WORK, MONTHLY, '926.85', S1_PAY_TOTAL],
  };

  test('published: every reader shows the published figures', async () => {
    await act('R1', 'step.submit', { entries: rmEntries, attendance: rmAttendance });
    await act('P2', 'step.submit');
    await act('V1', 'step.approve');
    await act('H1', 'step.approve');
    await act('H1', 'appraisal.publish');
    assert.deepEqual(await published(), publishedFigures);
  });

  test('appealed, returned, rescored and resubmitted, reviewed by nobody: the published figures stand; the chain reviews the rescore', async () => {
    await act('S1', 'employee.appeal', { comment: 'SP-D1: 10月21日 was a holiday' });
    await act('H1', 'step.return', { to: 'score', comment: '請重新核實' });
    await act('R1', 'step.resubmit', { entries: { 'SP-D1': { count: 3, comment: '10月9日、10月21日、10月28日終端日報晚於16:00' } } });
    for (const who of ['H1', 'R1']) {
      const live = await read<Shown & { step: string }>(who, `/api/v1/appraisals/${ID}`);
      assert.deepEqual([live.step, live.status, live.sheet.entries['SP-D1']?.count, live.score?.work, live.score?.monthly],
        ['secondReview', 'appealed', 3, RESCORED.work, RESCORED.monthly], who);
    }
    assert.deepEqual(await published(), publishedFigures);
  });

  test('HR publishes again: every reader shows the new figures', async () => {
    await act('H1', 'step.approve');
    await act('H1', 'appraisal.publish');
    assert.deepEqual(await published(), {
      view: [3, RESCORED.work, RESCORED.monthly],
      payslip: [RESCORED.dailyWork, RESCORED.total],
      year: [{ period: PERIOD, monthly: RESCORED.monthly }],
      payroll: [['S1', RESCORED.monthly, RESCORED.total]],
      csv: [RESCORED.work, RESCORED.monthly, RESCORED.dailyWork, RESCORED.total],
    });
  });
});
