// The printed payslip, as Chromium prints it: one A4 page, no buttons, and a screenshot of the
// print layout kept for a person to look at (KAOHE_PRINT_SHOT, default the OS temp directory).
// web-test-runner has no screenshot command, so this drives Chromium with puppeteer-core.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { readFile } from 'node:fs/promises';
import { computePay, type PayInput } from '@kaohe/scoring';
import { payPlanPresets } from '@kaohe/scoring/presets';

const elements = fileURLToPath(new URL('../src/', import.meta.url));
const examples = fileURLToPath(new URL('../../cli/examples/pay/', import.meta.url));

describe('the printed payslip (P-2, a month under 60)', () => {
  let browser: Browser;
  let page: Page;
  let dir: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kaohe-print-'));
    const contents = `
      import { payPlanPresets } from '@kaohe/scoring/presets';
      import { chainPresets, openAppraisal } from '@kaohe/workflow';
      import { KaohePayslip } from ${JSON.stringify(join(elements, 'kaohe-payslip/kaohe-payslip.ts'))};
      import { registerPayPlans } from ${JSON.stringify(join(elements, 'base/pay-plans.ts'))};
      import input from ${JSON.stringify(join(examples, 'p2-li-under60.json'))};
      KaohePayslip.define('kaohe-payslip');
      registerPayPlans(payPlanPresets);
      const directory = { people: [{ id: 'li.na', name: '李娜', number: 'E2002', roles: ['serviceStaff'], department: 'service' }] };
      const record = { ...openAppraisal({ employee: 'li.na', period: '2026-10', rubric: { id: 'R-SV', version: 1 }, chain: chainPresets['W-SV'], directory, now: '2026-11-01T09:00:00+08:00' }), status: 'published' };
      const el = document.createElement('kaohe-payslip');
      Object.assign(el, { locale: 'zh-Hant', plan: 'P-2', input, record, viewer: 'li.na', directory });
      document.body.append(el);
      await el.updateComplete;
      document.body.dataset.ready = 'true';
    `;
    await build({
      // resolved from this folder, so the workspace packages are found as the elements find them
      stdin: { contents, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'ts', sourcefile: 'print-entry.ts' },
      bundle: true, format: 'esm', outfile: join(dir, 'bundle.js'), target: 'es2022', logLevel: 'silent',
      tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    });
    await writeFile(join(dir, 'index.html'), '<!doctype html><html lang="zh-Hant"><meta charset="utf-8"><body style="margin:0"><script type="module" src="bundle.js"></script></body></html>');
    browser = await puppeteer.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      userDataDir: await mkdtemp(join(tmpdir(), 'kaohe-print-profile-')),
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--allow-file-access-from-files'],
    });
    page = await browser.newPage();
    await page.goto(`file://${join(dir, 'index.html')}`);
    await page.waitForSelector('body[data-ready="true"]');
  });

  after(async () => {
    await browser?.close();
  });

  it('hides the print button, prints black on white, and fits one A4 page', async () => {
    await page.emulateMediaType('print');
    await page.setViewport({ width: 794, height: 1123 }); // A4 at 96 dpi
    const styles = await page.evaluate(() => {
      const el = document.querySelector('kaohe-payslip')!;
      const button = el.shadowRoot!.querySelector('button')!;
      return { button: getComputedStyle(button).display, color: getComputedStyle(el).color, total: el.shadowRoot!.querySelector('[data-total]')!.textContent };
    });
    assert.deepEqual([styles.button, styles.color], ['none', 'rgb(0, 0, 0)']);
    const input = JSON.parse(await readFile(join(examples, 'p2-li-under60.json'), 'utf8')) as PayInput;
    assert.equal((styles.total ?? '').replace(/[^\d.]/g, ''), computePay(payPlanPresets['P-2']!, input).total);
    const shot = process.env.KAOHE_PRINT_SHOT ?? join(dir, 'payslip-print.png');
    await page.screenshot({ path: shot as `${string}.png`, fullPage: true });
    const pdf = Buffer.from(await page.pdf({ format: 'A4', printBackground: true }));
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    assert.equal(pages.length, 1, `the payslip printed on ${pages.length} pages`);
  });
});
