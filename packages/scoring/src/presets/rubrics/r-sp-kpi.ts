import type { RubricInput } from '../../schema.ts';

/**
 * R-SP-KPI: the salesperson's key performance indicators 考核指標 (SP-K1..SP-K9), each a measured
 * rate against a target, weighted to 100 (C-4).
 *
 * The sales planning department 銷售計劃部 sets the targets every month; the targets below are
 * only defaults so the preset scores out of the box: a sheet overrides them with `target`.
 * Rates are written as percentages ("96.5" is 96.5%). The weights are this preset's choice — the
 * page lists the indicators without weights: plan completion weighs most because P-1 pays on it,
 * receivables next because unpaid sales are not sales.
 */
export const salespersonKpiRubric: RubricInput = {
  id: 'R-SP-KPI',
  version: 1,
  role: 'salesperson',
  label: { 'zh-Hant': '銷售員考核指標', 'zh-Hans': '销售员考核指标', en: 'Salesperson — key performance indicators' },
  scale: '100',
  composite: { kind: 'workOnly' },
  source: 'domain/rules.md §1 R-SP, 考核指標 SP-K1..SP-K9; C-4',
  sections: [
    {
      id: 'kpi',
      label: { 'zh-Hant': '考核指標', 'zh-Hans': '考核指标', en: 'Indicators' },
      points: '100',
      items: [
        {
          id: 'SP-K1',
          label: { 'zh-Hant': '銷售計劃(數量)完成率', 'zh-Hans': '销售计划(数量)完成率', en: 'Sales plan (quantity) completion rate' },
          description: {
            'zh-Hant': '權重30%;實際銷量 ÷ 計劃銷量,預設目標100%,越高越好',
            'zh-Hans': '权重30%;实际销量 ÷ 计划销量,默认目标100%,越高越好',
            en: 'Weight 30%; quantity sold ÷ quantity planned, default target 100%, higher is better',
          },
          points: '30',
          weight: '0.30',
          rule: { kind: 'measured', direction: 'higher', target: '100', unit: 'percent' },
          source: 'SP-K1',
        },
        {
          id: 'SP-K2',
          label: { 'zh-Hant': '銷售額增長率', 'zh-Hans': '销售额增长率', en: 'Sales growth rate' },
          description: {
            'zh-Hant': '權重10%;本月銷售額 ÷ 上年同月銷售額(110即增長10%),預設目標110%,越高越好',
            'zh-Hans': '权重10%;本月销售额 ÷ 上年同月销售额(110即增长10%),默认目标110%,越高越好',
            en: 'Weight 10%; sales this month ÷ the same month last year (110 means +10%), default target 110%, higher is better',
          },
          points: '10',
          weight: '0.10',
          // SP-K2: growth can be negative, and a measured value cannot (value ÷ target would turn
          // the score negative). The rate is therefore entered as an index on the base month:
          // 110 = +10%, 95 = −5%. Default target +10%.
          rule: { kind: 'measured', direction: 'higher', target: '110', unit: 'percent' },
          source: 'SP-K2',
        },
        {
          id: 'SP-K3',
          label: { 'zh-Hant': '銷售價格保持率', 'zh-Hans': '销售价格保持率', en: 'Price retention rate' },
          description: {
            'zh-Hant': '權重10%;實際成交均價 ÷ 公司定價,預設目標98%,越高越好',
            'zh-Hans': '权重10%;实际成交均价 ÷ 公司定价,默认目标98%,越高越好',
            en: 'Weight 10%; average price realised ÷ list price, default target 98%, higher is better',
          },
          points: '10',
          weight: '0.10',
          rule: { kind: 'measured', direction: 'higher', target: '98', unit: 'percent' },
          source: 'SP-K3',
        },
        {
          id: 'SP-K4',
          label: { 'zh-Hant': '銷售費用(費用率)', 'zh-Hans': '销售费用(费用率)', en: 'Sales expenses (expense ratio)' },
          description: {
            'zh-Hant': '權重10%;銷售費用 ÷ 銷售額,預設目標5%,越低越好',
            'zh-Hans': '权重10%;销售费用 ÷ 销售额,默认目标5%,越低越好',
            en: 'Weight 10%; sales expenses ÷ sales, default target 5%, lower is better',
          },
          points: '10',
          weight: '0.10',
          // SP-K4: the page says only "sales expenses", lower is better. A ratio to sales compares
          // regions of any size with one default; a company that budgets in money can set
          // unit 'money' and a monthly budget as the target.
          rule: { kind: 'measured', direction: 'lower', target: '5', unit: 'percent' },
          source: 'SP-K4',
        },
        {
          id: 'SP-K5',
          label: { 'zh-Hant': '欠款回收率', 'zh-Hans': '欠款回收率', en: 'Receivables recovery rate' },
          description: {
            'zh-Hant': '權重15%;本月收回欠款 ÷ 應收欠款,預設目標95%,越高越好',
            'zh-Hans': '权重15%;本月收回欠款 ÷ 应收欠款,默认目标95%,越高越好',
            en: 'Weight 15%; receivables recovered ÷ receivables due, default target 95%, higher is better',
          },
          points: '15',
          weight: '0.15',
          rule: { kind: 'measured', direction: 'higher', target: '95', unit: 'percent' },
          source: 'SP-K5',
        },
        {
          id: 'SP-K6',
          label: { 'zh-Hant': '訪問成功率', 'zh-Hans': '访问成功率', en: 'Visit success rate' },
          description: {
            'zh-Hant': '權重5%;成交的拜訪 ÷ 拜訪次數,預設目標30%,越高越好',
            'zh-Hans': '权重5%;成交的拜访 ÷ 拜访次数,默认目标30%,越高越好',
            en: 'Weight 5%; visits that led to a sale ÷ visits, default target 30%, higher is better',
          },
          points: '5',
          weight: '0.05',
          rule: { kind: 'measured', direction: 'higher', target: '30', unit: 'percent' },
          source: 'SP-K6',
        },
        {
          id: 'SP-K7',
          label: { 'zh-Hant': '顧客意見發生率', 'zh-Hans': '顾客意见发生率', en: 'Customer complaint rate' },
          description: {
            'zh-Hant': '權重5%;顧客意見數 ÷ 成交客戶數,預設目標2%,越低越好',
            'zh-Hans': '权重5%;顾客意见数 ÷ 成交客户数,默认目标2%,越低越好',
            en: 'Weight 5%; complaints ÷ customers sold to, default target 2%, lower is better',
          },
          points: '5',
          weight: '0.05',
          rule: { kind: 'measured', direction: 'lower', target: '2', unit: 'percent' },
          source: 'SP-K7',
        },
        {
          id: 'SP-K8',
          label: { 'zh-Hant': '新顧客開發率', 'zh-Hans': '新顾客开发率', en: 'New-customer development rate' },
          description: {
            'zh-Hant': '權重10%;新成交客戶 ÷ 客戶總數,預設目標10%,越高越好',
            'zh-Hans': '权重10%;新成交客户 ÷ 客户总数,默认目标10%,越高越好',
            en: 'Weight 10%; new customers ÷ all customers, default target 10%, higher is better',
          },
          points: '10',
          weight: '0.10',
          rule: { kind: 'measured', direction: 'higher', target: '10', unit: 'percent' },
          source: 'SP-K8',
        },
        {
          id: 'SP-K9',
          label: { 'zh-Hant': '老顧客保持率', 'zh-Hans': '老顾客保持率', en: 'Old-customer retention rate' },
          description: {
            'zh-Hant': '權重5%;本月仍有成交的老客戶 ÷ 老客戶總數,預設目標90%,越高越好',
            'zh-Hans': '权重5%;本月仍有成交的老客户 ÷ 老客户总数,默认目标90%,越高越好',
            en: 'Weight 5%; existing customers still buying ÷ existing customers, default target 90%, higher is better',
          },
          points: '5',
          weight: '0.05',
          rule: { kind: 'measured', direction: 'higher', target: '90', unit: 'percent' },
          source: 'SP-K9',
        },
      ],
    },
  ],
};
