// What a reviewer types into the task pane's comment boxes is not thrown away: Escape closes the pane
// (as the keys promise) but the comments stay with the task, opened again or after a reload; an input
// method's Escape (cancelling its candidate list) leaves the pane alone. Typed with the keyboard and
// clicked with the pointer; the page's own service stands in for the server's client.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { loadRubric } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import type { Entry } from '@kaohe/scoring';
import { createService, type KaoheService } from '@kaohe/service';
import { MemoryStore } from '@kaohe/store';
import type { Directory } from '@kaohe/workflow';
import '../src/register.ts';
import { KaoheInbox } from '../src/kaohe-inbox/kaohe-inbox.ts';

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

function salesEntries(): Record<string, Entry> {
  return {
    'SP-D1': { count: 0 }, 'SP-D2': { count: 0 }, 'SP-D3': { count: 0 }, 'SP-D4': { count: 0 }, 'SP-D5': { count: 0 }, 'SP-D6': { count: 0 },
    'SP-W': { breached: false }, 'SP-W1': { breached: false }, 'SP-W2': { breached: false }, 'SP-W3': { count: 0 }, 'SP-W4': { count: 0 },
    'SP-M': { breached: false }, 'SP-Q': { points: '5' }, 'SP-A': { count: 0 }, 'SP-P': { count: 0 }, 'SP-E': { count: 0 }, 'SP-V': { breached: false },
  };
}

/** S1's October, scored by R1 and summarised by P2: at the VP's first review. */
async function atVpReview(): Promise<{ service: KaoheService; id: string }> {
  const store = new MemoryStore();
  await store.putRubric(loadRubric(rubricPresets['R-SP']));
  const service = createService({ store, directory, assignments: { salesperson: { rubric: 'R-SP', chain: 'W-SP' } }, clock: () => NOW });
  const opened = await service.openAppraisal(null, { employee: 'S1', period: '2026-10', now: NOW });
  if (!opened.ok) throw new Error(opened.message);
  for (const [actor, action] of [['R1', { type: 'step.submit', entries: salesEntries(), attendance: { absentDays: '0' } }], ['P2', { type: 'step.submit' }]] as const) {
    const result = await service.act(opened.id, actor, action, { now: NOW });
    if (!result.ok) throw new Error(result.message);
  }
  return { service, id: opened.id };
}

async function inboxOf(service: KaoheService): Promise<KaoheInbox> {
  const el = await fixture<KaoheInbox>(html`<kaohe-inbox locale="en" .service=${service} .directory=${directory} .now=${NOW} user-id="V1"></kaohe-inbox>`);
  await el.loaded;
  return el;
}

const root = (el: KaoheInbox) => el.shadowRoot as ShadowRoot;
const rowOf = (el: KaoheInbox, id: string) => root(el).querySelector<HTMLElement>(`.body [role="row"][data-id="${id}"]`);
const pane = (el: KaoheInbox) => root(el).querySelector('kaohe-task-pane');
const box = (el: KaoheInbox, id: 'approve-comment' | 'return-comment') => root(el).querySelector<HTMLTextAreaElement>(`#${id}`) as HTMLTextAreaElement;
const live = (el: KaoheInbox) => root(el).querySelector('.layout ~ [role="status"]')?.textContent ?? '';

async function click(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  const rect = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(rect.left + rect.width / 2), Math.round(rect.top + rect.height / 2)] });
}

/** Opens the task's row with the pointer; the pane's heading takes focus. */
async function openRow(el: KaoheInbox, id: string): Promise<void> {
  await waitUntil(() => rowOf(el, id) !== null, 'the row is listed', { timeout: 4000 });
  await click(rowOf(el, id) as HTMLElement);
  await waitUntil(() => root(el).activeElement?.id === 'detail-heading', 'the pane is open, its heading focused', { timeout: 4000 });
}

describe('kaohe-inbox: comments typed in the task pane', () => {
  beforeEach(() => localStorage.clear());

  it('Escape closes the pane and the comment typed stays with the task; an input method\'s Escape leaves the pane open; a reload keeps both comments', async () => {
    const { service, id } = await atVpReview();
    const el = await inboxOf(service);
    await openRow(el, id);

    // The return comment, then Escape in it: the pane closes (focus back on the list) …
    await click(box(el, 'return-comment'));
    await sendKeys({ type: 'Check the attendance days' });
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => pane(el) === null, 'Escape closes the pane');
    await waitUntil(() => root(el).activeElement?.getAttribute('role') === 'grid', 'focus is back on the list');
    // … and Enter opens the task again with what was typed.
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => box(el, 'return-comment') !== null, 'the pane is open again');
    expect(box(el, 'return-comment').value).to.equal('Check the attendance days');

    // An input method's Escape (it cancels the candidate list; a test browser has no IME, so the key comes as the IME sends it).
    await click(box(el, 'approve-comment'));
    await sendKeys({ type: 'Figures checked' });
    box(el, 'approve-comment').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', isComposing: true, bubbles: true, composed: true, cancelable: true }));
    await el.updateComplete;
    expect(pane(el)).to.not.equal(null, 'the pane stays open');
    expect(root(el).activeElement?.id).to.equal('approve-comment');
    expect(box(el, 'approve-comment').value).to.equal('Figures checked');

    // A reload: a new inbox on the page (the old one gone); the task opened again shows both comments.
    el.remove();
    const again = await inboxOf(service);
    await openRow(again, id);
    expect(box(again, 'approve-comment').value).to.equal('Figures checked');
    expect(box(again, 'return-comment').value).to.equal('Check the attendance days');

    // Approved with the pane's button: the kept comment is the one sent, and then nothing is kept any more.
    await click(root(again).querySelector('.pane button.primary') as HTMLElement);
    await waitUntil(() => rowOf(again, id) === null, 'approved: the task leaves the list', { timeout: 4000 });
    expect(live(again)).to.equal('Approve: Wang Xiaoming. Task left the list');
    const comments = (await service.view(id, 'V1'))?.comments.map((comment) => comment.text);
    expect(comments).to.deep.equal(['Figures checked']);
    expect(Object.keys(localStorage).filter((key) => key.startsWith('kaohe.kept-comment:'))).to.deep.equal([]);
  });
});
