// What the reviewer typed into the pane's comment boxes and has not sent, per task: kept while the
// page lives (closing the pane — Escape included — and opening the task again finds it) and on the
// page's shelf (@kaohe/store's kept comments, localStorage), so a reload finds it as it finds the
// rubric entries. A comment typed at one step is not offered at another; an action that went through forgets it.
import { pageKeptComments, type KeptComment } from '@kaohe/store';
import type { OpenTask } from './open-task.ts';

export class KeptPaneComments {
  readonly #typed = new Map<string, KeptComment>();
  readonly #shelf = pageKeptComments();

  /** The task as it opens, with what was typed into it before (at the same step). */
  restore(open: OpenTask, userId: string): OpenTask {
    const kept = this.#typed.get(JSON.stringify([userId, open.id])) ?? this.#shelf?.kept(open.id, userId);
    if (!kept || kept.step !== open.view.step) return open;
    return { ...open, comment: kept.comment, returnComment: kept.returnComment };
  }

  /** Keeps the open task's comments as they now read (nothing typed: nothing kept). */
  keep(open: OpenTask, userId: string): void {
    if (open.comment === '' && open.returnComment === '') {
      this.forget(open.id, userId);
      return;
    }
    const kept: KeptComment = { appraisalId: open.id, userId, step: open.view.step, comment: open.comment, returnComment: open.returnComment };
    this.#typed.set(JSON.stringify([userId, open.id]), kept);
    this.#shelf?.keep(kept);
  }

  forget(id: string, userId: string): void {
    this.#typed.delete(JSON.stringify([userId, id]));
    this.#shelf?.forget(id, userId);
  }
}
