// kaohe-score-distribution's own words, keyed by Locale. Role names come from base/role-labels.ts
// unless the host names them (`roleLabels`).
import type { OutlierReason } from '@kaohe/scoring';
import { lookupMessage, catalogue, type LazyCatalogue, type Locale, type Message, type MessageParams } from '../base/locale.ts';

const zhHant = {
  heading: ({ period }) => `${period} 得分分佈`,
  histogram: ({ role }) => `${role}：各 10 分段人數`,
  band: '分數段',
  people: '人數',
  summary: ({ n, mean, sd }) => `共 ${n} 人 · 平均 ${mean} · 標準差 ${sd}`,
  scores: ({ role }) => `${role}：得分（異常者在前）`,
  employee: '員工',
  score: '得分',
  why: '異常原因',
  sortBy: ({ direction }) => `按得分排序，${direction}`,
  highestFirst: '由高到低',
  lowestFirst: '由低到高',
  below60: '低於 60 分',
  above95: '高於 95 分',
  farFromMean: ({ deviations }) => `偏離同崗位平均 ${deviations} 個標準差`,
  noScores: '本月沒有得分。',
  outlierRule: '列在前面的是：低於 60 分、高於 95 分，或偏離同崗位平均超過 2 個標準差的得分。',
} satisfies Record<string, Message>;

export type DistributionMessageKey = keyof typeof zhHant;

/** zh-Hant with the module; en and zh-Hans imported when the page (or an element) first speaks them. */
export const distributionCatalogue: LazyCatalogue<DistributionMessageKey> = catalogue<DistributionMessageKey>(zhHant, {
  en: () => import('./distribution-messages.en.ts').then((module) => module.en),
  'zh-Hans': () => import('./distribution-messages.zh-Hans.ts').then((module) => module.zhHans),
});

export function distributionMsg(key: DistributionMessageKey, locale: Locale, params: MessageParams = {}): string {
  return lookupMessage(distributionCatalogue, key, locale, params);
}

export function reasonText(reason: OutlierReason, deviations: string, locale: Locale): string {
  return distributionMsg(reason, locale, { deviations });
}
