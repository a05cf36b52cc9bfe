// Who may read what. The employee sees their appraisal once published (or at their own self step);
// TR-3 lateral raters stay anonymous to the employee; an assessing group sees and edits only its items.
// It builds no machine (xstate): a page that only shows a payslip asks it (payslip-access.ts).
import type { ActContext } from './appraisal.ts';
import type { Chain, ChainStep } from './chain.ts';
import { isGroupStep, itemsAtStep, stepOf } from './chain.ts';
import type { AppraisalRecord, AppraisalStatus, Delegation, Directory, Person } from './records.ts';
import type { RoutingOptions } from './routing.ts';
import type { WorkCalendar } from './calendar.ts';
import { timeZoneOf } from './business-day.ts';
import { personOf } from './directory-index.ts';
import { normalisedChain } from './normalised-chain.ts';
import { resolveActors, resolveGroupActors, resolveReopeners } from './routing.ts';
import type { TrailEntry } from './workflow-state.ts';
import { publishedState, workflowOf } from './workflow-state.ts';

export interface VisibilityOptions {
  /** the moment or day the question is asked (delegations count on its day); default: the record's last update */
  date?: string;
  /** the company's calendar, whose time zone says which day `date` is */
  calendar?: WorkCalendar;
  delegations?: Delegation[];
}

export interface ItemVisibility {
  read: string[];
  edit: string[];
}

/** Whether `userId` may open the appraisal at all. */
export function canRead(record: AppraisalRecord, userId: string, directory: Directory, chain: Chain, options: VisibilityOptions = {}): boolean {
  const employee = personOf(directory, record.employeeId);
  if (!employee) return false;
  const full = fullChain(chain);
  if (userId === employee.id) return employeeMayRead(record, full);
  const people = participants(record, employee, directory, full, routingOf(record, options));
  return people.all.has(userId);
}

/**
 * Everyone who may open the appraisal: exactly the people for whom `canRead` answers true, sorted.
 * The service names the audience of a change with it (who may read it before ∪ after).
 */
export function readersOf(record: AppraisalRecord, directory: Directory, chain: Chain, options: VisibilityOptions = {}): string[] {
  const employee = personOf(directory, record.employeeId);
  if (!employee) return [];
  const full = fullChain(chain);
  const readers = [...participants(record, employee, directory, full, routingOf(record, options)).all];
  if (employeeMayRead(record, full)) readers.push(employee.id);
  return readers.sort();
}

/**
 * The items `userId` may read and edit, given the rubric's item → groups mapping (every item listed,
 * `[]` for an item the step's assessor scores).
 */
export function visibleItems(
  record: AppraisalRecord,
  userId: string,
  options: VisibilityOptions & { directory: Directory; chain: Chain; itemGroups: Record<string, string[]> },
): ItemVisibility {
  const { directory, itemGroups } = options;
  const items = Object.keys(itemGroups);
  if (!canRead(record, userId, directory, options.chain, options)) return { read: [], edit: [] };
  const chain = fullChain(options.chain);
  const employee = personOf(directory, record.employeeId) as Person;
  const routing = routingOf(record, options);
  const workflow = workflowOf(record);
  const current = workflow.state === publishedState ? undefined : stepOf(chain, workflow.state);
  const people = participants(record, employee, directory, chain, routing);

  if (people.groupOnly.has(userId)) {
    const mine = (groups: Record<string, string[]>) => Object.keys(groups).filter((group) => groups[group]?.includes(userId));
    const myGroups = new Set(chain.steps.filter(isGroupStep).flatMap((step) => mine(resolveGroupActors(step, employee, directory, routing))));
    const ofGroups = (groups: Iterable<string>) => {
      const set = new Set(groups);
      return items.filter((item) => (itemGroups[item] ?? []).some((group) => set.has(group)));
    };
    const editing = pendingGroupsFor(record, userId, {
      directory, chain: options.chain, now: routing.date, ...(options.calendar ? { calendar: options.calendar } : {}),
      ...(routing.delegations ? { delegations: routing.delegations } : {}),
    });
    return { read: ofGroups(myGroups), edit: ofGroups(editing) };
  }
  const editsNow = current !== undefined && !isGroupStep(current) && current.kind !== 'publish'
    && resolveActors(current, employee, directory, routing).includes(userId);
  const edit = editsNow ? itemsAtStep(chain, current, itemGroups).editable : [];
  // Before publication the employee reads only what they write themselves (TR-1 at W-TR's self step):
  // a sheet returned to them carries their leaders' and lateral raters' scores, which are not out yet.
  if (userId === employee.id && !isPublished(record.status)) return { read: edit, edit };
  return { read: items, edit };
}

/**
 * The groups of the current group step (W-FS) that `userId` scores for on `ctx.now` (as a member or a
 * member's delegate) and that have not handed in yet, in the step's order; [] at any other step.
 */
export function pendingGroupsFor(record: AppraisalRecord, userId: string, ctx: Pick<ActContext, 'directory' | 'chain' | 'now' | 'delegations' | 'calendar'>): string[] {
  const employee = personOf(ctx.directory, record.employeeId);
  const workflow = workflowOf(record);
  const step = employee && workflow.state !== publishedState ? stepOf(fullChain(ctx.chain), workflow.state) : undefined;
  if (!employee || !step || !isGroupStep(step)) return [];
  const routing: RoutingOptions = { date: ctx.now, timeZone: timeZoneOf(ctx.calendar), ...(ctx.delegations ? { delegations: ctx.delegations } : {}) };
  const actors = resolveGroupActors(step, employee, ctx.directory, routing);
  return step.actor.groups.filter((group) => actors[group]?.includes(userId) && !workflow.groupsDone.includes(group));
}

/** Who an audit entry or `updatedBy` names when the viewer may not learn who acted (TR-3). */
export const ANONYMOUS_ACTOR = 'anonymous';

/** A comment left along the chain, signed for the person reading it. */
export interface ChainComment {
  at: string;
  by: string;
  text: string;
}

/**
 * The comments along the record's trail that `viewerId` may read, oldest first. `signature` names each
 * author; it gets `actorId` undefined where the viewer may not learn who wrote (the employee, for TR-3
 * lateral raters), so the caller can sign with the step instead.
 */
export function commentsForViewer(
  record: AppraisalRecord,
  viewerId: string,
  chain: Chain,
  signature: (actorId: string | undefined, step: string) => string,
): ChainComment[] {
  return workflowOf(redactForViewer(record, viewerId, chain)).trail
    .filter((entry) => entry.comment !== undefined && entry.comment !== '')
    .map((entry) => ({ at: entry.at, by: signature(entry.actor, entry.step), text: entry.comment as string }));
}

/** The record as `viewerId` may see it: for the employee, TR-3 lateral raters' identities are removed. */
export function redactForViewer(record: AppraisalRecord, viewerId: string, chain: Chain): AppraisalRecord {
  if (viewerId !== record.employeeId) return record;
  const anonymous = anonymousSteps(chain);
  if (anonymous.size === 0) return record;
  const workflow = workflowOf(record);
  const hidden = new Set<string>();
  const redact = (entry: TrailEntry): TrailEntry => {
    if (!anonymous.has(entry.step)) return entry;
    if (entry.actor !== undefined) hidden.add(entry.actor);
    const { actor: _actor, ...rest } = entry;
    return { ...rest, anonymous: true };
  };
  const trail = workflow.trail.map(redact);
  const lastDraft = workflow.lastDraft ? redact(workflow.lastDraft) : null;
  const atAnonymousStep = anonymous.has(record.step) && record.status !== 'published';
  return {
    ...record,
    assignees: atAnonymousStep ? [] : record.assignees,
    updatedBy: hidden.has(record.updatedBy) ? ANONYMOUS_ACTOR : record.updatedBy,
    workflow: { ...record.workflow, trail, lastDraft, delegated: atAnonymousStep ? [] : workflow.delegated },
  };
}

/** Whether the result is out for the employee (and for pay): published, and still so while appealed. */
export function isPublished(status: AppraisalStatus): boolean {
  return status === 'published' || status === 'appealed';
}

function employeeMayRead(record: AppraisalRecord, chain: Chain): boolean {
  if (isPublished(record.status)) return true;
  // The employee fills in their own self-evaluation (TR-1) before anyone has scored them.
  return stepOf(chain, record.step)?.kind === 'self' && record.status !== 'reopened';
}

function participants(record: AppraisalRecord, employee: Person, directory: Directory, chain: Chain, routing: RoutingOptions) {
  const stepPeople = new Set<string>();
  const groupPeople = new Set<string>();
  for (const step of chain.steps) {
    const target = isGroupStep(step) ? groupPeople : stepPeople;
    if (step.kind !== 'self') for (const id of resolveActors(step, employee, directory, routing)) target.add(id);
  }
  for (const id of resolveReopeners(chain, employee, directory, routing)) stepPeople.add(id);
  const workflow = workflowOf(record);
  // Whoever has acted on it keeps reading it, even after a reorganisation.
  for (const entry of [...workflow.trail, ...(workflow.lastDraft ? [workflow.lastDraft] : [])]) {
    if (entry.actor === undefined || entry.actor === employee.id) continue;
    const step = stepOf(chain, entry.step);
    (step && isGroupStep(step) ? groupPeople : stepPeople).add(entry.actor);
  }
  stepPeople.delete(employee.id);
  groupPeople.delete(employee.id);
  const groupOnly = new Set([...groupPeople].filter((id) => !stepPeople.has(id)));
  return { all: new Set([...stepPeople, ...groupPeople]), groupOnly };
}

function anonymousSteps(chain: Chain): Set<string> {
  return new Set(chain.steps.filter((step: ChainStep) => step.anonymous).map((step) => step.id));
}

function fullChain(chain: Chain): Chain {
  try {
    return normalisedChain(chain);
  } catch {
    return chain;
  }
}

function routingOf(record: AppraisalRecord, options: VisibilityOptions): RoutingOptions {
  return { date: options.date ?? record.updatedAt, timeZone: timeZoneOf(options.calendar), ...(options.delegations ? { delegations: options.delegations } : {}) };
}

