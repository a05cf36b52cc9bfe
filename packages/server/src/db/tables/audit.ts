// SQL of the audit log (audit) and its sealed head (audit_head).
import { type AuditHead, EMPTY_HEAD } from '@kaohe/store';
import type { AuditEvent } from '@kaohe/workflow';
import { type SqlSession, json, sql } from '../sql.ts';

export interface SealedEvent {
  event: AuditEvent;
  seal: string;
}

export interface SealedHead extends AuditHead {
  seal: string;
}

interface HeadRow { seq: number | string; hash: string; seal: string }

const headOf = (row: HeadRow): SealedHead => ({ seq: Number(row.seq), hash: row.hash, seal: row.seal });

/** Writes the empty log's head once, sealed under the key the database is first opened with. */
export async function createHead(db: SqlSession, seal: string): Promise<void> {
  await db.query(sql`insert into audit_head (id, seq, hash, seal) values (true, ${EMPTY_HEAD.seq}, ${EMPTY_HEAD.hash}, ${seal}) on conflict (id) do nothing`);
}

export async function readHead(db: SqlSession): Promise<SealedHead | undefined> {
  const [row] = await db.query<HeadRow>(sql`select seq, hash, seal from audit_head`);
  return row ? headOf(row) : undefined;
}

/**
 * Locks the head until the transaction ends. Every append takes it last, after its appraisal rows,
 * so appends queue only for the few statements between this and the commit.
 */
export async function lockHead(tx: SqlSession): Promise<SealedHead> {
  const [row] = await tx.query<HeadRow>(sql`select seq, hash, seal from audit_head for update`);
  if (!row) throw new Error('The audit log has no head row; the database was not opened through openDatabase.');
  return headOf(row);
}

/** The events and the head that follows them, in one statement (one round trip while the head is locked). */
export async function appendEvents(tx: SqlSession, events: readonly SealedEvent[], head: SealedHead): Promise<void> {
  await tx.query(sql`
    with appended as (
      insert into audit (seq, appraisal_id, event, prev_hash, hash, seal)
      select (e->'event'->>'seq')::bigint, e->'event'->>'appraisalId', e->'event', e->'event'->>'prevHash', e->'event'->>'hash', e->>'seal'
      from jsonb_array_elements(${json(events)}::jsonb) as e
    )
    update audit_head set seq = ${head.seq}, hash = ${head.hash}, seal = ${head.seal}`);
}

export async function readEvents(db: SqlSession, appraisalId: string | undefined): Promise<AuditEvent[]> {
  const rows = appraisalId === undefined
    ? await db.query<{ event: AuditEvent }>(sql`select event from audit order by seq`)
    : await db.query<{ event: AuditEvent }>(sql`select event from audit where appraisal_id = ${appraisalId} order by seq`);
  return rows.map((row) => row.event);
}

export interface LogSnapshot {
  events: SealedEvent[];
  head: SealedHead | undefined;
}

/** The whole log and its head in one statement, so both come from one snapshot even while others append. */
export async function readLog(db: SqlSession): Promise<LogSnapshot> {
  const rows = await db.query<{ event: AuditEvent | null; seal: string | null; head_seq: number | string | null; head_hash: string | null; head_seal: string | null }>(sql`
    select a.event, a.seal, h.seq as head_seq, h.hash as head_hash, h.seal as head_seal
    from (select 1) as one
    left join audit_head as h on true
    left join audit as a on true
    order by a.seq`);
  const [first] = rows;
  const head = first && first.head_seq !== null && first.head_hash !== null && first.head_seal !== null
    ? headOf({ seq: first.head_seq, hash: first.head_hash, seal: first.head_seal })
    : undefined;
  const events = rows.flatMap((row) => (row.event === null ? [] : [{ event: row.event, seal: row.seal ?? '' }]));
  return { events, head };
}
