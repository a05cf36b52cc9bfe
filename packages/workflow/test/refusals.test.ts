// Every illegal action is refused with a reason code and a message, never ignored, and leaves the
// record as it was (the `refuse` helper checks that).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allowedActions, chainPresets, tasksFor } from '../src/index.ts';
import { accept, directory, during, fieldServiceItemGroups as itemGroups, open, pathFrom, publish, refuse, walk } from './fixtures.ts';

const sp = chainPresets['W-SP'];

describe('who may act (rules.md §3)', () => {
  test('the regional manager of another region cannot score a salesperson (wrong person)', () => {
    const reason = refuse(open('W-SP', 'S1'), sp, 'R2', { type: 'step.submit' });
    assert.equal(reason.code, 'notAssignee');
  });

  test('nobody scores their own appraisal: a regional manager cannot push their own W-RM sheet along', () => {
    const record = open('W-RM', 'R1');
    assert.ok(!record.assignees.includes('R1'));
    assert.equal(refuse(record, chainPresets['W-RM'], 'R1', { type: 'step.submit' }).code, 'ownAppraisal');
    assert.equal(refuse(record, chainPresets['W-RM'], 'R1', { type: 'draft.save', entries: { 'RM-1a': { points: '20' } } }).code, 'ownAppraisal');
  });

  test('an HR officer\'s own appraisal is reviewed and published by the other HR officer only', () => {
    const chain = chainPresets['W-HEAD'];
    const hrPerson = open('W-HEAD', 'H2');
    const atPublish = accept(hrPerson, chain, 'C1', { type: 'step.submit' });
    assert.deepEqual(atPublish.assignees, ['H1']);
    assert.equal(refuse(atPublish, chain, 'H2', { type: 'appraisal.publish' }).code, 'ownAppraisal');
    const published = accept(atPublish, chain, 'H1', { type: 'appraisal.publish' });
    assert.equal(refuse(published, chain, 'H2', { type: 'hr.reopen', reason: 'I disagree' }).code, 'ownAppraisal');
  });

  test('the self step is the employee\'s own: the direct leader cannot write the self-evaluation (TR-1)', () => {
    const chain = chainPresets['W-TR'];
    const record = open('W-TR', 'T1');
    assert.deepEqual(record.assignees, ['T1']);
    assert.equal(refuse(record, chain, 'L1', { type: 'step.submit' }).code, 'notAssignee');
    assert.equal(accept(record, chain, 'T1', { type: 'step.submit', entries: { 'TR-1': { comment: 'visited 14 sites' } } }).step, 'lateral');
  });

  test('a reviewer approves, a scorer submits: the wrong verb is refused', () => {
    assert.equal(refuse(open('W-SP', 'S1'), sp, 'R1', { type: 'step.approve' }).code, 'wrongAction');
    const atReview = walk(open('W-SP', 'S1'), sp, pathFrom('W-SP').slice(0, 2));
    assert.equal(refuse(atReview, sp, 'V1', { type: 'step.submit' }).code, 'wrongAction');
  });
});

describe('comments, returns and resubmissions', () => {
  const atFirstReview = () => walk(open('W-SP', 'S1'), sp, pathFrom('W-SP').slice(0, 2));

  test('a return without a comment is refused: the scorer must learn what to change', () => {
    assert.equal(refuse(atFirstReview(), sp, 'V1', { type: 'step.return', to: 'score', comment: '   ' }).code, 'missingComment');
  });

  test('a step returns only to the steps its chain lists', () => {
    const record = walk(open('W-SP', 'S1'), sp, pathFrom('W-SP').slice(0, 1));
    assert.equal(refuse(record, sp, 'P2', { type: 'step.return', to: 'firstReview', comment: 'x' }).code, 'notReturnable');
    assert.equal(refuse(open('W-SP', 'S1'), sp, 'R1', { type: 'step.return', to: 'score', comment: 'x' }).code, 'notReturnable');
  });

  test('resubmitting a step nobody returned is refused', () => {
    assert.equal(refuse(open('W-SP', 'S1'), sp, 'R1', { type: 'step.resubmit' }).code, 'notReturned');
  });
});

describe('publication', () => {
  test('publishing before the final approval is refused', () => {
    const reason = refuse(walk(open('W-SP', 'S1'), sp, pathFrom('W-SP').slice(0, 3)), sp, 'H1', { type: 'appraisal.publish' });
    assert.equal(reason.code, 'notFinallyApproved');
    assert.match(reason.message, /HR second review/);
  });

  test('only the publisher publishes: the VP cannot publish an approved appraisal', () => {
    const approved = walk(open('W-SP', 'S1'), sp, pathFrom('W-SP').slice(0, 4));
    assert.equal(approved.status, 'approved');
    assert.equal(refuse(approved, sp, 'V1', { type: 'appraisal.publish' }).code, 'notAssignee');
  });

  test('a published appraisal is not published, scored or edited again', () => {
    const published = publish('W-SP');
    assert.equal(refuse(published, sp, 'H1', { type: 'appraisal.publish' }).code, 'alreadyPublished');
    assert.equal(refuse(published, sp, 'R1', { type: 'step.submit' }).code, 'alreadyPublished');
    assert.equal(refuse(published, sp, 'R1', { type: 'draft.save', entries: { 'SP-D1': { count: 0 } } }).code, 'readOnly');
  });

  test('an employee cannot appeal or acknowledge before publication, nor for someone else', () => {
    assert.equal(refuse(open('W-SP', 'S1'), sp, 'S1', { type: 'employee.appeal', comment: 'unfair' }).code, 'notPublished');
    assert.equal(refuse(publish('W-SP'), sp, 'S2', { type: 'employee.appeal', comment: 'unfair to S1' }).code, 'notEmployee');
    assert.equal(refuse(publish('W-SP'), sp, 'S2', { type: 'employee.acknowledge' }).code, 'notEmployee');
  });

  test('only HR reopens a published appraisal', () => {
    assert.equal(refuse(publish('W-SP'), sp, 'V1', { type: 'hr.reopen', reason: 'second thoughts' }).code, 'notReopener');
    assert.equal(refuse(open('W-SP', 'S1'), sp, 'H1', { type: 'hr.reopen', reason: 'x' }).code, 'notPublished');
  });

  test('an action with a chain other than the appraisal\'s own is refused', () => {
    assert.equal(refuse(open('W-SP', 'S1'), chainPresets['W-RM'], 'R1', { type: 'step.submit' }).code, 'chainMismatch');
  });
});

describe('parallel assessing groups (W-FS)', () => {
  const fs = chainPresets['W-FS'];
  const groups: Array<[string, string]> = [['FM1', 'fieldManagement'], ['CO1', 'correspondence'], ['CL1', 'claims'], ['TE1', 'technical'], ['PA1', 'parts']];

  test('the group step completes only when all five groups have submitted, in any order', () => {
    let record = open('W-FS', 'F1');
    assert.deepEqual(record.assignees, ['CL1', 'CL2', 'CO1', 'FM1', 'PA1', 'TE1']);
    for (const [index, [actor, group]] of [...groups].reverse().entries()) {
      assert.equal(record.step, 'groups', `still scoring after ${index} of 5 groups`);
      record = accept(record, fs, actor, { type: 'group.submit', group });
      assert.ok(!record.assignees.includes(actor), `${group} has no task once it has submitted`);
    }
    assert.equal(record.step, 'review');
    assert.deepEqual(record.assignees, ['M1']);
  });

  test('closing the group step by hand while a group is missing is refused and names the missing groups', () => {
    const record = walk(open('W-FS', 'F1'), fs, groups.slice(0, 4).map(([actor, group]) => [actor, { type: 'group.submit', group }]));
    const reason = refuse(record, fs, 'FM1', { type: 'step.submit' });
    assert.equal(reason.code, 'groupsIncomplete');
    assert.match(reason.message, /parts/);
  });

  test('one member submits for the group; a second submission from the same group is refused', () => {
    const record = accept(open('W-FS', 'F1'), fs, 'CL2', { type: 'group.submit', group: 'claims' });
    assert.equal(refuse(record, fs, 'CL1', { type: 'group.submit', group: 'claims' }).code, 'groupAlreadySubmitted');
  });

  test('a member of one group cannot submit for another, nor can an outsider', () => {
    const record = open('W-FS', 'F1');
    assert.equal(refuse(record, fs, 'CL1', { type: 'group.submit', group: 'parts' }).code, 'notInGroup');
    assert.equal(refuse(record, fs, 'R1', { type: 'group.submit', group: 'parts' }).code, 'notInGroup');
    assert.equal(refuse(record, fs, 'CL1', { type: 'group.submit', group: 'sales' }).code, 'unknownGroup');
    assert.equal(refuse(open('W-SP', 'S1'), sp, 'R1', { type: 'group.submit', group: 'claims' }).code, 'notAGroupStep');
  });

  test('索賠組 edits FS-4a (its own item) but not FS-1 (field management\'s)', () => {
    const record = open('W-FS', 'F1');
    const saved = accept(record, fs, 'CL1', { type: 'draft.save', entries: { 'FS-4a': { deductions: [{ amount: '2', reason: 'blanks' }] } } }, { itemGroups });
    assert.deepEqual(saved.lastAudit.after, {
      revision: 1, status: 'open', step: 'groups', assignees: record.assignees,
      entries: { 'FS-4a': { deductions: [{ amount: '2', reason: 'blanks' }] } },
    });
    assert.equal(refuse(record, fs, 'CL1', { type: 'group.submit', group: 'claims', entries: { 'FS-1': { level: 'proficient' } } }, { itemGroups }).code, 'itemNotInGroup');
    assert.equal(refuse(record, fs, 'CL1', { type: 'draft.save', entries: { 'FS-4a': { count: 1 } } }).code, 'itemGroupsUnknown');
  });
});

describe('delegation (W-HEAD: "the chairman or an authorised person")', () => {
  const head = chainPresets['W-HEAD'];
  const delegation = { from: 'C1', to: 'D2', start: '2026-11-01', end: '2026-11-10' };

  test('the authorised person scores within the delegation\'s dates', () => {
    const record = open('W-HEAD', 'D1');
    const next = accept(record, head, 'D2', { type: 'step.submit' }, { delegations: [delegation], now: '2026-11-10T18:00:00+08:00' });
    assert.equal(next.step, 'publish');
    assert.equal(next.updatedBy, 'D2');
  });

  test('before or after the delegation\'s dates the authorised person is refused', () => {
    const record = open('W-HEAD', 'D1');
    assert.equal(refuse(record, head, 'D2', { type: 'step.submit' }, { delegations: [delegation], now: '2026-11-11T09:00:00+08:00' }).code, 'notAssignee');
    assert.equal(refuse(record, head, 'D2', { type: 'step.submit' }, { delegations: [delegation], now: '2026-10-31T09:00:00+08:00' }).code, 'notAssignee');
  });

  test('the chairman keeps the right while the delegation runs', () => {
    const next = accept(open('W-HEAD', 'D1'), head, 'C1', { type: 'step.submit' }, { delegations: [delegation] });
    assert.equal(next.step, 'publish');
  });

  test('a delegation never lets someone act on their own appraisal', () => {
    const toSelf = { from: 'C1', to: 'D1', start: '2026-11-01', end: '2026-11-30' };
    assert.equal(refuse(open('W-HEAD', 'D1'), head, 'D1', { type: 'step.submit' }, { delegations: [toSelf] }).code, 'ownAppraisal');
  });

  test('the delegate\'s task appears in their inbox during the delegation and disappears after it', () => {
    const withDelegation = { ...directory, delegations: [delegation] };
    const record = open('W-HEAD', 'D1');
    const saved = accept(record, head, 'C1', { type: 'draft.save' }, { directory: withDelegation });
    assert.deepEqual(saved.assignees, ['C1', 'D2']);
    assert.deepEqual(tasksFor(saved, 'D2', during, 'Asia/Shanghai')?.onBehalfOf, ['C1']);
    assert.equal(tasksFor(saved, 'D2', '2026-11-11T09:00:00+08:00', 'Asia/Shanghai'), null);
    assert.notEqual(tasksFor(saved, 'C1', '2026-11-11T09:00:00+08:00', 'Asia/Shanghai'), null);
  });
});

describe('allowed actions: what the UI offers', () => {
  const ctx = { directory, chain: sp, now: during };

  test('the regional manager may save a draft or submit; the VP nothing yet; the employee nothing', () => {
    const record = open('W-SP', 'S1');
    assert.deepEqual(allowedActions(record, 'R1', ctx).sort(), ['draft.save', 'step.submit']);
    assert.deepEqual(allowedActions(record, 'V1', ctx), []);
    assert.deepEqual(allowedActions(record, 'S1', ctx), []);
  });

  test('the VP at 初審 may approve or return to either earlier step', () => {
    const record = walk(open('W-SP', 'S1'), sp, pathFrom('W-SP').slice(0, 2));
    assert.deepEqual(allowedActions(record, 'V1', ctx).sort(), ['draft.save', 'step.approve', 'step.return']);
  });

  test('once published, the employee may acknowledge or appeal and HR may reopen', () => {
    const record = publish('W-SP');
    assert.deepEqual(allowedActions(record, 'S1', ctx).sort(), ['employee.acknowledge', 'employee.appeal']);
    assert.deepEqual(allowedActions(record, 'H1', ctx), ['hr.reopen']);
    assert.deepEqual(allowedActions(record, 'R1', ctx), []);
  });
});
