// `Sql` on a PostgreSQL server through postgres-js (porsager): a pool that reconnects by itself
// after a lost connection, transactions as functions (`sql.begin`), LISTEN on a connection of its own
// that re-listens after reconnecting.
import postgres from 'postgres';
import { StoreError } from '@kaohe/store';
import { type Query, type Sql, type SqlSession, sqlState } from './sql.ts';

/** What postgres-js and the socket report when the server cannot be reached or dropped the connection. */
const LOST = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);

function lostConnection(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const state = sqlState(error);
  return (typeof code === 'string' && LOST.has(code))
    // 08: connection exception; 57P01-03: shut down or starting; 53300: too many connections
    || (state !== undefined && (state.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(state)))
    || (state === '55000' && /accepting connections/.test(String((error as Error).message)));
}

/**
 * A lost connection as the store's `unavailable` refusal (HTTP 503), so a caller can tell "try again
 * later" from a bug. postgres-js reconnects by itself on the next call.
 */
async function reachable<T>(work: () => Promise<T>, writing: boolean): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!lostConnection(error)) throw error;
    throw new StoreError('unavailable', 'The database cannot be reached right now' +
      (writing ? '; if the connection dropped while committing, the change may or may not have been saved: reload before trying again.' : '; try again in a moment.'),
    { cause: error });
  }
}

type Client = postgres.Sql;

function session(client: Client | postgres.TransactionSql): SqlSession {
  return {
    async query<Row extends object>(query: Query): Promise<Row[]> {
      const rows = await reachable(() => client.unsafe(query.text, query.values as postgres.ParameterOrJSON<never>[]), false);
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
    // postgres-js waits up to 20 s between reconnection attempts after repeated failures (3^n / 100 s);
    // a server back from an outage should be used within a second, and an attempt a second is cheap.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
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
      return await reachable(() => client.begin((tx) => body(session(tx))), true) as T;
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
