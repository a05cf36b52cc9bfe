// kaohe-rubric-form alone, in quantiles, for comparing two versions on a shared machine:
//   node scripts/bench-browser.mjs packages/elements/bench/rubric-form-phases.bench.ts
// (scoring is bundled as the core bundle ships it, BENCH_CORE=0 adds its batch paths; BENCH_CPU_PROFILE=DIR profiles each part.)
// rubric-form.bench.ts gives medians of 15 beside SurveyJS; on a loaded machine those swing by 2×, so
// this page takes 65 first renders and 290 inputs per case and prints p10, p25, median and mean:
//   - first render: from nothing to the form laid out (as in rubric-form.bench.ts);
//   - input → updated: a typed count until the form has rendered what follows from it, split into
//     the input handler (FormKit, scoring, validity, the change event) and lit's update.
// Cases: R-FS; 200 generated items with an empty sheet, with every item filled in, and with the
// rubric as a store or a server hands it over (plain objects, not frozen).
import { loadRubric, type Rubric, type Sheet } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import '../src/register.ts';
import type { KaoheRubricForm } from '../src/index.ts';
import { generatedRubric } from './rubrics.ts';

const RENDERS = 70;
const INPUTS = 300;
/** the first runs of each are left out (warm-up) */
const WARMUP = { renders: 5, inputs: 10 };
const PROFILE = (window as { __benchProfile?: boolean }).__benchProfile === true;

const frame = () => new Promise<void>((done) => requestAnimationFrame(() => done()));
const quantile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) * p)]!;
const summary = (values: number[]) => `p10 ${quantile(values, 0.1).toFixed(2)}  p25 ${quantile(values, 0.25).toFixed(2)}  `
  + `median ${quantile(values, 0.5).toFixed(2)}  mean ${(values.reduce((a, b) => a + b, 0) / values.length).toFixed(2)} ms`;

const emptySheet = (rubric: Rubric): Sheet => ({ rubric: rubric.id, rubricVersion: rubric.version, period: '2026-10', attendance: { absentDays: '0' }, entries: {} });

/** Every item of a generated rubric filled in, each as its kind asks. */
function filledSheet(rubric: Rubric): Sheet {
  const sheet = emptySheet(rubric);
  for (const section of rubric.sections) {
    for (const item of section.items) {
      const kind = item.rule.kind;
      sheet.entries[item.id] = kind === 'perOccurrence' || kind === 'threshold' ? { count: 1 }
        : kind === 'levels' ? { level: 'fair' }
          : kind === 'ranged' ? { deductions: [{ option: 'minor', amount: '1.5', reason: 'late' }] }
            : kind === 'forfeit' ? { breached: false }
              : { points: '4' };
    }
  }
  return sheet;
}

function form(rubric: Rubric, sheet: Sheet): KaoheRubricForm {
  const el = document.createElement('kaohe-rubric-form') as KaoheRubricForm;
  el.locale = 'en';
  el.rubric = rubric;
  el.sheet = sheet;
  return el;
}

async function measure(name: string, rubric: Rubric, sheetOf: (rubric: Rubric) => Sheet, countItem: string): Promise<void> {
  const renders: number[] = [];
  if (PROFILE) console.profile(`${name} first render`);
  for (let run = 0; run < RENDERS; run += 1) {
    const started = performance.now();
    const el = form(rubric, sheetOf(rubric));
    document.body.append(el);
    await el.updateComplete;
    void el.getBoundingClientRect();
    if (run >= WARMUP.renders) renders.push(performance.now() - started);
    el.remove();
    await frame();
  }
  if (PROFILE) console.profileEnd(`${name} first render`);

  const el = form(rubric, sheetOf(rubric));
  document.body.append(el);
  await el.updateComplete;
  const input = el.shadowRoot!.querySelector<HTMLInputElement>(`[data-item="${countItem}"] input[type=number]`)!;
  const total: number[] = [];
  const handler: number[] = [];
  const update: number[] = [];
  if (PROFILE) console.profile(`${name} input`);
  for (let run = 0; run < INPUTS; run += 1) {
    await frame();
    const started = performance.now();
    input.value = String((run % 2) + 1);
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const handled = performance.now();
    await el.updateComplete;
    const updated = performance.now();
    if (run >= WARMUP.inputs) {
      total.push(updated - started);
      handler.push(handled - started);
      update.push(updated - handled);
    }
  }
  if (PROFILE) console.profileEnd(`${name} input`);
  el.remove();
  console.log(`${name.padEnd(17)} first render       ${summary(renders)}`);
  console.log(`${name.padEnd(17)} input → updated    ${summary(total)}`);
  console.log(`${name.padEnd(17)}   input handler    ${summary(handler)}`);
  console.log(`${name.padEnd(17)}   lit's update     ${summary(update)}`);
}

async function main(): Promise<void> {
  console.log(`kaohe-rubric-form, ${RENDERS - WARMUP.renders} first renders and ${INPUTS - WARMUP.inputs} inputs per case, ${navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? 'Chromium'}`);
  await measure('R-FS', loadRubric(rubricPresets['R-FS']!), emptySheet, 'FS-7');
  const generated = loadRubric(generatedRubric(10, 20));
  await measure('200 items', generated, emptySheet, 'G-1-1');
  await measure('200 items filled', generated, filledSheet, 'G-1-1');
  await measure('200, unfrozen', structuredClone(generated), emptySheet, 'G-1-1');
}

main().then(
  () => { (window as { __benchDone?: boolean }).__benchDone = true; },
  (error: unknown) => { (window as { __benchError?: string }).__benchError = String(error instanceof Error ? error.stack : error); },
);
