// SQL of the rubrics table: versions, each stored once and never changed.
import type { Rubric } from '@kaohe/scoring';
import { type SqlSession, json, sql } from '../sql.ts';

/** @returns true when this call stored it, false when that id and version were already there */
export async function insertRubric(tx: SqlSession, rubric: Rubric): Promise<boolean> {
  const rows = await tx.query(sql`
    insert into rubrics (id, version, content) values (${rubric.id}, ${rubric.version}, ${json(rubric)}::jsonb)
    on conflict (id, version) do nothing
    returning id`);
  return rows.length > 0;
}

export async function readRubric(db: SqlSession, id: string, version: number): Promise<Rubric | undefined> {
  const [row] = await db.query<{ content: Rubric }>(sql`select content from rubrics where id = ${id} and version = ${version}`);
  return row?.content;
}

export async function readRubricVersions(db: SqlSession, id: string): Promise<number[]> {
  const rows = await db.query<{ version: number }>(sql`select version from rubrics where id = ${id} order by version`);
  return rows.map((row) => row.version);
}
