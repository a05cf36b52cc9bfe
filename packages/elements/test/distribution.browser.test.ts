import { expect, fixture, html } from '@open-wc/testing';
import type { ScoreEntry } from '@kaohe/scoring';
import { KaoheScoreDistribution } from '../src/kaohe-score-distribution/kaohe-score-distribution.ts';

KaoheScoreDistribution.define('kaohe-score-distribution');

const entries: ScoreEntry[] = [
  ...['82', '55', '78', '97', '85', '80', '83'].map((score, n) => ({ employeeId: `sp${n}`, name: `銷售員${n}`, role: 'salesperson', score })),
  ...['70', '71', '69', '70', '70', '70.5'].map((score, n) => ({ employeeId: `fs${n}`, name: `服務代表${n}`, role: 'fieldServiceRepresentative', score })),
];

async function mount(locale = 'en', roleLabels: Record<string, string> = { salesperson: 'Salespeople', fieldServiceRepresentative: 'Field service' }): Promise<KaoheScoreDistribution> {
  return fixture<KaoheScoreDistribution>(html`<kaohe-score-distribution locale=${locale} period="2026-10" .entries=${entries}
    .roleLabels=${roleLabels}></kaohe-score-distribution>`);
}
const root = (el: HTMLElement) => el.shadowRoot!;
const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const scoresOf = (el: KaoheScoreDistribution, role: string) =>
  [...root(el).querySelectorAll(`[data-role="${role}"] [data-scores] tbody tr`)].map((tr) => text(tr.querySelector('td.score')));

describe('kaohe-score-distribution', () => {
  it('lists the salesperson under 60 and the one above 95 first, with the reason in words', async () => {
    const el = await mount();
    // O-7: scores with two decimals, as every page shows them
    expect(scoresOf(el, 'salesperson')).to.deep.equal(['97.00', '55.00', '85.00', '83.00', '82.00', '80.00', '78.00']);
    const outliers = [...root(el).querySelectorAll('[data-role="salesperson"] tr[part~="outlier"]')].map((tr) => text(tr.lastElementChild));
    // 55 is also 25 points under a mean of 80 with an SD of 11.69: −2.14 SD
    expect(outliers).to.deep.equal(['above 95', "under 60; -2.14 standard deviations from the role's mean"]);
  });

  it('sorting by score lowest first keeps the outliers on top', async () => {
    const el = await mount();
    const button = root(el).querySelector<HTMLButtonElement>('[data-role="salesperson"] th[aria-sort] button')!;
    button.click();
    await el.updateComplete;
    expect(scoresOf(el, 'salesperson')).to.deep.equal(['55.00', '97.00', '78.00', '80.00', '82.00', '83.00', '85.00']);
    expect(root(el).querySelector('[data-role="salesperson"] th[aria-sort]')!.getAttribute('aria-sort')).to.equal('ascending');
  });

  it('draws 10-point bands with one bar height per count, and the same counts in a table', async () => {
    const el = await mount();
    const counts = [...root(el).querySelectorAll('[data-role="salesperson"] [data-buckets] tbody td')].map(text);
    expect(counts).to.deep.equal(['0', '0', '0', '0', '0', '1', '0', '1', '4', '1']);
    const bar = (band: number) => Number(root(el).querySelector(`[data-role="salesperson"] rect[data-band="${band}"]`)!.getAttribute('height'));
    expect(bar(80)).to.equal(bar(50) * 4);
    expect(bar(60)).to.equal(0);
  });

  it('keeps roles apart: field staff around 70 have no outliers', async () => {
    const el = await mount();
    expect(root(el).querySelectorAll('[data-role="fieldServiceRepresentative"] tr[part~="outlier"]').length).to.equal(0);
    expect(text(root(el).querySelector('[data-role="fieldServiceRepresentative"] .summary'))).to.equal('6 people · mean 70.08 · standard deviation 0.61');
  });

  it('heads each role with the host\'s name for it, or with the elements\' own words where the host gives none', async () => {
    const headings = (el: KaoheScoreDistribution) => [...root(el).querySelectorAll('[part="role"] h3')].map(text);
    expect(headings(await mount('en'))).to.deep.equal(['Salespeople', 'Field service']);
    expect(headings(await mount('zh-Hant', { salesperson: '業務員' }))).to.deep.equal(['業務員', '現場服務代表']);
    expect(headings(await mount('zh-Hans', {}))).to.deep.equal(['销售员', '现场服务代表']);
  });

  it('passes axe', async () => {
    await expect(await mount('zh-Hant')).to.be.accessible();
  });
});
