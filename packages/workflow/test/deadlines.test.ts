// Deadlines 時限 (rules.md §4) and tasks.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chainPresets, dueDate, inbox, isOverdue, tasksFor } from '../src/index.ts';
import type { ChainStep } from '../src/index.ts';
import { accept, open, pathFrom, publish, walk } from './fixtures.ts';

const SHANGHAI = 'Asia/Shanghai';

const stepOf = (preset: keyof typeof chainPresets, id: string) => chainPresets[preset].steps.find((step) => step.id === id) as ChainStep;

describe('dueDate', () => {
  test('sales staff appraisal forms reach HR before the 8th of the next month: October\'s are due on 7 November', () => {
    assert.equal(dueDate(stepOf('W-SP', 'score'), '2026-10'), '2026-11-07');
    assert.equal(dueDate(stepOf('W-SP', 'firstReview'), '2026-10'), '2026-11-07');
    assert.equal(dueDate(stepOf('W-RM', 'score'), '2026-10'), '2026-11-07');
  });

  test('December\'s forms are due in January of the next year', () => {
    assert.equal(dueDate(stepOf('W-SP', 'score'), '2026-12'), '2027-01-07');
  });

  test('W-SV statistics run to the 15th and performance pay is published before the 20th', () => {
    assert.equal(dueDate(stepOf('W-SV', 'statistics'), '2026-10'), '2026-11-15');
    assert.equal(dueDate(stepOf('W-SV', 'publish'), '2026-10'), '2026-11-19');
  });

  test('a step the page gives no date has none', () => {
    assert.equal(dueDate(stepOf('W-SP', 'secondReview'), '2026-10'), undefined);
  });

  test('a chain can move a deadline through the calendar; a day past the month\'s end is its last day', () => {
    const step = stepOf('W-SP', 'score');
    // RM-4: "before the 30th" of the period's own month; February has no 29th or 30th in 2027.
    assert.equal(dueDate(step, '2027-02', { dueDays: { score: { day: 29, monthOffset: 0 } } }), '2027-02-28');
  });

  test('a due date on a closed day moves to the open day before it (or after, if the calendar says so)', () => {
    const step = stepOf('W-SV', 'statistics');
    // 15 November 2026 is a Sunday.
    assert.equal(dueDate(step, '2026-10', { closedWeekdays: [0, 6] }), '2026-11-13');
    assert.equal(dueDate(step, '2026-10', { closedWeekdays: [0, 6], closedDayRule: 'later' }), '2026-11-16');
    assert.equal(dueDate(step, '2026-10', { closedDays: ['2026-11-15', '2026-11-14'] }), '2026-11-13');
  });
});

describe('overdue and tasks', () => {
  test('an appraisal opened for October carries the 7 November deadline and is overdue from the 8th', () => {
    const record = open('W-SP', 'S1');
    assert.equal(record.dueDate, '2026-11-07');
    assert.equal(isOverdue(record, '2026-11-07T23:30:00+08:00', SHANGHAI), false, 'the whole due day is on time');
    assert.equal(isOverdue(record, '2026-11-08T08:00:00+08:00', SHANGHAI), true);
  });

  test('a published appraisal is never overdue', () => {
    const record = publish('W-SP');
    assert.equal(isOverdue({ ...record, dueDate: '2026-11-07' }, '2027-01-01', SHANGHAI), false);
  });

  test('a late submission is accepted but marked late in the audit', () => {
    const late = accept(open('W-SP', 'S1'), chainPresets['W-SP'], 'R1', { type: 'step.submit' }, { now: '2026-11-09T10:00:00+08:00' });
    assert.equal((late.lastAudit.after as { late?: boolean }).late, true);
    const onTime = accept(open('W-SP', 'S1'), chainPresets['W-SP'], 'R1', { type: 'step.submit' }, { now: '2026-11-07T10:00:00+08:00' });
    assert.equal((onTime.lastAudit.after as { late?: boolean }).late, undefined);
  });

  test('the regional manager\'s task shows the step, the deadline, overdue and the allowed actions', () => {
    const record = open('W-SP', 'S1');
    assert.deepEqual(tasksFor(record, 'R1', '2026-11-09T09:00:00+08:00', SHANGHAI), {
      appraisalId: '2026-10:S1', employeeId: 'S1', period: '2026-10', step: 'score', status: 'open',
      dueDate: '2026-11-07', overdue: true, actions: ['draft.save', 'step.submit'],
    });
    assert.equal(tasksFor(record, 'V1', '2026-11-09', SHANGHAI), null, 'the VP has nothing to do yet');
    assert.equal(tasksFor(record, 'S1', '2026-11-09', SHANGHAI), null, 'the employee has no task on their own appraisal');
  });

  test('the W-SV statisticians\' task opens on the 10th and is due on the 15th', () => {
    const task = tasksFor(open('W-SV', 'E1'), 'ST1', '2026-11-05', SHANGHAI);
    assert.equal(task?.startDate, '2026-11-10');
    assert.equal(task?.dueDate, '2026-11-15');
    assert.equal(task?.overdue, false);
  });

  test('HR\'s inbox lists overdue tasks first, then by deadline, then those without one', () => {
    const spAtHr = walk(open('W-SP', 'S2'), chainPresets['W-SP'], pathFrom('W-SP').slice(0, 3));
    const svToPublish = walk(open('W-SV', 'E1'), chainPresets['W-SV'], pathFrom('W-SV').slice(0, 4));
    const headToPublish = walk(open('W-HEAD', 'D1'), chainPresets['W-HEAD'], pathFrom('W-HEAD').slice(0, 1), {
      calendar: { dueDays: { publish: { day: 3 } } },
    });
    const notHers = open('W-SP', 'S1');
    const tasks = inbox([spAtHr, svToPublish, notHers, headToPublish], 'H1', '2026-11-08', SHANGHAI);
    assert.deepEqual(tasks.map((task) => [task.appraisalId, task.dueDate ?? null, task.overdue]), [
      ['2026-10:D1', '2026-11-03', true],
      ['2026-10:E1', '2026-11-19', false],
      ['2026-10:S2', null, false],
    ]);
  });
});
