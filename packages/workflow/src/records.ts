// The records that cross package lines: workflow decides them, store persists them, elements show them.
// Everything here is plain JSON, so a remote backend can carry it unchanged.
import type { ScoreResult, Sheet } from '@kaohe/scoring';

/** Where an appraisal stands in its chain; `step` is the id of a step of its chain. */
export type AppraisalStatus = 'open' | 'inReview' | 'approved' | 'published' | 'appealed' | 'reopened';

export interface AppraisalRecord {
  /** stable id, e.g. `2026-10:E1001` */
  id: string;
  employeeId: string;
  /** YYYY-MM */
  period: string;
  rubricId: string;
  /** the rubric version this appraisal was opened with; editing the rubric never changes it */
  rubricVersion: number;
  chainId: string;
  status: AppraisalStatus;
  /** the current step id of the chain (for parallel group steps, the step that is running) */
  step: string;
  /** user ids that must act now; the store indexes this to list a reviewer's tasks */
  assignees: string[];
  /** when the current step is due (ISO date) */
  dueDate?: string;
  sheet: Sheet;
  /**
   * The sheet's scores against the pinned rubric, computed by the application service in the same
   * write as the sheet (design.md: reads never re-score); null while the sheet has problems.
   * Absent on records written before the service kept it.
   */
  score?: ScoreResult | null;
  /**
   * The result as HR last published it, kept when it is published (appraisal.publish) and replaced only
   * when it is published again: an appeal reviewed meanwhile changes `sheet`, not what is out (C-5: the
   * score decides pay). Read it through `publishedResultOf`. Absent before publication and on records
   * published before records kept it.
   */
  published?: PublishedResult;
  /** workflow-owned detail (group completion, comments, returns …), JSON only */
  workflow: Record<string, unknown>;
  /** optimistic concurrency: every accepted write increments it by one */
  revision: number;
  updatedAt: string;
  updatedBy: string;
}

/** What a record keeps of a result when HR publishes it. */
export interface PublishedResult {
  /** the revision that published it; absent for a result published before records kept one */
  revision?: number;
  /** when it was published (ISO) */
  at: string;
  sheet: Sheet;
  /**
   * Its scores, computed by the application service in the same write (null while the sheet has
   * problems); absent where it was not (the pure façade alone): the sheet is then scored against the pinned rubric.
   */
  score?: ScoreResult | null;
}

/** One entry of the append-only audit log. `hash` chains it to the previous event. */
export interface AuditEvent {
  seq: number;
  at: string;
  actor: string;
  appraisalId: string;
  action: string;
  before: unknown;
  after: unknown;
  comment?: string;
  prevHash: string;
  hash: string;
}

/** A person the host's directory knows. */
export interface Person {
  id: string;
  /** employee number shown in lists */
  number?: string;
  name: string;
  /** role ids: salesperson, regionalManager, fieldServiceRepresentative, afterSalesCustomerService, salesPlanningHead, vp, hr, gm, chairman … (the presets' `role`) */
  roles: string[];
  region?: string;
  department?: string;
  /** direct leader */
  managerId?: string;
  /** assessing groups the person belongs to (R-FS: fieldManagement, correspondence, claims, technical, parts) */
  groups?: string[];
}

/**
 * A person lends their right to act to another for a date range (both ends inclusive, YYYY-MM-DD):
 * W-HEAD's "or an authorised person", a reviewer on leave. The lender keeps the right as well.
 */
export interface Delegation {
  from: string;
  to: string;
  start: string;
  end: string;
}

export interface Directory {
  people: Person[];
  /** delegations the host knows of; routing also accepts them per call */
  delegations?: Delegation[];
}
