// The server judges business days on the company's calendar (KAOHE_TIME_ZONE), not the machine's or
// UTC's: the same instant is the 8th in Shanghai and still the 7th in London. The W-SP score step of
// November is due on 7 December (RM-4); the regional manager submits at 2026-12-07T23:30Z.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KaoheDatabase } from '../../src/db/index.ts';
import type { KaoheApp } from '../../src/http/app.ts';
import { PERIOD, people, rmAttendance, rmEntries } from './company.ts';
import { bearer, openTestDatabase, service, testApp, tokenFor } from './support.ts';

const ID = `${PERIOD}:S1`;
const AT = '2026-12-07T23:30:00.000Z';

interface View { revision: number; dueDate?: string; overdue: boolean; history?: Array<{ action: string; late?: true }> }

for (const [zone, day, late] of [
  // 23:30 UTC is 07:30 on the 8th in Shanghai (UTC+8): a day late.
  ['Asia/Shanghai', '8th', true],
  // London keeps GMT in December: 23:30 on the 7th, within the due day.
  ['Europe/London', '7th', false],
] as const) {
  describe(`a server set to ${zone}`, () => {
    let db: KaoheDatabase;
    let app: KaoheApp;
    let rm: ReturnType<typeof bearer>;

    before(async () => {
      db = await openTestDatabase();
      app = await testApp(db, { calendar: { timeZone: zone }, clock: () => AT });
      assert.equal((await app.inject({ method: 'PUT', url: '/api/v1/directory', headers: service, payload: { people } })).statusCode, 200);
      assert.equal((await app.inject({ method: 'POST', url: '/api/v1/appraisals', headers: service, payload: { employee: 'S1', period: PERIOD } })).statusCode, 201);
      rm = bearer(await tokenFor('R1'));
    });
    after(async () => {
      await app.close();
      await db.close();
    });

    test(`judges ${AT} as the ${day}: the score step due on the 7th is ${late ? 'overdue and the submit marked late' : 'on time'}`, async () => {
      const before = (await app.inject({ method: 'GET', url: `/api/v1/appraisals/${ID}`, headers: rm })).json() as View;
      assert.equal(before.dueDate, '2026-12-07');
      assert.equal(before.overdue, late);
      const submitted = await app.inject({
        method: 'POST', url: `/api/v1/appraisals/${ID}/actions`, headers: rm,
        payload: { action: { type: 'step.submit', entries: rmEntries, attendance: rmAttendance }, expectedRevision: before.revision },
      });
      assert.equal(submitted.statusCode, 200, submitted.body);
      const after = (await app.inject({ method: 'GET', url: `/api/v1/appraisals/${ID}`, headers: rm })).json() as View;
      const submit = after.history?.find((entry) => entry.action === 'step.submit');
      assert.ok(submit, 'the history holds the submit');
      assert.equal(submit.late === true, late);
    });
  });
}
