import type { RubricInput } from '../../schema.ts';

/**
 * R-CSA: online-shop after-sales customer service 售後客服 — reception, returns, review (rating)
 * management, logistics tracking — weighted indicators (C-4): service score 40%, resolution rate
 * 40%, customers served 20%.
 *
 * The targets are defaults only — the page gives none; the sales planning department sets them
 * monthly and a sheet overrides one with `target`. Rates are percentages ("95" is 95%).
 * P-3's shop-wide gate (refund rate, refund time, disputes, DSR, internal complaints) decides the
 * department's target bonus, not this score: it belongs to the pay plan.
 */
export const afterSalesServiceRubric: RubricInput = {
  id: 'R-CSA',
  version: 1,
  role: 'afterSalesCustomerService',
  label: { 'zh-Hant': '網店售後客服考核', 'zh-Hans': '网店售后客服考核', en: 'Online shop — after-sales customer service' },
  scale: '100',
  composite: { kind: 'workOnly' },
  source: 'domain/rules.md §1 R-CSA; C-4',
  sections: [
    {
      id: 'kpi',
      label: { 'zh-Hant': '考核指標', 'zh-Hans': '考核指标', en: 'Indicators' },
      points: '100',
      items: [
        {
          id: 'CSA-1',
          label: { 'zh-Hant': '服務得分', 'zh-Hans': '服务得分', en: 'Service score' },
          description: {
            'zh-Hant': '權重40%;接待、退換貨、評價管理、物流跟蹤的服務質檢評分(百分制),預設目標90分,越高越好',
            'zh-Hans': '权重40%;接待、退换货、评价管理、物流跟踪的服务质检评分(百分制),默认目标90分,越高越好',
            en: 'Weight 40%; quality-check score (out of 100) for reception, returns, reviews and logistics tracking, default target 90, higher is better',
          },
          points: '40',
          weight: '0.40',
          rule: { kind: 'measured', direction: 'higher', target: '90', unit: 'score' },
          source: 'R-CSA 服務得分 40% (rules.md §1; ID given by this preset)',
        },
        {
          id: 'CSA-2',
          label: { 'zh-Hant': '解決率', 'zh-Hans': '解决率', en: 'Resolution rate' },
          description: {
            'zh-Hant': '權重40%;已解決的售後問題 ÷ 受理的售後問題,預設目標95%,越高越好',
            'zh-Hans': '权重40%;已解决的售后问题 ÷ 受理的售后问题,默认目标95%,越高越好',
            en: 'Weight 40%; after-sales issues resolved ÷ issues taken on, default target 95%, higher is better',
          },
          points: '40',
          weight: '0.40',
          rule: { kind: 'measured', direction: 'higher', target: '95', unit: 'percent' },
          source: 'R-CSA 解決率 40% (rules.md §1; ID given by this preset)',
        },
        {
          id: 'CSA-3',
          label: { 'zh-Hant': '接待客戶數', 'zh-Hans': '接待客户数', en: 'Customers served' },
          description: {
            'zh-Hant': '權重20%;本月接待客戶數,預設目標1200人,越高越好',
            'zh-Hans': '权重20%;本月接待客户数,默认目标1200人,越高越好',
            en: 'Weight 20%; customers served this month, default target 1,200, higher is better',
          },
          points: '20',
          weight: '0.20',
          rule: { kind: 'measured', direction: 'higher', target: '1200', unit: 'number' },
          source: 'R-CSA 接待客戶數 20% (rules.md §1; ID given by this preset)',
        },
      ],
    },
  ],
};
