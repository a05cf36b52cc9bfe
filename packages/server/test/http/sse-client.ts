// A minimal Server-Sent Events reader over node:http, as a browser's EventSource (or fetch) reads the
// stream: it collects events and comments, and lets a test wait for the next event that matches.
import { request } from 'node:http';

export interface SseEvent {
  event: string;
  data: string;
}

export interface SseStream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  events: SseEvent[];
  comments: string[];
  /** resolves when the server ends the stream */
  ended: Promise<void>;
  next(match: (event: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
}

export function openSse(url: string, headers: Record<string, string>): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      const events: SseEvent[] = [];
      const comments: string[] = [];
      const waiters: Array<{ match: (event: SseEvent) => boolean; resolve: (event: SseEvent) => void; from: number }> = [];
      let buffer = '';
      let endResolve: () => void = () => {};
      const ended = new Promise<void>((done) => { endResolve = done; });
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let split;
        while ((split = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length > 0) {
            const parsed = { event, data: data.join('\n') };
            events.push(parsed);
            for (const waiter of [...waiters]) {
              if (waiter.match(parsed)) {
                waiters.splice(waiters.indexOf(waiter), 1);
                waiter.resolve(parsed);
              }
            }
          }
        }
      });
      res.on('end', () => endResolve());
      res.on('close', () => endResolve());
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        comments,
        ended,
        next(match, timeoutMs = 5_000) {
          return new Promise((found, fail) => {
            const timer = setTimeout(() => fail(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`)), timeoutMs);
            waiters.push({ match, resolve: (event) => { clearTimeout(timer); found(event); }, from: events.length });
          });
        },
        close() {
          req.destroy();
        },
      });
    });
    req.on('error', reject);
    req.end();
  });
}
