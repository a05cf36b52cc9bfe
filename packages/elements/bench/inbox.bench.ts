// Benchmark, not a test: a VP's inbox in a large month, 10,000 tasks waiting for first review.
// Run in Chromium with `node scripts/bench-browser.mjs packages/elements/bench/inbox.bench.ts`.
// Prints, in ms, the median and worst frame for the first render, filtering, sorting and scrolling,
// plus long tasks (PerformanceObserver) seen during each phase.
import { loadRubric } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import type { Entry } from '@kaohe/scoring';
import { scoreOrNull } from '@kaohe/service';
import { MemoryStore } from '@kaohe/store';
import type { AppraisalWrite, AuditEntry } from '@kaohe/store';
import { act, chainPresets, openAppraisal, openingAudit } from '@kaohe/workflow';
import type { AppraisalRecord, Directory, Person } from '@kaohe/workflow';
import { KaoheInbox } from '../src/kaohe-inbox/kaohe-inbox.ts';
import { KaoheRubricForm } from '../src/kaohe-rubric-form/rubric-form.ts';

const TASKS = 10_000;
const NOW = '2026-11-10T09:00:00.000Z';
const REGIONS = ['north', 'south', 'east', 'west', 'central'];
const chain = chainPresets['W-SP'];
const rubric = loadRubric(rubricPresets['R-SP']);

const reviewers: Person[] = [
  { id: 'SP1', name: 'Planner Li', roles: ['salesPlanning'] },
  { id: 'VP', name: 'Vice President Zhao', roles: ['vp'] },
  { id: 'HR', name: 'HR Qian', roles: ['hr'] },
  ...REGIONS.map((region): Person => ({ id: `RM-${region}`, name: `${region} manager`, roles: ['regionalManager'], region })),
];

function entries(index: number): Record<string, Entry> {
  return {
    'SP-D1': { count: index % 4 }, 'SP-D2': { count: index % 2 }, 'SP-W': { breached: index % 17 === 0 }, 'SP-W1': { breached: false },
    'SP-W2': { breached: false }, 'SP-W3': { count: index % 3 }, 'SP-W4': { count: 0 }, 'SP-M': { breached: false },
    'SP-Q': { points: String(index % 6) }, 'SP-A': { count: index % 2 }, 'SP-V': { breached: index % 23 === 0 },
  };
}

function month(): { records: AppraisalRecord[]; audits: AuditEntry[][]; directory: Directory } {
  const people: Person[] = [];
  const records: AppraisalRecord[] = [];
  const audits: AuditEntry[][] = [];
  for (let index = 0; index < TASKS; index++) {
    const region = REGIONS[index % REGIONS.length] as string;
    const person: Person = {
      id: `E${100_000 + index}`, number: `${100_000 + index}`, name: `Salesperson ${index}`, roles: ['salesperson'], region, managerId: `RM-${region}`,
    };
    people.push(person);
    // Routing per record needs only the people around the employee; a 10,000-person directory per act would measure routing, not the inbox.
    const local: Directory = { people: [...reviewers, person] };
    const period = index % 3 === 0 ? '2026-09' : '2026-10';
    let record: AppraisalRecord = { ...openAppraisal({ employee: person, period, rubric: { id: rubric.id, version: rubric.version }, chain, directory: local, now: NOW }), revision: 1 };
    // Each task's history as the detail pane lists it: opened, scored, summarised.
    const audit: AuditEntry[] = [openingAudit(record)];
    for (const [actor, action] of [[`RM-${region}`, { type: 'step.submit', entries: entries(index) }], ['SP1', { type: 'step.submit' }]] as const) {
      const result = act(record, action, { actor, directory: local, chain, now: NOW });
      if (!result.ok) throw new Error(result.reason.message);
      record = result.record;
      audit.push(...result.audit);
    }
    records.push(record);
    audits.push(audit);
  }
  return { records, audits, directory: { people: [...reviewers, ...people] } };
}

// ---- frame timing ----

const longTasks: number[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push(entry.duration);
}).observe({ type: 'longtask', buffered: true });

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/** Frame-to-frame times while `body` runs and for `settleFrames` frames after it. */
async function frames(body: () => Promise<void> | void, settleFrames = 10): Promise<number[]> {
  const deltas: number[] = [];
  let running = true;
  let last = await nextFrame();
  const loop = (at: number) => {
    deltas.push(at - last);
    last = at;
    if (running) requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  await body();
  for (let i = 0; i < settleFrames; i++) await nextFrame();
  running = false;
  return deltas;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const worst = (values: number[]) => Math.max(0, ...values);
const p90 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.9)] ?? 0;

// The inbox's own share of a frame: each update (render and commit) is timed, so a long frame can be
// told apart from layout, garbage collection or another process taking the core.
const updateTimes: number[] = [];
const updating = KaoheInbox.prototype as unknown as { performUpdate(): void };
const performUpdate = updating.performUpdate;
updating.performUpdate = function timed(this: KaoheInbox) {
  const t0 = performance.now();
  performUpdate.call(this);
  updateTimes.push(performance.now() - t0);
};

interface Mark { longTasks: number; updates: number }
const markNow = (): Mark => ({ longTasks: longTasks.length, updates: updateTimes.length });

function report(label: string, samples: number[], since: Mark, extra = ''): void {
  const tasks = longTasks.slice(since.longTasks);
  const updates = updateTimes.slice(since.updates);
  console.log(`inbox: ${label.padEnd(36)} median ${median(samples).toFixed(1).padStart(6)} ms   p90 ${p90(samples).toFixed(1).padStart(6)} ms`
    + `   worst ${worst(samples).toFixed(1).padStart(7)} ms   n ${String(samples.length).padStart(3)}   long tasks ${tasks.length} (worst ${worst(tasks).toFixed(0)} ms)`
    + `   updates ${updates.length} (median ${median(updates).toFixed(1)}, worst ${worst(updates).toFixed(1)} ms)${extra}`);
}

const rows = (el: KaoheInbox) => el.shadowRoot?.querySelectorAll('.body [role="row"][data-id]').length ?? 0;

// The rubric form's own updates, to tell its first render apart from the inbox's in an open.
const formUpdateTimes: number[] = [];
const formUpdating = KaoheRubricForm.prototype as unknown as { performUpdate(): void };
const formPerformUpdate = formUpdating.performUpdate;
formUpdating.performUpdate = function timed(this: KaoheRubricForm) {
  const t0 = performance.now();
  formPerformUpdate.call(this);
  formUpdateTimes.push(performance.now() - t0);
};

/**
 * The first frame whose paint shows what `ready()` checks: checked in each frame callback (the DOM
 * as that frame will paint it). Resolves with the frame's start time and how many frames came before it.
 */
function shownIn(ready: () => boolean, what: () => string): Promise<{ at: number; frame: number }> {
  const until = performance.now() + 5000;
  return new Promise((resolve, reject) => {
    let frame = 0;
    const check = (at: number) => {
      if (ready()) resolve({ at, frame });
      else if (performance.now() > until) reject(new Error(`never shown: ${what()}`));
      else {
        frame++;
        requestAnimationFrame(check);
      }
    };
    requestAnimationFrame(check);
  });
}

const press = (target: Element, key: string) => target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));

async function main(): Promise<void> {
  KaoheInbox.define('kaohe-inbox');
  KaoheRubricForm.define('kaohe-rubric-form');
  let started = performance.now();
  const { records, audits, directory } = month();
  const store = new MemoryStore();
  // The store's own time per page read, to tell it apart from the inbox's.
  const pageTimes: number[] = [];
  const listTasks = store.listTasks.bind(store);
  store.listTasks = async (...args) => {
    const t0 = performance.now();
    try {
      return await listTasks(...args);
    } finally {
      pageTimes.push(performance.now() - t0);
    }
  };
  // Stored as they stand after the two acts, with their three audit events each: a month imported as
  // is, in batches, without replaying each write.
  for (let from = 0; from < records.length; from += 500) {
    const batch: AppraisalWrite[] = records.slice(from, from + 500)
      // With the score the service keeps with every record it writes (design.md: reads never re-score).
      .map((record, i) => ({ record: { ...record, revision: 1, score: scoreOrNull(rubric, record.sheet) }, expectedRevision: 0, audit: audits[from + i] ?? [] }));
    await store.putAppraisals(batch);
  }
  const auditTimes: number[] = [];
  const listAudit = store.listAudit.bind(store);
  store.listAudit = async (...args) => {
    const t0 = performance.now();
    try {
      return await listAudit(...args);
    } finally {
      auditTimes.push(performance.now() - t0);
    }
  };
  console.log(`inbox: set-up of ${TASKS} tasks in a MemoryStore took ${(performance.now() - started).toFixed(0)} ms (not part of the figures)`);

  // Let the observer deliver the set-up's long tasks before the first phase starts counting.
  for (let i = 0; i < 5; i++) await nextFrame();
  const el = document.createElement('kaohe-inbox') as KaoheInbox;
  el.locale = 'en';
  el.style.setProperty('--kaohe-inbox-height', '600px');
  // First render: from handing the element its store to the first rows on screen, then on until all
  // 10,000 are read (a page at a time, in slices) and scored. Every frame meanwhile counts.
  let firstRows = 0;
  let allLoaded = 0;
  let mark = markNow();
  const renderFrames = await frames(async () => {
    started = performance.now();
    Object.assign(el, { store, directory, rubrics: { [`${rubric.id}@${rubric.version}`]: rubric }, now: NOW, userId: 'VP' });
    document.body.append(el);
    while (rows(el) === 0) await nextFrame();
    firstRows = performance.now() - started;
    await el.updateComplete;
    await el.loaded;
    allLoaded = performance.now() - started;
  });
  report('first render (rows, then all read)', renderFrames, mark,
    `   first rows on screen after ${firstRows.toFixed(0)} ms, all ${el.taskCount} read after ${allLoaded.toFixed(0)} ms`
    + ` (${pageTimes.length} store pages, worst ${worst(pageTimes).toFixed(0)} ms each)`);

  mark = markNow();
  started = performance.now();
  const scoringFrames = await frames(async () => {
    while (el.visibleTasks.some((row) => row.score === undefined)) await nextFrame();
  }, 2);
  report('scores filling in (sliced)', scoringFrames, mark, `   all ${el.taskCount} scored after ${(performance.now() - started).toFixed(0)} ms`);

  // The inbox sorts every column in idle slices once the scores are in; give it a second, as a reviewer would take.
  mark = markNow();
  const idleFrames = await frames(async () => {
    const until = performance.now() + 1000;
    while (performance.now() < until) await nextFrame();
  }, 0);
  report('idle second (orders warming)', idleFrames, mark);

  const root = el.shadowRoot as ShadowRoot;
  const setSelect = (name: string, value: string) => {
    const select = root.querySelector<HTMLSelectElement>(`select[name="${name}"]`) as HTMLSelectElement;
    select.value = value;
    select.dispatchEvent(new Event('change'));
  };
  const search = root.querySelector<HTMLInputElement>('input[name="search"]') as HTMLInputElement;

  // Filtering: each change, the time from the input to the frame after it, and every frame meanwhile.
  mark = markNow();
  const filterLatency: number[] = [];
  const filterFrames = await frames(async () => {
    const changes: Array<() => void> = [
      () => setSelect('region', 'north'), () => setSelect('period', '2026-09'), () => setSelect('region', ''), () => setSelect('period', ''),
      ...['1', '12', '123', '1234', '12345', ''].map((text) => () => { search.value = text; search.dispatchEvent(new Event('input')); }),
      () => setSelect('region', 'west'), () => setSelect('region', ''),
    ];
    for (const change of changes) {
      const t0 = performance.now();
      change();
      await el.updateComplete;
      await nextFrame();
      filterLatency.push(performance.now() - t0);
    }
  });
  report('filter (input → next frame)', filterLatency, mark);
  report('filter (all frames)', filterFrames, mark);

  mark = markNow();
  const sortLatency: number[] = [];
  const sortFrames = await frames(async () => {
    for (const column of ['employee', 'role', 'region', 'period', 'step', 'due', 'score', 'state', 'score']) {
      const t0 = performance.now();
      root.querySelector<HTMLButtonElement>(`[role="columnheader"][data-column="${column}"] button`)?.click();
      await el.updateComplete;
      await nextFrame();
      sortLatency.push(performance.now() - t0);
    }
  });
  report('sort (click → next frame)', sortLatency, mark);
  report('sort (all frames)', sortFrames, mark);

  const grid = root.querySelector<HTMLElement>('[role="grid"]') as HTMLElement;
  const scroll = async (label: string, pixelsPerFrame: number) => {
    mark = markNow();
    const scrollFrames = await frames(async () => {
      for (let i = 0; i < 300; i++) {
        grid.scrollTop += pixelsPerFrame;
        await nextFrame();
      }
      grid.scrollTop = 0;
    });
    report(label, scrollFrames, mark, `   DOM rows at the end: ${rows(el)} of ${el.visibleTasks.length}`);
  };
  // A brisk fling (10 rows a frame), then three screens a frame: far faster than a person scrolls, so every frame lays out new rows.
  await scroll('scroll, 400 px a frame', 400);
  await scroll('scroll, 1800 px a frame', 1800);

  // Opening a task: Enter on a row → the paint that shows the detail pane's heading and the rubric form
  // rendered in the step's mode (review, for the VP), then → the paint that also lists the history and
  // the chain's exact actions. The pane is closed between opens, so every open renders a form from
  // nothing, as the first of a morning does.
  const OPENS = 21;
  const openLatency: number[] = [];
  const historyLatency: number[] = [];
  const openFramesLate: number[] = [];
  const historyFramesLate: number[] = [];
  const openWork: number[] = [];
  const formReady = (id: string) => {
    const pane = root.querySelector('.pane');
    const form = pane?.querySelector<KaoheRubricForm>('kaohe-rubric-form');
    return pane?.querySelector('#detail-heading')?.textContent?.includes('Salesperson') === true
      && form !== null && form !== undefined && form.mode === 'review' && form.appraisalId === id
      && form.shadowRoot?.querySelector('[data-total="monthly"]') != null;
  };
  const historyReady = () => root.querySelectorAll('.pane .history li').length === 3
    && root.querySelector('.pane button[data-action="step.approve"]') !== null;
  mark = markNow();
  const formMark = formUpdateTimes.length;
  const auditMark = auditTimes.length;
  grid.focus();
  const openFrames = await frames(async () => {
    for (let i = 0; i < OPENS; i++) {
      press(grid, 'ArrowDown');
      await el.updateComplete;
      await nextFrame();
      const id = root.getElementById(grid.getAttribute('aria-activedescendant') ?? '')?.dataset.id ?? '';
      // A key press is a task of its own between frames, not work inside a frame callback.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const t0 = performance.now();
      press(grid, 'Enter');
      // The share of the Enter's own task: the keydown handler and the updates it queues as microtasks.
      await el.updateComplete;
      openWork.push(performance.now() - t0);
      const state = () => {
        const pane = root.querySelector('.pane');
        const form = pane?.querySelector<KaoheRubricForm>('kaohe-rubric-form');
        return `task ${id}: pane ${pane !== null}, form mode ${form?.mode} for ${form?.appraisalId}, history ${pane?.querySelectorAll('.history li').length}`;
      };
      const shown = await shownIn(() => formReady(id), state);
      openLatency.push(shown.at - t0);
      openFramesLate.push(shown.frame);
      const history = await shownIn(historyReady, state);
      historyLatency.push(history.at - t0);
      historyFramesLate.push(shown.frame + 1 + history.frame);
      press(root.querySelector('#detail-heading') as Element, 'Escape');
      await el.updateComplete;
      await nextFrame();
    }
  });
  const formUpdates = formUpdateTimes.slice(formMark);
  const auditReads = auditTimes.slice(auditMark);
  const framesLate = (values: number[]) => `frames before it: median ${median(values)}, worst ${worst(values)}`;
  // Times are from the key press to the start of the frame that paints the pane (the frame's own
  // style, layout and paint follow); 0 frames before it means the pane is in the very next frame.
  report('open (Enter → frame with heading + form)', openLatency, mark,
    `   ${framesLate(openFramesLate)}; first ${openLatency[0]?.toFixed(1)} ms;`
    + ` Enter's own update median ${median(openWork).toFixed(1)}, worst ${worst(openWork).toFixed(1)} ms;`
    + ` rubric form updates ${formUpdates.length} (median ${median(formUpdates).toFixed(1)}, worst ${worst(formUpdates).toFixed(1)} ms);`
    + ` listAudit call → answer median ${median(auditReads).toFixed(1)}, worst ${worst(auditReads).toFixed(1)} ms`);
  report('open (Enter → frame with history + actions)', historyLatency, mark, `   ${framesLate(historyFramesLate)}`);
  report('open (all frames)', openFrames, mark);

  // The worst case for a sort: a second inbox, a header clicked the moment the list is whole, before
  // the idle slices have sorted any column (employee names: 10,000 Intl.Collator comparisons' worth).
  el.remove();
  const cold = document.createElement('kaohe-inbox') as KaoheInbox;
  cold.locale = 'en';
  cold.style.setProperty('--kaohe-inbox-height', '600px');
  Object.assign(cold, { store, directory, rubrics: { [`${rubric.id}@${rubric.version}`]: rubric }, now: NOW, userId: 'VP' });
  document.body.append(cold);
  await cold.updateComplete;
  await cold.loaded;
  mark = markNow();
  const coldLatency: number[] = [];
  const coldFrames = await frames(async () => {
    for (const column of ['employee', 'employee', 'region']) {
      const t0 = performance.now();
      cold.shadowRoot?.querySelector<HTMLButtonElement>(`[role="columnheader"][data-column="${column}"] button`)?.click();
      await cold.updateComplete;
      await nextFrame();
      coldLatency.push(performance.now() - t0);
    }
  });
  report('sort before warm-up (click → frame)', coldLatency, mark);
  report('sort before warm-up (all frames)', coldFrames, mark);
}

main().then(() => { (window as { __benchDone?: boolean }).__benchDone = true; }, (error: unknown) => {
  (window as { __benchError?: string }).__benchError = error instanceof Error ? error.stack ?? error.message : String(error);
});
