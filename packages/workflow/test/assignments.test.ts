// The role a person is appraised under: the one rule behind opening a month, a payslip's plan,
// HR's payroll, the chain a person's appraisals run and the embed's assignmentFor.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assignedRole, presetAssignments } from '../src/index.ts';

describe('assignedRole', () => {
  test('the first of the person\'s roles that has an assignment, whatever comes before it', () => {
    assert.equal(assignedRole({ roles: ['assessor', 'regionalManager', 'salesperson'] }, presetAssignments), 'regionalManager');
    assert.equal(assignedRole({ roles: ['salesperson', 'regionalManager'] }, presetAssignments), 'salesperson');
  });

  test('none when no role of the person has one, or there is no person', () => {
    assert.equal(assignedRole({ roles: ['hr', 'gm'] }, presetAssignments), undefined);
    assert.equal(assignedRole({ roles: [] }, presetAssignments), undefined);
    assert.equal(assignedRole(undefined, presetAssignments), undefined);
  });

  test('a host\'s own assignments decide, not the presets', () => {
    assert.equal(assignedRole({ roles: ['salesperson', 'intern'] }, { intern: { rubric: 'R-IN', chain: 'W-IN' } }), 'intern');
  });
});
