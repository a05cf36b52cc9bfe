// kaohe-annual's own words, keyed by Locale (the shared catalogue cannot be extended from outside).
import { lookupMessage, catalogue, type LazyCatalogue, type Locale, type Message, type MessageParams } from '../base/locale.ts';

const zhHant = {
  heading: ({ year }) => `${year} 年度考核`,
  chartTitle: ({ year }) => `${year} 年各月考核得分`,
  month: '月份',
  monthly: '月度考核得分',
  notAppraised: '未考核',
  annual: '年度考核得分（C-3）',
  divisorTwelve: '各月得分之和 ÷ 12（O-6）',
  divisorAppraised: ({ n }) => `各月得分之和 ÷ 已考核 ${n} 個月（O-6）`,
  rankInRole: '同崗位排名',
  rankInRegion: '同區域排名',
  rankOf: ({ rank, of }) => `第 ${rank} 名，共 ${of} 人`,
  noData: '本年度沒有月度得分。',
} satisfies Record<string, Message>;

export type AnnualMessageKey = keyof typeof zhHant;

/** zh-Hant with the module; en and zh-Hans imported when the page (or an element) first speaks them. */
export const annualCatalogue: LazyCatalogue<AnnualMessageKey> = catalogue<AnnualMessageKey>(zhHant, {
  en: () => import('./annual-messages.en.ts').then((module) => module.en),
  'zh-Hans': () => import('./annual-messages.zh-Hans.ts').then((module) => module.zhHans),
});

export function annualMsg(key: AnnualMessageKey, locale: Locale, params: MessageParams = {}): string {
  return lookupMessage(annualCatalogue, key, locale, params);
}
