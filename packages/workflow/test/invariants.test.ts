// Invariants over random sequences of actions by random people on every chain (fast-check).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { act, allowedActions, chainPresets, isGroupStep, stepOf } from '../src/index.ts';
import type { ActionName, AppraisalRecord, Chain, WorkflowAction } from '../src/index.ts';
import { actsByStep, directory, open } from './fixtures.ts';
import type { PresetId } from './fixtures.ts';

const people = directory.people.map((person) => person.id);
const presets = Object.keys(chainPresets) as PresetId[];
const groups = ['fieldManagement', 'correspondence', 'claims', 'technical', 'parts', 'lateral'];
const now = '2026-11-05T10:00:00+08:00';

const blindAction: fc.Arbitrary<(chain: Chain) => WorkflowAction> = fc.oneof(
  fc.constantFrom<ActionName>('draft.save', 'step.submit', 'step.approve', 'step.resubmit', 'appraisal.publish', 'employee.acknowledge')
    .map((type) => () => ({ type }) as WorkflowAction),
  fc.constantFrom('', 'why').map((comment) => () => ({ type: 'employee.appeal' as const, comment })),
  fc.constantFrom('', 'reason').map((reason) => () => ({ type: 'hr.reopen' as const, reason })),
  fc.constantFrom(...groups).map((group) => () => ({ type: 'group.submit' as const, group })),
  fc.tuple(fc.nat(6), fc.constantFrom('', 'see SP-W3')).map(([index, comment]) => (chain: Chain) => ({
    type: 'step.return' as const, to: chain.steps[index % chain.steps.length]?.id as string, comment,
  })),
);

/** The concrete actions behind an offered action name (a return needs a target, a group submission a group). */
function concrete(name: ActionName, record: AppraisalRecord, chain: Chain): WorkflowAction[] {
  const step = stepOf(chain, record.step);
  switch (name) {
    case 'step.return': return (step?.returnTo ?? []).map((to) => ({ type: name, to, comment: 'SP-W3 record missing' }));
    case 'group.submit': return step && isGroupStep(step) ? step.actor.groups.map((group) => ({ type: name, group })) : [];
    case 'employee.appeal': return [{ type: name, comment: 'the FS-2 absences were approved leave' }];
    case 'hr.reopen': return [{ type: name, reason: 'C-2 attendance corrected' }];
    default: return [{ type: name } as WorkflowAction];
  }
}

type Attempt =
  /** an actor id, or an index into whoever holds the task now */
  | { kind: 'blind'; actor: string | number; action: (chain: Chain) => WorkflowAction }
  | { kind: 'offered'; who: number; pick: number };

const attempt: fc.Arbitrary<Attempt> = fc.oneof(
  fc.record({ kind: fc.constant('blind' as const), actor: fc.oneof(fc.constantFrom(...people), fc.nat(5)), action: blindAction }),
  fc.record({ kind: fc.constant('offered' as const), who: fc.nat(5), pick: fc.nat(10) }),
);

const reached = new Set<string>();

test('whatever anyone tries, accepted means offered and offered means accepted; the employee never holds a task on their own appraisal', () => {
  fc.assert(fc.property(fc.constantFrom(...presets), fc.array(attempt, { maxLength: 40 }), (preset, attempts) => {
    const chain = chainPresets[preset];
    const employee = actsByStep[preset].employee;
    let record = open(preset, employee);
    for (const next of attempts) {
      let actor: string;
      let actions: WorkflowAction[];
      // The current assignee, or once published the employee or HR.
      const candidates = record.assignees.length > 0 ? record.assignees : [employee, 'H1'];
      if (next.kind === 'blind') {
        actor = typeof next.actor === 'string' ? next.actor : candidates[next.actor % candidates.length] as string;
        actions = [next.action(chain)];
      } else {
        actor = candidates[next.who % candidates.length] as string;
        const offered = allowedActions(record, actor, { directory, chain, now });
        if (offered.length === 0) continue;
        actions = concrete(offered[next.pick % offered.length] as ActionName, record, chain);
      }
      const ctx = { actor, directory, chain, now };
      const offered = allowedActions(record, actor, ctx);
      const results = actions.map((action) => ({ action, result: act(record, action, ctx) }));
      if (next.kind === 'offered') assert.ok(results.some(({ result }) => result.ok), `${actor} was offered ${actions[0]?.type} but every attempt was refused`);
      const accepted = results.find(({ result }) => result.ok);
      if (accepted?.result.ok) {
        assert.equal(accepted.result.record.revision, record.revision + 1);
        assert.equal(accepted.result.audit[0]?.actor, actor);
        assert.ok(offered.includes(accepted.action.type), `${actor} did ${accepted.action.type}, which allowedActions did not offer`);
        record = accepted.result.record;
      } else {
        for (const { result } of results) if (!result.ok) assert.ok(result.reason.code.length > 0 && result.reason.message.length > 0);
      }
      const selfStep = stepOf(chain, record.step)?.kind === 'self' && record.status !== 'published';
      if (!selfStep) assert.ok(!record.assignees.includes(employee), `${employee} holds a task on their own appraisal at ${record.step}`);
      assert.equal(record.assignees.length === 0, record.status === 'published');
      reached.add(record.status);
    }
  }), { numRuns: 300 });
  assert.ok(['open', 'inReview', 'approved', 'published', 'appealed', 'reopened'].every((status) => reached.has(status)), `the runs reached ${[...reached].join(', ')}`);
});
