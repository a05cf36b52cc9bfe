// The rubric presets ship apart from the core bundle (kaohe-presets.js): a page with its own rubrics
// never downloads them, a page that wants them loads them by tag or by Kaohe.loadPresets(), before
// or after the core and before or after configure. All under the demo's strict CSP.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadRubric, rubricPresetIds, rubricPresets, scoreSheet, type Sheet } from '@kaohe/scoring';
import { buildBundles, launch, serve, watchedPage, type Launched, type Served } from './browser.ts';

const directory = {
  people: [
    { id: 'HR1', name: '人事', roles: ['hr'] },
    { id: 'RM1', name: '張經理', roles: ['regionalManager'], region: '華北' },
    { id: 'SP1', name: '王曉明', roles: ['salesperson'], region: '華北', managerId: 'RM1' },
  ],
};

// The host's own salesperson rubric: R-SP under the intranet's own id.
const ownRubric = { ...structuredClone(rubricPresets['R-SP']), id: 'OA-SALES' };
// A host rubric under a preset's id, told apart by its label.
const ownRegionalManager = {
  ...structuredClone(rubricPresets['R-RM']),
  label: { 'zh-Hant': '本公司區域經理考核', 'zh-Hans': '本公司区域经理考核', en: 'Our regional manager rubric' },
};

/** Runs `body` (an async function's text, with `Kaohe` in scope) and leaves its JSON result on the page. */
const script = (body: string) => `
(async () => { ${body} })().then(
  (value) => { document.body.dataset.result = JSON.stringify(value ?? null); },
  (error) => { document.body.dataset.result = JSON.stringify({ error: error.message }); },
);
`;

const page = (scripts: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Presets</title>
${scripts}
</head><body></body></html>`;

let folder: string;
let served: Served;
let launched: Launched;

before(async () => {
  buildBundles();
  folder = mkdtempSync(join(tmpdir(), 'kaohe-presets-'));
  writeFileSync(join(folder, 'own.js'), script(`
    const context = await Kaohe.configure({
      user: 'RM1', directory: ${JSON.stringify(directory)}, databaseName: 'own-' + Math.random(), now: '2026-11-02T09:00:00+08:00',
      rubrics: [${JSON.stringify(ownRubric)}],
      assignments: { salesperson: { rubric: 'OA-SALES', chain: 'W-SP' } },
    });
    const record = await Kaohe.openAppraisal({ employee: 'SP1', period: '2026-10' });
    return { presets: Object.keys(Kaohe.presets.rubrics), rubrics: Object.keys(context.rubrics), opened: record.rubricId };
  `));
  writeFileSync(join(folder, 'late.js'), script(`
    await Kaohe.configure({
      user: 'RM1', directory: ${JSON.stringify(directory)}, databaseName: 'late-' + Math.random(), now: '2026-11-02T09:00:00+08:00',
      rubrics: [${JSON.stringify(ownRegionalManager)}],
    });
    let before;
    try { await Kaohe.openAppraisal({ employee: 'SP1', period: '2026-10' }); before = 'opened'; } catch (error) { before = error.message; }
    const presets = await Kaohe.loadPresets();
    const record = await Kaohe.openAppraisal({ employee: 'SP1', period: '2026-10' });
    return {
      before, presets: Object.keys(presets.rubrics), opened: record.rubricId, sheet: record.sheet, score: Kaohe.score(record.sheet),
      regionalManager: Kaohe.context.rubrics['R-RM'].label.en,
    };
  `));
  writeFileSync(join(folder, 'first.js'), script(`
    return { presets: Object.keys(Kaohe.presets.rubrics), same: (await Kaohe.loadPresets()) === Kaohe.presets };
  `));
  writeFileSync(join(folder, 'own.html'), page('<script src="/kaohe/kaohe.iife.js"></script><script src="/own.js" defer></script>'));
  writeFileSync(join(folder, 'late.html'), page('<script src="/kaohe/kaohe.iife.js"></script><script src="/late.js" defer></script>'));
  // The presets before the core: they wait on the page until Kaohe comes.
  writeFileSync(join(folder, 'first.html'), page('<script src="/kaohe/kaohe-presets.js"></script><script src="/kaohe/kaohe.iife.js"></script><script src="/first.js" defer></script>'));
  served = await serve(folder);
  launched = await launch();
});

after(async () => {
  await launched?.close();
  await served?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

async function run(file: string): Promise<{ result: Record<string, unknown>; requests: string[]; errors: string[]; cspConsole: string[] }> {
  const watched = await watchedPage(launched.browser);
  const requests: string[] = [];
  watched.page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await watched.page.goto(new URL(file, served.url).href, { waitUntil: 'load' });
  await watched.page.waitForFunction(() => document.body.dataset['result'] !== undefined, { timeout: 15_000 });
  const result = JSON.parse(await watched.page.evaluate(() => document.body.dataset['result'] ?? 'null')) as Record<string, unknown>;
  await watched.page.close();
  return { result, requests, errors: watched.errors, cspConsole: watched.cspConsole };
}

describe('the rubric presets, a file of their own', () => {
  test('a page with its own salesperson rubric never downloads the presets and opens appraisals with its rubric', async () => {
    const { result, requests, errors } = await run('own.html');
    assert.equal(result['error'], undefined);
    assert.deepEqual(result['presets'], [], 'Kaohe.presets.rubrics is empty without the presets file');
    assert.deepEqual(result['rubrics'], ['OA-SALES']);
    assert.equal(result['opened'], 'OA-SALES', 'the salesperson is appraised with the host rubric');
    assert.ok(!requests.some((path) => path.includes('kaohe-presets')), `no request for the presets: ${requests.join(', ')}`);
    assert.deepEqual(errors, []);
  });

  test('presets loaded after configure give the salesperson R-SP, and a host rubric under a preset id keeps the host version', async () => {
    const { result, requests, errors, cspConsole } = await run('late.html');
    assert.equal(result['error'], undefined);
    assert.match(String(result['before']), /Kaohe\.loadPresets/, 'before the presets, the refusal says how to get them');
    assert.deepEqual(result['presets'], [...rubricPresetIds]);
    assert.equal(result['opened'], 'R-SP', 'after them, the default assignment of a salesperson applies');
    assert.deepEqual(result['score'], JSON.parse(JSON.stringify(scoreSheet(loadRubric(rubricPresets['R-SP']), result['sheet'] as Sheet))),
      'the opened sheet scores in the page as @kaohe/scoring scores it');
    assert.equal(result['regionalManager'], ownRegionalManager.label.en);
    assert.ok(requests.includes('/kaohe/kaohe-presets.js'), 'kaohe-presets.js was fetched from beside kaohe.iife.js');
    assert.deepEqual(cspConsole, [], 'the injected script tag passes script-src \'self\'');
    assert.deepEqual(errors, []);
  });

  test('the presets file loaded before the core waits for it: Kaohe has every preset rubric at once', async () => {
    const { result, errors } = await run('first.html');
    assert.deepEqual(result['presets'], [...rubricPresetIds]);
    assert.equal(result['same'], true, 'loadPresets resolves with the presets already there');
    assert.deepEqual(errors, []);
  });
});
