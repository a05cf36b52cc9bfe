import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { Decimal, loadRubric } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import type { Entry, Rubric } from '@kaohe/scoring';
import { IdbStore, MemoryStore } from '@kaohe/store';
import type { KaoheStore } from '@kaohe/store';
import { act, chainPresets, openAppraisal, openingAudit } from '@kaohe/workflow';
import type { AppraisalRecord, Directory, WorkflowAction } from '@kaohe/workflow';
import '../src/register.ts';
import { KaoheInbox } from '../src/kaohe-inbox/kaohe-inbox.ts';
import { KaoheApproveRequestEvent } from '../src/kaohe-inbox/inbox-events.ts';
import type { InboxRow } from '../src/kaohe-inbox/inbox-rows.ts';

KaoheInbox.define('kaohe-inbox');

// ---- the demo's setting: a small sales company ----

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
    { id: 'S4', name: 'Lin Zhiwei', number: 'E1004', roles: ['salesperson'], region: 'south', managerId: 'R2' },
  ],
};
const salesRubric = loadRubric(rubricPresets['R-SP']);
const managerRubric = loadRubric(rubricPresets['R-RM']);
const rubrics: Record<string, Rubric> = {
  [`${salesRubric.id}@${salesRubric.version}`]: salesRubric,
  [`${managerRubric.id}@${managerRubric.version}`]: managerRubric,
};

/** No absent days: the regional manager records the month's attendance with the scores (a new sheet has none). */
const NO_ABSENCE = { absentDays: '0' };

/** A salesperson's month as the regional manager scores it; `dealerLate` varies the score (SP-D1). */
function salesEntries(dealerLate: number): Record<string, Entry> {
  return {
    'SP-D1': { count: dealerLate }, 'SP-D2': { count: 0 }, 'SP-D3': { count: 0 }, 'SP-D4': { count: 0 }, 'SP-D5': { count: 0 }, 'SP-D6': { count: 0 },
    'SP-W': { breached: false }, 'SP-W1': { breached: false }, 'SP-W2': { breached: false }, 'SP-W3': { count: 0 }, 'SP-W4': { count: 0 },
    'SP-M': { breached: false }, 'SP-Q': { points: '5' }, 'SP-A': { count: 0 }, 'SP-P': { count: 0 }, 'SP-E': { count: 0 }, 'SP-V': { breached: false },
  };
}

async function write(store: KaoheStore, record: AppraisalRecord, actor: string, action: WorkflowAction): Promise<AppraisalRecord> {
  const chain = chainPresets[record.chainId as keyof typeof chainPresets];
  const result = act(record, action, { actor, directory, chain, now: NOW });
  if (!result.ok) throw new Error(`${actor} ${action.type}: ${result.reason.message}`);
  return store.putAppraisal(result.record, { expectedRevision: record.revision, audit: result.audit });
}

async function open(store: KaoheStore, employee: string, period: string, rubric: Rubric, chainId: 'W-SP' | 'W-RM'): Promise<AppraisalRecord> {
  const opened = openAppraisal({ employee, period, rubric: { id: rubric.id, version: rubric.version }, chain: chainPresets[chainId], directory, now: NOW });
  // workflow opens at revision 0; the store counts "not stored" as 0 and takes the first write as 1.
  const record = { ...opened, revision: 1 };
  return store.putAppraisal(record, { expectedRevision: 0, audit: [openingAudit(record)] });
}

/** A salesperson's appraisal scored by their regional manager and summarised by sales planning: the VP's turn. */
async function atFirstReview(store: KaoheStore, employee: string, manager: string, period: string, dealerLate: number): Promise<AppraisalRecord> {
  let record = await open(store, employee, period, salesRubric, 'W-SP');
  record = await write(store, record, manager, { type: 'step.submit', entries: salesEntries(dealerLate), attendance: NO_ABSENCE });
  return write(store, record, 'P2', { type: 'step.submit' });
}

/** The VP's month: three salespeople and one regional manager waiting for first review. */
async function vpMonth(store: KaoheStore): Promise<void> {
  await atFirstReview(store, 'S1', 'R1', '2026-10', 2);
  await atFirstReview(store, 'S2', 'R1', '2026-11', 0);
  await atFirstReview(store, 'S3', 'R2', '2026-10', 1);
  const manager = await open(store, 'R2', '2026-10', managerRubric, 'W-RM');
  await write(store, manager, 'P1', { type: 'step.submit', entries: { 'RM-2': { points: '8' } }, attendance: NO_ABSENCE });
}

async function inboxFor(store: KaoheStore, userId: string): Promise<KaoheInbox> {
  const el = await fixture<KaoheInbox>(html`<kaohe-inbox locale="en" .store=${store} .directory=${directory} .rubrics=${rubrics}
    .now=${NOW} user-id=${userId}></kaohe-inbox>`);
  await el.loaded;
  await el.updateComplete;
  return el;
}

const root = (el: KaoheInbox) => el.shadowRoot as ShadowRoot;
const rows = (el: KaoheInbox) => [...root(el).querySelectorAll<HTMLElement>('.body [role="row"][data-id]')];
const rowOf = (el: KaoheInbox, id: string) => root(el).querySelector<HTMLElement>(`.body [role="row"][data-id="${id}"]`);
const cell = (row: HTMLElement, column: string) => row.querySelector(`[data-column="${column}"]`)?.textContent?.trim() ?? '';
const grid = (el: KaoheInbox) => root(el).querySelector<HTMLElement>('[role="grid"]') as HTMLElement;
const live = (el: KaoheInbox) => root(el).querySelector('[role="status"]')?.textContent ?? '';

async function rowCount(el: KaoheInbox, n: number): Promise<void> {
  await waitUntil(() => rows(el).length === n, `expected ${n} rows, saw ${rows(el).length}`, { timeout: 4000 });
}

/** Waits until exactly these tasks are shown (the list re-renders a frame later). */
async function shows(el: KaoheInbox, ids: string[]): Promise<void> {
  const seen = () => rows(el).map((row) => row.dataset.id).sort().join(',');
  await waitUntil(() => seen() === [...ids].sort().join(','), `expected ${ids.join(', ')}, saw ${seen()}`, { timeout: 4000 });
}

/** Real key presses through the test runner's browser (puppeteer), not synthetic events. */
async function sendKeys(payload: { press: string } | { type: string }): Promise<void> {
  const sessionId = new URL(location.href).searchParams.get('wtr-session-id');
  const url = '/__web-dev-server__web-socket.js';
  const socket = await import(url) as { sendMessageWaitForResponse(message: unknown): Promise<{ executed?: boolean }> };
  const response = await socket.sendMessageWaitForResponse({ type: 'wtr-command', sessionId, command: 'send-keys', payload });
  if (!response.executed) throw new Error('the test runner did not press the keys');
}

function select(el: KaoheInbox, name: string, value: string): void {
  const menu = root(el).querySelector<HTMLSelectElement>(`select[name="${name}"]`) as HTMLSelectElement;
  menu.value = value;
  menu.dispatchEvent(new Event('change'));
}

function search(el: KaoheInbox, text: string): void {
  const box = root(el).querySelector<HTMLInputElement>('input[name="search"]') as HTMLInputElement;
  box.value = text;
  box.dispatchEvent(new Event('input'));
}

describe('kaohe-inbox', () => {
  beforeEach(() => localStorage.clear());

  it('a VP sees the four appraisals waiting for first review, each with employee, role, region, period, step, due date, monthly score and state', async () => {
    const store = new MemoryStore();
    await vpMonth(store);
    const el = await inboxFor(store, 'V1');
    await rowCount(el, 4);

    const wang = rowOf(el, '2026-10:S1') as HTMLElement;
    // SP-D1: two late dealer reports, −5 each, so daily work is 90; no absence, attendance 100;
    // C-1: 90 × 70% + 100 × 30% = 93.00.
    const expected = '93.00';
    expect(cell(wang, 'employee')).to.contain('Wang Xiaoming').and.contain('E1001');
    expect(cell(wang, 'role')).to.equal('Salesperson');
    expect(cell(wang, 'region')).to.equal('north');
    expect(cell(wang, 'period')).to.equal('2026-10');
    expect(cell(wang, 'step')).to.equal('Sales VP first review');
    // rules.md §4: sales appraisal forms reach HR before the 8th, so first review is due the 7th — overdue on the 10th.
    expect(cell(wang, 'due')).to.equal('Nov 7, 2026 overdue');
    expect(cell(wang, 'score')).to.equal(expected);
    expect(cell(wang, 'state')).to.equal('In review');
    expect(cell(rowOf(el, '2026-11:S2') as HTMLElement, 'due')).to.equal('Dec 7, 2026');

    const counts = root(el).querySelector('[part="counts"]')?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(counts).to.contain('4 of 4 tasks shown').and.contain('In review: 4');

    const planner = await inboxFor(store, 'P2');
    expect(planner.taskCount).to.equal(0);
    expect(root(planner).querySelector('.empty')?.textContent).to.equal('No tasks.');
  });

  it('filters by region, role and overdue, searches by name or employee number, sorts by a column, and keeps that view after a reload', async () => {
    const store = new MemoryStore();
    await vpMonth(store);
    let el = await inboxFor(store, 'V1');
    await rowCount(el, 4);

    select(el, 'region', 'north');
    await rowCount(el, 2);
    expect(rows(el).map((row) => row.dataset.id)).to.have.members(['2026-10:S1', '2026-11:S2']);
    select(el, 'region', '');
    select(el, 'role', 'regionalManager');
    await rowCount(el, 1);
    expect(cell(rows(el)[0] as HTMLElement, 'employee')).to.contain('South Manager Wu');
    select(el, 'role', '');

    const overdue = root(el).querySelector<HTMLInputElement>('input[name="overdue"]') as HTMLInputElement;
    overdue.click();
    await rowCount(el, 3);
    expect(rows(el).every((row) => cell(row, 'due').includes('overdue'))).to.equal(true);
    overdue.click();

    search(el, 'e1003');
    await shows(el, ['2026-10:S3']);
    expect(cell(rows(el)[0] as HTMLElement, 'employee')).to.contain('Chen Meiling');
    search(el, 'jianguo');
    await shows(el, ['2026-11:S2']);
    expect(cell(rows(el)[0] as HTMLElement, 'employee')).to.contain('Li Jianguo');
    search(el, '');
    await rowCount(el, 4);

    const header = root(el).querySelector<HTMLElement>('[role="columnheader"][data-column="score"]') as HTMLElement;
    header.querySelector('button')?.click();
    await el.updateComplete;
    expect(header.getAttribute('aria-sort')).to.equal('ascending');
    const scores = () => rows(el).map((row) => new Decimal(cell(row, 'score').split(' ')[0] as string));
    await waitUntil(() => scores().every((score, i, all) => i === 0 || (all[i - 1] as Decimal).lte(score)), 'scores ascending');
    header.querySelector('button')?.click();
    await el.updateComplete;
    expect(header.getAttribute('aria-sort')).to.equal('descending');
    await waitUntil(() => scores().every((score, i, all) => i === 0 || (all[i - 1] as Decimal).gte(score)), 'scores descending');

    select(el, 'period', '2026-10');
    search(el, 'chen');
    await rowCount(el, 1);
    el.remove();

    el = await inboxFor(store, 'V1');
    await rowCount(el, 1);
    expect(root(el).querySelector<HTMLInputElement>('input[name="search"]')?.value).to.equal('chen');
    expect(root(el).querySelector<HTMLSelectElement>('select[name="period"]')?.value).to.equal('2026-10');
    expect(root(el).querySelector('[data-column="score"]')?.getAttribute('aria-sort')).to.equal('descending');

    // The view belongs to the user: the HR reviewer's inbox starts unfiltered.
    const other = await inboxFor(store, 'H1');
    expect(root(other).querySelector<HTMLInputElement>('input[name="search"]')?.value).to.equal('');
  });

  it('with the keyboard alone a VP approves one task with `a` and returns another with `r` and a comment; Escape gives focus back to the row', async () => {
    const store = new MemoryStore();
    await vpMonth(store);
    const el = await inboxFor(store, 'V1');
    await rowCount(el, 4);
    const first = el.visibleTasks[0]?.id as string;
    const second = el.visibleTasks[1]?.id as string;

    grid(el).focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(grid(el).getAttribute('aria-activedescendant')).to.equal(rowOf(el, first)?.id);

    // Enter opens the task and its heading takes focus; Escape closes and returns to the row.
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root(el).activeElement?.id === 'detail-heading', 'the pane heading has focus');
    expect(root(el).querySelector('#detail-heading')?.textContent).to.contain(el.visibleTasks[0]?.employeeName as string);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => root(el).activeElement === grid(el), 'focus is back on the list');
    expect(grid(el).getAttribute('aria-activedescendant')).to.equal(rowOf(el, first)?.id);

    await sendKeys({ press: 'a' });
    await rowCount(el, 3);
    const approved = await store.getAppraisal(first) as AppraisalRecord;
    expect(approved.step).to.equal('secondReview');
    expect(live(el)).to.contain('Approve').and.contain('Task left the list');

    // The next task moved up under the cursor; `r` opens it with the return comment box focused.
    expect(grid(el).getAttribute('aria-activedescendant')).to.equal(rowOf(el, second)?.id);
    await sendKeys({ press: 'r' });
    await waitUntil(() => root(el).activeElement?.id === 'return-comment', 'the return comment box has focus');

    // A return without a comment is refused before anything is written.
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root(el).querySelector('.pane .message')?.textContent?.includes('needs a comment') === true);
    expect((await store.getAppraisal(second))?.step).to.equal('firstReview');

    await waitUntil(() => root(el).activeElement?.id === 'return-comment');
    await sendKeys({ type: 'SP-D1 count does not match the dealer reports' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await rowCount(el, 2);
    const returned = await store.getAppraisal(second) as AppraisalRecord;
    const audit = await store.listAudit(second);
    expect(returned.step).to.equal('score');
    expect(audit.at(-1)?.action).to.equal('step.return');
    expect(audit.at(-1)?.comment).to.equal('SP-D1 count does not match the dealer reports');
    expect(root(el).querySelector('.pane')).to.equal(null);
  });

  it('opening a task reads its whole view: heading, rubric form and history, where the row held none of them', async () => {
    const store = new MemoryStore();
    await vpMonth(store);
    const el = await inboxFor(store, 'V1');
    await rowCount(el, 4);
    // the list's row is the task row: no sheet, no comments, no history
    const listed = el.visibleTasks.find((row) => row.id === '2026-10:S1');
    expect(listed && 'sheet' in listed.appraisal).to.equal(false);
    await el.open('2026-10:S1');
    await el.updateComplete;
    const pane = root(el).querySelector('.pane') as HTMLElement;
    expect(pane.querySelector('#detail-heading')?.textContent).to.contain('Wang Xiaoming').and.contain('Sales VP first review');
    expect(pane.querySelector('kaohe-rubric-form')?.mode).to.equal('review');
    // Opened by the system, scored by the regional manager, summarised by sales planning.
    const history = [...pane.querySelectorAll<HTMLElement>('.history li')].map((li) => li.dataset.action);
    expect(history).to.deep.equal(['appraisal.open', 'step.submit', 'step.submit']);
    expect(pane.querySelector('button[data-action="step.approve"]')).to.not.equal(null);
  });

  it('passes axe-core with the list and with a task open', async () => {
    const store = new MemoryStore();
    await vpMonth(store);
    const el = await inboxFor(store, 'V1');
    await rowCount(el, 4);
    await expect(el).to.be.accessible();
    await el.open('2026-10:S1');
    await el.updateComplete;
    await waitUntil(() => root(el).querySelector('kaohe-rubric-form') !== null);
    await expect(el).to.be.accessible();
  });

  it('offers in bulk only the actions common to every selected task', async () => {
    const store = new MemoryStore();
    let atHr = await atFirstReview(store, 'S1', 'R1', '2026-10', 0);
    atHr = await write(store, atHr, 'V1', { type: 'step.approve' });
    let toPublish = await atFirstReview(store, 'S2', 'R1', '2026-10', 0);
    toPublish = await write(store, toPublish, 'V1', { type: 'step.approve' });
    await write(store, toPublish, 'H1', { type: 'step.approve' });
    const el = await inboxFor(store, 'H1');
    await rowCount(el, 2);
    const bulkButtons = () => [...root(el).querySelectorAll<HTMLButtonElement>('[part="bulk"] button[data-bulk]')].map((b) => b.dataset.bulk);

    (root(el).querySelector('input[name="select-all"]') as HTMLInputElement).click();
    await el.updateComplete;
    // HR's second review approves; the publish step publishes: nothing is common to both.
    expect(bulkButtons()).to.deep.equal([]);
    expect(root(el).querySelector('[part="bulk"]')?.textContent).to.contain('no action in common');

    (rowOf(el, atHr.id)?.querySelector('input[type="checkbox"]') as HTMLInputElement).click();
    await el.updateComplete;
    expect(bulkButtons()).to.deep.equal(['appraisal.publish']);
  });

  it('a bulk approval shows its progress and lists, per employee, what the host refused; the rest leave the list', async () => {
    const store = new MemoryStore();
    await vpMonth(store);
    const el = await inboxFor(store, 'V1');
    await rowCount(el, 4);
    el.addEventListener('kaohe-approve-request', (event) => {
      expect(event).to.be.instanceOf(KaoheApproveRequestEvent);
      expect(event.bulk).to.equal(true);
      if (event.appraisal.employeeId === 'S3') event.preventDefault();
    });
    (root(el).querySelector('input[name="select-all"]') as HTMLInputElement).click();
    await el.updateComplete;
    (root(el).querySelector('[part="bulk"] button[data-bulk="step.approve"]') as HTMLButtonElement).click();
    await waitUntil(() => live(el).includes('Approve 3 of 4'), 'the run finished');
    const progress = root(el).querySelector('progress') as HTMLProgressElement;
    expect(progress.value).to.equal(4);
    expect(progress.max).to.equal(4);
    const failures = [...root(el).querySelectorAll('.failures li')].map((li) => li.textContent?.trim());
    expect(failures).to.deep.equal(['Chen Meiling: The host page did not allow this action.']);
    await rowCount(el, 1);
    expect(rows(el)[0]?.dataset.id).to.equal('2026-10:S3');
    expect((await store.getAppraisal('2026-10:S3'))?.step).to.equal('firstReview');
  });

  it('a large month lists its first page before the rest is read, says how many are loaded meanwhile, and counts every state once whole', async () => {
    const TASKS = 120;
    const store = new MemoryStore();
    const people = Array.from({ length: TASKS }, (_, i) => ({
      id: `Y${1000 + i}`, name: `Seller ${i}`, number: `N${1000 + i}`, roles: ['salesperson'], region: 'north', managerId: 'R1',
    }));
    const reviewers = directory.people.filter((person) => !person.roles.includes('salesperson'));
    const chain = chainPresets['W-SP'];
    for (const person of people) {
      const local: Directory = { people: [...reviewers, person] };
      let record: AppraisalRecord = { ...openAppraisal({ employee: person, period: '2026-10', rubric: { id: salesRubric.id, version: salesRubric.version }, chain, directory: local, now: NOW }), revision: 1 };
      // Every third one waits at the VP's first review; the rest are still with the regional manager.
      if (people.indexOf(person) % 3 === 0) {
        for (const [actor, action] of [['R1', { type: 'step.submit', entries: salesEntries(0), attendance: NO_ABSENCE }], ['P2', { type: 'step.submit' }]] as const) {
          const result = act(record, action, { actor, directory: local, chain, now: NOW });
          if (!result.ok) throw new Error(result.reason.message);
          record = result.record;
        }
      }
      await store.putAppraisal({ ...record, revision: 1 }, { expectedRevision: 0 });
    }
    // The regional manager's inbox lists the 80 still to score. Every page after the first is held back.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const listTasks = store.listTasks.bind(store);
    let pages = 0;
    store.listTasks = async (...args) => {
      if (pages++ > 0) await gate;
      return listTasks(...args);
    };
    const el = await fixture<KaoheInbox>(html`<kaohe-inbox locale="en" .store=${store} .directory=${{ people: [...reviewers, ...people] }}
      .rubrics=${rubrics} .now=${NOW} user-id="R1"></kaohe-inbox>`);
    const counts = () => root(el).querySelector('[part="counts"]')?.textContent?.replace(/\s+/g, ' ') ?? '';
    await waitUntil(() => rows(el).length > 0 && counts().includes('Loading'), 'the first page is listed while the rest is read');
    expect(el.taskCount).to.equal(50);
    // The store counts the tasks beside the first page, so the note says how far the reading is.
    await waitUntil(() => counts().includes('Loading 50 of 80 tasks'), `the loading note counts the whole, saw "${counts()}"`);

    release();
    await el.loaded;
    await waitUntil(() => !counts().includes('Loading'), 'the loading note goes once every task is read');
    expect(el.taskCount).to.equal(80);
    expect(counts()).to.contain('80 of 80 tasks shown').and.contain('Open: 80');
  });

  it('with 2,000 tasks only a screenful of rows is in the page, and End takes the keyboard to the last task, scrolled into view', async () => {
    const TASKS = 2000;
    const store = new MemoryStore();
    const reviewers = directory.people.filter((person) => !person.roles.includes('salesperson'));
    const salespeople = Array.from({ length: TASKS }, (_, i) => ({
      id: `X${10_000 + i}`, name: `Salesperson ${i}`, number: `E${10_000 + i}`, roles: ['salesperson'], region: i % 2 ? 'north' : 'south', managerId: i % 2 ? 'R1' : 'R2',
    }));
    const chain = chainPresets['W-SP'];
    for (const person of salespeople) {
      // Routing needs only the people around the employee; each record is written once, at the VP's step.
      const local: Directory = { people: [...reviewers, person] };
      let record: AppraisalRecord = { ...openAppraisal({ employee: person, period: '2026-10', rubric: { id: salesRubric.id, version: salesRubric.version }, chain, directory: local, now: NOW }), revision: 1 };
      for (const [actor, action] of [[person.managerId, { type: 'step.submit', entries: salesEntries(0), attendance: NO_ABSENCE }], ['P2', { type: 'step.submit' }]] as const) {
        const result = act(record, action, { actor, directory: local, chain, now: NOW });
        if (!result.ok) throw new Error(result.reason.message);
        record = result.record;
      }
      await store.putAppraisal({ ...record, revision: 1 }, { expectedRevision: 0 });
    }
    const el = await fixture<KaoheInbox>(html`<kaohe-inbox locale="en" .store=${store} .directory=${{ people: [...reviewers, ...salespeople] }}
      .rubrics=${rubrics} .now=${NOW} user-id="V1"></kaohe-inbox>`);
    await el.updateComplete;
    await el.loaded;
    await waitUntil(() => rows(el).length > 0, 'the first rows are on screen');
    expect(el.taskCount).to.equal(TASKS);
    expect(root(el).querySelector('[part="counts"]')?.textContent).to.contain(`${TASKS} of ${TASKS} tasks shown`);
    // Screen readers learn the size from the grid, not from the rows in the page: the header row and 2,000 tasks.
    expect(grid(el).getAttribute('aria-rowcount')).to.equal(String(TASKS + 1));
    const screenful = Math.ceil(grid(el).clientHeight / 40);
    expect(rows(el).length).to.be.within(screenful, screenful + 14);
    expect(rows(el).map((row) => Number(row.getAttribute('aria-rowindex')))).to.include.members([2, 3, 4]);

    grid(el).focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'End' });
    const last = el.visibleTasks[TASKS - 1] as InboxRow;
    const active = () => root(el).getElementById(grid(el).getAttribute('aria-activedescendant') ?? '');
    await waitUntil(() => active()?.dataset.id === last.id, 'the last task is the active row');
    expect(active()?.getAttribute('aria-rowindex')).to.equal(String(TASKS + 1));
    // The last row is on screen, within the list's box, and the page still holds only a screenful.
    await waitUntil(() => {
      const box = grid(el).getBoundingClientRect();
      const row = active()?.getBoundingClientRect();
      return row !== undefined && row.top >= box.top && row.bottom <= box.bottom + 1;
    }, 'the last row is scrolled into view');
    expect(cell(active() as HTMLElement, 'employee')).to.contain(last.employeeName);
    expect(rows(el).length).to.be.below(screenful + 16);

    await sendKeys({ press: 'Home' });
    await waitUntil(() => active()?.dataset.id === el.visibleTasks[0]?.id && grid(el).scrollTop === 0, 'Home goes back to the first task');

    // Scrolled with the wheel or the scrollbar to the middle, the tasks at that height are in the page (and only those, besides the active one).
    grid(el).scrollTop = 1000 * 40;
    await waitUntil(() => rows(el).some((row) => row.getAttribute('aria-rowindex') === '1002'), 'the 1,001st task is rendered where the list was scrolled to');
    expect(rows(el).length).to.be.below(screenful + 16);
  });

  describe('live, with a second store instance on the same IndexedDB database (another tab)', () => {
    let stores: IdbStore[] = [];
    afterEach(async () => {
      for (const store of stores) await store.close();
      stores = [];
    });

    it('a task approved in another tab leaves the list and a newly summarised one arrives, without a reload', async () => {
      const name = `kaohe-inbox-live-${Date.now()}`;
      const here = await IdbStore.open(name);
      const there = await IdbStore.open(name);
      stores = [here, there];
      const wang = await atFirstReview(here, 'S1', 'R1', '2026-10', 1);
      let lin = await open(here, 'S4', '2026-10', salesRubric, 'W-SP');
      lin = await write(here, lin, 'R2', { type: 'step.submit', entries: salesEntries(0), attendance: NO_ABSENCE });
      const el = await inboxFor(here, 'V1');
      await rowCount(el, 1);

      await write(there, wang, 'V1', { type: 'step.approve' });
      await rowCount(el, 0);
      await waitUntil(() => live(el).includes('Task left the list'), 'the change is announced');

      await write(there, lin, 'P2', { type: 'step.submit' });
      await rowCount(el, 1);
      expect(rows(el)[0]?.dataset.id).to.equal(lin.id);
      await waitUntil(() => live(el).includes('A new task arrived'));
    });

    it('HR opens 500 appraisals for the VP in another tab in one batch, with one of the VP\'s approved and one redrafted: all 500 arrive, one leaves, one rescored, read in pages rather than 500 single reads', async () => {
      const NEW = 500;
      const name = `kaohe-inbox-burst-${Date.now()}`;
      const here = await IdbStore.open(name);
      const there = await IdbStore.open(name);
      stores = [here, there];
      await vpMonth(here);
      const newcomers = Array.from({ length: NEW }, (_, i) => ({
        id: `Z${1000 + i}`, name: `New Seller ${i}`, number: `N${1000 + i}`, roles: ['salesperson'], region: 'east', managerId: 'R1',
      }));
      const people: Directory = { people: [...directory.people, ...newcomers] };
      const el = await fixture<KaoheInbox>(html`<kaohe-inbox locale="en" .store=${here} .directory=${people} .rubrics=${rubrics}
        .now=${NOW} user-id="V1"></kaohe-inbox>`);
      await el.loaded;
      await waitUntil(() => el.taskCount === 4, 'the VP\'s four tasks are listed');
      const counts = () => root(el).querySelector('[part="counts"]')?.textContent?.replace(/\s+/g, ' ') ?? '';
      let singleReads = 0;
      const getAppraisal = here.getAppraisal.bind(here);
      here.getAppraisal = async (id: string) => {
        singleReads++;
        return getAppraisal(id);
      };

      const chain = chainPresets['W-SP'];
      const reviewers = directory.people.filter((person) => !person.roles.includes('salesperson'));
      const writes = newcomers.map((person) => {
        const local: Directory = { people: [...reviewers, person] };
        let record: AppraisalRecord = { ...openAppraisal({ employee: person, period: '2026-11', rubric: { id: salesRubric.id, version: salesRubric.version }, chain, directory: local, now: NOW }), revision: 1 };
        for (const [actor, action] of [['R1', { type: 'step.submit', entries: salesEntries(1), attendance: NO_ABSENCE }], ['P2', { type: 'step.submit' }]] as const) {
          const result = act(record, action, { actor, directory: local, chain, now: NOW });
          if (!result.ok) throw new Error(result.reason.message);
          record = result.record;
        }
        return { record: { ...record, revision: 1 }, expectedRevision: 0 };
      });
      const acted = async (id: string, action: WorkflowAction) => {
        const record = await there.getAppraisal(id) as AppraisalRecord;
        const result = act(record, action, { actor: 'V1', directory, chain, now: NOW });
        if (!result.ok) throw new Error(result.reason.message);
        return { record: result.record, expectedRevision: record.revision, audit: result.audit };
      };
      const approved = await acted('2026-10:S1', { type: 'step.approve' });
      const redrafted = await acted('2026-10:S3', { type: 'draft.save', entries: { 'SP-D1': { count: 4 } } });
      const before = cell(rowOf(el, '2026-10:S3') as HTMLElement, 'score');
      await there.putAppraisals([...writes, approved, redrafted]);

      await waitUntil(() => el.taskCount === 4 + NEW - 1, `the 500 new tasks arrive and one leaves; listed ${el.taskCount}`, { timeout: 8000 });
      await waitUntil(() => counts().includes(`${4 + NEW - 1} of ${4 + NEW - 1} tasks shown`), `the counts follow, saw "${counts()}"`);
      expect(el.visibleTasks.some((row) => row.id === '2026-10:S1')).to.equal(false);
      expect(el.visibleTasks.filter((row) => row.id.startsWith('2026-11:Z'))).to.have.length(NEW);
      // SP-D1: four late dealer reports instead of one (work 95 → 80), so the VP sees 96.50 become
      // 80 × 70% + 100 × 30% = 86.00 for Chen Meiling (C-1).
      const expected = '86.00';
      expect(before).to.equal('96.50');
      await waitUntil(() => el.visibleTasks.find((row) => row.id === '2026-10:S3')?.score?.monthly === expected, 'the redrafted task is scored again');
      expect(live(el)).to.contain('Task left the list');
      expect(singleReads).to.be.below(10);
    });
  });
});
