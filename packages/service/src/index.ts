export type * from './schemas.ts';
export * from './schemas.ts';
export * from './refusal.ts';
export * from './service.ts';
export { buildView, scoreOrNull } from './view.ts';
export * from './form.ts';
