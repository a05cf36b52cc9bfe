// Issue 11, item 2: who sees what, over every chain preset × every step × every kind of person.
// Each cell reads the appraisal through the service as that person and checks the serialised view:
// no unpublished score, no other group's item or entry and no lateral rater's id reaches someone who
// must not see it, and the actions offered are exactly the chain's (literal lists, worked out from
// rules.md §3 and the presets' rosters in workflow/test/fixtures.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Entry } from '@kaohe/scoring';
import type { ActionName, Delegation, WorkflowAction } from '@kaohe/workflow';
import { actsByStep, type PresetId } from '../../workflow/test/fixtures.ts';
import { type AppraisalView } from '../src/index.ts';
import { afterLeave, during, entriesFor, opened, rubricOf, setUp } from './fixtures.ts';

const work: ActionName[] = ['draft.save', 'step.submit'];
const check: ActionName[] = ['draft.save', 'step.submit', 'step.return'];
const review: ActionName[] = ['draft.save', 'step.approve', 'step.return'];
const group: ActionName[] = ['draft.save', 'group.submit'];
const publish: ActionName[] = ['appraisal.publish'];
const outcome: ActionName[] = ['employee.acknowledge', 'employee.appeal'];
const reopen: ActionName[] = ['hr.reopen'];

interface Case {
  employee: string;
  rubric: string;
  /** a reviewer lends their right to D2 from the 1st to the 10th */
  lender: string;
  /** every kind of person, by what they are to this appraisal */
  people: Record<string, string>;
  /** who reads the appraisal at every step (besides the employee and the delegate) */
  readers: string[];
  /** readers limited to their assessing groups' items, with those items */
  limited: Record<string, string[]>;
  /** per state (step, or `groups:<groups done>`): who may do what; everyone else nothing */
  allowed: Record<string, Record<string, ActionName[]>>;
  /** entries a step's actor gives where the full marks of `entryFor` would not do */
  entries?: Record<string, Entry>;
}

const cases: Record<PresetId, Case> = {
  'W-SP': {
    employee: 'S1', rubric: 'R-SP', lender: 'V1',
    people: { employee: 'S1', assessor: 'R1', directLeader: 'R1', salesPlanning: 'P2', vp: 'V1', hr: 'H1', hr2: 'H2', colleague: 'S2', lateral: 'X1', otherRegionsManager: 'R2' },
    readers: ['R1', 'P2', 'V1', 'H1', 'H2'],
    limited: {},
    allowed: {
      score: { R1: work },
      summarise: { P2: check },
      firstReview: { V1: review, 'D2@in': review },
      secondReview: { H1: review, H2: review },
      publish: { H1: publish, H2: publish },
      published: { S1: outcome, H1: reopen, H2: reopen },
    },
  },
  'W-RM': {
    employee: 'R1', rubric: 'R-RM', lender: 'V1',
    people: { employee: 'R1', assessor: 'P1', directLeader: 'P1', vp: 'V1', hr: 'H1', hr2: 'H2', colleague: 'R2', salesPlanner: 'P2' },
    readers: ['P1', 'V1', 'H1', 'H2'],
    limited: {},
    allowed: {
      score: { P1: work },
      firstReview: { V1: review, 'D2@in': review },
      secondReview: { H1: review, H2: review },
      publish: { H1: publish, H2: publish },
      published: { R1: outcome, H1: reopen, H2: reopen },
    },
  },
  'W-HEAD': {
    employee: 'D1', rubric: 'R-RM', lender: 'C1',
    people: { employee: 'D1', assessor: 'C1', directLeader: 'C1', hr: 'H1', hr2: 'H2', colleague: 'DM1', gm: 'G1' },
    readers: ['C1', 'H1', 'H2'],
    limited: {},
    allowed: {
      score: { C1: work, 'D2@in': work },
      publish: { H1: publish, H2: publish },
      published: { D1: outcome, H1: reopen, H2: reopen },
    },
  },
  'W-SV': {
    employee: 'E1', rubric: 'R-SV', lender: 'G1',
    people: { employee: 'E1', assessor: 'ST1', directLeader: 'DM1', administration: 'AD1', gm: 'G1', hr: 'H1', hr2: 'H2', otherStatistician: 'ST2', colleague: 'S1' },
    readers: ['ST1', 'DM1', 'AD1', 'G1', 'H1', 'H2'],
    limited: {},
    allowed: {
      statistics: { ST1: work },
      departmentCheck: { DM1: check },
      verification: { AD1: review },
      approval: { G1: review, 'D2@in': review },
      publish: { H1: publish, H2: publish },
      published: { E1: outcome, H1: reopen, H2: reopen },
    },
  },
  'W-FS': {
    employee: 'F1', rubric: 'R-FS', lender: 'CL1',
    people: {
      employee: 'F1', fieldManagement: 'FM1', correspondence: 'CO1', claims: 'CL1', claims2: 'CL2', technical: 'TE1', parts: 'PA1',
      directLeader: 'M1', hr: 'H1', hr2: 'H2', colleague: 'T1', lateral: 'X1',
    },
    readers: ['FM1', 'CO1', 'CL1', 'CL2', 'TE1', 'PA1', 'M1', 'H1', 'H2'],
    // rules.md §1 R-FS, as the preset assigns the items (workflow/test/visibility.test.ts)
    limited: {
      FM1: ['FS-1', 'FS-2', 'FS-3', 'FS-6', 'FS-8', 'FS-9'],
      CO1: ['FS-2', 'FS-3', 'FS-4b', 'FS-5'],
      CL1: ['FS-2', 'FS-4a', 'FS-10'],
      CL2: ['FS-2', 'FS-4a', 'FS-10'],
      TE1: ['FS-2', 'FS-7', 'FS-9'],
      PA1: ['FS-2', 'FS-4b'],
      'D2@in': ['FS-2', 'FS-4a', 'FS-10'],
    },
    allowed: {
      'groups:': { FM1: group, CO1: group, CL1: group, CL2: group, TE1: group, PA1: group, 'D2@in': group },
      'groups:fieldManagement': { CO1: group, CL1: group, CL2: group, TE1: group, PA1: group, 'D2@in': group },
      'groups:fieldManagement,correspondence': { CL1: group, CL2: group, TE1: group, PA1: group, 'D2@in': group },
      'groups:fieldManagement,correspondence,claims': { TE1: group, PA1: group },
      'groups:fieldManagement,correspondence,claims,technical': { PA1: group },
      review: { M1: review },
      publish: { H1: publish, H2: publish },
      published: { F1: outcome, H1: reopen, H2: reopen },
    },
  },
  'W-TR': {
    employee: 'T1', rubric: 'R-TR', lender: 'L1',
    people: { employee: 'T1', lateral: 'X1', directLeader: 'L1', leaderAbove: 'L2', hr: 'H1', hr2: 'H2', colleague: 'F1', claims: 'CL1' },
    readers: ['X1', 'L1', 'L2', 'H1', 'H2'],
    limited: { X1: ['TR-3'] },
    allowed: {
      self: { T1: work },
      'groups:': { X1: group },
      firstRating: { L1: check, 'D2@in': check },
      secondRating: { L2: review },
      publish: { H1: publish, H2: publish },
      published: { T1: outcome, H1: reopen, H2: reopen },
    },
    // TR-1 18 + TR-2a 25 + TR-2b 27 + TR-3 20 × 90 ÷ 100 = 18 → 88.00 (workOnly)
    entries: { 'TR-1': { points: '18' }, 'TR-2a': { points: '25' }, 'TR-2b': { points: '27' }, 'TR-3': { value: '90' } },
  },
};

const every = (view: AppraisalView) => JSON.stringify(view);

for (const [preset, spec] of Object.entries(cases) as Array<[PresetId, Case]>) {
  describe(`${preset}: who sees what at every step`, () => {
    test('every kind of person, at every step, sees only what the chain lets them', async () => {
      const delegation: Delegation = { from: spec.lender, to: 'D2', start: '2026-11-01', end: '2026-11-10' };
      const { service, cached } = await setUp([delegation]);
      const rubric = rubricOf(spec.rubric);
      const allItems = rubric.sections.flatMap((section) => section.items.map((item) => item.id));
      const opening = await service.openAppraisal(null, { employee: spec.employee, period: '2026-10', now: opened });
      assert.ok(opening.ok && opening.created);
      const id = opening.id;
      const viewers: Array<[string, string, string]> = [
        ...Object.entries(spec.people).map(([kind, person]): [string, string, string] => [kind, person, during]),
        ['delegate (in force)', 'D2', during],
        ['delegate (ended)', 'D2', afterLeave],
      ];
      const path = Object.values(actsByStep[preset].acts).flat();
      const seenStates: string[] = [];

      const checkState = async () => {
        const admin = await service.view(id, 'H1', { now: during });
        assert.ok(admin);
        const state = admin.stepKind === 'score' && admin.step === 'groups' || admin.step === 'lateral'
          ? `groups:${admin.groupsDone.join(',')}` : admin.published ? 'published' : admin.step;
        seenStates.push(state);
        const expected = spec.allowed[state];
        assert.ok(expected, `${preset}: the table has state ${state}`);
        const published = admin.published;
        for (const [kind, person, now] of viewers) {
          const key = person === 'D2' ? (now === during ? 'D2@in' : 'D2@out') : person;
          const where = `${preset} at ${state}, ${kind} ${person}${person === 'D2' ? ` on ${now.slice(0, 10)}` : ''}`;
          const view = await service.view(id, person, { now });
          // The server's service keeps views without history: the kept one (read twice: built, then
          // kept) is the view built afresh, field for field, for every person, step and day.
          const fresh = await service.view(id, person, { now, history: false });
          assert.deepEqual(await cached.view(id, person, { now, history: false }), fresh, `${where}: the kept view is the view`);
          assert.deepEqual(await cached.view(id, person, { now, history: false }), fresh, `${where}: the kept view, read again`);
          const employee = person === spec.employee;
          const reads = spec.readers.includes(person) || key === 'D2@in' || (employee && (published || state === 'self'));
          assert.equal(view !== undefined, reads, `${where}: ${reads ? 'reads' : 'must not read'} the appraisal`);
          if (!view) continue;
          const json = every(view);
          assert.deepEqual(view.allowedActions, expected[key] ?? [], `${where}: allowed actions`);
          // On their task list it is a row of that view: its actions, the score's totals where the view has a score, no sheet.
          const row = (await service.tasks(person, { now })).items.find((item) => item.appraisal.id === id);
          // the server's service keeps pages: the kept page is the page, read twice, after every write and on either day
          for (const read of ['built', 'kept']) {
            assert.deepEqual((await cached.tasks(person, { now })).items.find((item) => item.appraisal.id === id), row, `${where}: the ${read} page's row`);
          }
          assert.equal(row !== undefined, view.task, `${where}: ${view.task ? 'is' : 'is not'} on their task list`);
          if (row) {
            assert.deepEqual([row.allowedActions, row.appraisal.allowedActions], [view.allowedActions, view.allowedActions], `${where}: the row's actions`);
            assert.deepEqual(row.appraisal.score, view.score
              ? { work: view.score.work, attendance: view.score.attendance, monthly: view.score.monthly, complete: view.score.complete } : undefined, `${where}: the row's totals`);
            assert.equal('sheet' in row.appraisal, false, `${where}: no sheet in the row`);
          }
          // TR-3: the employee never learns who rated them laterally, anywhere in what they are sent.
          if (employee) assert.ok(!json.includes('"X1"'), `${where}: no lateral rater id`);
          const limited = spec.limited[key] ?? (employee && !published ? ['TR-1'] : undefined);
          if (limited) {
            assert.deepEqual(view.visibleItems, limited, `${where}: reads only their items`);
            for (const item of allItems.filter((candidate) => !limited.includes(candidate))) {
              assert.ok(!json.includes(`"${item}"`), `${where}: nothing of ${item}`);
            }
            assert.equal(view.score, undefined, `${where}: no score`);
            assert.ok(!json.includes('"monthly"'), `${where}: no monthly score anywhere`);
          } else {
            assert.deepEqual(view.visibleItems, allItems, `${where}: reads every item`);
            // C-1: no monthly score until the step that records the absent days has given them
            if (admin.sheet.attendance !== undefined || rubric.composite.kind !== 'workAttendance') assert.ok(view.score, `${where}: sees the scores`);
            else assert.equal(view.score ?? undefined, undefined, `${where}: no score while the absent days are not recorded`);
          }
        }
      };

      for (const [actor, action] of path) {
        await checkState();
        const mine = await service.view(id, actor, { now: during, history: false });
        assert.ok(mine, `${actor} reads what they act on`);
        const entries = { ...entriesFor(rubric, mine.requiredItems), ...Object.fromEntries(Object.entries(spec.entries ?? {}).filter(([item]) => mine.requiredItems.includes(item))) };
        const edits = {
          ...(Object.keys(entries).length > 0 ? { entries } : {}),
          // the step that records the month's attendance gives it (a new sheet has none)
          ...(mine.editsAttendance && action.type !== 'step.return' ? { attendance: { absentDays: '1' } } : {}),
        };
        const withEntries = { ...action, ...edits } as WorkflowAction;
        const result = await service.act(id, actor, withEntries, { expectedRevision: mine.revision, now: during });
        assert.ok(result.ok, `${preset}: ${actor} ${action.type} at ${mine.step}: ${result.ok ? '' : `${result.code} ${result.message}`}`);
      }
      await checkState();
      assert.deepEqual(seenStates, Object.keys(spec.allowed), `${preset}: the table covers every step`);
    });
  });
}

describe('W-TR: the employee, back at self-evaluation after the leader returned it', () => {
  test('sees TR-1 and the comments, but nobody\'s marks, no score and not who rated them laterally', async () => {
    const { service } = await setUp();
    const opening = await service.openAppraisal(null, { employee: 'T1', period: '2026-10', now: opened });
    assert.ok(opening.ok);
    const steps: Array<[string, WorkflowAction]> = [
      ['T1', { type: 'step.submit', entries: { 'TR-1': { points: '18' } } }],
      ['X1', { type: 'group.submit', group: 'lateral', entries: { 'TR-3': { value: '90' } }, comment: 'Always reachable on the Xiamen site' }],
      ['L1', { type: 'draft.save', entries: { 'TR-2a': { points: '25' } } }],
      ['L1', { type: 'step.return', to: 'self', comment: 'Add the October trips' }],
    ];
    for (const [actor, action] of steps) {
      const result = await service.act(opening.id, actor, action, { now: during });
      assert.ok(result.ok, `${actor} ${action.type}: ${result.ok ? '' : result.message}`);
    }
    const view = await service.view(opening.id, 'T1', { now: during });
    assert.ok(view);
    const json = JSON.stringify(view);
    assert.ok(!json.includes('X1'), 'X1 appears nowhere: not in history, comments, assignees or updatedBy');
    assert.ok(!json.includes('TR-3') && !json.includes('TR-2a') && !json.includes('"90"') && !json.includes('"25"'), 'no other rater\'s item or mark');
    assert.equal(view.score, undefined);
    assert.deepEqual(view.sheet.entries, { 'TR-1': { points: '18' } });
    assert.deepEqual(view.comments.map((comment) => [comment.author?.name ?? `(${comment.stepLabel.en})`, comment.text]), [
      ['(Lateral rating)', 'Always reachable on the Xiamen site'],
      ['Direct leader', 'Add the October trips'],
    ]);
    assert.deepEqual(view.history?.map((entry) => [entry.action, entry.actor ?? '(anonymous)']), [
      ['appraisal.open', 'system'], ['step.submit', 'T1'], ['group.submit', '(anonymous)'], ['draft.save', 'L1'], ['step.return', 'L1'],
    ]);
    assert.deepEqual({ mode: view.mode, editable: view.editableItems, required: view.requiredItems, actions: view.allowedActions },
      { mode: 'edit', editable: ['TR-1'], required: ['TR-1'], actions: ['draft.save', 'step.resubmit'] });
    // The leader reads who rated, and every mark.
    const leader = await service.view(opening.id, 'L1', { now: during });
    assert.ok(leader && JSON.stringify(leader).includes('"X1"'));
    assert.equal(leader.sheet.entries['TR-3']?.value, '90');
  });
});
