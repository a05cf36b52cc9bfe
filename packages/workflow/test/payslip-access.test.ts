// Who may see a payslip: decided here, shown by kaohe-payslip.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chainPresets, payslipAccess } from '../src/index.ts';
import { actsByStep, directory, open, walk } from './fixtures.ts';

const chain = chainPresets['W-SP'];
const { employee, acts } = actsByStep['W-SP'];
const opened = open('W-SP', employee);
const published = walk(opened, chain, Object.values(acts).flat());

describe('payslip access', () => {
  test('the salesperson sees their own payslip once the appraisal is published, not before', () => {
    assert.equal(published.status, 'published');
    assert.equal(payslipAccess(published, employee, directory, chain), 'granted');
    assert.equal(payslipAccess(opened, employee, directory, chain), 'unpublished');
  });
  test('HR sees any published payslip; another salesperson never does', () => {
    assert.equal(payslipAccess(published, 'H2', directory, chain), 'granted');
    assert.equal(payslipAccess(published, 'S2', directory, chain), 'denied');
  });
  test('nobody signed in, or no appraisal, sees nothing', () => {
    assert.equal(payslipAccess(published, '', directory, chain), 'denied');
    assert.equal(payslipAccess(undefined, employee, directory, chain), 'denied');
  });
});
