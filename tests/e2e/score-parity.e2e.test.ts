// A regional manager scores a salesperson through the rubric form on a plain page that loads the
// IIFE bundle by script tag, and submits. What the form submits must score exactly as the CLI
// (`kaohe score`) scores the same sheet: one engine, whichever door the sheet comes through.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ScoreResult, Sheet } from '@kaohe/scoring';
import type { Page } from 'puppeteer-core';
import { buildBundles, launch, root, serve, watchedPage, type Launched, type Served } from './browser.ts';

const cli = join(root, 'packages', 'cli', 'bin', 'kaohe.mjs');

const setup = `
window.Kaohe.configure({
  user: 'RM1',
  directory: { people: [
    { id: 'RM1', name: '張經理', roles: ['regionalManager'], region: '華北' },
    { id: 'SP1', name: '王曉明', roles: ['salesperson'], region: '華北', managerId: 'RM1' },
  ] },
  locale: 'en',
}).then(() => {
  const form = document.getElementById('form');
  form.addEventListener('kaohe-submitted', (event) => {
    window.__submitted = { sheet: event.sheet, result: event.result };
  });
  form.rubric = window.Kaohe.loadRubric(window.Kaohe.presets.rubrics['R-SP']);
  form.sheet = { rubric: 'R-SP', period: '2026-10', employee: 'SP1', attendance: { absentDays: '0' }, entries: {} };
  return form.updateComplete;
}).then(() => { document.body.dataset.ready = 'yes'; });
`;

let folder: string;
let served: Served;
let launched: Launched;

before(async () => {
  buildBundles();
  folder = mkdtempSync(join(tmpdir(), 'kaohe-parity-'));
  writeFileSync(join(folder, 'setup.js'), setup);
  writeFileSync(join(folder, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Score</title>
<script src="/kaohe/kaohe.iife.js"></script><script src="/kaohe/kaohe-presets.js"></script><script src="/setup.js" defer></script></head>
<body><kaohe-rubric-form id="form"></kaohe-rubric-form></body></html>`);
  served = await serve(folder);
  launched = await launch();
  assert.ok(existsSync(cli), `the CLI is at ${cli}`);
});

after(async () => {
  await launched?.close();
  await served?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

const item = (id: string, control = 'input[type="number"]') => `kaohe-rubric-form >>> fieldset[data-item="${id}"] ${control}`;

async function type(page: Page, selector: string, value: string): Promise<void> {
  const input = await page.waitForSelector(selector);
  assert.ok(input, `${selector} is on the form`);
  await input.click({ count: 3 });
  await input.type(value);
}

async function missing(page: Page): Promise<string[]> {
  return page.evaluate(() => (document.getElementById('form') as unknown as { result: ScoreResult | null }).result?.missing ?? []);
}

describe('scoring through the form equals scoring with the CLI', () => {
  test('a salesperson with two late daily reports (SP-D1), one missed visit record (SP-W3), 4 points for SP-Q and 1.5 absent days scores the same in the form and in `kaohe score`', async () => {
    const { page, errors } = await watchedPage(launched.browser);
    await page.goto(served.url, { waitUntil: 'load' });
    await page.waitForFunction(() => document.body.dataset['ready'] === 'yes', { timeout: 15_000 });

    // SP-D1 by its + button, twice, as an assessor would; the rest typed.
    const plus = await page.waitForSelector(item('SP-D1', 'button[part="stepper-button"]:last-of-type'));
    await plus?.click();
    await plus?.click();
    await type(page, item('SP-W3'), '1');
    await type(page, item('SP-Q'), '4');
    await type(page, 'kaohe-rubric-form >>> #absent-days', '1.5');
    // Every other item the rubric still asks for gets "nothing happened": a zero count or no breach.
    for (const id of await missing(page)) {
      const count = await page.$(item(id));
      if (count) await type(page, item(id), '0');
      else {
        const breach = await page.$(item(id, 'input[type="checkbox"]'));
        assert.ok(breach, `${id} has a count or a breach switch`);
        await breach.click();
        await breach.click();
      }
    }
    assert.deepEqual(await missing(page), [], 'every item is scored');

    const submit = await page.waitForSelector('kaohe-rubric-form >>> [part~="submit"]');
    await submit?.click();
    await page.waitForFunction(() => (window as unknown as { __submitted?: unknown }).__submitted !== undefined, { timeout: 5000 });
    const submitted = await page.evaluate(() => (window as unknown as { __submitted: { sheet: Sheet; result: ScoreResult } }).__submitted);
    assert.deepEqual(errors, []);

    // What the assessor did is what the sheet says.
    assert.equal(submitted.sheet.entries['SP-D1']?.count, 2);
    assert.equal(submitted.sheet.entries['SP-W3']?.count, 1);
    assert.equal(String(submitted.sheet.entries['SP-Q']?.points), '4');
    assert.equal(String(submitted.sheet.attendance?.absentDays), '1.5');

    const sheetFile = join(folder, 'sheet.json');
    writeFileSync(sheetFile, JSON.stringify(submitted.sheet));
    const fromCli = JSON.parse(execFileSync(process.execPath, [cli, 'score', '--rubric', 'R-SP', '--sheet', sheetFile], { encoding: 'utf8' })) as ScoreResult;

    assert.equal(submitted.result.work, fromCli.work, 'daily-work score');
    assert.equal(submitted.result.attendance, fromCli.attendance, 'attendance (C-2: 1.5 days count as 2)');
    assert.equal(submitted.result.monthly, fromCli.monthly, 'monthly score (C-1)');
    const scores = (result: ScoreResult) => result.sections.map((section) => [section.id, section.score, section.items.map((i) => [i.id, i.score])]);
    assert.deepEqual(scores(submitted.result), scores(fromCli), 'every section and item');
    // C-2: two absent days at −4 each, whatever the form or the CLI.
    assert.equal(Number(fromCli.attendance), 92);
  });
});
