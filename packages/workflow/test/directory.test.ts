// A directory routing can trust: one person per id, managers who exist, no loop of managers, and
// delegations between people the directory knows, every problem listed at once.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { directoryProblems } from '../src/index.ts';
import type { Directory } from '../src/index.ts';
import { directory } from './fixtures.ts';

const person = (id: string, managerId?: string) => ({ id, name: id, roles: ['salesperson'], ...(managerId ? { managerId } : {}) });

describe('directoryProblems', () => {
  test('the test company is a usable directory', () => {
    assert.deepEqual(directoryProblems(directory), []);
  });

  test('a duplicate id, an unknown manager and a loop of managers are all reported, each at its path', () => {
    const broken: Directory = {
      people: [
        person('A', 'B'),
        person('B', 'C'),
        person('C', 'A'),   // A → B → C → A
        person('D', 'NOBODY'),
        person('A'),        // a second A
        person('E', 'E'),   // their own manager
      ],
    };
    assert.deepEqual(directoryProblems(broken), [
      { path: 'people[4].id', rule: 'unique-id', message: '"A" is already the id of people[0]' },
      { path: 'people[3].managerId', rule: 'unknown-manager', message: '"NOBODY" is not in the directory' },
      { path: 'people[0].managerId', rule: 'manager-cycle', message: 'managers go round in a loop: A → B → C → A' },
      { path: 'people[5].managerId', rule: 'manager-cycle', message: 'managers go round in a loop: E → E' },
    ]);
  });

  test('a loop reached from outside it is reported once, from its first person in directory order', () => {
    const broken: Directory = { people: [person('X', 'Q'), person('P', 'Q'), person('Q', 'P')] };
    assert.deepEqual(directoryProblems(broken), [
      { path: 'people[1].managerId', rule: 'manager-cycle', message: 'managers go round in a loop: P → Q → P' },
    ]);
  });

  test('delegations name people of the directory, not themselves, and end after they start', () => {
    const problems = directoryProblems({
      people: [person('A'), person('B')],
      delegations: [
        { from: 'A', to: 'B', start: '2026-11-01', end: '2026-11-30' },
        { from: 'GHOST', to: 'A', start: '2026-11-01', end: '2026-11-01' },
        { from: 'B', to: 'B', start: '2026-11-10', end: '2026-11-09' },
      ],
    });
    assert.deepEqual(problems.map((p) => `${p.path} ${p.rule}`), [
      'delegations[1].from unknown-person',
      'delegations[2].to self-delegation',
      'delegations[2].end date-range',
    ]);
  });

  test('delegation dates are days of the company\'s zone; what is not a date is named', () => {
    // 01:00 on the 8th in Shanghai is 17:00 on the 7th in London: the same range is backwards in one and fine in the other.
    const delegations = [{ from: 'A', to: 'B', start: '2026-11-08T01:00:00+08:00', end: '2026-11-07' }, { from: 'B', to: 'A', start: 'soon', end: '2026-11-07' }];
    const directory = { people: [person('A'), person('B')], delegations };
    assert.deepEqual(directoryProblems(directory, 'Asia/Shanghai').map((p) => `${p.path} ${p.rule}`), ['delegations[0].end date-range', 'delegations[1].start date']);
    assert.deepEqual(directoryProblems(directory, 'Europe/London').map((p) => `${p.path} ${p.rule}`), ['delegations[1].start date']);
  });
});
