// KaoheStore on PostgreSQL (a server, or PGlite in-process), with StoreBase deciding everything the
// contract says — revision checks, batch refusals, paging, rubric immutability, error wording — and
// this class supplying atomic primitives. What differs from the browser's stores:
// - an audited write chains its events inside its own transaction, under a row lock on the log's
//   head taken last, so writes run side by side and queue only for the append itself;
// - each event and the head carry an HMAC-SHA256 seal under the server's audit key;
// - notices go out through NOTIFY in the same transaction, and other instances' come back through
//   LISTEN as `remote` changes.
import type { Rubric } from '@kaohe/scoring';
import {
  type AppraisalCommit, type AppraisalFilter, type AuditHead, type AuditVerification, type CommitOutcome, type Draft, StoreBase, StoreConflictError,
  checkRevisions, headAfter, sealAuditEvents,
} from '@kaohe/store';
import type { AppraisalRecord, AuditEvent } from '@kaohe/workflow';
import type { AuditSealer } from './audit-seal.ts';
import { type NoticeHub, type NoticeMessage, newOrigin, sendNotices } from './notices.ts';
import { type Sql, type SqlSession, sql, sqlState } from './sql.ts';
import * as appraisals from './tables/appraisals.ts';
import * as audit from './tables/audit.ts';
import * as drafts from './tables/drafts.ts';
import * as rubrics from './tables/rubrics.ts';

/** Writes one transaction carries at most: a group stays short enough that its locks are held briefly. */
const GROUP_LIMIT = 64;
const DEADLOCK = '40P01';

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
   * measured here). Writes arriving while a group commits wait and go together in the next one,
   * each checked and written under its own savepoint, so one refusal never touches the others.
   */
  protected commitAppraisals(commit: AppraisalCommit): Promise<CommitOutcome> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ commit, resolve: () => resolve('committed'), reject });
      if (!this.#draining) this.#draining = this.#drain();
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
      refused.clear();
      try {
        await this.#db.transaction(async (tx) => {
          const accepted: PendingCommit[] = [];
          for (const pending of group) {
            await tx.query(sql`savepoint kaohe_write`);
            try {
              await this.#writeRecords(tx, pending.commit);
              accepted.push(pending);
            } catch (error) {
              await tx.query(sql`rollback to savepoint kaohe_write`);
              refused.set(pending, error);
            }
          }
          await this.#appendAudit(tx, accepted.map((pending) => pending.commit));
          await sendNotices(tx, this.#origin, accepted.flatMap((pending) => pending.commit.writes.map(({ record }) => ({ type: 'appraisal' as const, id: record.id, revision: record.revision }))));
        });
        break;
      } catch (error) {
        // Two instances' groups locking the same appraisals in opposite orders: PostgreSQL aborts one; it goes again.
        if (sqlState(error) === DEADLOCK && attempt < 3) continue;
        for (const pending of group) pending.reject(error);
        return;
      }
    }
    for (const pending of group) {
      if (refused.has(pending)) pending.reject(refused.get(pending));
      else pending.resolve();
    }
  }

  /** One write's records: revision check under row locks, then insert or update, and the assignee index. */
  async #writeRecords(tx: SqlSession, commit: AppraisalCommit): Promise<void> {
    const records = commit.writes.map((write) => write.record);
    const ids = records.map((record) => record.id);
    const stored = await appraisals.lockAppraisals(tx, ids);
    checkRevisions(ids.map((id) => stored.get(id)), commit.writes);
    const created = records.filter((record) => !stored.has(record.id));
    const updated = records.filter((record) => stored.has(record.id));
    if (created.length > 0) {
      const inserted = await appraisals.insertAppraisals(tx, created);
      if (inserted.size < created.length) {
        // Another instance created one of them after our lock read found nothing: refuse as the contract does.
        const now = await appraisals.lockAppraisals(tx, ids);
        checkRevisions(ids.map((id) => now.get(id)), commit.writes);
        throw new StoreConflictError(now.get(created.find((record) => !inserted.has(record.id))?.id ?? ''), 0);
      }
    }
    if (updated.length > 0) await appraisals.updateAppraisals(tx, updated);
    await appraisals.replaceAssignees(tx, records);
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

  protected queryTasks(userId: string, after: string | undefined, take: number): Promise<AppraisalRecord[]> {
    return appraisals.queryTasks(this.#db, userId, after, take);
  }

  protected countTaskRecords(userId: string): Promise<number> {
    return appraisals.countTasks(this.#db, userId);
  }

  protected async writeDraft(draft: Draft): Promise<void> {
    await this.#db.transaction(async (tx) => {
      await drafts.writeDraft(tx, draft);
      await sendNotices(tx, this.#origin, [{ type: 'draft', appraisalId: draft.appraisalId, userId: draft.userId, deleted: false }]);
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
