import type { RubricInput } from '../../schema.ts';

/**
 * R-CSP: online-shop pre-sales customer service 售前客服, weighted indicators (C-4): service score
 * 35%, conversion 30%, average order value 20%, customers served 10%, refund rate 5%.
 *
 * The targets are defaults only — the page gives none; the sales planning department sets them
 * monthly and a sheet overrides one with `target`. Rates are percentages ("45" is 45%).
 */
export const preSalesServiceRubric: RubricInput = {
  id: 'R-CSP',
  version: 1,
  role: 'preSalesCustomerService',
  label: { 'zh-Hant': '網店售前客服考核', 'zh-Hans': '网店售前客服考核', en: 'Online shop — pre-sales customer service' },
  scale: '100',
  // R-CSP: no attendance component on the page; the weighted score is the monthly score.
  composite: { kind: 'workOnly' },
  source: 'domain/rules.md §1 R-CSP; C-4',
  sections: [
    {
      id: 'kpi',
      label: { 'zh-Hant': '考核指標', 'zh-Hans': '考核指标', en: 'Indicators' },
      points: '100',
      items: [
        {
          id: 'CSP-1',
          label: { 'zh-Hant': '服務得分', 'zh-Hans': '服务得分', en: 'Service score' },
          description: {
            'zh-Hant': '權重35%;服務質檢評分(百分制),預設目標90分,越高越好',
            'zh-Hans': '权重35%;服务质检评分(百分制),默认目标90分,越高越好',
            en: 'Weight 35%; service quality-check score (out of 100), default target 90, higher is better',
          },
          points: '35',
          weight: '0.35',
          rule: { kind: 'measured', direction: 'higher', target: '90', unit: 'score' },
          source: 'R-CSP 服務得分 35% (rules.md §1; ID given by this preset)',
        },
        {
          id: 'CSP-2',
          label: { 'zh-Hant': '轉化率', 'zh-Hans': '转化率', en: 'Conversion rate' },
          description: {
            'zh-Hant': '權重30%;下單客戶 ÷ 諮詢客戶,預設目標45%,越高越好',
            'zh-Hans': '权重30%;下单客户 ÷ 咨询客户,默认目标45%,越高越好',
            en: 'Weight 30%; customers who ordered ÷ customers who asked, default target 45%, higher is better',
          },
          points: '30',
          weight: '0.30',
          rule: { kind: 'measured', direction: 'higher', target: '45', unit: 'percent' },
          source: 'R-CSP 轉化率 30% (rules.md §1; ID given by this preset)',
        },
        {
          id: 'CSP-3',
          label: { 'zh-Hant': '客單價', 'zh-Hans': '客单价', en: 'Average order value' },
          description: {
            'zh-Hant': '權重20%;經手訂單金額 ÷ 訂單數,預設目標150元,越高越好',
            'zh-Hans': '权重20%;经手订单金额 ÷ 订单数,默认目标150元,越高越好',
            en: 'Weight 20%; value of orders handled ÷ orders, default target 150 yuan, higher is better',
          },
          points: '20',
          weight: '0.20',
          // R-CSP reads "客單價/客件數": a shop may measure items per order instead; it changes the
          // unit to 'number' and the target in its copy of the rubric.
          rule: { kind: 'measured', direction: 'higher', target: '150', unit: 'money' },
          source: 'R-CSP 客單價/客件數 20% (rules.md §1; ID given by this preset)',
        },
        {
          id: 'CSP-4',
          label: { 'zh-Hant': '接待客戶量', 'zh-Hans': '接待客户量', en: 'Customers served' },
          description: {
            'zh-Hant': '權重10%;本月接待客戶數,預設目標1500人,越高越好',
            'zh-Hans': '权重10%;本月接待客户数,默认目标1500人,越高越好',
            en: 'Weight 10%; customers served this month, default target 1,500, higher is better',
          },
          points: '10',
          weight: '0.10',
          rule: { kind: 'measured', direction: 'higher', target: '1500', unit: 'number' },
          source: 'R-CSP 接待客戶量 10% (rules.md §1; ID given by this preset)',
        },
        {
          id: 'CSP-5',
          label: { 'zh-Hant': '退款率', 'zh-Hans': '退款率', en: 'Refund rate' },
          description: {
            'zh-Hant': '權重5%;退款訂單 ÷ 經手訂單,預設目標5%,越低越好',
            'zh-Hans': '权重5%;退款订单 ÷ 经手订单,默认目标5%,越低越好',
            en: 'Weight 5%; refunded orders ÷ orders handled, default target 5%, lower is better',
          },
          points: '5',
          weight: '0.05',
          rule: { kind: 'measured', direction: 'lower', target: '5', unit: 'percent' },
          source: 'R-CSP 退款率 5% (rules.md §1; ID given by this preset)',
        },
      ],
    },
  ],
};
