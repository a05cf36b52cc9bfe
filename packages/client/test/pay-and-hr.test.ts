// The payslip and HR's reads through the browser's client against a real Kaohe server (in-process,
// PGlite): S1's W-SP month (company.ts: work 74.00, monthly 79.40) walked to publication by each
// person's own client, the installation's payroll figures for S1 configured on the server. The figures
// come computed from the server; the client holds no pay rule. OfflineService answers the last read
// when the server is gone.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { presetCatalogue } from '@kaohe/server';
import { hrReads } from '@kaohe/service/hr';
import { HttpService, OfflineService, type Outbox } from '../src/index.ts';
import { S1_PAY_FIGURES, S1_PAY_LINES, S1_PAY_TOTAL, rmAttendance, rmEntries } from '../../server/test/http/company.ts';
import { PERIOD, startTestServer, tokenFor, type TestServer } from './server.ts';

const S1 = `${PERIOD}:S1`;
let server: TestServer;

function clientFor(user: string): HttpService {
  return new HttpService({ server: server.url, user, token: () => tokenFor(user) });
}

async function must(user: string, action: Record<string, unknown>): Promise<void> {
  const result = await clientFor(user).act(S1, user, action);
  assert.ok(result.ok, `${user} ${String(action['type'])}: ${JSON.stringify(result)}`);
}

before(async () => {
  server = await startTestServer({
    catalogue: { ...presetCatalogue(), payValues: ({ employee }) => (employee === 'S1' ? S1_PAY_FIGURES : undefined) },
  });
  await must('R1', { type: 'step.submit', entries: rmEntries, attendance: rmAttendance });
});
after(async () => {
  await server.close();
});

describe('the payslip through the client', () => {
  test('before publication the employee and HR get not-found; after it the employee reads the server\'s figures, a colleague still not-found', async () => {
    const notFound = { ok: false, code: 'not-found', message: 'There is no appraisal with this id that you may see.' };
    assert.deepEqual(await clientFor('S1').payslip(S1, 'S1'), notFound);
    assert.deepEqual(await clientFor('H1').payslip(S1, 'H1'), notFound);
    await must('P2', { type: 'step.submit' });
    await must('V1', { type: 'step.approve' });
    await must('H1', { type: 'step.approve' });
    await must('H1', { type: 'appraisal.publish' });

    const own = await clientFor('S1').payslip(S1, 'S1');
    assert.ok(own.ok, JSON.stringify(own));
    // company.ts works the lines out by hand: 4175.00 + 2542.58 + 926.85 + 300.00 = 7944.43
    assert.deepEqual(Object.fromEntries(own.payslip.lines.map((line) => [line.id, line.amount])), S1_PAY_LINES);
    assert.equal(own.payslip.total, S1_PAY_TOTAL);
    assert.deepEqual([own.plan.id, own.appraisal.status, own.employee?.name], ['P-1', 'published', '王小明']);
    assert.deepEqual(await clientFor('S2').payslip(S1, 'S2'), notFound);
    await assert.rejects(clientFor('S1').payslip(S1, 'H1'), /signed-in person "S1"/, 'another person than the token\'s is a programming error');
  });
});

describe('HR\'s reads through the client (hrReads(service) over the server)', () => {
  test('the distribution, payroll, its CSV and the year come computed; a non-HR person is refused forbidden', async () => {
    const hr = hrReads(clientFor('H1'));
    const distribution = await hr.distribution('H1', { period: PERIOD });
    assert.ok(distribution.ok);
    // only S1's sheet has every item entered (the others were opened and not scored): 79.40 (company.ts)
    assert.deepEqual(distribution.entries, [{ employeeId: 'S1', role: 'salesperson', score: '79.40', name: '王小明' }]);

    const payroll = await hr.payroll('H1', { period: PERIOD, values: {} });
    assert.ok(payroll.ok);
    assert.deepEqual(payroll.entries.map((entry) => [entry.record.employeeId, entry.payslip.total, entry.name]), [['S1', S1_PAY_TOTAL, '王小明']]);

    const csv = await hr.payrollCsv('H1', { period: PERIOD, values: {}, locale: 'en' });
    assert.ok(csv.ok);
    assert.ok(csv.csv.startsWith('\uFEFF'), 'the bytes HR downloads: UTF-8 with a BOM');
    const total = csv.header.indexOf('pay.total');
    assert.ok(total >= 0, `a pay.total column in ${csv.header.join(',')}`);
    assert.deepEqual(csv.rows.map((row) => [row[0], row[total]]), [['S1', S1_PAY_TOTAL]]);

    const year = await hr.annualYear('H1', { year: 2026 });
    assert.ok(year.ok);
    assert.deepEqual(year.peers, [{ employeeId: 'S1', role: 'salesperson', region: 'north', monthly: ['79.40'] }]);
    assert.deepEqual(year.months, { S1: [{ period: PERIOD, monthly: '79.40' }] });

    // anyone's own year (kaohe-annual's "my year"): their months, and peers only without names
    const own = await hrReads(clientFor('S1')).annualYear('S1', { year: 2026 });
    assert.ok(own.ok);
    assert.deepEqual([own.peers, own.months], [[{ employeeId: 'S1', role: 'salesperson', region: 'north', monthly: ['79.40'] }], { S1: [{ period: PERIOD, monthly: '79.40' }] }]);
    const colleague = await hrReads(clientFor('S2')).annualYear('S2', { year: 2026 });
    assert.deepEqual(colleague.ok && [colleague.peers, colleague.months], [[], {}], 'S2 has no published month: nothing, and nothing of S1');

    const refused = await hrReads(clientFor('S2')).distribution('S2', { period: PERIOD });
    assert.deepEqual(refused.ok ? 'answered' : refused.code, 'forbidden');
    await assert.rejects(hr.payroll('H1', { period: PERIOD, values: () => ({}) }), /not as a function/);
  });
});

/** The outbox's remembered reads, in memory (IndexedDB is the browser's; the outbox's own tests run there). */
function memoryOutbox(): Outbox {
  const remembered = new Map<string, unknown>();
  return {
    name: 'memory', items: async () => [], close: () => undefined,
    remember: async (key: string, value: unknown) => { remembered.set(key, structuredClone(value)); },
    recall: async (key: string) => remembered.get(key),
  } as unknown as Outbox;
}

describe('OfflineService', () => {
  test('with the server gone, the payslip and HR\'s reads answer what was last read', async () => {
    const employee = await OfflineService.open(clientFor('S1'), memoryOutbox(), { retryMs: 60_000 });
    const hr = await OfflineService.open(clientFor('H1'), memoryOutbox(), { retryMs: 60_000 });
    try {
      const payslip = await employee.payslip(S1, 'S1');
      const distribution = await hrReads(hr).distribution('H1', { period: PERIOD });
      const year = await hrReads(hr).annualYear('H1', { year: 2026 });
      await server.stop();
      assert.deepEqual(await employee.payslip(S1, 'S1'), payslip);
      assert.equal(employee.status.online, false, 'the page can say it is offline');
      assert.deepEqual(await hrReads(hr).distribution('H1', { period: PERIOD }), distribution);
      assert.deepEqual(await hrReads(hr).annualYear('H1', { year: 2026 }), year);
      await assert.rejects(hrReads(hr).annualYear('H1', { year: 2025 }), { name: 'KaoheOfflineError' }, 'a year never read has nothing to answer');
      assert.ok(payslip.ok && payslip.payslip.total === S1_PAY_TOTAL);
    } finally {
      employee.close();
      hr.close();
      await server.start();
    }
  });
});
