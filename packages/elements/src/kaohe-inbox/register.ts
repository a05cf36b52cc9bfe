// Defines `kaohe-inbox` and the task pane it opens (guarded, see KaoheElement.define): the inbox's own
// chunk. The pane renders <kaohe-rubric-form> in the inbox's shadow root, where the script-tag loader
// does not look: the pane imports the form's module itself when the first task with a rubric opens
// (rubric-form-loader.ts), so the inbox's first paint does not wait for it.
import { KaoheInbox } from './kaohe-inbox.ts';
import { KaoheTaskPane } from './kaohe-task-pane.ts';

KaoheTaskPane.define('kaohe-task-pane');
KaoheInbox.define('kaohe-inbox');

export { KaoheInbox, KaoheTaskPane };
