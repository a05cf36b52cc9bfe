// The entry of kaohe-form-builder.js (IIFE) and kaohe-form-builder.mjs (ESM): `kaohe-form-builder`
// and `kaohe-chain-editor`, for the one HR page that edits rubrics. Every other page is spared its
// weight (and the rubric presets it starts from). It carries its own copy of what it needs, so it
// works alone or beside the core bundle; beside it, the core's `kaohe-rubric-form` stays the one defined.
import '@kaohe/elements/form-builder';
