// Events of the form builder and the chain editor: classes with typed fields, bubbling and composed.
import type { Problem, Rubric, RubricDraft } from '@kaohe/scoring';
import type { Chain } from '@kaohe/workflow';
import { init } from '../events.ts';

/** The draft changed through the user (an edit, undo, redo, import or preset). */
export class KaoheRubricDraftChangeEvent extends Event {
  static readonly eventName = 'kaohe-rubric-draft-change';
  constructor(
    readonly draft: RubricDraft,
    /** what validateRubric says about it: empty when the rubric can be published */
    readonly problems: readonly Problem[],
  ) {
    super(KaoheRubricDraftChangeEvent.eventName, init());
  }
}

/** The user asked to publish `rubric` as a new version. Cancelable: the host may refuse (permission). */
export class KaoheRubricPublishRequestEvent extends Event {
  static readonly eventName = 'kaohe-rubric-publish-request';
  constructor(readonly rubric: Rubric, readonly chain: Chain | undefined) {
    super(KaoheRubricPublishRequestEvent.eventName, init(true));
  }
}

/** A version was stored (`store.putRubric`); published versions are never overwritten. */
export class KaoheRubricPublishedEvent extends Event {
  static readonly eventName = 'kaohe-rubric-published';
  constructor(readonly rubric: Rubric, readonly chain: Chain | undefined) {
    super(KaoheRubricPublishedEvent.eventName, init());
  }
}

/** The review chain changed through the user; `problems` is what validateChain says. */
export class KaoheChainChangeEvent extends Event {
  static readonly eventName = 'kaohe-chain-change';
  constructor(readonly chain: Chain, readonly problems: readonly Problem[]) {
    super(KaoheChainChangeEvent.eventName, init());
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kaohe-rubric-draft-change': KaoheRubricDraftChangeEvent;
    'kaohe-rubric-publish-request': KaoheRubricPublishRequestEvent;
    'kaohe-rubric-published': KaoheRubricPublishedEvent;
    'kaohe-chain-change': KaoheChainChangeEvent;
  }
}
