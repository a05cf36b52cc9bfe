// The form builder's pure half: editing operations on a rubric draft, undo/redo, and what changed
// between two versions. No DOM; the kaohe-form-builder element only renders this and forwards intent.
export * from './path.ts';
export * from './draft.ts';
export * from './history.ts';
export * from './diff.ts';
