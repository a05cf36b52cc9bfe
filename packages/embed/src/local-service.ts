// The page's own application service over its store (the IndexedDB mode): the workflow machine and
// the service's write path. Imported by Kaohe.configure only when no server is configured, so a page
// on the server never downloads xstate; the ESM entry and kaohe-hr.js import it at once.
// The IndexedDB store (idb) comes with it: the same mode needs both, so they are one chunk to load.
import { createService } from '@kaohe/service';
import { provideLocalService } from './service.ts';

export { IdbStore } from '@kaohe/store/idb';

provideLocalService(createService);
