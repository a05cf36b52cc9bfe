// Re-exports only: importing this module defines no element (see register.ts).
export { KaoheElement, KAOHE_ELEMENTS_VERSION } from './base/kaohe-element.ts';
export { getLocale, setLocale, onLocaleChange, msg, isLocale, locales } from './base/locale.ts';
export type { Locale, MessageKey } from './base/locale.ts';
export { roleLabel } from './base/role-labels.ts';
export { tokenStyles } from './base/tokens.styles.ts';
export { registerPayPlans, payPlanById, onPayPlansRegistered } from './base/pay-plans.ts';
export { KaoheChangeEvent, KaoheSubmitRequestEvent, KaoheSubmittedEvent, KaoheConflictEvent } from './events.ts';
export { KaoheRubricForm } from './kaohe-rubric-form/rubric-form.ts';
export type { RubricFormMode, ReviewComment } from './kaohe-rubric-form/rubric-form.ts';
export { KaoheInbox } from './kaohe-inbox/kaohe-inbox.ts';
export { KaoheTaskPane } from './kaohe-inbox/kaohe-task-pane.ts';
export type { OpenTask, OpenTaskEdit } from './kaohe-inbox/open-task.ts';
export {
  KaoheApproveRequestEvent, KaoheReturnRequestEvent, KaoheDelegateRequestEvent, KaoheTaskActedEvent, KaoheTaskActionFailedEvent, KaoheTaskOpenEvent,
  KaoheTaskPaneEditEvent, KaoheTaskPaneIntentEvent,
} from './kaohe-inbox/inbox-events.ts';
export type { TaskPaneIntent } from './kaohe-inbox/inbox-events.ts';
export { KaohePayslip } from './kaohe-payslip/kaohe-payslip.ts';
export { KaohePayslipView, type ShownPayslip } from './kaohe-payslip/kaohe-payslip-view.ts';
export { KaoheOutboxStatus } from './kaohe-outbox-status/kaohe-outbox-status.ts';
export type { OutboxStatusSource, OutboxStatusValue } from './kaohe-outbox-status/kaohe-outbox-status.ts';
// The form builder is its own entry point (`@kaohe/elements/form-builder`), so pages without it don't pay for it.
// HR's views are exported by './hr-register.ts' (`@kaohe/elements/hr`).
