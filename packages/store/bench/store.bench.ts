// Benchmark, not a test: how IdbStore holds up with a large company's month of appraisals.
// Run in Chromium with `node scripts/bench-browser.mjs packages/store/bench/store.bench.ts`.
import type { AppraisalRecord } from '@kaohe/workflow';
import { type AppraisalWrite, EMPTY_HEAD, IdbStore, sealAuditEvents } from '../src/index.ts';

const APPRAISALS = 10_000;
/** One save at a time is slow enough that a smaller run says the same; the rate printed is measured, not extrapolated. */
const ONE_AT_A_TIME = 2_000;
const CHUNK = 500;
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

/** HR opening a month: the appraisal and its one audit event, as a batch item. */
function opening(index: number): AppraisalWrite {
  const next = record(index);
  return {
    record: next,
    expectedRevision: 0,
    audit: [{ at: next.updatedAt, actor: next.updatedBy, appraisalId: next.id, action: 'submit', before: null, after: { status: next.status } }],
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

/** Runs `body` against a fresh database that is removed afterwards. */
async function withDatabase(label: string, body: (store: IdbStore) => Promise<void>): Promise<void> {
  const name = `kaohe-bench-${label}-${Date.now()}`;
  const store = await IdbStore.open(name);
  try {
    await body(store);
  } finally {
    await store.close();
    await IdbStore.deleteDatabase(name);
  }
}

async function main(): Promise<void> {
  const items = Array.from({ length: APPRAISALS }, (_, index) => opening(index));

  await withDatabase('single', async (store) => {
    const started = performance.now();
    for (const item of items.slice(0, ONE_AT_A_TIME)) await store.putAppraisal(item.record, item);
    line(`insert ${ONE_AT_A_TIME} appraisals one at a time (putAppraisal)`, performance.now() - started, ONE_AT_A_TIME);
  });

  let started = performance.now();
  await sealAuditEvents(EMPTY_HEAD, items.flatMap((item) => item.audit ?? []));
  line(`seal ${APPRAISALS} audit events alone (part of a batch)`, performance.now() - started, APPRAISALS);

  await withDatabase('chunked', async (store) => {
    const begun = performance.now();
    for (let from = 0; from < APPRAISALS; from += CHUNK) await store.putAppraisals(items.slice(from, from + CHUNK));
    line(`insert ${APPRAISALS} appraisals, putAppraisals of ${CHUNK}`, performance.now() - begun, APPRAISALS);
  });

  const name = `kaohe-bench-${Date.now()}`;
  const store = await IdbStore.open(name);
  try {
    // The batch builds tens of thousands of requests in one go; how long the page cannot respond matters as much as the total.
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => { for (const entry of list.getEntries()) longTasks.push(entry.duration); });
    observer.observe({ type: 'longtask', buffered: false });
    started = performance.now();
    const saved = await store.putAppraisals(items);
    line(`insert ${saved.length} appraisals, one putAppraisals`, performance.now() - started, saved.length);
    await new Promise((resolve) => setTimeout(resolve, 50));
    observer.disconnect();
    line(`  longest main-thread task during it (${longTasks.length} over 50 ms)`, Math.max(0, ...longTasks));

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
