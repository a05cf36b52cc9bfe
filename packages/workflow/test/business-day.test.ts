// The company's day (WorkCalendar.timeZone): deadlines, overdue, delegations and periods are judged
// on the calendar of the company's time zone, never on UTC's.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { businessDay, canonicalTimeZone, chainPresets, inbox, periodOf, resolveActors, tasksFor } from '../src/index.ts';
import type { ChainStep, WorkCalendar } from '../src/index.ts';
import { accept, directory, open, walk } from './fixtures.ts';

const shanghai: WorkCalendar = { timeZone: 'Asia/Shanghai' };
const london: WorkCalendar = { timeZone: 'Europe/London' };
const sp = chainPresets['W-SP'];

// 23:30 UTC on Saturday 7 November 2026: 07:30 on Sunday the 8th in Shanghai (UTC+8); 23:30 on the
// 7th in London (GMT, UTC+0, since summer time ended on 25 October).
const lateEvening = '2026-11-07T23:30:00Z';

describe('businessDay and periodOf', () => {
  test('the same instant is the 8th in Shanghai and the 7th in London', () => {
    assert.equal(businessDay(lateEvening, 'Asia/Shanghai'), '2026-11-08');
    assert.equal(businessDay(lateEvening, 'Europe/London'), '2026-11-07');
    assert.equal(businessDay(lateEvening, 'UTC'), '2026-11-07');
  });

  test('summer time comes from the zone\'s rules: 23:30 UTC on 7 July is already the 8th in London (BST, UTC+1)', () => {
    assert.equal(businessDay('2026-07-07T23:30:00Z', 'Europe/London'), '2026-07-08');
    assert.equal(businessDay('2026-07-07T22:59:00Z', 'Europe/London'), '2026-07-07');
  });

  test('an offset in the timestamp names the instant, not the day: 01:00 in Shanghai is still the day before in London', () => {
    assert.equal(businessDay('2026-11-08T01:00:00+08:00', 'Europe/London'), '2026-11-07');
    assert.equal(businessDay('2026-11-08T01:00:00+08:00', 'Asia/Shanghai'), '2026-11-08');
  });

  test('a day stays that day, and a time without an offset is read on the company\'s clock', () => {
    assert.equal(businessDay('2026-11-07', 'Asia/Shanghai'), '2026-11-07');
    assert.equal(businessDay('2026-11-07T23:30', 'Asia/Shanghai'), '2026-11-07');
  });

  test('the period an action belongs to: 00:30 on 1 November in Shanghai is November, in London still October', () => {
    // 2026-10-31T16:30Z = 2026-11-01 00:30 in Shanghai = 2026-10-31 16:30 in London.
    assert.equal(periodOf('2026-10-31T16:30:00Z', 'Asia/Shanghai'), '2026-11');
    assert.equal(periodOf('2026-10-31T16:30:00Z', 'Europe/London'), '2026-10');
  });

  test('what is not a date or timestamp is refused, naming it', () => {
    assert.throws(() => businessDay('yesterday', 'Asia/Shanghai'), /"yesterday" is not an ISO date or timestamp/);
    assert.throws(() => businessDay('2026-13-01', 'Asia/Shanghai'), /"2026-13-01" is not an ISO date or timestamp/);
  });

  test('canonicalTimeZone knows the platform\'s IANA zones and refuses the rest, bare offsets too', () => {
    assert.equal(canonicalTimeZone('Asia/Shanghai'), 'Asia/Shanghai');
    assert.equal(canonicalTimeZone('asia/shanghai'), 'Asia/Shanghai');
    assert.equal(canonicalTimeZone('Mars/Olympus_Mons'), undefined);
    assert.equal(canonicalTimeZone('+08:00'), undefined);
    assert.equal(canonicalTimeZone(''), undefined);
    assert.equal(canonicalTimeZone(8), undefined);
  });
});

describe('deadlines on the company\'s calendar', () => {
  // W-SP: the sales forms reach HR "before the 8th" (rules.md §4), so the VP's first review of
  // October is due on 7 November.
  const atFirstReview = () => walk(open('W-SP', 'S1'), sp, [['R1', { type: 'step.submit' }], ['P2', { type: 'step.submit' }]]);

  test('the VP\'s approval at 2026-11-07T23:30Z is on the 8th in Shanghai: accepted, and marked late in the audit', () => {
    const record = atFirstReview();
    assert.equal(record.step, 'firstReview');
    assert.equal(record.dueDate, '2026-11-07');
    const approved = accept(record, sp, 'V1', { type: 'step.approve' }, { now: lateEvening, calendar: shanghai });
    assert.equal((approved.lastAudit.after as { late?: boolean }).late, true);
  });

  test('the same approval in a London company is on the 7th: on time', () => {
    const approved = accept(atFirstReview(), sp, 'V1', { type: 'step.approve' }, { now: lateEvening, calendar: london });
    assert.equal((approved.lastAudit.after as { late?: boolean }).late, undefined);
  });

  test('the VP\'s task is overdue at that instant in Shanghai and not in London', () => {
    const record = atFirstReview();
    assert.equal(tasksFor(record, 'V1', lateEvening, 'Asia/Shanghai')?.overdue, true);
    assert.equal(tasksFor(record, 'V1', lateEvening, 'Europe/London')?.overdue, false);
    assert.deepEqual(inbox([record], 'V1', lateEvening, 'Asia/Shanghai').map((task) => task.overdue), [true]);
  });

  test('a delegation to the 7th has ended at 07:30 on the 8th in Shanghai, and still runs at 23:30 on the 7th in London', () => {
    const delegations = [{ from: 'V1', to: 'G1', start: '2026-11-01', end: '2026-11-07' }];
    const review = sp.steps.find((step) => step.id === 'firstReview') as ChainStep;
    const employee = directory.people.find((person) => person.id === 'S1')!;
    assert.deepEqual(resolveActors(review, employee, directory, { date: lateEvening, timeZone: 'Asia/Shanghai', delegations }), ['V1']);
    assert.deepEqual(resolveActors(review, employee, directory, { date: lateEvening, timeZone: 'Europe/London', delegations }), ['G1', 'V1']);
  });

  test('without a calendar zone the day is UTC\'s, as before', () => {
    const approved = accept(atFirstReview(), sp, 'V1', { type: 'step.approve' }, { now: lateEvening });
    assert.equal((approved.lastAudit.after as { late?: boolean }).late, undefined);
  });
});
