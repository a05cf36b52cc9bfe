// Who acts at a step: by relationship to the employee, by role, or by assessing group (rules.md §3).
import type { Chain, ChainStep, Relationship } from './chain.ts';
import { HR_ROLE, isGroupStep } from './chain.ts';
import { businessDay } from './business-day.ts';
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
  const base = baseActors(step, employee, directory);
  return withDelegates(base, step, employee, directory, options);
}

/** For a group step: each group's members (delegates included), never the employee. */
export function resolveGroupActors(step: ChainStep, employee: Person, directory: Directory, options: RoutingOptions): Record<string, string[]> {
  if (!isGroupStep(step)) return {};
  const out: Record<string, string[]> = {};
  for (const group of step.actor.groups) {
    const members = directory.people.filter((person) => person.groups?.includes(group)).map((person) => person.id);
    out[group] = withDelegates(members, step, employee, directory, options);
  }
  return out;
}

/** The people who may reopen a published appraisal (chain.reopenBy, default hr), never the employee. */
export function resolveReopeners(chain: Chain, employee: Person, directory: Directory, options: RoutingOptions): string[] {
  const role = chain.reopenBy ?? HR_ROLE;
  const base = directory.people.filter((person) => person.roles.includes(role)).map((person) => person.id);
  return withDelegates(base, undefined, employee, directory, options);
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
  if ('groups' in actor) {
    return directory.people.filter((person) => actor.groups.some((group) => person.groups?.includes(group))).map((person) => person.id);
  }
  if ('role' in actor) {
    const scope = actor.scope ?? 'company';
    return directory.people
      .filter((person) => person.roles.includes(actor.role))
      .filter((person) => scope === 'company'
        || (scope === 'region' && employee.region !== undefined && person.region === employee.region)
        || (scope === 'department' && employee.department !== undefined && person.department === employee.department))
      .map((person) => person.id);
  }
  return byRelationship(actor.relationship, employee, directory);
}

function byRelationship(relationship: Relationship, employee: Person, directory: Directory): string[] {
  const byId = (id: string | undefined) => (id === undefined ? undefined : directory.people.find((person) => person.id === id));
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
      return directory.people.filter((person) => person.roles.includes(relationship)).map((person) => person.id);
  }
}

function scopedOrUpChain(role: string, key: 'region' | 'department', employee: Person, directory: Directory): string[] {
  const value = employee[key];
  if (value !== undefined) {
    const scoped = directory.people.filter((person) => person.roles.includes(role) && person[key] === value && person.id !== employee.id);
    if (scoped.length > 0) return scoped.map((person) => person.id);
  }
  const seen = new Set<string>([employee.id]);
  let current = employee.managerId;
  while (current !== undefined && !seen.has(current)) {
    seen.add(current);
    const person = directory.people.find((candidate) => candidate.id === current);
    if (!person) break;
    if (person.roles.includes(role)) return [person.id];
    current = person.managerId;
  }
  return [];
}

function compact(ids: Array<string | undefined>): string[] {
  return ids.filter((id): id is string => id !== undefined);
}
