import { css, html, nothing, svg, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { annualRanking, type AnnualRecord, type AnnualRow } from '@kaohe/scoring';
import { KaoheElement } from '../base/kaohe-element.ts';
import { formatScore } from '../base/number-format.ts';
import { annualMsg, type AnnualMessageKey } from './annual-messages.ts';

/** One appraised month of the employee: YYYY-MM and the monthly score (C-1). */
export interface AnnualMonth {
  period: string;
  monthly: string;
}

const WIDTH = 360;
const HEIGHT = 140;
const BAR_AREA = HEIGHT - 20;

/**
 * @customElement kaohe-annual
 * An employee's year: the twelve monthly scores as a small bar chart (with a table for screen
 * readers), the annual score (C-3) with the O-6 divisor in force, and the rank within role and
 * region from `annualRanking` in @kaohe/scoring.
 *
 * @csspart chart - the bar chart (hidden from assistive technology; the table carries the figures)
 * @csspart months - the table of monthly scores
 * @csspart annual - the annual score and how it was divided
 * @csspart ranks - the ranks
 * @cssprop --kaohe-annual-bar - the colour of a bar (default: the accent)
 */
export class KaoheAnnual extends KaoheElement {
  static override styles = [
    ...KaoheElement.styles,
    css`
      :host { display: block; max-width: 32rem; }
      h2 { font-size: 1.125rem; margin: 0 0 var(--_kaohe-space-small); }
      svg { width: 100%; height: auto; display: block; }
      .bar { fill: var(--kaohe-annual-bar, var(--_kaohe-color-accent)); }
      .axis { stroke: var(--_kaohe-color-border); }
      .tick { fill: var(--_kaohe-color-text-muted); font-size: 9px; }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem var(--_kaohe-space); margin: var(--_kaohe-space) 0 0; }
      dd { margin: 0; font-variant-numeric: tabular-nums; }
      .how { color: var(--_kaohe-color-text-muted); font-size: var(--_kaohe-font-size-small); }
    `,
  ];

  @property({ attribute: 'employee-id' }) employeeId = '';
  /** The year, e.g. 2025 (C-3 is computed in January for the year before). */
  @property({ type: Number }) year = 0;
  /** The employee's appraised months of the year. */
  @property({ attribute: false }) months: AnnualMonth[] = [];
  /** Everyone's year (this employee included), for the ranks; role and region come from here. */
  @property({ attribute: false }) peers: AnnualRecord[] = [];
  /** O-6: divide by 12 (the rule as written) or by the months appraised. */
  @property() divisor: 'twelve' | 'appraised' = 'twelve';

  #m(key: AnnualMessageKey, params?: Record<string, string | number>): string {
    return annualMsg(key, this.locale, params);
  }

  /** This employee's row of the ranking, their own months replacing any in `peers`. */
  get ranking(): { row: AnnualRow; roleSize: number; regionSize: number } | undefined {
    const own = this.peers.find((p) => p.employeeId === this.employeeId);
    const records = [
      ...this.peers.filter((p) => p.employeeId !== this.employeeId),
      { employeeId: this.employeeId, role: own?.role ?? '', region: own?.region ?? '', monthly: this.months.map((m) => m.monthly) },
    ];
    const rows = annualRanking(records, { divisor: this.divisor });
    const row = rows.at(-1)!;
    return { row, roleSize: rows.filter((r) => r.role === row.role).length, regionSize: rows.filter((r) => r.region === row.region).length };
  }

  override render(): TemplateResult {
    const year = String(this.year);
    const byMonth = new Map(this.months.map((m) => [Number(m.period.slice(5, 7)), m.monthly]));
    const monthName = (n: number) => new Intl.DateTimeFormat(this.locale, { month: 'short' }).format(new Date(Date.UTC(2000, n - 1, 15)));
    if (this.months.length === 0) return html`<h2>${this.#m('heading', { year })}</h2><p role="status">${this.#m('noData')}</p>`;
    const ranking = this.ranking!;
    const { row } = ranking;
    const slot = (WIDTH - 30) / 12;
    return html`
      <section aria-labelledby="annual-heading">
        <h2 id="annual-heading">${this.#m('heading', { year })}</h2>
        <svg part="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" aria-hidden="true" focusable="false">
          ${svg`<line class="axis" x1="28" y1="${BAR_AREA}" x2="${WIDTH}" y2="${BAR_AREA}"></line>`}
          ${[0, 60, 100].map((tick) => svg`<text class="tick" x="24" y="${BAR_AREA - (tick / 100) * (BAR_AREA - 10) + 3}" text-anchor="end">${tick}</text>`)}
          ${Array.from({ length: 12 }, (_, n) => {
            const score = byMonth.get(n + 1);
            const x = 30 + n * slot + slot * 0.15;
            // Heights are only drawing: the figures themselves are in the table, as the engine wrote them.
            const height = score === undefined ? 0 : (Number(score) / 100) * (BAR_AREA - 10);
            return svg`
              ${score === undefined ? nothing : svg`<rect class="bar" data-month="${n + 1}" x="${x}" y="${BAR_AREA - height}" width="${slot * 0.7}" height="${height}"></rect>`}
              <text class="tick" x="${x + slot * 0.35}" y="${HEIGHT - 6}" text-anchor="middle">${n + 1}</text>`;
          })}
        </svg>
        <table part="months" class="visually-hidden">
          <caption>${this.#m('chartTitle', { year })}</caption>
          <thead><tr><th scope="col">${this.#m('month')}</th><th scope="col">${this.#m('monthly')}</th></tr></thead>
          <tbody>
            ${Array.from({ length: 12 }, (_, n) => html`<tr><th scope="row">${monthName(n + 1)}</th>
              <td>${byMonth.has(n + 1) ? formatScore(byMonth.get(n + 1)!, this.locale) : this.#m('notAppraised')}</td></tr>`)}
          </tbody>
        </table>
        <dl>
          <dt>${this.#m('annual')}</dt>
          <dd part="annual"><strong data-annual>${formatScore(row.annual, this.locale)}</strong>
            <span class="how" data-divisor>${this.divisor === 'twelve' ? this.#m('divisorTwelve') : this.#m('divisorAppraised', { n: row.months })}</span></dd>
          <dt>${this.#m('rankInRole')}</dt>
          <dd part="ranks" data-rank="role">${this.#m('rankOf', { rank: row.rankInRole, of: ranking.roleSize })}</dd>
          <dt>${this.#m('rankInRegion')}</dt>
          <dd part="ranks" data-rank="region">${this.#m('rankOf', { rank: row.rankInRegion, of: ranking.regionSize })}</dd>
        </dl>
      </section>`;
  }
}
