// What a form hands back, turned into the action its submit means for this viewer, and a comment's
// signature. The inbox and the embed's openForm both use these, so they cannot drift apart.
import { canonicalJson, type Locale, type Sheet } from '@kaohe/scoring';
import type { EntryPatch, WorkflowAction } from '@kaohe/workflow';
import type { AppraisalView, ViewComment } from './schemas.ts';

export interface SheetEdits {
  entries?: EntryPatch;
  attendance?: Sheet['attendance'];
}

/**
 * What changed between two sheets, compared by content (canonical JSON: key order does not count),
 * limited to `editable` items when given; removed entries as null.
 */
export function sheetEdits(before: Pick<Sheet, 'entries' | 'attendance'>, after: Pick<Sheet, 'entries' | 'attendance'>, editable?: readonly string[], attendance = true): SheetEdits {
  const allowed = editable ? new Set(editable) : undefined;
  const entries: EntryPatch = {};
  for (const id of new Set([...Object.keys(before.entries), ...Object.keys(after.entries)])) {
    if (allowed && !allowed.has(id)) continue;
    const next = after.entries[id];
    if (canonicalJson(before.entries[id] ?? null) !== canonicalJson(next ?? null)) entries[id] = next ?? null;
  }
  const out: SheetEdits = {};
  if (Object.keys(entries).length > 0) out.entries = entries;
  if (attendance && canonicalJson(before.attendance) !== canonicalJson(after.attendance)) out.attendance = after.attendance;
  return out;
}

/**
 * The action a form's submit sends for the person the view is for: the step's forward action for
 * them (`view.submit`), carrying what they changed of the items they may edit. Undefined when the
 * view offers no forward action.
 */
export function submission(view: AppraisalView, sheet: Pick<Sheet, 'entries' | 'attendance'>, comment?: string): WorkflowAction | undefined {
  const submit = view.submit;
  if (!submit) return undefined;
  const withComment = comment !== undefined && comment.trim() !== '' ? { comment } : {};
  if (submit.type === 'appraisal.publish') return { type: submit.type, ...withComment };
  const edits = view.mode === 'edit' ? sheetEdits(view.sheet, sheet, view.editableItems, view.editsAttendance) : {};
  if (submit.type === 'group.submit') return { type: submit.type, group: submit.group as string, ...edits, ...withComment };
  return { type: submit.type, ...edits, ...withComment };
}

/** Who a comment is signed by for the reader: the author's name, or the step where the author stays anonymous (TR-3). */
export function commentSignature(comment: ViewComment, locale: Locale): string {
  return comment.author?.name ?? comment.stepLabel[locale];
}
