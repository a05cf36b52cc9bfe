// The words of outbox-status-messages.ts in Simplified Chinese: imported when a page or an element first speaks zh-Hans; zh-Hant is in outbox-status-messages.ts.
import type { Message } from '../base/locale.ts';
import type { OutboxStatusMessageKey } from './outbox-status-messages.ts';

export const zhHans: Readonly<Record<OutboxStatusMessageKey, Message>> = {
  offline: ({ n }) => (Number(n) === 0
    ? '离线中。您输入的内容保存在此浏览器，连接恢复后发送。'
    : `离线中。有 ${n} 项更改保存在此浏览器，连接恢复后依次发送。`),
  sending: ({ n }) => `已恢复连接：正在发送 ${n} 项待发送的更改…`,
  refused: ({ n }) => `有 ${n} 项更改未被接受：考核在此期间已有更改。您的版本已保留，请打开该考核进行比较。`,
  refusedBecause: ({ n, reason }) => `有 ${n} 项更改未被接受。服务器回复：${reason} 您输入的内容已保留在此浏览器，之后的更改仍会发送。`,
  refusedMany: ({ n }) => `有 ${n} 项更改未被接受，原因列于下方。您输入的内容已保留在此浏览器，之后的更改仍会发送。`,
  refusedList: '未被接受的更改',
  refusedDraft: ({ id }) => `您对 ${id} 的草稿`,
  refusedAction: ({ id, action }) => `您对 ${id} 的操作“${action}”`,
  refusedDiscard: ({ id }) => `删除您对 ${id} 的草稿`,
  staleReason: '考核在此期间已有更改，请打开该考核进行比较。',
  dismiss: '移除',
  dismissLabel: ({ what }) => `移除：${what}`,
  confirmDiscardDraft: ({ id }) => `要舍弃您对 ${id} 的草稿吗？您在其中输入的内容将会丢失，服务器上的版本不变。`,
  discardDraft: '舍弃草稿',
  keepDraft: '保留',
};
