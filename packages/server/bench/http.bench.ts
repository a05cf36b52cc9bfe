// Benchmark, not a test: the server under load from a second process, on loopback only.
//   node --import tsx packages/server/bench/http.bench.ts            # PGlite, and PostgreSQL when
//   KAOHE_BENCH_DATABASE_URL=postgres://127.0.0.1:5432/test …        # this names a server to use
//   KAOHE_BENCH_ONLY=postgresql …                                     # one engine only (pglite or postgresql)
//   KAOHE_BENCH_SERVE_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' …  # flags for the server's node (a CPU profile of it)
// `kaohe serve` runs as a child process (the server as an operator runs it); this process is the load
// generator (autocannon). A company of 40 regional managers × 50 salespeople (2,040 appraisals) is
// loaded, then four bounded runs, each 10 s with 20 connections:
//   - the floor: GET /api/v1/health (one request, one query, no token), what this machine gives now
//   - tasks pages: each regional manager's GET /api/v1/tasks (their 50 salespeople, one page)
//   - audited actions: POST …/actions `draft.save` by each appraisal's regional manager, each request on
//     an appraisal no other request has in flight, at the revision its last answer gave, so every write
//     is an accepted, audited one (a 409 would be a bug)
//   - both at once, 10 connections each: the tasks pages are remade as the writes change their records
//     (a page is kept only while none of its records changed), so reads are not served from kept pages alone
// Afterwards it checks that nothing was lost: the audit log verifies and gained at least one event per
// 200. It prints figures and asserts nothing else.
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import postgres from 'postgres';
import { pgliteTarget } from '../test/db/databases.ts';
import { startServe } from '../test/http/serve-process.ts';
import { bearer, service, tokenFor } from '../test/http/support.ts';
import { company, PERIOD } from './company.ts';

const DURATION_S = 10;
const CONNECTIONS = 20;

interface Figures {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

function figures(result: autocannon.Result): Figures {
  return {
    requests: result.requests.total,
    perSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function run(kind: string, database: { dataDir: string } | { databaseUrl: string }): Promise<void> {
  const server = await startServe(database, {}, (process.env['KAOHE_BENCH_SERVE_NODE_ARGS'] ?? '').split(' ').filter(Boolean));
  try {
    const people = company();
    const call = (path: string, init: RequestInit & { headers: Record<string, string> }) =>
      fetch(`${server.api}${path}`, { ...init, headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers } });
    const put = await call('/directory', { method: 'PUT', headers: service, body: JSON.stringify({ people }) });
    if (put.status !== 200) throw new Error(`directory: ${put.status} ${await put.text()}`);
    const opening = Date.now();
    const opened = await call(`/periods/${PERIOD}/open`, { method: 'POST', headers: service });
    if (opened.status !== 200) throw new Error(`open: ${opened.status} ${await opened.text()}`);
    const openedCount = (await opened.json() as { opened: string[] }).opened.length;
    const openMs = Date.now() - opening;

    const rms = people.filter((person) => person.roles.includes('regionalManager')).map((person) => person.id);
    const tokens = new Map(await Promise.all(rms.map(async (id) => [id, (await tokenFor(id, { exp: '1h' }))] as const)));

    // the floor on this machine as it is now: GET /health, one request and one query, no token, no JSON to speak of
    const health = figures(await autocannon({ url: `${server.api}/health`, connections: CONNECTIONS, duration: DURATION_S }));

    // tasks pages: the connections take the regional managers in turn
    let next = 0;
    const readRun = (connections: number) => autocannon({
      url: `${server.api}/tasks`,
      connections,
      duration: DURATION_S,
      requests: [{
        method: 'GET',
        setupRequest: (request) => ({ ...request, headers: { ...request.headers, ...bearer(tokens.get(rms[next++ % rms.length] as string) as string) } }),
      }],
    });
    const reads = figures(await readRun(CONNECTIONS));

    // audited actions: each request takes an appraisal no other request has in flight, at the revision its
    // last answer gave (autocannon resets a connection's context after every request, so the pool is shared)
    const auditBefore = await verify(server.api);
    const refusals = new Map<string, number>();
    let accepted = 0;
    const salespeople = people.filter((person) => person.roles.includes('salesperson'));
    const free = salespeople.map((person) => `${PERIOD}:${person.id}`);
    const assessor = new Map(salespeople.map((person) => [`${PERIOD}:${person.id}`, person.managerId as string]));
    const revisions = new Map(free.map((id) => [id, 1]));
    const writeRun = (connections: number) => autocannon({
      url: server.api,
      connections,
      duration: DURATION_S,
      requests: [{
        method: 'POST',
        setupRequest: (request) => {
          const id = free.shift() as string;
          return {
            ...request,
            path: `/api/v1/appraisals/${id}/actions`,
            headers: { ...request.headers, ...bearer(tokens.get(assessor.get(id) as string) as string), 'content-type': 'application/json' },
            body: JSON.stringify({ action: { type: 'draft.save', comment: 'bench' }, expectedRevision: revisions.get(id) }),
          };
        },
        onResponse: (status, body) => {
          const answer = JSON.parse(body) as { revision?: number; appraisal?: { id: string }; code?: string; current?: { id: string; revision: number } };
          if (status === 200) accepted++;
          else refusals.set(`${status} ${answer.code}`, (refusals.get(`${status} ${answer.code}`) ?? 0) + 1);
          const id = answer.appraisal?.id ?? answer.current?.id;
          if (id === undefined) return;
          revisions.set(id, answer.revision ?? answer.current?.revision ?? 1);
          free.push(id);
        },
      }],
    });
    const writes = figures(await writeRun(CONNECTIONS));
    // both at once, half the connections each: the pages read are remade as the writes change their records
    const [mixedReadRun, mixedWriteRun] = await Promise.all([readRun(CONNECTIONS / 2), writeRun(CONNECTIONS / 2)]);
    const mixedReads = figures(mixedReadRun);
    const mixedWrites = figures(mixedWriteRun);
    // autocannon stops with up to one request per connection in flight: the server finishes those, unanswered
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const auditAfter = await verify(server.api);
    const added = auditAfter.count - auditBefore.count;

    console.log(`\n${kind}: ${people.length} people, ${openedCount} appraisals opened in one transaction in ${openMs} ms`);
    console.log(`  health (the floor: one query, no token): ${health.perSecond}/s, p50 ${health.p50} ms, p99 ${health.p99} ms (${health.non2xx} non-2xx, ${health.errors} errors)`);
    console.log(`  tasks pages (50 appraisals each): ${reads.perSecond}/s, p50 ${reads.p50} ms, p99 ${reads.p99} ms (${reads.requests} pages, ${reads.non2xx} non-2xx, ${reads.errors} errors)`);
    console.log(`  audited actions: ${writes.perSecond}/s, p50 ${writes.p50} ms, p99 ${writes.p99} ms (${writes.requests} writes, ${writes.non2xx} non-2xx, ${writes.errors} errors)`);
    console.log(`  both at once (${CONNECTIONS / 2} connections each): tasks pages ${mixedReads.perSecond}/s, p50 ${mixedReads.p50} ms, p99 ${mixedReads.p99} ms; ` +
      `audited actions ${mixedWrites.perSecond}/s, p50 ${mixedWrites.p50} ms, p99 ${mixedWrites.p99} ms (${mixedReads.non2xx + mixedWrites.non2xx} non-2xx, ${mixedReads.errors + mixedWrites.errors} errors)`);
    if (refusals.size > 0) console.log(`  refused writes: ${[...refusals].map(([what, count]) => `${count} × ${what}`).join(', ')}`);
    console.log(`  audit log: verifies ${auditAfter.ok}; ${added} events added for ${accepted} answered 200 ` +
      `(${added - accepted} more: writes in flight when a run stopped, at most ${CONNECTIONS} + ${CONNECTIONS / 2}; fewer would be a lost write)`);
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

async function verify(api: string): Promise<{ ok: boolean; count: number }> {
  const response = await fetch(`${api}/audit/verify`, { headers: bearer(await tokenFor('H1')) });
  return response.json() as Promise<{ ok: boolean; count: number }>;
}

console.log(`load average before: ${loadavg().map((n) => n.toFixed(2)).join(' ')}; ${CONNECTIONS} connections, ${DURATION_S} s per run, loopback`);
// KAOHE_BENCH_ONLY=postgresql (or pglite) runs one engine only
const only = process.env['KAOHE_BENCH_ONLY'];
// PGlite in a copy of an empty data directory (initdb once per machine, as the tests do)
if (only === undefined || only === 'pglite') {
  const pglite = await pgliteTarget.create();
  try {
    await run('PGlite', pglite.options);
  } finally {
    await pglite.drop();
  }
}
const adminUrl = process.env['KAOHE_BENCH_DATABASE_URL'];
if (adminUrl && (only === undefined || only === 'postgresql')) {
  const name = `kaohe_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    await run('PostgreSQL', { databaseUrl: url.toString() });
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
console.log(`load average after: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
