#!/usr/bin/env node
// Runs one benchmark entry in real Chromium and prints what it logs:
//   node scripts/bench-browser.mjs packages/store/bench/store.bench.ts
// The entry is bundled with esbuild, served from 127.0.0.1 on a free port, and opened in Debian's
// Chromium through puppeteer-core (no browser download here). The entry signals the end by setting
// `window.__benchDone = true`, or a failure with `window.__benchError`. A benchmark asserts nothing;
// this exits non-zero only when the entry fails or never finishes.
// With BENCH_CPU_PROFILE=DIR, every console.profile()…profileEnd() the entry makes is saved as
// DIR/<title>.cpuprofile (for scripts/cpuprofile-summary.mjs), and the entry sees
// `window.__benchProfile === true` (its figures are then slowed by the profiler: not for the README).
// Entries under packages/elements/ bundle @kaohe/scoring as the page's core bundle has it (packages/embed/build.mjs),
// since the elements ship in the core: without the batch paths (packages/embed/batch-paths.mjs), so decimal.js
// and the schema score every sheet. Other entries (scoring's, the store's) bundle it whole, as Node and HR's
// bundle have it. BENCH_CORE=1 or BENCH_CORE=0 chooses either way for any entry; the run says which it measured.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { noBatchPaths } from '../packages/embed/batch-paths.mjs';

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node scripts/bench-browser.mjs <entry.ts>');
  process.exit(2);
}
const core = process.env.BENCH_CORE ? process.env.BENCH_CORE === '1' : /packages[\\/]elements[\\/]/.test(resolve(entry));
const timeoutMs = Number(process.env.BENCH_TIMEOUT_MS ?? 10 * 60 * 1000);
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const bundle = await build({
  entryPoints: [resolve(entry)],
  bundle: true,
  write: false,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  tsconfig: 'tsconfig.esbuild.json',
  sourcemap: 'inline',
  logLevel: 'warning',
  plugins: core ? [noBatchPaths] : [],
});
console.log(core
  ? '(scoring as the core bundle ships it, without the batch paths; BENCH_CORE=0 bundles them)'
  : '(scoring with its batch paths, as Node and HR\'s bundle have it; BENCH_CORE=1 bundles it as the core does)');
const script = bundle.outputFiles[0]?.contents;
if (!script) throw new Error(`esbuild produced nothing for ${entry}`);

// Errors thrown before or outside the entry's own try/catch still end the run instead of hanging it.
const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kaohe bench</title>
<script>
  addEventListener('error', (event) => { window.__benchError = String(event.error?.stack ?? event.message); });
  addEventListener('unhandledrejection', (event) => { window.__benchError = String(event.reason?.stack ?? event.reason); });
</script>
<script type="module" src="/bench.js"></script>
</head><body></body></html>`;

const server = createServer((request, response) => {
  if (request.url === '/bench.js') {
    response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
    response.end(script);
  } else if (request.url === '/' || request.url === '/index.html') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page);
  } else if (request.url === '/favicon.ico') {
    response.writeHead(204);
    response.end();
  } else {
    response.writeHead(404);
    response.end();
  }
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const address = server.address();
const port = typeof address === 'object' && address ? address.port : 0;

const userDataDir = mkdtempSync(join(tmpdir(), 'kaohe-bench-'));
let browser;
let failed = false;
try {
  browser = await puppeteer.launch({
    executablePath,
    headless: true,
    userDataDir,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const tab = await browser.newPage();
  tab.on('console', (message) => {
    (message.type() === 'error' ? console.error : console.log)(message.text());
  });
  tab.on('pageerror', (error) => {
    console.error(`page error: ${error.message}`);
  });
  const profileDir = process.env.BENCH_CPU_PROFILE;
  if (profileDir) {
    mkdirSync(profileDir, { recursive: true });
    const cdp = await tab.createCDPSession();
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    cdp.on('Profiler.consoleProfileFinished', ({ title, profile }) => {
      const file = join(profileDir, `${String(title).replace(/[^\w.-]+/g, '_')}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      console.log(`cpu profile: ${file}`);
    });
    await tab.evaluateOnNewDocument('window.__benchProfile = true');
  }
  await tab.goto(`http://127.0.0.1:${port}/`);
  await tab.waitForFunction('window.__benchDone === true || window.__benchError !== undefined', { timeout: timeoutMs, polling: 100 });
  const error = await tab.evaluate('window.__benchError');
  if (error !== undefined) {
    console.error(`bench failed: ${error}`);
    failed = true;
  }
} catch (error) {
  console.error(`bench could not run ${entry}: ${error instanceof Error ? error.message : String(error)}`);
  failed = true;
} finally {
  await browser?.close();
  server.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
