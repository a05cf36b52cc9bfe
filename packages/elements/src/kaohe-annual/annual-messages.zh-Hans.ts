// The words of annual-messages.ts in Simplified Chinese: imported when a page or an element first speaks zh-Hans; zh-Hant is in annual-messages.ts.
import type { Message } from '../base/locale.ts';
import type { AnnualMessageKey } from './annual-messages.ts';

export const zhHans: Readonly<Record<AnnualMessageKey, Message>> = {
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
};
