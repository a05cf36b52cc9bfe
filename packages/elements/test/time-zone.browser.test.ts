// Dates on the company's clock (WorkCalendar.timeZone): the inbox's due dates, overdue marks and
// history times, and the rubric form's comment times, are the company's, whatever zone this browser is in.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { loadRubric } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import type { Entry, Rubric } from '@kaohe/scoring';
import { MemoryStore } from '@kaohe/store';
import type { KaoheStore } from '@kaohe/store';
import { act, chainPresets, openAppraisal, openingAudit } from '@kaohe/workflow';
import type { AppraisalRecord, Directory, WorkCalendar, WorkflowAction } from '@kaohe/workflow';
import '../src/register.ts';
import { KaoheInbox } from '../src/kaohe-inbox/kaohe-inbox.ts';
import type { KaoheRubricForm } from '../src/kaohe-rubric-form/rubric-form.ts';

KaoheInbox.define('kaohe-inbox');

const directory: Directory = {
  people: [
    { id: 'V1', name: 'Vice President Zhao', roles: ['vp'] },
    { id: 'P1', name: 'Planning Head Sun', roles: ['salesPlanningHead'], managerId: 'V1' },
    { id: 'P2', name: 'Planner Li', roles: ['salesPlanning'], managerId: 'P1' },
    { id: 'R1', name: 'North Manager Zhou', roles: ['regionalManager'], region: 'north', managerId: 'P1' },
    { id: 'S1', name: 'Wang Xiaoming', roles: ['salesperson'], region: 'north', managerId: 'R1' },
  ],
};
const salesRubric = loadRubric(rubricPresets['R-SP']);
const rubrics: Record<string, Rubric> = { [`${salesRubric.id}@${salesRubric.version}`]: salesRubric };
const shanghai: WorkCalendar = { timeZone: 'Asia/Shanghai' };
const london: WorkCalendar = { timeZone: 'Europe/London' };

// 23:30 UTC on 7 November 2026: 07:30 on the 8th in Shanghai (UTC+8), 23:30 on the 7th in London (GMT).
const LATE_EVENING = '2026-11-07T23:30:00.000Z';

const clean: Record<string, Entry> = {
  'SP-D1': { count: 0 }, 'SP-D2': { count: 0 }, 'SP-D3': { count: 0 }, 'SP-D4': { count: 0 }, 'SP-D5': { count: 0 }, 'SP-D6': { count: 0 },
  'SP-W': { breached: false }, 'SP-W1': { breached: false }, 'SP-W2': { breached: false }, 'SP-W3': { count: 0 }, 'SP-W4': { count: 0 },
  'SP-M': { breached: false }, 'SP-Q': { points: '5' }, 'SP-A': { count: 0 }, 'SP-P': { count: 0 }, 'SP-E': { count: 0 }, 'SP-V': { breached: false },
};

async function write(store: KaoheStore, record: AppraisalRecord, actor: string, action: WorkflowAction, now: string): Promise<AppraisalRecord> {
  const result = act(record, action, { actor, directory, chain: chainPresets['W-SP'], now, calendar: shanghai, rubric: salesRubric });
  if (!result.ok) throw new Error(`${actor} ${action.type}: ${result.reason.message}`);
  return store.putAppraisal(result.record, { expectedRevision: record.revision, audit: result.audit });
}

/**
 * Wang Xiaoming's October, due at the VP's first review on 7 November ("before the 8th"): opened at
 * 01:00 UTC on the 1st, scored at 15:30 UTC on the 7th, summarised at 23:30 UTC on the 7th.
 */
async function october(): Promise<KaoheStore> {
  const store = new MemoryStore();
  const opened = openAppraisal({
    employee: 'S1', period: '2026-10', rubric: { id: salesRubric.id, version: salesRubric.version }, chain: chainPresets['W-SP'],
    directory, now: '2026-11-01T01:00:00.000Z', calendar: shanghai,
  });
  let record = await store.putAppraisal({ ...opened, revision: 1 }, { expectedRevision: 0, audit: [openingAudit({ ...opened, revision: 1 })] });
  record = await write(store, record, 'R1', { type: 'step.submit', entries: clean, attendance: { absentDays: '0' } }, '2026-11-07T15:30:00.000Z');
  await write(store, record, 'P2', { type: 'step.submit' }, LATE_EVENING);
  return store;
}

async function vpInbox(store: KaoheStore, calendar: WorkCalendar, locale: string): Promise<KaoheInbox> {
  const el = await fixture<KaoheInbox>(html`<kaohe-inbox locale=${locale} .store=${store} .directory=${directory} .rubrics=${rubrics}
    .calendar=${calendar} .now=${LATE_EVENING} user-id="V1"></kaohe-inbox>`);
  await el.loaded;
  await el.updateComplete;
  await waitUntil(() => el.shadowRoot?.querySelector('.body [role="row"][data-id]'), 'the task is listed', { timeout: 4000 });
  return el;
}

const due = (el: KaoheInbox) => el.shadowRoot?.querySelector('[role="row"][data-id="2026-10:S1"] [data-column="due"]')?.textContent?.trim();

async function historyTimes(el: KaoheInbox): Promise<string[]> {
  await el.open('2026-10:S1');
  await el.updateComplete;
  const times = () => [...el.shadowRoot?.querySelectorAll<HTMLTimeElement>('.history li time') ?? []];
  await waitUntil(() => times().length === 3, 'the history is read', { timeout: 4000 });
  return times().map((time) => time.textContent ?? '');
}

describe('dates on the company\'s clock', () => {
  it('in Shanghai, the VP\'s task due on 7 November is overdue at 07:30 on the 8th, and the history reads Shanghai\'s times', async () => {
    const el = await vpInbox(await october(), shanghai, 'en');
    expect(due(el)).to.equal('Nov 7, 2026 overdue');
    // 01:00Z + 8 h = 09:00 on the 1st; 15:30Z + 8 h = 23:30 on the 7th; 23:30Z + 8 h = 07:30 on the 8th.
    expect(await historyTimes(el)).to.deep.equal(['Nov 1, 2026, 9:00 AM', 'Nov 7, 2026, 11:30 PM', 'Nov 8, 2026, 7:30 AM']);
  });

  it('the same store and moment in a London company: on time, and London\'s times', async () => {
    const el = await vpInbox(await october(), london, 'en');
    expect(due(el)).to.equal('Nov 7, 2026');
    // GMT in November: the UTC times as they are.
    expect(await historyTimes(el)).to.deep.equal(['Nov 1, 2026, 1:00 AM', 'Nov 7, 2026, 3:30 PM', 'Nov 7, 2026, 11:30 PM']);
  });

  it('in traditional Chinese the due date and the history read as a reader in Shanghai writes them', async () => {
    const el = await vpInbox(await october(), shanghai, 'zh-Hant');
    expect(due(el)).to.equal('2026年11月7日 逾期');
    // CLDR's Taiwanese day periods: 07:30 is 清晨 (early morning), not 上午.
    expect((await historyTimes(el)).at(-1)).to.equal('2026年11月8日 清晨7:30');
  });

  it('the rubric form shows a reviewer\'s comment time on the company\'s clock', async () => {
    const form = await fixture<KaoheRubricForm>(html`<kaohe-rubric-form locale="en" mode="review" time-zone="Asia/Shanghai"
      .rubric=${salesRubric} .sheet=${{ rubric: 'R-SP', rubricVersion: 1, employee: 'S1', period: '2026-10', entries: clean }}
      .comments=${[{ at: LATE_EVENING, by: 'Planner Li', text: 'checked against the dealer reports' }]}></kaohe-rubric-form>`);
    const comment = form.shadowRoot?.querySelector('.general-comments .comment')?.textContent?.replace(/\s+/g, ' ').trim();
    expect(comment).to.contain('checked against the dealer reports').and.contain('Nov 8, 2026, 7:30 AM');
  });
});
