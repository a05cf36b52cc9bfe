// The pure façade the UI and the store call: open an appraisal, act on it. Every accepted action
// returns the next record (revision + 1) and its audit entries; every other one a reason, never silence.
import { KaoheInputError, canonicalJson, itemGroupsOf, scoreSheet } from '@kaohe/scoring';
import type { Entry, Rubric, Sheet } from '@kaohe/scoring';
import { initialTransition, transition } from 'xstate';
import type { Chain, ChainStep } from './chain.ts';
import { HR_ROLE, isGroupStep, itemsAtStep, stepOf } from './chain.ts';
import type { WorkCalendar } from './calendar.ts';
import { dueDate, isOverdue, startDate } from './calendar.ts';
import { timeZoneOf } from './business-day.ts';
import { personOf } from './directory-index.ts';
import { normalisedChain } from './normalised-chain.ts';
import { SYSTEM_ACTOR } from './system-actor.ts';
import type { ChainContext, ChainEvent, ChainMachine } from './machine.ts';
import { createChainMachine, forwardEventOf, rules } from './machine.ts';
import type { AppraisalRecord, AppraisalStatus, AuditEvent, Delegation, Directory, Person } from './records.ts';
import type { RoutingOptions } from './routing.ts';
import { activeDelegations, resolveActors, resolveGroupActors, resolveReopeners } from './routing.ts';
import type { Cycle, KeptContext, WorkflowState } from './workflow-state.ts';
import { publishedState, workflowOf } from './workflow-state.ts';

/** An audit entry before the store numbers and hash-chains it. */
export type AuditEntry = Omit<AuditEvent, 'seq' | 'prevHash' | 'hash'>;

/** An item's entry, or null to clear it. */
export type EntryPatch = Record<string, Entry | null>;

interface Edits {
  entries?: EntryPatch;
  attendance?: Sheet['attendance'];
}

export type WorkflowAction =
  | (Edits & { type: 'draft.save'; group?: string; comment?: string })
  | (Edits & { type: 'step.submit'; comment?: string })
  | (Edits & { type: 'step.approve'; comment?: string })
  | (Edits & { type: 'step.resubmit'; comment?: string })
  | (Edits & { type: 'group.submit'; group: string; comment?: string })
  | { type: 'step.return'; to: string; comment: string }
  | { type: 'appraisal.publish'; comment?: string }
  | { type: 'employee.acknowledge'; comment?: string }
  | { type: 'employee.appeal'; comment: string }
  | { type: 'hr.reopen'; reason: string; to?: string };

export type ActionName = WorkflowAction['type'];

import { isForward } from './forward.ts';

export { FORWARD_ACTIONS, isForward, type ForwardAction } from './forward.ts';

export interface ActContext {
  /** the signed-in user's id */
  actor: string;
  directory: Directory;
  chain: Chain;
  /** ISO timestamp of the action */
  now: string;
  /** the company's calendar: its time zone decides which day `now` is; its due days and closed days the deadlines */
  calendar?: WorkCalendar;
  delegations?: Delegation[];
  /** the rubric's item → assessing groups (empty: the step's assessor); needed to edit at a group step unless `rubric` is given */
  itemGroups?: Record<string, string[]>;
  /**
   * The rubric the appraisal pins. Given, a submission is refused while the sheet is invalid or an
   * item the submitter answers for is not scored (the items of their group, or of their
   * relationship — R-TR's `self`, `directLeader` …, or every item without groups).
   */
  rubric?: Rubric;
}

export type ReasonCode =
  | 'invalidChain' | 'chainMismatch' | 'unknownEmployee'
  | 'ownAppraisal' | 'notAssignee' | 'notEmployee' | 'notReopener'
  | 'missingComment' | 'missingReason'
  | 'notReturnable' | 'notReturned' | 'resubmitRequired'
  | 'notAGroupStep' | 'unknownGroup' | 'notInGroup' | 'groupAlreadySubmitted' | 'groupsIncomplete'
  | 'wrongAction' | 'notFinallyApproved' | 'alreadyPublished' | 'notPublished' | 'alreadyAcknowledged'
  | 'unknownStep' | 'readOnly' | 'itemGroupsUnknown' | 'itemNotInGroup' | 'notAllowedNow'
  | 'invalidSheet' | 'incomplete' | 'notEditable';

export interface Refusal {
  code: ReasonCode;
  message: string;
}

export type ActResult =
  | { ok: true; record: AppraisalRecord; audit: AuditEntry[] }
  | { ok: false; reason: Refusal };

/** What a record keeps (KeptContext) out of the machine's context or a record's workflow. */
const kept = (from: KeptContext): KeptContext => ({
  cycle: from.cycle, groupsDone: from.groupsDone, returns: from.returns, acknowledged: from.acknowledged, trail: from.trail, lastDraft: from.lastDraft,
});

export interface OpenInput {
  employee: Person | string;
  period: string;
  rubric: { id: string; version: number };
  chain: Chain;
  directory: Directory;
  sheet?: Sheet;
  now: string;
  /** who opened it (default `system`) */
  openedBy?: string;
  calendar?: WorkCalendar;
  delegations?: Delegation[];
}

const machines = new WeakMap<Chain, { chain: Chain; machine: ChainMachine }>();

/** The machine of a chain, built once per chain object. Throws on an invalid chain. */
export function machineFor(chain: Chain): { chain: Chain; machine: ChainMachine } {
  let built = machines.get(chain);
  if (!built) {
    built = { chain: normalisedChain(chain), machine: createChainMachine(chain) };
    machines.set(chain, built);
  }
  return built;
}

/** Opens an appraisal at the first step of its chain, revision 0. */
export function openAppraisal(input: OpenInput): AppraisalRecord {
  const { chain, machine } = machineFor(input.chain);
  const employee = typeof input.employee === 'string'
    ? personOf(input.directory, input.employee)
    : input.employee;
  if (!employee) {
    throw new KaoheInputError('appraisal', [{ path: 'employee', rule: 'unknown-person', message: `"${String(input.employee)}" is not in the directory` }]);
  }
  const routing: RoutingOptions = { date: input.now, timeZone: timeZoneOf(input.calendar), ...(input.delegations ? { delegations: input.delegations } : {}) };
  const [snapshot] = initialTransition(machine, {
    employeeId: employee.id,
    ...rosters(chain, employee, input.directory, routing),
  });
  const sheet: Sheet = input.sheet ?? {
    rubric: input.rubric.id,
    rubricVersion: input.rubric.version,
    employee: employee.id,
    period: input.period,
    // No attendance yet: it is recorded at its step (itemsAtStep's `attendance`), and a sheet without it
    // must not claim full attendance (C-1, C-2).
    entries: {},
  };
  const base = {
    id: `${input.period}:${employee.id}`,
    employeeId: employee.id,
    period: input.period,
    rubricId: input.rubric.id,
    rubricVersion: input.rubric.version,
    chainId: chain.id,
    sheet,
    revision: 0,
    updatedAt: input.now,
    updatedBy: input.openedBy ?? SYSTEM_ACTOR,
  };
  return { ...base, ...project(chain, String(snapshot.value), snapshot.context, employee, input.directory, routing, input.period, input.calendar) };
}

/** The audit entry for opening an appraisal (the store writes it with the record). */
export function openingAudit(record: AppraisalRecord): AuditEntry {
  return {
    at: record.updatedAt,
    actor: record.updatedBy,
    appraisalId: record.id,
    action: 'appraisal.open',
    before: null,
    after: summary(record, undefined),
  };
}

/** Decides one action on an appraisal. Pure: the caller persists the record and the audit entries. */
export function act(record: AppraisalRecord, action: WorkflowAction, ctx: ActContext): ActResult {
  const prepared = prepare(record, action, ctx);
  if (!prepared.ok) return prepared;
  const { chain, machine, snapshot, event, employee, routing } = prepared;
  const sheet = applyEdits(record.sheet, action);
  const current = stepOf(chain, workflowOf(record).state);
  if (ctx.rubric && current && !isGroupStep(current)) {
    const refusal = editsBeyondStep(chain, current, ctx.rubric, record.sheet, sheet);
    if (refusal) return { ok: false, reason: refusal };
  }
  if (ctx.rubric && (action.type === 'step.submit' || action.type === 'step.resubmit' || action.type === 'group.submit' || action.type === 'step.approve')) {
    const refusal = incompleteness(ctx.rubric, sheet, chain, current, action.type === 'group.submit' ? action.group : undefined, action.type === 'step.approve');
    if (refusal) return { ok: false, reason: refusal };
  }
  const [next] = transition(machine, snapshot, event);
  const projected = project(chain, String(next.value), next.context, employee, ctx.directory, routing, record.period, ctx.calendar);
  const updated: AppraisalRecord = {
    ...record,
    ...projected,
    sheet,
    revision: record.revision + 1,
    updatedAt: ctx.now,
    updatedBy: ctx.actor,
  };
  if (projected.dueDate === undefined) delete updated.dueDate;
  // What is published is kept as it is until HR publishes again (publishedResultOf): an appeal's
  // rescore works on `sheet`. The scores are the service's to add, in the same write.
  if (action.type === 'appraisal.publish') updated.published = { revision: updated.revision, at: ctx.now, sheet };
  const changed = changedItems(record.sheet, sheet);
  const before = summary(record, changed.length > 0 ? record.sheet : undefined, changed);
  const after = summary(updated, changed.length > 0 ? sheet : undefined, changed);
  // A late submission is accepted but remembered: the deadline is the domain's, the decision HR's.
  // The day is the company's (WorkCalendar.timeZone): 23:30 UTC on the 7th is the 8th in Shanghai.
  if (isForward(action.type) && isOverdue(record, ctx.now, timeZoneOf(ctx.calendar))) after.late = true;
  const comment = action.type === 'hr.reopen' ? action.reason : action.comment;
  const entry: AuditEntry = {
    at: ctx.now, actor: ctx.actor, appraisalId: record.id, action: action.type, before, after,
    ...(comment !== undefined && comment !== '' ? { comment } : {}),
  };
  return { ok: true, record: updated, audit: [entry] };
}

/**
 * An edit at a step of one actor (not a group's, which `groupEdits` checks) touches only what that step
 * edits (itemsAtStep): a reviewer who wants a score changed returns the appraisal to who gave it.
 */
function editsBeyondStep(chain: Chain, step: ChainStep, rubric: Rubric, before: AppraisalRecord['sheet'], after: AppraisalRecord['sheet']): Refusal | null {
  const changed = changedItems(before, after);
  if (changed.length === 0) return null;
  const allowed = itemsAtStep(chain, step, itemGroupsOf(rubric));
  const editable = new Set(allowed.editable);
  // A section's gate (R-SP's SP-W) is changed by whoever changes every item of its section.
  for (const section of rubric.sections) {
    if (section.gate && section.items.every((item) => editable.has(item.id))) editable.add(section.gate.id);
  }
  const beyond = changed.filter((id) => (id === 'attendance' ? !allowed.attendance : !editable.has(id)));
  if (beyond.length === 0) return null;
  const may = [...allowed.editable, ...(allowed.attendance ? ['attendance'] : [])];
  return reason('notEditable', `at "${step.label.en}" ${may.length > 0 ? `only ${may.join(', ')} may be changed` : 'the sheet is reviewed, not changed'}; `
    + `${beyond.join(', ')} ${beyond.length === 1 ? 'is' : 'are'} changed by returning the appraisal to the step that scores ${beyond.length === 1 ? 'it' : 'them'}`);
}

function incompleteness(rubric: Rubric, sheet: AppraisalRecord['sheet'], chain: Chain, step: ChainStep | undefined, group: string | undefined, approving: boolean): Refusal | null {
  const atStep = step ? itemsAtStep(chain, step, itemGroupsOf(rubric), group) : undefined;
  const required = new Set(atStep?.required ?? []);
  // The step that records the month's attendance owes it where the monthly score uses it (C-1).
  const owesAttendance = atStep?.attendance === true && sheet.attendance === undefined && rubric.composite.kind === 'workAttendance';
  // A reviewer who approves answers only for the items the rubric names them for (R-TR's TR-2b).
  if (approving && required.size === 0 && !owesAttendance) return null;
  let missing: string[];
  try {
    // Before its step the attendance is simply not there yet: the items are checked without it (the
    // stand-in only lets the sheet be read; it is not kept).
    missing = scoreSheet(rubric, sheet.attendance === undefined ? { ...sheet, attendance: { absentDays: '0' } } : sheet).missing;
  } catch (error) {
    if (!(error instanceof KaoheInputError)) throw error;
    return reason('invalidSheet', error.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  }
  const owed = [...missing.filter((id) => required.has(id)), ...(owesAttendance ? ['attendance'] : [])];
  return owed.length > 0 ? reason('incomplete', `not yet scored: ${owed.join(', ')}`) : null;
}

/**
 * The actions `userId` may take on the record now (what the UI offers as buttons). The probes are
 * decided by `reasonFor` and the chain machine's guards, which read nothing of the record but its
 * state and the caller's standing in it (`standing`); the answer is kept per chain machine and
 * standing, so a page of 50 tasks at one step builds no xstate snapshot after the first.
 */
export function allowedActions(record: AppraisalRecord, userId: string, ctx: Omit<ActContext, 'actor'>): ActionName[] {
  let built: { chain: Chain; machine: ChainMachine };
  try {
    built = machineFor(ctx.chain);
  } catch {
    return [];
  }
  const { chain, machine } = built;
  if (chain.id !== record.chainId) return [];
  const employee = personOf(ctx.directory, record.employeeId);
  if (!employee) return [];
  const full: ActContext = { ...ctx, actor: userId };
  const workflow = workflowOf(record);
  const context = chainContext(chain, employee, workflow, full);
  let kept = allowedKept.get(machine);
  if (!kept) allowedKept.set(machine, kept = new Map());
  const key = standing(chain, workflow.state, context, userId);
  const found = kept.get(key);
  if (found) return [...found];
  const step = stepOf(chain, workflow.state);
  const probes: WorkflowAction[] = [
    { type: 'draft.save' },
    { type: 'step.submit' },
    { type: 'step.approve' },
    { type: 'step.resubmit' },
    ...(step && isGroupStep(step) ? step.actor.groups.map((group): WorkflowAction => ({ type: 'group.submit', group })) : []),
    ...(step?.returnTo ?? []).map((to): WorkflowAction => ({ type: 'step.return', to, comment: '(probe)' })),
    { type: 'appraisal.publish' },
    { type: 'employee.acknowledge' },
    { type: 'employee.appeal', comment: '(probe)' },
    { type: 'hr.reopen', reason: '(probe)' },
  ];
  const allowed = new Set<ActionName>();
  let snapshot: ReturnType<ChainMachine['resolveState']> | undefined;
  for (const probe of probes) {
    const event = toEvent(probe, full);
    if (reasonFor(chain, workflow.state, context, event, probe, full)) continue;
    snapshot ??= machine.resolveState({ value: workflow.state, context });
    if (snapshot.can(event)) allowed.add(probe.type);
  }
  const answer = [...allowed];
  if (kept.size >= ALLOWED_KEPT) kept.clear();
  kept.set(key, answer);
  return [...answer];
}

/** (chain machine → standing → the allowed actions): a handful of standings per chain and step. */
const allowedKept = new WeakMap<ChainMachine, Map<string, readonly ActionName[]>>();
const ALLOWED_KEPT = 10_000;

/**
 * Everything of an appraisal and its context that the probes of `allowedActions` read, relative to
 * `actor` (the questions of `rules`, which the guards and `reasonFor` ask): the state, whether it is
 * their own appraisal, at which steps and in which groups they act, whether they reopen, which groups
 * are done, who returned it last, whether it was acknowledged and the cycle. Two records with one
 * standing get the same answer for the same chain machine.
 */
function standing(chain: Chain, state: string, context: ChainContext, actor: string): string {
  const steps = chain.steps.map((step) => {
    const groups = context.groupRoster[step.id];
    const member = groups ? Object.keys(groups).filter((group) => rules.isGroupMember(context, actor, step.id, group)).join('+') : '';
    return `${rules.isAssignee(context, actor, step.id) ? 1 : 0}${member}`;
  });
  return JSON.stringify([
    state, rules.isOwnAppraisal(context, actor), rules.isReopener(context, actor), steps,
    context.groupsDone, context.returns.length, rules.returnedBy(context) ?? null, context.acknowledged, context.cycle,
  ]);
}

/** Who acts is routed on the action's day, in the company's time zone, with the delegations given. */
function routingOf(ctx: ActContext): RoutingOptions {
  return { date: ctx.now, timeZone: timeZoneOf(ctx.calendar), ...(ctx.delegations ? { delegations: ctx.delegations } : {}) };
}

/** The machine's context for a record: the rosters drawn from the directory now, and what the record keeps (`kept`). The one place both `act` and `allowedActions` build it. */
function chainContext(chain: Chain, employee: Person, workflow: WorkflowState, ctx: ActContext, routing = routingOf(ctx)): ChainContext {
  return { employeeId: employee.id, ...rosters(chain, employee, ctx.directory, routing), ...kept(workflow) };
}

type Prepared =
  | { ok: true; chain: Chain; machine: ChainMachine; snapshot: ReturnType<ChainMachine['resolveState']>; event: ChainEvent; employee: Person; routing: RoutingOptions }
  | { ok: false; reason: Refusal };

function prepare(record: AppraisalRecord, action: WorkflowAction, ctx: ActContext): Prepared {
  let built: { chain: Chain; machine: ChainMachine };
  try {
    built = machineFor(ctx.chain);
  } catch (error) {
    return refuse('invalidChain', error instanceof Error ? error.message : 'the chain is invalid');
  }
  const { chain, machine } = built;
  if (chain.id !== record.chainId) return refuse('chainMismatch', `this appraisal runs chain ${record.chainId}, not ${chain.id}`);
  const employee = personOf(ctx.directory, record.employeeId);
  if (!employee) return refuse('unknownEmployee', `employee ${record.employeeId} is not in the directory`);
  const routing = routingOf(ctx);
  const workflow = workflowOf(record);
  const context = chainContext(chain, employee, workflow, ctx, routing);
  const event = toEvent(action, ctx);
  const refusal = reasonFor(chain, workflow.state, context, event, action, ctx);
  if (refusal) return { ok: false, reason: refusal };
  const snapshot = machine.resolveState({ value: workflow.state, context });
  // The machine has the last word: a guard swapped in by the host may refuse what the rules above allow.
  if (!snapshot.can(event)) return refuse('notAllowedNow', `${action.type} is not possible at this point of the chain`);
  return { ok: true, chain, machine, snapshot, event, employee, routing };
}

function reasonFor(chain: Chain, state: string, context: ChainContext, event: ChainEvent, action: WorkflowAction, ctx: ActContext): Refusal | null {
  const actor = ctx.actor;
  const own = rules.isOwnAppraisal(context, actor);
  const edits = 'entries' in action || 'attendance' in action;

  if (state === publishedState) {
    if (edits) return reason('readOnly', 'a published appraisal is not edited; HR reopens it first');
    switch (action.type) {
      case 'employee.acknowledge':
      case 'employee.appeal':
        if (!own) return reason('notEmployee', 'only the appraised employee acknowledges or appeals a result');
        if (context.acknowledged) return reason('alreadyAcknowledged', 'the result has already been acknowledged');
        if (action.type === 'employee.appeal' && !rules.hasText(action.comment)) return reason('missingComment', 'an appeal says why');
        return null;
      case 'hr.reopen':
        if (own) return reason('ownAppraisal', 'nobody reopens their own appraisal');
        if (!rules.isReopener(context, actor)) return reason('notReopener', `only ${chain.reopenBy ?? HR_ROLE} reopens a published appraisal`);
        if (!rules.hasText(action.reason)) return reason('missingReason', 'a reopen gives a reason');
        if (action.to !== undefined && !chain.steps.some((step) => step.id === action.to && step.kind !== 'publish')) {
          return reason('unknownStep', `"${action.to}" is not a step this appraisal can be reopened at`);
        }
        return null;
      default:
        return reason('alreadyPublished', 'the appraisal is already published');
    }
  }

  const step = stepOf(chain, state);
  if (!step) return reason('unknownStep', `the appraisal stands at "${state}", which is not a step of ${chain.id}`);
  const stepName = step.label.en;
  if (action.type === 'employee.acknowledge' || action.type === 'employee.appeal' || action.type === 'hr.reopen') {
    return reason('notPublished', `${action.type} needs a published appraisal`);
  }
  if (action.type === 'appraisal.publish' && step.kind !== 'publish') {
    return reason('notFinallyApproved', `the appraisal cannot be published before the final approval (it is at "${stepName}")`);
  }
  if (own && step.kind !== 'self') return reason('ownAppraisal', 'nobody scores, reviews or approves their own appraisal');

  if (isGroupStep(step)) {
    const groups = step.actor.groups;
    const memberOf = groups.filter((group) => rules.isGroupMember(context, actor, step.id, group));
    switch (action.type) {
      case 'group.submit':
        if (!groups.includes(action.group)) return reason('unknownGroup', `"${action.group}" does not assess at "${stepName}"`);
        if (!memberOf.includes(action.group)) return reason('notInGroup', `${actor} is not a member of ${action.group}`);
        if (!rules.groupPending(context, action.group)) return reason('groupAlreadySubmitted', `${action.group} has already submitted`);
        return groupEdits(action.entries, action.attendance, [action.group], ctx);
      case 'draft.save': {
        const pending = memberOf.filter((group) => rules.groupPending(context, group) && (action.group === undefined || action.group === group));
        if (pending.length === 0) return reason('notInGroup', `${actor} is not a member of a group still scoring at "${stepName}"`);
        return groupEdits(action.entries, action.attendance, pending, ctx);
      }
      case 'step.return':
        if (!rules.isAssignee(context, actor, step.id)) return reason('notAssignee', `${actor} does not act at "${stepName}"`);
        return returnReason(step, action);
      case 'step.submit':
      case 'step.approve': {
        const missing = groups.filter((group) => rules.groupPending(context, group));
        return reason('groupsIncomplete', `"${stepName}" completes when every group has submitted; still missing: ${missing.join(', ')}`);
      }
      default:
        return reason('wrongAction', `at "${stepName}" each group submits with group.submit`);
    }
  }

  if (action.type === 'group.submit') return reason('notAGroupStep', `"${stepName}" is not scored by groups`);
  if (!rules.isAssignee(context, actor, step.id)) return reason('notAssignee', `${actor} does not act at "${stepName}"`);
  if (step.kind === 'publish' && edits) return reason('readOnly', 'the sheet is final once approved; return it to change it');
  switch (action.type) {
    case 'step.return':
      return returnReason(step, action);
    case 'step.resubmit':
      if (rules.returnedBy(context) === undefined) return reason('notReturned', `"${stepName}" was not returned; submit it instead`);
      return null;
    case 'draft.save':
      if (step.kind === 'publish') return reason('wrongAction', 'there is nothing to draft at the publish step');
      return null;
    default: {
      const forward = forwardEventOf(step);
      if (event.type !== forward) return reason('wrongAction', `"${stepName}" goes on with ${forward}, not ${event.type}`);
      if (context.returns.length > 0) {
        return reason('resubmitRequired', `"${stepName}" was returned by "${rules.returnedBy(context)}": resubmit it there`);
      }
      return null;
    }
  }
}

function returnReason(step: ChainStep, action: { to: string; comment: string }): Refusal | null {
  if (!rules.hasText(action.comment)) return reason('missingComment', 'a return says what to change');
  if (!(step.returnTo ?? []).includes(action.to)) {
    const allowed = step.returnTo?.length ? `only to ${step.returnTo.join(', ')}` : 'nowhere';
    return reason('notReturnable', `"${step.label.en}" can return ${allowed}, not to "${action.to}"`);
  }
  return null;
}

/** An assessing group edits only its own items (design.md: it sees and edits only its items). */
function groupEdits(entries: EntryPatch | undefined, attendance: Sheet['attendance'] | undefined, groups: string[], ctx: ActContext): Refusal | null {
  if (attendance !== undefined) return reason('itemNotInGroup', 'attendance is not an assessing group\'s item');
  const ids = Object.keys(entries ?? {});
  if (ids.length === 0) return null;
  // the pinned rubric says it when given; `itemGroups` is for a caller without the rubric at hand
  const itemGroups = ctx.rubric ? itemGroupsOf(ctx.rubric) : ctx.itemGroups;
  if (!itemGroups) return reason('itemGroupsUnknown', 'editing at a group step needs the rubric (or its item → groups mapping)');
  const foreign = ids.filter((id) => !(itemGroups[id] ?? []).some((group) => groups.includes(group)));
  if (foreign.length > 0) return reason('itemNotInGroup', `${groups.join(', ')} may not edit ${foreign.join(', ')}`);
  return null;
}

function toEvent(action: WorkflowAction, ctx: ActContext): ChainEvent {
  const base = { actor: ctx.actor, at: ctx.now };
  switch (action.type) {
    case 'step.return': return { ...base, type: action.type, to: action.to, comment: action.comment };
    case 'group.submit': return { ...base, type: action.type, group: action.group, ...optionalComment(action.comment) };
    case 'draft.save': return { ...base, type: action.type, ...(action.group !== undefined ? { group: action.group } : {}) };
    case 'hr.reopen': return { ...base, type: action.type, reason: action.reason, ...(action.to !== undefined ? { to: action.to } : {}) };
    default: return { ...base, type: action.type, ...optionalComment(action.comment) };
  }
}

function optionalComment(comment: string | undefined): { comment?: string } {
  return comment !== undefined ? { comment } : {};
}

function rosters(chain: Chain, employee: Person, directory: Directory, routing: RoutingOptions): Pick<ChainContext, 'roster' | 'groupRoster' | 'reopeners'> {
  const roster: Record<string, string[]> = {};
  const groupRoster: Record<string, Record<string, string[]>> = {};
  for (const step of chain.steps) {
    roster[step.id] = resolveActors(step, employee, directory, routing);
    if (isGroupStep(step)) groupRoster[step.id] = resolveGroupActors(step, employee, directory, routing);
  }
  return { roster, groupRoster, reopeners: resolveReopeners(chain, employee, directory, routing) };
}

type Projection = Pick<AppraisalRecord, 'status' | 'step' | 'assignees' | 'dueDate' | 'workflow'>;

function project(chain: Chain, state: string, context: ChainContext, employee: Person, directory: Directory, routing: RoutingOptions, period: string, calendar?: WorkCalendar): Projection {
  const published = state === publishedState;
  const step = published ? chain.steps[chain.steps.length - 1] as ChainStep : stepOf(chain, state) as ChainStep;
  const assignees = published ? [] : assigneesAt(step, context);
  const undelegated = { ...directory, delegations: [] };
  const base = published ? [] : isGroupStep(step)
    ? Object.values(resolveGroupActors(step, employee, undelegated, { date: routing.date, timeZone: routing.timeZone })).flat()
    : resolveActors(step, employee, undelegated, { date: routing.date, timeZone: routing.timeZone });
  const delegated = activeDelegations(directory, routing)
    .filter((delegation) => assignees.includes(delegation.to) && !base.includes(delegation.to) && base.includes(delegation.from));
  const workflow: WorkflowState = {
    state,
    ...kept(context),
    actions: published ? [] : stepActions(step, context),
    delegated,
  };
  const opens = published ? undefined : startDate(step, period);
  if (opens !== undefined) workflow.startDate = opens;
  const due = published ? undefined : dueDate(step, period, calendar);
  return {
    status: statusOf(step, published, context.cycle),
    step: step.id,
    assignees,
    ...(due !== undefined ? { dueDate: due } : {}),
    workflow: workflow as unknown as Record<string, unknown>,
  };
}

function statusOf(step: ChainStep, published: boolean, cycle: Cycle): AppraisalStatus {
  if (published) return 'published';
  if (cycle === 'appeal') return 'appealed';
  if (cycle === 'reopen') return 'reopened';
  if (step.kind === 'publish') return 'approved';
  if (step.kind === 'self' || step.kind === 'score') return 'open';
  return 'inReview';
}

function assigneesAt(step: ChainStep, context: ChainContext): string[] {
  if (!isGroupStep(step)) return context.roster[step.id] ?? [];
  const pending = step.actor.groups.filter((group) => rules.groupPending(context, group));
  return [...new Set(pending.flatMap((group) => context.groupRoster[step.id]?.[group] ?? []))].sort();
}

function stepActions(step: ChainStep, context: ChainContext): ActionName[] {
  const actions: ActionName[] = [];
  if (isGroupStep(step)) actions.push('draft.save', 'group.submit');
  else if (step.kind === 'publish') actions.push('appraisal.publish');
  else if (context.returns.length > 0) actions.push('draft.save', 'step.resubmit');
  else actions.push('draft.save', forwardEventOf(step) as ActionName);
  if (step.returnTo?.length) actions.push('step.return');
  return actions;
}

function applyEdits(sheet: Sheet, action: WorkflowAction): Sheet {
  if (!('entries' in action) && !('attendance' in action)) return sheet;
  const entries = { ...sheet.entries };
  for (const [id, entry] of Object.entries(action.entries ?? {})) {
    if (entry === null) delete entries[id];
    else entries[id] = entry;
  }
  return { ...sheet, entries, ...(action.attendance !== undefined ? { attendance: action.attendance } : {}) };
}

function changedItems(before: Sheet, after: Sheet): string[] {
  const ids = new Set([...Object.keys(before.entries), ...Object.keys(after.entries)]);
  // by content, whatever order a form built the entry's keys in
  const changed = [...ids].filter((id) => canonicalJson(before.entries[id] ?? null) !== canonicalJson(after.entries[id] ?? null));
  if (canonicalJson(before.attendance) !== canonicalJson(after.attendance)) changed.push('attendance');
  return changed.sort();
}

interface Summary {
  revision: number;
  status: AppraisalStatus;
  step: string;
  assignees: string[];
  groupsDone?: string[];
  entries?: Record<string, Entry | null>;
  attendance?: Sheet['attendance'];
  late?: true;
}

function summary(record: AppraisalRecord, sheet: Sheet | undefined, changed: string[] = []): Summary {
  const workflow = workflowOf(record);
  const out: Summary = { revision: record.revision, status: record.status, step: record.step, assignees: record.assignees };
  if (workflow.groupsDone.length > 0) out.groupsDone = workflow.groupsDone;
  if (sheet) {
    const entries: Record<string, Entry | null> = {};
    for (const id of changed) if (id !== 'attendance') entries[id] = sheet.entries[id] ?? null;
    if (Object.keys(entries).length > 0) out.entries = entries;
    if (changed.includes('attendance')) out.attendance = sheet.attendance;
  }
  return out;
}

function reason(code: ReasonCode, message: string): Refusal {
  return { code, message };
}

function refuse(code: ReasonCode, message: string): { ok: false; reason: Refusal } {
  return { ok: false, reason: reason(code, message) };
}
