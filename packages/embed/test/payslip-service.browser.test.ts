// kaohe-payslip given an appraisal id asks the page's service for the payslip, in both modes: without a
// server the page's own service decides who may see it and computes it (from the score stored with the
// record, P-1 and the payroll figures Kaohe.configure's `payValues` gives); with a server the element
// shows the server's answer and computes nothing. HR's reads (KaoheHr.distribution …) go to the
// server's /hr routes. The page's fetch stands in for the server here (the client against a real
// server is tested in packages/client/test).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { payPlanPresets, rubricPresets } from '@kaohe/scoring/presets';
import type { ScoreResult } from '@kaohe/scoring';
import { MemoryStore } from '@kaohe/store';
import { chainPresets, openAppraisal, type Directory } from '@kaohe/workflow';
import '@kaohe/elements/register';
import { KaoheApi } from '../src/kaohe.ts';
import { annualYear, distribution } from '../src/hr-data.ts';

const directory: Directory = {
  people: [
    { id: 'H1', name: 'HR one', roles: ['hr'] },
    { id: 'P1', name: 'Head of sales planning', roles: ['salesPlanningHead'] },
    { id: 'R1', name: 'RM north', roles: ['regionalManager'], region: 'north', managerId: 'P1' },
    { id: 'S1', name: '王小明', number: 'E1001', roles: ['salesperson'], region: 'north', managerId: 'R1' },
    { id: 'S2', name: '李強', roles: ['salesperson'], region: 'north', managerId: 'R1' },
  ],
  delegations: [],
};
const ID = '2026-11:S1';

/**
 * P-1 with T 8350, completion 0.87, over-plan bonus 300 and the stored work score 74.00, by hand:
 * 8350 × 0.5 = 4175.00; 8350 × 0.35 × 0.87 = 2542.575 → 2542.58; 8350 × 0.15 × 0.74 = 926.85; 300.00;
 * total 7944.43 (shown with thousands separators in English).
 */
const SHOWN = [['base', '4,175.00'], ['planCompletion', '2,542.58'], ['dailyWork', '926.85'], ['overPlanBonus', '300.00']];

const root = (el: Element) => (el as HTMLElement).shadowRoot!;
const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const lines = (el: Element) => [...root(el).querySelectorAll('tr[data-line]')].map((row) => [row.getAttribute('data-line'), text(row.querySelector('[data-amount]'))]);

const opened = openAppraisal({ employee: 'S1', period: '2026-11', rubric: { id: 'R-SP', version: 1 }, chain: chainPresets['W-SP'], directory, now: '2026-11-01T09:00:00+08:00' });
// the score as the service stores it with the record (company.ts of the server's tests works out 74.00 and 79.40)
const score = { rubric: { id: 'R-SP', version: 1 }, period: '2026-11', employee: 'S1', work: '74.00', attendance: '92.00', monthly: '79.40', sections: [], flags: [], complete: true, missing: [] } satisfies ScoreResult;

async function publishedStore(): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.putAppraisal({ ...opened, revision: 1, status: 'published', step: 'acknowledge', score }, { expectedRevision: 0 });
  return store;
}

describe('kaohe-payslip without a server: the page\'s service decides and computes', () => {
  const configureAs = async (user: string, store: MemoryStore) => new KaoheApi().configure({
    user, directory, store, locale: 'en', payPlans: payPlanPresets, rubrics: [rubricPresets['R-SP']!],
    payValues: ({ employee }) => (employee === 'S1' ? { T: '8350', completionRate: '0.87', overPlanBonus: '300' } : undefined),
  });

  it('the employee sees the pay worked out by hand, with the work score it used', async () => {
    const store = await publishedStore();
    const kaohe = new KaoheApi();
    await configureAs('S1', store);
    const el = kaohe.create('kaohe-payslip', { appraisal: ID });
    document.body.append(el);
    try {
      await waitUntil(() => root(el).querySelector('[aria-busy]') === null && text(root(el)) !== '', 'the payslip is read from the service');
      expect(text(root(el).querySelector('[part="refused"]'))).to.equal('');
      expect(lines(el)).to.deep.equal(SHOWN);
      expect(text(root(el).querySelector('[data-total]'))).to.equal('CN¥7,944.43');
      expect(text(root(el).querySelector('[data-score]'))).to.equal('Score used: Daily-work score 74.00');
      expect(text(root(el).querySelector('.meta'))).to.contain('王小明 (E1001)');
    } finally {
      el.remove();
    }
  });

  it('an open payslip page shows the pay once the appraisal is published, without a reload (the service\'s notices)', async () => {
    const store = new MemoryStore();
    await store.putAppraisal({ ...opened, revision: 1, status: 'inReview', step: 'publish', score }, { expectedRevision: 0 });
    await configureAs('S1', store);
    const el = new KaoheApi().create('kaohe-payslip', { appraisal: ID });
    document.body.append(el);
    try {
      await waitUntil(() => text(root(el).querySelector('[part="refused"]')) === "No payslip to show you here. A payslip appears once its appraisal is published, to the employee, HR and the appraisal's reviewers.", 'not yet published');
      await store.putAppraisal({ ...opened, revision: 2, status: 'published', step: 'acknowledge', score }, { expectedRevision: 1 });
      await waitUntil(() => lines(el).length === 4, 'the payslip appears once published');
      expect(lines(el)).to.deep.equal(SHOWN);
    } finally {
      el.remove();
    }
  });

  it('a colleague is told it is not available, and no amount reaches the shadow DOM', async () => {
    const store = await publishedStore();
    await configureAs('S2', store);
    const el = new KaoheApi().create('kaohe-payslip', { appraisal: ID });
    document.body.append(el);
    try {
      await waitUntil(() => text(root(el).querySelector('[part="refused"]')) === "No payslip to show you here. A payslip appears once its appraisal is published, to the employee, HR and the appraisal's reviewers.", 'refused');
      // every text and every attribute value of the shadow tree
      const shown = [root(el).textContent ?? '', ...[...root(el).querySelectorAll('*')].flatMap((node) => [...node.attributes].map((attribute) => attribute.value))].join('\n');
      expect(shown).not.to.contain('4,175');
      expect(shown).not.to.contain('7,944');
    } finally {
      el.remove();
    }
  });
});

const json = (body: unknown, status = 200, type = 'application/json') => new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

describe('kaohe-payslip and KaoheHr with a server: the server\'s answers, nothing computed in the page', () => {
  it('shows the payslip the server sent, and reads HR\'s distribution and year from the /hr routes', async () => {
    const original = window.fetch;
    const asked: string[] = [];
    // The server's payslip for S1, as GET /appraisals/{id}/payslip answers it (amounts deliberately not
    // P-1's arithmetic for these inputs: the page must show what the server says, not recompute it).
    const served = {
      payslip: {
        plan: { id: 'P-1', version: 1 }, employee: 'S1', period: '2026-11', currency: 'CNY', settings: { scoreRateBasis: 'work', completionCap: 'capped' }, flags: [], total: '1111.11',
        lines: [{ id: 'base', label: { 'zh-Hant': '基礎工資', 'zh-Hans': '基础工资', en: 'Base pay' }, formula: 'T * 0.5', inputs: { T: '2222.22' }, amount: '1111.11', source: 'P-1' }],
      },
      plan: payPlanPresets['P-1'], values: { T: '2222.22', workScore: '74.00' },
      appraisal: { id: ID, employeeId: 'S1', period: '2026-11', status: 'published', revision: 7 }, employee: { id: 'S1', name: '王小明' },
    };
    window.fetch = async (input) => {
      const path = new URL(String(input), location.href).pathname.replace(/^\/kaohe-api\/api\/v1/, '');
      asked.push(path);
      if (path === '/people') return json(directory);
      if (path === `/appraisals/${encodeURIComponent(ID)}/payslip`) return json(served);
      if (path === '/hr/periods/2026-11/distribution') return json({ ok: true, entries: [{ employeeId: 'S1', role: 'salesperson', score: '79.40', name: '王小明' }], skipped: [] });
      if (path === '/hr/years/2026') return json({ ok: true, peers: [{ employeeId: 'S1', role: 'salesperson', region: 'north', monthly: ['79.40'] }], months: { S1: [{ period: '2026-11', monthly: '79.40' }] }, skipped: [] });
      return json({ status: 404, title: 'Not Found', detail: 'no route', code: 'noRoute' }, 404, 'application/problem+json');
    };
    try {
      const kaohe = new KaoheApi();
      await kaohe.configure({ user: 'H1', server: '/kaohe-api', token: () => 'jwt-of-H1', locale: 'en' });
      const el = await fixture(html`<div></div>`);
      const payslip = kaohe.create('kaohe-payslip', { appraisal: ID });
      el.append(payslip);
      await waitUntil(() => lines(payslip).length === 1, 'the server\'s payslip is shown');
      expect(lines(payslip)).to.deep.equal([['base', '1,111.11']]);
      expect(text(root(payslip).querySelector('[data-total]'))).to.equal('CN¥1,111.11');
      expect(text(root(payslip).querySelector('.meta'))).to.contain('王小明');
      expect(await distribution('2026-11')).to.deep.equal([{ employeeId: 'S1', role: 'salesperson', score: '79.40', name: '王小明' }]);
      expect((await annualYear(2026)).months).to.deep.equal({ S1: [{ period: '2026-11', monthly: '79.40' }] });
      expect(asked.filter((path) => path !== '/people' && !path.startsWith('/events'))).to.deep.equal([
        `/appraisals/${encodeURIComponent(ID)}/payslip`, '/hr/periods/2026-11/distribution', '/hr/years/2026',
      ]);
    } finally {
      window.fetch = original;
    }
  });
});
