// Opening a task when its view cannot be read: only "not found" (the appraisal is gone for this
// reviewer) takes the row off the list. Offline without a remembered view, or a server that fails,
// keeps the row, says so in an alert, and lets the reviewer try again; while the view is being read
// the row is busy, and Escape gives up waiting (the pane does not open later and take focus).
// And a person who starts typing the moment the pane appears keeps what they type: the pane's heading
// takes focus as the pane first renders, not later, and never from a field the person has chosen since.
// The page's own service stands in for the server's client; its `view` is steered per test.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { loadRubric } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import type { Entry } from '@kaohe/scoring';
import { createService, type AppraisalView, type KaoheService } from '@kaohe/service';
import { MemoryStore } from '@kaohe/store';
import type { Directory } from '@kaohe/workflow';
import '../src/register.ts';
import { KaoheInbox } from '../src/kaohe-inbox/kaohe-inbox.ts';
import { KaoheTaskPane } from '../src/kaohe-inbox/kaohe-task-pane.ts';

KaoheInbox.define('kaohe-inbox');

const NOW = '2026-11-10T09:00:00.000Z';
const directory: Directory = {
  people: [
    { id: 'V1', name: 'Vice President Zhao', roles: ['vp'] },
    { id: 'P1', name: 'Planning Head Sun', roles: ['salesPlanningHead'], managerId: 'V1' },
    { id: 'P2', name: 'Planner Li', roles: ['salesPlanning'], managerId: 'P1' },
    { id: 'R1', name: 'North Manager Zhou', number: 'M001', roles: ['regionalManager'], region: 'north', managerId: 'P1' },
    { id: 'S1', name: 'Wang Xiaoming', number: 'E1001', roles: ['salesperson'], region: 'north', managerId: 'R1' },
    { id: 'S2', name: 'Li Jianguo', number: 'E1002', roles: ['salesperson'], region: 'north', managerId: 'R1' },
  ],
};

function salesEntries(): Record<string, Entry> {
  return {
    'SP-D1': { count: 0 }, 'SP-D2': { count: 0 }, 'SP-D3': { count: 0 }, 'SP-D4': { count: 0 }, 'SP-D5': { count: 0 }, 'SP-D6': { count: 0 },
    'SP-W': { breached: false }, 'SP-W1': { breached: false }, 'SP-W2': { breached: false }, 'SP-W3': { count: 0 }, 'SP-W4': { count: 0 },
    'SP-M': { breached: false }, 'SP-Q': { points: '5' }, 'SP-A': { count: 0 }, 'SP-P': { count: 0 }, 'SP-E': { count: 0 }, 'SP-V': { breached: false },
  };
}

/** What the server's client throws (@kaohe/client: KaoheOfflineError, KaoheServerError), known to the inbox by name. */
const failure = (name: string, message: string) => Object.assign(new Error(message), { name });

type Gate = { mode: 'pass' } | { mode: 'offline' } | { mode: 'fail' } | { mode: 'gone' } | { mode: 'hold'; release?: () => void };

/** The page's own service, with `view` steered by `gate`: the rest answers as the service does. */
function steered(service: KaoheService, gate: { now: Gate }): KaoheService {
  return new Proxy(service, {
    get(target, key, receiver) {
      if (key !== 'view') return Reflect.get(target, key, receiver) as unknown;
      return async (...args: Parameters<KaoheService['view']>): Promise<AppraisalView | undefined> => {
        const now = gate.now;
        if (now.mode === 'offline') throw failure('KaoheOfflineError', 'The Kaohe server at /kaohe-api/api/v1 cannot be reached.');
        if (now.mode === 'fail') throw failure('KaoheServerError', 'An internal error occurred.');
        if (now.mode === 'gone') return undefined;
        if (now.mode === 'hold') await new Promise<void>((resolve) => { now.release = resolve; });
        return target.view(...args);
      };
    },
  });
}

async function vpInbox(gate: { now: Gate }, employees: readonly string[] = ['S1']): Promise<{ el: KaoheInbox; id: string; ids: string[] }> {
  const store = new MemoryStore();
  await store.putRubric(loadRubric(rubricPresets['R-SP']));
  const service = createService({ store, directory, assignments: { salesperson: { rubric: 'R-SP', chain: 'W-SP' } }, clock: () => NOW });
  const ids: string[] = [];
  for (const employee of employees) {
    const opened = await service.openAppraisal(null, { employee, period: '2026-10', now: NOW });
    if (!opened.ok) throw new Error(opened.message);
    for (const [actor, action] of [['R1', { type: 'step.submit', entries: salesEntries(), attendance: { absentDays: '0' } }], ['P2', { type: 'step.submit' }]] as const) {
      const result = await service.act(opened.id, actor, action, { now: NOW });
      if (!result.ok) throw new Error(result.message);
    }
    ids.push(opened.id);
  }
  const el = await fixture<KaoheInbox>(html`<kaohe-inbox locale="en" .service=${steered(service, gate)} .directory=${directory}
    .now=${NOW} user-id="V1"></kaohe-inbox>`);
  await el.loaded;
  await waitUntil(() => rows(el).length === ids.length, 'the VP\'s tasks are listed');
  return { el, id: ids[0] as string, ids };
}

const root = (el: KaoheInbox) => el.shadowRoot as ShadowRoot;
const rows = (el: KaoheInbox) => [...root(el).querySelectorAll<HTMLElement>('.body [role="row"][data-id]')];
const grid = (el: KaoheInbox) => root(el).querySelector<HTMLElement>('[role="grid"]') as HTMLElement;
const alertText = (el: KaoheInbox) => root(el).querySelector('.open-problem')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const live = (el: KaoheInbox) => root(el).querySelector('.layout ~ [role="status"]')?.textContent ?? '';

/** Real key presses through the test runner's browser (puppeteer), not synthetic events. */
async function sendKeys(payload: { press: string } | { type: string }): Promise<void> {
  const sessionId = new URL(location.href).searchParams.get('wtr-session-id');
  const url = '/__web-dev-server__web-socket.js';
  const socket = await import(url) as { sendMessageWaitForResponse(message: unknown): Promise<{ executed?: boolean }> };
  const response = await socket.sendMessageWaitForResponse({ type: 'wtr-command', sessionId, command: 'send-keys', payload });
  if (!response.executed) throw new Error('the test runner did not press the keys');
}

async function clickOn(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
}

describe('kaohe-inbox: opening a task whose view cannot be read', () => {
  beforeEach(() => localStorage.clear());

  it('offline or a failing server keeps the row and says why in an alert; "Try again" opens it once the server answers', async () => {
    const gate: { now: Gate } = { now: { mode: 'offline' } };
    const { el, id } = await vpInbox(gate);
    grid(el).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => alertText(el) !== '', 'the problem is said');
    expect(alertText(el)).to.equal('Wang Xiaoming\'s task cannot be opened while offline: this browser has not read it before. It stays in the list; try again when the connection is back. Try again');
    expect(root(el).querySelector('.open-problem')?.getAttribute('role')).to.equal('alert');
    expect(rows(el).map((row) => row.dataset.id)).to.deep.equal([id], 'the row stays');
    expect(el.taskCount).to.equal(1);
    expect(live(el)).to.not.contain('left the list');
    expect(root(el).querySelector('.pane')).to.equal(null);
    await expect(el).to.be.accessible();

    // The server answers, but fails: said with its words; the row still stays.
    gate.now = { mode: 'fail' };
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => alertText(el).includes('could not be opened'), 'the failure is said');
    expect(alertText(el)).to.equal('Wang Xiaoming\'s task could not be opened: An internal error occurred. It stays in the list; try again. Try again');
    expect(rows(el)).to.have.length(1);

    // Back: the pointer on "Try again" opens the task; the alert is gone.
    gate.now = { mode: 'pass' };
    await clickOn(root(el).querySelector('.open-problem button') as HTMLElement);
    await waitUntil(() => root(el).activeElement?.id === 'detail-heading', 'the pane opens and its heading takes focus');
    expect(root(el).querySelector('#detail-heading')?.textContent).to.equal('Wang Xiaoming · 2026-10 · Sales VP first review');
    expect(alertText(el)).to.equal('');
    expect(live(el)).to.equal('Opened Wang Xiaoming');
  });

  it('a task that is not found any more leaves the list, and that is announced', async () => {
    const gate: { now: Gate } = { now: { mode: 'gone' } };
    const { el } = await vpInbox(gate);
    grid(el).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rows(el).length === 0, 'the row leaves');
    expect(live(el)).to.equal('Task left the list');
    expect(alertText(el)).to.equal('');
  });

  it('while the view is read the row is busy and says so; Escape gives up, and the pane does not open later to take focus', async () => {
    const gate: { now: Gate } = { now: { mode: 'hold' } };
    const { el, id } = await vpInbox(gate);
    grid(el).focus();
    await sendKeys({ press: 'Enter' });
    const row = () => root(el).querySelector<HTMLElement>(`.body [role="row"][data-id="${id}"]`) as HTMLElement;
    await waitUntil(() => row().getAttribute('aria-busy') === 'true', 'the row is busy');
    expect(row().querySelector('[data-column="state"]')?.textContent?.replace(/\s+/g, ' ').trim()).to.equal('In review opening…');
    expect(live(el)).to.equal('Opening Wang Xiaoming…');

    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !row().hasAttribute('aria-busy'), 'the row is not busy any more');
    const held = gate.now as { release?: () => void };
    held.release?.();
    // the view arrives after the reviewer gave up: nothing opens
    await new Promise((resolve) => setTimeout(resolve, 100));
    await el.updateComplete;
    expect(root(el).querySelector('.pane')).to.equal(null);
    expect(root(el).activeElement).to.equal(grid(el));
    expect(row().textContent).to.not.contain('opening…');

    // Enter again opens it.
    gate.now = { mode: 'pass' };
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root(el).activeElement?.id === 'detail-heading', 'the pane opens');
  });
});

describe('kaohe-inbox: the rubric form\'s module does not load', () => {
  const realLoader = KaoheTaskPane.loadRubricForm;
  /** as a lost connection makes a chunk's import fail */
  const failing = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module: /kaohe-rubric-form.js'));
  beforeEach(() => localStorage.clear());
  afterEach(() => { KaoheTaskPane.loadRubricForm = realLoader; });

  const formProblem = (el: KaoheInbox) => root(el).querySelector('.form-problem')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const rowOf = (el: KaoheInbox, id: string) => root(el).querySelector<HTMLElement>(`.body [role="row"][data-id="${id}"]`) as HTMLElement;

  it('the pane says the form could not be loaded (no empty form), and the next task opened asks for it again', async () => {
    const calls: string[] = [];
    KaoheTaskPane.loadRubricForm = () => { calls.push('failing'); return failing(); };
    const { el, ids } = await vpInbox({ now: { mode: 'pass' } }, ['S1', 'S2']);
    await clickOn(rowOf(el, ids[0] as string));
    await waitUntil(() => formProblem(el) !== '', 'the pane says the form did not load');
    expect(formProblem(el)).to.equal('The rubric form could not be loaded. Try again, or close the task and open it again. Try again');
    expect(root(el).querySelector('.form-problem')?.getAttribute('role')).to.equal('alert');
    expect(root(el).querySelector('kaohe-rubric-form')).to.equal(null);
    await expect(el).to.be.accessible();

    // The connection is back: the next task opened (the pane stays) asks for the module again.
    KaoheTaskPane.loadRubricForm = () => { calls.push('real'); return realLoader(); };
    await clickOn(rowOf(el, ids[1] as string));
    await waitUntil(() => root(el).querySelector('#detail-heading')?.textContent?.startsWith('Li Jianguo') === true, 'the second task is open');
    await waitUntil(() => root(el).querySelector('kaohe-rubric-form') !== null, 'the form is there');
    expect(formProblem(el)).to.equal('');
    expect(calls).to.deep.equal(['failing', 'real']);
  });

  it('Try again, with the pointer, loads the form in the same task and puts focus on the pane\'s heading', async () => {
    KaoheTaskPane.loadRubricForm = failing;
    const { el, id } = await vpInbox({ now: { mode: 'pass' } });
    await clickOn(rowOf(el, id));
    await waitUntil(() => formProblem(el) !== '', 'the pane says the form did not load');
    // the module comes again, slowly: focus is on the heading as the button goes, before it has come
    let arrive = () => {};
    const arrived = new Promise<void>((resolve) => { arrive = resolve; });
    KaoheTaskPane.loadRubricForm = () => arrived.then(realLoader);
    await clickOn(root(el).querySelector('.form-problem button') as HTMLElement);
    await waitUntil(() => root(el).activeElement?.id === 'detail-heading', 'focus is on the pane\'s heading');
    arrive();
    await waitUntil(() => root(el).querySelector('kaohe-rubric-form') !== null, 'the form is there');
    expect(formProblem(el)).to.equal('');
    expect(root(el).querySelector('kaohe-rubric-form')?.getAttribute('mode')).to.equal('review');
  });
});

describe('kaohe-inbox: typing as soon as the pane appears', () => {
  const realLoader = KaoheTaskPane.loadRubricForm;
  beforeEach(() => localStorage.clear());
  afterEach(() => { KaoheTaskPane.loadRubricForm = realLoader; });

  const rowOf = (el: KaoheInbox, id: string) => root(el).querySelector<HTMLElement>(`.body [role="row"][data-id="${id}"]`) as HTMLElement;

  it('a click into the comment box while the form\'s module is still on its way: every character typed stays there, and so does focus', async () => {
    // The first open imports the rubric form's module, and the pane's update waits for it; here it arrives when the
    // test says, as over a slow network (this file's register import has defined the element itself already).
    let arrive = () => {};
    const arrived = new Promise<void>((resolve) => { arrive = resolve; });
    KaoheTaskPane.loadRubricForm = () => arrived.then(realLoader);
    const { el, id } = await vpInbox({ now: { mode: 'pass' } });

    await clickOn(rowOf(el, id));
    await waitUntil(() => root(el).querySelector('#approve-comment') !== null, 'the pane is there');
    const comment = root(el).querySelector('#approve-comment') as HTMLTextAreaElement;
    await clickOn(comment);
    await sendKeys({ type: 'Checked with ' });
    // the module arrives between two keys, and the pane's update completes
    arrive();
    await el.updateComplete;
    await sendKeys({ type: 'the dealer reports' });

    expect(comment.value).to.equal('Checked with the dealer reports');
    expect(root(el).activeElement).to.equal(comment);
    // (a late focus on the heading had the `a` of "dealer" approve the task there, unasked)
    expect(el.taskCount).to.equal(1);
    expect(live(el)).to.equal('Opened Wang Xiaoming');
    expect(root(el).querySelector('#detail-heading')?.textContent).to.equal('Wang Xiaoming · 2026-10 · Sales VP first review');
  });

  it('the heading takes focus as the pane appears, not once the form\'s module has come; Escape gives it back to the row', async () => {
    KaoheTaskPane.loadRubricForm = () => new Promise<never>(() => {}); // a network that never answers
    const { el, id } = await vpInbox({ now: { mode: 'pass' } });
    grid(el).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root(el).querySelector('#detail-heading') !== null, 'the pane is there');
    expect(root(el).activeElement?.id).to.equal('detail-heading');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => root(el).activeElement === grid(el), 'focus is back on the list');
    expect(grid(el).getAttribute('aria-activedescendant')).to.equal(rowOf(el, id).id);
  });

  it('a click into the search box while the task\'s view is read: the pane opens without taking focus from it', async () => {
    const gate: { now: Gate } = { now: { mode: 'hold' } };
    const { el, id } = await vpInbox(gate);
    grid(el).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rowOf(el, id).getAttribute('aria-busy') === 'true', 'the row is busy');
    const search = root(el).querySelector<HTMLInputElement>('input[name="search"]') as HTMLInputElement;
    await clickOn(search);
    await sendKeys({ type: 'Wang' });
    (gate.now as { release?: () => void }).release?.();
    await waitUntil(() => root(el).querySelector('#detail-heading') !== null, 'the pane opens');
    await el.updateComplete;
    await sendKeys({ type: ' Xiaoming' });

    expect(search.value).to.equal('Wang Xiaoming');
    expect(root(el).activeElement).to.equal(search);
    expect(el.visibleTasks.map((row) => row.id)).to.deep.equal([id]);
  });
});

