// kaohe-score-distribution's own words, keyed by Locale. Role names come from base/role-labels.ts
// unless the host names them (`roleLabels`).
import type { OutlierReason } from '@kaohe/scoring';
import { lookupMessage, type Catalogue, type Locale, type Message, type MessageParams } from '../base/locale.ts';

const en = {
  heading: ({ period }) => `Score distribution ${period}`,
  histogram: ({ role }) => `${role}: people per 10-point band`,
  band: 'Score band',
  people: 'People',
  summary: ({ n, mean, sd }) => `${n} people · mean ${mean} · standard deviation ${sd}`,
  scores: ({ role }) => `${role}: scores, unusual ones first`,
  employee: 'Employee',
  score: 'Score',
  why: 'Why it stands out',
  sortBy: ({ direction }) => `Sort by score, ${direction}`,
  highestFirst: 'highest first',
  lowestFirst: 'lowest first',
  below60: 'under 60 (P-2 cuts performance pay)',
  above95: 'above 95',
  farFromMean: ({ deviations }) => `${deviations} standard deviations from the role's mean`,
  noScores: 'No scores for this month.',
  outlierRule: 'Listed first: a score under 60, above 95, or more than 2 standard deviations from its role\'s mean.',
} satisfies Record<string, Message>;

export type DistributionMessageKey = keyof typeof en;

export const distributionCatalogue: Catalogue<DistributionMessageKey> = {
  en,
  'zh-Hant': {
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
    below60: '低於 60 分（P-2 扣減績效工資）',
    above95: '高於 95 分',
    farFromMean: ({ deviations }) => `偏離同崗位平均 ${deviations} 個標準差`,
    noScores: '本月沒有得分。',
    outlierRule: '列在前面的是：低於 60 分、高於 95 分，或偏離同崗位平均超過 2 個標準差的得分。',
  },
  'zh-Hans': {
    heading: ({ period }) => `${period} 得分分布`,
    histogram: ({ role }) => `${role}：各 10 分段人数`,
    band: '分数段',
    people: '人数',
    summary: ({ n, mean, sd }) => `共 ${n} 人 · 平均 ${mean} · 标准差 ${sd}`,
    scores: ({ role }) => `${role}：得分（异常者在前）`,
    employee: '员工',
    score: '得分',
    why: '异常原因',
    sortBy: ({ direction }) => `按得分排序，${direction}`,
    highestFirst: '由高到低',
    lowestFirst: '由低到高',
    below60: '低于 60 分（P-2 扣减绩效工资）',
    above95: '高于 95 分',
    farFromMean: ({ deviations }) => `偏离同岗位平均 ${deviations} 个标准差`,
    noScores: '本月没有得分。',
    outlierRule: '列在前面的是：低于 60 分、高于 95 分，或偏离同岗位平均超过 2 个标准差的得分。',
  },
};

export function distributionMsg(key: DistributionMessageKey, locale: Locale, params: MessageParams = {}): string {
  return lookupMessage(distributionCatalogue, key, locale, params);
}

export function reasonText(reason: OutlierReason, deviations: string, locale: Locale): string {
  return distributionMsg(reason, locale, { deviations });
}
