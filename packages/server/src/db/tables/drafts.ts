// SQL of the drafts table: one unsent form per appraisal and person.
import type { Draft } from '@kaohe/store';
import { type SqlSession, json, sql } from '../sql.ts';

/** Any fixed number: the first key of the advisory locks that order saves of one person's draft. */
const DRAFT_LOCK = 0x6b64;

/**
 * Holds, until the transaction ends, the lock on one person's draft of one appraisal: two saves of it
 * (two tabs) read and write one after the other, also when no row exists yet to lock.
 */
export async function lockDraft(tx: SqlSession, appraisalId: string, userId: string): Promise<void> {
  await tx.query(sql`select pg_advisory_xact_lock(${DRAFT_LOCK}::int, hashtext(${JSON.stringify([appraisalId, userId])}::text))`);
}

export async function writeDraft(tx: SqlSession, draft: Draft): Promise<void> {
  await tx.query(sql`
    insert into drafts (appraisal_id, user_id, draft) values (${draft.appraisalId}, ${draft.userId}, ${json(draft)}::jsonb)
    on conflict (appraisal_id, user_id) do update set draft = excluded.draft`);
}

export async function readDraft(db: SqlSession, appraisalId: string, userId: string): Promise<Draft | undefined> {
  const [row] = await db.query<{ draft: Draft }>(sql`select draft from drafts where appraisal_id = ${appraisalId} and user_id = ${userId}`);
  return row?.draft;
}

export async function removeDraft(tx: SqlSession, appraisalId: string, userId: string): Promise<void> {
  await tx.query(sql`delete from drafts where appraisal_id = ${appraisalId} and user_id = ${userId}`);
}
