// The server's database: one PostgreSQL schema, reached through postgres-js on a PostgreSQL server
// or through PGlite (PostgreSQL compiled to WASM) in a directory when no server is named.
// The HTTP layer (src/http) reads only this module's exports.
import type { AuditHead, KaoheStore } from '@kaohe/store';
import type { Delegation, Person } from '@kaohe/workflow';
import type { Notice } from './notices.ts';

export interface OpenOptions {
  /** `postgres://…` of a PostgreSQL server (15 or newer); when absent, PGlite in `dataDir` */
  databaseUrl?: string;
  /** PGlite's data directory; created when missing. Without it and without `databaseUrl`, PGlite runs in memory (tests only). */
  dataDir?: string;
  /** The HMAC-SHA256 key that seals the audit log (KAOHE_AUDIT_KEY), at least 32 bytes. */
  auditKey: string;
}

export type { Notice } from './notices.ts';
export { MIN_AUDIT_KEY_BYTES } from './audit-seal.ts';
export { openDatabase } from './database.ts';

/** What the server's store offers beyond KaoheStore. */
export interface ServerStoreExtras {
  /** The audit log's last event (seq 0 and the genesis hash while empty). */
  auditHead(): Promise<AuditHead>;
}

export interface DirectorySnapshot {
  people: Person[];
  delegations: Delegation[];
}

/** The intranet's directory, as its backend last sent it (PUT /api/v1/directory). */
export interface DirectoryTable {
  /**
   * Replaces every person and delegation in one transaction and notifies `{ type: 'directory' }`.
   * Validation (duplicate ids, unknown managers, cycles) is the caller's: this stores what it is given.
   * @returns how many people are stored now
   */
  replace(people: readonly Person[], delegations: readonly Delegation[]): Promise<number>;
  /** Everyone, ordered by id, and every delegation, in the order they were sent. */
  load(): Promise<DirectorySnapshot>;
  person(id: string): Promise<Person | undefined>;
}

export interface KaoheDatabase {
  readonly kind: 'pglite' | 'postgresql';
  /** Every KaoheStore method, exactly as @kaohe/store's contract says; listeners hear this instance's writes and other instances' (LISTEN/NOTIFY). */
  readonly store: KaoheStore & ServerStoreExtras;
  readonly directory: DirectoryTable;
  notices: {
    /**
     * Hears every committed change on the database, from this instance and every other one.
     * Resolves once listening, with the unsubscribe.
     */
    subscribe(listener: (notice: Notice) => void): Promise<() => void>;
  };
  /** Resolves when the database answers; throws while it is unreachable (health → 503). */
  ping(): Promise<void>;
  /** Closes the store and the connections; later calls fail. */
  close(): Promise<void>;
}
