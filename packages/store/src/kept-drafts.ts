// The last words typed before a page goes away. A draft's save is asynchronous (IndexedDB, the
// server, the offline outbox), and a page closed or reloaded within the autosave delay may be gone
// before it lands. When the page is hidden, the autosaver also writes what is pending here, at once
// and synchronously (localStorage); the form reads it back on its next open and saves it properly.
import type { Draft } from './types.ts';

/** A synchronous shelf for one draft per person and appraisal. */
export interface KeptDrafts {
  keep(draft: Draft): void;
  kept(appraisalId: string, userId: string): Draft | undefined;
  /** Forgets it once the store holds what it kept (the autosaver confirmed a save of everything typed). */
  forget(appraisalId: string, userId: string): void;
}

/** The subset of the Web Storage API it uses (a real `localStorage` fits). */
export interface SyncStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const PREFIX = 'kaohe.kept-draft:';
const keyOf = (appraisalId: string, userId: string) => `${PREFIX}${JSON.stringify([userId, appraisalId])}`;

function isDraft(value: unknown, appraisalId: string, userId: string): value is Draft {
  if (typeof value !== 'object' || value === null) return false;
  const draft = value as Partial<Draft>;
  return draft.appraisalId === appraisalId && draft.userId === userId && typeof draft.savedAt === 'string'
    && typeof draft.baseRevision === 'number' && typeof draft.entries === 'object' && draft.entries !== null;
}

/**
 * Kept drafts in `storage` (the page's localStorage). Undefined where there is none or it refuses
 * (a sandboxed frame, storage turned off): the autosaver then works exactly as without it.
 */
export function storageKeptDrafts(storage: SyncStorage | undefined): KeptDrafts | undefined {
  if (!storage) return undefined;
  return {
    keep(draft) {
      try {
        storage.setItem(keyOf(draft.appraisalId, draft.userId), JSON.stringify(draft));
      } catch {
        // full or refused: the asynchronous save still runs
      }
    },
    kept(appraisalId, userId) {
      try {
        const text = storage.getItem(keyOf(appraisalId, userId));
        const value: unknown = text === null ? undefined : JSON.parse(text);
        return isDraft(value, appraisalId, userId) ? value : undefined;
      } catch {
        return undefined;
      }
    },
    forget(appraisalId, userId) {
      try {
        storage.removeItem(keyOf(appraisalId, userId));
      } catch {
        // nothing to forget
      }
    },
  };
}

/** The page's own shelf, if the page has a usable localStorage. */
export function pageKeptDrafts(): KeptDrafts | undefined {
  try {
    return storageKeptDrafts((globalThis as { localStorage?: SyncStorage }).localStorage);
  } catch {
    return undefined;
  }
}

/** Of a stored draft and a kept one, the newer (a kept draft is only ever newer typing of the same person). */
export function newerDraft(stored: Draft | undefined, kept: Draft | undefined): Draft | undefined {
  if (!kept) return stored;
  if (!stored) return kept;
  return kept.savedAt > stored.savedAt ? kept : stored;
}
