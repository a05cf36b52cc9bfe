// `Sql` on PGlite, PostgreSQL compiled to WASM, running in this process with its data in a
// directory (or in memory). It is one session: PGlite queues queries and transactions itself, so
// a statement outside a transaction waits for the transaction to end — never issue one from
// inside a transaction's body (use the `tx` it is given).
import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Query, Sql, SqlSession } from './sql.ts';

function session(client: PGlite | Transaction): SqlSession {
  return {
    async query<Row extends object>(query: Query): Promise<Row[]> {
      return (await client.query<Row>(query.text, [...query.values])).rows;
    },
    async script(text: string): Promise<void> {
      await client.exec(text);
    },
  };
}

/** @param dataDir where the database lives; created when missing. In memory when absent. */
export async function openPglite(dataDir?: string): Promise<Sql> {
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir === undefined ? {} : { dataDir });
  return {
    kind: 'pglite',
    ...session(client),
    async transaction<T>(body: (tx: SqlSession) => Promise<T>): Promise<T> {
      return client.transaction((tx) => body(session(tx)));
    },
    async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
      return client.listen(channel, onPayload);
    },
    async close(): Promise<void> {
      if (!client.closed) await client.close();
    },
  };
}
