import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { PayPlan, PayPlanInput, Payslip } from '@kaohe/scoring';
import type { KaoheService, PayslipResult } from '@kaohe/service';
import type { Directory } from '@kaohe/workflow';
import { KaoheElement } from '../base/kaohe-element.ts';
import { onPayPlansRegistered, payPlanById } from '../base/pay-plans.ts';
import { formulaWords, scoresUsed } from './formula-words.ts';
import { currencySymbol, formatCurrency, formatMoney, formatScore } from '../base/number-format.ts';
import { payslipMsg, type PayslipMessageKey } from './payslip-messages.ts';
import { payslipStyles } from './kaohe-payslip.styles.ts';

/** What the payslip shows: a payslip (with the plan it was computed by), or why there is none. */
export type ShownPayslip =
  | { state: 'payslip'; payslip: Payslip; plan: PayPlanInput | undefined; employee?: { id: string; name: string; number?: string } | undefined; values?: Readonly<Record<string, unknown>> }
  | { state: 'refused'; message: PayslipMessageKey; params?: Record<string, string> }
  | { state: 'none'; problem?: string };

/**
 * @customElement kaohe-payslip
 * An employee's month of pay as the application service computed it: every line with its formula and
 * inputs in words, the score it used, the total, and the consequences that changed it (P-2 under 60,
 * the P-3 gate). It computes nothing and decides nothing: given an `appraisal` id it asks `service`
 * (`Kaohe.configure` hands it the page's service — the server's client, or the one over the page's
 * store) for `service.payslip(appraisal, viewer)`, which decides who may see it (published: the
 * employee, HR and the chain) and computes it; a refusal shows a plain message and no figure reaches
 * the DOM. A `payslip` handed to it (with its `plan`) is shown as it is.
 *
 * This class carries no pay engine (no computePay): pages that only show payslips load it alone.
 * `KaohePayslip` adds the stand-alone path that computes from a record, a plan and the month's inputs.
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
export class KaohePayslipView extends KaoheElement {
  static override styles = [...KaoheElement.styles, payslipStyles];

  /** The appraisal whose payslip `service` is asked for (`2026-11:E1001`). */
  @property() appraisal: string | undefined;
  /** The application service the payslip is read from (and, when it has `subscribe`, followed); Kaohe.configure fills it in. */
  @property({ attribute: false }) service: (Pick<KaoheService, 'payslip'> & Partial<Pick<KaoheService, 'subscribe'>>) | undefined;
  /** The pay plan: an id ('P-1' …) of `payPlans` or of the registered plans, or a plan itself. The service's answer brings its own. */
  @property() plan: string | PayPlanInput | undefined;
  /** Pay plans by id, for a `plan` given by id; they win over the registered ones. Kaohe.configure fills it in. */
  @property({ attribute: false }) payPlans: Readonly<Record<string, PayPlanInput>> | undefined;
  /** A payslip computed elsewhere (the service), shown as it is. */
  @property({ attribute: false }) payslip: Payslip | undefined;
  /** The signed-in user. */
  @property() viewer = '';
  /** The host's org directory (names). */
  @property({ attribute: false }) directory: Directory = { people: [] };

  /** the service's last answer for (appraisal, viewer), or undefined while it is being read */
  #read: { key: string; result: PayslipResult | undefined } | undefined;
  /** a live notice said the appraisal changed (published, appealed …): read it again, showing the last answer meanwhile */
  #stale = false;
  #live: { key: string; service: object; stop: () => void } | undefined;
  #plan: PayPlan | undefined;
  #planSource: PayPlanInput | undefined;
  #planProblem = '';
  #unsubscribePlans: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // The preset plans may be registered after this payslip was written into the page (kaohe-presets.js loading late).
    this.#unsubscribePlans = onPayPlansRegistered(() => {
      if (typeof this.plan === 'string') this.requestUpdate();
    });
    if (this.hasUpdated && typeof this.plan === 'string') this.requestUpdate();
    if (this.hasUpdated) this.#follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribePlans?.();
    this.#unsubscribePlans = undefined;
    this.#follow();
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#follow();
  }

  /**
   * While connected with an appraisal, hears the service's notices for the viewer: the appraisal
   * published (or changed) while the page is open is read again, so the payslip appears without a reload.
   */
  #follow(): void {
    const service = this.service;
    const key = this.isConnected && this.appraisal && service?.subscribe ? JSON.stringify([this.appraisal, this.viewer]) : undefined;
    if (this.#live && this.#live.key === key && this.#live.service === service) return;
    this.#live?.stop();
    this.#live = undefined;
    if (key === undefined || !service?.subscribe) return;
    const appraisal = this.appraisal;
    const stop = service.subscribe(this.viewer, (notice) => {
      if (notice.type === 'resync' || (notice.type === 'changed' && notice.appraisalId === appraisal)) {
        this.#stale = true;
        this.requestUpdate();
      }
    });
    this.#live = { key, service, stop };
  }

  /** The plan named by `plan`: the object itself, or the id looked up in `payPlans`, then the registered plans. */
  protected resolvePlan(): PayPlanInput | undefined {
    if (typeof this.plan !== 'string') return this.plan;
    return this.payPlans?.[this.plan] ?? payPlanById(this.plan);
  }

  /**
   * The plan as shown: the view trusts the plan it is given — the service's answer carries the plan it
   * validated and paid by — and only fills in the lists a plan may leave out, so it carries no schema
   * code. `KaohePayslip` validates (a plan a host wrote by hand, with each problem named).
   */
  protected checkedPlan(source: PayPlanInput | undefined): { plan: PayPlan | undefined; problem: string } {
    if (source !== this.#planSource) {
      this.#planSource = source;
      this.#plan = source === undefined ? undefined : { currency: 'CNY', inputs: [], settings: [], quantities: [], flags: [], ...source } as PayPlan;
      this.#planProblem = '';
    }
    return { plan: this.#plan, problem: this.#planProblem };
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const key = this.appraisal && this.service ? JSON.stringify([this.appraisal, this.viewer]) : undefined;
    if (key === undefined) {
      this.#read = undefined;
    } else if ((changed.has('service') || this.#read?.key !== key || this.#stale) && this.service) {
      // read again after a notice: the last answer stays on screen until the new one comes
      const kept = this.#stale && this.#read?.key === key ? this.#read.result : undefined;
      this.#stale = false;
      this.#read = { key, result: kept };
      const service = this.service;
      const asked = this.#read;
      void service.payslip(this.appraisal as string, this.viewer).then(
        (result) => { if (this.#read === asked) { asked.result = result; this.requestUpdate(); } },
        (error: unknown) => {
          if (this.#read !== asked) return;
          asked.result = { ok: false, code: 'unavailable', message: error instanceof Error ? error.message : String(error) };
          this.requestUpdate();
        },
      );
    }
  }

  /** What to show now; `KaohePayslip` answers its stand-alone path here. */
  protected shown(): ShownPayslip | 'loading' {
    if (this.#read) {
      const result = this.#read.result;
      if (!result) return 'loading';
      if (result.ok) return { state: 'payslip', payslip: result.payslip, plan: result.plan, employee: result.employee, values: result.values };
      // The service's one answer for a missing id, one the viewer may not see and one not yet published:
      // words true of all three, which also tell an employee why their own month's payslip is not there yet
      // (before, 'you may not see this payslip' made employees think they were locked out of their own pay).
      if (result.code === 'not-found') return { state: 'refused', message: 'notShown' };
      return { state: 'refused', message: 'notYet', params: { reason: result.message } };
    }
    if (this.payslip) return { state: 'payslip', payslip: this.payslip, plan: this.resolvePlan() };
    return { state: 'none' };
  }

  protected m(key: PayslipMessageKey, params?: Record<string, string | number>): string {
    return payslipMsg(key, this.locale, params);
  }

  protected refused(text: string): TemplateResult {
    return html`<p part="refused" class="refused" role="status">${text}</p>`;
  }

  override render(): TemplateResult {
    const shown = this.shown();
    if (shown === 'loading') return html`<p part="refused" class="refused" role="status" aria-busy="true">${this.m('loading')}</p>`;
    // Refused before anything about the pay is read, so no figure can leak into the DOM.
    if (shown.state === 'refused') return this.refused(this.m(shown.message, shown.params));
    const unknownPlan = typeof this.plan === 'string' && this.plan !== '' && this.resolvePlan() === undefined;
    if (shown.state === 'none' || shown.plan === undefined) {
      if (unknownPlan) return this.refused(this.m('unknownPlan', { id: this.plan as string }));
      if (shown.state === 'none') return html`<p part="refused" class="refused" role="status">${this.m('noPayslip')}${shown.problem ? html` ${shown.problem}` : nothing}</p>`;
    }
    const { plan, problem } = this.checkedPlan(shown.plan);
    if (!plan) return html`<p part="refused" class="refused" role="status">${this.m('noPayslip')}${problem ? html` ${problem}` : nothing}</p>`;
    return this.renderPayslip(shown.payslip, plan, shown.employee, shown.values ?? {});
  }

  protected employeeOf(payslip: Payslip): { id: string; name?: string; number?: string | undefined } {
    const id = payslip.employee ?? '';
    const person = this.directory.people.find((p) => p.id === id);
    return person ? { id, name: person.name, number: person.number } : { id };
  }

  protected periodOf(payslip: Payslip): string {
    return payslip.period ?? '';
  }

  protected renderPayslip(payslip: Payslip, plan: PayPlan, given: { id: string; name: string; number?: string } | undefined, values: Readonly<Record<string, unknown>>): TemplateResult {
    const locale = this.locale;
    const person = given ?? this.employeeOf(payslip);
    const period = this.periodOf(payslip);
    const scores = scoresUsed(plan, payslip, values, locale);
    const settings = plan.settings.map((s) => ({ id: s.id, label: s.label?.[locale] ?? s.name, option: s.optionLabels?.[payslip.settings[s.name] ?? '']?.[locale] ?? payslip.settings[s.name] ?? '' }));
    const headingId = 'payslip-heading';
    return html`
      <article part="payslip" aria-labelledby=${headingId}>
        <h2 id=${headingId}>${this.m('heading', { period })}</h2>
        <dl class="meta">
          <dt>${this.m('employee')}</dt><dd>${person.name !== undefined ? `${person.name}${person.number ? ` (${person.number})` : ''}` : person.id}</dd>
          <dt>${this.m('plan')}</dt><dd>${plan.label[locale]} (${plan.id})</dd>
        </dl>
        <table part="lines">
          <caption>${this.m('linesCaption', { currency: currencySymbol(payslip.currency, locale) })}</caption>
          <thead>
            <tr><th scope="col">${this.m('line')}</th><th scope="col">${this.m('calculation')}</th><th scope="col" class="amount">${this.m('amount')}</th></tr>
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
            <tr part="total"><th scope="row" colspan="2">${this.m('total')}</th><td class="amount" data-total>${formatCurrency(payslip.total, payslip.currency, locale)}</td></tr>
          </tfoot>
        </table>
        ${scores.length > 0 ? html`<p part="score" data-score>${this.m('scoreUsed')}: ${scores.map((s) => `${s.label} ${formatScore(s.value, locale)}`).join('; ')}</p>` : nothing}
        ${payslip.flags.length > 0 ? html`
          <section part="flags" class="flags" aria-labelledby="flags-heading">
            <h3 id="flags-heading">${this.m('consequences')}</h3>
            <ul>${payslip.flags.map((flag) => html`<li data-flag=${flag.code}>${flag.label[locale]} (${flag.source})</li>`)}</ul>
          </section>` : nothing}
        ${settings.length > 0 ? html`
          <h3>${this.m('settings')}</h3>
          <ul class="settings">${settings.map((s) => html`<li>${s.label}: ${s.option} (${s.id})</li>`)}</ul>` : nothing}
        <div part="actions" class="actions">
          <button type="button" @click=${() => window.print()}>${this.m('print')}</button>
        </div>
      </article>`;
  }
}
