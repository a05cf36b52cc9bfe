// KaoheStore on PostgreSQL (a server, or PGlite in-process), with StoreBase deciding everything the
// contract says — revision checks, batch refusals, paging, rubric immutability, error wording — and
// this class supplying atomic primitives. What differs from the browser's stores:
// - an audited write chains its events inside its own transaction, under a row lock on the log's
//   head taken last, so writes run side by side and queue only for the append itself;
// - each event and the head carry an HMAC-SHA256 seal under the server's audit key;
// - notices go out through NOTIFY in the same transaction, and other instances' come back through
//   LISTEN as `remote` changes.
import { deepFreeze, type Rubric } from '@kaohe/scoring';
import {
  type AppraisalCommit, type AppraisalFilter, type AuditHead, type AuditVerification, type CommitOutcome, type Draft, type DraftWrite, StoreBase, StoreError,
  checkRevisions, headAfter, sealAuditEvents,
} from '@kaohe/store';
import type { AppraisalRecord, AuditEvent } from '@kaohe/workflow';
import type { AuditSealer } from './audit-seal.ts';
import { type NoticeHub, type NoticeMessage, newOrigin, sendNotices } from './notices.ts';
import { type Sql, type SqlSession, sqlState } from './sql.ts';
import * as appraisals from './tables/appraisals.ts';
import * as audit from './tables/audit.ts';
import * as drafts from './tables/drafts.ts';
import * as rubrics from './tables/rubrics.ts';

/** Writes one transaction carries at most: a group stays short enough that its locks are held briefly. */
const GROUP_LIMIT = 64;
const DEADLOCK = '40P01';

/** Task records kept between pages; beyond it the set starts again. */
const RECORDS_KEPT = 20_000;

/** Rolls a group back when an insert finds its appraisal created by another instance since the lock read. */
class CreatedMeanwhile extends StoreError {
  constructor() {
    super('conflict', 'Another Kaohe server created one of these appraisals at the same moment, again and again; nothing was written. Reload and try again.');
  }
}

interface PendingCommit {
  commit: AppraisalCommit;
  resolve(): void;
  reject(error: unknown): void;
}

export class PgStore extends StoreBase {
  readonly #db: Sql;
  readonly #sealer: AuditSealer;
  /** tells this instance's NOTIFYs from other instances' */
  readonly #origin = newOrigin();
  readonly #unsubscribe: () => void;
  /** the seals read with each snapshot, for `verifyLog`; keyed by the snapshot's events array */
  readonly #seals = new WeakMap<readonly AuditEvent[], { seals: string[]; headSeal: string | undefined }>();
  /** records read for task pages, by id, each at the revision it was read at (see `queryTasks`) */
  readonly #records = new Map<string, AppraisalRecord>();
  /** writes waiting for the next group commit */
  readonly #queue: PendingCommit[] = [];
  #draining: Promise<void> | undefined;

  /** The database (`Sql`) stays open when the store closes: whoever opened it closes it. */
  constructor(db: Sql, sealer: AuditSealer, hub: NoticeHub) {
    super();
    this.#db = db;
    this.#sealer = sealer;
    this.#unsubscribe = hub.subscribe((message) => this.#hear(message));
  }

  /** The audit log's last event (seq 0 and the genesis hash while empty). */
  async auditHead(): Promise<AuditHead> {
    const head = await audit.readHead(this.#db);
    if (!head) throw new Error('The audit log has no head row; the database was not opened through openDatabase.');
    return { seq: head.seq, hash: head.hash };
  }

  // ---- StoreBase's primitives ----

  protected readAppraisal(id: string): Promise<AppraisalRecord | undefined> {
    return appraisals.readAppraisal(this.#db, id);
  }

  protected async readAuditHead(): Promise<AuditHead> {
    return this.auditHead();
  }

  /** The transaction chains and seals the events itself (see `commitAppraisals`), so nothing needs queuing here. */
  protected override serializeAppends<T>(body: () => Promise<T>): Promise<T> {
    return body();
  }

  /**
   * Joins the next group commit. Every audited write must hold the log's head until its commit is
   * on disk, so one transaction per write would cap a database at one write per disk flush (≈140/s
   * measured here). Writes arriving while a group commits wait and go together in the next one:
   * all their appraisals are row-locked in one statement, each write is checked in order against
   * what the writes before it left (so two racing on one revision still give one winner), and the
   * accepted ones are written, chained and notified together. A refused write changes nothing.
   */
  protected commitAppraisals(commit: AppraisalCommit): Promise<CommitOutcome> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ commit, resolve: () => resolve('committed'), reject });
      this.#draining ??= this.#drain();
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) await this.#commitGroup(this.#queue.splice(0, GROUP_LIMIT));
    } finally {
      this.#draining = undefined;
    }
  }

  async #commitGroup(group: readonly PendingCommit[]): Promise<void> {
    const refused = new Map<PendingCommit, unknown>();
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.#db.transaction(async (tx) => {
          refused.clear();
          const accepted = await this.#writeGroup(tx, group, refused);
          await this.#appendAudit(tx, accepted.map((pending) => pending.commit));
          await sendNotices(tx, this.#origin, accepted.flatMap((pending) => pending.commit.writes.map(({ record, audience }) => ({ type: 'appraisal' as const, id: record.id, revision: record.revision, ...(audience ? { audience } : {}) }))));
        });
        break;
      } catch (error) {
        // Another instance created one of the group's new appraisals after the lock read, or two
        // instances deadlocked: the group goes again, and this time sees what is there.
        if ((error instanceof CreatedMeanwhile || sqlState(error) === DEADLOCK) && attempt < 3) continue;
        for (const pending of group) pending.reject(error);
        return;
      }
    }
    for (const pending of group) {
      if (refused.has(pending)) pending.reject(refused.get(pending));
      else pending.resolve();
    }
  }

  /** Checks each write in order and stores the accepted ones' records. @returns the accepted writes */
  async #writeGroup(tx: SqlSession, group: readonly PendingCommit[], refused: Map<PendingCommit, unknown>): Promise<PendingCommit[]> {
    const ids = [...new Set(group.flatMap((pending) => pending.commit.writes.map(({ record }) => record.id)))];
    const stored = await appraisals.lockAppraisals(tx, ids);
    /** each appraisal as the writes accepted so far leave it */
    const current = new Map(stored);
    const accepted: PendingCommit[] = [];
    for (const pending of group) {
      try {
        checkRevisions(pending.commit.writes.map(({ record }) => current.get(record.id)), pending.commit.writes);
      } catch (error) {
        refused.set(pending, error);
        continue;
      }
      for (const { record } of pending.commit.writes) current.set(record.id, record);
      accepted.push(pending);
    }
    const written = [...new Set(accepted.flatMap((pending) => pending.commit.writes.map(({ record }) => record.id)))].map((id) => current.get(id)!);
    const created = written.filter((record) => !stored.has(record.id));
    const updated = written.filter((record) => stored.has(record.id));
    if (created.length > 0 && (await appraisals.insertAppraisals(tx, created)).size < created.length) throw new CreatedMeanwhile();
    if (updated.length > 0) await appraisals.updateAppraisals(tx, updated);
    if (written.length > 0) await appraisals.replaceAssignees(tx, written);
    return accepted;
  }

  /**
   * Chains the accepted writes' events onto the head, in the order the writes came, and seals them.
   * Taken last, so the head stays locked only for these two statements and the commit.
   */
  async #appendAudit(tx: SqlSession, commits: readonly AppraisalCommit[]): Promise<void> {
    const withEvents = commits.filter((commit) => commit.seenHead !== null && commit.events.length > 0);
    if (withEvents.length === 0) return;
    const head = await audit.lockHead(tx);
    let chained: AuditHead = head;
    const events: AuditEvent[] = [];
    for (const commit of withEvents) {
      // Sealed before the transaction against the head this store last saw; chained again if it moved since.
      const own = commit.seenHead?.seq === chained.seq && commit.seenHead.hash === chained.hash
        ? commit.events
        : await sealAuditEvents(chained, commit.events.map(({ seq: _seq, prevHash: _prevHash, hash: _hash, ...entry }) => entry));
      events.push(...own);
      chained = headAfter(chained, own);
    }
    await audit.appendEvents(tx, events.map((event) => ({ event, seal: this.#sealer.event(event) })), { ...chained, seal: this.#sealer.head(chained) });
  }

  protected queryAppraisals(filter: AppraisalFilter, after: string | undefined, take: number): Promise<AppraisalRecord[]> {
    return appraisals.queryAppraisals(this.#db, filter, after, take);
  }

  /**
   * A page of tasks reads ids and revisions, then only the records this instance has not read at that
   * revision: a reviewer's page of 50 reads again and again would otherwise parse 50 whole records
   * each time. What is kept is checked against the database's revision on every read, so a write
   * through another instance is never missed; a kept record is frozen (callers share it).
   */
  protected async queryTasks(userId: string, after: string | undefined, take: number): Promise<AppraisalRecord[]> {
    const rows = await appraisals.queryTaskRevisions(this.#db, userId, after, take);
    const missing = rows.filter((row) => this.#records.get(row.id)?.revision !== row.revision).map((row) => row.id);
    const read = await appraisals.readAppraisals(this.#db, missing);
    const out: AppraisalRecord[] = [];
    for (const row of rows) {
      const fresh = read.get(row.id);
      if (fresh) {
        // read after the revision query: it may be newer still, which is what a later read would give
        if (this.#records.size >= RECORDS_KEPT) this.#records.clear();
        this.#records.set(row.id, deepFreeze(fresh));
        out.push(fresh);
      } else {
        const kept = this.#records.get(row.id);
        // deleted between the two reads: left out, as a later read would leave it
        if (kept && !missing.includes(row.id)) out.push(kept);
      }
    }
    return out;
  }

  protected countTaskRecords(userId: string): Promise<number> {
    return appraisals.countTasks(this.#db, userId);
  }

  protected writeDraft(appraisalId: string, userId: string, next: (stored: Draft | undefined) => Draft | undefined): Promise<DraftWrite> {
    return this.#db.transaction(async (tx) => {
      await drafts.lockDraft(tx, appraisalId, userId);
      const stored = await drafts.readDraft(tx, appraisalId, userId);
      const written = next(stored);
      if (written) {
        await drafts.writeDraft(tx, written);
        await sendNotices(tx, this.#origin, [{ type: 'draft', appraisalId, userId, deleted: false }]);
      }
      return { stored, written };
    });
  }

  protected readDraft(appraisalId: string, userId: string): Promise<Draft | undefined> {
    return drafts.readDraft(this.#db, appraisalId, userId);
  }

  protected async removeDraft(appraisalId: string, userId: string): Promise<void> {
    await this.#db.transaction(async (tx) => {
      await drafts.removeDraft(tx, appraisalId, userId);
      await sendNotices(tx, this.#origin, [{ type: 'draft', appraisalId, userId, deleted: true }]);
    });
  }

  protected insertRubric(rubric: Rubric): Promise<Rubric | undefined> {
    return this.#db.transaction(async (tx) => {
      if (await rubrics.insertRubric(tx, rubric)) {
        await sendNotices(tx, this.#origin, [{ type: 'rubric', id: rubric.id, version: rubric.version }]);
        return undefined;
      }
      return rubrics.readRubric(tx, rubric.id, rubric.version);
    });
  }

  protected readRubric(id: string, version: number): Promise<Rubric | undefined> {
    return rubrics.readRubric(this.#db, id, version);
  }

  protected readRubricVersions(id: string): Promise<number[]> {
    return rubrics.readRubricVersions(this.#db, id);
  }

  protected readAudit(appraisalId: string | undefined): Promise<AuditEvent[]> {
    return audit.readEvents(this.#db, appraisalId);
  }

  protected async readAuditSnapshot(): Promise<{ events: AuditEvent[]; head: AuditHead }> {
    const log = await audit.readLog(this.#db);
    const events = log.events.map(({ event }) => event);
    this.#seals.set(events, { seals: log.events.map(({ seal }) => seal), headSeal: log.head?.seal });
    // A missing head row is reported by `verifyLog` through its missing seal; the chain is checked against the empty head meanwhile.
    return { events, head: log.head ? { seq: log.head.seq, hash: log.head.hash } : { seq: 0, hash: '' } };
  }

  /** The hash chain as every store checks it, then every seal: the first event that fails either is named. */
  protected override async verifyLog(events: readonly AuditEvent[], head: AuditHead): Promise<AuditVerification> {
    const sealed = this.#seals.get(events);
    if (!sealed) throw new Error('verifyLog needs a log read by readAuditSnapshot, with its seals.');
    const chain = await super.verifyLog(events, head);
    let seals: Extract<AuditVerification, { ok: false }> | undefined;
    const badEvent = events.findIndex((event, index) => !this.#sealer.eventHolds(event, sealed.seals[index] ?? ''));
    const bad = events[badEvent];
    if (bad) {
      seals = { ok: false, brokenAt: bad.seq, reason: `Audit event ${bad.seq} does not carry this server's seal: it was written or changed by someone without the audit key.` };
    } else if (sealed.headSeal === undefined || !this.#sealer.headHolds(head, sealed.headSeal)) {
      seals = { ok: false, brokenAt: head.seq, reason: `The audit log's recorded end (event ${head.seq}) does not carry this server's seal: it was changed by someone without the audit key.` };
    }
    if (!seals) return chain;
    return chain.ok || seals.brokenAt <= chain.brokenAt ? seals : chain;
  }

  protected async closeBackend(): Promise<void> {
    this.#unsubscribe();
    // Writes already queued still commit (their callers are waiting); the connection closes after.
    await this.#draining;
  }

  #hear(message: NoticeMessage): void {
    if (message.origin === this.#origin) return;
    for (const notice of message.notices) {
      // The directory is not the store's; the HTTP layer hears it through `notices`.
      if (notice.type !== 'directory') this.receiveRemote(notice);
    }
  }
}
