// How much JavaScript a host page downloads before a Kaohe element on it is interactive, measured
// in real Chromium (issue 14): a plain host page per case, under `script-src 'self'`, loads the
// bundles by script tag; every Kaohe script the page fetched (the loader, then the modules it
// imports) is summed as the bytes a server sending gzip -9 would transfer (the .gz build.mjs writes
// beside each file). Prints a table; asserts nothing.
// The "on the server" rows configure `server` with a token and the directory: the page loads what server
// mode loads (the HTTP client, no workflow machine, no IndexedDB store, no rubric rules); no Kaohe server answers there,
// which changes no byte of JavaScript (no chunk is loaded because of an answer), only what the inbox lists.
//   node --import tsx packages/embed/bench/page-weight.ts            (builds the bundles first unless --no-build)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { payPlanPresets, rubricPresets } from '@kaohe/scoring/presets';
import { chainPresets, openAppraisal } from '@kaohe/workflow';
import { startServer } from '../../../demo/serve.mjs';
import { embedDist, launch, root } from '../../../tests/e2e/browser.ts';

interface Case {
  name: string;
  /** the issue's target for this row, in KB gzip (none for a row the issue does not have) */
  target?: number;
  /** the core kaohe.iife.js (126.9 KB) plus any other file, before the split (issue 14, measured 02:50 on main 943efb7) */
  before: number;
  scripts: string[];
  /** the host's own setup, run after the bundles (a file of the page, as CSP wants) */
  setup: string;
  body: string;
  /** the tags that must have rendered before the page counts as interactive */
  ready: string[];
  /** per tag of `ready`, what its shadow root must hold besides (the payslip itself, not a refusal) */
  shows?: Record<string, string>;
}

// The host's own rubric (R-SP's JSON under another id): a page with a rubric needs no presets file.
const hostRubric = { ...rubricPresets['R-SP'], id: 'HOST-SP' };
const configure = `
const people = [{ id: 'u1', name: 'Ann', roles: ['hr'] }, { id: 'e1', name: 'Emp', roles: ['salesperson'], managerId: 'u1' }];
await Kaohe.configure({ user: 'u1', directory: { people }, rubrics: [${JSON.stringify(hostRubric)}], databaseName: 'weight-' + location.pathname });
`;
// On the server, the page configures as docs/deploy.md shows: the server, the token and the person (and here the
// directory, as no server answers GET /people). The rubrics are the server's there: a page passing its own too
// would load the rubric rules to check them (rubric-rules, ~23 KB gzip on these pages; see packages/embed/src/rules.ts).
const onServer = `
const people = [{ id: 'u1', name: 'Ann', roles: ['hr'] }, { id: 'e1', name: 'Emp', roles: ['salesperson'], managerId: 'u1' }];
await Kaohe.configure({ user: 'u1', directory: { people }, server: '/kaohe-api', token: () => 'a-token-the-host-signed' });
`;
// Without a server the payslip computes the pay from what the host hands it, as the demo's payslip page
// does: the employee's published appraisal, the host's own plan (P-1's JSON under another id: a page with
// its plan needs no presets file) and the month's figures (the CLI's P-1 example). The viewer is the
// employee, the configured user.
const payslipPeople = [{ id: 'u1', name: 'Ann', roles: ['hr'] }, { id: 'e1', name: 'Emp', roles: ['salesperson'], managerId: 'u1' }];
const payslipRecord = {
  ...openAppraisal({ employee: 'e1', period: '2026-10', rubric: { id: 'HOST-SP', version: 1 }, chain: chainPresets['W-SP'], directory: { people: payslipPeople }, now: '2026-11-01T09:00:00+08:00' }),
  status: 'published',
};
const payslipInput = { employee: 'e1', period: '2026-10', values: { T: '8000', completionRate: '0.85', workScore: '90', overPlanBonus: '0' }, settings: { scoreRateBasis: 'work', completionCap: 'capped' } };
const payslipAlone = `
await Kaohe.configure({ user: 'e1', directory: { people: ${JSON.stringify(payslipPeople)} } });
const payslip = document.querySelector('kaohe-payslip');
payslip.plan = ${JSON.stringify({ ...payPlanPresets['P-1'], id: 'HOST-P1' })};
payslip.input = ${JSON.stringify(payslipInput)};
payslip.record = ${JSON.stringify(payslipRecord)};`;
const cases: Case[] = [
  {
    name: 'kaohe-rubric-form with a rubric', target: 55, before: 126.9, scripts: ['/kaohe/kaohe.iife.js'],
    setup: `${configure}
const form = document.querySelector('kaohe-rubric-form');
form.rubric = Kaohe.context.rubrics['HOST-SP'];
form.sheet = { rubric: 'HOST-SP', rubricVersion: 1, employee: 'e1', period: '2026-10', attendance: { absentDays: '0' }, entries: {} };`,
    body: '<kaohe-rubric-form></kaohe-rubric-form>', ready: ['kaohe-rubric-form'],
  },
  {
    name: 'kaohe-inbox on the server', target: 60, before: 126.9, scripts: ['/kaohe/kaohe.iife.js'],
    setup: onServer, body: '<kaohe-inbox></kaohe-inbox>', ready: ['kaohe-inbox'],
  },
  {
    name: 'kaohe-payslip on the server', target: 45, before: 126.9, scripts: ['/kaohe/kaohe.iife.js'],
    setup: onServer, body: '<kaohe-payslip></kaohe-payslip>', ready: ['kaohe-payslip'],
  },
  {
    // not a row of the issue's: the payslip without a server, which must not load the workflow machine (added 6 Dec, visibility)
    name: 'kaohe-payslip, no-server mode', before: 126.9, scripts: ['/kaohe/kaohe.iife.js'],
    setup: payslipAlone, body: '<kaohe-payslip></kaohe-payslip>', ready: ['kaohe-payslip'], shows: { 'kaohe-payslip': '[part~="payslip"] [data-total]' },
  },
  {
    name: 'every core element, no-server mode', target: 112, before: 126.9, scripts: ['/kaohe/kaohe.iife.js'],
    setup: configure, body: '<kaohe-inbox></kaohe-inbox><kaohe-rubric-form></kaohe-rubric-form><kaohe-payslip></kaohe-payslip>',
    ready: ['kaohe-inbox', 'kaohe-rubric-form', 'kaohe-payslip'],
    // the inbox is usable once it has listed its tasks (its grid no longer busy): that takes the page's own
    // service and store, so stopping at its first render counted them or not depending on timing (106–135 KB)
    shows: { 'kaohe-inbox': '[role="grid"]:not([aria-busy])' },
  },
  {
    name: "HR's page with the form builder", target: 150, before: 248.3, scripts: ['/kaohe/kaohe.iife.js', '/kaohe/kaohe-form-builder.js'],
    setup: configure, body: '<kaohe-form-builder></kaohe-form-builder>', ready: ['kaohe-form-builder'],
  },
];

if (!process.argv.includes('--no-build')) {
  execFileSync(process.execPath, [join(root, 'packages', 'embed', 'build.mjs'), '--quiet'], { stdio: 'inherit' });
}
const pages = mkdtempSync(join(tmpdir(), 'kaohe-weight-'));
cases.forEach((c, n) => {
  writeFileSync(join(pages, `case${n}.js`), `(async () => {${c.setup}\nwindow.__weightSetUp = true;\n})().catch((error) => { window.__weightError = String(error); });\n`);
  writeFileSync(join(pages, `case${n}.html`), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${c.name}</title>
${c.scripts.map((src) => `<script src="${src}" defer></script>`).join('\n')}
<script src="case${n}.js" defer></script></head><body><main>${c.body}</main></body></html>`);
});
const { server, url } = await startServer({ port: 0, routes: [['/kaohe/', embedDist], ['/', pages]] });
const launched = await launch();
const rows: string[] = [];
try {
  for (const [n, c] of cases.entries()) {
    const context = await launched.browser.createBrowserContext();
    const page = await context.newPage();
    const scripts = new Map<string, number>();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    page.on('requestfinished', (request) => {
      // Kaohe's files only: the host's own setup script (here carrying its rubric's JSON) is the host's weight.
      const path = new URL(request.url()).pathname;
      if (request.resourceType() !== 'script' || !path.startsWith('/kaohe/')) return;
      scripts.set(path, readFileSync(join(embedDist, `${path.slice('/kaohe/'.length)}.gz`)).length);
    });
    await page.goto(new URL(`case${n}.html`, url).href, { waitUntil: 'load' });
    await page.waitForFunction((tags: string[], shows: Record<string, string>) => {
      const failed = (window as unknown as { __weightError?: string }).__weightError;
      if (failed) throw new Error(failed);
      // the host's setup (configure and all it loads) has finished, and every element has rendered (what it must show)
      return (window as unknown as { __weightSetUp?: boolean }).__weightSetUp === true && tags.every((tag) => {
        const root = document.querySelector(tag)?.shadowRoot;
        const selector = shows[tag];
        return selector === undefined ? (root?.childElementCount ?? 0) > 0 : root?.querySelector(selector) != null;
      });
    }, { timeout: 60_000 }, c.ready, c.shows ?? {}).catch((error: unknown) => { throw new Error(`${c.name}: ${String(error)} ${errors.join('; ')}`); });
    const total = [...scripts.values()].reduce((sum, bytes) => sum + bytes, 0);
    const files = [...scripts].map(([path, bytes]) => `${path.replace(/^.*\//, '')} ${(bytes / 1024).toFixed(1)}`).join(', ');
    rows.push(`| ${c.name} | ${c.before} KB | ${c.target === undefined ? '—' : `≤ ${c.target} KB`} | ${(total / 1024).toFixed(1)} KB | ${files} |`);
    await context.close();
  }
} finally {
  await launched.close();
  server.closeAllConnections();
  server.close();
  rmSync(pages, { recursive: true, force: true });
}
console.log('| page shows | before (gzip -9) | issue 14 target | now (gzip -9) | files (KB) |');
console.log('|---|---|---|---|---|');
for (const row of rows) console.log(row);
