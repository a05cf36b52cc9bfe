// W-SP end to end in Chromium, through the approval inbox on IndexedDB: a salesperson's month is
// scored by the regional manager, summarised by sales planning, reviewed by the VP and HR and
// published (rules.md §3), with a return, a bulk approval and two reviewers racing on one task.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { loadRubric } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import type { Entry, Rubric } from '@kaohe/scoring';
import { IdbStore } from '@kaohe/store';
import type { KaoheStore } from '@kaohe/store';
import { act, chainPresets, openAppraisal, openingAudit } from '@kaohe/workflow';
import type { AppraisalRecord, Directory, Person, WorkflowAction } from '@kaohe/workflow';
import type { KaoheRubricForm } from '@kaohe/elements';
// The inbox is not re-exported from @kaohe/elements yet (the lead adds it to index.ts / register.ts).
import '../../packages/elements/src/register.ts';
import { KaoheInbox } from '../../packages/elements/src/kaohe-inbox/kaohe-inbox.ts';


KaoheInbox.define('kaohe-inbox');
// TanStack Virtual (the list's virtualizer) reads process.env.NODE_ENV, which every bundler replaces
// (the embed build defines it); the test server serves modules unbundled, so the page is given it here.
(globalThis as { process?: unknown }).process ??= { env: { NODE_ENV: 'production' } };

const NOW = '2026-11-03T09:00:00.000Z';
const PERIOD = '2026-10';
const chain = chainPresets['W-SP'];
const rubric = loadRubric(rubricPresets['R-SP']);
const rubrics: Record<string, Rubric> = { [`${rubric.id}@${rubric.version}`]: rubric };

const reviewers: Person[] = [
  { id: 'RM', name: 'North Manager Zhou', roles: ['regionalManager'], region: 'north', managerId: 'VP' },
  { id: 'SP1', name: 'Planner Li', roles: ['salesPlanning'], managerId: 'VP' },
  { id: 'VP', name: 'Vice President Zhao', roles: ['vp'] },
  { id: 'HR', name: 'HR Qian', roles: ['hr'], managerId: 'VP' },
];
const salesperson: Person = { id: 'S1', name: 'Wang Xiaoming', number: 'E1001', roles: ['salesperson'], region: 'north', managerId: 'RM' };
const directory: Directory = { people: [...reviewers, salesperson] };

const entries: Record<string, Entry> = {
  'SP-D1': { count: 2, comment: 'terminal daily report late on the 9th and the 21st' }, 'SP-D2': { count: 0 }, 'SP-D3': { count: 0 },
  'SP-D4': { count: 0 }, 'SP-D5': { count: 0 }, 'SP-D6': { count: 0 },
  'SP-W': { breached: false }, 'SP-W1': { breached: false }, 'SP-W2': { breached: false }, 'SP-W3': { count: 1 }, 'SP-W4': { count: 0 },
  'SP-M': { breached: false }, 'SP-Q': { points: '4' }, 'SP-A': { count: 1 }, 'SP-P': { count: 0 }, 'SP-E': { count: 0 }, 'SP-V': { breached: false },
};

async function opened(store: KaoheStore, people: Directory, employee: string): Promise<AppraisalRecord> {
  const record = openAppraisal({ employee, period: PERIOD, rubric: { id: rubric.id, version: rubric.version }, chain, directory: people, now: NOW, openedBy: 'HR' });
  const first = { ...record, revision: 1 };
  return store.putAppraisal(first, { expectedRevision: 0, audit: [openingAudit(first)] });
}

async function write(store: KaoheStore, people: Directory, record: AppraisalRecord, actor: string, action: WorkflowAction): Promise<AppraisalRecord> {
  const result = act(record, action, { actor, directory: people, chain, now: NOW });
  if (!result.ok) throw new Error(`${actor} ${action.type}: ${result.reason.message}`);
  return store.putAppraisal(result.record, { expectedRevision: record.revision, audit: result.audit });
}

async function inbox(store: KaoheStore, people: Directory, userId: string): Promise<KaoheInbox> {
  const el = await fixture<KaoheInbox>(html`<kaohe-inbox locale="en" .store=${store} .directory=${people} .rubrics=${rubrics}
    .now=${NOW} user-id=${userId}></kaohe-inbox>`);
  await el.loaded;
  return el;
}

const root = (el: KaoheInbox) => el.shadowRoot as ShadowRoot;
const pane = (el: KaoheInbox) => root(el).querySelector<HTMLElement>('.pane');
const form = (el: KaoheInbox) => root(el).querySelector<KaoheRubricForm>('kaohe-rubric-form');
const button = (el: KaoheInbox, action: string) => pane(el)?.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);
const live = (el: KaoheInbox) => root(el).querySelector('[role="status"]')?.textContent ?? '';

async function openTask(el: KaoheInbox, id: string): Promise<void> {
  await waitUntil(() => el.visibleTasks.some((row) => row.id === id), `${id} is in the list`, { timeout: 4000 });
  await el.open(id);
  await el.updateComplete;
}

async function press(el: KaoheInbox, action: string): Promise<void> {
  await waitUntil(() => button(el, action) !== null && button(el, action) !== undefined, `a ${action} button is offered`);
  (button(el, action) as HTMLButtonElement).click();
}

describe('W-SP through the approval inbox (rules.md §3)', () => {
  let stores: IdbStore[] = [];
  beforeEach(() => localStorage.clear());
  afterEach(async () => {
    for (const store of stores) await store.close();
    stores = [];
  });

  it('a salesperson\'s month goes RM → sales planning → VP → HR → published, with a return to the RM and a resubmission; each reviewer sees it only at their step', async () => {
    const store = await IdbStore.open(`kaohe-w-sp-${Date.now()}`);
    stores = [store];
    const record = await opened(store, directory, 'S1');
    const boxes = new Map<string, KaoheInbox>();
    for (const person of reviewers) boxes.set(person.id, await inbox(store, directory, person.id));
    const holders = () => [...boxes].filter(([, el]) => el.visibleTasks.some((row) => row.id === record.id)).map(([id]) => id);
    const onlyWith = async (userId: string) => {
      await waitUntil(() => holders().join() === userId, `only ${userId} should hold the task; held by [${holders().join()}]`, { timeout: 4000 });
    };
    const box = (id: string) => boxes.get(id) as KaoheInbox;

    // The regional manager scores in the rubric form (edit mode): what they typed earlier is their stored
    // draft, which the form restores as the task opens; the pane's Submit has the form check it, then sends it.
    await onlyWith('RM');
    await store.saveDraft({ appraisalId: record.id, userId: 'RM', entries, attendance: { absentDays: '1.5' }, baseRevision: record.revision, savedAt: NOW });
    await openTask(box('RM'), record.id);
    await waitUntil(() => form(box('RM')) !== null);
    expect(form(box('RM'))?.mode).to.equal('edit');
    await (form(box('RM')) as NonNullable<ReturnType<typeof form>>).storeSettled;
    expect(form(box('RM'))?.sheet.entries['SP-Q']).to.deep.equal({ points: '4' });
    await press(box('RM'), 'step.submit');
    await onlyWith('SP1');
    const afterScore = await store.getAppraisal(record.id) as AppraisalRecord;
    expect(afterScore.step).to.equal('summarise');
    expect(afterScore.sheet.entries['SP-D1']).to.deep.equal(entries['SP-D1']);
    expect(afterScore.sheet.attendance?.absentDays).to.equal('1.5');

    // Sales planning summarises: the form is for review, not for editing.
    await openTask(box('SP1'), record.id);
    expect(form(box('SP1'))?.mode).to.equal('review');
    await press(box('SP1'), 'step.submit');
    await onlyWith('VP');

    // The VP returns it to the regional manager with a comment.
    const vp = box('VP');
    await openTask(vp, record.id);
    const comment = pane(vp)?.querySelector<HTMLTextAreaElement>('#return-comment') as HTMLTextAreaElement;
    comment.value = 'SP-W3: two key-customer visits are recorded, the week report names three';
    comment.dispatchEvent(new Event('input'));
    const target = pane(vp)?.querySelector<HTMLSelectElement>('#return-to') as HTMLSelectElement;
    target.value = 'score';
    target.dispatchEvent(new Event('change'));
    await press(vp, 'step.return');
    await onlyWith('RM');
    await openTask(box('RM'), record.id);
    await waitUntil(() => pane(box('RM'))?.querySelector('.history li[data-action="step.return"]') != null, 'the return is in the history');
    expect(pane(box('RM'))?.querySelector('.history li[data-action="step.return"]')?.textContent)
      .to.contain('Vice President Zhao').and.contain('two key-customer visits');

    // The RM resubmits; the appraisal goes straight back to the VP who returned it, not to sales planning.
    await press(box('RM'), 'step.resubmit');
    await onlyWith('VP');
    await openTask(vp, record.id);
    await press(vp, 'step.approve');
    await onlyWith('HR');

    // HR's second review, then HR publishes (the form is read-only at the publish step).
    const hr = box('HR');
    await openTask(hr, record.id);
    await press(hr, 'step.approve');
    await waitUntil(async () => (await store.getAppraisal(record.id))?.step === 'publish');
    await openTask(hr, record.id);
    expect(form(hr)?.mode).to.equal('readonly');
    await press(hr, 'appraisal.publish');
    await waitUntil(() => holders().length === 0, 'nobody holds a published appraisal', { timeout: 4000 });

    const published = await store.getAppraisal(record.id) as AppraisalRecord;
    expect(published.status).to.equal('published');
    const audit = await store.listAudit(record.id);
    expect(audit.map((event) => `${event.actor} ${event.action}`)).to.deep.equal([
      'HR appraisal.open', 'RM step.submit', 'SP1 step.submit', 'VP step.return', 'RM step.resubmit', 'VP step.approve', 'HR step.approve', 'HR appraisal.publish',
    ]);
    expect(await store.verifyAudit()).to.deep.equal({ ok: true, count: audit.length });
  });

  it('the VP approves 50 salespeople in bulk: all 50 leave the list, progress reaches 50, the audit log has 50 approvals', async () => {
    const team: Person[] = Array.from({ length: 50 }, (_, i) => ({
      id: `B${String(i + 1).padStart(2, '0')}`, name: `Salesperson ${i + 1}`, number: `E2${String(i + 1).padStart(3, '0')}`,
      roles: ['salesperson'], region: 'north', managerId: 'RM',
    }));
    const people: Directory = { people: [...reviewers, ...team] };
    const store = await IdbStore.open(`kaohe-w-sp-bulk-${Date.now()}`);
    stores = [store];
    for (const person of team) {
      let record = await opened(store, people, person.id);
      record = await write(store, people, record, 'RM', { type: 'step.submit', entries });
      await write(store, people, record, 'SP1', { type: 'step.submit' });
    }
    const vp = await inbox(store, people, 'VP');
    expect(vp.taskCount).to.equal(50);

    (root(vp).querySelector('input[name="select-all"]') as HTMLInputElement).click();
    await vp.updateComplete;
    const approveAll = root(vp).querySelector<HTMLButtonElement>('[part="bulk"] button[data-bulk="step.approve"]') as HTMLButtonElement;
    expect(approveAll.textContent).to.contain('(50)');
    approveAll.click();
    await waitUntil(() => live(vp).includes('Approve 50 of 50'), 'the bulk run finished', { timeout: 20000 });

    const progress = root(vp).querySelector('progress') as HTMLProgressElement;
    expect([progress.value, progress.max]).to.deep.equal([50, 50]);
    expect(root(vp).querySelectorAll('.failures li').length).to.equal(0);
    expect(vp.taskCount).to.equal(0);
    const approvals = (await store.listAudit()).filter((event) => event.action === 'step.approve' && event.actor === 'VP');
    expect(approvals.length).to.equal(50);
    const stored = await store.listAppraisals({ limit: 100 });
    expect(stored.items.every((record) => record.step === 'secondReview')).to.equal(true);
  });

  it('two sales planners acting on one task at once: one is written, the other is told it changed and sees the stored record — never a lost update', async () => {
    const people: Directory = { people: [...directory.people, { id: 'SP2', name: 'Planner Ma', roles: ['salesPlanning'], managerId: 'VP' }] };
    const name = `kaohe-w-sp-race-${Date.now()}`;
    const tabA = await IdbStore.open(name);
    const tabB = await IdbStore.open(name);
    stores = [tabA, tabB];
    let record = await opened(tabA, people, 'S1');
    record = await write(tabA, people, record, 'RM', { type: 'step.submit', entries });

    const li = await inbox(tabA, people, 'SP1');
    const ma = await inbox(tabB, people, 'SP2');
    await openTask(li, record.id);
    await openTask(ma, record.id);
    await press(li, 'step.submit');
    (button(ma, 'step.submit') as HTMLButtonElement).click();

    // the slower planner is told who acted first and where the appraisal stands now
    const told = (el: KaoheInbox) => pane(el)?.querySelector('.message')?.textContent?.includes('acted on this appraisal after you opened it; it is now at "Sales VP first review"') === true;
    await waitUntil(() => [li, ma].some(told), 'the slower planner is told', { timeout: 6000 });
    const stored = await tabA.getAppraisal(record.id) as AppraisalRecord;
    expect(stored.revision).to.equal(record.revision + 1);
    expect(stored.step).to.equal('firstReview');
    const submits = (await tabA.listAudit(record.id)).filter((event) => event.action === 'step.submit' && event.actor.startsWith('SP'));
    expect(submits.length).to.equal(1);
    // The one who lost sees what is stored now, not their stale copy.
    const loser = [li, ma].find(told) as KaoheInbox;
    expect(pane(loser)?.querySelector('.message')?.textContent).to.contain(loser === li ? 'Planner Ma acted' : 'Planner Li acted');
    await waitUntil(() => loser.visibleTasks.length === 0, 'the task left the loser\'s list');
    expect(pane(loser)?.querySelector('#detail-heading')?.textContent).to.contain('Sales VP first review');
  });
});
