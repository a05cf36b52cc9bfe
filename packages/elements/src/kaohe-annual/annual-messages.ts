// kaohe-annual's own words, keyed by Locale (the shared catalogue cannot be extended from outside).
import { lookupMessage, type Catalogue, type Locale, type Message, type MessageParams } from '../base/locale.ts';

const en = {
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
} satisfies Record<string, Message>;

export type AnnualMessageKey = keyof typeof en;

export const annualCatalogue: Catalogue<AnnualMessageKey> = {
  en,
  'zh-Hant': {
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
  },
  'zh-Hans': {
    heading: ({ year }) => `${year} 年度考核`,
    chartTitle: ({ year }) => `${year} 年各月考核得分`,
    month: '月份',
    monthly: '月度考核得分',
    notAppraised: '未考核',
    annual: '年度考核得分（C-3）',
    divisorTwelve: '各月得分之和 ÷ 12（O-6）',
    divisorAppraised: ({ n }) => `各月得分之和 ÷ 已考核 ${n} 个月（O-6）`,
    rankInRole: '同岗位排名',
    rankInRegion: '同区域排名',
    rankOf: ({ rank, of }) => `第 ${rank} 名，共 ${of} 人`,
    noData: '本年度没有月度得分。',
  },
};

export function annualMsg(key: AnnualMessageKey, locale: Locale, params: MessageParams = {}): string {
  return lookupMessage(annualCatalogue, key, locale, params);
}
