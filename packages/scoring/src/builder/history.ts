// Undo and redo for an editor whose states are immutable values (drafts from draft.ts).

export interface HistoryOptions {
  /** how many steps back undo reaches; the oldest are forgotten first */
  limit?: number;
}

export interface PushOptions {
  /**
   * Edits with the same key in a row make one undo step: typing "25" in a field is one change,
   * not two. Any other push, undo or redo ends the run.
   */
  coalesce?: string;
}

export class History<T> {
  readonly limit: number;
  #past: T[] = [];
  #present: T;
  #future: T[] = [];
  #coalesce: string | undefined;

  constructor(initial: T, options: HistoryOptions = {}) {
    this.limit = Math.max(1, options.limit ?? 100);
    this.#present = initial;
  }

  get present(): T {
    return this.#present;
  }

  get canUndo(): boolean {
    return this.#past.length > 0;
  }

  get canRedo(): boolean {
    return this.#future.length > 0;
  }

  /** How many undo and redo steps there are. */
  get depth(): { undo: number; redo: number } {
    return { undo: this.#past.length, redo: this.#future.length };
  }

  /** Makes `next` the present. A new edit drops whatever could have been redone. */
  push(next: T, options: PushOptions = {}): void {
    if (Object.is(next, this.#present)) return;
    const merge = options.coalesce !== undefined && options.coalesce === this.#coalesce && this.#past.length > 0;
    if (!merge) {
      this.#past.push(this.#present);
      if (this.#past.length > this.limit) this.#past.splice(0, this.#past.length - this.limit);
    }
    this.#present = next;
    this.#future = [];
    this.#coalesce = options.coalesce;
  }

  /** Steps back; returns the new present, or undefined when there is nothing to undo. */
  undo(): T | undefined {
    if (this.#past.length === 0) return undefined;
    const previous = this.#past.pop() as T;
    this.#future.push(this.#present);
    this.#present = previous;
    this.#coalesce = undefined;
    return previous;
  }

  redo(): T | undefined {
    if (this.#future.length === 0) return undefined;
    const next = this.#future.pop() as T;
    this.#past.push(this.#present);
    this.#present = next;
    this.#coalesce = undefined;
    return next;
  }

  /** Ends a run of coalesced edits: the next edit of the same field is its own undo step. */
  seal(): void {
    this.#coalesce = undefined;
  }

  /** Starts over from `value` with nothing to undo or redo (a draft loaded from elsewhere). */
  reset(value: T): void {
    this.#past = [];
    this.#future = [];
    this.#present = value;
    this.#coalesce = undefined;
  }
}
