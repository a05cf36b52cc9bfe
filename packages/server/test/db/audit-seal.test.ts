// The audit log's HMAC seal: someone who can write to the database but has not the audit key can
// recompute every SHA-256 of the chain, and is still caught at the first event they touched.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hashAuditEvent, verifyAuditChain } from '@kaohe/store';
import type { AuditEvent } from '@kaohe/workflow';
import { storeWithRevision3 } from '../../../store/test/contract-single.ts';
import { appraisal, auditEntry } from '../../../store/test/fixtures.ts';
import { AuditSealer } from '../../src/db/audit-seal.ts';
import { PgStore } from '../../src/db/pg-store.ts';
import { json, sql } from '../../src/db/sql.ts';
import { type FreshDatabase, databaseTargets } from './databases.ts';
import { type Harness, openHarness } from './harness.ts';

for (const target of databaseTargets()) {
  describe(`the sealed audit log on ${target.kind}`, () => {
    let fresh: FreshDatabase;
    let harness: Harness;
    before(async () => {
      fresh = await target.create();
      harness = await openHarness(fresh);
    });
    after(async () => {
      await harness?.close();
      await fresh?.drop();
    });

    /** What an editor without the key does: change event 2's actor and recompute its hash and every link after it, head included. */
    async function rewriteHistory(): Promise<AuditEvent[]> {
      const events = (await harness.db.query<{ event: AuditEvent }>(sql`select event from audit order by seq`)).map((row) => row.event);
      let prevHash = events[0]!.hash;
      const forged: AuditEvent[] = [events[0]!];
      for (const event of events.slice(1)) {
        const changed = { ...event, prevHash, ...(event.seq === 2 ? { actor: 'SOMEONE-ELSE' } : {}) };
        changed.hash = await hashAuditEvent(changed);
        forged.push(changed);
        prevHash = changed.hash;
        await harness.db.query(sql`update audit set event = ${json(changed)}::jsonb, prev_hash = ${changed.prevHash}, hash = ${changed.hash} where seq = ${changed.seq}`);
      }
      await harness.db.query(sql`update audit_head set seq = ${forged.length}, hash = ${prevHash}`);
      return forged;
    }

    test('a chain rewritten and re-hashed without the key passes the plain hash check, but the seal names event 2', async () => {
      const store = await storeWithRevision3(await harness.emptyStore());
      assert.deepEqual(await store.verifyAudit(), { ok: true, count: 3 });
      const forged = await rewriteHistory();
      // The forgery is good enough for the hash chain alone …
      assert.deepEqual(await verifyAuditChain(forged, { seq: 3, hash: forged[2]!.hash }), { ok: true, count: 3 });
      assert.equal((await store.listAudit())[1]?.actor, 'SOMEONE-ELSE');
      // … not for the seal: event 1 still holds, event 2 is the first one touched.
      const verification = await store.verifyAudit();
      assert.equal(verification.ok, false);
      assert.equal(verification.ok === false && verification.brokenAt, 2);
      assert.match(verification.ok === false ? verification.reason : '', /Audit event 2 does not carry this server's seal/);
      const exported = JSON.parse(await store.exportAudit()) as { verification: unknown };
      assert.deepEqual(exported.verification, verification);
    });

    test('the last event removed and the head moved back to the one before it: caught by the head\'s seal', async () => {
      const store = await storeWithRevision3(await harness.emptyStore());
      const [, second] = await store.listAudit();
      await harness.db.query(sql`delete from audit where seq = 3`);
      await harness.db.query(sql`update audit_head set seq = 2, hash = ${second!.hash}`);
      const verification = await store.verifyAudit();
      assert.equal(verification.ok === false && verification.brokenAt, 2);
      assert.match(verification.ok === false ? verification.reason : '', /recorded end \(event 2\) does not carry this server's seal/);
    });

    test('the same log read with another key fails at its first event: seals are bound to the key', async () => {
      await storeWithRevision3(await harness.emptyStore());
      const other = new PgStore(harness.db, new AuditSealer('another-key-of-at-least-thirty-two-bytes!!'), harness.hub);
      const verification = await other.verifyAudit();
      assert.equal(verification.ok === false && verification.brokenAt, 1);
      await other.close();
    });

    test('appends racing from several stores on one database chain one after the other, every event sealed', async () => {
      const first = await harness.emptyStore();
      const second = new PgStore(harness.db, harness.sealer, harness.hub);
      // 2 stores × 10 new appraisals with 2 events each = 40 events, seq 1 … 40 without a gap.
      await Promise.all(Array.from({ length: 20 }, (_, index) => {
        const record = appraisal({ id: `2026-10:E${2000 + index}` });
        return (index % 2 === 0 ? first : second).putAppraisal(record, { expectedRevision: 0, audit: [auditEntry(record.id, 'open'), auditEntry(record.id, 'assign')] });
      }));
      const log = await first.listAudit();
      assert.deepEqual(log.map((event) => event.seq), Array.from({ length: 40 }, (_, index) => index + 1));
      assert.deepEqual(await second.verifyAudit(), { ok: true, count: 40 });
      assert.deepEqual(await first.auditHead(), { seq: 40, hash: log[39]!.hash });
      await second.close();
    });
  });
}
