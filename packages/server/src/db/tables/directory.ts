// SQL of the directory (directory_people, directory_delegations): replaced whole by the intranet.
import type { Delegation, Person } from '@kaohe/workflow';
import { type SqlSession, json, sql } from '../sql.ts';

export async function replaceDirectory(tx: SqlSession, people: readonly Person[], delegations: readonly Delegation[]): Promise<number> {
  await tx.query(sql`delete from directory_delegations`);
  await tx.query(sql`delete from directory_people`);
  await tx.query(sql`insert into directory_people (id, person) select p->>'id', p from jsonb_array_elements(${json(people)}::jsonb) as p`);
  await tx.query(sql`
    insert into directory_delegations (position, delegation)
    select position::integer, d from jsonb_array_elements(${json(delegations)}::jsonb) with ordinality as x(d, position)`);
  const [row] = await tx.query<{ count: number }>(sql`select count(*)::integer as count from directory_people`);
  return row?.count ?? 0;
}

/** Everyone by id and every delegation in the order sent, in one statement so a replace never shows half done. */
export async function readDirectory(db: SqlSession): Promise<{ people: Person[]; delegations: Delegation[] }> {
  const [row] = await db.query<{ people: Person[] | null; delegations: Delegation[] | null }>(sql`
    select (select jsonb_agg(person order by id) from directory_people) as people,
           (select jsonb_agg(delegation order by position) from directory_delegations) as delegations`);
  return { people: row?.people ?? [], delegations: row?.delegations ?? [] };
}

export async function readPerson(db: SqlSession, id: string): Promise<Person | undefined> {
  const [row] = await db.query<{ person: Person }>(sql`select person from directory_people where id = ${id}`);
  return row?.person;
}
