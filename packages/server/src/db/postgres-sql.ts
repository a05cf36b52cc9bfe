// `Sql` on a PostgreSQL server through postgres-js (porsager): a pool that reconnects by itself
// after a lost connection, transactions as functions (`sql.begin`), LISTEN on a connection of its own
// that re-listens after reconnecting.
import postgres from 'postgres';
import type { Query, Sql, SqlSession } from './sql.ts';

type Client = postgres.Sql;

function session(client: Client | postgres.TransactionSql): SqlSession {
  return {
    async query<Row extends object>(query: Query): Promise<Row[]> {
      const rows = await client.unsafe(query.text, query.values as postgres.ParameterOrJSON<never>[]);
      return [...rows] as unknown as Row[];
    },
    async script(text: string): Promise<void> {
      // Without parameters postgres-js sends the simple protocol, which runs several statements.
      await client.unsafe(text);
    },
  };
}

export interface PostgresOptions {
  /** connections in the pool; LISTEN takes one more of its own */
  max?: number;
}

export function connectPostgres(url: string, options: PostgresOptions = {}): Sql {
  const client = postgres(url, {
    max: options.max ?? 10,
    // A health check must answer within seconds while the server is down, not after 30 s.
    connect_timeout: 5,
    idle_timeout: 60,
    onnotice: () => undefined,
    connection: { application_name: 'kaohe' },
    types: {
      // Table modules send JSON as text already (`json()` in sql.ts, for PGlite too); postgres-js's
      // own json serializer would encode that text a second time, into a JSON string.
      json: { to: 114, from: [114, 3802], serialize: (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value)), parse: (text: string) => JSON.parse(text) as unknown },
    },
  });
  return {
    kind: 'postgresql',
    ...session(client),
    async transaction<T>(body: (tx: SqlSession) => Promise<T>): Promise<T> {
      return await client.begin((tx) => body(session(tx))) as T;
    },
    async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
      const request = await client.listen(channel, onPayload);
      return () => request.unlisten();
    },
    async close(): Promise<void> {
      await client.end({ timeout: 5 });
    },
  };
}
