// The machine itself, run as an actor: the named guards read like a table and a host can swap one
// with `.provide()`.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createActor, initialTransition, transition } from 'xstate';
import { KaoheInputError } from '@kaohe/scoring';
import { chainPresets, createChainMachine } from '../src/index.ts';

const roster = {
  score: ['R1'], summarise: ['P2'], firstReview: ['V1'], secondReview: ['H1'], publish: ['H1'],
};

describe('createChainMachine', () => {
  test('W-SP runs as an actor from the regional manager\'s score to published', () => {
    const actor = createActor(createChainMachine(chainPresets['W-SP']), { input: { employeeId: 'S1', roster, reopeners: ['H1'] } });
    actor.start();
    actor.send({ type: 'step.submit', actor: 'R1' });
    actor.send({ type: 'step.submit', actor: 'P2' });
    actor.send({ type: 'step.approve', actor: 'V1' });
    actor.send({ type: 'step.approve', actor: 'H1' });
    assert.equal(actor.getSnapshot().value, 'publish');
    actor.send({ type: 'appraisal.publish', actor: 'H1' });
    assert.equal(actor.getSnapshot().value, 'published');
    assert.deepEqual(actor.getSnapshot().context.trail.map((entry) => entry.actor), ['R1', 'P2', 'V1', 'H1', 'H1']);
    actor.stop();
  });

  test('the isAssignee guard stops anyone off the roster: the state does not move', () => {
    const machine = createChainMachine(chainPresets['W-SP']);
    const [start] = initialTransition(machine, { employeeId: 'S1', roster });
    const [after] = transition(machine, start, { type: 'step.submit', actor: 'R2' });
    assert.equal(after.value, 'score');
    assert.equal(start.can({ type: 'step.submit', actor: 'R2' }), false);
    assert.equal(start.can({ type: 'step.submit', actor: 'R1' }), true);
  });

  test('the notOwnAppraisal guard holds even if the roster lists the employee', () => {
    const machine = createChainMachine(chainPresets['W-SP']);
    const [start] = initialTransition(machine, { employeeId: 'S1', roster: { ...roster, score: ['S1', 'R1'] } });
    assert.equal(start.can({ type: 'step.submit', actor: 'S1' }), false);
  });

  test('a host that wants return comments of at least 15 characters swaps hasComment with .provide()', () => {
    const strict = createChainMachine(chainPresets['W-SP']).provide({
      guards: { hasComment: ({ event }) => (event.comment ?? '').trim().length >= 15 },
    });
    const actor = createActor(strict, { input: { employeeId: 'S1', roster } }).start();
    actor.send({ type: 'step.submit', actor: 'R1' });
    actor.send({ type: 'step.return', actor: 'P2', to: 'score', comment: 'fix SP-D1' });
    assert.equal(actor.getSnapshot().value, 'summarise', 'a short comment does not return it');
    actor.send({ type: 'step.return', actor: 'P2', to: 'score', comment: 'SP-D1: two late daily reports, not one' });
    assert.equal(actor.getSnapshot().value, 'score');
    assert.deepEqual(actor.getSnapshot().context.returns, ['summarise']);
    actor.stop();
  });

  test('the allGroupsDone guard moves W-FS on only after the fifth group', () => {
    const groupRoster = { groups: { fieldManagement: ['FM1'], correspondence: ['CO1'], claims: ['CL1'], technical: ['TE1'], parts: ['PA1'] } };
    const actor = createActor(createChainMachine(chainPresets['W-FS']), {
      input: { employeeId: 'F1', roster: { groups: ['FM1', 'CO1', 'CL1', 'TE1', 'PA1'], review: ['M1'], publish: ['H1'] }, groupRoster },
    }).start();
    const members = Object.entries(groupRoster.groups);
    for (const [group, [member]] of members.slice(0, 4)) actor.send({ type: 'group.submit', actor: member as string, group });
    assert.equal(actor.getSnapshot().value, 'groups');
    assert.deepEqual(actor.getSnapshot().context.groupsDone, ['fieldManagement', 'correspondence', 'claims', 'technical']);
    actor.send({ type: 'group.submit', actor: 'PA1', group: 'parts' });
    assert.equal(actor.getSnapshot().value, 'review');
    actor.stop();
  });

  test('an invalid chain is refused with every problem listed', () => {
    assert.throws(
      () => createChainMachine({ ...chainPresets['W-SP'], appealTo: 'nowhere', steps: [] }),
      (error: unknown) => error instanceof KaoheInputError && error.problems.length >= 1,
    );
  });
});
