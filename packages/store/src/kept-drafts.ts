// The last words typed before a page goes away. A draft's save is asynchronous (IndexedDB, the
// server, the offline outbox), and a page closed or reloaded within the autosave delay may be gone
// before it lands. When the page is hidden, the autosaver also writes what is pending here, at once
// and synchronously (localStorage); the form reads it back on its next open and saves it properly.
// The same shelf keeps the comment a reviewer is typing for an action not yet sent (the inbox's pane):
// it has no store of its own, so the shelf is where a reload finds it.
import type { Draft } from './types.ts';

/** A synchronous shelf for one thing per person and appraisal. */
export interface Shelf<T extends { appraisalId: string; userId: string }> {
  keep(value: T): void;
  kept(appraisalId: string, userId: string): T | undefined;
  /**
   * Forgets it once it has served (the store holds the draft; the comment was sent). With `savedAt`, only
   * a draft kept at that moment: another tab's (one refused over a newer draft) stays.
   */
  forget(appraisalId: string, userId: string, savedAt?: string): void;
}

/** A synchronous shelf for one draft per person and appraisal. */
export type KeptDrafts = Shelf<Draft>;

/**
 * The comments a reviewer typed for an action on an appraisal and has not sent, with the step they
 * were typed at (a comment meant for one step is not offered at another).
 */
export interface KeptComment {
  appraisalId: string;
  userId: string;
  step: string;
  /** the forward action's comment */
  comment: string;
  /** the return's "what to change" */
  returnComment: string;
}

/** A synchronous shelf for the comments a person is typing, one per appraisal. */
export type KeptComments = Shelf<KeptComment>;

/** The subset of the Web Storage API it uses (a real `localStorage` fits). */
export interface SyncStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function isDraft(value: Record<string, unknown>): boolean {
  return typeof value['savedAt'] === 'string' && typeof value['baseRevision'] === 'number' && typeof value['entries'] === 'object' && value['entries'] !== null;
}

function isKeptComment(value: Record<string, unknown>): boolean {
  return typeof value['step'] === 'string' && typeof value['comment'] === 'string' && typeof value['returnComment'] === 'string';
}

/** A shelf in `storage` under `prefix`; what it reads back is what `valid` recognises, for the person and appraisal asked. */
function storageShelf<T extends { appraisalId: string; userId: string }>(
  storage: SyncStorage | undefined, prefix: string, valid: (value: Record<string, unknown>) => boolean,
): Shelf<T> | undefined {
  if (!storage) return undefined;
  const keyOf = (appraisalId: string, userId: string) => `${prefix}${JSON.stringify([userId, appraisalId])}`;
  return {
    keep(value) {
      try {
        storage.setItem(keyOf(value.appraisalId, value.userId), JSON.stringify(value));
      } catch {
        // full or refused: a draft's asynchronous save still runs; a comment stays on the page
      }
    },
    kept(appraisalId, userId) {
      try {
        const text = storage.getItem(keyOf(appraisalId, userId));
        const value: unknown = text === null ? undefined : JSON.parse(text);
        if (typeof value !== 'object' || value === null) return undefined;
        const record = value as Record<string, unknown>;
        return record['appraisalId'] === appraisalId && record['userId'] === userId && valid(record) ? value as T : undefined;
      } catch {
        return undefined;
      }
    },
    forget(appraisalId, userId, savedAt) {
      try {
        if (savedAt !== undefined && (this.kept(appraisalId, userId) as { savedAt?: unknown } | undefined)?.savedAt !== savedAt) return;
        storage.removeItem(keyOf(appraisalId, userId));
      } catch {
        // nothing to forget
      }
    },
  };
}

/**
 * Kept drafts in `storage` (the page's localStorage). Undefined where there is none or it refuses
 * (a sandboxed frame, storage turned off): the autosaver then works exactly as without it.
 */
export function storageKeptDrafts(storage: SyncStorage | undefined): KeptDrafts | undefined {
  return storageShelf<Draft>(storage, 'kaohe.kept-draft:', isDraft);
}

/** Kept comments in `storage` (the page's localStorage); undefined where there is none. */
export function storageKeptComments(storage: SyncStorage | undefined): KeptComments | undefined {
  return storageShelf<KeptComment>(storage, 'kaohe.kept-comment:', isKeptComment);
}

function pageStorage(): SyncStorage | undefined {
  try {
    return (globalThis as { localStorage?: SyncStorage }).localStorage;
  } catch {
    return undefined;
  }
}

/** The page's own shelf, if the page has a usable localStorage. */
export function pageKeptDrafts(): KeptDrafts | undefined {
  return storageKeptDrafts(pageStorage());
}

/** The page's own shelf of comments being typed, if the page has a usable localStorage. */
export function pageKeptComments(): KeptComments | undefined {
  return storageKeptComments(pageStorage());
}

/** Of a stored draft and a kept one, the newer (a kept draft is only ever newer typing of the same person). */
export function newerDraft(stored: Draft | undefined, kept: Draft | undefined): Draft | undefined {
  if (!kept) return stored;
  if (!stored) return kept;
  return kept.savedAt > stored.savedAt ? kept : stored;
}
