export type * from './schemas.ts';
export * from './schemas.ts';
export * from './refusal.ts';
export * from './service.ts';
export { buildView, scoreOrNull, taskAppraisalOf } from './view.ts';
export { FORWARD_ACTIONS, isForward, type ForwardAction } from '@kaohe/workflow';
export * from './form.ts';
export { serviceDraftStore } from './draft-store.ts';
