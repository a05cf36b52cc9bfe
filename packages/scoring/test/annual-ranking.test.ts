import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { annualRanking, type AnnualRecord } from '../src/index.ts';

const year = (score: string, months = 12) => Array.from({ length: months }, () => score);

describe('annual ranking (C-3, O-6)', () => {
  const staff: AnnualRecord[] = [
    { employeeId: 'wang', role: 'salesperson', region: 'north', monthly: year('90') },
    { employeeId: 'li', role: 'salesperson', region: 'north', monthly: year('85') },
    { employeeId: 'zhao', role: 'salesperson', region: 'south', monthly: year('85') },
    { employeeId: 'chen', role: 'salesperson', region: 'south', monthly: year('80') },
    { employeeId: 'lin', role: 'fieldService', region: 'north', monthly: year('95') },
  ];

  it('two salespeople on 85.00 share second place and the next one is fourth', () => {
    const rows = annualRanking(staff, { divisor: 'twelve' });
    assert.deepEqual(rows.filter((r) => r.role === 'salesperson').map((r) => [r.employeeId, r.annual, r.rankInRole]), [
      ['wang', '90.00', 1], ['li', '85.00', 2], ['zhao', '85.00', 2], ['chen', '80.00', 4],
    ]);
  });

  it('ranks within the region across roles: the field representative on 95 leads the north', () => {
    const rows = annualRanking(staff, { divisor: 'twelve' });
    assert.deepEqual(rows.filter((r) => r.region === 'north').map((r) => [r.employeeId, r.rankInRegion]), [['wang', 2], ['li', 3], ['lin', 1]]);
    assert.deepEqual(rows.filter((r) => r.region === 'south').map((r) => [r.employeeId, r.rankInRegion]), [['zhao', 1], ['chen', 2]]);
  });

  it('a new hire with six months of 96 is 48.00 divided by twelve and 96.00 by months appraised (O-6)', () => {
    const records = [...staff, { employeeId: 'xu', role: 'salesperson', region: 'south', monthly: year('96', 6) }];
    const twelve = annualRanking(records, { divisor: 'twelve' }).find((r) => r.employeeId === 'xu')!;
    const appraised = annualRanking(records, { divisor: 'appraised' }).find((r) => r.employeeId === 'xu')!;
    assert.deepEqual([twelve.annual, twelve.months, twelve.rankInRole], ['48.00', 6, 5]);
    assert.deepEqual([appraised.annual, appraised.rankInRole], ['96.00', 1]);
  });

  it('compares annual scores as decimals, not as text: 100.00 is above 99.50', () => {
    const rows = annualRanking([
      { employeeId: 'a', role: 'r', region: 'x', monthly: year('99.5') },
      { employeeId: 'b', role: 'r', region: 'x', monthly: year('100') },
    ], { divisor: 'twelve' });
    assert.deepEqual(rows.map((r) => r.rankInRole), [2, 1]);
  });
});
