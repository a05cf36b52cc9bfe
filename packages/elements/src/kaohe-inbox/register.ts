// Defines `kaohe-inbox`, the task pane it opens and the rubric form the pane shows (guarded, see
// KaoheElement.define): the inbox's own chunk. The pane renders <kaohe-rubric-form> in its shadow root,
// where the script-tag loader does not look, and calls it as soon as a task opens, so the form comes with
// the inbox rather than on the first open.
import { KaoheRubricForm } from '../kaohe-rubric-form/rubric-form.ts';
import { KaoheInbox } from './kaohe-inbox.ts';
import { KaoheTaskPane } from './kaohe-task-pane.ts';

KaoheRubricForm.define('kaohe-rubric-form');
KaoheTaskPane.define('kaohe-task-pane');
KaoheInbox.define('kaohe-inbox');

export { KaoheInbox, KaoheTaskPane };
