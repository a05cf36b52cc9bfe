// A review chain 考核許可權 as plain data (rules.md §3): the machine, routing, deadlines and
// permissions are all derived from it, so HR can configure a chain per role without code.
import { KaoheInputError } from '@kaohe/scoring';
import type { Label, Problem } from '@kaohe/scoring';

/** The role id of HR in the host's directory: who publishes and reopens unless a chain says otherwise. */
export const HR_ROLE = 'hr';

export type StepKind = 'self' | 'score' | 'summarise' | 'review' | 'approve' | 'publish';

/** Who acts, relative to the appraised employee (resolved from the directory by `resolveActors`). */
export type Relationship =
  | 'self'
  | 'directLeader'
  | 'leaderAbove'
  | 'regionalManager'
  | 'departmentManager'
  | 'salesPlanningHead'
  | 'vp'
  | 'hr'
  | 'gm'
  | 'chairman';

export const relationships: readonly Relationship[] = [
  'self', 'directLeader', 'leaderAbove', 'regionalManager', 'departmentManager',
  'salesPlanningHead', 'vp', 'hr', 'gm', 'chairman',
];

export type StepActor =
  | { relationship: Relationship }
  /** everyone with the role; `scope` narrows it to the employee's region or department */
  | { role: string; scope?: 'company' | 'region' | 'department' }
  /** parallel assessing groups (W-FS): each group submits its own items; the step completes when all have */
  | { groups: string[] };

export interface ChainStep {
  id: string;
  kind: StepKind;
  label: Label;
  actor: StepActor;
  /** the day of month the step is due; of the month after the period unless `dueMonthOffset` says otherwise */
  dueDay?: number;
  /** 0 = the period's own month, 1 = the month after (default) */
  dueMonthOffset?: number;
  /** the day the step may start (W-SV statistics run 10th–15th); informational, shown on the task */
  startDay?: number;
  /** earlier step ids this step may return the appraisal to (with a comment) */
  returnTo?: string[];
  /** TR-3: the people acting at this step are never shown to the appraised employee */
  anonymous?: boolean;
}

export interface Chain {
  id: string;
  label: Label;
  steps: ChainStep[];
  /** the step an employee's appeal goes back to */
  appealTo: string;
  /** role that publishes when the chain has no explicit publish step (default: hr) */
  publishBy?: string;
  /** role that may reopen a published appraisal (default: hr) */
  reopenBy?: string;
  /** the step a reopened appraisal goes back to when HR names none (default: the first step) */
  reopenTo?: string;
}

const stepKinds: readonly StepKind[] = ['self', 'score', 'summarise', 'review', 'approve', 'publish'];
/** ids a step cannot have: the machine's own state, and the key the machine's table of states (a plain object) cannot hold */
const reservedStepIds = new Map([
  ['published', '"published" is reserved for the machine\'s own state'],
  ['__proto__', 'a step id cannot be "__proto__"'],
]);

/**
 * What xstate would misread in a step id, if anything: it reads a target or a state value as a path,
 * where "." separates states, "\\" escapes the next character and a leading "#" names a state by its
 * id. A transition to such a step would go to another state (steps "ab" and "a\\b"), or the machine
 * would throw when it is built: when the first appraisal opens, long after the chain was accepted.
 */
function stepIdMisread(id: string): string | undefined {
  const faults = [
    ...(id.startsWith('#') ? ['starts with "#"'] : []),
    ...(id.includes('.') ? ['contains "."'] : []),
    ...(id.includes('\\') ? ['contains "\\"'] : []),
  ];
  if (faults.length === 0) return undefined;
  return `step id "${id}" ${faults.join(' and ')}; a step id may hold any characters but "." and "\\", and may not start with "#" (the workflow would read it as the path to another state)`;
}

export function isGroupStep(step: ChainStep): step is ChainStep & { actor: { groups: string[] } } {
  return 'groups' in step.actor;
}

export function stepOf(chain: Chain, id: string): ChainStep | undefined {
  return chain.steps.find((step) => step.id === id);
}

/** The items someone acting at a step may change, and those they must have scored before handing it on. */
export interface StepItems {
  editable: string[];
  required: string[];
  /** whoever acts at the step records the month's attendance (absent days) */
  attendance: boolean;
}

/**
 * Which items of a rubric (its item → assessing groups, `itemGroupsOf`) the people acting at `step`
 * of `chain` answer for: what they may change and what they must fill before handing the step on.
 * This is the one place that decides it: the workflow's refusals of an edit or of an incomplete
 * submission, `visibleItems` and the application service's view (the form's mode) all ask it.
 * - At a group step (W-FS), a group answers for the items naming it (`group`; none without one).
 * - Elsewhere the step's relationship or role is the name: R-TR gives TR-1 to `self`, TR-2a to
 *   `directLeader`, TR-2b to `leaderAbove`. Items naming it are edited and required there.
 * - A scoring step (self, score) edits every item where none names it (W-SP's regional manager) and
 *   must fill the items naming nobody; it records attendance.
 * - Items naming nobody where only groups scored before (W-FS's FS-10, and the attendance) fall to the
 *   first step after the groups: the service manager records them when reviewing.
 * - Any other reviewer (summarise, review, approve) changes nothing: a score is changed by returning
 *   the appraisal to who gave it, so each figure stays its assessor's, on the record.
 */
export function itemsAtStep(chain: Chain, step: ChainStep, itemGroups: Readonly<Record<string, readonly string[]>>, group?: string): StepItems {
  const ids = Object.keys(itemGroups);
  const naming = (name: string) => ids.filter((id) => (itemGroups[id] ?? []).includes(name));
  if (isGroupStep(step)) {
    const own = group !== undefined && step.actor.groups.includes(group) ? naming(group) : [];
    return { editable: own, required: own, attendance: false };
  }
  if (step.kind === 'publish') return { editable: [], required: [], attendance: false };
  const name = 'relationship' in step.actor ? step.actor.relationship : 'role' in step.actor ? step.actor.role : undefined;
  const named = name === undefined ? [] : naming(name);
  const unassigned = ids.filter((id) => (itemGroups[id] ?? []).length === 0);
  if (step.kind === 'self' || step.kind === 'score') {
    return { editable: named.length > 0 ? named : ids, required: ids.filter((id) => named.includes(id) || unassigned.includes(id)), attendance: step.kind === 'score' };
  }
  const index = chain.steps.findIndex((candidate) => candidate.id === step.id);
  const earlier = index < 0 ? [] : chain.steps.slice(0, index);
  const leftToMe = earlier.length > 0 && earlier.every(isGroupStep);
  const mine = ids.filter((id) => named.includes(id) || (leftToMe && unassigned.includes(id)));
  return { editable: mine, required: mine, attendance: leftToMe };
}

/** Lists every problem of a chain, never just the first. An empty list means the chain can run. */
export function validateChain(chain: Chain): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, rule: string, message: string) => problems.push({ path, rule, message });
  if (!chain || typeof chain !== 'object') return [{ path: '', rule: 'type', message: 'a chain must be an object' }];
  if (!nonEmpty(chain.id)) add('id', 'required', 'a chain needs an id');
  checkLabel(chain.label, 'label', add);
  if (!Array.isArray(chain.steps) || chain.steps.length === 0) {
    add('steps', 'required', 'a chain needs at least one step');
    return problems;
  }
  const seen = new Map<string, number>();
  chain.steps.forEach((step, index) => {
    const at = `steps[${index}]`;
    if (!nonEmpty(step.id)) add(`${at}.id`, 'required', 'a step needs an id');
    else {
      // a misread id is still a step, so what refers to it (returnTo, appealTo) is not flagged as well
      const misread = stepIdMisread(step.id);
      if (misread !== undefined) add(`${at}.id`, 'id-form', misread);
      const reserved = reservedStepIds.get(step.id);
      if (seen.has(step.id)) add(`${at}.id`, 'unique-id', `step id "${step.id}" is used twice`);
      else if (reserved !== undefined) add(`${at}.id`, 'reserved-id', reserved);
      else seen.set(step.id, index);
    }
    if (!stepKinds.includes(step.kind)) add(`${at}.kind`, 'enum', `kind must be one of ${stepKinds.join(', ')}`);
    checkLabel(step.label, `${at}.label`, add);
    checkActor(step, at, add);
    if (step.dueDay !== undefined && !(Number.isInteger(step.dueDay) && step.dueDay >= 1 && step.dueDay <= 31)) {
      add(`${at}.dueDay`, 'range', 'dueDay is a day of month, 1 to 31');
    }
    if (step.startDay !== undefined && !(Number.isInteger(step.startDay) && step.startDay >= 1 && step.startDay <= 31)) {
      add(`${at}.startDay`, 'range', 'startDay is a day of month, 1 to 31');
    }
    if (step.startDay !== undefined && step.dueDay !== undefined && step.startDay > step.dueDay) {
      add(`${at}.startDay`, 'range', 'a step cannot start after it is due');
    }
    if (step.dueMonthOffset !== undefined && !(Number.isInteger(step.dueMonthOffset) && step.dueMonthOffset >= 0 && step.dueMonthOffset <= 12)) {
      add(`${at}.dueMonthOffset`, 'range', 'dueMonthOffset is 0 (the period) to 12 months after it');
    }
    if (step.kind === 'publish' && index !== chain.steps.length - 1) {
      add(`${at}.kind`, 'publish-last', 'a publish step must be the last step');
    }
  });
  // returnTo can only point back: a return sends the appraisal to someone who has already acted.
  chain.steps.forEach((step, index) => {
    (step.returnTo ?? []).forEach((target, k) => {
      const targetIndex = seen.get(target);
      if (targetIndex === undefined) add(`steps[${index}].returnTo[${k}]`, 'unknown-step', `"${target}" is not a step of this chain`);
      else if (targetIndex >= index) add(`steps[${index}].returnTo[${k}]`, 'return-backwards', `"${step.id}" can only return to an earlier step, not "${target}"`);
    });
  });
  if (!nonEmpty(chain.appealTo)) add('appealTo', 'required', 'a chain must say which step hears an appeal');
  else if (!seen.has(chain.appealTo)) add('appealTo', 'unknown-step', `appealTo "${chain.appealTo}" is not a step of this chain`);
  if (chain.reopenTo !== undefined && !seen.has(chain.reopenTo)) add('reopenTo', 'unknown-step', `reopenTo "${chain.reopenTo}" is not a step of this chain`);
  if (chain.publishBy !== undefined && !nonEmpty(chain.publishBy)) add('publishBy', 'required', 'publishBy names a role');
  if (chain.reopenBy !== undefined && !nonEmpty(chain.reopenBy)) add('reopenBy', 'required', 'reopenBy names a role');
  return problems;
}

/**
 * The chain the machine runs: validated, with a publish step appended (by `publishBy`, default hr)
 * when the chain ends without one. Throws a KaoheInputError listing every problem.
 */
export function normaliseChain(chain: Chain): Chain {
  const problems = validateChain(chain);
  if (problems.length > 0) throw new KaoheInputError('chain', problems);
  const last = chain.steps[chain.steps.length - 1];
  if (last?.kind === 'publish') return chain;
  const publish: ChainStep = {
    id: uniqueId('publish', chain.steps),
    kind: 'publish',
    label: { 'zh-Hant': '發布', 'zh-Hans': '发布', en: 'Publish' },
    actor: { role: chain.publishBy ?? HR_ROLE },
  };
  return { ...chain, steps: [...chain.steps, publish] };
}

function uniqueId(base: string, steps: ChainStep[]): string {
  let id = base;
  for (let n = 2; steps.some((step) => step.id === id); n++) id = `${base}${n}`;
  return id;
}

function checkActor(step: ChainStep, at: string, add: (path: string, rule: string, message: string) => void): void {
  const actor = step.actor as Partial<Record<'relationship' | 'role' | 'groups' | 'scope', unknown>> | undefined;
  if (!actor || typeof actor !== 'object') {
    add(`${at}.actor`, 'required', 'a step needs an actor: a relationship, a role or groups');
    return;
  }
  const forms = ['relationship', 'role', 'groups'].filter((key) => key in actor);
  if (forms.length !== 1) {
    add(`${at}.actor`, 'actor-form', 'an actor is exactly one of { relationship }, { role } or { groups }');
    return;
  }
  if ('relationship' in actor) {
    if (!relationships.includes(actor.relationship as Relationship)) {
      add(`${at}.actor.relationship`, 'enum', `relationship must be one of ${relationships.join(', ')}`);
    }
    if ((actor.relationship === 'self') !== (step.kind === 'self')) {
      add(`${at}.actor`, 'self-step', 'only a self step is acted on by the employee, and a self step only by the employee');
    }
  } else if (step.kind === 'self') {
    add(`${at}.actor`, 'self-step', 'a self step is acted on by the employee: actor { relationship: "self" }');
  }
  if ('role' in actor) {
    if (!nonEmpty(actor.role)) add(`${at}.actor.role`, 'required', 'a role actor names a role');
    if (actor.scope !== undefined && !['company', 'region', 'department'].includes(actor.scope as string)) {
      add(`${at}.actor.scope`, 'enum', 'scope is company, region or department');
    }
  }
  if ('groups' in actor) {
    const groups = actor.groups;
    if (!Array.isArray(groups) || groups.length === 0 || !groups.every(nonEmpty)) {
      add(`${at}.actor.groups`, 'required', 'a group step names at least one group');
    } else if (new Set(groups).size !== groups.length) {
      add(`${at}.actor.groups`, 'unique-id', 'a group is named twice');
    }
    if (step.kind !== 'score') add(`${at}.kind`, 'group-step', 'parallel groups score: a group step has kind "score"');
  }
}

function checkLabel(label: unknown, path: string, add: (path: string, rule: string, message: string) => void): void {
  const value = label as Partial<Record<string, unknown>> | undefined;
  for (const locale of ['zh-Hant', 'zh-Hans', 'en']) {
    if (!value || !nonEmpty(value[locale])) add(`${path}.${locale}`, 'required', `a label in ${locale} is required`);
  }
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}
