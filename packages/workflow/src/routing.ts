// Who acts at a step: by relationship to the employee, by role, or by assessing group (rules.md §3).
import type { Chain, ChainStep, Relationship } from './chain.ts';
import { HR_ROLE, isGroupStep } from './chain.ts';
import { businessDay } from './business-day.ts';
import { directoryIndex, peopleInGroup, peopleWithRole, personOf } from './directory-index.ts';
import type { Delegation, Directory, Person } from './records.ts';

export interface RoutingOptions {
  /** the moment or day the routing is for (an ISO timestamp or YYYY-MM-DD): delegations count on its day */
  date: string;
  /** the company's IANA time zone, whose calendar says which day `date` is */
  timeZone: string;
  /** delegations besides the directory's own */
  delegations?: Delegation[];
}

/**
 * The people who may act at `step` for `employee`, delegates included, on `options.date`.
 * Nobody is routed their own appraisal except at a self step.
 */
export function resolveActors(step: ChainStep, employee: Person, directory: Directory, options: RoutingOptions): string[] {
  return undelegated(directory, options)
    ? memoised(directory, 'actors', step, employee, () => withDelegates(baseActors(step, employee, directory), step, employee, directory, options))
    : withDelegates(baseActors(step, employee, directory), step, employee, directory, options);
}

/**
 * Without a delegation anywhere, who acts depends on the directory, the step and the employee alone,
 * not on the day: the answer is kept with the directory's index (a copy goes out each time).
 */
function undelegated(directory: Directory, options: RoutingOptions): boolean {
  return (directory.delegations?.length ?? 0) === 0 && (options.delegations?.length ?? 0) === 0;
}

function memoised<T>(directory: Directory, kind: string, key: object, employee: Person, compute: () => T): T {
  const memo = directoryIndex(directory).memo;
  let byKey = memo.get(kind) as WeakMap<object, WeakMap<Person, T>> | undefined;
  if (!byKey) memo.set(kind, byKey = new WeakMap());
  let byEmployee = byKey.get(key);
  if (!byEmployee) byKey.set(key, byEmployee = new WeakMap());
  let found = byEmployee.get(employee);
  if (found === undefined) byEmployee.set(employee, found = compute());
  return copy(found);
}

function copy<T>(value: T): T {
  if (Array.isArray(value)) return [...value] as T;
  const out: Record<string, string[]> = {};
  for (const [key, ids] of Object.entries(value as Record<string, string[]>)) out[key] = [...ids];
  return out as T;
}

/** For a group step: each group's members (delegates included), never the employee. */
export function resolveGroupActors(step: ChainStep, employee: Person, directory: Directory, options: RoutingOptions): Record<string, string[]> {
  if (!isGroupStep(step)) return {};
  const resolve = () => {
    const out: Record<string, string[]> = {};
    for (const group of step.actor.groups) {
      const members = peopleInGroup(directory, group).map((person) => person.id);
      out[group] = withDelegates(members, step, employee, directory, options);
    }
    return out;
  };
  return undelegated(directory, options) ? memoised(directory, 'groupActors', step, employee, resolve) : resolve();
}

/** The people who may reopen a published appraisal (chain.reopenBy, default hr), never the employee. */
export function resolveReopeners(chain: Chain, employee: Person, directory: Directory, options: RoutingOptions): string[] {
  const role = chain.reopenBy ?? HR_ROLE;
  const resolve = () => withDelegates(peopleWithRole(directory, role).map((person) => person.id), undefined, employee, directory, options);
  return undelegated(directory, options) ? memoised(directory, 'reopeners', chain, employee, resolve) : resolve();
}

/**
 * Whether `delegation` is in force at `date` (an ISO timestamp or YYYY-MM-DD), both ends inclusive,
 * the days read on the calendar of `timeZone`, the company's.
 */
export function delegationInForce(delegation: Delegation, date: string, timeZone: string): boolean {
  const day = businessDay(date, timeZone);
  return businessDay(delegation.start, timeZone) <= day && day <= businessDay(delegation.end, timeZone);
}

/** Delegations in force on `date` (inclusive at both ends). */
export function activeDelegations(directory: Directory, options: RoutingOptions): Delegation[] {
  return [...(directory.delegations ?? []), ...(options.delegations ?? [])]
    .filter((delegation) => delegationInForce(delegation, options.date, options.timeZone));
}

function withDelegates(base: string[], step: ChainStep | undefined, employee: Person, directory: Directory, options: RoutingOptions): string[] {
  const selfStep = step?.kind === 'self';
  const ids = new Set(base);
  // A self step is the employee's own: nobody may write an employee's self-evaluation for them.
  if (!selfStep) {
    for (const delegation of activeDelegations(directory, options)) {
      if (ids.has(delegation.from)) ids.add(delegation.to);
    }
    ids.delete(employee.id);
  }
  return [...ids].sort();
}

function baseActors(step: ChainStep, employee: Person, directory: Directory): string[] {
  const actor = step.actor;
  // The order of the ids does not matter: withDelegates sorts them.
  if ('groups' in actor) {
    return [...new Set(actor.groups.flatMap((group) => peopleInGroup(directory, group).map((person) => person.id)))];
  }
  if ('role' in actor) {
    const scope = actor.scope ?? 'company';
    return peopleWithRole(directory, actor.role)
      .filter((person) => scope === 'company'
        || (scope === 'region' && employee.region !== undefined && person.region === employee.region)
        || (scope === 'department' && employee.department !== undefined && person.department === employee.department))
      .map((person) => person.id);
  }
  return byRelationship(actor.relationship, employee, directory);
}

function byRelationship(relationship: Relationship, employee: Person, directory: Directory): string[] {
  const byId = (id: string | undefined) => personOf(directory, id);
  switch (relationship) {
    case 'self':
      return [employee.id];
    case 'directLeader':
      return compact([byId(employee.managerId)?.id]);
    case 'leaderAbove':
      return compact([byId(byId(employee.managerId)?.managerId)?.id]);
    case 'regionalManager':
      // The employee's region decides; a manager chain covers people whose region is not recorded.
      return scopedOrUpChain('regionalManager', 'region', employee, directory);
    case 'departmentManager':
      return scopedOrUpChain('departmentManager', 'department', employee, directory);
    default:
      // The company-wide relationships (vp, hr, gm …) name the role of the same id.
      return peopleWithRole(directory, relationship).map((person) => person.id);
  }
}

function scopedOrUpChain(role: string, key: 'region' | 'department', employee: Person, directory: Directory): string[] {
  const value = employee[key];
  if (value !== undefined) {
    const scoped = peopleWithRole(directory, role).filter((person) => person[key] === value && person.id !== employee.id);
    if (scoped.length > 0) return scoped.map((person) => person.id);
  }
  const seen = new Set<string>([employee.id]);
  let current = employee.managerId;
  while (current !== undefined && !seen.has(current)) {
    seen.add(current);
    const person = personOf(directory, current);
    if (!person) break;
    if (person.roles.includes(role)) return [person.id];
    current = person.managerId;
  }
  return [];
}

function compact(ids: Array<string | undefined>): string[] {
  return ids.filter((id): id is string => id !== undefined);
}
