// The audit log's seal: HMAC-SHA256 under the server's audit key (KAOHE_AUDIT_KEY). The hash chain
// shows that history was changed only to someone who recomputes nothing; whoever can write to the
// database can recompute SHA-256 for every event after the one they changed. Without the key they
// cannot recompute the seals, so verification still names the first event they touched.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditHead } from '@kaohe/store';
import type { AuditEvent } from '@kaohe/workflow';

/** Shorter keys can be guessed offline from a copy of the database; 32 bytes is HMAC-SHA256's block-safe minimum. */
export const MIN_AUDIT_KEY_BYTES = 32;

export class AuditSealer {
  readonly #key: Buffer;

  constructor(key: string) {
    if (typeof key !== 'string' || Buffer.byteLength(key, 'utf8') < MIN_AUDIT_KEY_BYTES) {
      throw new TypeError(`The audit key (KAOHE_AUDIT_KEY) must be at least ${MIN_AUDIT_KEY_BYTES} bytes; ` +
        `got ${typeof key === 'string' ? Buffer.byteLength(key, 'utf8') : 0}. Generate one with: openssl rand -base64 48`);
    }
    this.#key = Buffer.from(key, 'utf8');
  }

  /** Seals one event through its hash, which covers its content, its seq and the hash before it. */
  event(event: Pick<AuditEvent, 'seq' | 'hash'>): string {
    // Distinct prefixes keep an event's seal from ever being valid as a head's, and the reverse.
    return this.#mac(`kaohe-audit-event\n${event.seq}\n${event.hash}`);
  }

  head(head: AuditHead): string {
    return this.#mac(`kaohe-audit-head\n${head.seq}\n${head.hash}`);
  }

  eventHolds(event: Pick<AuditEvent, 'seq' | 'hash'>, seal: string): boolean {
    return same(this.event(event), seal);
  }

  headHolds(head: AuditHead, seal: string): boolean {
    return same(this.head(head), seal);
  }

  #mac(text: string): string {
    return createHmac('sha256', this.#key).update(text, 'utf8').digest('hex');
  }
}

function same(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(actual, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
