// The task open in the inbox's detail pane, as plain data: the application service's view of it for
// the reviewer and what the reviewer has typed into it. The inbox owns it; `kaohe-task-pane` shows it
// and asks for changes by event.
import type { Sheet } from '@kaohe/scoring';
import type { AppraisalView } from '@kaohe/service';

export interface OpenTask {
  id: string;
  /**
   * The appraisal as the service shows it to the reviewer now: form mode, items, allowed actions,
   * the forward action, comments, and (`history`) the audit history as they may read it, which is
   * read once the pane has painted (until then the row's view, without it, stands in).
   */
  view: AppraisalView;
  /**
   * The view the form was handed. It follows `view` until the person types; after that a newer
   * revision by someone else leaves it (and what was typed) in place, and the form shows its conflict
   * banner instead of silently resetting (issue 16). A forward action is sent against it.
   */
  base: AppraisalView;
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
  delegateSearch: string;
  /**
   * The task left the reviewer's list while open (handed in from another tab, taken by someone else):
   * the pane keeps what was typed on screen, says so, and offers nothing to act with but Close.
   */
  gone: boolean;
  /** Why the history could not be read ('' when it was, or is being, read). */
  historyProblem: string;
}

/** What the reviewer may change in the pane by typing or choosing (kaohe-task-pane's edits). */
export type OpenTaskEdit = Partial<Pick<OpenTask,
  'comment' | 'returnTo' | 'returnComment' | 'delegateTo' | 'delegateUntil' | 'delegateSearch' | 'delegating' | 'sheet'>>;

/** A task as it opens: nothing typed yet, returns going to the first step the view offers. */
export function openTaskOf(view: AppraisalView): OpenTask {
  return {
    id: view.id, view, base: view, sheet: undefined, message: '',
    returnTo: view.returnTo[0] ?? '', returnComment: '', comment: '',
    delegateTo: '', delegateUntil: '', delegating: false, delegateSearch: '',
    gone: false, historyProblem: '',
  };
}

/** Whether the reviewer has typed into the form (issue 16: what was typed is then never reset). */
const hasEdits = (open: OpenTask): boolean => open.sheet !== undefined;

/**
 * Someone else's newer revision reached the open task: it is shown, but while the reviewer has typed
 * the form keeps the revision it was handed (and what was typed on it) and shows its conflict banner.
 */
export function withNewerView(open: OpenTask, view: AppraisalView, message: string): OpenTask {
  // A view read without its history keeps showing the last one until the history is read again.
  const shown = view.history === undefined && open.view.history !== undefined ? { ...view, history: open.view.history } : view;
  return { ...open, view: shown, ...(hasEdits(open) ? {} : { base: view }), message };
}

/** The revision a forward action is sent against: edits go against the one they were typed on. */
export const viewToSend = (open: OpenTask): AppraisalView => (hasEdits(open) ? open.base : open.view);
