import type { AppraisalRecord } from '@kaohe/workflow';

export type StoreErrorCode = 'quota' | 'blocked' | 'unavailable' | 'conflict' | 'not-found';

/** Every failure of a store, with a code a program can branch on and a message a person can act on. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}

/** Someone saved the appraisal first. `current` is what is stored now, so the form can show it and merge. */
export class StoreConflictError extends StoreError {
  readonly current: AppraisalRecord | undefined;
  readonly expectedRevision: number;
  /**
   * Every appraisal of the refused write that someone else changed first, in the order written;
   * the first is the one `current` describes. One id for a single save, possibly many for a batch.
   */
  readonly conflictingIds: readonly string[];

  constructor(current: AppraisalRecord | undefined, expectedRevision: number, message?: string, options?: { conflictingIds?: readonly string[]; cause?: unknown }) {
    super('conflict', message ?? (current
      ? `Appraisal ${current.id} was changed by ${current.updatedBy} at ${current.updatedAt} (revision ${current.revision}; ` +
        `you edited revision ${expectedRevision}). Nothing was overwritten: reload it, re-apply your changes and save again.`
      : `The appraisal no longer matches revision ${expectedRevision}. Nothing was overwritten: reload it and save again.`),
    options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StoreConflictError';
    this.current = current;
    this.expectedRevision = expectedRevision;
    this.conflictingIds = [...(options?.conflictingIds ?? (current ? [current.id] : []))];
  }
}

const messages: Record<Exclude<StoreErrorCode, 'conflict' | 'not-found'>, string> = {
  quota:
    "This browser's storage for the site is full, so Kaohe could not save. Your changes are kept in this tab: " +
    'free some space (clear old site data or close other intranet tabs) and they will be saved on the next try.',
  blocked:
    'Another tab still has an older version of Kaohe open, which blocks the database upgrade. ' +
    'Close or reload the other Kaohe tabs, then reload this one.',
  unavailable:
    'Kaohe cannot use browser storage here (private browsing, storage disabled by policy, or the database is closed). ' +
    'Use a normal window or allow site data for the intranet, then reload.',
};

/** Turns what IndexedDB throws into a StoreError; leaves programming errors (TypeError, DataCloneError …) as they are. */
export function toStoreError(error: unknown, context: string): unknown {
  if (error instanceof StoreError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'QuotaExceededError') return new StoreError('quota', `${context}: ${messages.quota}`, { cause: error });
  if (name === 'VersionError') {
    return new StoreError('unavailable', `${context}: the database was written by a newer version of Kaohe. Reload the page to get that version.`, { cause: error });
  }
  if (name === 'InvalidStateError' || name === 'UnknownError' || name === 'AbortError') {
    return new StoreError('unavailable', `${context}: ${messages.unavailable}`, { cause: error });
  }
  return error;
}

export function storeError(code: Exclude<StoreErrorCode, 'conflict' | 'not-found'>, context: string, cause?: unknown): StoreError {
  return new StoreError(code, `${context}: ${messages[code]}`, cause === undefined ? undefined : { cause });
}
