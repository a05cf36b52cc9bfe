// The result as published (publishedResultOf): kept when HR publishes, unchanged by an appeal's rescore
// until HR publishes again; for a record published before records kept it, its sheet only while
// nothing since could have changed it. W-SP: HR 復審 returns the appeal to the regional manager.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chainPresets, payslipAccess, publishedResultOf, type AppraisalRecord } from '../src/index.ts';
import { accept, directory, finish, open, pathFrom, walk } from './fixtures.ts';

const chain = chainPresets['W-SP'];
const later = '2026-11-12T10:00:00+08:00';

/** S1 published with SP-D1 × 2 (revision 5: score, summarise, 初審, 復審, publish). */
function published(): AppraisalRecord {
  const scored = accept(open('W-SP', 'S1'), chain, 'R1', { type: 'step.submit', entries: { 'SP-D1': { count: 2 } } });
  return walk(scored, chain, pathFrom('W-SP', 'summarise'));
}

/** …appealed, returned by HR to the regional manager, rescored SP-D1 × 3 and resubmitted: back at HR 復審, reviewed by nobody. */
function rescored(record: AppraisalRecord): AppraisalRecord {
  const appealed = accept(record, chain, 'S1', { type: 'employee.appeal', comment: 'SP-D1: the 21st was a holiday' });
  const returned = accept(appealed, chain, 'H1', { type: 'step.return', to: 'score', comment: '請重新核實' });
  return accept(returned, chain, 'R1', { type: 'step.resubmit', entries: { 'SP-D1': { count: 3 } } }, { now: later });
}

/** A record as written before records kept their published result. */
function unrecorded(record: AppraisalRecord): AppraisalRecord {
  const { published: _published, ...rest } = record;
  return rest;
}

describe('the result as published', () => {
  test('publishing keeps the sheet, the revision and the moment; the record before it has none', () => {
    const record = published();
    assert.equal(record.status, 'published');
    assert.equal(record.revision, 5);
    assert.deepEqual(record.published, { revision: 5, at: '2026-11-05T10:00:00+08:00', sheet: record.sheet });
    assert.deepEqual(publishedResultOf(record)?.sheet.entries, { 'SP-D1': { count: 2 } });
    const approved = walk(open('W-SP', 'S1'), chain, pathFrom('W-SP').slice(0, 4));
    assert.equal(approved.status, 'approved');
    assert.equal(approved.published, undefined);
    assert.equal(publishedResultOf(approved), undefined);
  });

  test('an appeal\'s unreviewed rescore leaves the published result (and the payslip) as published; HR\'s next publication replaces it', () => {
    const record = rescored(published());
    assert.deepEqual([record.step, record.status], ['secondReview', 'appealed']);
    assert.deepEqual(record.sheet.entries, { 'SP-D1': { count: 3 } }, 'the reviewers work on the rescore');
    assert.deepEqual(publishedResultOf(record), { revision: 5, at: '2026-11-05T10:00:00+08:00', sheet: { ...record.sheet, entries: { 'SP-D1': { count: 2 } } } });
    assert.equal(payslipAccess(record, 'S1', directory, chain), 'granted');

    const again = finish('W-SP', record);
    assert.equal(again.status, 'published');
    assert.equal(again.revision, 10);
    assert.deepEqual(publishedResultOf(again), { revision: 10, at: '2026-11-05T10:00:00+08:00', sheet: again.sheet });
    assert.deepEqual(publishedResultOf(again)?.sheet.entries, { 'SP-D1': { count: 3 } });
  });

  test('HR reopening it takes the result back: nothing is out until it is published again', () => {
    const reopened = accept(published(), chain, 'H1', { type: 'hr.reopen', reason: 'C-2 attendance error' });
    assert.equal(reopened.status, 'reopened');
    assert.equal(publishedResultOf(reopened), undefined);
  });

  describe('a record published before records kept the result', () => {
    test('published, or appealed and untouched since: its sheet is the published one, at the publication\'s moment', () => {
      const record = unrecorded(published());
      assert.deepEqual(publishedResultOf(record), { at: '2026-11-05T10:00:00+08:00', sheet: record.sheet });
      const appealed = accept(record, chain, 'S1', { type: 'employee.appeal', comment: 'SP-D1' });
      assert.deepEqual(publishedResultOf(appealed)?.sheet.entries, { 'SP-D1': { count: 2 } });
      assert.equal(payslipAccess(appealed, 'S1', directory, chain), 'granted');
    });

    test('once a reviewer may have rescored it, nothing is shown as published (no payslip) until HR publishes again', () => {
      const record = rescored(unrecorded(published()));
      assert.equal(record.status, 'appealed');
      assert.equal(publishedResultOf(record), undefined);
      assert.equal(payslipAccess(record, 'S1', directory, chain), 'unpublished');
      // only returned so far: the sheet is unchanged, but the trail no longer says so
      const returned = accept(accept(unrecorded(published()), chain, 'S1', { type: 'employee.appeal', comment: 'SP-D1' }), chain, 'H1', { type: 'step.return', to: 'score', comment: '請重新核實' });
      assert.equal(publishedResultOf(returned), undefined);
      assert.deepEqual(publishedResultOf(finish('W-SP', record))?.sheet.entries, { 'SP-D1': { count: 3 } });
    });

    test('a record a host marks published by hand (no trail): its sheet, as of its last update', () => {
      const record: AppraisalRecord = { ...open('W-SP', 'S1'), status: 'published' };
      assert.deepEqual(publishedResultOf(record), { at: '2026-11-01T09:00:00+08:00', sheet: record.sheet });
      assert.equal(payslipAccess(record, 'S1', directory, chain), 'granted');
      assert.equal(publishedResultOf({ ...record, status: 'appealed' }), undefined, 'appealed, with no publication in its trail: not known');
    });

    test('a draft saved at the appeal\'s step after the publication counts as a rescore', () => {
      const appealed = accept(unrecorded(published()), chain, 'S1', { type: 'employee.appeal', comment: 'SP-D1' });
      const drafted = accept(appealed, chain, 'H1', { type: 'draft.save' }, { now: later });
      assert.equal(publishedResultOf(drafted), undefined);
    });
  });
});
