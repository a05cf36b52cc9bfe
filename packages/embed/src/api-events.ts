// The API's own events (it is an EventTarget): ready after configure, context-change after each change.
import type { KaoheContext } from './context.ts';

/** `kaohe-ready`: the context is configured; `context` is what the elements now read. */
export class KaoheReadyEvent extends Event {
  static readonly eventName = 'kaohe-ready';
  constructor(readonly context: KaoheContext) {
    super(KaoheReadyEvent.eventName);
  }
}

/** `kaohe-context-change`: the user, locale or rubrics changed after configure. */
export class KaoheContextChangeEvent extends Event {
  static readonly eventName = 'kaohe-context-change';
  constructor(readonly context: KaoheContext) {
    super(KaoheContextChangeEvent.eventName);
  }
}
