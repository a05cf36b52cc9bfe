// Which return a returned appraisal waits on, so the inbox can put its comment above the form.
import type { AppraisalView, HistoryEntry } from './schemas.ts';

/**
 * The return that sent the appraisal back to the step it waits at, as the view's history shows it:
 * the latest `step.return` to that step, while the view is `returned`. Not simply the latest return:
 * returns stack (the VP returns to planning, planning on to the manager; once the manager resubmits,
 * planning waits on the VP's return, which is no longer the latest). Undefined when the appraisal is
 * not returned, or the history is not read or does not show the return to this viewer.
 */
export function returnOf(view: Pick<AppraisalView, 'returned' | 'step' | 'history'>): HistoryEntry | undefined {
  if (!view.returned || !view.history) return undefined;
  for (let index = view.history.length - 1; index >= 0; index -= 1) {
    const entry = view.history[index] as HistoryEntry;
    if (entry.action === 'step.return' && entry.to === view.step) return entry;
  }
  return undefined;
}
