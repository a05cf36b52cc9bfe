// One action on one appraisal, the only way the inbox writes: the workflow decides (`act`), the store
// writes the record and its audit entry together on top of the revision that was read. A refusal
// and a lost race come back as values, so a bulk run can list them per employee.
import type { Sheet } from '@kaohe/scoring';
import { StoreConflictError, StoreError } from '@kaohe/store';
import type { KaoheStore } from '@kaohe/store';
import { act } from '@kaohe/workflow';
import type { ActContext, AppraisalRecord, EntryPatch, Refusal, WorkflowAction } from '@kaohe/workflow';

export type ActionOutcome =
  | { ok: true; record: AppraisalRecord }
  | { ok: false; kind: 'refused'; reason: Refusal }
  /** someone else wrote first; `current` is what is stored now (never overwritten) */
  | { ok: false; kind: 'conflict'; message: string; current: AppraisalRecord | undefined }
  | { ok: false; kind: 'store'; message: string };

export async function performAction(store: KaoheStore, record: AppraisalRecord, action: WorkflowAction, ctx: ActContext): Promise<ActionOutcome> {
  const decided = act(record, action, ctx);
  if (!decided.ok) return { ok: false, kind: 'refused', reason: decided.reason };
  try {
    const saved = await store.putAppraisal(decided.record, { expectedRevision: record.revision, audit: decided.audit });
    return { ok: true, record: saved };
  } catch (error) {
    if (error instanceof StoreConflictError) {
      const current = error.current ?? await store.getAppraisal(record.id).catch(() => undefined);
      return { ok: false, kind: 'conflict', message: error.message, current };
    }
    if (error instanceof StoreError) return { ok: false, kind: 'store', message: error.message };
    throw error;
  }
}

/**
 * What the reviewer changed in the form, as the edits of an action: only changed entries (an
 * assessing group may not even resend another group's items), removed ones as null.
 */
export function sheetEdits(before: Sheet, after: Sheet): { entries?: EntryPatch; attendance?: Sheet['attendance'] } {
  const entries: EntryPatch = {};
  const ids = new Set([...Object.keys(before.entries), ...Object.keys(after.entries)]);
  for (const id of ids) {
    const next = after.entries[id];
    if (JSON.stringify(before.entries[id]) !== JSON.stringify(next)) entries[id] = next ?? null;
  }
  const out: { entries?: EntryPatch; attendance?: Sheet['attendance'] } = {};
  if (Object.keys(entries).length > 0) out.entries = entries;
  if (JSON.stringify(before.attendance) !== JSON.stringify(after.attendance)) out.attendance = after.attendance;
  return out;
}
