// allowedActions keeps its answer per chain machine and `standing` (the caller's standing in the
// record): right only while that key covers everything the guards and refusals read. Over every
// preset chain, every step and state a chain reaches (returns, groups done, publish, acknowledge,
// appeal, reopen), every person, with a delegation in force and after it: the kept answer equals the
// actions `act` accepts now, probe by probe (act keeps nothing).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { act, allowedActions, chainPresets, isGroupStep, stepOf, workflowOf } from '../src/index.ts';
import type { ActContext, ActionName, AppraisalRecord, Chain, Directory, WorkflowAction } from '../src/index.ts';
import { actsByStep, directory as company, open } from './fixtures.ts';
import type { PresetId } from './fixtures.ts';

const directory: Directory = { ...company, delegations: [{ from: 'R1', to: 'R2', start: '2026-11-01', end: '2026-11-10' }, { from: 'DM1', to: 'ST1', start: '2026-11-01', end: '2026-11-10' }] };
const days = ['2026-11-05T10:00:00+08:00', '2026-11-20T10:00:00+08:00'];
const people = directory.people.map((person) => person.id);

function probes(record: AppraisalRecord, chain: Chain): WorkflowAction[] {
  const step = stepOf(chain, workflowOf(record).state);
  return [
    { type: 'draft.save' }, { type: 'step.submit' }, { type: 'step.approve' }, { type: 'step.resubmit' },
    ...(step && isGroupStep(step) ? step.actor.groups.map((group): WorkflowAction => ({ type: 'group.submit', group })) : []),
    ...(step?.returnTo ?? []).map((to): WorkflowAction => ({ type: 'step.return', to, comment: 'SP-W3 record missing' })),
    { type: 'appraisal.publish' }, { type: 'employee.acknowledge' },
    { type: 'employee.appeal', comment: 'the absences were approved leave' }, { type: 'hr.reopen', reason: 'C-2 attendance corrected' },
  ];
}

const context = (chain: Chain, actor: string, now: string): ActContext => ({ actor, directory, chain, now, delegations: directory.delegations ?? [] });

/** What act accepts of the probes now, in allowedActions' order, each action once. */
function accepted(record: AppraisalRecord, chain: Chain, actor: string, now: string): ActionName[] {
  const types = probes(record, chain).filter((probe) => act(record, probe, context(chain, actor, now)).ok).map((probe) => probe.type);
  return [...new Set(types)];
}

/** Every record a chain reaches by accepted actions, one per machine state, cycle, groups done, returns and acknowledgement. */
function reachable(preset: PresetId): AppraisalRecord[] {
  const chain = chainPresets[preset];
  const first = open(preset, actsByStep[preset].employee);
  const seen = new Map<string, AppraisalRecord>();
  const keyOf = (record: AppraisalRecord) => {
    const workflow = workflowOf(record);
    return JSON.stringify([workflow.state, workflow.cycle, [...workflow.groupsDone].sort(), workflow.returns, workflow.acknowledged]);
  };
  const queue = [first];
  seen.set(keyOf(first), first);
  while (queue.length > 0 && seen.size < 400) {
    const record = queue.shift() as AppraisalRecord;
    for (const actor of people) {
      for (const probe of probes(record, chain)) {
        const result = act(record, probe, context(chain, actor, days[0] as string));
        if (!result.ok) continue;
        const key = keyOf(result.record);
        if (seen.has(key)) continue;
        seen.set(key, result.record);
        queue.push(result.record);
      }
    }
  }
  return [...seen.values()];
}

test('the kept allowed actions equal what act accepts now, over every preset chain, reached state, person and day', () => {
  let compared = 0;
  const offered = new Set<string>();
  for (const preset of Object.keys(chainPresets) as PresetId[]) {
    const chain = chainPresets[preset];
    const records = reachable(preset);
    // every step of the chain is reached, and published
    assert.deepEqual([...new Set(records.map((record) => record.step))].sort(), chain.steps.map((step) => step.id).sort(), `${preset}: every step reached`);
    assert.ok(records.some((record) => record.status === 'published'), `${preset}: published`);
    for (const now of days) {
      for (const record of records) {
        for (const person of people) {
          const where = `${preset} at ${workflowOf(record).state} (${JSON.stringify(workflowOf(record).returns)}, cycle ${workflowOf(record).cycle}) for ${person} on ${now}`;
          const kept = allowedActions(record, person, { directory, chain, now, delegations: directory.delegations ?? [] });
          assert.deepEqual([...kept].sort(), accepted(record, chain, person, now).sort(), where);
          for (const action of kept) offered.add(action);
          compared += 1;
        }
      }
    }
  }
  // every kind of action was offered somewhere, so the comparison covered each guard
  assert.deepEqual([...offered].sort(), ['appraisal.publish', 'draft.save', 'employee.acknowledge', 'employee.appeal', 'group.submit', 'hr.reopen',
    'step.approve', 'step.resubmit', 'step.return', 'step.submit']);
  assert.ok(compared > 5_000, `${compared} comparisons`);
});
