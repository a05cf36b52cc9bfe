// Benchmark, not a test: HR's first page of tasks from the server when 10,000 appraisals wait for HR.
// A company of 10,000 clerks whose chain's first step is HR's (a chain made for the figure), opened in
// one POST /periods/:period/open; then, as HR through the same HTTP contract the browser uses, the
// count (GET /tasks/count) and the first page (GET /tasks?limit=50): the cold first read, then the
// median of 10. Prints figures and the load average; asserts the page and the count only.
//
//   node --import tsx demo/bench/hr-tasks.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { presetCatalogue, readConfig, startServer } from '@kaohe/server';
import type { Chain, Person } from '@kaohe/workflow';

const CLERKS = 10_000;
const PAGE = 50;
const secret = 'b'.repeat(48);
const serviceToken = 's'.repeat(48);
const dataDir = mkdtempSync(join(tmpdir(), 'kaohe-hr-bench-'));

const label = { 'zh-Hant': '人資評分', 'zh-Hans': '人资评分', en: 'HR scores' };
const chain: Chain = {
  id: 'W-HR-BENCH', label,
  steps: [
    { id: 'score', kind: 'score', actor: { role: 'hr' }, label },
    { id: 'publish', kind: 'publish', actor: { role: 'hr' }, label },
  ],
  appealTo: 'score',
};
const catalogue = { ...presetCatalogue(), assignments: { clerk: { rubric: 'R-SP', chain: chain.id } }, chains: { [chain.id]: chain } };
const config = readConfig({ port: '0', dataDir: join(dataDir, 'pglite') }, {
  KAOHE_JWT_SECRET: secret, KAOHE_SERVICE_TOKEN: serviceToken, KAOHE_AUDIT_KEY: 'a'.repeat(48), KAOHE_LOG_LEVEL: 'warn', KAOHE_RATE_LIMIT: '100000',
});
const server = await startServer(config, { app: { catalogue } });

const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
try {
  const people: Person[] = [{ id: 'H01', name: 'HR', roles: ['hr'] }];
  for (let n = 1; n <= CLERKS; n += 1) people.push({ id: `C${n}`, name: `Clerk ${n}`, roles: ['clerk'], managerId: 'H01' });
  const sendJson = (method: string, path: string, token: string, body?: unknown) => fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  let started = process.hrtime.bigint();
  if ((await sendJson('PUT', '/directory', serviceToken, { people })).status !== 200) throw new Error('directory refused');
  const opened = await sendJson('POST', '/periods/2026-11/open', serviceToken);
  const openedBody = await opened.json() as { opened: string[] };
  if (opened.status !== 200) throw new Error(`opening refused (${opened.status}): ${JSON.stringify(openedBody).slice(0, 600)}`);
  console.log(`opened ${openedBody.opened.length} appraisals in ${(ms(started) / 1000).toFixed(1)} s`);

  const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('H01').setIssuedAt().setExpirationTime('10m').sign(new TextEncoder().encode(secret));
  const read = async (): Promise<{ count: number; items: number; countMs: number; pageMs: number }> => {
    const a = process.hrtime.bigint();
    const count = (await (await sendJson('GET', '/tasks/count', token)).json() as { count: number }).count;
    const countMs = ms(a);
    const b = process.hrtime.bigint();
    const page = await (await sendJson('GET', `/tasks?limit=${PAGE}`, token)).json() as { items: unknown[] };
    return { count, items: page.items.length, countMs, pageMs: ms(b) };
  };
  started = process.hrtime.bigint();
  const cold = await read();
  if (cold.count !== CLERKS || cold.items !== PAGE) throw new Error(`expected ${CLERKS} tasks and a page of ${PAGE}, got ${cold.count} and ${cold.items}`);
  console.log(`cold: count ${cold.countMs.toFixed(0)} ms, first page of ${PAGE} ${cold.pageMs.toFixed(0)} ms`);
  const warm: Array<{ countMs: number; pageMs: number }> = [];
  for (let i = 0; i < 10; i += 1) warm.push(await read());
  const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] as number;
  console.log(`warm median of 10: count ${median(warm.map((w) => w.countMs)).toFixed(0)} ms, first page of ${PAGE} ${median(warm.map((w) => w.pageMs)).toFixed(0)} ms`);
  console.log(`load average ${loadavg().map((value) => value.toFixed(1)).join(' ')} on ${cpus().length} cores`);
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
