// The demo intranet as a visitor sees it, under its strict Content-Security-Policy: the core bundle
// and the presets by script tag on every page, the form builder's chunk only on HR's builder page.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startServer } from '../../demo/serve.mjs';
import { buildBundles, launch, root, watchedPage, type Launched, type Watched } from './browser.ts';

let url: string;
let closeServer: () => Promise<void>;
let launched: Launched;

before(async () => {
  buildBundles();
  execFileSync(process.execPath, [join(root, 'demo', 'build.mjs')], { stdio: 'ignore' });
  const { server, url: address } = await startServer({ port: 0 });
  url = address;
  closeServer = () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  };
  launched = await launch();
});

after(async () => {
  await launched?.close();
  await closeServer?.();
});

interface Visit extends Watched {
  /** paths requested under /kaohe/, the plugin's files */
  plugin: string[];
}

/** Opens the demo as `user` on `hash`, once the demo has configured Kaohe (and seeded October). */
async function visit(user: string, hash: string): Promise<Visit> {
  const watched = await watchedPage(launched.browser);
  await watched.page.goto(url, { waitUntil: 'load' });
  await watched.page.evaluate((id) => localStorage.setItem('kaohe-demo:user', id), user);
  const plugin: string[] = [];
  watched.page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/kaohe/')) plugin.push(path);
  });
  await watched.page.goto(new URL(hash, url).href, { waitUntil: 'load' });
  await watched.page.reload({ waitUntil: 'load' });
  await watched.page.waitForFunction(() => document.getElementById('status') === null, { timeout: 60_000 });
  return { ...watched, plugin };
}

/** "CN¥11,619.40" or "5,950.00" → cents, without binary floats. */
function cents(text: string): bigint {
  const match = /(-?)([\d,]+)\.(\d{2})/.exec(text);
  assert.ok(match, `an amount in "${text}"`);
  return BigInt(`${match[1]}${(match[2] as string).replaceAll(',', '')}${match[3]}`);
}

describe('the demo intranet under script-src \'self\' and style-src \'self\'', () => {
  test('a regional manager\'s My tasks lists each task on its own line, from kaohe.iife.js and kaohe-presets.js alone, with no CSP refusal', async () => {
    const { page, plugin, cspConsole, errors } = await visit('RM1', '#tasks');
    await page.waitForFunction(() => (document.querySelector('kaohe-inbox')?.shadowRoot?.querySelectorAll('[role="row"][data-id]').length ?? 0) >= 2, { timeout: 15_000 });
    const tops = await page.evaluate(() => [...(document.querySelector('kaohe-inbox')?.shadowRoot?.querySelectorAll<HTMLElement>('[role="row"][data-id]') ?? [])]
      .map((row) => Math.round(row.getBoundingClientRect().top)));
    assert.equal(new Set(tops).size, tops.length, `rows drawn over one another: tops ${tops.join(', ')}`);
    assert.deepEqual([...new Set(plugin)].sort(), ['/kaohe/kaohe-presets.js', '/kaohe/kaohe.iife.js']);
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
