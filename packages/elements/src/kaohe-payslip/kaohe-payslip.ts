import type { PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { computePay, validatePayPlan, type PayInput, type PayPlan, type PayPlanInput, type Payslip } from '@kaohe/scoring';
import { payslipAccess, type AppraisalRecord, type Chain, type PayslipAccess } from '@kaohe/workflow';
import { KaohePayslipView, type ShownPayslip } from './kaohe-payslip-view.ts';

/**
 * @customElement kaohe-payslip
 * The payslip (KaohePayslipView: given an `appraisal` id, the application service's payslip, decided
 * and computed there), plus the stand-alone path for a host without the service: given the employee's
 * `record`, a `plan` and the month's `input`, it computes the pay with @kaohe/scoring's computePay and
 * shows it only once the record is published, only to the employee, HR and those the review chain lets
 * read it (@kaohe/workflow's payslipAccess); anyone else gets a plain refusal and no figure reaches the DOM.
 * Pages that only show the service's payslips can use KaohePayslipView alone, without the pay engine.
 *
 * A plan given by id ('P-1') is looked up in `payPlans`, then in the page's registered plans
 * (`registerPayPlans`; kaohe-presets.js registers P-1, P-2 and P-3). An id found in neither shows a
 * message naming it, and the payslip appears once the plan is registered.
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
export class KaohePayslip extends KaohePayslipView {
  /** Stand-alone: the month's pay inputs (values and settings); the payslip is computed from them. */
  @property({ attribute: false }) input: PayInput | undefined;
  /** Stand-alone: the employee's appraisal for the month; its status says whether pay is published. */
  @property({ attribute: false }) record: AppraisalRecord | undefined;
  /** Stand-alone: the record's review chain; default the preset named by the record's chainId. */
  @property({ attribute: false }) chain: Chain | undefined;

  #computed: { payslip: Payslip | undefined; problem: string } = { payslip: undefined, problem: '' };
  #validated: { source: PayPlanInput | undefined; plan: PayPlan | undefined; problem: string } | undefined;

  /** A plan validated by @kaohe/scoring (defaults filled in); the problems named when it does not validate. */
  protected override checkedPlan(source: PayPlanInput | undefined): { plan: PayPlan | undefined; problem: string } {
    if (!this.#validated || this.#validated.source !== source) {
      const checked = source === undefined ? undefined : validatePayPlan(source);
      this.#validated = {
        source,
        plan: checked?.ok ? checked.value : undefined,
        problem: checked && !checked.ok ? checked.problems.map((p) => `${p.path}: ${p.message}`).join('; ') : '',
      };
    }
    return { plan: this.#validated.plan, problem: this.#validated.problem };
  }
  #computedFrom: unknown[] = [];

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.#standAlone()) return;
    const source = this.resolvePlan();
    const from = [source, this.input, this.payslip];
    if (from.every((value, n) => value === this.#computedFrom[n])) return;
    this.#computedFrom = from;
    const { plan, problem } = this.checkedPlan(source);
    if (this.payslip || !plan || !this.input) {
      this.#computed = { payslip: undefined, problem };
      return;
    }
    try {
      this.#computed = { payslip: computePay(plan, this.input), problem: '' };
    } catch (error) {
      this.#computed = { payslip: undefined, problem: error instanceof Error ? error.message : String(error) };
    }
  }

  /** The stand-alone path: a record handed over and no appraisal for the service to read. */
  #standAlone(): boolean {
    return this.record !== undefined && !(this.appraisal && this.service);
  }

  /** Stand-alone: whether the viewer may see this payslip now, as @kaohe/workflow's visibility rules say. */
  get access(): PayslipAccess {
    return payslipAccess(this.record, this.viewer, this.directory, this.chain);
  }

  protected override shown(): ShownPayslip | 'loading' {
    if (!this.#standAlone()) {
      if (this.record === undefined && !(this.appraisal && this.service) && this.payslip === undefined && this.input !== undefined) {
        // inputs without the record they belong to: nothing says the pay is published
        return { state: 'refused', message: 'notAvailable' };
      }
      return super.shown();
    }
    const access = this.access;
    if (access !== 'granted') return { state: 'refused', message: access === 'unpublished' ? 'notPublished' : 'notAvailable' };
    const payslip = this.payslip ?? this.#computed.payslip;
    if (!payslip) return { state: 'none', problem: this.#computed.problem };
    return { state: 'payslip', payslip, plan: this.resolvePlan(), values: this.input?.values ?? {} };
  }

  protected override employeeOf(payslip: Payslip): { id: string; name?: string; number?: string | undefined } {
    return super.employeeOf(this.record && !payslip.employee ? { ...payslip, employee: this.record.employeeId } : payslip);
  }

  protected override periodOf(payslip: Payslip): string {
    return payslip.period ?? this.record?.period ?? '';
  }
}
