// The one module with a side effect: it defines every Kaohe element's tag (guarded, see KaoheElement.define).
import { KaoheAnnual } from './kaohe-annual/kaohe-annual.ts';
import { KaoheInbox } from './kaohe-inbox/kaohe-inbox.ts';
import { KaohePayslip } from './kaohe-payslip/kaohe-payslip.ts';
import { KaohePayrollExport } from './kaohe-payslip/payroll-export.ts';
import { KaoheRubricForm } from './kaohe-rubric-form/rubric-form.ts';
import { KaoheScoreDistribution } from './kaohe-score-distribution/kaohe-score-distribution.ts';

KaoheRubricForm.define('kaohe-rubric-form');
KaoheInbox.define('kaohe-inbox');
KaohePayslip.define('kaohe-payslip');
KaohePayrollExport.define('kaohe-payroll-export');
KaoheAnnual.define('kaohe-annual');
KaoheScoreDistribution.define('kaohe-score-distribution');

export * from './index.ts';
