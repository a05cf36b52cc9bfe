// One request to the Kaohe server: the base address the host configured, the person's JWT from the
// host's token callback in the Authorization header (no cookies: the server takes no other credential),
// JSON in and out. A 401 asks the callback again, marked as a refresh, and retries once: a token that
// expired between two requests costs the person nothing. A server that cannot be reached is told
// apart from a server that answered no (KaoheOfflineError vs. a problem body), because the outbox
// keeps the first and shows the second.

/** Why the token is asked for: `request` before each request, `refresh` after the server answered 401. */
export interface TokenRequest {
  reason: 'request' | 'refresh';
}

/** The host's token callback: a fresh JWT for the signed-in person (the intranet's backend signs it). */
export type TokenSource = (request: TokenRequest) => string | Promise<string>;

export interface TransportOptions {
  /** where the server's `/api/v1` lives, absolute or relative to the page (`/kaohe-api`) */
  server: string;
  token: TokenSource;
  /** default the page's fetch */
  fetch?: typeof fetch;
}

/** The server could not be reached (no network, the server down, a gateway answering 502/503/504 without a problem body). */
export class KaoheOfflineError extends Error {
  override readonly name = 'KaoheOfflineError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** An RFC 9457 problem as the server sends it. */
export interface ProblemBody {
  status: number;
  title?: string;
  detail?: string;
  code?: string;
  problems?: Array<{ path: string; rule: string; message: string }>;
  /** with a 409 on an action: the appraisal as the caller may see it now */
  current?: unknown;
}

export interface Answer {
  status: number;
  /** the parsed JSON body (a problem when status ≥ 400), or the text of a non-JSON body, or undefined when empty */
  body: unknown;
  headers: Headers;
}

export const API_PATH = '/api/v1';

/** The API's base: `server` without a trailing slash, then /api/v1. */
export function apiBase(server: string): string {
  return `${server.replace(/\/+$/, '')}${API_PATH}`;
}

export class Transport {
  readonly base: string;
  readonly #token: TokenSource;
  readonly #fetch: typeof fetch;

  constructor(options: TransportOptions) {
    this.base = apiBase(options.server);
    this.#token = options.token;
    // bound: a detached `fetch` throws "Illegal invocation" in browsers
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** The headers of a request with the person's token. */
  async authorization(reason: TokenRequest['reason']): Promise<Record<string, string>> {
    const token = await this.#token({ reason });
    if (typeof token !== 'string' || token === '') throw new Error('Kaohe: the token callback gave no token (configure({ token }) must return the JWT as a string).');
    return { authorization: `Bearer ${token}` };
  }

  /**
   * Sends one request; answers whatever status the server gave (the caller maps problems), after at
   * most one retry on 401. Throws KaoheOfflineError when the server was not reached.
   */
  async request(method: string, path: string, options: { body?: unknown; signal?: AbortSignal; accept?: string } = {}): Promise<Answer> {
    let answer = await this.#send(method, path, options, 'request');
    if (answer.status === 401) answer = await this.#send(method, path, options, 'refresh');
    return answer;
  }

  /** The raw response of a request (the event stream reads its body itself); 401 retried once; offline thrown. */
  async open(path: string, options: { signal?: AbortSignal; accept?: string } = {}): Promise<Response> {
    let response = await this.#fetchOnce('GET', path, options, 'request');
    if (response.status === 401) {
      await response.body?.cancel();
      response = await this.#fetchOnce('GET', path, options, 'refresh');
    }
    return response;
  }

  async #fetchOnce(method: string, path: string, options: { body?: unknown; signal?: AbortSignal; accept?: string }, reason: TokenRequest['reason']): Promise<Response> {
    const headers: Record<string, string> = { accept: options.accept ?? 'application/json', ...await this.authorization(reason) };
    const init: RequestInit = { method, headers, cache: 'no-store' };
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    if (options.signal) init.signal = options.signal;
    let response: Response;
    try {
      response = await this.#fetch(`${this.base}${path}`, init);
    } catch (error) {
      // An abort is the caller's own doing, not the network's.
      if (options.signal?.aborted) throw error;
      throw new KaoheOfflineError(`The Kaohe server at ${this.base} cannot be reached.`, { cause: error });
    }
    // A proxy in front of a stopped server answers 502/504 (503 without a problem body): the server was not reached.
    if ((response.status === 502 || response.status === 503 || response.status === 504) && !isProblem(response)) {
      await response.body?.cancel();
      throw new KaoheOfflineError(`The Kaohe server at ${this.base} does not answer (HTTP ${response.status}).`);
    }
    return response;
  }

  async #send(method: string, path: string, options: { body?: unknown; signal?: AbortSignal; accept?: string }, reason: TokenRequest['reason']): Promise<Answer> {
    const response = await this.#fetchOnce(method, path, options, reason);
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new KaoheOfflineError(`The Kaohe server at ${this.base} broke off its answer.`, { cause: error });
    }
    const type = response.headers.get('content-type') ?? '';
    const body = text === '' ? undefined : /json/.test(type) ? JSON.parse(text) as unknown : text;
    return { status: response.status, body, headers: response.headers };
  }
}

function isProblem(response: Response): boolean {
  return (response.headers.get('content-type') ?? '').includes('problem+json');
}
