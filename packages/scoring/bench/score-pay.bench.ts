// Benchmark: 10,000 R-FS sheets scored (C-1) and paid (P-2), beside the same arithmetic on plain
// numbers as the reference floor. Runs as is in Node (`pnpm bench`) and in Chromium
// (`node scripts/bench-browser.mjs packages/scoring/bench/score-pay.bench.ts`).
import { computePay, loadRubric, scoreSheet, type Rubric, type SheetInput } from '@kaohe/scoring';
import { payPlanPresets, rubricPresets } from '@kaohe/scoring/presets';
import { randomSheet } from '../test/support/random-sheet.ts';

const SHEETS = 10_000;
const where = typeof window === 'undefined' ? 'node' : 'chromium';
const rubric = loadRubric(rubricPresets['R-FS']);
const plan = payPlanPresets['P-2']!;
const sheets = Array.from({ length: SHEETS }, (_, n) => randomSheet(rubric, n + 1));

function kaohe(): string {
  let last = '';
  for (const sheet of sheets) {
    const result = scoreSheet(rubric, sheet);
    const slip = computePay(plan, { values: { baseSalary: '3000', performanceBase: '2000', score: result.monthly } });
    last = slip.total;
  }
  return last;
}

/** The floor: the same rules on binary floats, no validation, no explanation (wrong to the cent, but fast). */
function plain(rubricSpec: Rubric, list: SheetInput[]): number {
  let last = 0;
  for (const sheet of list) {
    let work = 0;
    for (const section of rubricSpec.sections) {
      let s = 0;
      for (const item of section.items) {
        const e = sheet.entries?.[item.id];
        const points = Number(item.points);
        const rule = item.rule;
        let ded = 0;
        if (rule.kind === 'levels' && e?.level) {
          const level = rule.levels.find((l) => l.id === e.level)!;
          ded = typeof level.deduct === 'object' ? Number(e.amount) : Number(level.deduct);
        } else if (rule.kind === 'ranged') {
          for (const d of e?.deductions ?? []) ded += Number(d.amount);
        } else if (rule.kind === 'perOccurrence') {
          ded = (e?.count ?? 0) * Number(rule.amount);
        } else if (rule.kind === 'escalating') {
          const step = [...rule.steps].reverse().find((st) => (e?.count ?? 0) >= st.atCount);
          ded = step ? Number(step.deduct) : 0;
        }
        s += item.penaltyOnly ? -ded : Math.max(0, points - ded);
      }
      work += section.floor === null ? s : Math.max(Number(section.floor), s);
    }
    work = Math.min(100, Math.max(0, work));
    const attendance = Math.max(0, 100 - Math.ceil(Number(sheet.attendance?.absentDays ?? 0)) * 4);
    const monthly = Math.round((work * 0.7 + attendance * 0.3) * 100) / 100;
    let perf = 2000 * monthly / 100;
    if (monthly < 60) perf -= perf * 0.3;
    last = 3000 + Math.round(perf * 100) / 100;
  }
  return last;
}

// On a shared machine the wall clock also counts other processes' time; Node can say how much CPU
// this process used, which is what the sheets cost (the browser cannot).
const cpu = (globalThis as { process?: { cpuUsage?: (since?: { user: number; system: number }) => { user: number; system: number } } }).process?.cpuUsage;

function time(label: string, fn: () => unknown, runs = 3): number {
  fn(); // warm-up
  const times: Array<{ wall: number; cpu: number | undefined }> = [];
  for (let r = 0; r < runs; r++) {
    const c0 = cpu?.();
    const t0 = performance.now();
    fn();
    const wall = performance.now() - t0;
    const used = c0 && cpu ? cpu(c0) : undefined;
    times.push({ wall, cpu: used ? (used.user + used.system) / 1000 : undefined });
  }
  const median = times.sort((a, b) => a.wall - b.wall)[Math.floor(runs / 2)]!;
  const perSecond = (ms: number) => Math.round(SHEETS / (ms / 1000)).toLocaleString('en-US').padStart(9);
  const cpuText = median.cpu === undefined ? '' : `  (CPU ${median.cpu.toFixed(0)} ms: ${perSecond(median.cpu).trim()} sheets per CPU-second)`;
  console.log(`scoring [${where}]: ${label.padEnd(34)} ${median.wall.toFixed(0).padStart(6)} ms  ${perSecond(median.wall)} sheets/s${cpuText}`);
  return median.wall;
}

const exact = time(`kaohe: ${SHEETS} R-FS sheets scored + paid`, kaohe);
const floor = time(`plain numbers: same arithmetic`, () => plain(rubric, sheets));
console.log(`scoring [${where}]: decimal engine / plain-number floor = ${(exact / floor).toFixed(1)}×`);
(globalThis as { __benchDone?: boolean }).__benchDone = true;
