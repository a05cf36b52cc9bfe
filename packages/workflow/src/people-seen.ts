// Which people of the directory a person's page may be sent (GET /api/v1/people): the names the
// elements show for the appraisals that person takes part in, and nobody else's. HR, who configure,
// publish and export everyone's, get the whole directory. Anyone else gets themself; every person in
// whose review chain they act (the people in their tasks, now or at a later step); the people acting in
// those chains (whose names the history and the step labels show); the people acting in their own
// chain; and the other party of a delegation from or to them. A salesperson so learns their regional
// manager, the reviewers and HR, never a colleague's id. A `managerId` naming someone outside what is
// sent is left out too, so no id of the rest of the company travels even as a reference.
import type { Chain } from './chain.ts';
import { isHr } from './payslip-access.ts';
import type { Directory, Person } from './records.ts';
import { resolveActors, resolveReopeners, type RoutingOptions } from './routing.ts';

/** Everyone who acts in `employee`'s chain: every step's actors (groups' members included) and who may reopen it. */
function chainPeople(employee: Person, chain: Chain, directory: Directory, routing: RoutingOptions): Set<string> {
  const ids = new Set<string>();
  for (const step of chain.steps) {
    if (step.kind === 'self') continue;
    for (const id of resolveActors(step, employee, directory, routing)) ids.add(id);
  }
  for (const id of resolveReopeners(chain, employee, directory, routing)) ids.add(id);
  return ids;
}

/**
 * The people `viewerId` may be told of, in the directory's order (a manager outside them not named).
 * @param chainOf the chain a person's appraisals run (their role's assignment), or undefined when they are not appraised
 */
export function peopleSeenBy(viewerId: string, directory: Directory, chainOf: (person: Person) => Chain | undefined, routing: RoutingOptions): Person[] {
  if (isHr(viewerId, directory)) return [...directory.people];
  const seen = new Set<string>([viewerId]);
  for (const employee of directory.people) {
    const chain = chainOf(employee);
    if (!chain) continue;
    const actors = chainPeople(employee, chain, directory, routing);
    if (employee.id !== viewerId && !actors.has(viewerId)) continue;
    seen.add(employee.id);
    for (const id of actors) seen.add(id);
  }
  for (const delegation of directory.delegations ?? []) {
    if (delegation.from === viewerId) seen.add(delegation.to);
    if (delegation.to === viewerId) seen.add(delegation.from);
  }
  return directory.people.filter((person) => seen.has(person.id)).map((person) => {
    if (person.managerId === undefined || seen.has(person.managerId)) return person;
    const { managerId: _hidden, ...rest } = person;
    return rest;
  });
}
