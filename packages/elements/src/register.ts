// Defines every Kaohe element's tag of the core (guarded, see KaoheElement.define). Each element also
// has a register module of its own, which the script-tag loader imports when its tag first appears.
import './kaohe-rubric-form/register.ts';
import './kaohe-inbox/register.ts';
import './kaohe-payslip/register.ts';
import './kaohe-outbox-status/register.ts';

// HR's views: './hr-register.ts'; the form builder: './kaohe-form-builder/register.ts'.
export * from './index.ts';
