// Two tabs of one person: a draft save over a newer draft of theirs is refused. Its own module, with no
// imports, so the form's autosaver and the service's draft store can tell the refusal without the store.
import type { Draft } from './types.ts';

/**
 * The person's draft was saved from another tab or window after the one saving now read it: nothing
 * was written. `current` is the stored draft (another tab's typing), so the page can offer it.
 */
export class DraftConflictError extends Error {
  /** as StoreError's: the store refused because someone (here: another tab) wrote first */
  readonly code = 'conflict';
  /** undefined only where the stored draft could not be read back (gone again since) */
  readonly current: Draft | undefined;
  readonly expectedRevision: number;

  constructor(current: Draft | undefined, expectedRevision: number, message?: string) {
    super(message ?? `The draft was saved elsewhere (another tab or window) as revision ${current?.revision ?? 0} ` +
      `after this page read revision ${expectedRevision}. Nothing was overwritten.`);
    this.name = 'DraftConflictError';
    this.current = current;
    this.expectedRevision = expectedRevision;
  }
}

/** By name, not class: the elements and the service may each carry their own copy of this module. */
export function isDraftConflict(error: unknown): error is DraftConflictError {
  return (error as { name?: unknown } | null)?.name === 'DraftConflictError';
}
