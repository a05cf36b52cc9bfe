// kaohe-hr.js loaded after the core on a plain page under the strict CSP: HR elements the page wrote
// before the chunk arrived get the context (who is looking, the directory) once it does, follow
// Kaohe.setUser like the core's own elements, and never lose a value the host set itself.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildBundles, launch, serve, watchedPage, type Launched, type Served } from './browser.ts';

const directory = {
  people: [
    { id: 'HR1', name: '人事', roles: ['hr'], department: '人力資源部' },
    { id: 'SP1', name: '王曉明', roles: ['salesperson'], region: '華北', department: '銷售公司' },
  ],
};

let folder: string;
let served: Served;
let launched: Launched;

before(async () => {
  buildBundles();
  folder = mkdtempSync(join(tmpdir(), 'kaohe-hr-'));
  writeFileSync(join(folder, 'index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>HR</title>
<script src="/kaohe/kaohe.iife.js" defer></script>
<script src="/setup.js" defer></script>
</head><body>
<kaohe-payroll-export id="from-context" department="銷售公司" period="2026-10"></kaohe-payroll-export>
<kaohe-payroll-export id="host-viewer" department="銷售公司" period="2026-10"></kaohe-payroll-export>
</body></html>`);
  writeFileSync(join(folder, 'setup.js'), `
(async () => {
  // The host names this element's viewer itself, before the HR chunk defines the tag.
  document.getElementById('host-viewer').viewer = 'SP1';
  await Kaohe.configure({ user: 'HR1', directory: ${JSON.stringify(directory)}, databaseName: 'hr-' + Math.random() });
  const before = customElements.get('kaohe-payroll-export') !== undefined;
  await new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/kaohe/kaohe-hr.js';
    script.onload = resolve;
    script.onerror = reject;
    document.head.append(script);
  });
  document.body.dataset.result = JSON.stringify({ before, api: Object.keys(window.KaoheHr ?? {}).sort() });
})().catch((error) => { document.body.dataset.result = JSON.stringify({ error: error.message }); });
`);
  served = await serve(folder);
  launched = await launch();
});

after(async () => {
  await launched?.close();
  await served?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** Whether each payroll export shows its button, and the viewer it holds. */
const exportsOnPage = (page: import('puppeteer-core').Page) => page.evaluate(() => Object.fromEntries(
  [...document.querySelectorAll<HTMLElement & { viewer: string }>('kaohe-payroll-export')]
    .map((element) => [element.id, { viewer: element.viewer, button: element.shadowRoot?.querySelector('button[part="export-button"]') != null }]),
));

describe('kaohe-hr.js after the core', () => {
  test('HR elements written before the chunk get the signed-in HR as viewer, follow setUser, and keep a viewer the host set', async () => {
    const { page, errors, cspConsole } = await watchedPage(launched.browser);
    await page.goto(served.url, { waitUntil: 'load' });
    await page.waitForFunction(() => document.body.dataset['result'] !== undefined, { timeout: 20_000 });
    const result = JSON.parse(await page.evaluate(() => document.body.dataset['result'] ?? 'null')) as { before?: boolean; api?: string[]; error?: string };
    assert.equal(result.error, undefined);
    assert.equal(result.before, false, 'the core does not define HR\'s elements');
    assert.deepEqual(result.api, ['KaoheAnnual', 'KaohePayrollExport', 'KaohePayrollExportedEvent', 'KaoheScoreDistribution', 'annualYear', 'distribution', 'distributionEntries', 'payroll', 'payrollCsv', 'payrollEntries', 'scoredAppraisals']);
    await page.waitForFunction(() => document.querySelector('#from-context')?.shadowRoot?.querySelector('button') != null, { timeout: 5_000 });
    assert.deepEqual(await exportsOnPage(page), {
      'from-context': { viewer: 'HR1', button: true },
      'host-viewer': { viewer: 'SP1', button: false },
    });

    // Signed in as a salesperson now: HR's export offers nothing; the host's own viewer is untouched.
    await page.evaluate(() => (window as unknown as { Kaohe: { setUser(id: string): void } }).Kaohe.setUser('SP1'));
    await page.waitForFunction(() => document.querySelector('#from-context')?.shadowRoot?.querySelector('button') == null, { timeout: 5_000 });
    assert.deepEqual(await exportsOnPage(page), {
      'from-context': { viewer: 'SP1', button: false },
      'host-viewer': { viewer: 'SP1', button: false },
    });
    await page.evaluate(() => (window as unknown as { Kaohe: { setUser(id: string): void } }).Kaohe.setUser('HR1'));
    await page.waitForFunction(() => document.querySelector('#from-context')?.shadowRoot?.querySelector('button') != null, { timeout: 5_000 });
    assert.equal((await exportsOnPage(page))['host-viewer']?.viewer, 'SP1');

    assert.deepEqual(cspConsole, []);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
