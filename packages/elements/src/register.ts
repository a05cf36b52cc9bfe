// The one module with a side effect: it defines every Kaohe element's tag (guarded, see KaoheElement.define).
import { KaoheInbox } from './kaohe-inbox/kaohe-inbox.ts';
import { KaoheTaskPane } from './kaohe-inbox/kaohe-task-pane.ts';
import { KaoheOutboxStatus } from './kaohe-outbox-status/kaohe-outbox-status.ts';
import { KaohePayslip } from './kaohe-payslip/kaohe-payslip.ts';
import { KaoheRubricForm } from './kaohe-rubric-form/rubric-form.ts';

KaoheRubricForm.define('kaohe-rubric-form');
KaoheTaskPane.define('kaohe-task-pane');
KaoheInbox.define('kaohe-inbox');
KaohePayslip.define('kaohe-payslip');
KaoheOutboxStatus.define('kaohe-outbox-status');

// HR's views: './hr-register.ts'; the form builder: './kaohe-form-builder/register.ts'.
export * from './index.ts';
