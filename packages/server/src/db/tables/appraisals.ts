// SQL of the appraisals table and its assignee index (appraisal_assignees).
import type { AppraisalFilter } from '@kaohe/store';
import type { AppraisalRecord } from '@kaohe/workflow';
import { type SqlSession, json, sql } from '../sql.ts';

interface RecordRow { record: AppraisalRecord }

export async function readAppraisal(db: SqlSession, id: string): Promise<AppraisalRecord | undefined> {
  const [row] = await db.query<RecordRow>(sql`select record from appraisals where id = ${id}`);
  return row?.record;
}

/**
 * Reads and row-locks the stored appraisals among `ids` until the transaction ends, in id order
 * (every writer locks in the same order, so two batches cannot deadlock on each other).
 */
export async function lockAppraisals(tx: SqlSession, ids: readonly string[]): Promise<Map<string, AppraisalRecord>> {
  const rows = await tx.query<RecordRow>(sql`
    select record from appraisals
    where id = any (array(select jsonb_array_elements_text(${json(ids)}::jsonb)))
    order by id
    for update`);
  return new Map(rows.map(({ record }) => [record.id, record]));
}

/**
 * Inserts appraisals that were not stored when locked. One that another transaction created in the
 * meantime is left alone. @returns the ids actually inserted
 */
export async function insertAppraisals(tx: SqlSession, records: readonly AppraisalRecord[]): Promise<Set<string>> {
  const rows = await tx.query<{ id: string }>(sql`
    insert into appraisals (id, period, employee_id, status, revision, record)
    select r->>'id', r->>'period', r->>'employeeId', r->>'status', (r->>'revision')::integer, r
    from jsonb_array_elements(${json(records)}::jsonb) as r
    order by r->>'id'
    on conflict (id) do nothing
    returning id`);
  return new Set(rows.map((row) => row.id));
}

/** Overwrites appraisals this transaction has locked. */
export async function updateAppraisals(tx: SqlSession, records: readonly AppraisalRecord[]): Promise<void> {
  await tx.query(sql`
    update appraisals as a
    set period = r->>'period', employee_id = r->>'employeeId', status = r->>'status', revision = (r->>'revision')::integer, record = r
    from jsonb_array_elements(${json(records)}::jsonb) as r
    where a.id = r->>'id'`);
}

/**
 * Makes the assignee index say what the records' `assignees` say, in one statement: the rows it
 * removes and the rows it adds never overlap, so the two parts cannot trip over each other.
 */
export async function replaceAssignees(tx: SqlSession, records: readonly AppraisalRecord[]): Promise<void> {
  await tx.query(sql`
    with written as (
      select r from jsonb_array_elements(${json(records)}::jsonb) as r
    ), wanted as (
      select distinct assignee as user_id, r->>'id' as appraisal_id
      from written, jsonb_array_elements_text(r->'assignees') as assignee
    ), removed as (
      delete from appraisal_assignees as t
      where t.appraisal_id in (select r->>'id' from written)
        and not exists (select 1 from wanted as w where w.user_id = t.user_id and w.appraisal_id = t.appraisal_id)
    )
    insert into appraisal_assignees (user_id, appraisal_id)
    select user_id, appraisal_id from wanted order by appraisal_id, user_id
    on conflict do nothing`);
}

/** Up to `take` matches with id > `after`, by id. */
export async function queryAppraisals(db: SqlSession, filter: AppraisalFilter, after: string | undefined, take: number): Promise<AppraisalRecord[]> {
  // Unnamed statements are planned with their parameter values, so the `is null` arms fold away and
  // the (period, id) or (employee_id, id) index serves the rest.
  const rows = await db.query<RecordRow>(sql`
    select record from appraisals
    where (${filter.period ?? null}::text is null or period = ${filter.period ?? null})
      and (${filter.status ?? null}::text is null or status = ${filter.status ?? null})
      and (${filter.employeeId ?? null}::text is null or employee_id = ${filter.employeeId ?? null})
      and (${after ?? null}::text is null or id > ${after ?? null})
    order by id
    limit ${take}`);
  return rows.map((row) => row.record);
}

/**
 * A person's tasks as ids and revisions only: a range of appraisal_assignees' primary key, joined to
 * the appraisals' primary key for the revision column. The records travel separately
 * (`readAppraisals`), and only those whose revision the caller has not read before.
 */
export async function queryTaskRevisions(db: SqlSession, userId: string, after: string | undefined, take: number): Promise<Array<{ id: string; revision: number }>> {
  return db.query<{ id: string; revision: number }>(sql`
    select a.id, a.revision from appraisal_assignees t
    join appraisals a on a.id = t.appraisal_id
    where t.user_id = ${userId} and (${after ?? null}::text is null or t.appraisal_id > ${after ?? null})
    order by t.appraisal_id
    limit ${take}`);
}

/** The stored appraisals among `ids`, by id; a missing id is left out. */
export async function readAppraisals(db: SqlSession, ids: readonly string[]): Promise<Map<string, AppraisalRecord>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<RecordRow>(sql`
    select record from appraisals where id = any (array(select jsonb_array_elements_text(${json(ids)}::jsonb)))`);
  return new Map(rows.map(({ record }) => [record.id, record]));
}

export async function countTasks(db: SqlSession, userId: string): Promise<number> {
  const [row] = await db.query<{ count: number }>(sql`select count(*)::integer as count from appraisal_assignees where user_id = ${userId}`);
  return row?.count ?? 0;
}
