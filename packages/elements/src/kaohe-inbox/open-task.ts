// The task open in the inbox's detail pane, as plain data: what the pane shows and what the reviewer
// has typed into it. The inbox owns it; `kaohe-task-pane` shows it and asks for changes by event.
import type { Sheet } from '@kaohe/scoring';
import type { AppraisalRecord, AuditEvent } from '@kaohe/workflow';

export interface OpenTask {
  id: string;
  record: AppraisalRecord;
  /**
   * The revision the form was handed. It follows `record` until the person types; after that a newer
   * revision by someone else leaves it (and what was typed) in place, and the form shows its conflict
   * banner instead of silently resetting (issue 16). A forward action is sent against it.
   */
  base: AppraisalRecord;
  /** undefined until read: the history is read once the pane has painted */
  audit: AuditEvent[] | undefined;
  /** the form's latest sheet, when the reviewer edited it */
  sheet: Sheet | undefined;
  message: string;
  returnTo: string;
  returnComment: string;
  comment: string;
  delegateTo: string;
  delegateUntil: string;
  /** the delegate section is unfolded (its menu is only built then) */
  delegating: boolean;
  /**
   * false for the pane's first frame: it shows the actions the step offers its assignees (carried by
   * the row) instead of asking the chain, whose routing over the whole directory takes 5–9 ms at
   * 10,000 people. The exact actions replace them right after the first paint.
   */
  settled: boolean;
  delegateSearch: string;
}

/** What the reviewer may change in the pane by typing or choosing (kaohe-task-pane's edits). */
export type OpenTaskEdit = Partial<Pick<OpenTask,
  'comment' | 'returnTo' | 'returnComment' | 'delegateTo' | 'delegateUntil' | 'delegateSearch' | 'delegating' | 'sheet'>>;

/** A task as it opens: nothing typed yet, returns going to the step's first return target. */
export function openTaskOf(record: AppraisalRecord, returnTo: string): OpenTask {
  return {
    id: record.id, record, base: record, audit: undefined, sheet: undefined, message: '',
    returnTo, returnComment: '', comment: '',
    delegateTo: '', delegateUntil: '', delegating: false, delegateSearch: '', settled: false,
  };
}

/** Whether the reviewer has typed into the form (issue 16: what was typed is then never reset). */
export const hasEdits = (open: OpenTask): boolean => open.sheet !== undefined;

/**
 * Someone else's newer revision reached the open task: it is shown, but while the reviewer has typed
 * the form keeps the revision it was handed (and what was typed on it) and shows its conflict banner.
 */
export function withNewerRecord(open: OpenTask, record: AppraisalRecord, message: string): OpenTask {
  return { ...open, record, ...(hasEdits(open) ? {} : { base: record }), message };
}

/** The revision a forward action is sent against: edits go against the one they were typed on. */
export const recordToSend = (open: OpenTask): AppraisalRecord => (hasEdits(open) ? open.base : open.record);
