// What the end-to-end tests share: the built bundles, a page server with the demo's strict CSP, and
// Debian's Chromium driven by puppeteer-core.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CSP, startServer } from '../../demo/serve.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const embedDist = join(root, 'packages', 'embed', 'dist');
export { CSP };

/** Builds every bundle of packages/embed/dist (core, presets, form builder), so the tests never run against a stale bundle. */
export function buildBundles(): void {
  execFileSync(process.execPath, [join(root, 'packages', 'embed', 'build.mjs'), '--quiet'], { stdio: 'inherit' });
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Serves `folder` at / and the bundles at /kaohe/ on 127.0.0.1 (a random port). */
export async function serve(folder: string, csp = CSP): Promise<Served> {
  const { server, url } = await startServer({ port: 0, routes: [['/kaohe/', embedDist], ['/', folder]], csp });
  return { url, close: () => close(server) };
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export interface Launched {
  browser: Browser;
  close(): Promise<void>;
}

export async function launch(): Promise<Launched> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'kaohe-e2e-'));
  const browser = await puppeteer.launch({
    executablePath: process.env['CHROMIUM_PATH'] || '/usr/bin/chromium',
    userDataDir,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface Watched {
  page: Page;
  /** uncaught exceptions in the page */
  errors: string[];
  /** console lines that report a Content-Security-Policy refusal */
  cspConsole: string[];
  console: string[];
}

/** A new page whose uncaught errors and CSP console reports are collected. */
export async function watchedPage(browser: Browser): Promise<Watched> {
  const page = await browser.newPage();
  const watched: Watched = { page, errors: [], cspConsole: [], console: [] };
  page.on('pageerror', (error) => watched.errors.push(error instanceof Error ? error.message : String(error)));
  page.on('console', (message) => {
    const text = message.text();
    watched.console.push(`${message.type()}: ${text}`);
    if (/Content Security Policy|Refused to/i.test(text)) watched.cspConsole.push(text);
  });
  return watched;
}

/** Builds the bundles and the demo, serves the demo intranet as `npm start` does (a random port), and launches Chromium. */
export async function startDemo(): Promise<{ url: string; launched: Launched; close(): Promise<void> }> {
  buildBundles();
  execFileSync(process.execPath, [join(root, 'demo', 'build.mjs')], { stdio: 'ignore' });
  const { server, url } = await startServer({ port: 0 });
  const launched = await launch();
  return {
    url,
    launched,
    async close() {
      await launched.close();
      await close(server);
    },
  };
}

