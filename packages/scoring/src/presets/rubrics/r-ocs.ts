import type { RubricInput } from '../../schema.ts';

/**
 * R-OCS: online customer service without sales figures 在線客服. The page prefers satisfaction from
 * return visits 回訪 or customer ratings where a company has them (R-SV's measured items fit that);
 * this preset is its fallback: key behaviours checked by random sampling 隨機抽樣, and complaints
 * caused by wrong answers counted in full.
 *
 * Points are this preset's choice (the page gives none): attitude and timeliness weigh most because
 * the page names them first and gives them the most detail; complaints weigh 15 so that three take
 * the whole part.
 */
export const onlineServiceRubric: RubricInput = {
  id: 'R-OCS',
  version: 1,
  role: 'onlineCustomerService',
  label: { 'zh-Hant': '在線客服考核', 'zh-Hans': '在线客服考核', en: 'Online customer service' },
  scale: '100',
  composite: { kind: 'workOnly' },
  source: 'domain/rules.md §1 R-OCS',
  sections: [
    {
      id: 'sampled',
      label: { 'zh-Hant': '隨機抽樣', 'zh-Hans': '随机抽样', en: 'Random sampling' },
      points: '85',
      items: [
        {
          id: 'OCS-1',
          label: { 'zh-Hant': '服務態度', 'zh-Hans': '服务态度', en: 'Service attitude' },
          description: {
            'zh-Hant': '抽查通話錄音與對話:是否使用敬語、語氣是否得當;得分 = 30 × 合格數 ÷ 抽查數',
            'zh-Hans': '抽查通话录音与对话:是否使用敬语、语气是否得当;得分 = 30 × 合格数 ÷ 抽查数',
            en: 'Sampled call recordings and chats: polite forms, tone; score = 30 × passed ÷ checked',
          },
          points: '30',
          rule: { kind: 'sampled' },
          source: 'OCS-1',
        },
        {
          id: 'OCS-2',
          label: { 'zh-Hant': '響應及時率', 'zh-Hans': '响应及时率', en: 'Response timeliness' },
          description: {
            'zh-Hant': '抽查:電話響鈴幾聲接聽、線上問題30秒至1分鐘內回覆、跨部門問題在規定時間內答覆;得分 = 30 × 合格數 ÷ 抽查數',
            'zh-Hans': '抽查:电话响铃几声接听、在线问题30秒至1分钟内回复、跨部门问题在规定时间内答复;得分 = 30 × 合格数 ÷ 抽查数',
            en: 'Sampled: rings before answering, chats answered within 30 s to 1 min, cross-department questions answered in the set time; score = 30 × passed ÷ checked',
          },
          points: '30',
          rule: { kind: 'sampled' },
          source: 'OCS-2',
        },
        {
          id: 'OCS-3',
          label: { 'zh-Hant': '專業度', 'zh-Hans': '专业度', en: 'Professionalism' },
          description: {
            'zh-Hant': '抽查產品知識與專業用語、術語的掌握;得分 = 25 × 合格數 ÷ 抽查數',
            'zh-Hans': '抽查产品知识与专业用语、术语的掌握;得分 = 25 × 合格数 ÷ 抽查数',
            en: 'Sampled: command of product knowledge and terms; score = 25 × passed ÷ checked',
          },
          points: '25',
          rule: { kind: 'sampled' },
          source: 'OCS-3',
        },
      ],
    },
    {
      id: 'complaints',
      label: { 'zh-Hant': '客戶投訴', 'zh-Hans': '客户投诉', en: 'Customer complaints' },
      points: '15',
      items: [
        {
          id: 'OCS-4',
          label: { 'zh-Hant': '錯誤解答引起的客戶投訴', 'zh-Hans': '错误解答引起的客户投诉', en: 'Complaints caused by wrong answers' },
          description: {
            'zh-Hant': '全數計算,不抽樣;每宗扣5分,扣完為止',
            'zh-Hans': '全数计算,不抽样;每宗扣5分,扣完为止',
            en: 'Counted in full, not sampled; −5 each, down to 0',
          },
          points: '15',
          rule: { kind: 'perOccurrence', amount: '5' },
          source: 'OCS-4',
        },
      ],
    },
  ],
};
