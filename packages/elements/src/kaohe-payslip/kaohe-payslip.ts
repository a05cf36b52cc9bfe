import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { computePay, validatePayPlan, type PayInput, type PayPlan, type PayPlanInput, type Payslip } from '@kaohe/scoring';
import { payslipAccess, type AppraisalRecord, type Chain, type Directory, type PayslipAccess } from '@kaohe/workflow';
import { KaoheElement } from '../base/kaohe-element.ts';
import { onPayPlansRegistered, payPlanById } from '../base/pay-plans.ts';
import { formulaWords, scoresUsed } from './formula-words.ts';
import { formatCurrency, formatMoney, formatNumber } from '../base/number-format.ts';
import { payslipMsg, type PayslipMessageKey } from './payslip-messages.ts';
import { payslipStyles } from './kaohe-payslip.styles.ts';

/**
 * @customElement kaohe-payslip
 * An employee's month of pay: every line with its formula and inputs in words, the score it used,
 * the total, and the consequences that changed it (P-2 under 60, the P-3 gate). Shown only once
 * the appraisal is published, and only to the employee, HR and those the review chain lets read
 * it; anyone else gets a plain refusal and no figure reaches the DOM.
 *
 * A plan given by id ('P-1') is looked up in `payPlans`, then in the page's registered plans
 * (`registerPayPlans`; kaohe-presets.js registers P-1, P-2 and P-3). An id found in neither shows a
 * message naming it, and the payslip appears once the plan is registered.
 *
 * Printing gives a one-page payslip: no buttons, black on white.
 *
 * @csspart payslip - the payslip
 * @csspart lines - the table of pay lines
 * @csspart total - the total row
 * @csspart score - the score used
 * @csspart flags - what changed the pay
 * @csspart actions - the print button's bar (hidden in print)
 * @csspart refused - the message shown instead of a payslip
 * @cssprop --kaohe-payslip-width - the payslip's width on screen (default 48rem)
 */
export class KaohePayslip extends KaoheElement {
  static override styles = [...KaoheElement.styles, payslipStyles];

  /** The pay plan: an id ('P-1' …) of `payPlans` or of the registered plans, or a plan itself. */
  @property() plan: string | PayPlanInput | undefined;
  /** Pay plans by id, for a `plan` given by id; they win over the registered ones. Kaohe.configure fills it in. */
  @property({ attribute: false }) payPlans: Readonly<Record<string, PayPlanInput>> | undefined;
  /** The month's pay inputs (values and settings); the payslip is computed from them. */
  @property({ attribute: false }) input: PayInput | undefined;
  /** A payslip computed elsewhere; wins over `input`. */
  @property({ attribute: false }) payslip: Payslip | undefined;
  /** The employee's appraisal for the month: its status says whether pay is published. */
  @property({ attribute: false }) record: AppraisalRecord | undefined;
  /** The signed-in user. */
  @property() viewer = '';
  /** The host's org directory (names, HR role, managers). */
  @property({ attribute: false }) directory: Directory = { people: [] };
  /** The record's review chain; default: the preset named by the record's chainId. */
  @property({ attribute: false }) chain: Chain | undefined;

  #plan: PayPlan | undefined;
  /** the plan input #plan was validated from: a registration or a new `payPlans` may resolve the id to another */
  #planSource: PayPlanInput | undefined;
  #payslip: Payslip | undefined;
  #problem = '';
  #unsubscribePlans: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // The preset plans may be registered after this payslip was written into the page (kaohe-presets.js loading late).
    this.#unsubscribePlans = onPayPlansRegistered(() => {
      if (typeof this.plan === 'string') this.requestUpdate();
    });
    if (this.hasUpdated && typeof this.plan === 'string') this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribePlans?.();
    this.#unsubscribePlans = undefined;
  }

  #resolvePlan(): PayPlanInput | undefined {
    if (typeof this.plan !== 'string') return this.plan;
    return this.payPlans?.[this.plan] ?? payPlanById(this.plan);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const source = this.#resolvePlan();
    const planChanged = changed.has('plan') || source !== this.#planSource;
    if (planChanged) {
      this.#planSource = source;
      const checked = source === undefined ? undefined : validatePayPlan(source);
      this.#plan = checked?.ok ? checked.value : undefined;
      this.#problem = checked && !checked.ok ? checked.problems.map((p) => `${p.path}: ${p.message}`).join('; ') : '';
    }
    if (planChanged || changed.has('input') || changed.has('payslip')) {
      this.#payslip = this.payslip;
      if (!this.#payslip && this.#plan && this.input) {
        try {
          this.#payslip = computePay(this.#plan, this.input);
        } catch (error) {
          this.#payslip = undefined;
          this.#problem = error instanceof Error ? error.message : String(error);
        }
      }
    }
  }

  /** Whether the viewer may see this payslip now, as @kaohe/workflow's visibility rules say. */
  get access(): PayslipAccess {
    return payslipAccess(this.record, this.viewer, this.directory, this.chain);
  }

  #m(key: PayslipMessageKey, params?: Record<string, string | number>): string {
    return payslipMsg(key, this.locale, params);
  }

  override render(): TemplateResult {
    const access = this.access;
    // Refused before anything about the pay is read, so no figure can leak into the DOM.
    if (access !== 'granted') {
      return html`<p part="refused" class="refused" role="status">${this.#m(access === 'unpublished' ? 'notPublished' : 'notAvailable')}</p>`;
    }
    const payslip = this.#payslip;
    const plan = this.#plan;
    if (!plan && typeof this.plan === 'string' && this.plan !== '' && this.#planSource === undefined) {
      return html`<p part="refused" class="refused" role="status">${this.#m('unknownPlan', { id: this.plan })}</p>`;
    }
    if (!payslip || !plan) return html`<p part="refused" class="refused" role="status">${this.#m('noPayslip')}${this.#problem ? html` ${this.#problem}` : nothing}</p>`;
    return this.#renderPayslip(payslip, plan);
  }

  #renderPayslip(payslip: Payslip, plan: PayPlan): TemplateResult {
    const locale = this.locale;
    const employeeId = this.record?.employeeId ?? payslip.employee ?? '';
    const person = this.directory.people.find((p) => p.id === employeeId);
    const period = payslip.period ?? this.record?.period ?? '';
    const scores = scoresUsed(plan, payslip, this.input?.values ?? {}, locale);
    const settings = plan.settings.map((s) => ({ id: s.id, label: s.label?.[locale] ?? s.name, option: s.optionLabels?.[payslip.settings[s.name] ?? '']?.[locale] ?? payslip.settings[s.name] ?? '' }));
    const headingId = 'payslip-heading';
    return html`
      <article part="payslip" aria-labelledby=${headingId}>
        <h2 id=${headingId}>${this.#m('heading', { period })}</h2>
        <dl class="meta">
          <dt>${this.#m('employee')}</dt><dd>${person ? `${person.name}${person.number ? ` (${person.number})` : ''}` : employeeId}</dd>
          <dt>${this.#m('plan')}</dt><dd>${plan.label[locale]} (${plan.id})</dd>
        </dl>
        <table part="lines">
          <caption>${this.#m('linesCaption', { currency: payslip.currency })}</caption>
          <thead>
            <tr><th scope="col">${this.#m('line')}</th><th scope="col">${this.#m('calculation')}</th><th scope="col" class="amount">${this.#m('amount')}</th></tr>
          </thead>
          <tbody>
            ${payslip.lines.map((line) => html`
              <tr data-line=${line.id}>
                <th scope="row">${line.label[locale]}</th>
                <td class="calculation">${formulaWords(line, plan, payslip, locale).map((w) => html`<span class=${w.kind}>${w.text}</span> `)}<span class="operator">=</span> <span class="value">${formatMoney(line.amount, locale)}</span></td>
                <td class="amount" data-amount>${formatMoney(line.amount, locale)}</td>
              </tr>`)}
          </tbody>
          <tfoot>
            <tr part="total"><th scope="row" colspan="2">${this.#m('total')}</th><td class="amount" data-total>${formatCurrency(payslip.total, payslip.currency, locale)}</td></tr>
          </tfoot>
        </table>
        ${scores.length > 0 ? html`<p part="score" data-score>${this.#m('scoreUsed')}: ${scores.map((s) => `${s.label} ${formatNumber(s.value, locale, 2)}`).join('; ')}</p>` : nothing}
        ${payslip.flags.length > 0 ? html`
          <section part="flags" class="flags" aria-labelledby="flags-heading">
            <h3 id="flags-heading">${this.#m('consequences')}</h3>
            <ul>${payslip.flags.map((flag) => html`<li data-flag=${flag.code}>${flag.label[locale]} (${flag.source})</li>`)}</ul>
          </section>` : nothing}
        ${settings.length > 0 ? html`
          <h3>${this.#m('settings')}</h3>
          <ul class="settings">${settings.map((s) => html`<li>${s.label}: ${s.option} (${s.id})</li>`)}</ul>` : nothing}
        <div part="actions" class="actions">
          <button type="button" @click=${() => window.print()}>${this.#m('print')}</button>
        </div>
      </article>`;
  }
}
