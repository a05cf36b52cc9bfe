export * from './schema.ts';
export * from './result.ts';
export * from './problems.ts';
export * from './decimal.ts';
export * from './validate.ts';
export * from './engine.ts';
export * from './describe.ts';
