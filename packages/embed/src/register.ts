// Defines the tags of every Kaohe element, through the elements' guarded define (a second copy of
// the bundle on the page is warned, never thrown at). This mirrors @kaohe/elements' register.ts,
// which its package does not export; once it exports "./register", import that instead.
import { KaoheInbox, KaoheRubricForm } from '@kaohe/elements';

KaoheRubricForm.define('kaohe-rubric-form');
KaoheInbox.define('kaohe-inbox');
