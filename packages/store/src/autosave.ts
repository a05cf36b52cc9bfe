// Keeps a form's unsent work in the store: every change reaches storage within a second, and work
// that could not be stored stays in memory and is tried again rather than dropped.
import type { Sheet } from '@kaohe/scoring';
import { isDraftConflict, type DraftConflictError } from './draft-conflict.ts';
import { canonicalJson } from './json.ts';
import type { KeptDrafts } from './kept-drafts.ts';
import type { Draft, DraftEntries, KaoheStore, StoreListener } from './types.ts';

/**
 * What a form needs to keep a person's draft: save and load it, the stored revision, and to hear a
 * newer one. A KaoheStore is one; so is an adapter over the application service (drafts on the server).
 */
export interface DraftStore {
  saveDraft: KaoheStore['saveDraft'];
  loadDraft: KaoheStore['loadDraft'];
  getAppraisal(id: string): Promise<{ revision: number } | undefined>;
  subscribe(listener: StoreListener): () => void;
}

/** The parts of a window the autosaver listens to; a real `window` fits. */
export interface AutosaveHost {
  addEventListener(type: 'pagehide', listener: () => void): void;
  removeEventListener(type: 'pagehide', listener: () => void): void;
  document?: {
    readonly visibilityState: DocumentVisibilityState;
    addEventListener(type: 'visibilitychange', listener: () => void): void;
    removeEventListener(type: 'visibilitychange', listener: () => void): void;
  };
}

export interface DraftAutosaverOptions {
  appraisalId: string;
  userId: string;
  /**
   * The longest a change waits before it is written. Saves are not pushed back by further typing,
   * so a change is stored within `delayMs` plus one write even while the user keeps typing.
   */
  delayMs?: number;
  /** The appraisal revision the form was opened on. Without it, the stored revision at the first save is used. */
  baseRevision?: number;
  /** Flush when the page is hidden or left (mobile browsers may not come back to finish a timer). */
  window?: AutosaveHost;
  /**
   * Where what is pending goes, synchronously, when the page is hidden or left (localStorage:
   * `pageKeptDrafts()`): a reload within the delay, or offline with a slow outbox, loses nothing.
   */
  kept?: KeptDrafts;
  /** Told of every failed save; the data is still pending and will be retried. */
  onError?: (error: unknown) => void;
  /**
   * Told when a save was refused because the person's draft was saved meanwhile from another tab or
   * window. Nothing is retried until `keepMine` or `takeTheirs`; what was typed stays pending (and on
   * the page's shelf), never written over the other draft unasked.
   */
  onConflict?: (error: DraftConflictError) => void;
  /** Told of every draft that reached the store. */
  onSaved?: (draft: Draft) => void;
  /** first retry after a failure; doubles up to `maxRetryMs` */
  retryMs?: number;
  maxRetryMs?: number;
  now?: () => Date;
}

interface Snapshot {
  entries: DraftEntries;
  attendance: Sheet['attendance'] | undefined;
  version: number;
}

const sameTyping = (draft: Draft, snapshot: Snapshot): boolean =>
  canonicalJson([draft.entries, draft.attendance ?? null]) === canonicalJson([snapshot.entries, snapshot.attendance ?? null]);

export class DraftAutosaver {
  readonly appraisalId: string;
  readonly userId: string;
  readonly #store: DraftStore;
  readonly #delayMs: number;
  readonly #retryMs: number;
  readonly #maxRetryMs: number;
  readonly #onError: ((error: unknown) => void) | undefined;
  readonly #onConflict: ((error: DraftConflictError) => void) | undefined;
  readonly #onSaved: ((draft: Draft) => void) | undefined;
  readonly #now: () => Date;
  readonly #host: AutosaveHost | undefined;
  readonly #kept: KeptDrafts | undefined;
  #baseRevision: number | undefined;
  /** the revision of the stored draft the next save builds on; read at the first save when nobody set it */
  #draftRevision: number | undefined;
  #conflict: DraftConflictError | undefined;
  /** when what this autosaver put on the shelf (or restored from it) was saved: the one copy it may forget */
  #keptAt: string | undefined;
  #latest: Snapshot | undefined;
  #savedVersion = 0;
  #version = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inFlight: Promise<void> | undefined;
  #failures = 0;
  #lastError: unknown;
  #lastSaved: Draft | undefined;
  #disposed = false;

  constructor(store: DraftStore, options: DraftAutosaverOptions) {
    this.#store = store;
    this.appraisalId = options.appraisalId;
    this.userId = options.userId;
    this.#delayMs = options.delayMs ?? 300;
    this.#baseRevision = options.baseRevision;
    this.#retryMs = options.retryMs ?? 1000;
    this.#maxRetryMs = options.maxRetryMs ?? 30_000;
    this.#onError = options.onError;
    this.#onConflict = options.onConflict;
    this.#onSaved = options.onSaved;
    this.#now = options.now ?? (() => new Date());
    this.#host = options.window;
    this.#kept = options.kept;
    this.#host?.addEventListener('pagehide', this.#onPageHide);
    this.#host?.document?.addEventListener('visibilitychange', this.#onVisibilityChange);
  }

  /** True while some change is only in memory, not yet confirmed by the store. */
  get pending(): boolean {
    return this.#latest !== undefined && this.#savedVersion < this.#latest.version;
  }

  /** The last failure, until a save succeeds again. */
  get lastError(): unknown {
    return this.#lastError;
  }

  /** The draft as last confirmed by the store. */
  get lastSaved(): Draft | undefined {
    return this.#lastSaved;
  }

  get baseRevision(): number | undefined {
    return this.#baseRevision;
  }

  /** After the form reloads the appraisal (e.g. after a conflict), later drafts build on the new revision. */
  set baseRevision(revision: number) {
    this.#baseRevision = revision;
  }

  /** The stored draft's revision the next save builds on (the form sets it from the draft it restored). */
  get draftRevision(): number | undefined {
    return this.#draftRevision;
  }

  set draftRevision(revision: number) {
    this.#draftRevision = revision;
  }

  /** The refusal while another tab's newer draft stands in the way, until `keepMine` or `takeTheirs`. */
  get conflict(): DraftConflictError | undefined {
    return this.#conflict;
  }

  /** The person chose their own typing: it is saved over the draft at `revision` (the other tab's), deliberately. */
  keepMine(revision: number): void {
    this.#conflict = undefined;
    this.#draftRevision = revision;
    this.#schedule(0);
  }

  /** The person chose the other tab's draft (`draft`, as stored): what was pending here is given up, deliberately. */
  takeTheirs(draft: Draft): void {
    this.#conflict = undefined;
    this.#draftRevision = draft.revision ?? 0;
    this.#clearTimer();
    this.#savedVersion = this.#version;
    this.#lastSaved = draft;
    this.#forgetKept();
  }

  /** The form restored `draft` from the shelf: once it is saved, that copy goes. */
  restoredFromShelf(draft: Draft): void {
    this.#keptAt = draft.savedAt;
  }

  #forgetKept(): void {
    if (this.#keptAt === undefined) return;
    this.#kept?.forget(this.appraisalId, this.userId, this.#keptAt);
    this.#keptAt = undefined;
  }

  /** Takes the form's current entries (and attendance, if the form edits it) and schedules a save. */
  update(entries: DraftEntries, attendance?: Sheet['attendance']): void {
    if (this.#disposed) throw new Error('This DraftAutosaver was disposed; create a new one for the form.');
    this.#version += 1;
    // A copy: the form may keep mutating its own object, and what is pending must be what was given.
    this.#latest = { entries: structuredClone(entries), attendance: attendance && structuredClone(attendance), version: this.#version };
    // Held back by a conflict, typing is not sent, so the page's shelf keeps it through a reload.
    if (this.#conflict) this.#keepPending();
    this.#schedule(this.#delayMs);
  }

  /** Writes whatever is pending now. Rejects if the store refuses; the data then stays pending and is retried. */
  async flush(): Promise<void> {
    this.#clearTimer();
    while (this.#inFlight || this.pending) {
      // Sending it again would only be refused again: the person chooses first.
      if (this.#conflict) throw this.#conflict;
      if (this.#inFlight) {
        await this.#inFlight.catch(() => undefined);
        continue;
      }
      await this.#save();
    }
  }

  /** Flushes, then stops listening to the page. Pending data that cannot be saved is reported through the rejection. */
  async dispose(): Promise<void> {
    try {
      await this.flush();
    } finally {
      this.#disposed = true;
      this.#clearTimer();
      this.#host?.removeEventListener('pagehide', this.#onPageHide);
      this.#host?.document?.removeEventListener('visibilitychange', this.#onVisibilityChange);
    }
  }

  #onPageHide = (): void => {
    this.#keepPending();
    this.#flushInBackground();
  };

  #onVisibilityChange = (): void => {
    if (this.#host?.document?.visibilityState !== 'hidden') return;
    this.#keepPending();
    this.#flushInBackground();
  };

  /** What only memory holds goes to the synchronous shelf now: the page may be gone before a save lands. */
  #keepPending(): void {
    const snapshot = this.#latest;
    if (!this.#kept || !snapshot || !this.pending) return;
    const draft = this.#draftOf(snapshot, this.#baseRevision ?? 0);
    this.#kept.keep(draft);
    this.#keptAt = draft.savedAt;
  }

  /** The draft as saved; `revision` is the stored one it builds on (what a kept copy restores from). */
  #draftOf(snapshot: Snapshot, baseRevision: number): Draft {
    return {
      appraisalId: this.appraisalId,
      userId: this.userId,
      entries: snapshot.entries,
      ...(snapshot.attendance ? { attendance: snapshot.attendance } : {}),
      baseRevision,
      ...(this.#draftRevision !== undefined ? { revision: this.#draftRevision } : {}),
      savedAt: this.#now().toISOString(),
    };
  }

  #flushInBackground(): void {
    // Failures are already reported through onError and retried.
    this.flush().catch(() => undefined);
  }

  #schedule(delayMs: number): void {
    // An existing timer is kept, not pushed back: continuous typing must not postpone the save forever.
    if (this.#timer !== undefined || this.#disposed || this.#conflict) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#inFlight) {
        // The running save will reschedule if more arrived meanwhile.
        return;
      }
      this.#save().catch(() => undefined);
    }, delayMs);
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #save(): Promise<void> {
    const snapshot = this.#latest;
    if (!snapshot || snapshot.version <= this.#savedVersion) return Promise.resolve();
    const run = (async () => {
      const baseRevision = this.#baseRevision ?? (await this.#store.getAppraisal(this.appraisalId))?.revision ?? 0;
      this.#baseRevision ??= baseRevision;
      this.#draftRevision ??= (await this.#store.loadDraft(this.appraisalId, this.userId))?.revision ?? 0;
      const saved = await this.#store.saveDraft(this.#draftOf(snapshot, baseRevision), { expectedRevision: this.#draftRevision });
      // An answer without a revision (the outbox queued it) builds on the same stored draft as before.
      if (saved.revision !== undefined) this.#draftRevision = saved.revision;
      this.#savedVersion = Math.max(this.#savedVersion, snapshot.version);
      if (!this.pending) this.#forgetKept();
      this.#failures = 0;
      this.#lastError = undefined;
      this.#lastSaved = saved;
      this.#onSaved?.(saved);
    })();
    this.#inFlight = run;
    return run.then(
      () => {
        this.#inFlight = undefined;
        if (this.pending) this.#schedule(this.#delayMs);
      },
      (error: unknown) => {
        this.#inFlight = undefined;
        if (isDraftConflict(error) && error.current && sameTyping(error.current, snapshot)) {
          // The newer draft holds exactly this typing (this page's own save landed as it went away): nothing to choose.
          this.#draftRevision = error.current.revision ?? 0;
          this.#savedVersion = Math.max(this.#savedVersion, snapshot.version);
          this.#lastError = undefined;
          if (this.pending) this.#schedule(this.#delayMs);
          else this.#forgetKept();
          return;
        }
        if (isDraftConflict(error)) {
          // Not retried: saving again would be refused again, and saving over it is the person's choice.
          this.#conflict = error;
          this.#lastError = error;
          this.#keepPending();
          this.#onConflict?.(error);
          throw error;
        }
        this.#failures += 1;
        this.#lastError = error;
        // Nothing is dropped: the snapshot is still #latest (or superseded by newer data), so the retry saves it.
        this.#schedule(Math.min(this.#retryMs * 2 ** (this.#failures - 1), this.#maxRetryMs));
        this.#onError?.(error);
        throw error;
      },
    );
  }
}
