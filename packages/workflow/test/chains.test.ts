// Every chain of rules.md §3, driven through the pure façade: happy path, return and resubmit,
// appeal and reopen.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chainPresets, isGroupStep, workflowOf } from '../src/index.ts';
import { accept, actsByStep, finish, open, pathFrom, publish, refuse, walk } from './fixtures.ts';
import type { PresetId } from './fixtures.ts';
import type { AppraisalRecord } from '../src/index.ts';

const presets = Object.keys(chainPresets) as PresetId[];

describe('happy paths to publication (rules.md §3)', () => {
  for (const preset of presets) {
    const chain = chainPresets[preset];
    test(`${preset}: ${chain.label.en} passes every step in order and ends published`, () => {
      const { employee } = actsByStep[preset];
      let record = open(preset, employee);
      assert.equal(record.revision, 0);
      assert.equal(record.step, chain.steps[0]?.id);
      const visited = [record.step];
      for (const [actor, action] of pathFrom(preset)) {
        assert.ok(record.assignees.includes(actor), `${actor} has the task at ${record.step} (assignees: ${record.assignees.join(', ')})`);
        const next = accept(record, chain, actor, action);
        assert.equal(next.revision, record.revision + 1, 'every accepted action adds one revision');
        assert.equal(next.updatedBy, actor);
        assert.equal(next.lastAudit.actor, actor);
        assert.equal(next.lastAudit.action, action.type);
        assert.deepEqual((next.lastAudit.before as { step: string }).step, record.step);
        if (visited[visited.length - 1] !== next.step) visited.push(next.step);
        record = next;
      }
      assert.deepEqual(visited, chain.steps.map((step) => step.id), 'no step is skipped or repeated');
      assert.equal(record.status, 'published');
      assert.deepEqual(record.assignees, [], 'nobody has a task on a published appraisal');
      assert.equal(record.dueDate, undefined);
    });
  }

  test('W-SP: the regional manager scores, sales planning summarises, the VP 初審 and HR 復審 before publication', () => {
    const chain = chainPresets['W-SP'];
    let record = open('W-SP', 'S1');
    assert.equal(record.status, 'open');
    assert.deepEqual(record.assignees, ['R1']);
    record = accept(record, chain, 'R1', { type: 'step.submit', entries: { 'SP-D1': { count: 1 } } });
    assert.equal(record.status, 'inReview');
    assert.deepEqual(record.assignees, ['P2']);
    assert.deepEqual(record.sheet.entries['SP-D1'], { count: 1 });
    record = walk(record, chain, [...pathFrom('W-SP', 'summarise')].slice(0, 3));
    assert.equal(record.status, 'approved', 'after HR 復審 the appraisal is approved and waits to be published');
    assert.deepEqual(record.assignees, ['H1', 'H2']);
  });
});

describe('return with a comment, then resubmit', () => {
  for (const preset of presets) {
    const chain = chainPresets[preset];
    const returner = chain.steps.find((step) => step.returnTo?.length);
    if (!returner) continue;
    const target = returner.returnTo?.[0] as string;
    const targetStep = chain.steps.find((step) => step.id === target);
    test(`${preset}: "${returner.label.en}" returns to "${target}" with a comment and gets it back on resubmission`, () => {
      let record = open(preset, actsByStep[preset].employee);
      while (record.step !== returner.id) record = walk(record, chain, actsByStep[preset].acts[record.step] ?? []);
      const returned = accept(record, chain, record.assignees[0] as string, { type: 'step.return', to: target, comment: 'SP-W3: the visit record is missing' });
      assert.equal(returned.step, target);
      assert.equal(returned.lastAudit.comment, 'SP-W3: the visit record is missing');
      assert.deepEqual(workflowOf(returned).returns, [returner.id]);

      // The returned step answers, and the appraisal goes straight back to the step that returned it.
      let back: AppraisalRecord;
      if (targetStep && isGroupStep(targetStep)) {
        assert.deepEqual(workflowOf(returned).groupsDone, [], 'a returned group step starts over for every group');
        back = walk(returned, chain, actsByStep[preset].acts[target] ?? []);
      } else {
        assert.ok(workflowOf(returned).actions.includes('step.resubmit'));
        back = accept(returned, chain, returned.assignees[0] as string, { type: 'step.resubmit', comment: 'record attached' });
      }
      assert.equal(back.step, returner.id);
      assert.deepEqual(workflowOf(back).returns, []);
      assert.equal(finish(preset, back).status, 'published');
    });
  }

  test('W-SP: HR 復審 returns past the VP to the regional manager; the VP is not asked again', () => {
    const chain = chainPresets['W-SP'];
    let record = walk(open('W-SP', 'S1'), chain, pathFrom('W-SP').slice(0, 3));
    assert.equal(record.step, 'secondReview');
    record = accept(record, chain, 'H1', { type: 'step.return', to: 'score', comment: 'RM-2 guidance not recorded' });
    assert.equal(record.status, 'open');
    assert.deepEqual(record.assignees, ['R1']);
    record = accept(record, chain, 'R1', { type: 'step.resubmit' });
    assert.equal(record.step, 'secondReview');
    assert.deepEqual(record.assignees, ['H1', 'H2']);
  });

  test('a step returned twice in a row goes back along the same way: summarise, then HR 復審', () => {
    const chain = chainPresets['W-SP'];
    let record = walk(open('W-SP', 'S1'), chain, pathFrom('W-SP').slice(0, 3));
    record = accept(record, chain, 'H1', { type: 'step.return', to: 'summarise', comment: 'totals do not match' });
    record = accept(record, chain, 'P2', { type: 'step.return', to: 'score', comment: 'SP-D6 rebate form date?' });
    assert.deepEqual(workflowOf(record).returns, ['secondReview', 'summarise']);
    record = accept(record, chain, 'R1', { type: 'step.resubmit' });
    assert.equal(record.step, 'summarise');
    record = accept(record, chain, 'P2', { type: 'step.resubmit' });
    assert.equal(record.step, 'secondReview');
  });

  test('a returned step must be resubmitted, not submitted along the chain again', () => {
    const chain = chainPresets['W-SP'];
    let record = walk(open('W-SP', 'S1'), chain, pathFrom('W-SP').slice(0, 2));
    record = accept(record, chain, 'V1', { type: 'step.return', to: 'score', comment: 'check SP-D1' });
    assert.equal(refuse(record, chain, 'R1', { type: 'step.submit' }).code, 'resubmitRequired');
  });

  test('W-HEAD has no step that can return: a return is refused as not returnable', () => {
    const chain = chainPresets['W-HEAD'];
    const record = accept(open('W-HEAD', 'D1'), chain, 'C1', { type: 'step.submit' });
    assert.equal(refuse(record, chain, 'H1', { type: 'step.return', to: 'score', comment: 'please rescore' }).code, 'notReturnable');
  });
});

describe('appeal and reopen', () => {
  for (const preset of presets) {
    const chain = chainPresets[preset];
    test(`${preset}: an appeal goes to "${chain.appealTo}" and is published again; HR then reopens it at the first step`, () => {
      const { employee } = actsByStep[preset];
      const published = publish(preset);

      assert.equal(refuse(published, chain, employee, { type: 'employee.appeal', comment: ' ' }).code, 'missingComment');
      const appealed = accept(published, chain, employee, { type: 'employee.appeal', comment: 'my FS-2 absences were approved leave' });
      assert.equal(appealed.status, 'appealed');
      assert.equal(appealed.step, chain.appealTo);
      assert.ok(appealed.assignees.length > 0, 'somebody hears the appeal');
      assert.ok(!appealed.assignees.includes(employee), 'nobody hears their own appeal');
      assert.equal(appealed.lastAudit.comment, 'my FS-2 absences were approved leave');

      const again = finish(preset, appealed);
      assert.equal(again.status, 'published');

      assert.equal(refuse(again, chain, 'H1', { type: 'hr.reopen', reason: '' }).code, 'missingReason');
      const reopened = accept(again, chain, 'H1', { type: 'hr.reopen', reason: 'payroll found an attendance error (C-2)' });
      assert.equal(reopened.status, 'reopened');
      assert.equal(reopened.step, chain.steps[0]?.id, 'a reopen goes back to the first step unless HR names another');
      assert.equal(reopened.lastAudit.comment, 'payroll found an attendance error (C-2)');
      const republished = finish(preset, reopened);
      assert.equal(republished.status, 'published');
      assert.equal(republished.revision, reopened.revision + pathFrom(preset).length);
    });
  }

  test('HR reopens a published W-SP appraisal at HR 復審 when it names that step', () => {
    const chain = chainPresets['W-SP'];
    const reopened = accept(publish('W-SP'), chain, 'H2', { type: 'hr.reopen', reason: 'typo in SP-M', to: 'secondReview' });
    assert.equal(reopened.step, 'secondReview');
    assert.deepEqual(reopened.assignees, ['H1', 'H2']);
    assert.equal(refuse(publish('W-SP'), chain, 'H2', { type: 'hr.reopen', reason: 'x', to: 'nowhere' }).code, 'unknownStep');
  });

  test('an employee who acknowledged the result can no longer appeal it', () => {
    const chain = chainPresets['W-SP'];
    const acknowledged = accept(publish('W-SP'), chain, 'S1', { type: 'employee.acknowledge' });
    assert.equal(acknowledged.status, 'published');
    assert.equal(workflowOf(acknowledged).acknowledged, true);
    assert.equal(refuse(acknowledged, chain, 'S1', { type: 'employee.appeal', comment: 'on reflection, no' }).code, 'alreadyAcknowledged');
    assert.equal(refuse(acknowledged, chain, 'S1', { type: 'employee.acknowledge' }).code, 'alreadyAcknowledged');
  });
});
