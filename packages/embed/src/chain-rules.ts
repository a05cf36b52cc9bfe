// The review chains' code the API needs from @kaohe/workflow: the presets W-SP … W-TR and the check of a
// host's own chain. Imported by chains.ts when first needed, so a page that only shows a rubric form
// for a rubric never downloads them (issue 14).
export { chainPresets, validateChain } from '@kaohe/workflow';
