// The one module with a side effect: it defines every Kaohe element's tag (guarded, see KaoheElement.define).
import { KaoheRubricForm } from './kaohe-rubric-form/rubric-form.ts';

KaoheRubricForm.define('kaohe-rubric-form');

export * from './index.ts';
