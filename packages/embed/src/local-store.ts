// The IndexedDB store (idb), imported by deferred-store.ts when the page's store is first used: a page
// on a server, or one that never reads or writes an appraisal, never downloads it.
export { IdbStore } from '@kaohe/store/idb';
