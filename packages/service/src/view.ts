// An appraisal as one person may see it. Everything here is built from a whitelist of the record's
// fields, never by copying the record and deleting what must not show: a field added to the record
// later stays out of every view until someone decides who may see it.
import { KaoheInputError, itemGroupsOf, scoreSheet, type Rubric, type ScoreResult, type Sheet } from '@kaohe/scoring';
import {
  ANONYMOUS_ACTOR, allowedActions, FORWARD_ACTIONS, personOf, canRead, isGroupStep, isOverdue, isPublished, itemsAtStep, machineFor, pendingGroupsFor, publishedResultOf,
  resolveActors, resolveGroupActors, stepOf, tasksFor, timeZoneOf, visibleItems, workflowOf,
  type ActionName, type AppraisalRecord, type AuditEvent, type Chain, type ChainStep, type Delegation, type Directory, type WorkCalendar,
} from '@kaohe/workflow';
import type { AppraisalView, HistoryEntry, SubmitAction, ViewComment, ViewMode } from './schemas.ts';
import type { TaskAppraisal } from './task-schemas.ts';

export interface ViewInput {
  record: AppraisalRecord;
  viewerId: string;
  /** the rubric version the record pins */
  rubric: Rubric;
  chain: Chain;
  directory: Directory;
  now: string;
  calendar?: WorkCalendar | undefined;
  /** the record's audit events, when the view carries its history */
  audit?: readonly AuditEvent[] | undefined;
}

/**
 * What decides whether someone may read a record at `at`: the company's day and calendar, and the
 * delegations the record carries (they keep a delegate who acted on it a reader). The one set of
 * options every read check of the service asks with.
 */
export function readingAt(record: AppraisalRecord, at: string, calendar: WorkCalendar | undefined): { date: string; delegations: Delegation[]; calendar?: WorkCalendar } {
  return { date: at, delegations: workflowOf(record).delegated, ...(calendar ? { calendar } : {}) };
}

/** Actions that make someone an actor at the step (a reviewer even if they edit nothing). */
const stepActions: readonly ActionName[] = ['step.submit', 'step.resubmit', 'step.approve', 'step.return', 'group.submit'];

/** The scores of a sheet, or null while it has problems (a draft half filled in). */
export function scoreOrNull(rubric: Rubric, sheet: Sheet): ScoreResult | null {
  try {
    return scoreSheet(rubric, sheet);
  } catch (error) {
    if (error instanceof KaoheInputError) return null;
    throw error;
  }
}

/** The record as `viewerId` may see it, or undefined where they may see nothing (answered like a missing id). */
export function buildView(input: ViewInput): AppraisalView | undefined {
  const { record, viewerId, rubric, directory, now } = input;
  // the company's day decides overdue and which delegations are in force (WorkCalendar.timeZone)
  const calendar = input.calendar ?? {};
  const timeZone = timeZoneOf(calendar);
  const chain = machineFor(input.chain).chain;
  const workflow = workflowOf(record);
  const reading = readingAt(record, now, input.calendar);
  // The delegations the record carries keep a delegate who acted on it a reader and an actor.
  const delegations = reading.delegations;
  if (!canRead(record, viewerId, directory, chain, reading)) return undefined;

  const itemGroups = itemGroupsOf(rubric);
  const allItems = Object.keys(itemGroups);
  const items = visibleItems(record, viewerId, { ...reading, directory, chain, itemGroups });
  const allowed = allowedActions(record, viewerId, {
    directory, chain, now, rubric, ...(delegations.length > 0 ? { delegations } : {}), ...(input.calendar ? { calendar: input.calendar } : {}),
  });
  const published = isPublished(record.status);
  const step = stepOf(chain, record.step) as ChainStep;
  const running = record.status !== 'published';
  const groups = allowed.includes('group.submit') ? pendingGroupsFor(record, viewerId, { directory, chain, now, calendar, delegations }) : [];
  const forward = FORWARD_ACTIONS.find((type) => allowed.includes(type));
  const submit: SubmitAction | undefined = forward === undefined ? undefined
    : forward === 'group.submit' ? { type: forward, group: groups[0] as string } : { type: forward };

  // What the viewer changes here is workflow's one decision (itemsAtStep): scorers edit, a reviewer only
  // what the rubric names them for or what no one before them could score (W-FS's FS-10).
  const atStep = running ? itemsAtStep(chain, step, itemGroups, groups[0]) : { editable: [], required: [], attendance: false };
  const editable = isGroupStep(step) ? atStep.editable : items.edit;
  const mode: ViewMode = submit !== undefined && submit.type !== 'appraisal.publish' && (editable.length > 0 || atStep.attendance) ? 'edit'
    : allowed.some((action) => stepActions.includes(action)) ? 'review' : 'readonly';

  const employee = viewerId === record.employeeId;
  const reads = new Set(items.read);
  const readsAll = allItems.every((id) => reads.has(id));
  const hidden = employee ? anonymousPeople(record, chain, directory, now, timeZone) : new Set<string>();
  const anonymousSteps = new Set(chain.steps.filter((candidate) => candidate.anonymous).map((candidate) => candidate.id));
  // An assessing group member reads its own groups' part of the trail; the employee reads every comment, unsigned where TR-3 says so.
  const myGroups = readsAll || employee ? undefined : groupsOf(viewerId, record, chain, directory, now, timeZone);

  // The employee reads a result as HR published it (workflow's publishedResultOf): an appeal's rescore is
  // the reviewers' work, read by them, until HR publishes again. None known: no entry and no score.
  const result = employee && published ? publishedResultOf(record) ?? { sheet: unscored(record.sheet), score: null } : record;
  const score = result.score !== undefined ? result.score : scoreOrNull(rubric, result.sheet);
  const { attendance: shownAttendance, ...withoutAttendance } = result.sheet;
  const entries: Sheet['entries'] = {};
  for (const [id, entry] of Object.entries(result.sheet.entries)) if (reads.has(id)) entries[id] = entry;
  // The employee acting at their own step during an appeal (W-TR returns it to self) edits the live sheet:
  // what they edit shows as they saved it; the published result stays for the rest and the score.
  const editing = mode === 'edit' && result !== record;
  if (editing) {
    for (const id of editable) {
      const live = record.sheet.entries[id];
      if (live !== undefined && reads.has(id)) entries[id] = live;
      else delete entries[id];
    }
  }
  const attendance = editing && atStep.attendance ? record.sheet.attendance : shownAttendance;
  const task = tasksFor(record, viewerId, now, timeZone);
  const view: AppraisalView = {
    id: record.id,
    employeeId: record.employeeId,
    period: record.period,
    rubricId: record.rubricId,
    rubricVersion: record.rubricVersion,
    chainId: record.chainId,
    status: record.status,
    step: record.step,
    stepKind: step.kind,
    stepLabel: step.label,
    published,
    // TR-3: while the lateral raters act, the employee does not learn who they are.
    assignees: employee && anonymousSteps.has(record.step) ? [] : record.assignees.filter((id) => !hidden.has(id)),
    groupsDone: workflow.groupsDone,
    returned: workflow.returns.length > 0,
    ...(record.dueDate !== undefined ? { dueDate: record.dueDate } : {}),
    ...(workflow.startDate !== undefined ? { startDate: workflow.startDate } : {}),
    overdue: isOverdue(record, now, timeZone),
    revision: record.revision,
    updatedAt: record.updatedAt,
    updatedBy: hidden.has(record.updatedBy) ? ANONYMOUS_ACTOR : record.updatedBy,
    // The absent days are the employee's own fact: read by who reads the whole sheet (and the employee once
    // it is published) or records them at this step, never by an assessing group or a colleague.
    sheet: { ...withoutAttendance, entries, ...(attendance !== undefined && (readsAll || atStep.attendance && mode === 'edit') ? { attendance } : {}) },
    // Scores before publication go only to who reads the whole sheet and is not the employee; an
    // assessing group would otherwise learn the other groups' marks from the total.
    ...(score && readsAll && (published || !employee) ? { score } : {}),
    visibleItems: items.read,
    editableItems: mode === 'edit' ? editable : [],
    requiredItems: mode === 'edit' ? atStep.required : [],
    editsAttendance: mode === 'edit' && atStep.attendance,
    groups,
    allowedActions: allowed,
    returnTo: allowed.includes('step.return') ? [...(step.returnTo ?? [])] : [],
    ...(submit ? { submit } : {}),
    mode,
    task: task !== null,
    ...(task?.onBehalfOf ? { onBehalfOf: task.onBehalfOf } : {}),
    comments: comments(record, chain, directory, employee, anonymousSteps, hidden, viewerId, myGroups),
  };
  if (input.audit) view.history = history(input.audit, chain, employee, anonymousSteps, hidden, viewerId, myGroups, reads, readsAll);
  return view;
}

/** The sheet without its entries and attendance: what shows of a published result that is not known. */
function unscored(sheet: Sheet): Sheet {
  const { attendance: _attendance, ...rest } = sheet;
  return { ...rest, entries: {} };
}

/**
 * The appraisal as a task list shows it to the viewer: a whitelist of their view's fields, the score
 * cut to its totals. Only ever taken from the view (buildView's one redaction decision), so a row
 * never carries what the view would not; a field added to the view stays out of rows until it is named here.
 */
export function taskAppraisalOf(view: AppraisalView): TaskAppraisal {
  const row: Record<string, unknown> = {};
  for (const key of ROW_FIELDS) if (view[key] !== undefined) row[key] = view[key];
  const score = view.score;
  if (score) row['score'] = { work: score.work, attendance: score.attendance, monthly: score.monthly, complete: score.complete };
  return row as TaskAppraisal;
}

/** The view's fields a task row carries, besides the score's totals: the one list (TaskAppraisalSchema is made from it). */
export const ROW_FIELDS = [
  'id', 'employeeId', 'period', 'rubricId', 'rubricVersion', 'chainId', 'status', 'step', 'stepKind', 'stepLabel', 'published', 'assignees',
  'groupsDone', 'returned', 'dueDate', 'startDate', 'overdue', 'revision', 'updatedAt', 'updatedBy', 'groups', 'allowedActions', 'returnTo',
  'submit', 'mode', 'task', 'onBehalfOf',
] as const satisfies ReadonlyArray<keyof AppraisalView>;

/**
 * Everyone who rates or rated at an anonymous step (TR-3): its roster today, delegates included,
 * and whoever acted there. The employee learns none of them.
 */
function anonymousPeople(record: AppraisalRecord, chain: Chain, directory: Directory, now: string, timeZone: string): Set<string> {
  const hidden = new Set<string>();
  const employee = personOf(directory, record.employeeId);
  const workflow = workflowOf(record);
  const routing = { date: now, timeZone, delegations: workflow.delegated };
  for (const step of chain.steps) {
    if (!step.anonymous) continue;
    if (employee) {
      const ids = isGroupStep(step) ? Object.values(resolveGroupActors(step, employee, directory, routing)).flat() : resolveActors(step, employee, directory, routing);
      for (const id of ids) hidden.add(id);
    }
    for (const entry of [...workflow.trail, ...(workflow.lastDraft ? [workflow.lastDraft] : [])]) {
      if (entry.step === step.id && entry.actor !== undefined) hidden.add(entry.actor);
    }
  }
  hidden.delete(record.employeeId);
  return hidden;
}

/** The assessing groups `viewerId` belongs to at the chain's group steps (for a viewer limited to their items). */
function groupsOf(viewerId: string, record: AppraisalRecord, chain: Chain, directory: Directory, now: string, timeZone: string): Set<string> {
  const employee = personOf(directory, record.employeeId);
  const mine = new Set<string>();
  if (!employee) return mine;
  const routing = { date: now, timeZone, delegations: workflowOf(record).delegated };
  for (const step of chain.steps.filter(isGroupStep)) {
    for (const [group, members] of Object.entries(resolveGroupActors(step, employee, directory, routing))) if (members.includes(viewerId)) mine.add(group);
  }
  return mine;
}

function isGroupStepId(chain: Chain, id: string | undefined): boolean {
  const step = id === undefined ? undefined : stepOf(chain, id);
  return step !== undefined && isGroupStep(step);
}

function comments(
  record: AppraisalRecord, chain: Chain, directory: Directory, employee: boolean, anonymousSteps: ReadonlySet<string>,
  hidden: ReadonlySet<string>, viewerId: string, myGroups: ReadonlySet<string> | undefined,
): ViewComment[] {
  const out: ViewComment[] = [];
  for (const entry of workflowOf(record).trail) {
    if (entry.comment === undefined || entry.comment === '') continue;
    // An assessing group reads its own group's comments at the group step, not the other groups'.
    if (myGroups && isGroupStepId(chain, entry.step) && entry.actor !== viewerId && !(entry.group !== undefined && myGroups.has(entry.group))) continue;
    const step = stepOf(chain, entry.step);
    const anonymous = employee && (anonymousSteps.has(entry.step) || (entry.actor !== undefined && hidden.has(entry.actor)));
    const author = anonymous || entry.actor === undefined ? undefined
      : { id: entry.actor, name: personOf(directory, entry.actor)?.name ?? entry.actor };
    out.push({ at: entry.at, step: entry.step, stepLabel: step?.label ?? { 'zh-Hant': entry.step, 'zh-Hans': entry.step, en: entry.step }, text: entry.comment, ...(author ? { author } : {}) });
  }
  return out;
}

interface Summary { step?: unknown; entries?: unknown; attendance?: unknown; late?: unknown; groupsDone?: unknown }

function history(
  events: readonly AuditEvent[], chain: Chain, employee: boolean, anonymousSteps: ReadonlySet<string>, hidden: ReadonlySet<string>,
  viewerId: string, myGroups: ReadonlySet<string> | undefined, reads: ReadonlySet<string>, readsAll: boolean,
): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (const event of events) {
    const before = (event.before ?? {}) as Summary;
    const after = (event.after ?? {}) as Summary;
    const step = typeof before.step === 'string' ? before.step : undefined;
    const to = typeof after.step === 'string' ? after.step : undefined;
    if (myGroups && isGroupStepId(chain, step) && event.actor !== viewerId) {
      // At a group step a limited viewer sees their own groups' hand-ins only.
      const done = Array.isArray(after.groupsDone) ? after.groupsDone as string[] : [];
      const was = Array.isArray(before.groupsDone) ? before.groupsDone as string[] : [];
      const handedIn = done.filter((group) => !was.includes(group));
      if (!handedIn.some((group) => myGroups.has(group))) continue;
    }
    const anonymous = employee && ((step !== undefined && anonymousSteps.has(step)) || hidden.has(event.actor));
    const changed = [
      ...Object.keys(after.entries && typeof after.entries === 'object' ? after.entries : {}).filter((id) => reads.has(id)),
      ...(after.attendance !== undefined && readsAll ? ['attendance'] : []),
    ];
    out.push({
      seq: event.seq,
      at: event.at,
      action: event.action,
      ...(anonymous ? { anonymous: true as const } : { actor: event.actor }),
      ...(step !== undefined ? { step } : {}),
      ...(to !== undefined ? { to } : {}),
      ...(event.comment !== undefined ? { comment: event.comment } : {}),
      ...(after.late === true ? { late: true as const } : {}),
      ...(changed.length > 0 ? { changed } : {}),
    });
  }
  return out;
}
