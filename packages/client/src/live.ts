// The server's live notices (GET /api/v1/events, Server-Sent Events) read with fetch: EventSource
// cannot send the Authorization header the server requires, and a token in the URL would land in
// proxies' logs. The stream's text is parsed by eventsource-parser (a small, well-kept parser of the
// SSE grammar — fields split across chunks, multi-line data, CR/LF variants, comments, `retry`),
// so only the connection's life is ours: connect, read, and when the stream ends or fails, connect
// again after an exponential backoff with jitter (so a restarted server is not hit by every page at
// once). Notices missed while disconnected are not replayed by the server, so every reconnect after
// the first is announced as `resync`: listeners read again what they show.
import { createParser } from 'eventsource-parser';
import { KaoheAuthError } from './problem.ts';
import type { Transport } from './transport.ts';

/**
 * What the server sends: ids and revisions only, never content (packages/server/src/db/notices.ts),
 * marked `origin: 'remote'` so an element can take them where it takes the store's changes (StoreChange).
 * An appraisal's notice without a revision: it changed and the person may no longer read it (a list drops it).
 */
export type LiveNotice =
  | { type: 'appraisal'; id: string; revision?: number; origin: 'remote' }
  | { type: 'draft'; appraisalId: string; userId: string; origin: 'remote' }
  | { type: 'rubric'; id: string; version: number; origin: 'remote' }
  | { type: 'directory' }
  /** the stream was re-opened after a break: whatever changed meanwhile was not heard */
  | { type: 'resync' };

export type LiveState = 'connecting' | 'open' | 'offline';

export interface LiveOptions {
  transport: Transport;
  onNotice: (notice: LiveNotice) => void;
  onState?: (state: LiveState) => void;
  /** the first wait before reconnecting; default the server's `retry` (3 s), else 1 s */
  initialDelayMs?: number;
  /** the longest wait between attempts (default 30 s) */
  maxDelayMs?: number;
  /** [0, 1), for the jitter; tests pass a fixed one */
  random?: () => number;
}

const NOTICE_TYPES = new Set(['appraisal', 'draft', 'rubric', 'directory']);

/**
 * The delay before attempt `attempt` (0-based): base × 2^attempt, capped, then "equal jitter" — half
 * of it fixed, half random — so waits still grow but pages that lost the same server spread out.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

export class LiveNotices {
  readonly #options: LiveOptions;
  #state: LiveState = 'connecting';
  #abort: AbortController | undefined;
  #running = false;
  #serverRetryMs: number | undefined;
  #wake: (() => void) | undefined;
  /** how many times the stream has been open; after the first, an open is a resync */
  #opened = 0;
  /** a stop and a start in quick succession must not leave two loops running: each loop checks it is still the current one */
  #generation = 0;

  constructor(options: LiveOptions) {
    this.#options = options;
  }

  get state(): LiveState {
    return this.#state;
  }

  /** Connects, and keeps connecting until `stop`. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    void this.#loop(++this.#generation);
  }

  stop(): void {
    this.#running = false;
    this.#generation++;
    this.#abort?.abort();
    this.#wake?.();
  }

  /** Tries at once instead of waiting out the backoff (the page came back online). */
  retryNow(): void {
    this.#wake?.();
  }

  #setState(state: LiveState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#options.onState?.(state);
  }

  async #loop(generation: number): Promise<void> {
    let attempt = 0;
    const current = () => this.#running && generation === this.#generation;
    while (current()) {
      const opened = await this.#connect();
      if (!current()) break;
      if (opened) attempt = 0;
      this.#setState('offline');
      const base = this.#options.initialDelayMs ?? this.#serverRetryMs ?? 1_000;
      const delay = backoffDelay(attempt, base, this.#options.maxDelayMs ?? 30_000, (this.#options.random ?? Math.random)());
      attempt++;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.#wake = () => { clearTimeout(timer); resolve(); };
      });
      this.#wake = undefined;
      if (current()) this.#setState('connecting');
    }
  }

  /** One connection, read to its end. Resolves whether it had opened (which resets the backoff). */
  async #connect(): Promise<boolean> {
    const abort = new AbortController();
    this.#abort = abort;
    let response: Response;
    try {
      response = await this.#options.transport.open('/events', { signal: abort.signal, accept: 'text/event-stream' });
    } catch {
      return false;
    }
    if (!response.ok || !response.body || !(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
      await response.body?.cancel().catch(() => {});
      // A token the server refuses even fresh is the host's to fix; keep trying at the backoff's pace meanwhile.
      if (response.status === 401) console.warn(new KaoheAuthError(401, 'Kaohe: the server refused the token for the live notices; retrying with backoff.').message);
      return false;
    }
    const parser = createParser({
      onEvent: (message) => {
        if (message.event === undefined || !NOTICE_TYPES.has(message.event)) return;
        let notice: LiveNotice;
        try {
          notice = JSON.parse(message.data) as LiveNotice;
        } catch {
          return;
        }
        if (notice.type === message.event) this.#options.onNotice({ ...notice, origin: 'remote' } as LiveNotice);
      },
      onRetry: (ms) => { this.#serverRetryMs = ms; },
    });
    this.#setState('open');
    if (this.#opened++ > 0) this.#options.onNotice({ type: 'resync' });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(value);
      }
    } catch {
      // the connection broke (server gone, network lost, or stop()): reconnect decides
    } finally {
      reader.releaseLock();
    }
    return true;
  }
}
