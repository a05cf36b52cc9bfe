// The memory store, imported when a page needs one: with a server (the page keeps no appraisals of its
// own), or where the browser refuses IndexedDB. A page that shows a rubric form only never downloads it.
// (Imported, then exported: build.mjs points `import { … } from '@kaohe/…'` at the defining module; an
// `export … from` the package's index would reach the whole package, the IndexedDB store included.)
import { MemoryStore } from '@kaohe/store';

export { MemoryStore };
