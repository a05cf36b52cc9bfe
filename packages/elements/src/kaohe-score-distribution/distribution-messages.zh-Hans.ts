// The words of distribution-messages.ts in Simplified Chinese: imported when a page or an element first speaks zh-Hans; zh-Hant is in distribution-messages.ts.
import type { Message } from '../base/locale.ts';
import type { DistributionMessageKey } from './distribution-messages.ts';

export const zhHans: Readonly<Record<DistributionMessageKey, Message>> = {
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
  below60: '低于 60 分',
  above95: '高于 95 分',
  farFromMean: ({ deviations }) => `偏离同岗位平均 ${deviations} 个标准差`,
  noScores: '本月没有得分。',
  outlierRule: '列在前面的是：低于 60 分、高于 95 分，或偏离同岗位平均超过 2 个标准差的得分。',
};
