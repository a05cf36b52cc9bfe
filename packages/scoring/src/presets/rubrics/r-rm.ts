import type { RubricInput } from '../../schema.ts';

/** R-RM: the regional manager's daily work 區域經理日常工作考核, 100 points; monthly = work × 70% + attendance × 30% (C-1, C-2). */
export const regionalManagerRubric: RubricInput = {
  id: 'R-RM',
  version: 1,
  role: 'regionalManager',
  label: { 'zh-Hant': '區域經理日常工作考核', 'zh-Hans': '区域经理日常工作考核', en: 'Regional manager — daily work' },
  scale: '100',
  composite: { kind: 'workAttendance', work: '0.7', attendance: '0.3' },
  attendance: { full: '100', perAbsentDay: '4', partialDay: 'whole' },
  source: 'domain/rules.md §1 R-RM; C-1, C-2',
  sections: [
    {
      id: 'monthlyReport',
      label: { 'zh-Hant': '月報', 'zh-Hans': '月报', en: 'Monthly report' },
      points: '60',
      items: [
        {
          id: 'RM-1a',
          label: { 'zh-Hant': '月工作總結', 'zh-Hans': '月工作总结', en: 'Monthly summary' },
          description: {
            'zh-Hant': '內容詳細、字跡清楚、語句通順;考核人評0–20分',
            'zh-Hans': '内容详细、字迹清楚、语句通顺;考核人评0–20分',
            en: 'Detailed, legible and fluent; the assessor awards 0–20',
          },
          points: '20',
          rule: { kind: 'award' },
          source: 'RM-1a',
        },
        {
          id: 'RM-1b',
          label: { 'zh-Hant': '月工作計劃', 'zh-Hans': '月工作计划', en: 'Monthly plan' },
          description: {
            'zh-Hant': '思路清晰、內容詳細、字跡清楚、語句通順;考核人評0–20分',
            'zh-Hans': '思路清晰、内容详细、字迹清楚、语句通顺;考核人评0–20分',
            en: 'Clear thinking, detailed, legible and fluent; the assessor awards 0–20',
          },
          points: '20',
          rule: { kind: 'award' },
          source: 'RM-1b',
        },
        {
          id: 'RM-1c',
          label: { 'zh-Hant': '當地市場銷售方案', 'zh-Hans': '当地市场销售方案', en: 'Sales proposal for the local market' },
          description: {
            'zh-Hant': '根據當地實際情況提出近期可操作性強的銷售方案;考核人評0–20分',
            'zh-Hans': '根据当地实际情况提出近期可操作性强的销售方案;考核人评0–20分',
            en: 'A short-term, workable sales proposal fitted to the local market; the assessor awards 0–20',
          },
          points: '20',
          rule: { kind: 'award' },
          source: 'RM-1c',
        },
      ],
    },
    {
      id: 'regionManagement',
      label: { 'zh-Hant': '區域管理', 'zh-Hans': '区域管理', en: 'Managing the region' },
      points: '40',
      items: [
        {
          id: 'RM-2',
          label: { 'zh-Hant': '審查銷售員周報並及時指導', 'zh-Hans': '审查销售员周报并及时指导', en: "Reviews the salespeople's weekly reports and guides them" },
          description: {
            'zh-Hant': '認真審查周報,及時發現問題並給予指導;考核人評0–10分',
            'zh-Hans': '认真审查周报,及时发现问题并给予指导;考核人评0–10分',
            en: 'Reviews the weekly reports closely, spots problems and gives guidance in time; the assessor awards 0–10',
          },
          points: '10',
          rule: { kind: 'award' },
          source: 'RM-2',
        },
        {
          id: 'RM-3',
          label: { 'zh-Hant': '銷售員培訓', 'zh-Hans': '销售员培训', en: 'Training the salespeople' },
          description: {
            'zh-Hant': '每月至少培訓一次並詳細記錄培訓內容;未做到本項不得分',
            'zh-Hans': '每月至少培训一次并详细记录培训内容;未做到本项不得分',
            en: 'At least one training a month, its content recorded in detail; otherwise 0',
          },
          points: '10',
          // RM-3 states a minimum with no scale below it: missing it (or its record) loses the item.
          rule: { kind: 'forfeit' },
          source: 'RM-3',
        },
        {
          id: 'RM-4',
          label: { 'zh-Hant': '月報按時上報', 'zh-Hans': '月报按时上报', en: 'Monthly report on time' },
          description: {
            'zh-Hant': '每月30日前上報銷售計劃部;上報不及時本項不得分',
            'zh-Hans': '每月30日前上报销售计划部;上报不及时本项不得分',
            en: 'Due to the sales planning department before the 30th; late → 0',
          },
          points: '10',
          rule: { kind: 'forfeit' },
          // RM note / O-5: repeated non-submission doubles the deduction, but a forfeited item has
          // nothing left to double within its floor of 0, and a forfeit entry takes no priorMonths.
          // Doubling stays off here until a doubled forfeit may reach into the section.
          source: 'RM-4',
        },
        {
          id: 'RM-5',
          label: { 'zh-Hant': '區域銷售員管理責任', 'zh-Hans': '区域销售员管理责任', en: "Responsibility for the region's salespeople" },
          description: {
            'zh-Hant': '所轄銷售員考核扣分較多(日常工作得分低於60分)或嚴重違反公司規定,每人次扣2分',
            'zh-Hans': '所辖销售员考核扣分较多(日常工作得分低于60分)或严重违反公司规定,每人次扣2分',
            en: '−2 for each salesperson with heavy deductions (daily-work score under 60) or a serious breach of company rules',
          },
          points: '10',
          // RM-5 says only "according to the circumstances". Default: 2 per case, so five cases
          // take the whole 10; a salesperson whose daily-work score is under 60 (the pass line of
          // P-2) counts as "heavy deductions"; a serious breach is one more case.
          rule: { kind: 'derived', source: 'subordinates', perCase: '2', heavyBelow: '60' },
          source: 'RM-5',
        },
      ],
    },
  ],
};
