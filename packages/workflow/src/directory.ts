// Whether a directory can route appraisals at all. Routing follows `managerId` up the chain
// ("the employee's regional manager", the leader above in W-TR) and looks people up by id, so a
// directory with two people under one id, a manager nobody knows or a loop of managers would route
// to the wrong person or never stop. Every caller that replaces the directory asks this first.
import type { Problem } from '@kaohe/scoring';
import { businessDay, DEFAULT_TIME_ZONE } from './business-day.ts';
import type { Delegation, Directory } from './records.ts';

/**
 * Every problem of a directory, in the order of its people and then its delegations; [] when it is
 * usable. Delegation dates are read as days of `timeZone`, the company's (WorkCalendar.timeZone).
 */
export function directoryProblems(directory: Directory, timeZone: string = DEFAULT_TIME_ZONE): Problem[] {
  const problems: Problem[] = [];
  const firstIndex = new Map<string, number>();
  directory.people.forEach((person, index) => {
    const first = firstIndex.get(person.id);
    if (first === undefined) firstIndex.set(person.id, index);
    else problems.push({ path: `people[${index}].id`, rule: 'unique-id', message: `"${person.id}" is already the id of people[${first}]` });
  });
  const managerOf = new Map<string, string>();
  directory.people.forEach((person, index) => {
    if (person.managerId === undefined) return;
    if (!firstIndex.has(person.managerId)) {
      problems.push({ path: `people[${index}].managerId`, rule: 'unknown-manager', message: `"${person.managerId}" is not in the directory` });
    } else if (firstIndex.get(person.id) === index) {
      managerOf.set(person.id, person.managerId);
    }
  });
  problems.push(...managerCycles(directory, managerOf, firstIndex));
  (directory.delegations ?? []).forEach((delegation, index) => {
    problems.push(...delegationProblems(delegation, (id) => firstIndex.has(id), timeZone, `delegations[${index}]`));
  });
  return problems;
}

/**
 * Every problem of one delegation, its fields named under `at` (`delegations[2]`, or `lend` for one lent
 * with an action): both people must be known (`isKnown`), nobody delegates to themself, both days must
 * be days, and it may not end before it starts. The one rule for a delegation, wherever it comes from.
 */
export function delegationProblems(delegation: Delegation, isKnown: (id: string) => boolean, timeZone: string = DEFAULT_TIME_ZONE, at = 'delegation'): Problem[] {
  const problems: Problem[] = [];
  for (const side of ['from', 'to'] as const) {
    if (!isKnown(delegation[side])) {
      problems.push({ path: `${at}.${side}`, rule: 'unknown-person', message: `"${delegation[side]}" is not in the directory` });
    }
  }
  if (delegation.from === delegation.to) {
    problems.push({ path: `${at}.to`, rule: 'self-delegation', message: 'a person cannot delegate to themselves' });
  }
  const day = (side: 'start' | 'end'): string | undefined => {
    try {
      return businessDay(delegation[side], timeZone);
    } catch {
      problems.push({ path: `${at}.${side}`, rule: 'date', message: `"${delegation[side]}" is not a day (YYYY-MM-DD) or an ISO timestamp` });
      return undefined;
    }
  };
  const start = day('start');
  const end = day('end');
  if (start !== undefined && end !== undefined && start > end) {
    problems.push({ path: `${at}.end`, rule: 'date-range', message: `ends (${delegation.end}) before it starts (${delegation.start})` });
  }
  return problems;
}

/** One problem per loop of managers, reported at the loop's first person in directory order, naming the whole loop. */
function managerCycles(directory: Directory, managerOf: Map<string, string>, firstIndex: Map<string, number>): Problem[] {
  const problems: Problem[] = [];
  const settled = new Set<string>();
  for (const person of directory.people) {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let current: string | undefined = person.id;
    while (current !== undefined && !settled.has(current) && !onPath.has(current)) {
      onPath.set(current, path.length);
      path.push(current);
      current = managerOf.get(current);
    }
    if (current !== undefined && onPath.has(current)) {
      const loop = path.slice(onPath.get(current));
      const start = loop.reduce((a, b) => ((firstIndex.get(a) ?? 0) <= (firstIndex.get(b) ?? 0) ? a : b));
      const from = loop.indexOf(start);
      const ordered = [...loop.slice(from), ...loop.slice(0, from), start];
      problems.push({
        path: `people[${firstIndex.get(start)}].managerId`,
        rule: 'manager-cycle',
        message: `managers go round in a loop: ${ordered.join(' → ')}`,
      });
    }
    for (const id of path) settled.add(id);
  }
  return problems;
}
