// Benchmark, not a test: one request at a time, in-process (Fastify's inject), on a fresh PostgreSQL
// database, for the HTTP benchmark's company: opening the month, then tasks pages and audited actions.
// For a CPU profile of the server's own work, without a load generator sharing the cores:
//   KAOHE_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx packages/server/bench/tasks-inprocess.ts
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { postgresTarget } from '../test/db/databases.ts';
import { bearer, openTestDatabase, service, testApp, tokenFor } from '../test/http/support.ts';
import { company, PERIOD } from './company.ts';

const url = process.env['KAOHE_BENCH_DATABASE_URL'];
if (!url) throw new Error('KAOHE_BENCH_DATABASE_URL names the PostgreSQL server to create a database on');
const rounds = Number(process.env['ROUNDS'] ?? 400);
console.log(`load average before: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
const db = await openTestDatabase(postgresTarget(url));
const app = await testApp(db, { rateLimit: { max: 1_000_000, windowMs: 60_000 } });
try {
  const people = company();
  await app.inject({ method: 'PUT', url: '/api/v1/directory', headers: service, payload: { people } });
  let started = performance.now();
  const opened = await app.inject({ method: 'POST', url: `/api/v1/periods/${PERIOD}/open`, headers: service });
  console.log(`open the month: ${opened.json<{ opened: string[] }>().opened.length} appraisals in ${Math.round(performance.now() - started)} ms`);
  const rms = people.filter((person) => person.roles.includes('regionalManager')).map((person) => person.id);
  const tokens = await Promise.all(rms.map((id) => tokenFor(id, { exp: '1h' })));
  const page = (i: number) => app.inject({ method: 'GET', url: '/api/v1/tasks', headers: bearer(tokens[i % rms.length] as string) });
  started = performance.now();
  for (let i = 0; i < rms.length; i++) await page(i);
  console.log(`first tasks page of each regional manager (views built): ${((performance.now() - started) / rms.length).toFixed(2)} ms each`);
  started = performance.now();
  let bytes = 0;
  for (let i = 0; i < rounds; i++) bytes += (await page(i)).body.length;
  console.log(`tasks pages read again: ${((performance.now() - started) / rounds).toFixed(2)} ms each (${Math.round(bytes / rounds / 1024)} KB a page)`);
  started = performance.now();
  const writes = Math.min(Number(process.env['WRITES'] ?? rounds), 2000);
  for (let i = 0; i < writes; i++) {
    const id = `${PERIOD}:S${String(i).padStart(4, '0')}`;
    const answer = await app.inject({
      method: 'POST', url: `/api/v1/appraisals/${id}/actions`, headers: bearer(tokens[Math.floor(i / 50)] as string),
      payload: { action: { type: 'draft.save', comment: 'bench' }, expectedRevision: 1 },
    });
    if (answer.statusCode !== 200) throw new Error(`${answer.statusCode} ${answer.body}`);
  }
  console.log(`audited actions one at a time: ${((performance.now() - started) / writes).toFixed(2)} ms each`);
} finally {
  await app.close();
  await db.close();
}
console.log(`load average after: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
