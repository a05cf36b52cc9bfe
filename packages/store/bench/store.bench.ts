// Benchmark, not a test: how IdbStore holds up with a large company's month of appraisals.
// Run in Chromium with `node scripts/bench-browser.mjs packages/store/bench/store.bench.ts`.
import type { AppraisalRecord } from '@kaohe/workflow';
import { IdbStore } from '../src/index.ts';

const APPRAISALS = 10_000;
const REVIEWERS = 40;
const PAGE = 50;
const reviewer = (index: number): string => `R${String(index % REVIEWERS).padStart(2, '0')}`;

function record(index: number): AppraisalRecord {
  const employeeId = `E${String(100_000 + index)}`;
  const period = `2026-${String((index % 12) + 1).padStart(2, '0')}`;
  return {
    id: `${period}:${employeeId}`,
    employeeId,
    period,
    rubricId: 'salesperson',
    rubricVersion: 1,
    chainId: 'W-SP',
    status: 'inReview',
    step: 'vpReview',
    // Each appraisal waits on one reviewer plus HR on every tenth, as a review chain would leave it.
    assignees: index % 10 === 0 ? [reviewer(index), 'HR'] : [reviewer(index)],
    sheet: {
      rubric: 'salesperson', rubricVersion: 1, employee: employeeId, period, attendance: { absentDays: '1' },
      entries: { 'SP-D1': { count: index % 3 }, 'SP-W1': { breached: false }, 'SP-K1': { value: '0.93', target: '1' } },
    },
    workflow: { scoredBy: 'RM-NORTH' },
    revision: 1,
    updatedAt: '2026-11-02T09:00:00.000Z',
    updatedBy: 'RM-NORTH',
  };
}

function line(label: string, ms: number, count?: number): void {
  const rate = count === undefined ? '' : `  (${Math.round(count / (ms / 1000)).toLocaleString('en-US')}/s)`;
  console.log(`store: ${label.padEnd(46)} ${ms.toFixed(ms < 10 ? 1 : 0).padStart(7)} ms${rate}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  const name = `kaohe-bench-${Date.now()}`;
  const store = await IdbStore.open(name);
  try {
    let started = performance.now();
    for (let index = 0; index < APPRAISALS; index += 1) {
      const next = record(index);
      await store.putAppraisal(next, {
        expectedRevision: 0,
        audit: [{ at: next.updatedAt, actor: next.updatedBy, appraisalId: next.id, action: 'submit', before: null, after: { status: next.status } }],
      });
    }
    line(`insert ${APPRAISALS} appraisals (+1 audit event each)`, performance.now() - started, APPRAISALS);

    const firstPages: number[] = [];
    let firstPageSize = 0;
    for (let run = 0; run < 20; run += 1) {
      started = performance.now();
      firstPageSize = (await store.listTasks(reviewer(7), { limit: PAGE })).items.length;
      firstPages.push(performance.now() - started);
    }
    line(`tasks of one reviewer, first page (${firstPageSize}), median`, median(firstPages));

    const fullLists: number[] = [];
    let total = 0;
    for (let run = 0; run < 5; run += 1) {
      started = performance.now();
      total = 0;
      let cursor: string | undefined;
      do {
        const page = await store.listTasks(reviewer(7), { limit: PAGE, ...(cursor ? { cursor } : {}) });
        total += page.items.length;
        cursor = page.nextCursor;
      } while (cursor);
      fullLists.push(performance.now() - started);
    }
    line(`tasks of one reviewer, full list (${total}, pages of ${PAGE}), median`, median(fullLists));

    started = performance.now();
    let hrTasks = 0;
    let cursor: string | undefined;
    do {
      const page = await store.listTasks('HR', { limit: 1000, ...(cursor ? { cursor } : {}) });
      hrTasks += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    line(`tasks of HR, full list (${hrTasks}, pages of 1000)`, performance.now() - started);

    started = performance.now();
    const october = await store.listAppraisals({ period: '2026-10', status: 'inReview', limit: PAGE });
    line(`appraisals of one period, first page (${october.items.length})`, performance.now() - started);

    started = performance.now();
    const verification = await store.verifyAudit();
    line(`verify audit chain (${verification.ok ? verification.count : 'BROKEN'} events)`, performance.now() - started, verification.ok ? verification.count : undefined);
  } finally {
    await store.close();
    await IdbStore.deleteDatabase(name);
  }
}

try {
  await main();
  (globalThis as { __benchDone?: boolean }).__benchDone = true;
} catch (error) {
  console.error(error instanceof Error ? error.stack ?? error.message : String(error));
  (globalThis as { __benchError?: string }).__benchError = String(error);
}
