// kaohe-outbox-status's own words: the page is offline, how much waits, what the server refused.
import { lookupMessage, catalogue, type LazyCatalogue, type Locale, type Message, type MessageParams } from '../base/locale.ts';

const zhHant = {
  offline: ({ n }) => (Number(n) === 0
    ? '離線中。您輸入的內容保存在此瀏覽器，連線恢復後送出。'
    : `離線中。有 ${n} 項變更保存在此瀏覽器，連線恢復後依序送出。`),
  sending: ({ n }) => `已恢復連線：正在送出 ${n} 項待送出的變更…`,
  refused: ({ n }) => `有 ${n} 項變更未被接受：考核在此期間已有更改。您的版本已保留，請開啟該考核比較。`,
  refusedBecause: ({ n, reason }) => `有 ${n} 項變更未被接受。伺服器回覆：${reason} 您輸入的內容已保留在此瀏覽器，之後的變更仍會送出。`,
  refusedMany: ({ n }) => `有 ${n} 項變更未被接受，原因列於下方。您輸入的內容已保留在此瀏覽器，之後的變更仍會送出。`,
  refusedList: '未被接受的變更',
  refusedDraft: ({ id }) => `您對 ${id} 的草稿`,
  refusedAction: ({ id, action }) => `您對 ${id} 的操作「${action}」`,
  refusedDiscard: ({ id }) => `刪除您對 ${id} 的草稿`,
  staleReason: '考核在此期間已有更改，請開啟該考核比較。',
  dismiss: '移除',
  dismissLabel: ({ what }) => `移除：${what}`,
  confirmDiscardDraft: ({ id }) => `要捨棄您對 ${id} 的草稿嗎？您在其中輸入的內容將會遺失，伺服器上的版本不變。`,
  discardDraft: '捨棄草稿',
  keepDraft: '保留',
} satisfies Record<string, Message>;

export type OutboxStatusMessageKey = keyof typeof zhHant;

/** zh-Hant with the module; en and zh-Hans imported when the page (or an element) first speaks them. */
export const outboxStatusCatalogue: LazyCatalogue<OutboxStatusMessageKey> = catalogue<OutboxStatusMessageKey>(zhHant, {
  en: () => import('./outbox-status-messages.en.ts').then((module) => module.en),
  'zh-Hans': () => import('./outbox-status-messages.zh-Hans.ts').then((module) => module.zhHans),
});

export function outboxStatusMsg(key: OutboxStatusMessageKey, locale: Locale, params: MessageParams = {}): string {
  return lookupMessage(outboxStatusCatalogue, key, locale, params);
}
