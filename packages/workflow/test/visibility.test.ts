// Who sees what: employees after publication, lateral raters anonymous (TR-3), groups their own items.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { canRead, chainPresets, readersOf, commentsForViewer, pendingGroupsFor, redactForViewer, visibleItems, workflowOf } from '../src/index.ts';
import { accept, actsByStep, directory, during, fieldServiceItemGroups as itemGroups, finish, open, pathFrom, walk } from './fixtures.ts';

const sp = chainPresets['W-SP'];
const tr = chainPresets['W-TR'];
const fs = chainPresets['W-FS'];

describe('readersOf', () => {
  test('names exactly the people canRead admits, at every step of W-SP and W-TR', () => {
    for (const [chainId, employee] of [['W-SP', 'S1'], ['W-TR', 'T1']] as const) {
      const chain = chainPresets[chainId];
      let record = open(chainId, employee);
      const admitted = () => directory.people.map((person) => person.id).filter((id) => canRead(record, id, directory, chain)).sort();
      for (const [actor, action] of pathFrom(chainId)) {
        assert.deepEqual(readersOf(record, directory, chain), admitted(), `${chainId} at ${record.step}`);
        record = accept(record, chain, actor, action);
      }
      assert.equal(record.status, 'published');
      assert.deepEqual(readersOf(record, directory, chain), admitted(), `${chainId} published`);
      assert.ok(admitted().includes(employee) && admitted().length < directory.people.length);
    }
  });

  test('W-TR: the employee reads their self-evaluation, then is no reader until publication', () => {
    const record = open('W-TR', 'T1');
    assert.ok(readersOf(record, directory, tr).includes('T1'));
    assert.ok(!readersOf(accept(record, tr, 'T1', { type: 'step.submit' }), directory, tr).includes('T1'));
  });
});

describe('canRead', () => {
  test('a salesperson cannot read their appraisal until it is published', () => {
    let record = open('W-SP', 'S1');
    for (const [actor, action] of pathFrom('W-SP')) {
      assert.equal(canRead(record, 'S1', directory, sp), false, `hidden at ${record.step}`);
      record = accept(record, sp, actor, action);
    }
    assert.equal(canRead(record, 'S1', directory, sp), true);
  });

  test('everyone in the chain reads it; a colleague or another region\'s manager does not', () => {
    const record = open('W-SP', 'S1');
    for (const reader of ['R1', 'P2', 'V1', 'H1', 'H2']) assert.equal(canRead(record, reader, directory, sp), true, reader);
    for (const outsider of ['S2', 'R2', 'G1', 'CL1']) assert.equal(canRead(record, outsider, directory, sp), false, outsider);
  });

  test('the travelling employee reads their sheet at the self-evaluation step (TR-1), then not until publication', () => {
    const record = open('W-TR', 'T1');
    assert.equal(canRead(record, 'T1', directory, tr), true);
    assert.equal(canRead(accept(record, tr, 'T1', { type: 'step.submit' }), 'T1', directory, tr), false);
  });

  test('a delegate reads only while the delegation runs', () => {
    const record = open('W-HEAD', 'D1');
    const delegations = [{ from: 'C1', to: 'D2', start: '2026-11-01', end: '2026-11-10' }];
    assert.equal(canRead(record, 'D2', directory, chainPresets['W-HEAD'], { date: '2026-11-05', delegations }), true);
    assert.equal(canRead(record, 'D2', directory, chainPresets['W-HEAD'], { date: '2026-11-20', delegations }), false);
  });
});

describe('lateral raters stay anonymous to the employee (TR-3)', () => {
  const published = () => finish('W-TR', open('W-TR', 'T1'));

  test('the employee\'s view of the record names no lateral rater; HR\'s view does', () => {
    const record = published();
    assert.ok(JSON.stringify(record).includes('"X1"'), 'the stored record knows who rated');
    const mine = redactForViewer(record, 'T1', tr);
    assert.ok(!JSON.stringify(mine).includes('X1'), 'no trace of X1 in the employee\'s view');
    const lateral = workflowOf(mine).trail.find((entry) => entry.step === 'lateral');
    assert.deepEqual(lateral && { anonymous: lateral.anonymous, actor: lateral.actor }, { anonymous: true, actor: undefined });
    assert.equal(workflowOf(mine).trail.find((entry) => entry.step === 'firstRating')?.actor, 'L1', 'the leaders are not anonymous');
    assert.equal(redactForViewer(record, 'H1', tr), record);
  });

  test('returned to self-evaluation (W-TR), the employee reads the lateral comment signed by its step, not by the rater; the leader reads who wrote it', () => {
    const returned = walk(open('W-TR', 'T1'), tr, [
      ['T1', { type: 'step.submit' }],
      ['X1', { type: 'group.submit', group: 'lateral', comment: 'Always reachable on the Xiamen site' }],
      ['L1', { type: 'step.return', to: 'self', comment: 'Add the October trips' }],
    ]);
    assert.equal(canRead(returned, 'T1', directory, tr), true, 'the employee opens it again at their own step');
    const signature = (actor: string | undefined, step: string) => actor === undefined
      ? `(${step})`
      : directory.people.find((person) => person.id === actor)?.name ?? actor;
    const read = (viewer: string) => commentsForViewer(returned, viewer, tr, signature).map(({ by, text }) => [by, text]);
    assert.deepEqual(read('T1'), [['(lateral)', 'Always reachable on the Xiamen site'], ['Direct leader', 'Add the October trips']]);
    assert.deepEqual(read('L1'), [['Lateral rater (parts)', 'Always reachable on the Xiamen site'], ['Direct leader', 'Add the October trips']]);
  });
});

describe('visibleItems: an assessing group sees and edits only its items (R-FS)', () => {
  // FS-10 names no group on the page; the R-FS preset gives it to claims, who find the false claims.
  test('索賠組 sees FS-2, FS-4a and FS-10 and edits them while it has not submitted', () => {
    const record = open('W-FS', 'F1');
    const claims = ['FS-2', 'FS-4a', 'FS-10'];
    assert.deepEqual(visibleItems(record, 'CL1', { directory, chain: fs, itemGroups }), { read: claims, edit: claims });
    const submitted = accept(record, fs, 'CL1', { type: 'group.submit', group: 'claims' });
    assert.deepEqual(visibleItems(submitted, 'CL1', { directory, chain: fs, itemGroups }), { read: claims, edit: [] });
  });

  test('配件組 and 函電組 share FS-4b; 技術組 sees FS-7 and FS-9', () => {
    const record = open('W-FS', 'F1');
    assert.deepEqual(visibleItems(record, 'PA1', { directory, chain: fs, itemGroups }).read, ['FS-2', 'FS-4b']);
    assert.deepEqual(visibleItems(record, 'CO1', { directory, chain: fs, itemGroups }).read, ['FS-2', 'FS-3', 'FS-4b', 'FS-5']);
    assert.deepEqual(visibleItems(record, 'TE1', { directory, chain: fs, itemGroups }).read, ['FS-2', 'FS-7', 'FS-9']);
  });

  test('the reviewing service manager reads every item and changes none of them: each R-FS item is a group\'s', () => {
    const record = open('W-FS', 'F1');
    const all = Object.keys(itemGroups);
    assert.deepEqual(visibleItems(record, 'M1', { directory, chain: fs, itemGroups }), { read: all, edit: [] });
    const atReview = walk(record, fs, actsByStep['W-FS'].acts.groups ?? []);
    // R-FS names a group on every item (FS-10 too: 索賠組); a group's score is changed by returning the
    // sheet to the groups, so the review changes no item (it records the attendance: see itemsAtStep).
    assert.deepEqual(visibleItems(atReview, 'M1', { directory, chain: fs, itemGroups }), { read: all, edit: [] });
  });

  test('the representative sees nothing before publication and every item after, editing none', () => {
    const record = open('W-FS', 'F1');
    assert.deepEqual(visibleItems(record, 'F1', { directory, chain: fs, itemGroups }), { read: [], edit: [] });
    const published = finish('W-FS', record);
    assert.deepEqual(visibleItems(published, 'F1', { directory, chain: fs, itemGroups }), { read: Object.keys(itemGroups), edit: [] });
  });
});

describe('pendingGroupsFor: the groups a user still scores for at a group step (W-FS)', () => {
  const lent = [{ from: 'CL1', to: 'D2', start: '2026-11-01', end: '2026-11-10' }];

  test('a delegate of a 索賠組 member scores for claims while the delegation runs, and the chain takes their claims items', () => {
    const record = open('W-FS', 'F1');
    assert.deepEqual(pendingGroupsFor(record, 'D2', { directory, chain: fs, now: during, delegations: lent }), ['claims']);
    assert.deepEqual(pendingGroupsFor(record, 'D2', { directory, chain: fs, now: '2026-11-20T10:00:00+08:00', delegations: lent }), [], 'not after the delegation ends');
    assert.deepEqual(pendingGroupsFor(record, 'D2', { directory, chain: fs, now: during }), [], 'not without the delegation');
    const submitted = accept(record, fs, 'D2', { type: 'group.submit', group: 'claims', entries: { 'FS-4a': { points: '9' } } }, { delegations: lent, itemGroups });
    assert.deepEqual(pendingGroupsFor(submitted, 'D2', { directory, chain: fs, now: during, delegations: lent }), [], 'claims has handed in');
    assert.deepEqual(pendingGroupsFor(submitted, 'CL2', { directory, chain: fs, now: during }), [], 'for every member of claims');
  });

  test('members score for their own groups only; the reviewing manager and the representative for none', () => {
    const record = open('W-FS', 'F1');
    const now = { directory, chain: fs, now: during };
    assert.deepEqual(pendingGroupsFor(record, 'CO1', now), ['correspondence']);
    assert.deepEqual(pendingGroupsFor(record, 'FM1', now), ['fieldManagement']);
    assert.deepEqual(pendingGroupsFor(record, 'M1', now), []);
    assert.deepEqual(pendingGroupsFor(record, 'F1', now), []);
    assert.deepEqual(pendingGroupsFor(walk(record, fs, actsByStep['W-FS'].acts.groups ?? []), 'CO1', now), [], 'past the group step');
  });
});
