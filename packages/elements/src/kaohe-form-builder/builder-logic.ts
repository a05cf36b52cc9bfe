// The builder's pure half lives in @kaohe/scoring (src/builder). Until the scoring package
// re-exports it from its index, this is the one place that reaches it by a relative path; when it
// does, this file becomes `export * from '@kaohe/scoring'` and nothing else changes.
export * from '../../../scoring/src/builder/index.ts';
