// The demo intranet as a visitor sees it, under its strict Content-Security-Policy: the core bundle
// and the presets by script tag on every page, the form builder's chunk only on HR's builder page,
// HR's views (kaohe-hr.js) only on "HR: month overview" and "My year".
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parsePayrollCsv } from '@kaohe/scoring';
import { startDemo, watchedPage, type Launched, type Watched } from './browser.ts';

let url: string;
let launched: Launched;
let demo: Awaited<ReturnType<typeof startDemo>> | undefined;

before(async () => {
  demo = await startDemo();
  ({ url, launched } = demo);
});

after(async () => {
  await demo?.close();
});

interface Visit extends Watched {
  /** paths requested under /kaohe/, the plugin's files */
  plugin: string[];
  /** the page's own securitypolicyviolation events so far (a refusal the console might not show) */
  violations(): Promise<string[]>;
}

/** Opens the demo as `user` on `hash`, once the demo has configured Kaohe (and seeded October). */
async function visit(user: string, hash: string): Promise<Visit> {
  const watched = await watchedPage(launched.browser);
  await watched.page.evaluateOnNewDocument(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  await watched.page.goto(url, { waitUntil: 'load' });
  await watched.page.evaluate((id) => localStorage.setItem('kaohe-demo:user', id), user);
  // Leave the page first: going to `#hash` from it would be a fragment navigation of the page still
  // signed in as the previous test's person, which renders that page for them (HR's overview fetches
  // kaohe-hr.js) before the reload signs the new person in.
  await watched.page.goto('about:blank');
  const plugin: string[] = [];
  watched.page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/kaohe/')) plugin.push(path);
  });
  await watched.page.goto(new URL(hash, url).href, { waitUntil: 'load' });
  await watched.page.reload({ waitUntil: 'load' });
  await watched.page.waitForFunction(() => document.getElementById('status') === null, { timeout: 60_000 });
  const violations = () => watched.page.evaluate(() => [...(window as unknown as { cspViolations: string[] }).cspViolations]);
  return { ...watched, plugin, violations };
}

const HR_CHUNK = '/kaohe/kaohe-hr.js';

/** "CN¥11,619.40" or "5,950.00" → cents, without binary floats. */
function cents(text: string): bigint {
  const match = /(-?)([\d,]+)\.(\d{2})/.exec(text);
  assert.ok(match, `an amount in "${text}"`);
  return BigInt(`${match[1]}${(match[2] as string).replaceAll(',', '')}${match[3]}`);
}

describe('the demo intranet under script-src \'self\' and style-src \'self\'', () => {
  test('a regional manager\'s My tasks lists each task on its own line, from kaohe.iife.js (and the modules it imports) and kaohe-presets.js, with no CSP refusal', async () => {
    const { page, plugin, cspConsole, errors } = await visit('RM1', '#tasks');
    await page.waitForFunction(() => (document.querySelector('kaohe-inbox')?.shadowRoot?.querySelectorAll('[role="row"][data-id]').length ?? 0) >= 2, { timeout: 15_000 });
    const tops = await page.evaluate(() => [...(document.querySelector('kaohe-inbox')?.shadowRoot?.querySelectorAll<HTMLElement>('[role="row"][data-id]') ?? [])]
      .map((row) => Math.round(row.getBoundingClientRect().top)));
    assert.equal(new Set(tops).size, tops.length, `rows drawn over one another: tops ${tops.join(', ')}`);
    // Besides the two script tags, only modules of the split build that kaohe.iife.js imports (hashed names,
    // issue 14) — never the builder's or HR's files.
    const files = [...new Set(plugin)];
    assert.deepEqual(files.filter((path) => !/^\/kaohe\/kaohe-[a-z-]+-[0-9a-f]{8}\.js$/.test(path)).sort(), ['/kaohe/kaohe-presets.js', '/kaohe/kaohe.iife.js']);
    assert.deepEqual(files.filter((path) => /form-builder|kaohe-hr/.test(path)), []);
    assert.deepEqual(cspConsole, []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a salesperson whose October is published sees a payslip whose lines add up to its total', async () => {
    // SP22: the seventh salesperson, whose October the seed drives to "published".
    const { page, cspConsole, errors } = await visit('SP22', '#payslip');
    await page.waitForFunction(() => document.querySelector('kaohe-payslip')?.shadowRoot?.querySelector('[data-total]') != null, { timeout: 15_000 });
    const { lines, total } = await page.evaluate(() => {
      const root = document.querySelector('kaohe-payslip')?.shadowRoot;
      return {
        lines: [...(root?.querySelectorAll<HTMLElement>('[data-amount]') ?? [])].map((cell) => cell.textContent ?? ''),
        total: root?.querySelector('[data-total]')?.textContent ?? '',
      };
    });
    assert.ok(lines.length >= 3, `P-1 has its lines: ${lines.join(' | ')}`);
    assert.equal(lines.map(cents).reduce((sum, amount) => sum + amount, 0n), cents(total));
    assert.deepEqual(cspConsole, []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a salesperson whose October is still with the reviewers is told on the score page that it is not published yet, not shown an error', async () => {
    // SP11: the first salesperson, whose October the seed leaves open with the regional manager.
    const { page, cspConsole, errors } = await visit('SP11', '#score');
    await page.waitForFunction(() => document.querySelector('main [role="status"]') !== null, { timeout: 15_000 });
    const said = await page.evaluate(() => ({
      status: document.querySelector('main [role="status"]')?.textContent ?? '',
      alert: document.querySelector('main [role="alert"]')?.textContent ?? null,
      form: document.querySelector('kaohe-rubric-form') !== null,
    }));
    assert.match(said.status, /尚未發布|not published yet/);
    assert.equal(said.alert, null);
    assert.equal(said.form, false);
    assert.deepEqual(cspConsole, []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('HR\'s rubric builder page loads kaohe-form-builder.js when opened, and not before, and offers R-SP to edit', async () => {
    const { page, plugin, errors } = await visit('H01', '#tasks');
    assert.ok(!plugin.some((path) => path.includes('form-builder')), 'My tasks does not load the builder');
    await page.click('a[data-page="builder"]');
    await page.waitForFunction(() => (document.querySelector('kaohe-form-builder') as unknown as { draft?: { id?: string } } | null)?.draft?.id === 'R-SP', { timeout: 15_000 });
    assert.ok(plugin.includes('/kaohe/kaohe-form-builder.js'));
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe('HR\'s views in the demo, from kaohe-hr.js', () => {
  test('HR\'s month overview shows a histogram per role, outliers first, and exports the sales company\'s published payslips as a CSV that parses back', async () => {
    const { page, plugin, cspConsole, errors, violations } = await visit('H01', '#tasks');
    assert.ok(!plugin.includes(HR_CHUNK), 'My tasks does not load the HR chunk');
    await page.click('a[data-page="hr"]');
    await page.waitForFunction(() => (document.querySelector('kaohe-score-distribution')?.shadowRoot?.querySelectorAll('section[part="role"]').length ?? 0) > 0, { timeout: 20_000 });
    assert.ok(plugin.includes(HR_CHUNK), 'the overview loads kaohe-hr.js');

    const roles = await page.evaluate(() => [...(document.querySelector('kaohe-score-distribution')?.shadowRoot?.querySelectorAll<HTMLElement>('section[part="role"]') ?? [])]
      .map((section) => ({
        role: section.dataset['role'] ?? '',
        bars: section.querySelectorAll('svg[part="histogram"] rect').length,
        counted: [...section.querySelectorAll('table[data-buckets] tbody td')].reduce((sum, cell) => sum + Number(cell.textContent), 0),
        rows: [...section.querySelectorAll<HTMLElement>('table[data-scores] tbody tr')].map((row) => ({
          employee: row.dataset['employee'] ?? '',
          outlier: row.getAttribute('part') === 'outlier',
          score: row.querySelector('td.score')?.textContent ?? '',
        })),
      })));
    // Every appraised role of the seed with a fully scored sheet in October.
    assert.deepEqual(roles.map((r) => r.role).sort(), ['afterSalesCustomerService', 'fieldServiceRepresentative', 'regionalManager', 'salesperson']);
    for (const role of roles) {
      assert.equal(role.bars, 10, `${role.role}: ten 10-point bands`);
      assert.equal(role.counted, role.rows.length, `${role.role}: the histogram counts every listed score`);
      const firstOrdinary = role.rows.findIndex((row) => !row.outlier);
      assert.ok(firstOrdinary === -1 || role.rows.slice(firstOrdinary).every((row) => !row.outlier), `${role.role}: outliers are listed first`);
    }
    const salespeople = roles.find((r) => r.role === 'salesperson');
    assert.ok(salespeople && salespeople.rows.length >= 10, 'the salespeople scored in October are there');

    const exported = await page.evaluate(async () => {
      const element = document.querySelector('section[data-department="銷售公司"] kaohe-payroll-export');
      const button = element?.shadowRoot?.querySelector<HTMLButtonElement>('button[part="export-button"]');
      if (!element || !button) return null;
      const heard = new Promise<{ csv: string; fileName: string; count: number }>((resolve) => {
        document.addEventListener('kaohe-payroll-exported', (event) => {
          const { csv, fileName, count } = event as Event & { csv: string; fileName: string; count: number };
          resolve({ csv, fileName, count });
        }, { once: true });
      });
      // What the browser is handed to download: the Blob behind the link the element clicks.
      const blobs: Promise<string>[] = [];
      const createObjectURL = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (blob: Blob | MediaSource) => {
        if (blob instanceof Blob) blobs.push(blob.arrayBuffer().then((bytes) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)));
        return createObjectURL(blob);
      };
      const label = button.textContent ?? '';
      button.click();
      const event = await heard;
      URL.createObjectURL = createObjectURL;
      return { ...event, label, file: await blobs[0] };
    });
    assert.ok(exported, 'the sales company has an export button');
    assert.equal(exported.fileName, 'payroll-銷售公司-2026-10.csv');
    assert.equal(exported.file, exported.csv, 'the downloaded file is the CSV the event reports');
    assert.ok(exported.file.startsWith('\uFEFF'), 'UTF-8 with a byte-order mark, so Excel reads the names');
    const { header, rows } = await parsePayrollCsv(exported.file);
    assert.equal(rows.length, exported.count);
    assert.match(exported.label, new RegExp(`\\b${exported.count}\\b`), 'the button said how many payslips it would export');
    assert.ok(header.includes('pay.total') && header.includes('department'));
    for (const row of rows) {
      assert.equal(row['department'], '銷售公司');
      assert.equal(row['period'], '2026-10');
      assert.match(row['pay.total'] ?? '', /^-?\d+\.\d{2}$/, `${row['employee']} has a pay total`);
    }
    // A published salesperson's monthly score in the export is the one the histogram table shows.
    const shown = new Map(salespeople.rows.map((row) => [row.employee, row.score]));
    const sp22 = rows.find((row) => row['employee'] === 'SP22');
    assert.ok(sp22, 'SP22\'s October is published and exported');
    assert.equal(Number(sp22['monthly']).toFixed(2), Number(shown.get('SP22')).toFixed(2));

    assert.deepEqual(cspConsole, []);
    assert.deepEqual(await violations(), []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a salesperson opening HR\'s month overview is told it is not available to them, and the HR chunk is not fetched', async () => {
    const { page, plugin, errors } = await visit('SP11', '#hr');
    await page.waitForSelector('[data-not-available]', { timeout: 10_000 });
    assert.equal(await page.$('kaohe-score-distribution'), null);
    assert.ok(!plugin.includes(HR_CHUNK));
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a salesperson\'s My year shows ten published months of 2026 and an annual score that follows the O-6 setting', async () => {
    // SP22: October published, and November 2025 to September 2026 seeded as published.
    const { page, plugin, cspConsole, errors, violations } = await visit('SP22', '#payslip');
    assert.ok(!plugin.includes(HR_CHUNK), 'My payslip does not load the HR chunk');
    await page.click('a[data-page="year"]');
    const annualText = () => page.evaluate(() => document.querySelector('kaohe-annual')?.shadowRoot?.querySelector('[data-annual]')?.textContent ?? '');
    await page.waitForFunction(() => document.querySelector('kaohe-annual')?.shadowRoot?.querySelector('[data-annual]') != null, { timeout: 20_000 });
    assert.ok(plugin.includes(HR_CHUNK), 'My year loads kaohe-hr.js');
    const bars = await page.evaluate(() => [...(document.querySelector('kaohe-annual')?.shadowRoot?.querySelectorAll<SVGElement>('rect.bar') ?? [])].map((bar) => Number(bar.dataset['month'])));
    assert.deepEqual(bars, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'January to October 2026 are published');

    const twelveText = await annualText();
    const byTwelve = cents(twelveText);
    await page.select('select[data-divisor]', 'appraised');
    await page.waitForFunction((before) => {
      const text = document.querySelector('kaohe-annual')?.shadowRoot?.querySelector('[data-annual]')?.textContent ?? '';
      return text !== '' && text !== before;
    }, { timeout: 5_000 }, twelveText);
    const byMonths = cents(await annualText());
    // O-6: the same sum divided by 12 or by the ten months appraised (each rounded to 0.01).
    const diff = byTwelve * 12n - byMonths * 10n;
    assert.ok(diff <= 12n && diff >= -12n, `÷12 gives ${byTwelve}, ÷10 gives ${byMonths}: not the same sum`);
    assert.ok(byMonths > byTwelve);

    assert.deepEqual(cspConsole, []);
    assert.deepEqual(await violations(), []);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
