// RM-5: the regional manager loses points for each of the region's salespeople with heavy deductions.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chainPresets, compareDecimal, rm5Cases, rm5Entry, rm5Subordinates } from '../src/index.ts';
import type { AppraisalRecord, Person } from '../src/index.ts';
import { accept, directory, open } from './fixtures.ts';

describe('rm5Cases', () => {
  test('two of four salespeople below 60 make two RM-5 cases; exactly 60 is not a case', () => {
    assert.equal(rm5Cases(['92', '59.5', '60', '45'], '60'), 2);
    assert.equal(rm5Cases(['60.00', '60.0', '60'], '60'), 0);
    assert.equal(rm5Cases(['59.99'], '60'), 1);
    assert.equal(rm5Cases([], '60'), 0);
  });

  test('scores compare exactly as decimals, not as binary floats or strings', () => {
    assert.equal(compareDecimal('9', '10'), -1, 'not a string comparison');
    assert.equal(compareDecimal('0.3', '0.30000000000000001'), -1, 'not a float comparison');
    assert.equal(compareDecimal('-0', '0'), 0);
    assert.equal(compareDecimal('-5', '-4.5'), -1);
    assert.equal(compareDecimal('100.10', '100.1'), 0);
    assert.throws(() => compareDecimal('sixty', '60'), /Invalid argument: sixty/);
  });
});

describe('rm5Entry', () => {
  const sp = chainPresets['W-SP'];
  const scored = (employee: string, period = '2026-10'): AppraisalRecord => {
    const record = { ...open('W-SP', employee), period };
    return accept(record, sp, record.assignees[0] as string, { type: 'step.submit' });
  };
  const workScores: Record<string, string> = { S1: '58', S2: '71.5', S3: '40', S4: '30' };
  const workScore = (record: AppraisalRecord) => workScores[record.employeeId];
  const r1 = directory.people.find((person) => person.id === 'R1') as Person;

  test('R1 answers for the north region\'s salespeople only: one heavy case among S1 and S2', () => {
    const appraisals = ['S1', 'S2', 'S3', 'S4'].map((id) => scored(id));
    assert.deepEqual(rm5Subordinates(r1, '2026-10', appraisals, directory).map((record) => record.employeeId), ['S1', 'S2']);
    assert.deepEqual(rm5Entry(r1, '2026-10', appraisals, directory, { heavyBelow: '60', workScore }), { count: 1 });
  });

  test('appraisals of another month, or not yet scored by the regional manager, do not count', () => {
    const appraisals = [scored('S1', '2026-09'), open('W-SP', 'S1'), scored('S2')];
    assert.deepEqual(rm5Entry(r1, '2026-10', appraisals, directory, { heavyBelow: '60', workScore }), { count: 0 });
    assert.deepEqual(rm5Entry(r1, '2026-10', appraisals, directory, { heavyBelow: '75', workScore }), { count: 1 });
  });

  test('a salesperson whose score cannot be computed yet is not counted as a case', () => {
    assert.deepEqual(rm5Entry(r1, '2026-10', [scored('S1'), scored('S2')], directory, { heavyBelow: '60', workScore: () => null }), { count: 0 });
  });
});
