// The words of distribution-messages.ts in English: imported when a page or an element first speaks en; zh-Hant is in distribution-messages.ts.
import type { Message } from '../base/locale.ts';
import type { DistributionMessageKey } from './distribution-messages.ts';

export const en: Readonly<Record<DistributionMessageKey, Message>> = {
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
  below60: 'under 60',
  above95: 'above 95',
  farFromMean: ({ deviations }) => `${deviations} standard deviations from the role's mean`,
  noScores: 'No scores for this month.',
  outlierRule: 'Listed first: a score under 60, above 95, or more than 2 standard deviations from its role\'s mean.',
};
