// Defines `kaohe-inbox` and the task pane it opens (guarded, see KaoheElement.define): the inbox's own chunk.
import { KaoheInbox } from './kaohe-inbox.ts';
import { KaoheTaskPane } from './kaohe-task-pane.ts';

KaoheTaskPane.define('kaohe-task-pane');
KaoheInbox.define('kaohe-inbox');

export { KaoheInbox, KaoheTaskPane };
