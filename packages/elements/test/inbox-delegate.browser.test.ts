// The inbox's delegate path: a reviewer lends a task to a colleague until a date (W-HEAD's "or an
// authorised person", a reviewer on leave). The delegate sees it, acts on it, and loses it after the date.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { loadRubric } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import type { Entry, Rubric } from '@kaohe/scoring';
import { MemoryStore } from '@kaohe/store';
import type { KaoheStore } from '@kaohe/store';
import { act, chainPresets, openAppraisal, openingAudit } from '@kaohe/workflow';
import type { AppraisalRecord, Delegation, Directory, WorkflowAction } from '@kaohe/workflow';
import '../src/register.ts';
import { KaoheInbox } from '../src/kaohe-inbox/kaohe-inbox.ts';
import type { KaoheDelegateRequestEvent } from '../src/kaohe-inbox/inbox-events.ts';


KaoheInbox.define('kaohe-inbox');

const NOW = '2026-11-10T09:00:00.000Z';
const UNTIL = '2026-11-20';
const AFTER = '2026-11-21T09:00:00.000Z';
const chain = chainPresets['W-SP'];
const rubric = loadRubric(rubricPresets['R-SP']);
const rubrics: Record<string, Rubric> = { [`${rubric.id}@${rubric.version}`]: rubric };

// HR Clerk Sun works in HR but holds no `hr` role: the chain routes HR's second review to Qian only,
// so whatever Sun sees of it comes from the delegation.
const people: Directory['people'] = [
  { id: 'V1', name: 'Vice President Zhao', roles: ['vp'] },
  { id: 'H1', name: 'HR Qian', roles: ['hr'], department: 'HR', managerId: 'V1' },
  { id: 'H2', name: 'HR Clerk Sun', roles: ['hrClerk'], department: 'HR', managerId: 'H1' },
  { id: 'P2', name: 'Planner Li', roles: ['salesPlanning'], managerId: 'V1' },
  { id: 'R1', name: 'North Manager Zhou', roles: ['regionalManager'], region: 'north', managerId: 'V1' },
  { id: 'S1', name: 'Wang Xiaoming', number: 'E1001', roles: ['salesperson'], region: 'north', managerId: 'R1' },
  { id: 'S2', name: 'Li Jianguo', number: 'E1002', roles: ['salesperson'], region: 'north', managerId: 'R1' },
];
const directory: Directory = { people };

const entries: Record<string, Entry> = {
  'SP-D1': { count: 1 }, 'SP-D2': { count: 0 }, 'SP-D3': { count: 0 }, 'SP-D4': { count: 0 }, 'SP-D5': { count: 0 }, 'SP-D6': { count: 0 },
  'SP-W': { breached: false }, 'SP-W1': { breached: false }, 'SP-W2': { breached: false }, 'SP-W3': { count: 0 }, 'SP-W4': { count: 0 },
  'SP-M': { breached: false }, 'SP-Q': { points: '5' }, 'SP-A': { count: 0 }, 'SP-P': { count: 0 }, 'SP-E': { count: 0 }, 'SP-V': { breached: false },
};

/** A salesperson's October, scored, summarised and approved by the VP: HR's second review is next (rules.md §3, W-SP). */
async function atSecondReview(store: KaoheStore, employee: string): Promise<AppraisalRecord> {
  const opened = openAppraisal({ employee, period: '2026-10', rubric: { id: rubric.id, version: rubric.version }, chain, directory, now: NOW });
  let record = await store.putAppraisal({ ...opened, revision: 1 }, { expectedRevision: 0, audit: [openingAudit({ ...opened, revision: 1 })] });
  const steps: Array<[string, WorkflowAction]> = [['R1', { type: 'step.submit', entries }], ['P2', { type: 'step.submit' }], ['V1', { type: 'step.approve' }]];
  for (const [actor, action] of steps) {
    const result = act(record, action, { actor, directory, chain, now: NOW });
    if (!result.ok) throw new Error(`${actor} ${action.type}: ${result.reason.message}`);
    record = await store.putAppraisal(result.record, { expectedRevision: record.revision, audit: result.audit });
  }
  return record;
}

async function inboxFor(store: KaoheStore, userId: string, people: Directory, now = NOW): Promise<KaoheInbox> {
  const el = await fixture<KaoheInbox>(html`<kaohe-inbox locale="en" .store=${store} .directory=${people} .rubrics=${rubrics}
    .now=${now} user-id=${userId}></kaohe-inbox>`);
  await el.loaded;
  await el.updateComplete;
  return el;
}

const root = (el: KaoheInbox) => el.shadowRoot as ShadowRoot;
const pane = (el: KaoheInbox) => root(el).querySelector<HTMLElement>('.pane');
const button = (el: KaoheInbox, action: string) => pane(el)?.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`) ?? null;
const listed = (el: KaoheInbox) => el.visibleTasks.map((row) => row.id).sort();

/** What a reviewer does in the pane: choose the colleague and the last day, then press Delegate. */
async function delegateInPane(el: KaoheInbox, id: string, to: string, until: string): Promise<void> {
  await el.open(id);
  await el.updateComplete;
  // The section is folded until asked for; its menu is built when it unfolds.
  const section = pane(el)?.querySelector<HTMLDetailsElement>('details.delegate') as HTMLDetailsElement;
  expect(pane(el)?.querySelector('#delegate-to')).to.equal(null);
  section.querySelector('summary')?.click();
  await waitUntil(() => pane(el)?.querySelector('#delegate-to') !== null, 'the delegate menu is built when the section unfolds');
  const who = pane(el)?.querySelector<HTMLSelectElement>('#delegate-to') as HTMLSelectElement;
  who.value = to;
  who.dispatchEvent(new Event('change'));
  const last = pane(el)?.querySelector<HTMLInputElement>('#delegate-until') as HTMLInputElement;
  last.value = until;
  last.dispatchEvent(new Event('change'));
  await el.updateComplete;
  expect(button(el, 'delegate')?.disabled).to.equal(false);
  button(el, 'delegate')?.click();
}

describe('kaohe-inbox delegation', () => {
  beforeEach(() => localStorage.clear());

  it('HR Qian lends two second reviews to HR Clerk Sun until the 20th: Sun sees both, approves one under the delegation, and after the 20th neither is in Sun\'s inbox', async () => {
    const store = new MemoryStore();
    const wang = await atSecondReview(store, 'S1');
    const li = await atSecondReview(store, 'S2');
    // The host as documented: it records every delegation the inbox asks for in its directory.
    const hostDirectory: Directory = { people, delegations: [] };
    const requests: Delegation[] = [];
    const recordDelegation = (event: KaoheDelegateRequestEvent) => {
      requests.push(event.delegation);
      hostDirectory.delegations = [...(hostDirectory.delegations ?? []), event.delegation];
    };
    const qian = await inboxFor(store, 'H1', hostDirectory);
    const sun = await inboxFor(store, 'H2', hostDirectory);
    expect(listed(qian)).to.deep.equal([wang.id, li.id].sort());
    expect(sun.taskCount).to.equal(0);
    qian.addEventListener('kaohe-delegate-request', recordDelegation);

    for (const record of [wang, li]) {
      await delegateInPane(qian, record.id, 'H2', UNTIL);
      await waitUntil(async () => (await store.getAppraisal(record.id))?.assignees.includes('H2') === true, `${record.id} is routed to Sun`);
    }
    expect(requests).to.deep.equal([
      { from: 'H1', to: 'H2', start: '2026-11-10', end: UNTIL },
      { from: 'H1', to: 'H2', start: '2026-11-10', end: UNTIL },
    ]);
    const lent = await store.getAppraisal(wang.id) as AppraisalRecord;
    expect(lent.step).to.equal('secondReview');
    const [delegatedEvent] = (await store.listAudit(wang.id)).slice(-1);
    expect(delegatedEvent?.actor).to.equal('H1');
    expect(delegatedEvent?.comment).to.equal('Delegated to HR Clerk Sun.');
    // The lender keeps the right as well (records.ts: Delegation).
    expect(listed(qian)).to.deep.equal([wang.id, li.id].sort());

    // Sun's open inbox hears the change and lists both, with the approve button of HR's second review.
    await waitUntil(() => listed(sun).join() === [wang.id, li.id].sort().join(), `Sun lists both; saw ${listed(sun).join()}`);
    await sun.open(wang.id);
    await sun.updateComplete;
    await waitUntil(() => button(sun, 'step.approve') !== null, 'Sun is offered the approval');
    button(sun, 'step.approve')?.click();
    await waitUntil(async () => (await store.getAppraisal(wang.id))?.step === 'publish', 'the approval is written');
    const approvedEvent = (await store.listAudit(wang.id)).at(-1);
    expect(approvedEvent?.action).to.equal('step.approve');
    expect(approvedEvent?.actor).to.equal('H2');

    // On the 21st the delegation has ended: Sun's inbox has neither task, Qian's still has both.
    const sunLater = await inboxFor(store, 'H2', hostDirectory, AFTER);
    expect(sunLater.taskCount).to.equal(0);
    expect(root(sunLater).querySelector('.empty')?.textContent).to.equal('No tasks.');
    const qianLater = await inboxFor(store, 'H1', hostDirectory, AFTER);
    expect(listed(qianLater)).to.deep.equal([wang.id, li.id].sort());
  });

  it('a host that does not record the delegation still lets the delegate approve: the appraisal carries it, and the chain still refuses it after the end date', async () => {
    const store = new MemoryStore();
    const wang = await atSecondReview(store, 'S1');
    const qian = await inboxFor(store, 'H1', directory);
    await delegateInPane(qian, wang.id, 'H2', UNTIL);
    await waitUntil(async () => (await store.getAppraisal(wang.id))?.assignees.includes('H2') === true, 'the task is routed to Sun');

    // After the end date the stored record still names Sun, but the chain does not let Sun act on it.
    const lent = await store.getAppraisal(wang.id) as AppraisalRecord;
    const late = act(lent, { type: 'step.approve' }, { actor: 'H2', directory, chain, now: AFTER, delegations: [{ from: 'H1', to: 'H2', start: '2026-11-10', end: UNTIL }] });
    expect(late.ok).to.equal(false);

    const sun = await inboxFor(store, 'H2', directory);
    expect(listed(sun)).to.deep.equal([wang.id]);
    await sun.open(wang.id);
    await sun.updateComplete;
    await waitUntil(() => button(sun, 'step.approve') !== null, 'Sun is offered the approval without the host\'s directory naming the delegation');
    button(sun, 'step.approve')?.click();
    await waitUntil(async () => (await store.getAppraisal(wang.id))?.step === 'publish', 'Sun\'s approval is written');
    expect((await store.listAudit(wang.id)).at(-1)?.actor).to.equal('H2');
  });

  it('a claims clerk standing in for the 索賠組 member scores the claims items of a field service representative and hands them in for claims (W-FS)', async () => {
    const store = new MemoryStore();
    const fsChain = chainPresets['W-FS'];
    const fsRubric = loadRubric(rubricPresets['R-FS']);
    const fsDirectory: Directory = {
      people: [
        { id: 'M1', name: 'Service Manager Ma', roles: ['serviceManager'] },
        { id: 'F1', name: 'Field Engineer Xu', number: 'E3001', roles: ['fieldServiceRepresentative'], managerId: 'M1' },
        { id: 'CL1', name: 'Claims Lead Gao', roles: ['assessor'], groups: ['claims'] },
        { id: 'CL9', name: 'Claims Clerk He', roles: ['assessor'] },
        { id: 'TE1', name: 'Technician Lu', roles: ['assessor'], groups: ['technical'] },
      ],
      // Gao is on leave: the host's directory lends Gao's right to act to He.
      delegations: [{ from: 'CL1', to: 'CL9', start: '2026-11-01', end: UNTIL }],
    };
    const opened = openAppraisal({ employee: 'F1', period: '2026-10', rubric: { id: fsRubric.id, version: fsRubric.version }, chain: fsChain, directory: fsDirectory, now: NOW });
    const record = await store.putAppraisal({ ...opened, revision: 1 }, { expectedRevision: 0, audit: [openingAudit({ ...opened, revision: 1 })] });
    expect(record.assignees).to.include('CL9');

    const el = await fixture<KaoheInbox>(html`<kaohe-inbox locale="en" .store=${store} .directory=${fsDirectory}
      .rubrics=${{ [`${fsRubric.id}@${fsRubric.version}`]: fsRubric }} .now=${NOW} user-id="CL9"></kaohe-inbox>`);
    await el.loaded;
    await el.open(record.id);
    await el.updateComplete;
    await waitUntil(() => button(el, 'group.submit') !== null, 'He is offered the group\'s submission');
    const form = pane(el)?.querySelector('kaohe-rubric-form');
    // The claims items only (FS-2, FS-4a, FS-10 in the R-FS preset), not the whole sheet.
    expect(form?.editableItems).to.deep.equal(['FS-2', 'FS-4a', 'FS-10']);
    button(el, 'group.submit')?.click();
    await waitUntil(async () => ((await store.getAppraisal(record.id))?.workflow as { groupsDone?: string[] }).groupsDone?.includes('claims') === true,
      'the claims submission is accepted');
    const submitted = (await store.listAudit(record.id)).at(-1);
    expect([submitted?.action, submitted?.actor]).to.deep.equal(['group.submit', 'CL9']);
    expect((await store.getAppraisal(record.id))?.assignees).to.deep.equal(['TE1'], 'the technical group is still to hand in');
  });
});
