// The task pane has two submit buttons — its own under Actions and the rubric form's at the bottom —
// and both check alike: a sheet with an item still to score is not sent to the service (which would
// refuse it in its own words); focus goes to the item, as the form's Submit does. Clicked with the
// pointer, typed with the keyboard; the page's own service stands in for the server's client.
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
    { id: 'P1', name: 'Planning Head Sun', roles: ['salesPlanningHead'] },
    { id: 'P2', name: 'Planner Li', roles: ['salesPlanning'], managerId: 'P1' },
    { id: 'R1', name: 'North Manager Zhou', number: 'M001', roles: ['regionalManager'], region: 'north', managerId: 'P1' },
    { id: 'S1', name: 'Wang Xiaoming', number: 'E1001', roles: ['salesperson'], region: 'north', managerId: 'R1' },
  ],
};

/** Every R-SP item scored but SP-Q (the award points). */
function allButAward(): Record<string, Entry> {
  return {
    'SP-D1': { count: 0 }, 'SP-D2': { count: 0 }, 'SP-D3': { count: 0 }, 'SP-D4': { count: 0 }, 'SP-D5': { count: 0 }, 'SP-D6': { count: 0 },
    'SP-W': { breached: false }, 'SP-W1': { breached: false }, 'SP-W2': { breached: false }, 'SP-W3': { count: 0 }, 'SP-W4': { count: 0 },
    'SP-M': { breached: false }, 'SP-A': { count: 0 }, 'SP-P': { count: 0 }, 'SP-E': { count: 0 }, 'SP-V': { breached: false },
  };
}

const root = (el: KaoheInbox) => el.shadowRoot as ShadowRoot;
const rowOf = (el: KaoheInbox, id: string) => root(el).querySelector<HTMLElement>(`.body [role="row"][data-id="${id}"]`);
const form = (el: KaoheInbox) => root(el).querySelector('kaohe-rubric-form');
const award = (el: KaoheInbox) => form(el)?.shadowRoot?.querySelector<HTMLInputElement>('[data-item="SP-Q"] input') ?? null;
const paneMessage = (el: KaoheInbox) => root(el).querySelector('.pane > .message[role="alert"]')?.textContent?.trim() ?? '';
const live = (el: KaoheInbox) => root(el).querySelector('.layout ~ [role="status"]')?.textContent ?? '';

async function click(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  const rect = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(rect.left + rect.width / 2), Math.round(rect.top + rect.height / 2)] });
}

describe('kaohe-inbox: the pane\'s own Submit checks as the form\'s does', () => {
  beforeEach(() => localStorage.clear());

  it('with SP-Q left empty, the pane\'s Submit (and `a`) sends nothing and puts focus in SP-Q; scored, it submits', async () => {
    const store = new MemoryStore();
    await store.putRubric(loadRubric(rubricPresets['R-SP']));
    const service: KaoheService = createService({ store, directory, assignments: { salesperson: { rubric: 'R-SP', chain: 'W-SP' } }, clock: () => NOW });
    const opened = await service.openAppraisal(null, { employee: 'S1', period: '2026-10', now: NOW });
    if (!opened.ok) throw new Error(opened.message);
    const id = opened.id;
    const saved = await service.act(id, 'R1', { type: 'draft.save', entries: allButAward(), attendance: { absentDays: '0' } }, { now: NOW });
    if (!saved.ok) throw new Error(saved.message);
    const acted: string[] = [];
    const el = await fixture<KaoheInbox>(html`<kaohe-inbox locale="en" .service=${service} .directory=${directory} .now=${NOW} user-id="R1"
      @kaohe-task-action-failed=${(e: Event & { reason?: { message: string } }) => acted.push(`failed: ${e.reason?.message ?? ''}`)}></kaohe-inbox>`);
    await el.loaded;
    await waitUntil(() => rowOf(el, id) !== null, 'R1\'s task is listed');
    await click(rowOf(el, id) as HTMLElement);
    await waitUntil(() => award(el) !== null, 'the pane shows the form', { timeout: 4000 });
    await waitUntil(() => root(el).activeElement?.id === 'detail-heading', 'the pane\'s heading has focus');

    // `a` in the pane (the forward action's key): the form checks first; focus goes to SP-Q.
    await sendKeys({ press: 'a' });
    await waitUntil(() => form(el)?.shadowRoot?.activeElement === award(el), '`a`: focus goes to SP-Q', { timeout: 4000 });
    expect(paneMessage(el)).to.equal('');
    await click(root(el).querySelector('#detail-heading') as HTMLElement);

    // The pane's Submit, under Actions.
    const submit = root(el).querySelector<HTMLButtonElement>('.pane button.primary[data-action="step.submit"]') as HTMLButtonElement;
    expect(submit.textContent?.trim()).to.equal('Submit');
    await click(submit);
    await waitUntil(() => form(el)?.shadowRoot?.activeElement === award(el), 'focus goes to SP-Q, the item still to score', { timeout: 4000 });
    expect(paneMessage(el)).to.equal('', 'no refusal from the service: nothing was sent');
    expect(acted).to.deep.equal([]);
    expect((await service.view(id, 'R1'))?.step).to.equal('score');
    expect(form(el)?.shadowRoot?.querySelector('[part="problems"]')?.textContent).to.contain('SP-Q');

    // The award typed where focus is, then the pane's Submit again: it goes through.
    await sendKeys({ type: '4' });
    await click(submit);
    await waitUntil(() => rowOf(el, id) === null, 'submitted: the task leaves R1\'s list', { timeout: 4000 });
    expect(live(el)).to.equal('Submit: Wang Xiaoming. Task left the list');
    const sent = await service.view(id, 'P2');
    expect(sent?.sheet.entries['SP-Q']).to.deep.equal({ points: '4' });
  });
});
