import type { RubricInput } from '../../schema.ts';

/**
 * R-TR: travelling after-sales staff 出差的售後服務人員, appraised from several sources (W-TR):
 * the employee 自我評估, the direct leader 初評, the leader above 復評, and the departments they
 * coordinate with 橫向考核.
 *
 * Weights (the page gives none), carried as points: self 20, direct leader 30, leader above 30,
 * lateral 20. The superiors together weigh 60 because the page calls them the ones who know the
 * work best; the re-score weighs as much as the first score so that it can correct a biased one,
 * which is why the page asks for it.
 */
export const travellingServiceRubric: RubricInput = {
  id: 'R-TR',
  version: 1,
  role: 'travellingServiceStaff',
  label: { 'zh-Hant': '出差售後服務人員考核', 'zh-Hans': '出差售后服务人员考核', en: 'Travelling after-sales staff' },
  scale: '100',
  // R-TR: the page names no attendance part (C-1 covers SP, RM and FS only).
  composite: { kind: 'workOnly' },
  source: 'domain/rules.md §1 R-TR; W-TR',
  sections: [
    {
      id: 'self',
      label: { 'zh-Hant': '自我評估', 'zh-Hans': '自我评估', en: 'Self-evaluation' },
      points: '20',
      items: [
        {
          id: 'TR-1',
          label: { 'zh-Hant': '自我述職評估', 'zh-Hans': '自我述职评估', en: 'Self-evaluation' },
          description: {
            'zh-Hant': '以書面述職報告總結本月工作並自評0–20分',
            'zh-Hans': '以书面述职报告总结本月工作并自评0–20分',
            en: "A written report on the month's work, with a self-score of 0–20",
          },
          points: '20',
          rule: { kind: 'award' },
          groups: ['self'],
          source: 'TR-1',
        },
      ],
    },
    {
      id: 'superiors',
      label: { 'zh-Hant': '上級評價', 'zh-Hans': '上级评价', en: 'Superiors' },
      points: '60',
      items: [
        {
          id: 'TR-2a',
          label: { 'zh-Hant': '直接領導初評', 'zh-Hans': '直接领导初评', en: "Direct leader's first score" },
          description: {
            'zh-Hant': '直接領導獨立評分,0–30分',
            'zh-Hans': '直接领导独立评分,0–30分',
            en: 'The direct leader scores independently, 0–30',
          },
          points: '30',
          rule: { kind: 'award' },
          groups: ['directLeader'],
          source: 'TR-2 初評 (rules.md §1; part ID given by this preset)',
        },
        {
          id: 'TR-2b',
          label: { 'zh-Hant': '上級主管復評', 'zh-Hans': '上级主管复评', en: "Leader above's re-score" },
          description: {
            'zh-Hant': '上級主管領導復核初評後評分,0–30分',
            'zh-Hans': '上级主管领导复核初评后评分,0–30分',
            en: 'The leader above reviews the first score and scores, 0–30',
          },
          points: '30',
          rule: { kind: 'award' },
          groups: ['leaderAbove'],
          source: 'TR-2 復評 (rules.md §1; part ID given by this preset)',
        },
      ],
    },
    {
      id: 'lateral',
      label: { 'zh-Hant': '橫向考核', 'zh-Hans': '横向考核', en: 'Lateral review' },
      points: '20',
      items: [
        {
          id: 'TR-3',
          label: { 'zh-Hant': '協作部門工作滿意度', 'zh-Hans': '协作部门工作满意度', en: 'Satisfaction of the departments worked with' },
          description: {
            'zh-Hant': '主要協作部門工作滿意度調查的平均分(百分制)折算為20分',
            'zh-Hans': '主要协作部门工作满意度调查的平均分(百分制)折算为20分',
            en: 'The average score (out of 100) of the work-satisfaction survey among the departments worked with, scaled to 20',
          },
          points: '20',
          // TR-3 is a survey 工作滿意度調查: its average out of 100 against a target of 100 gives
          // points × average ÷ 100, with no judgement added by whoever enters it.
          rule: { kind: 'measured', direction: 'higher', target: '100', unit: 'score' },
          groups: ['lateral'],
          source: 'TR-3',
        },
      ],
    },
  ],
};
