export type * from './schemas.ts';
export * from './schemas.ts';
export * from './refusal.ts';
export * from './service.ts';
export { buildView, FORWARD_ACTIONS, isForward, scoreOrNull, type ForwardAction } from './view.ts';
export * from './form.ts';
export { serviceDraftStore } from './draft-store.ts';
