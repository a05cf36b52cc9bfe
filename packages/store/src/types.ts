// The one persistence contract of Kaohe. Every method is async, every value crossing it is plain
// JSON and every list is paged, so a remote backend (HTTP, a host's own API) can implement it as is.
import type { Entry, Rubric, Sheet } from '@kaohe/scoring';
import type { AppraisalRecord, AppraisalStatus, AuditEntry, AuditEvent } from '@kaohe/workflow';

/** What the caller writes to the audit log; the store assigns `seq`, `prevHash` and `hash`. Declared by workflow, which store builds on. */
export type { AuditEntry };

export interface PutAppraisalOptions {
  /**
   * The revision the caller read (0 for an appraisal that does not exist yet). The write is
   * refused unless the stored revision still equals it and `record.revision` is one more.
   */
  expectedRevision: number;
  /** Written in the same transaction as the appraisal, in this order. */
  audit?: AuditEntry[];
  /** Who hears of this change (decided by the writer, @kaohe/service); listeners receive it with the change. */
  audience?: ChangeAudience;
}

/**
 * The audience of an appraisal's change, a fact of the change: the writer knows who could read the
 * appraisal before it and who may read it after. `readers` may read it now and hear its id and revision;
 * `gone` could read it before and may not now: they hear only its id (a list drops it), nothing of the
 * new state. Everyone else hears nothing. Person ids, each in at most one of the two.
 */
export interface ChangeAudience {
  readers: string[];
  gone: string[];
}

/** One appraisal of a batch for `putAppraisals`: the record and the revision check and audit events `putAppraisal` takes. */
export interface AppraisalWrite extends PutAppraisalOptions {
  record: AppraisalRecord;
}

/** A page of a list. `nextCursor` is opaque; pass it back to get the next page; absent on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface PageOptions {
  cursor?: string;
  /** how many items per page; defaults to 50, at most 1000 */
  limit?: number;
}

export interface AppraisalQuery extends PageOptions {
  period?: string;
  status?: AppraisalStatus;
  employeeId?: string;
}

/**
 * A form's unsent work. Keyed by appraisal and user, so two reviewers of one appraisal never
 * overwrite each other's drafts.
 */
export interface Draft {
  appraisalId: string;
  userId: string;
  entries: Sheet['entries'];
  /** attendance facts typed into the form, when the form edits them */
  attendance?: Sheet['attendance'];
  /** the appraisal revision the draft was started from; newer stored revisions mean the draft is stale */
  baseRevision: number;
  /**
   * The draft's own revision: the store counts every save of it (1, 2 …). A draft a page holds carries
   * the revision its next save builds on (`SaveDraftOptions.expectedRevision`). Absent on drafts stored
   * before drafts were revisioned, which count as 0.
   */
  revision?: number;
  /** ISO timestamp */
  savedAt: string;
}

export interface SaveDraftOptions {
  /**
   * The revision of the person's stored draft this save builds on (0: they had none). When a newer
   * one is stored (written from another tab or window), nothing is written and `DraftConflictError`
   * is thrown. Without it the draft is written whatever is stored.
   */
  expectedRevision?: number;
}

export type DraftEntries = Record<string, Entry>;

export type AuditVerification =
  | { ok: true; count: number }
  | { ok: false; brokenAt: number; reason: string };

/** Where a change came from: this store instance, or another one on the same database (another tab). */
export type ChangeOrigin = 'local' | 'remote';

export type StoreChange =
  /** `audience` as the writer named it; absent when it named none (a listener then asks who may read it now) */
  | { type: 'appraisal'; id: string; revision: number; audience?: ChangeAudience; origin: ChangeOrigin }
  | { type: 'draft'; appraisalId: string; userId: string; deleted: boolean; origin: ChangeOrigin }
  | { type: 'rubric'; id: string; version: number; origin: ChangeOrigin }
  /** This connection was closed because another tab upgraded the database; reload to continue. */
  | { type: 'closed'; reason: 'upgrade' | 'terminated'; origin: 'local' };

export type StoreListener = (change: StoreChange) => void;

/** What the form builder needs to publish and read rubric versions: the store, or with a server its rubric routes (@kaohe/client). */
export type RubricStore = Pick<KaoheStore, 'listRubricVersions' | 'putRubric' | 'getRubric'>;

export interface KaoheStore {
  getAppraisal(id: string): Promise<AppraisalRecord | undefined>;
  /**
   * Writes the appraisal and its audit events atomically and returns the stored record.
   * @throws StoreConflictError when someone else wrote first (carries the current record)
   * @throws StoreError `not-found` when `expectedRevision` > 0 and the appraisal does not exist
   */
  putAppraisal(record: AppraisalRecord, options: PutAppraisalOptions): Promise<AppraisalRecord>;
  /**
   * Writes many appraisals and their audit events all or nothing, in one transaction: every revision
   * is checked there, and if any is stale or missing none is written. The audit events are chained in
   * the order of `writes`. Listeners hear one `appraisal` change per record. An empty list writes nothing.
   * @throws StoreConflictError for the first stale appraisal in list order; `conflictingIds` names every stale one
   * @throws StoreError `not-found` when the first refused write updates an appraisal that is not stored
   * @throws TypeError when one appraisal appears twice, or an audit entry belongs to another appraisal than its record
   */
  putAppraisals(writes: readonly AppraisalWrite[]): Promise<AppraisalRecord[]>;
  /** Ordered by appraisal id. */
  listAppraisals(query?: AppraisalQuery): Promise<Page<AppraisalRecord>>;
  /** Appraisals on which `userId` must act now (their `assignees` contain the user), by id. */
  listTasks(userId: string, options?: PageOptions): Promise<Page<AppraisalRecord>>;
  /**
   * How many appraisals `listTasks(userId)` pages through, without reading them: an inbox says
   * "loading n of N" with it. A task whose delegation has ended is still counted (its record still
   * names the delegate until the next action), so an inbox may list a few fewer.
   */
  countTasks(userId: string): Promise<number>;

  /**
   * Stores the draft as the next revision of the person's draft and returns it as stored.
   * @throws DraftConflictError when `expectedRevision` is older than the stored draft's (carries it)
   */
  saveDraft(draft: Draft, options?: SaveDraftOptions): Promise<Draft>;
  loadDraft(appraisalId: string, userId: string): Promise<Draft | undefined>;
  deleteDraft(appraisalId: string, userId: string): Promise<void>;

  /** Stores a rubric version; storing the same content again is a no-op, different content under a stored id+version is refused. */
  putRubric(rubric: Rubric): Promise<Rubric>;
  getRubric(id: string, version: number): Promise<Rubric | undefined>;
  /** ascending */
  listRubricVersions(id: string): Promise<number[]>;

  /** The whole log, or one appraisal's events, in `seq` order. */
  listAudit(appraisalId?: string): Promise<AuditEvent[]>;
  verifyAudit(): Promise<AuditVerification>;
  /** The log with its head and verification, as a JSON document for an auditor. */
  exportAudit(): Promise<string>;

  /** Hears local writes and writes by other instances on the same database. Returns the unsubscribe. */
  subscribe(listener: StoreListener): () => void;
  close(): Promise<void>;
}
