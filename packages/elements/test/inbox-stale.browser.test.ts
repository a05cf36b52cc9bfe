// A task pane read at one revision acts after someone else moved the appraisal (walk report, defect 1):
// the action goes with the revision the pane read, the service refuses it as stale, and the pane says who
// acted and where the appraisal stands now, in the page's language, shows the current version and keeps
// the comment typed. The live stream is down here (a proxy that holds back server-sent events does this),
// so the pane cannot have heard of the change before the reviewer acts.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { loadRubric, type Entry } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import { createService, type KaoheService } from '@kaohe/service';
import { MemoryStore } from '@kaohe/store';
import type { Directory } from '@kaohe/workflow';
import '../src/register.ts';
import { KaoheInbox } from '../src/kaohe-inbox/kaohe-inbox.ts';
import type { KaoheTaskActionFailedEvent } from '../src/kaohe-inbox/inbox-events.ts';

KaoheInbox.define('kaohe-inbox');

const NOW = '2026-11-10T09:00:00.000Z';
const directory: Directory = {
  people: [
    { id: 'V1', name: 'Vice President Zhao', roles: ['vp'] },
    { id: 'P1', name: 'Planning Head Sun', roles: ['salesPlanningHead'], managerId: 'V1' },
    { id: 'P2', name: 'Planner Li', roles: ['salesPlanning'], managerId: 'P1' },
    { id: 'R1', name: 'North Manager Zhou', number: 'M001', roles: ['regionalManager'], region: 'north', managerId: 'P1' },
    { id: 'S1', name: 'Wang Xiaoming', number: 'E1001', roles: ['salesperson'], region: 'north', managerId: 'R1' },
  ],
};

/** A salesperson's month as the regional manager scores it; `dealerLate` late dealer reports (SP-D1, −5 each). */
function salesEntries(dealerLate: number): Record<string, Entry> {
  return {
    'SP-D1': { count: dealerLate }, 'SP-D2': { count: 0 }, 'SP-D3': { count: 0 }, 'SP-D4': { count: 0 }, 'SP-D5': { count: 0 }, 'SP-D6': { count: 0 },
    'SP-W': { breached: false }, 'SP-W1': { breached: false }, 'SP-W2': { breached: false }, 'SP-W3': { count: 0 }, 'SP-W4': { count: 0 },
    'SP-M': { breached: false }, 'SP-Q': { points: '5' }, 'SP-A': { count: 0 }, 'SP-P': { count: 0 }, 'SP-E': { count: 0 }, 'SP-V': { breached: false },
  };
}

/** The service as a page holds it over a server whose live stream does not get through: every call answered, no notice heard. */
function streamDown(service: KaoheService): KaoheService {
  return new Proxy(service, {
    get(target, key, receiver) {
      if (key === 'subscribe') return () => () => undefined;
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function must(service: KaoheService, id: string, actor: string, action: unknown, expectedRevision: number): Promise<void> {
  const result = await service.act(id, actor, action, { expectedRevision, now: NOW });
  if (!result.ok) throw new Error(`${actor} ${JSON.stringify(action)}: ${result.message}`);
}

const root = (el: KaoheInbox) => el.shadowRoot as ShadowRoot;

/** Clicks the middle of `element` with the pointer, scrolled into view first. */
async function clickOn(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
}

describe('kaohe-inbox: acting on a task someone else moved since it was opened', () => {
  beforeEach(() => localStorage.clear());

  it('a return from a pane read at revision 2, after a return and a rescore elsewhere, is refused as RM Zhou\'s change; the pane shows revision 4 and keeps the comment; returned again, it goes through', async () => {
    const store = new MemoryStore();
    await store.putRubric(loadRubric(rubricPresets['R-SP']));
    const service = createService({ store, directory, assignments: { salesperson: { rubric: 'R-SP', chain: 'W-SP' } }, clock: () => NOW });
    const opened = await service.openAppraisal(null, { employee: 'S1', period: '2026-10', now: NOW });
    if (!opened.ok) throw new Error(opened.message);
    const id = opened.id;
    // SP-D1 two late reports: daily work 100 − 10 = 90; C-1: 90 × 70% + 100 × 30% = 93.00. Revision 2, sales planning's summary.
    await must(service, id, 'R1', { type: 'step.submit', entries: salesEntries(2), attendance: { absentDays: '0' } }, 1);

    const inbox = await fixture<KaoheInbox>(html`<kaohe-inbox locale="zh-Hant" .service=${streamDown(service)} .directory=${directory}
      .now=${NOW} user-id="P2"></kaohe-inbox>`);
    await inbox.loaded;
    const failures: KaoheTaskActionFailedEvent[] = [];
    inbox.addEventListener('kaohe-task-action-failed', (event) => failures.push(event));
    const monthly = () => root(inbox).querySelector('kaohe-rubric-form')?.shadowRoot?.querySelector('[data-total="monthly"]')?.textContent?.trim();
    await waitUntil(() => root(inbox).querySelector(`.body [role="row"][data-id="${id}"]`), 'the task is listed');
    await clickOn(root(inbox).querySelector(`.body [role="row"][data-id="${id}"]`) as Element);
    await waitUntil(() => monthly() === '93.00', 'the pane shows revision 2');

    // Elsewhere: sales planning returns it from another window, and the regional manager resubmits with
    // four late reports: 100 − 20 = 80; 80 × 70% + 30 = 86.00. Revision 4, back at sales planning's summary.
    await must(service, id, 'P2', { type: 'step.return', to: 'score', comment: '請核實 SP-D1' }, 2);
    await must(service, id, 'R1', { type: 'step.resubmit', entries: { 'SP-D1': { count: 4 } } }, 3);
    expect(monthly(), 'the pane heard nothing').to.equal('93.00');

    // The pane, still at revision 2: the reviewer types why and returns it, with the keyboard and the pointer.
    const comment = root(inbox).querySelector<HTMLTextAreaElement>('#return-comment') as HTMLTextAreaElement;
    await clickOn(comment);
    await sendKeys({ type: '請核實 SP-D1 的次數' });
    await clickOn(root(inbox).querySelector('button[data-action="step.return"]') as Element);

    const message = () => root(inbox).querySelector('.message[role="alert"]')?.textContent?.trim() ?? '';
    await waitUntil(() => message() !== '', 'the pane says what happened');
    expect(message()).to.equal('North Manager Zhou在您開啟此待辦後已處理了它，現在在「銷售計劃部匯總」。您的操作未執行，未覆蓋任何內容；下方已是最新內容，您輸入的內容仍保留。請檢查後再操作。');
    expect(failures.map((event) => event.reason.code)).to.deep.equal(['conflict']);
    const stored = await service.view(id, 'P2');
    expect([stored?.revision, stored?.step, stored?.score?.monthly], 'nothing was written').to.deep.equal([4, 'summarise', '86.00']);
    await waitUntil(() => monthly() === '86.00', 'the pane shows revision 4');
    expect((root(inbox).querySelector('#return-comment') as HTMLTextAreaElement).value).to.equal('請核實 SP-D1 的次數');

    // Having seen 86.00, the reviewer returns it again: taken on revision 4.
    await clickOn(root(inbox).querySelector('button[data-action="step.return"]') as Element);
    await waitUntil(async () => (await service.view(id, 'P2'))?.revision === 5, 'the return is written');
    expect((await service.view(id, 'P2'))?.step).to.equal('score');
  });
});
