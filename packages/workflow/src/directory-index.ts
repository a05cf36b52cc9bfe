// Lookups into a directory by id, role and assessing group, built once per directory and kept as
// long as the directory's `people` list lives. Routing asks "the employee's manager", "everyone
// with role X in region Y", "the members of group G" for every step of every appraisal it reads;
// scanning 100,000 people for each was what made a tasks page slow. Answers are exactly what the
// scans gave: lists keep the directory's order, an id names its first person.
//
// A directory is a snapshot: callers replace it, they do not edit its people in place. A list that
// grew or shrank since it was indexed is indexed again; a person object changed in place is not noticed.
import type { Directory, Person } from './records.ts';

export interface DirectoryIndex {
  /** the first person of each id, as `people.find` finds them */
  byId: ReadonlyMap<string, Person>;
  /** everyone holding a role, in directory order */
  byRole: ReadonlyMap<string, readonly Person[]>;
  /** everyone in an assessing group, in directory order */
  byGroup: ReadonlyMap<string, readonly Person[]>;
  /**
   * Answers worked out once for this directory and kept with it (routing's, the service's):
   * anything that depends only on the directory and the keys it is stored under.
   */
  memo: Map<unknown, unknown>;
}

const indexes = new WeakMap<readonly Person[], { size: number; index: DirectoryIndex }>();
const none: readonly Person[] = [];

/** The directory's index, built on first use and shared by every caller holding the same people list. */
export function directoryIndex(directory: Directory): DirectoryIndex {
  const people = directory.people;
  const cached = indexes.get(people);
  if (cached && cached.size === people.length) return cached.index;
  const byId = new Map<string, Person>();
  const byRole = new Map<string, Person[]>();
  const byGroup = new Map<string, Person[]>();
  const add = (map: Map<string, Person[]>, key: string, person: Person) => {
    const list = map.get(key);
    if (list) {
      // a person listing a role twice is listed once, as `filter` would list them
      if (list[list.length - 1] !== person) list.push(person);
    } else map.set(key, [person]);
  };
  for (const person of people) {
    if (!byId.has(person.id)) byId.set(person.id, person);
    for (const role of person.roles) add(byRole, role, person);
    for (const group of person.groups ?? []) add(byGroup, group, person);
  }
  const index: DirectoryIndex = { byId, byRole, byGroup, memo: new Map() };
  indexes.set(people, { size: people.length, index });
  return index;
}

/** The person with `id` (the first, should the directory list the id twice), or undefined. */
export function personOf(directory: Directory, id: string | undefined): Person | undefined {
  return id === undefined ? undefined : directoryIndex(directory).byId.get(id);
}

/** Everyone holding `role`, in directory order. */
export function peopleWithRole(directory: Directory, role: string): readonly Person[] {
  return directoryIndex(directory).byRole.get(role) ?? none;
}

/** Everyone in assessing group `group`, in directory order. */
export function peopleInGroup(directory: Directory, group: string): readonly Person[] {
  return directoryIndex(directory).byGroup.get(group) ?? none;
}
