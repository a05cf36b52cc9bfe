import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { payrollCsv, type PayPlanInput, type PayrollPlanLines, type Payslip, type ScoreResult } from '@kaohe/scoring';
import { payPlanPresets } from '@kaohe/scoring/presets';
import { isHr, isPublished, type AppraisalRecord, type Directory } from '@kaohe/workflow';
import { downloadText } from '../base/download.ts';
import { KaoheElement } from '../base/kaohe-element.ts';
import { init } from '../events.ts';
import { payrollExportMsg } from './payroll-export-messages.ts';
import { payslipStyles } from './kaohe-payslip.styles.ts';

/** One employee-month HR may export: the appraisal, its scores and its payslip. */
export interface PayrollEntry {
  record: AppraisalRecord;
  score: ScoreResult;
  payslip: Payslip;
  /** default: the directory's name and department of the record's employee */
  name?: string;
  department?: string;
}

/** A payroll CSV was written and offered for download; `csv` is its text, for a host that uploads it instead. */
export class KaohePayrollExportedEvent extends Event {
  static readonly eventName = 'kaohe-payroll-exported';
  constructor(
    readonly csv: string,
    readonly fileName: string,
    readonly count: number,
  ) {
    super(KaohePayrollExportedEvent.eventName, init());
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kaohe-payroll-exported': KaohePayrollExportedEvent;
  }
}

/**
 * @customElement kaohe-payroll-export
 * HR's "Export CSV" for a department's published payslips of a month: the same table `kaohe batch`
 * writes (payrollCsv from @kaohe/scoring), downloaded as a file. Only HR sees the button.
 *
 * @fires kaohe-payroll-exported - the CSV was written and offered for download
 * @csspart export-button - the button
 * @csspart status - what happened
 */
export class KaohePayrollExport extends KaoheElement {
  static override styles = [...KaoheElement.styles, payslipStyles];

  @property({ attribute: false }) entries: PayrollEntry[] = [];
  @property() department = '';
  /** YYYY-MM */
  @property() period = '';
  @property() viewer = '';
  @property({ attribute: false }) directory: Directory = { people: [] };
  /** Plans whose lines become columns; default: the presets named by the payslips. */
  @property({ attribute: false }) plans: PayPlanInput[] | undefined;

  @state() private status = '';

  /** The entries the export holds: published (or under appeal), of the month, of the department. */
  get exported(): PayrollEntry[] {
    return this.entries.filter((entry) => isPublished(entry.record.status)
      && entry.record.period === this.period && this.#departmentOf(entry) === this.department);
  }

  #person(entry: PayrollEntry) {
    return this.directory.people.find((p) => p.id === entry.record.employeeId);
  }

  #departmentOf(entry: PayrollEntry): string {
    return entry.department ?? this.#person(entry)?.department ?? '';
  }

  override render(): TemplateResult | typeof nothing {
    if (!isHr(this.viewer, this.directory)) return nothing;
    const n = this.exported.length;
    return html`
      <div class="actions">
        <button type="button" part="export-button" ?disabled=${n === 0} @click=${() => void this.#export()}>${payrollExportMsg('exportCsv', this.locale, { n })}</button>
      </div>
      <p part="status" role="status">${n === 0 ? payrollExportMsg('exportNone', this.locale) : this.status}</p>`;
  }

  async #export(): Promise<void> {
    const entries = this.exported;
    const planIds = [...new Set(entries.map((e) => e.payslip.plan.id))];
    const plans: PayrollPlanLines[] = (this.plans ?? planIds.flatMap((id) => (payPlanPresets[id] ? [payPlanPresets[id]] : [])))
      .map((plan) => ({ lines: plan.lines }));
    try {
      const { csv } = await payrollCsv(entries.map((entry) => ({
        employee: entry.record.employeeId,
        name: entry.name ?? this.#person(entry)?.name ?? '',
        department: this.#departmentOf(entry),
        rubric: entry.record.rubricId,
        period: entry.record.period,
        score: entry.score,
        payslip: entry.payslip,
      })), { locale: this.locale, plans, department: true });
      const fileName = `payroll-${this.department}-${this.period}.csv`;
      downloadText(this.renderRoot, csv, fileName, 'text/csv;charset=utf-8');
      this.status = payrollExportMsg('exportDone', this.locale, { n: entries.length, file: fileName });
      this.dispatchEvent(new KaohePayrollExportedEvent(csv, fileName, entries.length));
    } catch (error) {
      this.status = payrollExportMsg('exportFailed', this.locale, { message: error instanceof Error ? error.message : String(error) });
    }
  }
}
