// Chains as data: the validator lists every problem; the presets of rules.md §3 are valid; routing
// finds the right people from the directory.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createActor } from 'xstate';
import { KaoheInputError } from '@kaohe/scoring';
import { chainPresets, createChainMachine, normaliseChain, resolveActors, resolveGroupActors, validateChain } from '../src/index.ts';
import type { Chain, ChainStep } from '../src/index.ts';
import { directory } from './fixtures.ts';

const label = { 'zh-Hant': '步驟', 'zh-Hans': '步骤', en: 'Step' };
const person = (id: string) => directory.people.find((candidate) => candidate.id === id) ?? assert.fail(`${id} is in the fixture`);
const stepOf = (chain: Chain, id: string) => chain.steps.find((step) => step.id === id) as ChainStep;
// The company of these tests works in China; the days below are its days.
const SHANGHAI = 'Asia/Shanghai';
const on = { date: '2026-11-05', timeZone: SHANGHAI };

describe('validateChain', () => {
  for (const [id, chain] of Object.entries(chainPresets)) {
    test(`the ${id} preset is a valid chain with labels in zh-Hant, zh-Hans and en`, () => {
      assert.deepEqual(validateChain(chain), []);
      assert.equal(chain.id, id);
    });
  }

  test('a broken chain reports every problem at once, each with its path', () => {
    const broken = {
      id: '',
      label: { 'zh-Hant': '壞', 'zh-Hans': '', en: 'Broken' },
      steps: [
        { id: 'a', kind: 'self', label, actor: { role: 'hr' } },
        { id: 'a', kind: 'score', label, actor: { relationship: 'cousin' } },
        { id: 'p', kind: 'publish', label, actor: { role: 'hr' } },
        { id: 'b', kind: 'review', label, actor: { groups: ['claims'] }, returnTo: ['b', 'zz'], dueDay: 32 },
      ],
      appealTo: 'nowhere',
    } as unknown as Chain;
    const rules = validateChain(broken).map((problem) => `${problem.path} ${problem.rule}`);
    assert.deepEqual(rules.sort(), [
      'appealTo unknown-step',
      'id required',
      'label.zh-Hans required',
      'steps[0].actor self-step',
      'steps[1].actor.relationship enum',
      'steps[1].id unique-id',
      'steps[2].kind publish-last',
      'steps[3].dueDay range',
      'steps[3].kind group-step',
      'steps[3].returnTo[0] return-backwards',
      'steps[3].returnTo[1] unknown-step',
    ]);
  });

  // A chain scored by the direct leader and reviewed by the VP, who may return it to the score step.
  const scoredAndReviewed = (scoreId: string): Chain => ({
    id: 'W-X', label, appealTo: scoreId,
    steps: [
      { id: scoreId, kind: 'score', label, actor: { relationship: 'directLeader' } },
      { id: 'review', kind: 'review', label, actor: { relationship: 'vp' }, returnTo: [scoreId] },
    ],
  });

  test('a step id xstate would read as a path is refused at the id, saying what a step id may hold', () => {
    const refused = (id: string) => validateChain(scoredAndReviewed(id));
    assert.deepEqual(refused('first.score'), [{
      path: 'steps[0].id', rule: 'id-form',
      message: 'step id "first.score" contains "."; a step id may hold any characters but "." and "\\", and may not start with "#" (the workflow would read it as the path to another state)',
    }]);
    assert.deepEqual(refused('#score'), [{
      path: 'steps[0].id', rule: 'id-form',
      message: 'step id "#score" starts with "#"; a step id may hold any characters but "." and "\\", and may not start with "#" (the workflow would read it as the path to another state)',
    }]);
    assert.deepEqual(refused('score\\2'), [{
      path: 'steps[0].id', rule: 'id-form',
      message: 'step id "score\\2" contains "\\"; a step id may hold any characters but "." and "\\", and may not start with "#" (the workflow would read it as the path to another state)',
    }]);
    assert.deepEqual(refused('#first.score'), [{
      path: 'steps[0].id', rule: 'id-form',
      message: 'step id "#first.score" starts with "#" and contains "."; a step id may hold any characters but "." and "\\", and may not start with "#" (the workflow would read it as the path to another state)',
    }]);
    assert.deepEqual(refused('__proto__').map((problem) => `${problem.path} ${problem.rule}: ${problem.message}`), [
      'steps[0].id reserved-id: a step id cannot be "__proto__"',
      'steps[1].returnTo[0] unknown-step: "__proto__" is not a step of this chain',
      'appealTo unknown-step: appealTo "__proto__" is not a step of this chain',
    ]);
  });

  test('a misread step id is listed with the chain\'s other problems, each at its own path', () => {
    const chain: Chain = {
      id: 'W-X', label, appealTo: 'score',
      steps: [
        { id: 'score', kind: 'score', label, actor: { relationship: 'directLeader' } },
        { id: 'vp.review', kind: 'review', label, actor: { relationship: 'vp' }, returnTo: ['score'], dueDay: 0 },
      ],
    };
    assert.deepEqual(validateChain(chain), [
      {
        path: 'steps[1].id', rule: 'id-form',
        message: 'step id "vp.review" contains "."; a step id may hold any characters but "." and "\\", and may not start with "#" (the workflow would read it as the path to another state)',
      },
      { path: 'steps[1].dueDay', rule: 'range', message: 'dueDay is a day of month, 1 to 31' },
    ]);
  });

  test('a step id the chain accepts builds a machine that returns to it; one it refuses is refused whole, not by xstate', () => {
    for (const id of ['a#b', 'first score', '評分', 'constructor', '10']) {
      assert.deepEqual(validateChain(scoredAndReviewed(id)), [], id);
      const actor = createActor(createChainMachine(scoredAndReviewed(id)), { input: { employeeId: 'S1', roster: { [id]: ['R1'], review: ['V1'], publish: ['H1'] } } }).start();
      actor.send({ type: 'step.submit', actor: 'R1' });
      actor.send({ type: 'step.return', actor: 'V1', to: id, comment: 'recount' });
      assert.equal(actor.getSnapshot().value, id);
      actor.stop();
    }
    for (const id of ['a.b', '#a', 'a\\b', '__proto__']) {
      assert.throws(() => createChainMachine(scoredAndReviewed(id)), (error: unknown) => error instanceof KaoheInputError && error.problems[0]?.path === 'steps[0].id', id);
    }
  });

  test('a chain without a publish step is published by its publishBy role', () => {
    const chain: Chain = {
      id: 'W-X', label, appealTo: 'score', publishBy: 'gm',
      steps: [{ id: 'score', kind: 'score', label, actor: { relationship: 'directLeader' } }],
    };
    const normal = normaliseChain(chain);
    assert.deepEqual(normal.steps.map((step) => [step.id, step.kind, step.actor]), [
      ['score', 'score', { relationship: 'directLeader' }],
      ['publish', 'publish', { role: 'gm' }],
    ]);
  });
});

describe('resolveActors (rules.md §3 routing)', () => {
  test('a salesperson\'s regional manager is the regional manager of their region', () => {
    const score = stepOf(chainPresets['W-SP'], 'score');
    assert.deepEqual(resolveActors(score, person('S1'), directory, on), ['R1']);
    assert.deepEqual(resolveActors(score, person('S3'), directory, on), ['R2']);
  });

  test('where a region has no regional manager, the manager chain finds one', () => {
    assert.deepEqual(resolveActors(stepOf(chainPresets['W-SP'], 'score'), person('S4'), directory, on), ['R2']);
  });

  test('W-RM is scored by the head of sales planning, reviewed by the VP, then HR', () => {
    const chain = chainPresets['W-RM'];
    assert.deepEqual(chain.steps.map((step) => resolveActors(step, person('R1'), directory, on)), [['P1'], ['V1'], ['H1', 'H2'], ['H1', 'H2']]);
  });

  test('W-SV: the statisticians of the employee\'s own department compute, the department manager checks', () => {
    const chain = chainPresets['W-SV'];
    assert.deepEqual(resolveActors(stepOf(chain, 'statistics'), person('E1'), directory, on), ['ST1']);
    assert.deepEqual(resolveActors(stepOf(chain, 'departmentCheck'), person('E1'), directory, on), ['DM1']);
    assert.deepEqual(resolveActors(stepOf(chain, 'approval'), person('E1'), directory, on), ['G1']);
  });

  test('W-TR: the direct leader gives 初評 and the leader above 復評', () => {
    const chain = chainPresets['W-TR'];
    assert.deepEqual(resolveActors(stepOf(chain, 'self'), person('T1'), directory, on), ['T1']);
    assert.deepEqual(resolveActors(stepOf(chain, 'firstRating'), person('T1'), directory, on), ['L1']);
    assert.deepEqual(resolveActors(stepOf(chain, 'secondRating'), person('T1'), directory, on), ['L2']);
  });

  test('W-FS: each assessing group is its members; the appraised representative is never one of them', () => {
    const groups = stepOf(chainPresets['W-FS'], 'groups');
    const withRepInClaims = { people: directory.people.map((p) => (p.id === 'F1' ? { ...p, groups: ['claims'] } : p)) };
    assert.deepEqual(resolveGroupActors(groups, person('F1'), withRepInClaims, on), {
      fieldManagement: ['FM1'], correspondence: ['CO1'], claims: ['CL1', 'CL2'], technical: ['TE1'], parts: ['PA1'],
    });
  });

  test('nobody is routed their own appraisal: an HR officer\'s HR review goes to the other officer', () => {
    assert.deepEqual(resolveActors(stepOf(chainPresets['W-SP'], 'secondReview'), person('H1'), directory, on), ['H2']);
  });

  test('a delegation adds the delegate only between its start and end days', () => {
    const delegations = [{ from: 'V1', to: 'G1', start: '2026-11-03', end: '2026-11-04' }];
    const review = stepOf(chainPresets['W-SP'], 'firstReview');
    assert.deepEqual(resolveActors(review, person('S1'), directory, { date: '2026-11-03', timeZone: SHANGHAI, delegations }), ['G1', 'V1']);
    assert.deepEqual(resolveActors(review, person('S1'), directory, { date: '2026-11-04T23:59:00+08:00', timeZone: SHANGHAI, delegations }), ['G1', 'V1']);
    assert.deepEqual(resolveActors(review, person('S1'), directory, { date: '2026-11-05', timeZone: SHANGHAI, delegations }), ['V1']);
    assert.deepEqual(resolveActors(review, person('S1'), directory, { date: '2026-11-02', timeZone: SHANGHAI, delegations }), ['V1']);
  });
});
