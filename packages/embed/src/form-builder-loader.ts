// kaohe-form-builder.js: the script tag of HR's rubric builder page. It imports the builder's module of
// the split build from beside itself, which shares lit, scoring and the rubric form with the core's
// chunks instead of carrying a copy of its own.
import { importEntry, ownScriptUrl } from './chunks.ts';

const base = ownScriptUrl('kaohe-form-builder.js') ?? document.baseURI;
importEntry('kaohe-form-builder', base).catch((error: unknown) => console.error('Kaohe: the form builder did not load:', error));
