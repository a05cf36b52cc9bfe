import { css, html, svg, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { orderDistributionRows, scoreDistribution, type RoleDistribution, type ScoreEntry } from '@kaohe/scoring';
import { KaoheElement } from '../base/kaohe-element.ts';
import { roleLabel } from '../base/role-labels.ts';
import { formatNumber, formatScore } from '../base/number-format.ts';
import { distributionMsg, reasonText, type DistributionMessageKey } from './distribution-messages.ts';

const WIDTH = 300;
const HEIGHT = 120;
const BASE = HEIGHT - 18;

/**
 * @customElement kaohe-score-distribution
 * For HR before publishing: a month's scores per role as a histogram of 10-point bands and a
 * table sortable by score, the unusual scores first. What counts as unusual is decided by
 * `scoreDistribution` in @kaohe/scoring: under 60, above 95, or more than 2 SD from the role's mean.
 *
 * @csspart role - one role's block
 * @csspart histogram - a role's histogram (hidden from assistive technology; its table carries the counts)
 * @csspart table - a role's table of scores
 * @csspart outlier - a row listed first for a reason
 */
export class KaoheScoreDistribution extends KaoheElement {
  static override styles = [
    ...KaoheElement.styles,
    css`
      :host { display: block; }
      h2 { font-size: 1.125rem; margin: 0 0 var(--_kaohe-space-small); }
      h3 { font-size: 1rem; margin: var(--_kaohe-space) 0 var(--_kaohe-space-small); }
      svg { width: 100%; max-width: 24rem; height: auto; display: block; }
      .bar { fill: var(--_kaohe-color-accent); }
      .bar.low { fill: var(--_kaohe-color-danger); }
      .tick { fill: var(--_kaohe-color-text-muted); font-size: 8px; }
      table { border-collapse: collapse; width: 100%; max-width: 40rem; }
      th, td { text-align: start; padding: var(--_kaohe-space-small); border-bottom: 1px solid var(--_kaohe-color-border); }
      td.score { font-variant-numeric: tabular-nums; text-align: end; }
      tr[part~='outlier'] { background: var(--_kaohe-color-warning-surface); }
      button { font: inherit; background: none; border: none; padding: 0; color: var(--_kaohe-color-accent); cursor: pointer; text-decoration: underline; }
      .rule, .summary { color: var(--_kaohe-color-text-muted); font-size: var(--_kaohe-font-size-small); }
    `,
  ];

  /** YYYY-MM */
  @property() period = '';
  /** The month's scores, every role. */
  @property({ attribute: false }) entries: ScoreEntry[] = [];
  /**
   * Role ids to names, in the host's language, for the host's own roles or its own wording; a role
   * without one is named by the elements' role words (the inbox's), or shows its id if they lack it.
   */
  @property({ attribute: false }) roleLabels: Record<string, string> = {};

  @state() private direction: 'ascending' | 'descending' = 'descending';

  #m(key: DistributionMessageKey, params?: Record<string, string | number>): string {
    return distributionMsg(key, this.locale, params);
  }

  get distribution(): RoleDistribution[] {
    return scoreDistribution(this.entries);
  }

  override render(): TemplateResult {
    const roles = this.distribution;
    return html`
      <h2>${this.#m('heading', { period: this.period })}</h2>
      <p class="rule">${this.#m('outlierRule')}</p>
      ${roles.length === 0 ? html`<p role="status">${this.#m('noScores')}</p>` : roles.map((role, n) => this.#renderRole(role, n))}`;
  }

  #renderRole(role: RoleDistribution, index: number): TemplateResult {
    const name = this.roleLabels[role.role] ?? roleLabel(role.role, this.locale);
    const most = Math.max(1, ...role.buckets.map((b) => b.count));
    const slot = (WIDTH - 20) / 10;
    const rows = orderDistributionRows(role.rows, this.direction);
    const headingId = `role-${index}`;
    return html`
      <section part="role" data-role=${role.role} aria-labelledby=${headingId}>
        <h3 id=${headingId}>${name}</h3>
        <p class="summary">${this.#m('summary', { n: role.count, mean: formatScore(role.mean, this.locale), sd: formatNumber(role.sd, this.locale, 2) })}</p>
        <svg part="histogram" viewBox="0 0 ${WIDTH} ${HEIGHT}" aria-hidden="true" focusable="false">
          ${role.buckets.map((bucket, n) => {
            const height = (bucket.count / most) * (BASE - 12);
            const x = 20 + n * slot;
            return svg`
              <rect class="bar ${bucket.to <= 60 ? 'low' : ''}" data-band="${bucket.from}" x="${x + 2}" y="${BASE - height}" width="${slot - 4}" height="${height}"></rect>
              ${bucket.count > 0 ? svg`<text class="tick" x="${x + slot / 2}" y="${BASE - height - 2}" text-anchor="middle">${bucket.count}</text>` : ''}
              <text class="tick" x="${x + slot / 2}" y="${HEIGHT - 6}" text-anchor="middle">${bucket.from}</text>`;
          })}
        </svg>
        <table class="visually-hidden" data-buckets>
          <caption>${this.#m('histogram', { role: name })}</caption>
          <thead><tr><th scope="col">${this.#m('band')}</th><th scope="col">${this.#m('people')}</th></tr></thead>
          <tbody>${role.buckets.map((b) => html`<tr><th scope="row">${b.from}–${b.to === 100 ? 100 : b.to - 0.01}</th><td>${b.count}</td></tr>`)}</tbody>
        </table>
        <table part="table" data-scores>
          <caption class="visually-hidden">${this.#m('scores', { role: name })}</caption>
          <thead>
            <tr>
              <th scope="col">${this.#m('employee')}</th>
              <th scope="col" aria-sort=${this.direction}>
                <button type="button" @click=${() => { this.direction = this.direction === 'descending' ? 'ascending' : 'descending'; }}
                  aria-label=${this.#m('sortBy', { direction: this.#m(this.direction === 'descending' ? 'lowestFirst' : 'highestFirst') })}>${this.#m('score')}</button>
              </th>
              <th scope="col">${this.#m('why')}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map((row) => html`
              <tr part=${row.reasons.length > 0 ? 'outlier' : 'row'} data-employee=${row.employeeId}>
                <th scope="row">${row.name ?? row.employeeId}</th>
                <td class="score">${formatScore(row.score, this.locale)}</td>
                <td>${row.reasons.map((reason) => reasonText(reason, row.deviations, this.locale)).join('; ')}</td>
              </tr>`)}
          </tbody>
        </table>
      </section>`;
  }
}
