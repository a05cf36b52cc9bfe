// Kaohe.configure's `timeZone`: validated as an IANA zone, and the company's day for every judgement
// the host API and the elements it configures make.
import { expect } from '@open-wc/testing';
import { KaoheInputError, type Entry } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import { MemoryStore } from '@kaohe/store';
import type { Directory } from '@kaohe/workflow';
import '@kaohe/elements/register';
import { KaoheApi } from '../src/kaohe.ts';

const directory: Directory = {
  people: [
    { id: 'V1', name: 'Vice President Zhao', roles: ['vp'] },
    { id: 'P1', name: 'Planning Head Sun', roles: ['salesPlanningHead'], managerId: 'V1' },
    { id: 'P2', name: 'Planner Li', roles: ['salesPlanning'], managerId: 'P1' },
    { id: 'R1', name: 'North Manager Zhou', roles: ['regionalManager'], region: 'north', managerId: 'P1' },
    { id: 'S1', name: 'Wang Xiaoming', roles: ['salesperson'], region: 'north', managerId: 'R1' },
  ],
};
const clean: Record<string, Entry> = {
  'SP-D1': { count: 0 }, 'SP-D2': { count: 0 }, 'SP-D3': { count: 0 }, 'SP-D4': { count: 0 }, 'SP-D5': { count: 0 }, 'SP-D6': { count: 0 },
  'SP-W': { breached: false }, 'SP-W1': { breached: false }, 'SP-W2': { breached: false }, 'SP-W3': { count: 0 }, 'SP-W4': { count: 0 },
  'SP-M': { breached: false }, 'SP-Q': { points: '5' }, 'SP-A': { count: 0 }, 'SP-P': { count: 0 }, 'SP-E': { count: 0 }, 'SP-V': { breached: false },
};
// 07:30 on 8 November in Shanghai; 23:30 on the 7th in London.
const LATE_EVENING = '2026-11-07T23:30:00.000Z';

async function configured(timeZone: string): Promise<KaoheApi> {
  const kaohe = new KaoheApi();
  await kaohe.configure({ user: 'V1', directory, store: new MemoryStore(), locale: 'en', rubrics: [rubricPresets['R-SP']!], timeZone });
  return kaohe;
}

/** October's appraisal scored and summarised, at the VP's first review, due on 7 November (before the 8th). */
async function atFirstReview(kaohe: KaoheApi): Promise<string> {
  const record = await kaohe.openAppraisal({ employee: 'S1', period: '2026-10', now: '2026-11-01T01:00:00.000Z' });
  expect((await kaohe.act(record.id, { type: 'step.submit', entries: clean, attendance: { absentDays: '0' } }, { actor: 'R1', now: '2026-11-06T02:00:00.000Z' })).ok).to.equal(true);
  expect((await kaohe.act(record.id, { type: 'step.submit' }, { actor: 'P2', now: '2026-11-06T03:00:00.000Z' })).ok).to.equal(true);
  return record.id;
}

describe('Kaohe.configure({ timeZone })', () => {
  it('refuses a zone that is not an IANA zone, naming the field', async () => {
    for (const timeZone of ['Mars/Olympus_Mons', '+08:00', 'CST8']) {
      let error: unknown;
      try {
        await new KaoheApi().configure({ user: 'V1', directory, store: new MemoryStore(), timeZone });
      } catch (caught) {
        error = caught;
      }
      expect(error, timeZone).to.be.instanceOf(KaoheInputError);
      expect((error as KaoheInputError).problems).to.deep.equal([
        { path: 'timeZone', rule: 'time-zone', message: `"${timeZone}" is not an IANA time zone this browser knows, such as Asia/Shanghai` },
      ]);
    }
  });

  it('in Shanghai, the VP\'s approval at 2026-11-07T23:30Z is on the 8th: the task is overdue and the approval is marked late', async () => {
    const kaohe = await configured('asia/shanghai');
    expect(kaohe.context?.calendar).to.deep.equal({ timeZone: 'Asia/Shanghai' });
    expect(kaohe.businessDay(LATE_EVENING)).to.equal('2026-11-08');
    const id = await atFirstReview(kaohe);
    expect((await kaohe.tasks('V1', LATE_EVENING)).map((task) => [task.dueDate, task.overdue])).to.deep.equal([['2026-11-07', true]]);
    const approved = await kaohe.act(id, { type: 'step.approve' }, { now: LATE_EVENING });
    expect(approved.ok).to.equal(true);
    const approval = (await kaohe.context!.store.listAudit(id)).find((event) => event.action === 'step.approve');
    expect(approval, 'the approval is in the audit log').to.not.equal(undefined);
    expect((approval?.after as { late?: boolean }).late).to.equal(true);
  });

  it('in London, the same approval is on the 7th: on time', async () => {
    const kaohe = await configured('Europe/London');
    expect(kaohe.businessDay(LATE_EVENING)).to.equal('2026-11-07');
    const id = await atFirstReview(kaohe);
    expect((await kaohe.tasks('V1', LATE_EVENING)).map((task) => task.overdue)).to.deep.equal([false]);
    const approved = await kaohe.act(id, { type: 'step.approve' }, { now: LATE_EVENING });
    expect(approved.ok).to.equal(true);
    const approval = (await kaohe.context!.store.listAudit(id)).find((event) => event.action === 'step.approve');
    expect(approval, 'the approval is in the audit log').to.not.equal(undefined);
    expect((approval?.after as { late?: boolean }).late).to.equal(undefined);
  });

  it('hands the calendar to the inbox and the zone to the rubric form it creates', async () => {
    const kaohe = await configured('Asia/Shanghai');
    expect((kaohe.create('kaohe-inbox') as unknown as { calendar: unknown }).calendar).to.deep.equal({ timeZone: 'Asia/Shanghai' });
    expect((kaohe.create('kaohe-rubric-form') as unknown as { timeZone: unknown }).timeZone).to.equal('Asia/Shanghai');
  });
});
