// The demo intranet's backend: what a company's own intranet server does around Kaohe, in one Node
// process. It serves the intranet's pages (demo/ and the plugin's bundles, under the strict CSP), signs
// people in (a session cookie of its own, as any intranet has), signs each signed-in person's Kaohe
// token (HS256 with the demo's secret, 5 minutes), and passes /kaohe-api/* to the Kaohe server it
// started in the same process — the reverse proxy an intranet puts in front of Kaohe, so the page talks
// to one origin (CSP connect-src 'self', no CORS) and the Kaohe server stays exactly as deployed.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import { presetCatalogue, readConfig, startServer as startKaohe, type RunningServer } from '@kaohe/server';
import type { Person } from '@kaohe/workflow';
import { CSP, staticHandler } from '../serve.mjs';
import { DEMO_NOW, TIME_ZONE, buildDirectory, payrollValues } from '../src/seed.ts';
import { demoAssignments, demoChains, seedServer } from './seed-server.ts';
import { signInPage } from './signin-page.ts';

const demoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the Kaohe server is reached from the page: the path the intranet's reverse proxy gives it. */
export const API_PATH = '/kaohe-api';
const SESSION_COOKIE = 'kaohe-demo-session';
/** A person's Kaohe token lives 5 minutes; the page asks for a new one when it is about to end. */
const TOKEN_LIFETIME_S = 300;

export interface IntranetOptions {
  port?: number;
  host?: string;
  /** the demo's data: the Kaohe server's PGlite database and the demo's secrets (default demo/.data) */
  dataDir?: string;
  /** Kaohe server log level (default warn: the demo's console stays readable) */
  logLevel?: string;
  onSeedProgress?: (done: number, total: number) => void;
}

export interface Intranet {
  url: string;
  /** the Kaohe server's own address (behind the proxy) */
  kaoheUrl(): string | undefined;
  /** how many appraisals the first start (or the last reset) wrote */
  seeded: number;
  /** stops the Kaohe server alone: the intranet keeps serving and /kaohe-api answers 503 (offline tests) */
  stopKaohe(): Promise<void>;
  /** starts it again on the same data */
  startKaohe(): Promise<void>;
  close(): Promise<void>;
}

interface Secrets {
  jwtSecret: string;
  serviceToken: string;
  auditKey: string;
}

/** The demo's secrets: from the environment when set, else made once per data directory and kept there (the audit seal must survive a restart). */
function demoSecrets(dataDir: string): Secrets {
  const file = join(dataDir, 'secrets.json');
  const kept = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets> : {};
  const made = (): string => randomBytes(48).toString('base64');
  const secrets: Secrets = {
    jwtSecret: process.env['KAOHE_JWT_SECRET'] ?? kept.jwtSecret ?? made(),
    serviceToken: process.env['KAOHE_SERVICE_TOKEN'] ?? kept.serviceToken ?? made(),
    auditKey: process.env['KAOHE_AUDIT_KEY'] ?? kept.auditKey ?? made(),
  };
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}

export async function startIntranet(options: IntranetOptions = {}): Promise<Intranet> {
  const dataDir = options.dataDir ?? join(demoRoot, '.data');
  mkdirSync(dataDir, { recursive: true });
  const secrets = demoSecrets(dataDir);
  const databaseDir = join(dataDir, 'pglite');
  const directory = buildDirectory();
  const people = new Map<string, Person>(directory.people.map((person) => [person.id, person]));
  const key = new TextEncoder().encode(secrets.jwtSecret);

  /** The backend signs a person's token: `sub` is the directory id the backend sent Kaohe (server README). */
  const tokenFor = (personId: string): Promise<string> => new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(personId)
    .setIssuedAt()
    .setExpirationTime(`${TOKEN_LIFETIME_S}s`)
    .sign(key);

  // The Kaohe server's clock: the demo's October is reviewed in early November (DEMO_NOW), so the demo
  // server's time starts there and runs on; while seeding, each request is judged at the plan's moment.
  const startedAt = Date.now();
  let seedingAt: string | undefined;
  const clock = (): string => seedingAt ?? new Date(Date.parse(DEMO_NOW) + (Date.now() - startedAt)).toISOString();

  let kaohe: RunningServer | undefined;
  let kaoheDown = false;
  const bootKaohe = async (): Promise<RunningServer> => {
    const config = readConfig({ port: '0', host: '127.0.0.1', dataDir: databaseDir }, {
      KAOHE_JWT_SECRET: secrets.jwtSecret,
      KAOHE_SERVICE_TOKEN: secrets.serviceToken,
      KAOHE_AUDIT_KEY: secrets.auditKey,
      // The seed sends a few hundred actions as a handful of people within a minute.
      KAOHE_RATE_LIMIT: '100000',
      KAOHE_LOG_LEVEL: options.logLevel ?? 'warn',
      // The demo's company is in China: its business days are Shanghai's, as the page's are.
      KAOHE_TIME_ZONE: TIME_ZONE,
    });
    const catalogue = {
      ...presetCatalogue(), assignments: demoAssignments, chains: demoChains,
      // The demo's payroll system: each person's pay total, plan completion … (seed.ts), the same figures the
      // single-browser mode uses; the scores a plan reads come from the stored appraisal (the service fills them in).
      payValues: ({ employee, plan }: { employee: string; plan: { inputs?: ReadonlyArray<{ name: string; kind: string }> } }) =>
        payrollValues((plan.inputs ?? []).filter((input) => input.kind !== 'score'), employee, { work: '', monthly: '' }),
    };
    return startKaohe(config, { app: { catalogue, clock } });
  };
  const seed = async (): Promise<number> => {
    const running = kaohe;
    if (!running) throw new Error('the Kaohe server is not running');
    return seedServer({
      url: running.url,
      serviceToken: secrets.serviceToken,
      tokenFor,
      setClock: (at) => { seedingAt = at; },
    }, options.onSeedProgress);
  };

  kaohe = await bootKaohe();
  let seeded = await seed();

  // Sessions of the intranet itself (not Kaohe's): a random id in an HttpOnly, SameSite=Strict cookie.
  const sessions = new Map<string, string>();
  const sessionOf = (request: IncomingMessage): string | undefined => {
    const cookie = request.headers.cookie ?? '';
    const id = cookie.split(/;\s*/).map((part) => part.split('=')).find(([name]) => name === SESSION_COOKIE)?.[1];
    return id ? sessions.get(id) : undefined;
  };

  const files = staticHandler({ routes: [['/kaohe/', join(demoRoot, '..', 'packages', 'embed', 'dist')], ['/', demoRoot]], csp: CSP });
  const baseHeaders = { 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
  const send = (response: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void => {
    response.writeHead(status, { ...baseHeaders, 'Content-Type': type, ...headers });
    response.end(body);
  };
  const json = (response: ServerResponse, status: number, body: unknown): void => send(response, status, 'application/json; charset=utf-8', JSON.stringify(body));
  const redirect = (response: ServerResponse, location: string, headers: Record<string, string> = {}): void => {
    response.writeHead(303, { ...baseHeaders, Location: location, ...headers });
    response.end();
  };
  const readForm = async (request: IncomingMessage): Promise<URLSearchParams> => {
    let body = '';
    for await (const chunk of request) {
      body += String(chunk);
      if (body.length > 4096) break;
    }
    return new URLSearchParams(body);
  };

  /** /kaohe-api/x → the Kaohe server's /x (so /kaohe-api/api/v1/tasks → /api/v1/tasks, as a reverse proxy at a path maps it), streamed both ways (the live notices too); the intranet's cookie stays here. */
  const proxy = (request: IncomingMessage, response: ServerResponse, path: string): void => {
    const target = kaohe;
    if (!target || kaoheDown) {
      // What a reverse proxy answers when its upstream is down; the page's client reads it as offline.
      send(response, 503, 'text/plain; charset=utf-8', 'The Kaohe server is not running.');
      return;
    }
    const { cookie: _cookie, host: _host, ...headers } = request.headers;
    const upstream = httpRequest(`${target.url}${path || '/'}`, { method: request.method, headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => {
      if (!response.headersSent) send(response, 502, 'text/plain; charset=utf-8', 'The Kaohe server did not answer.');
      else response.destroy();
    });
    response.on('close', () => upstream.destroy());
    request.pipe(upstream);
  };

  const indexHtml = async (): Promise<string> => {
    const html = await readFile(join(demoRoot, 'index.html'), 'utf8');
    // The page learns from its own backend where Kaohe is (a meta tag: no inline script under the CSP).
    return html.replace('</head>', `  <meta name="kaohe-server" content="${API_PATH}">\n</head>`);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path === API_PATH || path.startsWith(`${API_PATH}/`)) return proxy(request, response, `${path.slice(API_PATH.length)}${url.search}`);
    const personId = sessionOf(request);

    if (path === '/signin' && request.method === 'GET') {
      return send(response, 200, 'text/html; charset=utf-8', signInPage(directory, personId));
    }
    if (path === '/signin' && request.method === 'POST') {
      const chosen = (await readForm(request)).get('person') ?? '';
      if (!people.has(chosen)) return send(response, 400, 'text/plain; charset=utf-8', `No one with the id "${chosen}" works here.`);
      const id = randomBytes(24).toString('base64url');
      sessions.set(id, chosen);
      return redirect(response, '/', { 'Set-Cookie': `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict` });
    }
    if (path === '/signout' && request.method === 'POST') {
      for (const [id, person] of sessions) if (person === personId) sessions.delete(id);
      return redirect(response, '/signin', { 'Set-Cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0` });
    }
    // The page's token() callback: a fresh Kaohe token for whoever this session signed in, never for anyone else.
    if (path === '/session/kaohe-token' && request.method === 'GET') {
      if (!personId) return json(response, 401, { error: 'not signed in' });
      const person = people.get(personId) as Person;
      return json(response, 200, { token: await tokenFor(personId), expiresIn: TOKEN_LIFETIME_S, person: { id: person.id, name: person.name } });
    }
    // "Reset demo data": a fresh database, the company written again through the Kaohe server's API.
    if (path === '/session/reset-demo' && request.method === 'POST') {
      if (!personId) return json(response, 401, { error: 'not signed in' });
      await stopKaohe();
      rmSync(databaseDir, { recursive: true, force: true });
      await startKaoheAgain();
      seeded = await seed();
      return json(response, 200, { seeded });
    }
    if ((path === '/' || path === '/index.html') && request.method === 'GET' && url.searchParams.get('mode') !== 'local') {
      if (!personId) return redirect(response, '/signin');
      return send(response, 200, 'text/html; charset=utf-8', await indexHtml());
    }
    return files(request, response);
  };

  const stopKaohe = async (): Promise<void> => {
    kaoheDown = true;
    await kaohe?.close();
    kaohe = undefined;
  };
  const startKaoheAgain = async (): Promise<void> => {
    kaohe ??= await bootKaohe();
    kaoheDown = false;
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error(error);
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'Server error');
      else response.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port ?? 0;

  return {
    url: `http://${host}:${port}/`,
    kaoheUrl: () => kaohe?.url,
    get seeded() { return seeded; },
    stopKaohe,
    startKaohe: startKaoheAgain,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stopKaohe();
    },
  };
}
