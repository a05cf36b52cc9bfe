// The inbox with nothing but the KaoheService interface — what it has in server mode, where the
// context's service is the server's client and the page holds no store of the appraisals. A real
// HttpService needs a server in Node, which the browser test runner cannot start; so the page's own
// service stands in, behind a wrapper that hands the inbox only the interface's methods (no store, no
// internals) and notes every call: if the inbox read a store itself, it would find none here.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
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
    { id: 'H1', name: 'HR Qian', roles: ['hr'], managerId: 'V1' },
    { id: 'P1', name: 'Planning Head Sun', roles: ['salesPlanningHead'], managerId: 'V1' },
    { id: 'P2', name: 'Planner Li', roles: ['salesPlanning'], managerId: 'P1' },
    { id: 'R1', name: 'North Manager Zhou', number: 'M001', roles: ['regionalManager'], region: 'north', managerId: 'P1' },
    { id: 'R2', name: 'South Manager Wu', number: 'M002', roles: ['regionalManager'], region: 'south', managerId: 'P1' },
    { id: 'S1', name: 'Wang Xiaoming', number: 'E1001', roles: ['salesperson'], region: 'north', managerId: 'R1' },
    { id: 'S2', name: 'Li Jianguo', number: 'E1002', roles: ['salesperson'], region: 'north', managerId: 'R1' },
    { id: 'S3', name: 'Chen Meiling', number: 'E1003', roles: ['salesperson'], region: 'south', managerId: 'R2' },
  ],
};
const salesRubric = loadRubric(rubricPresets['R-SP']);

/** No absent days: the regional manager records the month's attendance with the scores (a new sheet has none). */
const NO_ABSENCE = { absentDays: '0' };

/** A salesperson's month as the regional manager scores it; `dealerLate` late dealer reports (SP-D1, −5 each). */
function salesEntries(dealerLate: number): Record<string, Entry> {
  return {
    'SP-D1': { count: dealerLate }, 'SP-D2': { count: 0 }, 'SP-D3': { count: 0 }, 'SP-D4': { count: 0 }, 'SP-D5': { count: 0 }, 'SP-D6': { count: 0 },
    'SP-W': { breached: false }, 'SP-W1': { breached: false }, 'SP-W2': { breached: false }, 'SP-W3': { count: 0 }, 'SP-W4': { count: 0 },
    'SP-M': { breached: false }, 'SP-Q': { points: '5' }, 'SP-A': { count: 0 }, 'SP-P': { count: 0 }, 'SP-E': { count: 0 }, 'SP-V': { breached: false },
  };
}

/**
 * Only the interface's methods, each call noted by name; the store and the service's internals are not
 * reachable. While `down()` holds, `view` fails as HttpService.view does when the server answers 503.
 */
function interfaceOnly(service: KaoheService, calls: string[], down: () => boolean = () => false): KaoheService {
  const methods = ['act', 'view', 'tasks', 'countTasks', 'openAppraisal', 'openPeriod', 'saveDraft', 'loadDraft', 'deleteDraft', 'rubric', 'subscribe'] as const;
  const wrapped: Record<string, unknown> = {};
  for (const name of methods) {
    wrapped[name] = (...args: unknown[]) => {
      calls.push(name);
      if (name === 'view' && down()) return Promise.reject(new Error('The server is unavailable (503).'));
      return (service[name] as (...given: unknown[]) => unknown)(...args);
    };
  }
  Object.defineProperty(wrapped, Symbol.for('kaohe.service.internals'), {
    get() { throw new Error('the inbox reached for the service\'s internals (its store)'); },
  });
  return wrapped as unknown as KaoheService;
}

async function must(service: KaoheService, id: string, actor: string, action: unknown): Promise<void> {
  const result = await service.act(id, actor, action, { now: NOW });
  if (!result.ok) throw new Error(`${actor} ${JSON.stringify(action)}: ${result.message}`);
}

/** Through the service: opened, scored by the regional manager, summarised by sales planning — the VP's turn (W-SP first review). */
async function atFirstReview(service: KaoheService, employee: string, manager: string, period: string, dealerLate: number): Promise<string> {
  const opened = await service.openAppraisal(null, { employee, period, now: NOW });
  if (!opened.ok) throw new Error(opened.message);
  await must(service, opened.id, manager, { type: 'step.submit', entries: salesEntries(dealerLate), attendance: NO_ABSENCE });
  await must(service, opened.id, 'P2', { type: 'step.submit' });
  return opened.id;
}

const root = (el: KaoheInbox) => el.shadowRoot as ShadowRoot;
const rows = (el: KaoheInbox) => [...root(el).querySelectorAll<HTMLElement>('.body [role="row"][data-id]')];
const rowOf = (el: KaoheInbox, id: string) => root(el).querySelector<HTMLElement>(`.body [role="row"][data-id="${id}"]`);
const cell = (row: HTMLElement, column: string) => row.querySelector(`[data-column="${column}"]`)?.textContent?.trim() ?? '';
/**
 * The row is on screen where a person would look for it: scrolled into view, the point at its middle
 * belongs to it (not to the header, another row or nothing); returns that point, for the pointer.
 */
function onScreen(el: KaoheInbox, row: HTMLElement): [number, number] {
  row.scrollIntoView({ block: 'center' });
  const box = row.getBoundingClientRect();
  expect(box.height).to.equal(40);
  const [x, y] = [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)];
  expect(root(el).elementFromPoint(x, y)?.closest('[role="row"]')).to.equal(row);
  return [x, y];
}
async function shows(el: KaoheInbox, ids: string[]): Promise<void> {
  const seen = () => rows(el).map((row) => row.dataset.id).sort().join(',');
  await waitUntil(() => seen() === [...ids].sort().join(','), `expected ${ids.join(', ')}, saw ${seen()}`, { timeout: 4000 });
}

describe('kaohe-inbox over the KaoheService interface alone (as in server mode)', () => {
  beforeEach(() => localStorage.clear());

  it('lists the rows, opens a pane from the view, approves, and follows another person\'s action live', async () => {
    const store = new MemoryStore();
    await store.putRubric(salesRubric);
    const service = createService({ store, directory, assignments: { salesperson: { rubric: 'R-SP', chain: 'W-SP' } }, clock: () => NOW });
    const s1 = await atFirstReview(service, 'S1', 'R1', '2026-10', 2);
    const s3 = await atFirstReview(service, 'S3', 'R2', '2026-10', 1);
    // S2's month is still with sales planning: not the VP's yet.
    const s2 = (await service.openAppraisal(null, { employee: 'S2', period: '2026-11', now: NOW })) as { id: string };
    await must(service, s2.id, 'R1', { type: 'step.submit', entries: salesEntries(0), attendance: NO_ABSENCE });

    const vpCalls: string[] = [];
    const hrCalls: string[] = [];
    const vp = await fixture<KaoheInbox>(html`<kaohe-inbox locale="en" .service=${interfaceOnly(service, vpCalls)} .directory=${directory}
      .now=${NOW} user-id="V1"></kaohe-inbox>`);
    const hr = await fixture<KaoheInbox>(html`<kaohe-inbox locale="en" .service=${interfaceOnly(service, hrCalls)} .directory=${directory}
      .now=${NOW} user-id="H1"></kaohe-inbox>`);
    await vp.loaded;
    await hr.loaded;
    await shows(vp, [s1, s3]);
    expect(hr.taskCount).to.equal(0);

    const wang = rowOf(vp, s1) as HTMLElement;
    expect(cell(wang, 'employee')).to.contain('Wang Xiaoming').and.contain('E1001');
    expect(cell(wang, 'step')).to.equal('Sales VP first review');
    // The score the service stored with the record: SP-D1 two late reports, −5 each, daily work 90;
    // attendance 100; C-1: 90 × 70% + 100 × 30% = 93.00. S3: one late report, 95 × 70% + 30 = 96.50.
    expect(cell(wang, 'score')).to.equal('93.00');
    expect(cell(rowOf(vp, s3) as HTMLElement, 'score')).to.equal('96.50');

    // The pane: heading, the view's forward action, and the history as the service tells it to the VP.
    wang.click();
    await waitUntil(() => root(vp).querySelectorAll('.history li').length === 3, 'the history is read with the view');
    expect(root(vp).querySelector('#detail-heading')?.textContent).to.equal('Wang Xiaoming · 2026-10 · Sales VP first review');
    const history = [...root(vp).querySelectorAll('.history li strong')].map((name) => name.textContent?.trim());
    // opened by the service itself, scored by R1, summarised by P2
    expect(history).to.deep.equal(['System', 'North Manager Zhou', 'Planner Li']);
    expect(root(vp).querySelector('kaohe-rubric-form')?.getAttribute('mode')).to.equal('review');
    const approve = root(vp).querySelector<HTMLButtonElement>('button[data-action="step.approve"]') as HTMLButtonElement;
    approve.click();

    // Approved: the VP's row leaves at once; HR's second review hears of it live and lists it.
    await shows(vp, [s3]);
    await shows(hr, [s1]);
    expect((await service.view(s1, 'H1'))?.step).to.equal('secondReview');

    // Sales planning summarises S2 on another machine: it arrives in the VP's inbox without a reload.
    await must(service, s2.id, 'P2', { type: 'step.submit' });
    await shows(vp, [s2.id, s3]);
    // 0 late reports: 100 × 70% + 100 × 30% = 100.00
    expect(cell(rowOf(vp, s2.id) as HTMLElement, 'score')).to.equal('100.00');

    // Everything went through the interface: pages and counts, views, the rubric, notices, the act.
    expect(new Set(vpCalls)).to.deep.equal(new Set(['countTasks', 'tasks', 'subscribe', 'rubric', 'view', 'act']));
    expect(vp.store).to.equal(undefined);
  });

  it('keeps a row on screen when reading its task fails (a click, a notice), says why, and reads it again once the server answers', async () => {
    const store = new MemoryStore();
    await store.putRubric(salesRubric);
    const service = createService({ store, directory, assignments: { salesperson: { rubric: 'R-SP', chain: 'W-SP' } }, clock: () => NOW });
    const opened = await service.openAppraisal(null, { employee: 'S1', period: '2026-10', now: NOW });
    if (!opened.ok) throw new Error(opened.message);
    let down = false;
    const calls: string[] = [];
    const manager = await fixture<KaoheInbox>(html`<kaohe-inbox locale="en" .service=${interfaceOnly(service, calls, () => down)} .directory=${directory}
      .now=${NOW} user-id="R1"></kaohe-inbox>`);
    await manager.loaded;
    await shows(manager, [opened.id]);
    const alert = () => root(manager).querySelector('p.message[role="alert"]')?.textContent?.trim() ?? '';
    const openProblem = () => root(manager).querySelector('.open-problem .message')?.textContent?.trim() ?? '';
    const views = () => calls.filter((name) => name === 'view').length;

    // The server stops answering; the manager clicks the row: nothing opens, the row stays, the alert says why.
    down = true;
    const [x, y] = onScreen(manager, rowOf(manager, opened.id) as HTMLElement);
    await sendMouse({ type: 'click', position: [x, y] });
    await waitUntil(() => openProblem() !== '', 'the open problem is said', { timeout: 4000 });
    expect(openProblem()).to.equal('Wang Xiaoming\'s task could not be opened: The server is unavailable (503). It stays in the list; try again.');
    expect(root(manager).querySelector('#detail-heading')).to.equal(null);
    await shows(manager, [opened.id]);

    // The manager saves a draft from another tab: the notice's read fails too; the row stays, and the alert says why.
    const before = views();
    await must(service, opened.id, 'R1', { type: 'draft.save', entries: { 'SP-D1': { count: 1 } } });
    await waitUntil(() => views() > before, 'the notice is read', { timeout: 4000 });
    await waitUntil(() => alert() === 'The server is unavailable (503).', `the alert: ${alert()}`, { timeout: 4000 });
    await shows(manager, [opened.id]);
    expect(cell(rowOf(manager, opened.id) as HTMLElement, 'employee')).to.equal('Wang Xiaoming E1001');

    // The server answers again: the task is read again and the alert goes; the row is still there, and "Try again" opens it.
    down = false;
    const failed = views();
    await waitUntil(() => views() > failed && alert() === '', `read again; the alert: ${alert()}`, { timeout: 8000 });
    await shows(manager, [opened.id]);
    const retry = root(manager).querySelector<HTMLButtonElement>('.open-problem button') as HTMLButtonElement;
    expect(retry.textContent?.trim()).to.equal('Try again');
    const box = retry.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
    await waitUntil(() => root(manager).querySelector('#detail-heading')?.textContent === 'Wang Xiaoming · 2026-10 · Regional manager scores',
      `the pane's heading: ${root(manager).querySelector('#detail-heading')?.textContent}`, { timeout: 4000 });
  });

  it('drops the self-evaluation the employee handed in from another tab (told only that it is gone), and the lateral rater\'s inbox gains it', async () => {
    const travelling: Directory = {
      people: [
        { id: 'G1', name: 'General Manager Ma', roles: ['gm'] },
        { id: 'H1', name: 'HR Qian', roles: ['hr'], managerId: 'G1' },
        { id: 'L2', name: 'Service Director Hu', roles: ['serviceDirector'], managerId: 'G1' },
        { id: 'L1', name: 'Service Manager Lin', roles: ['serviceManager'], managerId: 'L2' },
        { id: 'T1', name: 'Zhang Wei', number: 'E2001', roles: ['travellingServiceStaff'], managerId: 'L1' },
        { id: 'X1', name: 'Parts Rater Gao', roles: ['assessor'], groups: ['lateral'] },
      ],
    };
    const store = new MemoryStore();
    await store.putRubric(loadRubric(rubricPresets['R-TR']));
    const service = createService({ store, directory: travelling, assignments: { travellingServiceStaff: { rubric: 'R-TR', chain: 'W-TR' } }, clock: () => NOW });
    const opened = await service.openAppraisal(null, { employee: 'T1', period: '2026-10', now: NOW });
    if (!opened.ok) throw new Error(opened.message);
    const notices: unknown[] = [];
    const stop = service.subscribe('T1', (notice) => notices.push(notice));
    const employee = await fixture<KaoheInbox>(html`<kaohe-inbox locale="en" .service=${interfaceOnly(service, [])} .directory=${travelling}
      .now=${NOW} user-id="T1"></kaohe-inbox>`);
    const rater = await fixture<KaoheInbox>(html`<kaohe-inbox locale="en" .service=${interfaceOnly(service, [])} .directory=${travelling}
      .now=${NOW} user-id="X1"></kaohe-inbox>`);
    await employee.loaded;
    await rater.loaded;
    // The employee sees their own month, waiting for their self-evaluation (no score yet, no due date).
    await shows(employee, [opened.id]);
    const own = rowOf(employee, opened.id) as HTMLElement;
    onScreen(employee, own);
    expect(cell(own, 'employee')).to.equal('Zhang Wei E2001');
    expect(cell(own, 'period')).to.equal('2026-10');
    expect(cell(own, 'step')).to.equal('Self-evaluation');
    expect(cell(own, 'score')).to.equal('—');
    expect(cell(own, 'state')).to.equal('Open');
    await shows(rater, []);
    expect(root(rater).querySelector('.body .empty')?.textContent?.trim()).to.equal('No tasks.');

    // handed in from the employee's other tab: this inbox never acted, and is told by id alone
    await must(service, opened.id, 'T1', { type: 'step.submit', entries: { 'TR-1': { points: '18' } } });
    await shows(employee, []);
    expect(root(employee).querySelector('.body .empty')?.textContent?.trim()).to.equal('No tasks.');
    // W-TR: the lateral rating (TR-3) follows the self-evaluation; the rater opens it with the pointer
    await shows(rater, [opened.id]);
    const rated = rowOf(rater, opened.id) as HTMLElement;
    expect(cell(rated, 'step')).to.equal('Lateral rating');
    const [x, y] = onScreen(rater, rated);
    await sendMouse({ type: 'click', position: [x, y] });
    await waitUntil(() => root(rater).querySelector('#detail-heading')?.textContent === 'Zhang Wei · 2026-10 · Lateral rating',
      `the pane's heading: ${root(rater).querySelector('#detail-heading')?.textContent}`, { timeout: 4000 });
    expect(notices).to.deep.equal([{ type: 'changed', appraisalId: opened.id }]);
    stop();
  });

  it('says its list is busy while the service reads the tasks, and no longer once they are listed', async () => {
    const store = new MemoryStore();
    await store.putRubric(salesRubric);
    const service = createService({ store, directory, assignments: { salesperson: { rubric: 'R-SP', chain: 'W-SP' } }, clock: () => NOW });
    const s1 = await atFirstReview(service, 'S1', 'R1', '2026-10', 2);
    let answer: () => void = () => undefined;
    const held = new Promise<void>((resolve) => { answer = resolve; });
    const slow = { ...interfaceOnly(service, []), tasks: async (...args: Parameters<KaoheService['tasks']>) => { await held; return service.tasks(...args); } } as KaoheService;
    const vp = await fixture<KaoheInbox>(html`<kaohe-inbox locale="en" .service=${slow} .directory=${directory} .now=${NOW} user-id="V1"></kaohe-inbox>`);
    const grid = () => root(vp).querySelector('[role="grid"]') as HTMLElement;
    expect(grid().getAttribute('aria-busy')).to.equal('true');
    expect(root(vp).querySelector('.empty')?.textContent).to.equal('Loading tasks…');
    answer();
    await shows(vp, [s1]);
    expect(grid().hasAttribute('aria-busy')).to.equal(false);
  });
});
