export * from './schema.ts';
export * from './result.ts';
export * from './problems.ts';
