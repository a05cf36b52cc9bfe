// kaohe-outbox-status's own words: the page is offline, how much waits, what the server refused.
import { lookupMessage, type Catalogue, type Locale, type Message, type MessageParams } from '../base/locale.ts';

const plural = (n: string | number | undefined, one: string, many: string) => (Number(n) === 1 ? one : many);

const en = {
  offline: ({ n }) => (Number(n) === 0
    ? 'Offline. What you type is kept in this browser and sent when the connection is back.'
    : `Offline. ${n} ${plural(n, 'change waits', 'changes wait')} in this browser and will be sent, in order, when the connection is back.`),
  sending: ({ n }) => `Back online: sending ${n} waiting ${plural(n, 'change', 'changes')}…`,
  refused: ({ n }) => `${n} ${plural(n, 'change was', 'changes were')} not accepted: the appraisal changed meanwhile. Your version is kept; open the appraisal to compare.`,
  refusedBecause: ({ n, reason }) => `${n} ${plural(n, 'change was', 'changes were')} not accepted. The server said: ${reason} What you typed is kept in this browser; later changes are still sent.`,
} satisfies Record<string, Message>;

export type OutboxStatusMessageKey = keyof typeof en;

export const outboxStatusCatalogue: Catalogue<OutboxStatusMessageKey> = {
  en,
  'zh-Hant': {
    offline: ({ n }) => (Number(n) === 0
      ? '離線中。您輸入的內容保存在此瀏覽器，連線恢復後送出。'
      : `離線中。有 ${n} 項變更保存在此瀏覽器，連線恢復後依序送出。`),
    sending: ({ n }) => `已恢復連線：正在送出 ${n} 項待送出的變更…`,
    refused: ({ n }) => `有 ${n} 項變更未被接受：考核在此期間已有更改。您的版本已保留，請開啟該考核比較。`,
    refusedBecause: ({ n, reason }) => `有 ${n} 項變更未被接受。伺服器回覆：${reason} 您輸入的內容已保留在此瀏覽器，之後的變更仍會送出。`,
  },
  'zh-Hans': {
    offline: ({ n }) => (Number(n) === 0
      ? '离线中。您输入的内容保存在此浏览器，连接恢复后发送。'
      : `离线中。有 ${n} 项更改保存在此浏览器，连接恢复后依次发送。`),
    sending: ({ n }) => `已恢复连接：正在发送 ${n} 项待发送的更改…`,
    refused: ({ n }) => `有 ${n} 项更改未被接受：考核在此期间已有更改。您的版本已保留，请打开该考核进行比较。`,
    refusedBecause: ({ n, reason }) => `有 ${n} 项更改未被接受。服务器回复：${reason} 您输入的内容已保留在此浏览器，之后的更改仍会发送。`,
  },
};

export function outboxStatusMsg(key: OutboxStatusMessageKey, locale: Locale, params: MessageParams = {}): string {
  return lookupMessage(outboxStatusCatalogue, key, locale, params);
}
