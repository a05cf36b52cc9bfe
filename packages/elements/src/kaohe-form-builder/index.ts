// Re-exports only: importing this module defines no element (see register.ts).
export { KaoheFormBuilder, problemTarget } from './form-builder.ts';
export { KaoheChainEditor, starterChain } from './chain-editor.ts';
export { KaoheChainChangeEvent, KaoheRubricDraftChangeEvent, KaoheRubricPublishedEvent, KaoheRubricPublishRequestEvent } from './form-builder-events.ts';
export { builderMsg } from './form-builder-messages.ts';
export type { BuilderMessageKey } from './form-builder-messages.ts';
