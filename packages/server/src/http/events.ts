// Live notices over Server-Sent Events. One database subscription per server instance (LISTEN, which
// also hears every other instance's commits) fans out to this instance's open streams; each notice is
// passed to a stream only when the service's rule says the person hears of it (the rule `subscribe`
// tells by: an appraisal's change to the audience its writer named, those who could read it before or
// may read it after), asked per stream and in order. The rule reads the notice alone, so any instance's
// stream, opened whenever, tells the same as any other's.
import type { ServerResponse } from 'node:http';
import type { KaoheDatabase, Notice } from '../db/index.ts';

/**
 * What a stream sends: ids and revisions only, never a score, a name, a comment or an audience. An
 * appraisal's notice without a revision tells that it is gone from the person's sight.
 */
export type VisibleNotice =
  | { type: 'appraisal'; id: string; revision?: number }
  | Exclude<Notice, { type: 'appraisal' }>;

/** Whether and what of a notice a person hears (undefined: nothing); it keeps nothing between notices. */
export type NoticeFilter = (personId: string, notice: Notice) => Promise<VisibleNotice | undefined>;

interface Stream {
  personId: string;
  response: ServerResponse;
  /** notices are filtered and written one after another, so a stream never reorders them */
  queue: Promise<void>;
}

export interface EventStreamsOptions {
  /** a comment line this often keeps proxies from closing an idle stream (default 15 s) */
  heartbeatMs?: number;
  onError?: (error: unknown) => void;
}

export class EventStreams {
  readonly #streams = new Set<Stream>();
  readonly #filter: NoticeFilter;
  readonly #heartbeatMs: number;
  readonly #onError: (error: unknown) => void;
  #unsubscribe: (() => void) | undefined;
  #heartbeat: NodeJS.Timeout | undefined;

  constructor(filter: NoticeFilter, options: EventStreamsOptions = {}) {
    this.#filter = filter;
    this.#heartbeatMs = options.heartbeatMs ?? 15_000;
    this.#onError = options.onError ?? (() => {});
  }

  /** Starts hearing the database; resolves once LISTEN is in place, so a write after it is never missed. */
  async start(db: KaoheDatabase): Promise<void> {
    this.#unsubscribe = await db.notices.subscribe((notice) => this.#dispatch(notice));
    this.#heartbeat = setInterval(() => {
      for (const stream of this.#streams) stream.response.write(': heartbeat\n\n');
    }, this.#heartbeatMs);
    this.#heartbeat.unref();
  }

  get size(): number {
    return this.#streams.size;
  }

  /** Takes over a response for the stream; it ends when the client goes or `close` is called. */
  open(response: ServerResponse, personId: string): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // nginx and similar proxies would otherwise buffer the stream
      'x-accel-buffering': 'no',
    });
    // `retry` tells EventSource how long to wait before reconnecting after the server went away.
    response.write('retry: 3000\n: connected\n\n');
    const stream: Stream = { personId, response, queue: Promise.resolve() };
    this.#streams.add(stream);
    response.on('close', () => {
      this.#streams.delete(stream);
    });
  }

  #dispatch(notice: Notice): void {
    for (const stream of this.#streams) {
      stream.queue = stream.queue.then(async () => {
        const visible = await this.#filter(stream.personId, notice);
        if (visible && !stream.response.writableEnded) {
          stream.response.write(`event: ${visible.type}\ndata: ${JSON.stringify(visible)}\n\n`);
        }
      }).catch(this.#onError);
    }
  }

  /** Stops hearing the database and ends every stream cleanly (the client sees the end, then reconnects elsewhere after `retry`). */
  async close(): Promise<void> {
    clearInterval(this.#heartbeat);
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    const ending = [...this.#streams].map((stream) => stream.queue.then(() => new Promise<void>((resolve) => {
      if (stream.response.writableEnded) resolve();
      else stream.response.end(resolve);
    })));
    this.#streams.clear();
    await Promise.all(ending);
  }
}
