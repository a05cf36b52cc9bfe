// The directory index answers exactly what scanning the directory answered, and routing through it
// (memoised per directory when nobody delegates) gives the same actors as before, for every step of
// every preset chain and every person of the test company.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chainPresets, directoryIndex, peopleInGroup, peopleWithRole, personOf, resolveActors, resolveGroupActors, type Directory, type Person } from '../src/index.ts';
import { directory } from './fixtures.ts';

test('by id, role and group the index lists what a scan of the people lists, in their order', () => {
  const roles = new Set(directory.people.flatMap((person) => person.roles));
  for (const role of roles) {
    assert.deepEqual(peopleWithRole(directory, role), directory.people.filter((person) => person.roles.includes(role)), role);
  }
  const groups = new Set(directory.people.flatMap((person) => person.groups ?? []));
  assert.ok(groups.size > 0, 'the test company has assessing groups');
  for (const group of groups) {
    assert.deepEqual(peopleInGroup(directory, group), directory.people.filter((person) => person.groups?.includes(group)), group);
  }
  for (const person of directory.people) assert.equal(personOf(directory, person.id), person);
  assert.equal(personOf(directory, 'nobody'), undefined);
  assert.deepEqual(peopleWithRole(directory, 'no-such-role'), []);
});

test('an id listed twice names its first person, as find did; a role listed twice lists its person once', () => {
  const first: Person = { id: 'X', name: 'first', roles: ['hr', 'hr'] };
  const second: Person = { id: 'X', name: 'second', roles: ['hr'] };
  const twice: Directory = { people: [first, second] };
  assert.equal(personOf(twice, 'X')?.name, 'first');
  assert.deepEqual(peopleWithRole(twice, 'hr').map((person) => person.name), ['first', 'second']);
});

test('a people list that grew is indexed again; the same list shares one index', () => {
  const people: Person[] = [{ id: 'A', name: 'A', roles: ['hr'] }];
  const grown: Directory = { people };
  assert.deepEqual(peopleWithRole(grown, 'hr').map((person) => person.id), ['A']);
  assert.equal(directoryIndex({ people }), directoryIndex(grown), 'one index per people list, whatever object wraps it');
  people.push({ id: 'B', name: 'B', roles: ['hr'] });
  assert.deepEqual(peopleWithRole(grown, 'hr').map((person) => person.id), ['A', 'B']);
});

test('routing through the index gives what scanning gave, for every preset step and person, and a caller may change its copy', () => {
  // The scan, as routing.ts did it before the index, for the steps whose actor is a role or a group.
  const scan = (actor: { role?: string; groups?: string[] }, employee: Person) => directory.people
    .filter((person) => (actor.role !== undefined ? person.roles.includes(actor.role) : actor.groups?.some((group) => person.groups?.includes(group))))
    .map((person) => person.id).filter((id) => id !== employee.id).sort();
  const options = { date: '2026-11-05', timeZone: 'Asia/Shanghai' };
  let compared = 0;
  for (const chain of Object.values(chainPresets)) {
    for (const step of chain.steps) {
      const actor = step.actor as { role?: string; scope?: string; groups?: string[] };
      for (const employee of directory.people) {
        const actors = resolveActors(step, employee, directory, options);
        if ((actor.role !== undefined && (actor.scope ?? 'company') === 'company') || actor.groups !== undefined) {
          assert.deepEqual(actors, scan(actor, employee), `${chain.id} ${step.id} for ${employee.id}`);
          compared++;
        }
        actors.push('tampered');
        assert.ok(!resolveActors(step, employee, directory, options).includes('tampered'), 'each caller gets its own copy');
        const groups = resolveGroupActors(step, employee, directory, options);
        for (const ids of Object.values(groups)) ids.push('tampered');
        assert.ok(!Object.values(resolveGroupActors(step, employee, directory, options)).flat().includes('tampered'));
      }
    }
  }
  assert.ok(compared > 50, `compared ${compared} company-wide steps`);
});
