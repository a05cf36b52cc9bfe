// The plugin on an intranet page that sends a strict Content-Security-Policy: no inline script, no
// eval, no inline styles. The bundle is loaded by script tag (twice, as careless pages do), the
// presets by their own tag or by Kaohe.loadPresets(), the page's own code is an external file, and
// the rubric form must render without a single violation.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { rubricPresets } from '@kaohe/scoring/presets';
import { CSP, buildBundles, launch, serve, watchedPage, type Launched, type Served, type Watched } from './browser.ts';

const rSpSections = (rubricPresets['R-SP']?.sections ?? []).map((section) => section.id);

// Registered before anything else runs, so a violation by the bundle itself is caught.
const watchScript = `
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(event.violatedDirective + ' ' + (event.blockedURI || '') + ' ' + (event.sourceFile || '') + ':' + event.lineNumber);
});
`;

// What an intranet developer writes in their own external file.
const setup = (kaohe: string) => `
${kaohe}
const directory = { people: [
  { id: 'RM1', name: '張經理', roles: ['regionalManager'], region: '華北' },
  { id: 'SP1', name: '王曉明', roles: ['salesperson'], region: '華北', managerId: 'RM1' },
] };
// The presets come from their own file: by script tag (already in, resolves at once) or, for the ESM, import().
Kaohe.loadPresets().then(() => Kaohe.configure({ user: 'RM1', directory, locale: 'zh-Hant' })).then(() => {
  const form = document.getElementById('form');
  form.rubric = Kaohe.loadRubric(Kaohe.presets.rubrics['R-SP']);
  form.sheet = { rubric: 'R-SP', period: '2026-10', employee: 'SP1', attendance: { absentDays: '0' }, entries: {} };
  return form.updateComplete;
}).then(() => {
  document.body.dataset.ready = 'yes';
}, (error) => {
  document.body.dataset.ready = 'failed: ' + error.message;
});
`;

const page = (scripts: string) => `<!doctype html>
<html lang="zh-Hant"><head><meta charset="utf-8"><title>CSP</title>
<script src="/watch.js"></script>
${scripts}
</head><body><kaohe-rubric-form id="form"></kaohe-rubric-form></body></html>`;

let folder: string;
let served: Served;
let launched: Launched;

before(async () => {
  buildBundles();
  folder = mkdtempSync(join(tmpdir(), 'kaohe-csp-'));
  writeFileSync(join(folder, 'watch.js'), watchScript);
  writeFileSync(join(folder, 'setup-iife.js'), setup(''));
  writeFileSync(join(folder, 'setup-esm.js'), setup("import { Kaohe } from '/kaohe/kaohe.js';"));
  // The IIFE twice: a page that includes the plugin from two templates must not break. The presets
  // by a second script tag, as the README shows.
  writeFileSync(join(folder, 'iife.html'), page(`<script src="/kaohe/kaohe.iife.js"></script>
<script src="/kaohe/kaohe.iife.js"></script>
<script src="/kaohe/kaohe-presets.js"></script>
<script src="/setup-iife.js" defer></script>`));
  // The presets not on the page: Kaohe.loadPresets() finds kaohe-presets.js beside the core script and injects it.
  writeFileSync(join(folder, 'iife-load.html'), page(`<script src="/kaohe/kaohe.iife.js"></script>
<script src="/setup-iife.js" defer></script>`));
  writeFileSync(join(folder, 'esm.html'), page('<script type="module" src="/setup-esm.js"></script>'));
  // Both bundles on one page: two copies of the elements, defined once.
  writeFileSync(join(folder, 'both.html'), page(`<script src="/kaohe/kaohe.iife.js"></script>
<script type="module" src="/setup-esm.js"></script>`));
  served = await serve(folder);
  launched = await launch();
});

after(async () => {
  await launched?.close();
  await served?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

async function open(file: string): Promise<Watched & { violations: string[]; sections: string[]; ready: string }> {
  const watched = await watchedPage(launched.browser);
  const response = await watched.page.goto(new URL(file, served.url).href, { waitUntil: 'load' });
  assert.equal(response?.headers()['content-security-policy'], CSP, 'the page is served with the strict policy');
  await watched.page.waitForFunction(() => document.body.dataset['ready'] !== undefined, { timeout: 15_000 });
  const state = await watched.page.evaluate(() => {
    const form = document.getElementById('form');
    return {
      ready: document.body.dataset['ready'] ?? '',
      violations: (window as unknown as { __cspViolations: string[] }).__cspViolations,
      sections: [...(form?.shadowRoot?.querySelectorAll<HTMLElement>('fieldset[part~="section"]') ?? [])].map((node) => node.dataset['section'] ?? 'attendance'),
    };
  });
  await watched.page.close();
  return { ...watched, ...state };
}

describe('the plugin under script-src \'self\' and style-src \'self\' (no inline code, no eval, no inline styles)', () => {
  test('the IIFE bundle loaded twice by script tag renders the R-SP form with no CSP violation and no error', async () => {
    const result = await open('iife.html');
    assert.equal(result.ready, 'yes');
    assert.deepEqual(result.violations, [], 'securitypolicyviolation events');
    assert.deepEqual(result.cspConsole, [], 'CSP reports on the console');
    assert.deepEqual(result.errors, [], 'uncaught errors (a second define would throw here)');
    assert.deepEqual(result.sections.filter((id) => id !== 'attendance'), rSpSections, 'every R-SP section is on the form');
    assert.ok(result.sections.includes('attendance'), 'attendance (C-2) is on the form');
  });

  test('the IIFE without the presets tag loads kaohe-presets.js from beside itself (Kaohe.loadPresets) and renders R-SP with no violation', async () => {
    const result = await open('iife-load.html');
    assert.equal(result.ready, 'yes');
    assert.deepEqual(result.violations, []);
    assert.deepEqual(result.cspConsole, []);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.sections.filter((id) => id !== 'attendance'), rSpSections);
  });

  test('the ESM bundle loaded by <script type="module" src> imports kaohe-presets.mjs and renders the same form with no violation', async () => {
    const result = await open('esm.html');
    assert.equal(result.ready, 'yes');
    assert.deepEqual(result.violations, []);
    assert.deepEqual(result.cspConsole, []);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.sections.filter((id) => id !== 'attendance'), rSpSections);
  });

  test('the IIFE and the ESM bundle on one page define each tag once and only warn', async () => {
    const result = await open('both.html');
    assert.equal(result.ready, 'yes');
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.violations, []);
    assert.ok(result.console.some((line) => line.startsWith('warn') && line.includes('kaohe-rubric-form')), 'the second copy says it was not registered');
    assert.deepEqual(result.sections.filter((id) => id !== 'attendance'), rSpSections);
  });
});
