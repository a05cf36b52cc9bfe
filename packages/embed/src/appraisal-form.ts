// Opens a stored appraisal in a rubric form set up for what the signed-in user may do at its step
// (design.md: score, review or read-only; an assessing group edits only its items), and hands the
// form's submit to the review chain. Which actions are allowed is asked of @kaohe/workflow.
import type { KaoheRubricForm, ReviewComment, RubricFormMode } from '@kaohe/elements';
import { itemGroupsOf, type Rubric } from '@kaohe/scoring';
import {
  allowedActions, canRead, commentsForViewer, pendingGroupsFor, stepOf, workflowOf,
  type ActionName, type ActResult, type AppraisalRecord, type Chain, type WorkflowAction,
} from '@kaohe/workflow';
import type { KaoheContext } from './context.ts';

export interface OpenedAppraisal {
  form: KaoheRubricForm;
  record: AppraisalRecord;
  rubric: Rubric;
  chain: Chain;
  /** what the user may do now (the host shows buttons for those the form has none for: approve, return, publish …) */
  actions: ActionName[];
  /** the groups the user scores for, at a group step (W-FS) */
  groups: string[];
}

const forwardActions: readonly ActionName[] = ['step.submit', 'step.resubmit', 'group.submit'];

/** The form's mode for someone who may take `actions`. */
export function modeFor(actions: readonly ActionName[]): RubricFormMode {
  if (forwardActions.some((action) => actions.includes(action))) return 'edit';
  if (actions.includes('step.approve') || actions.includes('step.return')) return 'review';
  return 'readonly';
}

/** Reviewers' comments along the chain as the signed-in user may read them (TR-3), for the form's review mode. */
export function commentsOf(record: AppraisalRecord, context: KaoheContext): ReviewComment[] {
  const chain = context.chains[record.chainId];
  // Without its chain nobody can tell which raters stay anonymous.
  if (!chain) return [];
  // An anonymous rater signs with the step they rated at.
  const signature = (actor: string | undefined, step: string) => (actor === undefined
    ? stepOf(chain, step)?.label[context.locale] ?? step
    : context.directory.people.find((person) => person.id === actor)?.name ?? actor);
  return commentsForViewer(record, context.user, chain, signature);
}

/**
 * `Kaohe.openForm` for an appraisal the user may not read (workflow's `canRead`). A host tells it from
 * other failures by `name === 'KaoheReadRefusedError'`, also across two copies of the bundle.
 */
export class KaoheReadRefusedError extends Error {
  override readonly name = 'KaoheReadRefusedError';
  constructor(readonly userId: string, readonly appraisalId: string) {
    super(`Kaohe: ${userId} may not read appraisal ${appraisalId}`);
  }
}

export async function openAppraisalForm(
  context: KaoheContext,
  appraisalId: string,
  act: (id: string, action: WorkflowAction) => Promise<ActResult>,
  now: string,
  onActed: ((result: ActResult) => void) | undefined,
): Promise<OpenedAppraisal> {
  const record = await context.store.getAppraisal(appraisalId);
  if (!record) throw new Error(`Kaohe: no appraisal "${appraisalId}"`);
  const chain = context.chains[record.chainId];
  if (!chain) throw new Error(`Kaohe: appraisal ${appraisalId} runs chain ${record.chainId}, which is not configured`);
  // The delegations the record carries keep a delegate who acted on it a reader, as they keep them an actor.
  if (!canRead(record, context.user, context.directory, chain, { date: now, calendar: context.calendar, delegations: workflowOf(record).delegated })) {
    throw new KaoheReadRefusedError(context.user, appraisalId);
  }
  // The appraisal is scored against the rubric version it was opened with, never a later edit.
  const rubric = await context.store.getRubric(record.rubricId, record.rubricVersion) ?? context.rubrics[record.rubricId];
  if (!rubric) throw new Error(`Kaohe: rubric ${record.rubricId} v${record.rubricVersion} is not available`);
  const itemGroups = itemGroupsOf(rubric);
  const ctx = { directory: context.directory, chain, now, calendar: context.calendar, itemGroups };
  const actions = allowedActions(record, context.user, ctx);
  // A member's delegate scores for the member's group too (W-FS); the chain routes them so.
  const groups = actions.includes('group.submit') ? pendingGroupsFor(record, context.user, ctx) : [];

  const form = document.createElement('kaohe-rubric-form');
  form.rubric = rubric;
  form.sheet = record.sheet;
  form.mode = modeFor(actions);
  form.editableGroups = groups;
  form.comments = commentsOf(record, context);
  form.store = context.store;
  form.userId = context.user;
  form.appraisalId = record.id;
  form.baseRevision = record.revision;

  form.addEventListener('kaohe-submitted', (event) => {
    const { sheet } = event;
    let action: WorkflowAction;
    if (groups.length > 0) {
      // A group hands in only its own items (W-FS); the chain refuses anything else.
      const entries = Object.fromEntries(Object.entries(sheet.entries)
        .filter(([id]) => (itemGroups[id] ?? []).some((group) => groups.includes(group))));
      action = { type: 'group.submit', group: groups[0] as string, entries };
    } else {
      action = { type: actions.includes('step.resubmit') ? 'step.resubmit' : 'step.submit', entries: sheet.entries, attendance: sheet.attendance };
    }
    void act(record.id, action).then(async (result) => {
      if (result.ok) await context.store.deleteDraft(record.id, context.user).catch(() => undefined);
      onActed?.(result);
    });
  });
  return { form, record, rubric, chain, actions, groups };
}
