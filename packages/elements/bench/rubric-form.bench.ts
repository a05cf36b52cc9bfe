// kaohe-rubric-form against SurveyJS (survey-core + survey-js-ui 2.5.38), in one Chromium run:
//   node scripts/bench-browser.mjs packages/elements/bench/rubric-form.bench.ts
// For each rubric (R-FS, and a generated one of 200 items) it times, as the median of RUNS runs:
//   - first render: from nothing to the form in the DOM and laid out (the form's sections and items
//     are content-visibility: auto, so those off screen are laid out only when scrolled near);
//   - input → total: from a typed count to the total on screen showing the new value.
// Scoring is bundled as the core bundle ships it (scripts/bench-browser.mjs; BENCH_CORE=0 adds the batch paths).
import { loadRubric, type Rubric } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import { Model } from 'survey-core';
import { renderSurvey } from 'survey-js-ui';
import surveyCss from 'survey-core/survey-core.fontless.min.css' with { type: 'text' };
import '../src/register.ts';
import type { KaoheRubricForm } from '../src/index.ts';
import { generatedRubric, surveyJsonOf, surveyName } from './rubrics.ts';

const RUNS = 15;
const WARMUP = 3;
/** Under BENCH_CPU_PROFILE (scripts/bench-browser.mjs), Kaohe's input → total runs this often inside console.profile. */
const PROFILE = (window as { __benchProfile?: boolean }).__benchProfile === true;
const PROFILED_RUNS = 400;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;
const frame = () => new Promise<void>((done) => requestAnimationFrame(() => done()));

function host(): HTMLElement {
  const div = document.createElement('div');
  document.body.append(div);
  return div;
}

/** Resolves with the time at which `read()` first differs from `before`, watching `target` for DOM changes. */
function whenChanged(target: Node, read: () => string, before: string): Promise<number> {
  return new Promise((done, fail) => {
    const check = () => {
      if (read() !== before) {
        observer.disconnect();
        clearTimeout(timer);
        done(performance.now());
        return true;
      }
      return false;
    };
    const observer = new MutationObserver(() => { check(); });
    observer.observe(target, { subtree: true, childList: true, characterData: true, attributes: true });
    const timer = setTimeout(() => { observer.disconnect(); fail(new Error('the total never changed')); }, 5000);
    queueMicrotask(check);
  });
}

function typeNumber(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

async function kaoheFirstRender(rubric: Rubric): Promise<number> {
  const container = host();
  const started = performance.now();
  const el = document.createElement('kaohe-rubric-form') as KaoheRubricForm;
  el.locale = 'en';
  el.rubric = rubric;
  el.sheet = { rubric: rubric.id, rubricVersion: rubric.version, period: '2026-10', attendance: { absentDays: '0' }, entries: {} };
  container.append(el);
  await el.updateComplete;
  void el.getBoundingClientRect();
  const took = performance.now() - started;
  container.remove();
  return took;
}

async function kaoheInputToTotal(name: string, rubric: Rubric, countItem: string): Promise<number[]> {
  const container = host();
  const el = document.createElement('kaohe-rubric-form') as KaoheRubricForm;
  el.locale = 'en';
  el.rubric = rubric;
  // C-1 (issue 17): without its absent days a sheet has no monthly score and the totals wait for them
  el.sheet = { rubric: rubric.id, rubricVersion: rubric.version, period: '2026-10', attendance: { absentDays: '0' }, entries: {} };
  container.append(el);
  await el.updateComplete;
  const input = el.shadowRoot!.querySelector<HTMLInputElement>(`[data-item="${countItem}"] input[type=number]`)!;
  const totalEl = el.shadowRoot!.querySelector('[data-total="work"]')!;
  const times: number[] = [];
  const runs = PROFILE ? PROFILED_RUNS : RUNS;
  for (let run = 0; run < runs + WARMUP; run += 1) {
    await frame();
    if (PROFILE && run === WARMUP) console.profile(`${name} kaohe input`);
    const before = totalEl.textContent ?? '';
    const started = performance.now();
    const changed = whenChanged(el.shadowRoot!, () => totalEl.textContent ?? '', before);
    typeNumber(input, String((run % 2) + 1));
    const at = await changed;
    if (run >= WARMUP) times.push(at - started);
  }
  if (PROFILE) console.profileEnd(`${name} kaohe input`);
  container.remove();
  return times;
}

function surveyFirstRender(json: Record<string, unknown>): number {
  const container = host();
  const started = performance.now();
  const model = new Model(json);
  renderSurvey(model, container);
  void container.getBoundingClientRect();
  const took = performance.now() - started;
  container.remove();
  model.dispose();
  return took;
}

async function surveyFirstRenderSettled(json: Record<string, unknown>): Promise<number> {
  // SurveyJS may finish rendering after renderSurvey returns; wait until the last question is in the DOM.
  const container = host();
  const started = performance.now();
  const model = new Model(json);
  renderSurvey(model, container);
  while (!container.querySelector('[data-name="total"]')) await new Promise((done) => setTimeout(done, 0));
  void container.getBoundingClientRect();
  const took = performance.now() - started;
  container.remove();
  model.dispose();
  return took;
}

async function surveyInputToTotal(json: Record<string, unknown>, countQuestion: string): Promise<number[]> {
  const container = host();
  const model = new Model(json);
  renderSurvey(model, container);
  while (!container.querySelector('[data-name="total"]')) await new Promise((done) => setTimeout(done, 0));
  const question = model.getQuestionByName(countQuestion)!;
  const input = container.querySelector<HTMLInputElement>(`#${CSS.escape(question.inputId)}`)!;
  const totalEl = container.querySelector('[data-name="total"]')!;
  const times: number[] = [];
  for (let run = 0; run < RUNS + WARMUP; run += 1) {
    await frame();
    const before = totalEl.textContent ?? '';
    const started = performance.now();
    const changed = whenChanged(container, () => totalEl.textContent ?? '', before);
    typeNumber(input, String((run % 2) + 1));
    const at = await changed;
    if (run >= WARMUP) times.push(at - started);
  }
  container.remove();
  model.dispose();
  return times;
}

async function compare(name: string, rubric: Rubric, countItem: string): Promise<void> {
  const { json } = surveyJsonOf(rubric);
  const itemCount = rubric.sections.reduce((n, s) => n + s.items.length, 0);
  const kaoheRender: number[] = [];
  const surveyRender: number[] = [];
  for (let run = 0; run < RUNS + WARMUP; run += 1) {
    // Alternate the order so neither library always runs on a warmer heap.
    let k: number;
    let s: number;
    if (run % 2 === 0) {
      k = await kaoheFirstRender(rubric);
      s = await surveyFirstRenderSettled(json);
    } else {
      s = await surveyFirstRenderSettled(json);
      k = await kaoheFirstRender(rubric);
    }
    if (run >= WARMUP) {
      kaoheRender.push(k);
      surveyRender.push(s);
    }
    await frame();
  }
  const syncSurvey = median(Array.from({ length: 5 }, () => surveyFirstRender(json)));
  const kaoheInput = await kaoheInputToTotal(name, rubric, countItem);
  const surveyInput = await surveyInputToTotal(json, surveyName(countItem));
  const row = (what: string, k: number, s: number) => console.log(`${name.padEnd(10)} ${what.padEnd(16)} kaohe ${ms(k).padStart(10)}   surveyjs ${ms(s).padStart(10)}   kaohe/surveyjs ${(k / s).toFixed(2)}`);
  console.log(`${name}: ${itemCount} items, median of ${RUNS} runs (after ${WARMUP} warm-up)`);
  row('first render', median(kaoheRender), median(surveyRender));
  row('input → total', median(kaoheInput), median(surveyInput));
  console.log(`${name.padEnd(10)} (SurveyJS renderSurvey() returning, before its DOM settles: ${ms(syncSurvey)})`);
}

async function main(): Promise<void> {
  const style = document.createElement('style');
  style.textContent = surveyCss;
  document.head.append(style);
  console.log(`kaohe-rubric-form vs SurveyJS 2.5.38 (survey-core Model + survey-js-ui renderSurvey), ${navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? 'Chromium'}`);
  await compare('R-FS', loadRubric(rubricPresets['R-FS']), 'FS-7');
  await compare('GEN-200', loadRubric(generatedRubric(10, 20)), 'G-1-1');
}

main().then(
  () => { (window as { __benchDone?: boolean }).__benchDone = true; },
  (error: unknown) => { (window as { __benchError?: string }).__benchError = String(error instanceof Error ? error.stack : error); },
);
