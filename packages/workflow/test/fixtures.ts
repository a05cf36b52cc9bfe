// A small company with every role of rules.md §3, and helpers that fail loudly when the workflow
// refuses what a test expects it to accept (or the other way round).
import assert from 'node:assert/strict';
import { itemGroupsOf } from '@kaohe/scoring';
import type { RubricInput } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import { act, chainPresets, openAppraisal } from '../src/index.ts';
import type { ActContext, AppraisalRecord, AuditEntry, Chain, Directory, Refusal, WorkflowAction } from '../src/index.ts';

export const directory: Directory = {
  people: [
    { id: 'C1', name: '董事長', roles: ['chairman'] },
    { id: 'D2', name: 'Authorised person', roles: ['assistant'], managerId: 'C1' },
    { id: 'G1', name: 'General manager', roles: ['gm'], managerId: 'C1' },
    { id: 'V1', name: 'Sales VP', roles: ['vp'], managerId: 'G1' },
    { id: 'H1', name: 'HR one', roles: ['hr'], managerId: 'G1' },
    { id: 'H2', name: 'HR two', roles: ['hr'], managerId: 'H1' },
    { id: 'P1', name: 'Head of sales planning', roles: ['salesPlanningHead'], department: 'salesPlanning', managerId: 'V1' },
    { id: 'P2', name: 'Sales planner', roles: ['salesPlanning'], department: 'salesPlanning', managerId: 'P1' },
    { id: 'R1', name: 'RM north', roles: ['regionalManager'], region: 'north', managerId: 'P1' },
    { id: 'R2', name: 'RM south', roles: ['regionalManager'], region: 'south', managerId: 'P1' },
    { id: 'S1', name: 'Salesperson north 1', roles: ['salesperson'], region: 'north', managerId: 'R1' },
    { id: 'S2', name: 'Salesperson north 2', roles: ['salesperson'], region: 'north', managerId: 'R1' },
    { id: 'S3', name: 'Salesperson south', roles: ['salesperson'], region: 'south', managerId: 'R2' },
    // A region without a regional manager of its own: the manager chain decides.
    { id: 'S4', name: 'Salesperson west', roles: ['salesperson'], region: 'west', managerId: 'R2' },
    { id: 'D1', name: 'Head of after-sales', roles: ['departmentHead'], department: 'afterSales', managerId: 'C1' },
    { id: 'DM1', name: 'Service department manager', roles: ['departmentManager'], department: 'service', managerId: 'G1' },
    { id: 'E1', name: 'Service staff', roles: ['serviceStaff'], department: 'service', managerId: 'DM1' },
    { id: 'ST1', name: 'Service statistician', roles: ['statistician'], department: 'service', managerId: 'DM1' },
    { id: 'ST2', name: 'Parts statistician', roles: ['statistician'], department: 'parts' },
    { id: 'AD1', name: 'Administration', roles: ['administration'], managerId: 'G1' },
    { id: 'M1', name: 'Service manager', roles: ['serviceManager'], managerId: 'D1' },
    { id: 'F1', name: 'Field service rep', roles: ['fieldService'], managerId: 'M1' },
    { id: 'FM1', name: '現場管理組', roles: ['assessor'], groups: ['fieldManagement'] },
    { id: 'CO1', name: '函電組', roles: ['assessor'], groups: ['correspondence'] },
    { id: 'CL1', name: '索賠組', roles: ['assessor'], groups: ['claims'] },
    { id: 'CL2', name: '索賠組 2', roles: ['assessor'], groups: ['claims'] },
    { id: 'TE1', name: '技術組', roles: ['assessor'], groups: ['technical'] },
    { id: 'PA1', name: '配件組', roles: ['assessor'], groups: ['parts'] },
    { id: 'L2', name: 'Leader above', roles: ['serviceDirector'], managerId: 'D1' },
    { id: 'L1', name: 'Direct leader', roles: ['serviceManager'], managerId: 'L2' },
    { id: 'T1', name: 'Travelling service staff', roles: ['travellingServiceStaff'], managerId: 'L1' },
    { id: 'X1', name: 'Lateral rater (parts)', roles: ['assessor'], groups: ['lateral'] },
  ],
};

export type PresetId = keyof typeof chainPresets;

/** The R-FS items and the groups that assess them (rules.md §1, R-FS), as the preset has them. */
export const fieldServiceItemGroups: Record<string, string[]> = itemGroupsOf(rubricPresets['R-FS'] as RubricInput);

export const opened = '2026-11-01T09:00:00+08:00';
export const during = '2026-11-05T10:00:00+08:00';

export function open(preset: PresetId, employee: string, now = opened): AppraisalRecord {
  return openAppraisal({ employee, period: '2026-10', rubric: { id: `R-${employee}`, version: 1 }, chain: chainPresets[preset], directory, now });
}

export function context(chain: Chain, actor: string, extra: Partial<ActContext> = {}): ActContext {
  return { actor, directory, chain, now: during, ...extra };
}

/** Applies an action that must be accepted; returns the next record and its audit. */
export function accept(record: AppraisalRecord, chain: Chain, actor: string, action: WorkflowAction, extra: Partial<ActContext> = {}): AppraisalRecord & { lastAudit: AuditEntry } {
  const result = act(record, action, context(chain, actor, extra));
  if (!result.ok) assert.fail(`${actor} ${action.type} was refused: ${result.reason.code} — ${result.reason.message}`);
  assert.equal(result.audit.length, 1);
  return Object.assign(result.record, { lastAudit: result.audit[0] as AuditEntry });
}

/** Applies an action that must be refused; checks the record is left as it was. */
export function refuse(record: AppraisalRecord, chain: Chain, actor: string, action: WorkflowAction, extra: Partial<ActContext> = {}): Refusal {
  const copy = structuredClone(record);
  const result = act(record, action, context(chain, actor, extra));
  if (result.ok) assert.fail(`${actor} ${action.type} was accepted (now ${result.record.status} at ${result.record.step})`);
  assert.deepEqual(record, copy, 'a refused action leaves the record untouched');
  assert.ok(result.reason.message.length > 0, 'a refusal explains itself');
  return result.reason;
}

/** Walks a record through [actor, action] pairs, each of which must be accepted. */
export function walk(record: AppraisalRecord, chain: Chain, path: Array<[string, WorkflowAction]>, extra: Partial<ActContext> = {}): AppraisalRecord {
  return path.reduce((current, [actor, action]) => accept(current, chain, actor, action, extra), record);
}

const fsGroups: Array<[string, string]> = [
  ['FM1', 'fieldManagement'], ['CO1', 'correspondence'], ['CL1', 'claims'], ['TE1', 'technical'], ['PA1', 'parts'],
];

/** Who acts at each step, per chain of rules.md §3 (a group step lists one member per group). */
export const actsByStep: Record<PresetId, { employee: string; acts: Record<string, Array<[string, WorkflowAction]>> }> = {
  'W-SP': {
    employee: 'S1',
    acts: {
      score: [['R1', { type: 'step.submit' }]],
      summarise: [['P2', { type: 'step.submit' }]],
      firstReview: [['V1', { type: 'step.approve' }]],
      secondReview: [['H1', { type: 'step.approve' }]],
      publish: [['H2', { type: 'appraisal.publish' }]],
    },
  },
  'W-RM': {
    employee: 'R1',
    acts: {
      score: [['P1', { type: 'step.submit' }]],
      firstReview: [['V1', { type: 'step.approve' }]],
      secondReview: [['H1', { type: 'step.approve' }]],
      publish: [['H1', { type: 'appraisal.publish' }]],
    },
  },
  'W-HEAD': {
    employee: 'D1',
    acts: { score: [['C1', { type: 'step.submit' }]], publish: [['H1', { type: 'appraisal.publish' }]] },
  },
  'W-SV': {
    employee: 'E1',
    acts: {
      statistics: [['ST1', { type: 'step.submit' }]],
      departmentCheck: [['DM1', { type: 'step.submit' }]],
      verification: [['AD1', { type: 'step.approve' }]],
      approval: [['G1', { type: 'step.approve' }]],
      publish: [['H2', { type: 'appraisal.publish' }]],
    },
  },
  'W-FS': {
    employee: 'F1',
    acts: {
      groups: fsGroups.map(([actor, group]): [string, WorkflowAction] => [actor, { type: 'group.submit', group }]),
      review: [['M1', { type: 'step.approve' }]],
      publish: [['H1', { type: 'appraisal.publish' }]],
    },
  },
  'W-TR': {
    employee: 'T1',
    acts: {
      self: [['T1', { type: 'step.submit' }]],
      lateral: [['X1', { type: 'group.submit', group: 'lateral' }]],
      firstRating: [['L1', { type: 'step.submit' }]],
      secondRating: [['L2', { type: 'step.approve' }]],
      publish: [['H1', { type: 'appraisal.publish' }]],
    },
  },
};

/** Everyone who acts from step `from` (default: the first) to publication, in order. */
export function pathFrom(preset: PresetId, from?: string): Array<[string, WorkflowAction]> {
  const steps = chainPresets[preset].steps;
  const index = from === undefined ? 0 : steps.findIndex((step) => step.id === from);
  assert.ok(index >= 0, `${from} is a step of ${preset}`);
  return steps.slice(index).flatMap((step) => actsByStep[preset].acts[step.id] ?? []);
}

/** Walks the record from wherever it stands to publication. */
export function finish(preset: PresetId, record: AppraisalRecord): AppraisalRecord {
  return walk(record, chainPresets[preset], pathFrom(preset, record.step));
}

export function publish(preset: PresetId): AppraisalRecord {
  return finish(preset, open(preset, actsByStep[preset].employee));
}
