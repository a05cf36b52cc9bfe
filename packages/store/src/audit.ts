// The append-only audit log is a hash chain: each event's hash covers its own content and the hash
// of the event before it, so changing, removing or moving any event breaks every link after it.
import type { AuditEvent } from '@kaohe/workflow';
import type { AuditEntry, AuditVerification } from './types.ts';
import { canonicalJson, toJson } from './json.ts';

/** The prevHash of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The last event of the log, kept beside it so a log cut short at the end is noticed too. */
export interface AuditHead {
  seq: number;
  hash: string;
}

export const EMPTY_HEAD: AuditHead = { seq: 0, hash: GENESIS_HASH };

/** SHA-256 (Web Crypto, in browsers and Node 20) over the canonical JSON of the event without its hash. */
export async function hashAuditEvent(event: Omit<AuditEvent, 'hash'>): Promise<string> {
  const { hash: _ignored, ...unhashed } = event as AuditEvent;
  const bytes = new TextEncoder().encode(canonicalJson(unhashed));
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Numbers and chains the caller's entries after `head`. */
export async function sealAuditEvents(head: AuditHead, entries: readonly AuditEntry[]): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  let prevHash = head.hash;
  let seq = head.seq;
  for (const entry of entries) {
    seq += 1;
    const unhashed = { ...toJson(entry), seq, prevHash };
    const hash = await hashAuditEvent(unhashed);
    events.push({ ...unhashed, hash });
    prevHash = hash;
  }
  return events;
}

export function headAfter(head: AuditHead, events: readonly AuditEvent[]): AuditHead {
  const last = events[events.length - 1];
  return last ? { seq: last.seq, hash: last.hash } : head;
}

/**
 * Walks the log in the order given and names the first event that does not hold.
 * `head` is the stored head; without it a log cut short at the end cannot be told from a short log.
 */
export async function verifyAuditChain(events: readonly AuditEvent[], head?: AuditHead): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let expected = 1;
  for (const event of events) {
    if (event.seq !== expected) {
      return event.seq > expected
        ? { ok: false, brokenAt: expected, reason: `Audit event ${expected} is missing: the log jumps from ${expected - 1} to ${event.seq}.` }
        : { ok: false, brokenAt: event.seq, reason: `Audit event ${event.seq} appears out of order, after event ${expected - 1}.` };
    }
    if ((await hashAuditEvent(event)) !== event.hash) {
      return { ok: false, brokenAt: event.seq, reason: `Audit event ${event.seq} no longer matches its hash: it was changed after it was written.` };
    }
    if (event.prevHash !== prevHash) {
      return {
        ok: false,
        brokenAt: event.seq,
        reason: `Audit event ${event.seq} does not follow event ${event.seq - 1}: an event before it was replaced, removed or moved.`,
      };
    }
    prevHash = event.hash;
    expected += 1;
  }
  const last = expected - 1;
  if (head && head.seq > last) {
    return { ok: false, brokenAt: last + 1, reason: `Audit events ${last + 1} to ${head.seq} were removed from the end of the log.` };
  }
  if (head && (head.seq !== last || head.hash !== prevHash)) {
    return { ok: false, brokenAt: last, reason: `Audit event ${last} is not the event the log last recorded (event ${head.seq}).` };
  }
  return { ok: true, count: last };
}
