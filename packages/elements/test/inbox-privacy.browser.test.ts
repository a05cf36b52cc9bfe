// What the inbox shows an employee of their own appraisal: TR-3 lateral raters stay anonymous, in
// the history as in the comments the form is given, even when W-TR returns the sheet to them.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { loadRubric } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import type { Rubric } from '@kaohe/scoring';
import { MemoryStore } from '@kaohe/store';
import type { KaoheStore } from '@kaohe/store';
import { act, chainPresets, openAppraisal, openingAudit } from '@kaohe/workflow';
import type { AppraisalRecord, Directory, WorkflowAction } from '@kaohe/workflow';
import '../src/register.ts';
import { KaoheInbox } from '../src/kaohe-inbox/kaohe-inbox.ts';
import type { KaoheRubricForm } from '../src/kaohe-rubric-form/rubric-form.ts';

KaoheInbox.define('kaohe-inbox');

const NOW = '2026-11-10T09:00:00.000Z';
const chain = chainPresets['W-TR'];
const rubric = loadRubric(rubricPresets['R-TR']);
const rubrics: Record<string, Rubric> = { [`${rubric.id}@${rubric.version}`]: rubric };
const LATERAL_COMMENT = 'Always reachable on the Xiamen site';
const RETURN_COMMENT = 'Add the October trips';

const directory: Directory = {
  people: [
    { id: 'L2', name: 'Director Huang', roles: ['serviceDirector'] },
    { id: 'L1', name: 'Service Manager Ma', roles: ['serviceManager'], managerId: 'L2' },
    { id: 'T1', name: 'Travelling Engineer Xu', number: 'E2001', roles: ['travellingServiceStaff'], managerId: 'L1' },
    { id: 'X1', name: 'Parts Planner Gao', roles: ['partsPlanning'], groups: ['lateral'] },
    { id: 'H1', name: 'HR Qian', roles: ['hr'] },
  ],
};

/** T1 evaluates themself, the parts department rates them laterally, and the direct leader sends it back to self (W-TR). */
async function returnedToSelf(store: KaoheStore): Promise<AppraisalRecord> {
  const opened = openAppraisal({ employee: 'T1', period: '2026-10', rubric: { id: rubric.id, version: rubric.version }, chain, directory, now: NOW });
  let record = await store.putAppraisal({ ...opened, revision: 1 }, { expectedRevision: 0, audit: [openingAudit({ ...opened, revision: 1 })] });
  const steps: Array<[string, WorkflowAction]> = [
    ['T1', { type: 'step.submit', entries: { 'TR-1': { points: '18' } } }],
    ['X1', { type: 'group.submit', group: 'lateral', comment: LATERAL_COMMENT }],
    ['L1', { type: 'step.return', to: 'self', comment: RETURN_COMMENT }],
  ];
  for (const [actor, action] of steps) {
    const result = act(record, action, { actor, directory, chain, now: NOW });
    if (!result.ok) throw new Error(`${actor} ${action.type}: ${result.reason.message}`);
    record = await store.putAppraisal(result.record, { expectedRevision: record.revision, audit: result.audit });
  }
  return record;
}

async function inboxFor(store: KaoheStore, userId: string): Promise<KaoheInbox> {
  const el = await fixture<KaoheInbox>(html`<kaohe-inbox locale="en" .store=${store} .directory=${directory} .rubrics=${rubrics}
    .now=${NOW} user-id=${userId}></kaohe-inbox>`);
  await el.loaded;
  await el.updateComplete;
  return el;
}

const pane = (el: KaoheInbox) => (el.shadowRoot as ShadowRoot).querySelector<HTMLElement>('.pane');
const historyItems = (el: KaoheInbox) => [...pane(el)?.querySelectorAll<HTMLElement>('.history li') ?? []];

describe('kaohe-inbox: what an employee reads of their own appraisal', () => {
  beforeEach(() => localStorage.clear());

  it('returned to self-evaluation, a travelling engineer reads the lateral rating and its comment in the history without learning who rated them (TR-3)', async () => {
    const store = new MemoryStore();
    const record = await returnedToSelf(store);
    expect(record.step).to.equal('self');
    const xu = await inboxFor(store, 'T1');
    expect(xu.visibleTasks.map((row) => row.id)).to.deep.equal([record.id]);

    await xu.open(record.id);
    await waitUntil(() => historyItems(xu).length >= 4, 'the history is read');
    const lateral = historyItems(xu).find((item) => item.textContent?.includes(LATERAL_COMMENT));
    expect(lateral, 'the lateral comment is in the history').to.not.equal(undefined);
    expect(lateral?.querySelector('strong')?.textContent).to.equal('Lateral rating');
    expect(pane(xu)?.textContent).to.contain(RETURN_COMMENT).and.contain('Service Manager Ma');
    expect(pane(xu)?.textContent).to.not.contain('Parts Planner Gao');

    const form = pane(xu)?.querySelector<KaoheRubricForm>('kaohe-rubric-form') as KaoheRubricForm;
    expect(form.comments.map(({ by, text }) => [by, text])).to.deep.equal([
      ['Lateral rating', LATERAL_COMMENT],
      ['Service Manager Ma', RETURN_COMMENT],
    ]);
  });

  it('the direct leader, who is not the employee, still sees who rated laterally in the history', async () => {
    const store = new MemoryStore();
    const record = await returnedToSelf(store);
    // The leader has no task at self; the pane is opened for the resubmission that comes back to them.
    const resubmitted = act(record, { type: 'step.resubmit' }, { actor: 'T1', directory, chain, now: NOW });
    if (!resubmitted.ok) throw new Error(resubmitted.reason.message);
    await store.putAppraisal(resubmitted.record, { expectedRevision: record.revision, audit: resubmitted.audit });
    const ma = await inboxFor(store, 'L1');
    await ma.open(record.id);
    await waitUntil(() => historyItems(ma).length >= 5, 'the history is read');
    const lateral = historyItems(ma).find((item) => item.textContent?.includes(LATERAL_COMMENT));
    expect(lateral?.querySelector('strong')?.textContent).to.equal('Parts Planner Gao');
  });
});
