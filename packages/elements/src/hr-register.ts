// HR's views (annual results, a month's score distribution, the payroll export) are their own entry
// point, loaded by HR pages only: the payroll export brings a CSV library the other pages don't need.
import { KaoheAnnual } from './kaohe-annual/kaohe-annual.ts';
import { KaohePayrollExport } from './kaohe-payslip/payroll-export.ts';
import { KaoheScoreDistribution } from './kaohe-score-distribution/kaohe-score-distribution.ts';

KaohePayrollExport.define('kaohe-payroll-export');
KaoheAnnual.define('kaohe-annual');
KaoheScoreDistribution.define('kaohe-score-distribution');

export { KaoheAnnual, KaohePayrollExport, KaoheScoreDistribution };
export { KaohePayrollExportedEvent } from './kaohe-payslip/payroll-export.ts';
export type { PayrollEntry } from './kaohe-payslip/payroll-export.ts';
export type { AnnualMonth } from './kaohe-annual/kaohe-annual.ts';
