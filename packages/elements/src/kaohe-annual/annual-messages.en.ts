// The words of annual-messages.ts in English: imported when a page or an element first speaks en; zh-Hant is in annual-messages.ts.
import type { Message } from '../base/locale.ts';
import type { AnnualMessageKey } from './annual-messages.ts';

export const en: Readonly<Record<AnnualMessageKey, Message>> = {
  heading: ({ year }) => `Annual appraisal ${year}`,
  chartTitle: ({ year }) => `Monthly scores in ${year}`,
  month: 'Month',
  monthly: 'Monthly score',
  notAppraised: 'not appraised',
  annual: 'Annual score (C-3)',
  divisorTwelve: 'sum of the monthly scores ÷ 12 (O-6)',
  divisorAppraised: ({ n }) => `sum of the monthly scores ÷ ${n} months appraised (O-6)`,
  rankInRole: 'Rank in role',
  rankInRegion: 'Rank in region',
  rankOf: ({ rank, of }) => `${rank} of ${of}`,
  noData: 'No monthly scores for this year.',
};
