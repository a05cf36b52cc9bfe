// Benchmark, not a test: audited writes per second through PgStore, with 1 and with 8 writers at
// once, on PostgreSQL (and PGlite for comparison). Each write is an approval as the service makes
// it: the next revision of one appraisal with one audit event, checked, chained, sealed and
// notified in one transaction. Prints figures; asserts only that nothing was lost.
//
//   node --import tsx packages/server/bench/db.bench.ts            # PostgreSQL at KAOHE_BENCH_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test
//   KAOHE_BENCH_PGLITE=1 node --import tsx packages/server/bench/db.bench.ts   # PGlite too
import { loadavg } from 'node:os';
import type { AppraisalRecord } from '@kaohe/workflow';
import { openDatabase, type KaoheDatabase } from '../src/db/index.ts';
import { type FreshDatabase, pgliteTarget, postgresTarget } from '../test/db/databases.ts';

const SECONDS = Number(process.env['KAOHE_BENCH_SECONDS'] ?? 10);
const APPRAISALS_PER_WRITER = 50;

function record(id: string): AppraisalRecord {
  const [period = '2026-10', employeeId = 'E1'] = id.split(':');
  return {
    id, employeeId, period, rubricId: 'salesperson', rubricVersion: 1, chainId: 'W-SP', status: 'inReview', step: 'vpReview',
    assignees: ['VP-01'], workflow: { comments: [] }, revision: 1, updatedAt: '2026-11-02T09:00:00.000Z', updatedBy: 'RM-NORTH',
    sheet: { rubric: 'salesperson', rubricVersion: 1, employee: employeeId, period, attendance: { absentDays: '1' }, entries: { 'SP-D1': { count: 2 }, 'SP-K1': { value: '0.93', target: '1' } } },
  };
}

interface Run { writes: number; seconds: number; latencies: number[] }

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** `writers` loops, each approving its own appraisals round-robin for SECONDS. */
async function run(database: KaoheDatabase, writers: number, label: string): Promise<Run> {
  const ids = Array.from({ length: writers }, (_, w) => Array.from({ length: APPRAISALS_PER_WRITER }, (_, i) => `2026-10:${label}-W${w}-E${1000 + i}`));
  const current = new Map<string, AppraisalRecord>();
  await database.store.putAppraisals(ids.flat().map((id) => ({ record: record(id), expectedRevision: 0, audit: [{ at: '2026-11-02T09:00:00.000Z', actor: 'HR', appraisalId: id, action: 'open', before: null, after: { status: 'open' } }] })));
  for (const id of ids.flat()) current.set(id, record(id));
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  await Promise.all(ids.map(async (mine) => {
    for (let turn = 0; performance.now() < deadline; turn += 1) {
      const id = mine[turn % mine.length]!;
      const before = current.get(id)!;
      const next = { ...before, revision: before.revision + 1, updatedAt: new Date().toISOString(), updatedBy: 'VP-01' };
      const t0 = performance.now();
      await database.store.putAppraisal(next, {
        expectedRevision: before.revision,
        audit: [{ at: next.updatedAt, actor: 'VP-01', appraisalId: id, action: 'approve', before: { revision: before.revision }, after: { revision: next.revision } }],
      });
      latencies.push(performance.now() - t0);
      current.set(id, next);
    }
  }));
  return { writes: latencies.length, seconds: (performance.now() - started) / 1000, latencies };
}

async function bench(kind: string, fresh: FreshDatabase): Promise<void> {
  const database = await openDatabase(fresh.options);
  try {
    for (const writers of [1, 8]) {
      const result = await run(database, writers, `${kind}-${writers}`);
      const sorted = [...result.latencies].sort((a, b) => a - b);
      console.log(`${kind.padEnd(10)} ${String(writers).padStart(2)} writer(s): ${(result.writes / result.seconds).toFixed(0).padStart(5)} audited writes/s` +
        `  p50 ${percentile(sorted, 50).toFixed(1)} ms  p99 ${percentile(sorted, 99).toFixed(1)} ms  (${result.writes} writes in ${result.seconds.toFixed(1)} s)`);
    }
    const verification = await database.store.verifyAudit();
    const head = await database.store.auditHead();
    if (!verification.ok) throw new Error(`audit broken: ${JSON.stringify(verification)}`);
    console.log(`${kind.padEnd(10)} audit verified: ${verification.count} events, head ${head.seq}; nothing lost`);
  } finally {
    await database.close();
    await fresh.drop();
  }
}

console.log(`load average before: ${loadavg().map((load) => load.toFixed(2)).join(' ')} (${SECONDS} s per run)`);
await bench('postgresql', await postgresTarget(process.env['KAOHE_BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test').create());
if (process.env['KAOHE_BENCH_PGLITE']) await bench('pglite', await pgliteTarget.create());
console.log(`load average after: ${loadavg().map((load) => load.toFixed(2)).join(' ')}`);
