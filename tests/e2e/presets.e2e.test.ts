// The rubric and pay-plan presets ship apart from the core bundle (kaohe-presets.js): a page with its
// own rubrics and plans never downloads them, a page that wants them loads them by tag or by
// Kaohe.loadPresets(), before or after the core and before or after configure. All under the demo's strict CSP.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { computePay, loadRubric, scoreSheet, type PayInput, type Sheet } from '@kaohe/scoring';
import { payPlanPresets, rubricPresetIds, rubricPresets } from '@kaohe/scoring/presets';
import { buildBundles, launch, root, serve, watchedPage, type Launched, type Served } from './browser.ts';

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

// The host's own pay plan: P-1 under the intranet's own id.
const ownPayPlan = { ...structuredClone(payPlanPresets['P-1']!), id: 'OA-SALES-PAY' };
// Wang Wei's October as the CLI's example gives it, for SP1.
const salesPay: PayInput = { ...(JSON.parse(readFileSync(join(root, 'packages/cli/examples/pay/p1-wang.json'), 'utf8')) as PayInput), employee: 'SP1' };
// A regional manager rubric of the host's under the preset id, without the presets file.
const ownRmRubric = { ...structuredClone(rubricPresets['R-RM']), label: { 'zh-Hant': '區域經理', 'zh-Hans': '区域经理', en: 'Regional manager' } };

/**
 * Page-side: a payslip of SP1's published October with `plan`, created through Kaohe (viewer and
 * pay plans from the context), and what it shows.
 */
const payslipHelpers = `
  const payslipFor = async (plan) => {
    // A new sheet claims no absent days (they are recorded at the scoring step): the month's are given here.
    const opened = await Kaohe.openAppraisal({ employee: 'SP1', period: '2026-10' });
    const record = { ...opened, sheet: { ...opened.sheet, attendance: { absentDays: '0' } }, status: 'published' };
    const el = Kaohe.create('kaohe-payslip', { plan, record, input: ${JSON.stringify(salesPay)}, locale: 'en' });
    document.body.append(el);
    await el.updateComplete;
    return el;
  };
  const shown = (el) => ({
    total: el.shadowRoot.querySelector('[data-total]')?.textContent.replace(/[^\\d.]/g, '') ?? null,
    message: el.shadowRoot.querySelector('[part~="refused"]')?.textContent.trim() ?? null,
  });
`;

/** Runs `body` (an async function's text, with `Kaohe` in scope) and leaves its JSON result on the page. */
const script = (body: string) => `
(async () => { ${payslipHelpers} ${body} })().then(
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
      rubrics: [${JSON.stringify(ownRubric)}, ${JSON.stringify(ownRmRubric)}],
      payPlans: [${JSON.stringify(ownPayPlan)}],
      assignments: { salesperson: { rubric: 'OA-SALES', chain: 'W-SP', payPlan: 'OA-SALES-PAY' } },
    });
    const record = await Kaohe.openAppraisal({ employee: 'SP1', period: '2026-10' });
    // The regional manager submits without scoring: workflow refuses it against the pinned rubric.
    const emptySubmit = await Kaohe.act(record.id, { type: 'step.submit' });
    return {
      emptySubmit: emptySubmit.ok ? 'accepted' : emptySubmit.code,
      presets: Object.keys(Kaohe.presets.rubrics), presetPayPlans: Object.keys(Kaohe.presets.payPlans), rubrics: Object.keys(context.rubrics),
      opened: record.rubricId, payPlans: Object.keys(context.payPlans), regionalManager: Kaohe.assignmentFor('RM1'),
      ownPayslip: shown(await payslipFor(Kaohe.assignmentFor('SP1').payPlan)), presetPayslip: shown(await payslipFor('P-1')),
    };
  `));
  writeFileSync(join(folder, 'late.js'), script(`
    await Kaohe.configure({
      user: 'RM1', directory: ${JSON.stringify(directory)}, databaseName: 'late-' + Math.random(), now: '2026-11-02T09:00:00+08:00',
      rubrics: [${JSON.stringify(ownRegionalManager)}],
    });
    let before;
    try { await Kaohe.openAppraisal({ employee: 'SP1', period: '2026-10' }); before = 'opened'; } catch (error) { before = error.message; }
    // Written before the presets, with the preset plan's id: it waits for them.
    const early = Kaohe.create('kaohe-payslip', { plan: 'P-1', input: ${JSON.stringify(salesPay)}, locale: 'en' });
    document.body.append(early);
    await early.updateComplete;
    const presetPayPlansBefore = Object.keys(Kaohe.presets.payPlans);
    const presets = await Kaohe.loadPresets();
    const record = await Kaohe.openAppraisal({ employee: 'SP1', period: '2026-10' });
    // A new sheet claims no absent days: it does not score until they are given (C-1), as at the scoring step.
    let unscored;
    try { Kaohe.score(record.sheet); unscored = 'scored'; } catch (error) { unscored = error.problems.map((problem) => problem.path + ' ' + problem.rule); }
    const sheet = { ...record.sheet, attendance: { absentDays: '0' } };
    early.record = { ...record, sheet, status: 'published' };
    await early.updateComplete;
    return {
      before, presets: Object.keys(presets.rubrics), opened: record.rubricId, unscored, sheet, score: Kaohe.score(sheet),
      regionalManager: Kaohe.context.rubrics['R-RM'].label.en,
      presetPayPlansBefore, presetPayPlans: Object.keys(presets.payPlans), payPlans: Object.keys(Kaohe.context.payPlans),
      salesAssignment: Kaohe.assignmentFor('SP1'), earlyPayslip: shown(early),
    };
  `));
  writeFileSync(join(folder, 'first.js'), script(`
    return { presets: Object.keys(Kaohe.presets.rubrics), payPlans: Object.keys(Kaohe.presets.payPlans), same: (await Kaohe.loadPresets()) === Kaohe.presets };
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

const presetPayPlanIds = Object.keys(payPlanPresets);

describe('the rubric and pay-plan presets, a file of their own', () => {
  test('a page with its own salesperson rubric and pay plan never downloads the presets, appraises with its rubric and pays by its plan', async () => {
    const { result, requests, errors } = await run('own.html');
    assert.equal(result['error'], undefined);
    assert.deepEqual(result['presets'], [], 'Kaohe.presets.rubrics is empty without the presets file');
    assert.deepEqual(result['presetPayPlans'], [], 'Kaohe.presets.payPlans is empty without the presets file (P-1 … P-3 are not in the core)');
    assert.deepEqual(result['rubrics'], ['OA-SALES', 'R-RM']);
    assert.deepEqual(result['payPlans'], ['OA-SALES-PAY']);
    assert.equal(result['opened'], 'OA-SALES', 'the salesperson is appraised with the host rubric');
    assert.equal(result['emptySubmit'], 'incomplete', 'Kaohe.act refuses to submit an appraisal nobody has scored');
    assert.deepEqual(result['regionalManager'], { rubric: 'R-RM', chain: 'W-RM' },
      'the default regional manager assignment applies to the host\'s R-RM, without P-1 while P-1 is not on the page');
    assert.deepEqual(result['ownPayslip'], { total: computePay(ownPayPlan, salesPay).total, message: null },
      'the payslip pays by the host plan the context hands it');
    assert.deepEqual(result['presetPayslip'], { total: null, message: 'No payslip to show: the pay plan "P-1" is not available on this page.' },
      'a payslip naming P-1 says P-1 is missing, with no figure');
    assert.ok(!requests.some((path) => path.includes('kaohe-presets')), `no request for the presets: ${requests.join(', ')}`);
    assert.deepEqual(errors, []);
  });

  test('presets loaded after configure give the salesperson R-SP, and a host rubric under a preset id keeps the host version', async () => {
    const { result, requests, errors, cspConsole } = await run('late.html');
    assert.equal(result['error'], undefined);
    assert.match(String(result['before']), /Kaohe\.loadPresets/, 'before the presets, the refusal says how to get them');
    assert.deepEqual(result['presets'], [...rubricPresetIds]);
    assert.equal(result['opened'], 'R-SP', 'after them, the default assignment of a salesperson applies');
    assert.deepEqual(result['unscored'], ['attendance C-1'], 'the opened sheet has no absent days, so no monthly score yet');
    assert.deepEqual(result['score'], JSON.parse(JSON.stringify(scoreSheet(loadRubric(rubricPresets['R-SP']), result['sheet'] as Sheet))),
      'the opened sheet, its absent days given, scores in the page as @kaohe/scoring scores it');
    assert.equal(result['regionalManager'], ownRegionalManager.label.en);
    assert.deepEqual(result['presetPayPlansBefore'], []);
    assert.deepEqual(result['presetPayPlans'], presetPayPlanIds);
    assert.deepEqual(result['payPlans'], presetPayPlanIds, 'the preset pay plans joined the context');
    assert.deepEqual(result['salesAssignment'], { rubric: 'R-SP', chain: 'W-SP', payPlan: 'P-1' }, 'the default salesperson assignment names P-1 once it is there');
    assert.deepEqual(result['earlyPayslip'], { total: computePay(payPlanPresets['P-1']!, salesPay).total, message: null },
      'a payslip written with plan P-1 before the presets shows the pay once they arrive');
    assert.ok(requests.includes('/kaohe/kaohe-presets.js'), 'kaohe-presets.js was fetched from beside kaohe.iife.js');
    assert.deepEqual(cspConsole, [], 'the injected script tag passes script-src \'self\'');
    assert.deepEqual(errors, []);
  });

  test('the presets file loaded before the core waits for it: Kaohe has every preset rubric and pay plan at once', async () => {
    const { result, errors } = await run('first.html');
    assert.deepEqual(result['presets'], [...rubricPresetIds]);
    assert.deepEqual(result['payPlans'], presetPayPlanIds);
    assert.equal(result['same'], true, 'loadPresets resolves with the presets already there');
    assert.deepEqual(errors, []);
  });
});
