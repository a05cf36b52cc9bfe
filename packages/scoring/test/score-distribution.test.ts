import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { orderDistributionRows, scoreBuckets, scoreDistribution, type ScoreEntry } from '../src/index.ts';

const salespeople = (scores: string[]): ScoreEntry[] => scores.map((score, n) => ({ employeeId: `sp${n}`, role: 'salesperson', score }));

describe('score distribution for HR before publishing', () => {
  it('puts scores in 10-point buckets, 59.99 in 50–60, 60 in 60–70, and a perfect 100 in the top bucket', () => {
    const counts = scoreBuckets(['0', '59.99', '60', '89.5', '90', '100']).map((b) => `${b.from}-${b.to}:${b.count}`);
    assert.deepEqual(counts, ['0-10:1', '10-20:0', '20-30:0', '30-40:0', '40-50:0', '50-60:1', '60-70:1', '70-80:0', '80-90:1', '90-100:2']);
  });

  it('refuses a score outside 0–100 rather than drawing it in the wrong bucket', () => {
    assert.throws(() => scoreBuckets(['100.01']), RangeError);
  });

  it('lists a salesperson under 60 and one above 95 first, each with its reason', () => {
    const [role] = scoreDistribution(salespeople(['82', '55', '78', '97', '85']));
    assert.deepEqual(role!.rows.map((r) => [r.score, r.reasons]), [
      ['97', ['above95']], ['55', ['below60']], ['85', []], ['82', []], ['78', []],
    ]);
  });

  it('flags a score more than 2 SD from the role mean even inside 60–95', () => {
    const scores = ['80', '80', '80', '80', '80', '80', '80', '80', '80', '62'];
    const [role] = scoreDistribution(salespeople(scores));
    assert.equal(role!.mean, '78.20');
    assert.equal(role!.sd, '5.40');
    const outlier = role!.rows[0]!;
    assert.deepEqual([outlier.score, outlier.reasons, outlier.deviations], ['62', ['farFromMean'], '-3.00']);
    assert.ok(role!.rows.slice(1).every((r) => r.reasons.length === 0));
  });

  it('keeps roles apart: a 70 is unremarkable among field staff even though salespeople score 90', () => {
    const entries: ScoreEntry[] = [
      ...salespeople(['90', '91', '90', '89', '90', '90']),
      ...['70', '71', '69', '70', '70', '70'].map((score, n) => ({ employeeId: `fs${n}`, role: 'fieldService', score })),
    ];
    const roles = scoreDistribution(entries);
    assert.deepEqual(roles.map((r) => [r.role, r.count, r.mean]), [['salesperson', 6, '90.00'], ['fieldService', 6, '70.00']]);
    assert.ok(roles[1]!.rows.every((r) => r.reasons.length === 0));
  });

  it('sorting by score lowest first still lists the outliers before everyone else', () => {
    const [role] = scoreDistribution(salespeople(['82', '55', '78', '97', '85']));
    assert.deepEqual(orderDistributionRows(role!.rows, 'ascending').map((r) => r.score), ['55', '97', '78', '82', '85']);
  });
});
