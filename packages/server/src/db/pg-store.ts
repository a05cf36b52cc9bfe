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
  checkRevisions, sealAuditEvents,
} from '@kaohe/store';
import type { AppraisalRecord, AuditEvent } from '@kaohe/workflow';
import type { AuditSealer } from './audit-seal.ts';
import { type NoticeHub, type NoticeMessage, newOrigin, sendNotices } from './notices.ts';
import type { Sql } from './sql.ts';
import * as appraisals from './tables/appraisals.ts';
import * as audit from './tables/audit.ts';
import * as drafts from './tables/drafts.ts';
import * as rubrics from './tables/rubrics.ts';

export class PgStore extends StoreBase {
  readonly #db: Sql;
  readonly #sealer: AuditSealer;
  /** tells this instance's NOTIFYs from other instances' */
  readonly #origin = newOrigin();
  readonly #unsubscribe: () => void;
  /** the seals read with each snapshot, for `verifyLog`; keyed by the snapshot's events array */
  readonly #seals = new WeakMap<readonly AuditEvent[], { seals: string[]; headSeal: string | undefined }>();

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

  protected async commitAppraisals(commit: AppraisalCommit): Promise<CommitOutcome> {
    const records = commit.writes.map((write) => write.record);
    const ids = records.map((record) => record.id);
    await this.#db.transaction(async (tx) => {
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
      if (commit.seenHead && commit.events.length > 0) {
        // Last, so the head stays locked only for these few statements and the commit.
        const head = await audit.lockHead(tx);
        const events = head.seq === commit.seenHead.seq && head.hash === commit.seenHead.hash
          ? commit.events
          : await sealAuditEvents(head, commit.events.map(({ seq: _seq, prevHash: _prevHash, hash: _hash, ...entry }) => entry));
        const last = events[events.length - 1] ?? head;
        const newHead = { seq: last.seq, hash: last.hash };
        await audit.appendEvents(tx, events.map((event) => ({ event, seal: this.#sealer.event(event) })), { ...newHead, seal: this.#sealer.head(newHead) });
      }
      await sendNotices(tx, this.#origin, records.map((record) => ({ type: 'appraisal', id: record.id, revision: record.revision })));
    });
    return 'committed';
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
  }

  #hear(message: NoticeMessage): void {
    if (message.origin === this.#origin) return;
    for (const notice of message.notices) {
      // The directory is not the store's; the HTTP layer hears it through `notices`.
      if (notice.type !== 'directory') this.receiveRemote(notice);
    }
  }
}
