import type { RubricInput } from '../../schema.ts';

/**
 * R-SV: pre-sales and after-sales service staff 售前、售後服務部, satisfaction-based, 100 points.
 * Statisticians compute the measured items between the 10th and the 15th (W-SV); P-2 pays on the
 * score.
 *
 * The page applies the scheme to the whole department (適用范圍: 售前、售後服務部全體成員) and lists
 * four measures for each side, without weights. Default: each side 50, satisfaction with the
 * process and with the customer 15 each, complaint rate and complaint handling 10 each. A team
 * that works on one side only copies the rubric with that side at 100.
 * Rates are percentages; the targets are defaults a sheet may override with `target`.
 */
export const serviceStaffRubric: RubricInput = {
  id: 'R-SV',
  version: 1,
  role: 'serviceStaff',
  label: { 'zh-Hant': '售前、售後服務部考核', 'zh-Hans': '售前、售后服务部考核', en: 'Pre-sales and after-sales service staff' },
  scale: '100',
  // R-SV scores satisfaction only; the page has no attendance part for it.
  composite: { kind: 'workOnly' },
  source: 'domain/rules.md §1 R-SV; W-SV; P-2',
  sections: [
    {
      id: 'sales',
      label: { 'zh-Hant': '銷售服務', 'zh-Hans': '销售服务', en: 'Sales side' },
      points: '50',
      items: [
        {
          id: 'SV-S1',
          label: { 'zh-Hant': '銷售過程服務滿意度', 'zh-Hans': '销售过程服务满意度', en: 'Satisfaction with the sales process' },
          description: {
            'zh-Hant': '回訪或評價中對銷售過程滿意的比例,預設目標90%,越高越好',
            'zh-Hans': '回访或评价中对销售过程满意的比例,默认目标90%,越高越好',
            en: 'Share of return visits or ratings satisfied with the sales process, default target 90%, higher is better',
          },
          points: '15',
          rule: { kind: 'measured', direction: 'higher', target: '90', unit: 'percent' },
          source: 'R-SV 6.1 銷售過程服務滿意度 (rules.md §1; ID given by this preset)',
        },
        {
          id: 'SV-S2',
          label: { 'zh-Hant': '客戶滿意度', 'zh-Hans': '客户满意度', en: 'Customer satisfaction' },
          description: {
            'zh-Hant': '客戶滿意度調查結果,預設目標90%,越高越好',
            'zh-Hans': '客户满意度调查结果,默认目标90%,越高越好',
            en: 'Customer satisfaction survey result, default target 90%, higher is better',
          },
          points: '15',
          rule: { kind: 'measured', direction: 'higher', target: '90', unit: 'percent' },
          source: 'R-SV 6.1 客戶滿意度 (rules.md §1; ID given by this preset)',
        },
        {
          id: 'SV-S3',
          label: { 'zh-Hant': '客訴率', 'zh-Hans': '客诉率', en: 'Complaint rate' },
          description: {
            'zh-Hant': '客訴數 ÷ 成交客戶數,預設目標2%,越低越好',
            'zh-Hans': '客诉数 ÷ 成交客户数,默认目标2%,越低越好',
            en: 'Complaints ÷ customers sold to, default target 2%, lower is better',
          },
          points: '10',
          rule: { kind: 'measured', direction: 'lower', target: '2', unit: 'percent' },
          source: 'R-SV 6.1 客訴率 (rules.md §1; ID given by this preset)',
        },
        {
          id: 'SV-S4',
          label: { 'zh-Hant': '客訴處理滿意度', 'zh-Hans': '客诉处理满意度', en: 'Satisfaction with complaint handling' },
          description: {
            'zh-Hant': '投訴客戶對處理結果滿意的比例,預設目標90%,越高越好',
            'zh-Hans': '投诉客户对处理结果满意的比例,默认目标90%,越高越好',
            en: 'Share of complainants satisfied with the handling, default target 90%, higher is better',
          },
          points: '10',
          rule: { kind: 'measured', direction: 'higher', target: '90', unit: 'percent' },
          source: 'R-SV 6.1 客訴處理滿意度 (rules.md §1; ID given by this preset)',
        },
      ],
    },
    {
      id: 'afterSales',
      label: { 'zh-Hant': '售後服務', 'zh-Hans': '售后服务', en: 'After-sales side' },
      points: '50',
      items: [
        {
          id: 'SV-A1',
          label: { 'zh-Hant': '維修過程服務滿意度', 'zh-Hans': '维修过程服务满意度', en: 'Satisfaction with the repair process' },
          description: {
            'zh-Hant': '回訪或評價中對維修過程滿意的比例,預設目標90%,越高越好',
            'zh-Hans': '回访或评价中对维修过程满意的比例,默认目标90%,越高越好',
            en: 'Share of return visits or ratings satisfied with the repair process, default target 90%, higher is better',
          },
          points: '15',
          rule: { kind: 'measured', direction: 'higher', target: '90', unit: 'percent' },
          source: 'R-SV 6.2 維修過程服務滿意度 (rules.md §1; ID given by this preset)',
        },
        {
          id: 'SV-A2',
          label: { 'zh-Hant': '接待客戶滿意度', 'zh-Hans': '接待客户满意度', en: 'Satisfaction with reception' },
          description: {
            'zh-Hant': '回訪或評價中對接待滿意的比例,預設目標90%,越高越好',
            'zh-Hans': '回访或评价中对接待满意的比例,默认目标90%,越高越好',
            en: 'Share of return visits or ratings satisfied with reception, default target 90%, higher is better',
          },
          points: '15',
          rule: { kind: 'measured', direction: 'higher', target: '90', unit: 'percent' },
          source: 'R-SV 6.2 接待客戶滿意 (rules.md §1; ID given by this preset)',
        },
        {
          id: 'SV-A3',
          label: { 'zh-Hant': '客訴率', 'zh-Hans': '客诉率', en: 'Complaint rate' },
          description: {
            'zh-Hant': '客訴數 ÷ 維修接待客戶數,預設目標2%,越低越好',
            'zh-Hans': '客诉数 ÷ 维修接待客户数,默认目标2%,越低越好',
            en: 'Complaints ÷ repair customers received, default target 2%, lower is better',
          },
          points: '10',
          rule: { kind: 'measured', direction: 'lower', target: '2', unit: 'percent' },
          source: 'R-SV 6.2 客訴率 (rules.md §1; ID given by this preset)',
        },
        {
          id: 'SV-A4',
          label: { 'zh-Hant': '客訴處理滿意度', 'zh-Hans': '客诉处理满意度', en: 'Satisfaction with complaint handling' },
          description: {
            'zh-Hant': '投訴客戶對處理結果滿意的比例,預設目標90%,越高越好',
            'zh-Hans': '投诉客户对处理结果满意的比例,默认目标90%,越高越好',
            en: 'Share of complainants satisfied with the handling, default target 90%, higher is better',
          },
          points: '10',
          rule: { kind: 'measured', direction: 'higher', target: '90', unit: 'percent' },
          source: 'R-SV 6.2 客訴處理滿意度 (rules.md §1; ID given by this preset)',
        },
      ],
    },
  ],
};
