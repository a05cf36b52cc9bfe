// The IndexedDB layout and the migrations that lead to it. Each migration takes the database from
// the version before it to its own, inside the one upgrade transaction, so a tab that was closed at
// version 1 walks through every step in order and a failure rolls all of them back.
import type { Rubric } from '@kaohe/scoring';
import type { AppraisalRecord, AuditEvent } from '@kaohe/workflow';
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Draft } from './types.ts';
import type { AuditHead } from './audit.ts';
import { EMPTY_HEAD } from './audit.ts';

export const SCHEMA_VERSION = 2;
export const AUDIT_HEAD_KEY = 'auditHead';

export interface KaoheDB extends DBSchema {
  appraisals: {
    key: string;
    value: AppraisalRecord;
    indexes: { assignees: string; period: string; employeeId: string; status: string };
  };
  audit: { key: number; value: AuditEvent; indexes: { appraisalId: string } };
  drafts: { key: [string, string]; value: Draft };
  rubrics: { key: [string, number]; value: Rubric };
  meta: { key: string; value: AuditHead };
}

type UpgradeTransaction = IDBPTransaction<KaoheDB, StoreNames<KaoheDB>[], 'versionchange'>;
type Migration = (db: IDBPDatabase<KaoheDB>, tx: UpgradeTransaction) => Promise<void>;

/** migrations[n] takes the database from version n − 1 to n. */
const migrations: Record<number, Migration> = {
  // Version 1 (Kaohe 0.0): appraisals by id only, the audit log, drafts, rubric versions.
  1: async (db) => {
    db.createObjectStore('appraisals', { keyPath: 'id' });
    const audit = db.createObjectStore('audit', { keyPath: 'seq' });
    audit.createIndex('appraisalId', 'appraisalId');
    db.createObjectStore('drafts', { keyPath: ['appraisalId', 'userId'] });
    db.createObjectStore('rubrics', { keyPath: ['id', 'version'] });
  },

  // Version 2: inboxes list tasks through an index on `assignees` instead of reading every appraisal;
  // appraisals pin their rubric version; the audit head is kept so a log cut short at the end is noticed.
  2: async (db, tx) => {
    const appraisals = tx.objectStore('appraisals');
    appraisals.createIndex('assignees', 'assignees', { multiEntry: true });
    appraisals.createIndex('period', 'period');
    appraisals.createIndex('employeeId', 'employeeId');
    appraisals.createIndex('status', 'status');

    let cursor = await appraisals.openCursor();
    while (cursor) {
      const old = cursor.value as Partial<AppraisalRecord> & AppraisalRecord;
      if (old.rubricVersion === undefined || !Array.isArray(old.assignees)) {
        // Version 1 did not pin rubric versions; the sheet may name the one it was scored on. Without it,
        // version 1 is the only version Kaohe 0.0 ever wrote.
        await cursor.update({
          ...old,
          rubricVersion: old.rubricVersion ?? old.sheet?.rubricVersion ?? 1,
          assignees: Array.isArray(old.assignees) ? old.assignees : [],
        });
      }
      cursor = await cursor.continue();
    }

    const meta = db.createObjectStore('meta');
    const last = await tx.objectStore('audit').openCursor(null, 'prev');
    await meta.put(last ? { seq: last.value.seq, hash: last.value.hash } : EMPTY_HEAD, AUDIT_HEAD_KEY);
  },
};

export async function migrate(db: IDBPDatabase<KaoheDB>, oldVersion: number, newVersion: number, tx: UpgradeTransaction): Promise<void> {
  for (let version = oldVersion + 1; version <= newVersion; version += 1) {
    const step = migrations[version];
    if (!step) throw new Error(`No migration leads to database version ${version}.`);
    await step(db, tx);
  }
}
