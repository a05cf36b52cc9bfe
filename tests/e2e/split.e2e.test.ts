// Issue 14: the one script tag loads what the page shows. kaohe.iife.js imports each element's module
// from beside itself when its tag appears, so a page with a payslip never fetches the inbox's, the rubric
// form's or the builder's module; and an inbox whose module arrives only after `configure` has finished
// still gets the context (its properties are set once its class is defined, never on the plain element
// before it) and lists its rows. Real Chromium, the demo's CSP (`script-src 'self'`).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { rubricPresets, payPlanPresets } from '@kaohe/scoring/presets';
import { buildBundles, embedDist, launch, root, serve, watchedPage, type Launched, type Served } from './browser.ts';

const directory = { people: [
  { id: 'RM1', name: '張經理', roles: ['regionalManager'], region: '華北' },
  { id: 'SP1', name: '王曉明', roles: ['salesperson'], region: '華北', managerId: 'RM1' },
] };
// The host's own salesperson rubric and pay plan (R-SP and P-1 under the intranet's ids): no presets file.
const ownRubric = { ...structuredClone(rubricPresets['R-SP']), id: 'OA-SALES' };
const ownPayPlan = { ...structuredClone(payPlanPresets['P-1']!), id: 'OA-SALES-PAY' };
const salesPay = { ...(JSON.parse(readFileSync(join(root, 'packages/cli/examples/pay/p1-wang.json'), 'utf8')) as Record<string, unknown>), employee: 'SP1' };
const configure = `await Kaohe.configure({
  user: 'RM1', directory: ${JSON.stringify(directory)}, databaseName: 'split-' + Math.random(), now: '2026-11-02T09:00:00+08:00', locale: 'en',
  rubrics: [${JSON.stringify(ownRubric)}], payPlans: [${JSON.stringify(ownPayPlan)}],
  assignments: { salesperson: { rubric: 'OA-SALES', chain: 'W-SP', payPlan: 'OA-SALES-PAY' } },
});`;

const servedPayslip = {
  payslip: {
    plan: { id: 'OA-SALES-PAY', version: 1 }, employee: 'SP1', period: '2026-10', currency: 'CNY', settings: { scoreRateBasis: 'work', completionCap: 'capped' }, flags: [], total: '1111.11',
    lines: [{ id: 'base', label: { 'zh-Hant': '基礎工資', 'zh-Hans': '基础工资', en: 'Base pay' }, formula: 'T * 0.5', inputs: { T: '2222.22' }, amount: '1111.11', source: 'OA-SALES-PAY' }],
  },
  plan: ownPayPlan, values: { T: '2222.22', workScore: '90.00' },
  appraisal: { id: '2026-10:SP1', employeeId: 'SP1', period: '2026-10', status: 'published', revision: 7 }, employee: { id: 'SP1', name: '王曉明' },
};

const script = (body: string) => `(async () => { ${body} })().then(
  () => { document.body.dataset.ready = 'yes'; },
  (error) => { document.body.dataset.ready = 'failed: ' + error.message; },
);`;
const page = (body: string, setup: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Split</title>
<script src="/kaohe/kaohe.iife.js" defer></script><script src="/${setup}" defer></script>
</head><body>${body}</body></html>`;

/** Whether `promise` settles within `ms`. */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => { timer = setTimeout(resolve, ms, false); });
  try {
    return await Promise.race([promise.then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

let folder: string;
let served: Served;
let launched: Launched;
/** entry → hashed file, as build.mjs wrote it */
let chunks: Record<string, string>;

before(async () => {
  buildBundles();
  chunks = JSON.parse(readFileSync(join(embedDist, 'kaohe-chunks.json'), 'utf8')) as Record<string, string>;
  folder = mkdtempSync(join(tmpdir(), 'kaohe-split-'));
  writeFileSync(join(folder, 'payslip.js'), script(`${configure}
    const record = { ...(await Kaohe.openAppraisal({ employee: 'SP1', period: '2026-10' })), status: 'published' };
    const payslip = document.querySelector('kaohe-payslip');
    Object.assign(payslip, { plan: 'OA-SALES-PAY', record, input: ${JSON.stringify(salesPay)}, locale: 'en' });
    await payslip.updateComplete;`));
  writeFileSync(join(folder, 'payslip.html'), page('<main><kaohe-payslip></kaohe-payslip></main>', 'payslip.js'));
  writeFileSync(join(folder, 'inbox.js'), script(`${configure}
    // RM1 scores first on W-SP: the opened month is RM1's task.
    await Kaohe.openAppraisal({ employee: 'SP1', period: '2026-10' });
    // The host's router writes the inbox in after configure; its module is fetched only now.
    document.querySelector('main').append(document.createElement('kaohe-inbox'));`));
  writeFileSync(join(folder, 'inbox.html'), page('<main></main>', 'inbox.js'));
  writeFileSync(join(folder, 'form.js'), script(`${configure}
    const form = document.querySelector('kaohe-rubric-form');
    form.rubric = Kaohe.context.rubrics['OA-SALES'];
    form.sheet = { rubric: 'OA-SALES', rubricVersion: 1, employee: 'SP1', period: '2026-10', attendance: { absentDays: '0' }, entries: {} };
    await form.updateComplete;`));
  writeFileSync(join(folder, 'form.html'), page('<main><kaohe-rubric-form></kaohe-rubric-form></main>', 'form.js'));
  // A page on the server (docs/deploy.md's configure): the page's fetch stands in for the Kaohe server's
  // GET /appraisals/{id}/payslip (amounts deliberately not P-1's arithmetic: the page shows what it is sent).
  writeFileSync(join(folder, 'server-payslip.js'), script(`
    const served = ${JSON.stringify(servedPayslip)};
    const json = (body, status = 200, type = 'application/json') => new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
    window.fetch = async (input) => {
      const path = new URL(String(input), location.href).pathname.replace(/^\\/kaohe-api\\/api\\/v1/, '');
      if (path === '/appraisals/' + encodeURIComponent('2026-10:SP1') + '/payslip') return json(served);
      return json({ status: 404, title: 'Not Found', detail: 'no route', code: 'noRoute' }, 404, 'application/problem+json');
    };
    await Kaohe.configure({ user: 'SP1', directory: ${JSON.stringify(directory)}, server: '/kaohe-api', token: () => 'jwt-of-SP1', locale: 'en' });
    const payslip = document.querySelector('kaohe-payslip');
    payslip.appraisal = '2026-10:SP1';
    await payslip.updateComplete;`));
  writeFileSync(join(folder, 'server-payslip.html'), page('<main><kaohe-payslip></kaohe-payslip></main>', 'server-payslip.js'));
  // A host that hands over only its rubric: no chain of its own, no assignment (the page-weight bench's page).
  // a host that signs in before it configures (the demo's startOnServer), then shows the payslip
  writeFileSync(join(folder, 'signed-in-payslip.js'), script(`
    const served = ${JSON.stringify(servedPayslip)};
    const json = (body, status = 200, type = 'application/json') => new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
    window.fetch = async (input) => {
      const path = new URL(String(input), location.href).pathname.replace(/^\\/kaohe-api\\/api\\/v1/, '');
      if (path === '/appraisals/' + encodeURIComponent('2026-10:SP1') + '/payslip') return json(served);
      return json({ status: 404, title: 'Not Found', detail: 'no route', code: 'noRoute' }, 404, 'application/problem+json');
    };
    await new Promise((resolve) => document.getElementById('sign-in').addEventListener('click', resolve, { once: true }));
    await Kaohe.configure({ user: 'SP1', directory: ${JSON.stringify(directory)}, server: '/kaohe-api', token: () => 'jwt-of-SP1', locale: 'en' });
    const payslip = document.createElement('kaohe-payslip');
    payslip.appraisal = '2026-10:SP1';
    document.querySelector('main').append(payslip);`));
  writeFileSync(join(folder, 'signed-in-payslip.html'), page('<main><button id="sign-in" type="button">Sign in</button></main>', 'signed-in-payslip.js'));
  writeFileSync(join(folder, 'rubric-only.js'), script(`await Kaohe.configure({
    user: 'RM1', directory: ${JSON.stringify(directory)}, databaseName: 'split-' + Math.random(), locale: 'en', rubrics: [${JSON.stringify(ownRubric)}],
  });
    const form = document.querySelector('kaohe-rubric-form');
    form.rubric = Kaohe.context.rubrics['OA-SALES'];
    form.sheet = { rubric: 'OA-SALES', rubricVersion: 1, employee: 'SP1', period: '2026-10', attendance: { absentDays: '0' }, entries: {} };
    await form.updateComplete;`));
  writeFileSync(join(folder, 'rubric-only.html'), page('<main><kaohe-rubric-form></kaohe-rubric-form></main>', 'rubric-only.js'));
  served = await serve(folder);
  launched = await launch();
});

after(async () => {
  await launched?.close();
  await served?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('issue 14: one script tag, each element from its own module', () => {
  test('a page with only <kaohe-payslip> fetches the payslip\'s module and never the inbox\'s, the rubric form\'s or the builder\'s, and shows the pay', async () => {
    const { page: tab, errors, cspConsole } = await watchedPage(launched.browser);
    const scripts: string[] = [];
    tab.on('request', (request) => { if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname.replace('/kaohe/', '')); });
    await tab.goto(new URL('payslip.html', served.url).href, { waitUntil: 'load' });
    await tab.waitForFunction(() => document.body.dataset['ready'] !== undefined, { timeout: 30_000 });
    assert.equal(await tab.evaluate(() => document.body.dataset['ready']), 'yes', errors.join('\n'));
    // P-1 for Wang Wei's October (T 8000, completion 0.85, work score 90): 7460.00, the CLI example's figure.
    const total = await tab.evaluate(() => document.querySelector('kaohe-payslip')?.shadowRoot?.querySelector('[data-total]')?.textContent?.replace(/[^\d.]/g, ''));
    assert.equal(total, '7460.00');
    assert.ok(scripts.includes(chunks['kaohe-payslip']!), `the payslip's module was fetched: ${scripts.join(', ')}`);
    for (const other of ['kaohe-inbox', 'kaohe-rubric-form', 'kaohe-form-builder', 'kaohe-outbox-status', 'server-mode']) {
      assert.ok(!scripts.includes(chunks[other]!), `${other} (${chunks[other]}) was not fetched; fetched: ${scripts.join(', ')}`);
    }
    assert.ok(!scripts.some((name) => /form-builder|kaohe-hr|presets/.test(name)), scripts.join(', '));
    assert.deepEqual(errors, []);
    assert.deepEqual(cspConsole, []);
    await tab.close();
  });

  test('a page with a rubric form and a rubric fetches neither the workflow machine nor the IndexedDB store until an action needs them, nor another language\'s words until the person switches to it', async () => {
    const { page: tab, errors, cspConsole } = await watchedPage(launched.browser);
    const scripts: string[] = [];
    tab.on('request', (request) => { if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname.replace('/kaohe/', '')); });
    await tab.goto(new URL('form.html', served.url).href, { waitUntil: 'load' });
    await tab.waitForFunction(() => document.body.dataset['ready'] !== undefined, { timeout: 30_000 });
    assert.equal(await tab.evaluate(() => document.body.dataset['ready']), 'yes', errors.join('\n'));
    assert.ok(await tab.evaluate(() => (document.querySelector('kaohe-rubric-form')?.shadowRoot?.querySelectorAll('input').length ?? 0) > 0), 'the form shows its fields');
    assert.ok(scripts.includes(chunks['kaohe-rubric-form']!), scripts.join(', '));
    for (const unneeded of ['local-service', 'local-store', 'server-mode', 'kaohe-inbox']) {
      assert.ok(!scripts.includes(chunks[unneeded]!), `${unneeded} (${chunks[unneeded]}) was not fetched; fetched: ${scripts.join(', ')}`);
    }
    // The first action brings the page's service and its store: the opened month is RM1's task (W-SP: RM1 scores first).
    const tasks = await tab.evaluate(async () => {
      const kaohe = (window as unknown as { Kaohe: { openAppraisal(o: object): Promise<{ id: string }>; tasks(): Promise<Array<{ appraisalId: string; step: string }>> } }).Kaohe;
      await kaohe.openAppraisal({ employee: 'SP1', period: '2026-10' });
      return (await kaohe.tasks()).map((task) => `${task.appraisalId} ${task.step}`);
    });
    assert.deepEqual(tasks, ['2026-10:SP1 score']);
    assert.ok(scripts.includes(chunks['local-service']!) && scripts.includes(chunks['local-store']!), `fetched when needed: ${scripts.join(', ')}`);
    // The page speaks English (configure's locale); simplified Chinese words arrive when the person switches to it.
    const absentLabel = () => tab.evaluate(() => document.querySelector('kaohe-rubric-form')?.shadowRoot?.querySelector('label[for="absent-days"]')?.textContent?.trim());
    assert.equal(await absentLabel(), 'Absent days');
    const fetched = scripts.length;
    await tab.evaluate(() => (window as unknown as { Kaohe: { setLocale(locale: string): void } }).Kaohe.setLocale('zh-Hans'));
    // 缺勤天数, not zh-Hant's 缺勤天數
    await tab.waitForFunction(() => document.querySelector('kaohe-rubric-form')?.shadowRoot?.querySelector('label[for="absent-days"]')?.textContent?.trim() === '缺勤天数', { timeout: 10_000 });
    assert.ok(scripts.length > fetched, `the zh-Hans words were fetched at the switch: ${scripts.slice(fetched).join(', ')}`);
    assert.deepEqual(errors, []);
    assert.deepEqual(cspConsole, []);
    await tab.close();
  });

  test('on the server the payslip is the server\'s: the view\'s module, no pay engine, no workflow machine, no rubric rules', async () => {
    const { page: tab, errors, cspConsole } = await watchedPage(launched.browser);
    const scripts: string[] = [];
    tab.on('request', (request) => { if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname.replace('/kaohe/', '')); });
    await tab.goto(new URL('server-payslip.html', served.url).href, { waitUntil: 'load' });
    await tab.waitForFunction(() => document.body.dataset['ready'] !== undefined, { timeout: 30_000 });
    assert.equal(await tab.evaluate(() => document.body.dataset['ready']), 'yes', errors.join('\n'));
    await tab.waitForFunction(() => document.querySelector('kaohe-payslip')?.shadowRoot?.querySelector('[data-total]') !== null, { timeout: 30_000 });
    const total = await tab.evaluate(() => document.querySelector('kaohe-payslip')?.shadowRoot?.querySelector('[data-total]')?.textContent?.trim());
    assert.equal(total, 'CN¥1,111.11');
    assert.ok(scripts.includes(chunks['kaohe-payslip-view']!), `the view's module was fetched: ${scripts.join(', ')}`);
    assert.ok(scripts.includes(chunks['server-mode']!), scripts.join(', '));
    for (const other of ['kaohe-payslip', 'local-service', 'rubric-rules', 'kaohe-inbox', 'kaohe-rubric-form']) {
      assert.ok(!scripts.includes(chunks[other]!), `${other} (${chunks[other]}) was not fetched; fetched: ${scripts.join(', ')}`);
    }
    // no chunk fetched carries xstate, decimal.js, zod or the pay engine
    const meta = JSON.parse(readFileSync(join(embedDist, 'kaohe-split.meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };
    const carried = Object.entries(meta.outputs)
      .filter(([path]) => scripts.includes(path.replace(/^.*\//, '')))
      .flatMap(([, output]) => Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([path]) => path))
      .filter((path) => /\/xstate@|\/decimal\.js@|\/zod@|scoring\/src\/pay\/pay\.ts/.test(path));
    assert.deepEqual(carried, []);
    assert.deepEqual(errors, []);
    assert.deepEqual(cspConsole, []);
    await tab.close();
  });

  test('a host that signs in after the page has loaded and then configures a server gets the server\'s payslip, not the pay engine', async () => {
    const { page: tab, errors, cspConsole } = await watchedPage(launched.browser);
    const scripts: string[] = [];
    tab.on('request', (request) => { if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname.replace('/kaohe/', '')); });
    await tab.goto(new URL('signed-in-payslip.html', served.url).href, { waitUntil: 'load' });
    // the person takes a moment to sign in: the load event is long past
    await new Promise((resolve) => setTimeout(resolve, 500));
    await tab.click('#sign-in');
    await tab.waitForFunction(() => document.body.dataset['ready'] !== undefined, { timeout: 30_000 });
    assert.equal(await tab.evaluate(() => document.body.dataset['ready']), 'yes', errors.join('\n'));
    await tab.waitForFunction(() => document.querySelector('kaohe-payslip')?.shadowRoot?.querySelector('[data-total]') != null, { timeout: 30_000 });
    const total = await tab.evaluate(() => document.querySelector('kaohe-payslip')?.shadowRoot?.querySelector('[data-total]')?.textContent?.trim());
    assert.equal(total, 'CN¥1,111.11');
    assert.ok(scripts.includes(chunks['kaohe-payslip-view']!), `the view's module was fetched: ${scripts.join(', ')}`);
    for (const other of ['kaohe-payslip', 'local-service', 'rubric-rules']) {
      assert.ok(!scripts.includes(chunks[other]!), `${other} (${chunks[other]}) was not fetched; fetched: ${scripts.join(', ')}`);
    }
    assert.deepEqual(errors, []);
    assert.deepEqual(cspConsole, []);
    await tab.close();
  });

  test('a page configured with only its rubric shows the form without fetching the review chains; loadPresets brings them, with the default assignments, and a host\'s malformed chain is still refused with every problem', async () => {
    const { page: tab, errors, cspConsole } = await watchedPage(launched.browser);
    const scripts: string[] = [];
    tab.on('request', (request) => { if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname.replace('/kaohe/', '')); });
    await tab.goto(new URL('rubric-only.html', served.url).href, { waitUntil: 'load' });
    await tab.waitForFunction(() => document.body.dataset['ready'] !== undefined, { timeout: 30_000 });
    assert.equal(await tab.evaluate(() => document.body.dataset['ready']), 'yes', errors.join('\n'));
    assert.ok(await tab.evaluate(() => (document.querySelector('kaohe-rubric-form')?.shadowRoot?.querySelectorAll('input').length ?? 0) > 0), 'the form shows its fields');
    assert.ok(!scripts.includes(chunks['chain-rules']!), `the chains (${chunks['chain-rules']}) were not fetched; fetched: ${scripts.join(', ')}`);
    type Api = {
      context: { chains: Record<string, unknown> };
      presets: { chains: Record<string, unknown> };
      loadPresets(): Promise<unknown>;
      assignmentFor(id: string): unknown;
      configure(config: object): Promise<unknown>;
    };
    assert.deepEqual(await tab.evaluate(() => Object.keys((window as unknown as { Kaohe: Api }).Kaohe.context.chains)), []);
    // The presets bring the chains: SP1, a salesperson, now has R-SP on W-SP with P-1 (rules.md §1, §3, §5).
    const after = await tab.evaluate(async () => {
      const kaohe = (window as unknown as { Kaohe: Api }).Kaohe;
      await kaohe.loadPresets();
      return { presets: Object.keys(kaohe.presets.chains), context: Object.keys(kaohe.context.chains), sp1: kaohe.assignmentFor('SP1') };
    });
    assert.deepEqual(after, {
      presets: ['W-SP', 'W-RM', 'W-HEAD', 'W-SV', 'W-FS', 'W-TR'],
      context: ['W-SP', 'W-RM', 'W-HEAD', 'W-SV', 'W-FS', 'W-TR'],
      sp1: { rubric: 'R-SP', chain: 'W-SP', payPlan: 'P-1' },
    });
    assert.ok(scripts.includes(chunks['chain-rules']!), `fetched with the presets: ${scripts.join(', ')}`);
    const refused = await tab.evaluate(async (people) => {
      const kaohe = (window as unknown as { Kaohe: Api }).Kaohe;
      try {
        await kaohe.configure({ user: 'RM1', directory: { people }, databaseName: 'split-bad', chains: [{ id: 'W-BAD', label: { en: 'Bad' }, steps: [], appealTo: 'score' }] });
        return 'configured';
      } catch (error) {
        return (error as { problems: Array<{ path: string; rule: string }> }).problems.map(({ path, rule }) => `${path} ${rule}`);
      }
    }, directory.people);
    assert.deepEqual(refused, ['chains.W-BAD.label.zh-Hant required', 'chains.W-BAD.label.zh-Hans required', 'chains.W-BAD.steps required']);
    assert.deepEqual(errors, []);
    assert.deepEqual(cspConsole, []);
    await tab.close();
  });

  test('an inbox whose module arrives after configure has finished gets the context and lists its row', async () => {
    const { page: tab, errors } = await watchedPage(launched.browser);
    // The inbox's module is held back until the host's configure (and its openAppraisal) are done and the
    // inbox is on the page, as on a slow network.
    await tab.setRequestInterception(true);
    let release!: () => void;
    const released = new Promise<void>((resolve) => { release = resolve; });
    let markHeld!: () => void;
    const requested = new Promise<void>((resolve) => { markHeld = resolve; });
    tab.on('request', (request) => {
      if (new URL(request.url()).pathname === `/kaohe/${chunks['kaohe-inbox']}`) {
        markHeld();
        void released.then(() => request.continue());
      } else void request.continue();
    });
    await tab.goto(new URL('inbox.html', served.url).href, { waitUntil: 'load' });
    await tab.waitForFunction(() => document.body.dataset['ready'] !== undefined, { timeout: 30_000 });
    assert.equal(await tab.evaluate(() => document.body.dataset['ready']), 'yes', errors.join('\n'));
    // The inbox is on the page once configure is done; its module is asked for then, and held here.
    assert.ok(await within(requested, 30_000), 'the inbox\'s module was requested (and held) within 30 s');
    assert.equal(await tab.evaluate(() => customElements.get('kaohe-inbox')), undefined, 'configure finished before the inbox was defined');
    release();
    await tab.waitForFunction(() => (document.querySelector('kaohe-inbox')?.shadowRoot?.querySelectorAll('[role="row"][data-id]').length ?? 0) > 0, { timeout: 30_000 });
    const rows = await tab.evaluate(() => [...document.querySelector('kaohe-inbox')!.shadowRoot!.querySelectorAll('[role="row"][data-id]')].map((row) => row.textContent ?? ''));
    assert.equal(rows.length, 1, rows.join('\n'));
    assert.match(rows[0]!, /王曉明/);
    // The pane's rubric form comes when a task is first opened, not with the list.
    const fetched = () => tab.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname.replace('/kaohe/', '')));
    assert.ok(!(await fetched()).includes(chunks['kaohe-rubric-form']!), 'the rubric form\'s module is not fetched with the list');
    const row = await tab.waitForSelector('kaohe-inbox >>> [role="row"][data-id]');
    await row!.click();
    await tab.waitForFunction(() => (document.querySelector('kaohe-inbox')?.shadowRoot?.querySelector('kaohe-rubric-form')?.shadowRoot?.childElementCount ?? 0) > 0, { timeout: 30_000 });
    assert.ok((await fetched()).includes(chunks['kaohe-rubric-form']!), 'the rubric form\'s module is fetched when the task opens');
    assert.deepEqual(errors, []);
    await tab.close();
  });
});
