import { expect, fixture, html } from '@open-wc/testing';
import type { AnnualRecord } from '@kaohe/scoring';
import { KaoheAnnual, type AnnualMonth } from '../src/kaohe-annual/kaohe-annual.ts';

KaoheAnnual.define('kaohe-annual');

const months = (scores: string[]): AnnualMonth[] => scores.map((monthly, n) => ({ period: `2025-${String(n + 1).padStart(2, '0')}`, monthly }));
const wangYear = months(['88', '90', '92.5', '85', '87', '91', '89', '90', '93', '86', '88', '90']);
const peers: AnnualRecord[] = [
  { employeeId: 'wang', role: 'salesperson', region: 'north', monthly: [] },
  { employeeId: 'li', role: 'salesperson', region: 'north', monthly: Array(12).fill('95') as string[] },
  { employeeId: 'zhao', role: 'salesperson', region: 'south', monthly: Array(12).fill('70') as string[] },
  { employeeId: 'lin', role: 'fieldServiceRepresentative', region: 'north', monthly: Array(12).fill('60') as string[] },
];

async function mount(monthsOfYear: AnnualMonth[], divisor: 'twelve' | 'appraised' = 'twelve', locale = 'en'): Promise<KaoheAnnual> {
  return fixture<KaoheAnnual>(html`<kaohe-annual locale=${locale} employee-id="wang" year="2025" divisor=${divisor} .months=${monthsOfYear} .peers=${peers}></kaohe-annual>`);
}
const root = (el: HTMLElement) => el.shadowRoot!;
const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('kaohe-annual', () => {
  it('shows the C-3 annual score the engine computes and says it was divided by 12', async () => {
    const el = await mount(wangYear);
    // 1069.5 ÷ 12 = 89.125, shown half-up to two places
    expect(text(root(el).querySelector('[data-annual]'))).to.equal('89.13');
    expect(text(root(el).querySelector('[data-divisor]'))).to.equal('sum of the monthly scores ÷ 12 (O-6)');
  });

  it('ranks a salesperson on 89.13 second of three in the role and second of three in the north', async () => {
    const el = await mount(wangYear);
    expect(text(root(el).querySelector('[data-rank="role"]'))).to.equal('2 of 3');
    expect(text(root(el).querySelector('[data-rank="region"]'))).to.equal('2 of 3');
  });

  it('a new hire with six months is divided by the months appraised when O-6 says so, and the empty months read "not appraised"', async () => {
    const el = await mount(months(['96', '96', '96', '96', '96', '96']).map((m, n) => ({ ...m, period: `2025-${String(n + 7).padStart(2, '0')}` })), 'appraised');
    expect(text(root(el).querySelector('[data-annual]'))).to.equal('96.00');
    expect(text(root(el).querySelector('[data-divisor]'))).to.equal('sum of the monthly scores ÷ 6 months appraised (O-6)');
    expect(text(root(el).querySelector('[data-rank="role"]'))).to.equal('1 of 3');
    const cells = [...root(el).querySelectorAll('[part~="months"] tbody td')].map(text);
    expect(cells.slice(0, 6)).to.deep.equal(Array(6).fill('not appraised'));
    expect(root(el).querySelectorAll('rect.bar').length).to.equal(6);
  });

  it('draws a bar per appraised month, taller for a higher score, and gives the same figures in a table', async () => {
    const el = await mount(wangYear);
    const heights = [...root(el).querySelectorAll<SVGRectElement>('rect.bar')].map((r) => Number(r.getAttribute('height')));
    expect(heights.length).to.equal(12);
    expect(heights[2]).to.be.greaterThan(heights[3]!); // March 92.5 above April 85
    const cells = [...root(el).querySelectorAll('[part~="months"] tbody td')].map(text);
    // O-7: a score has two decimals on every page, whole or not
    expect(cells).to.deep.equal(['88.00', '90.00', '92.50', '85.00', '87.00', '91.00', '89.00', '90.00', '93.00', '86.00', '88.00', '90.00']);
    expect(root(el).querySelector('svg')!.getAttribute('aria-hidden')).to.equal('true');
  });

  it('shows a month the engine scored 81.30 as 81.30, as the form and the inbox do', async () => {
    const el = await mount(months(['81.30', '74.30', '77.80']));
    const cells = [...root(el).querySelectorAll('[part~="months"] tbody td')].map(text);
    expect(cells.slice(0, 3)).to.deep.equal(['81.30', '74.30', '77.80']);
    // (81.30 + 74.30 + 77.80) ÷ 12 = 19.45
    expect(text(root(el).querySelector('[data-annual]'))).to.equal('19.45');
  });

  it('speaks Traditional Chinese when the locale says so', async () => {
    const el = await mount(wangYear, 'twelve', 'zh-Hant');
    expect(text(root(el).querySelector('h2'))).to.equal('2025 年度考核');
    expect(text(root(el).querySelector('[data-rank="role"]'))).to.equal('第 2 名，共 3 人');
  });

  it('passes axe', async () => {
    await expect(await mount(wangYear)).to.be.accessible();
  });
});
