// The events Kaohe elements fire. Each is a class, so a listener can narrow with `instanceof` and
// read typed fields instead of an untyped `detail`. All bubble and cross shadow roots (composed).
import type { Problem, ScoreResult, Sheet } from '@kaohe/scoring';

export const init = (cancelable = false): EventInit => ({ bubbles: true, composed: true, cancelable });

/**
 * The value of a form element changed through the user (native name, as on `<input>`), or the
 * user's draft was restored into it on connect:
 * `sheet` is the new value; `result` the scores of it, or null while `problems` stand in the way.
 */
export class KaoheChangeEvent extends Event {
  static readonly eventName = 'change';
  constructor(
    readonly sheet: Sheet,
    readonly result: ScoreResult | null,
    readonly problems: readonly Problem[],
  ) {
    super(KaoheChangeEvent.eventName, init());
  }
}

/**
 * The user asked to submit. Cancelable: a host that must refuse (permission, deadline, the review
 * chain says no) calls `preventDefault()` and no `kaohe-submitted` follows.
 */
export class KaoheSubmitRequestEvent extends Event {
  static readonly eventName = 'kaohe-submit-request';
  constructor(
    readonly sheet: Sheet,
    readonly result: ScoreResult,
  ) {
    super(KaoheSubmitRequestEvent.eventName, init(true));
  }
}

/** A submit request went through: the host should now hand `sheet` to the review chain. */
export class KaoheSubmittedEvent extends Event {
  static readonly eventName = 'kaohe-submitted';
  constructor(
    readonly sheet: Sheet,
    readonly result: ScoreResult,
  ) {
    super(KaoheSubmittedEvent.eventName, init());
  }
}

/**
 * The stored appraisal is newer than the revision the form was opened on. The form keeps the
 * user's entries (as a draft) and never overwrites the stored appraisal; the host decides what next.
 */
export class KaoheConflictEvent extends Event {
  static readonly eventName = 'kaohe-conflict';
  constructor(
    readonly appraisalId: string,
    /** the revision the form was opened on */
    readonly baseRevision: number,
    /** the revision now stored */
    readonly storedRevision: number,
  ) {
    super(KaoheConflictEvent.eventName, init());
  }
}

declare global {
  // `change` keeps its DOM type (Event) here: the map already declares it for every element, and a
  // KaoheChangeEvent is an Event, so `event instanceof KaoheChangeEvent` narrows it.
  interface GlobalEventHandlersEventMap {
    'kaohe-submit-request': KaoheSubmitRequestEvent;
    'kaohe-submitted': KaoheSubmittedEvent;
    'kaohe-conflict': KaoheConflictEvent;
  }
}
