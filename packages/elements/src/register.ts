// The one module with a side effect: it defines every Kaohe element's tag (guarded, see KaoheElement.define).
import { KaoheInbox } from './kaohe-inbox/kaohe-inbox.ts';
import { KaoheRubricForm } from './kaohe-rubric-form/rubric-form.ts';

KaoheRubricForm.define('kaohe-rubric-form');
KaoheInbox.define('kaohe-inbox');

export * from './index.ts';
