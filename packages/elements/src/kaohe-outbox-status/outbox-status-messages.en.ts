// The words of outbox-status-messages.ts in English: imported when a page or an element first speaks en; zh-Hant is in outbox-status-messages.ts.
import type { Message } from '../base/locale.ts';
import type { OutboxStatusMessageKey } from './outbox-status-messages.ts';

const plural = (n: string | number | undefined, one: string, many: string) => (Number(n) === 1 ? one : many);

export const en: Readonly<Record<OutboxStatusMessageKey, Message>> = {
  offline: ({ n }) => (Number(n) === 0
    ? 'Offline. What you type is kept in this browser and sent when the connection is back.'
    : `Offline. ${n} ${plural(n, 'change waits', 'changes wait')} in this browser and will be sent, in order, when the connection is back.`),
  sending: ({ n }) => `Back online: sending ${n} waiting ${plural(n, 'change', 'changes')}…`,
  refused: ({ n }) => `${n} ${plural(n, 'change was', 'changes were')} not accepted: the appraisal changed meanwhile. Your version is kept; open the appraisal to compare.`,
  refusedBecause: ({ n, reason }) => `${n} ${plural(n, 'change was', 'changes were')} not accepted. The server said: ${reason} What you typed is kept in this browser; later changes are still sent.`,
  refusedMany: ({ n }) => `${n} changes were not accepted, for the reasons listed below. What you typed is kept in this browser; later changes are still sent.`,
  refusedList: 'Changes not accepted',
  refusedDraft: ({ id }) => `Your draft of ${id}`,
  refusedAction: ({ id, action }) => `Your action “${action}” on ${id}`,
  refusedDiscard: ({ id }) => `Deleting your draft of ${id}`,
  staleReason: 'the appraisal changed meanwhile; open it to compare.',
  dismiss: 'Dismiss',
  dismissLabel: ({ what }) => `Dismiss: ${what}`,
  confirmDiscardDraft: ({ id }) => `Throw away your draft of ${id}? What you typed in it will be lost; the server's version stays.`,
  discardDraft: 'Throw away the draft',
  keepDraft: 'Keep it',
};
