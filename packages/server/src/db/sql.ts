// One small interface over the two engines, so every table module's SQL text is the same on both:
// postgres-js drives a PostgreSQL server over the network, PGlite runs PostgreSQL in this process
// and has no socket postgres-js could use. Queries are written as tagged templates (as postgres-js
// does), so a value always travels as a parameter and can never be spliced into the text.

/** What a parameter may be. JSON goes as text, cast in the SQL (`${json(x)}::jsonb`). */
export type SqlValue = string | number | boolean | null;

export interface Query {
  readonly text: string;
  readonly values: readonly SqlValue[];
}

/** sql`select record from appraisals where id = ${id}` → `{ text: '… id = $1', values: [id] }` */
export function sql(strings: TemplateStringsArray, ...values: SqlValue[]): Query {
  let text = strings[0] ?? '';
  for (let index = 1; index < strings.length; index += 1) text += `$${index}${strings[index] ?? ''}`;
  return { text, values };
}

/**
 * A value as JSON text for a `::jsonb` parameter. PostgreSQL's jsonb cannot hold U+0000, so a
 * string carrying it is refused here with a TypeError naming the rule, before any SQL runs.
 */
export function json(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('Only JSON values can be stored; got ' + typeof value);
  if (text.includes('\\u0000')) throw new TypeError('Text stored by Kaohe cannot contain the NUL character (U+0000); PostgreSQL refuses it.');
  return text;
}

/** Runs statements; inside `Sql.transaction` every call belongs to that transaction. */
export interface SqlSession {
  query<Row extends object = Record<string, unknown>>(query: Query): Promise<Row[]>;
  /** Several statements without parameters, e.g. a migration file. */
  script(text: string): Promise<void>;
}

export interface Sql extends SqlSession {
  readonly kind: 'pglite' | 'postgresql';
  /** Commits when `body` resolves, rolls back when it throws (and rethrows). */
  transaction<T>(body: (tx: SqlSession) => Promise<T>): Promise<T>;
  /** Hears NOTIFY on `channel` until the returned function is called. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** The SQLSTATE of a failed statement (both engines put it on `code`), when there is one. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
