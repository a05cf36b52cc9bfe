import type { RubricInput } from '../../schema.ts';

/** R-SP: the salesperson's daily work 銷售員日常工作考核, 100 points; monthly = work × 70% + attendance × 30% (C-1, C-2). */
export const salespersonRubric: RubricInput = {
  id: 'R-SP',
  version: 1,
  role: 'salesperson',
  label: { 'zh-Hant': '銷售員日常工作考核', 'zh-Hans': '销售员日常工作考核', en: 'Salesperson — daily work' },
  scale: '100',
  composite: { kind: 'workAttendance', work: '0.7', attendance: '0.3' },
  attendance: { full: '100', perAbsentDay: '4', partialDay: 'whole' },
  source: 'domain/rules.md §1 R-SP; C-1, C-2',
  sections: [
    {
      // SP-D: "each occurrence deducts 5, the section never below 0" — the items take from a shared 30.
      id: 'dealer',
      label: { 'zh-Hant': '經銷商的管理', 'zh-Hans': '经销商的管理', en: 'Dealer management' },
      points: '30',
      pooled: true,
      floor: '0',
      items: [
        {
          id: 'SP-D1',
          label: { 'zh-Hant': '經銷商終端日報上報不及時', 'zh-Hans': '经销商终端日报上报不及时', en: 'Dealer terminal daily report late' },
          description: {
            'zh-Hant': '須在終端銷售當日16:00前報區域計劃員;每次遲報扣5分,連續不上交加倍扣分',
            'zh-Hans': '须在终端销售当日16:00前报区域计划员;每次迟报扣5分,连续不上交加倍扣分',
            en: 'Due by 16:00 on the day of the terminal sale, to the regional planner; −5 each late report, doubled when repeated',
          },
          points: '0',
          rule: { kind: 'perOccurrence', amount: '5' },
          // SP/RM note: repeated non-submission of material (連續不上交材料) doubles the deduction.
          repeatDoubling: true,
          source: 'SP-D1',
        },
        {
          id: 'SP-D2',
          label: { 'zh-Hant': '未完成每月網路開發計劃', 'zh-Hans': '未完成每月网络开发计划', en: 'Monthly network-development plan not completed' },
          description: { 'zh-Hant': '每項扣5分', 'zh-Hans': '每项扣5分', en: '−5 each' },
          points: '0',
          rule: { kind: 'perOccurrence', amount: '5' },
          // SP-D2..SP-D5 are shortfalls in the work, not material left unsubmitted: the doubling note does not reach them.
          source: 'SP-D2',
        },
        {
          id: 'SP-D3',
          label: { 'zh-Hant': '終端使用者問題經銷商未能及時解決', 'zh-Hans': '终端用户问题经销商未能及时解决', en: 'End-user problem not solved in time by the dealer' },
          description: { 'zh-Hant': '每次扣5分', 'zh-Hans': '每次扣5分', en: '−5 each' },
          points: '0',
          rule: { kind: 'perOccurrence', amount: '5' },
          source: 'SP-D3',
        },
        {
          id: 'SP-D4',
          label: {
            'zh-Hant': '未嚴格執行公司商務政策,不了解進貨、銷量、存貨',
            'zh-Hans': '未严格执行公司商务政策,不了解进货、销量、存货',
            en: 'Commercial policy not strictly executed; purchases, sales or stock not known',
          },
          description: { 'zh-Hant': '每項扣5分', 'zh-Hans': '每项扣5分', en: '−5 each' },
          points: '0',
          rule: { kind: 'perOccurrence', amount: '5' },
          source: 'SP-D4',
        },
        {
          id: 'SP-D5',
          label: { 'zh-Hant': '經銷商特殊問題未及時上報領導', 'zh-Hans': '经销商特殊问题未及时上报领导', en: "Dealer's special problem not reported to leadership in time" },
          description: { 'zh-Hant': '每次扣5分', 'zh-Hans': '每次扣5分', en: '−5 each' },
          points: '0',
          rule: { kind: 'perOccurrence', amount: '5' },
          source: 'SP-D5',
        },
        {
          id: 'SP-D6',
          label: { 'zh-Hant': '返利表上報不及時', 'zh-Hans': '返利表上报不及时', en: 'Rebate forms late' },
          description: {
            'zh-Hant': '每月25日前報銷售計劃部;每次遲報扣5分,連續不上交加倍扣分',
            'zh-Hans': '每月25日前报销售计划部;每次迟报扣5分,连续不上交加倍扣分',
            en: 'Due before the 25th, to the sales planning department; −5 each late form, doubled when repeated',
          },
          points: '0',
          rule: { kind: 'perOccurrence', amount: '5' },
          repeatDoubling: true,
          source: 'SP-D6',
        },
      ],
    },
    {
      id: 'weekly',
      label: { 'zh-Hant': '周報', 'zh-Hans': '周报', en: 'Weekly report' },
      points: '40',
      gate: {
        id: 'SP-W',
        label: {
          'zh-Hant': '《周工作匯報表》未按時交付、字跡潦草或難以辨認:周報40分全部不得分',
          'zh-Hans': '《周工作汇报表》未按时交付、字迹潦草或难以辨认:周报40分全部不得分',
          en: 'Weekly report late, illegible or unreadable: the whole 40 is lost',
        },
        source: 'SP-W',
      },
      items: [
        {
          id: 'SP-W1',
          label: { 'zh-Hant': '上周工作總結', 'zh-Hans': '上周工作总结', en: "Last week's summary" },
          description: { 'zh-Hant': '必須如實填寫;發現與所填內容不符,本項不得分', 'zh-Hans': '必须如实填写;发现与所填内容不符,本项不得分', en: 'Must be truthful; found untrue → 0' },
          points: '10',
          rule: { kind: 'forfeit' },
          source: 'SP-W1',
        },
        {
          id: 'SP-W2',
          label: { 'zh-Hant': '下周工作計劃', 'zh-Hans': '下周工作计划', en: "Next week's plan" },
          description: { 'zh-Hant': '必須如實填寫;發現與所填內容不符,本項不得分', 'zh-Hans': '必须如实填写;发现与所填内容不符,本项不得分', en: 'Must be truthful; found untrue → 0' },
          points: '10',
          rule: { kind: 'forfeit' },
          source: 'SP-W2',
        },
        {
          id: 'SP-W3',
          label: { 'zh-Hant': '大客戶走訪情況', 'zh-Hans': '大客户走访情况', en: 'Key-customer visits' },
          description: {
            'zh-Hant': '每周至少走訪2家並詳細記錄;連續走訪同一家須附《客戶拜訪紀實》;每缺一項扣3分,缺2項以上不得分',
            'zh-Hans': '每周至少走访2家并详细记录;连续走访同一家须附《客户拜访纪实》;每缺一项扣3分,缺2项以上不得分',
            en: 'At least 2 visits a week, each recorded in detail; repeat visits to one key customer need the visit record attached; −3 per missing record, 2 or more missing → 0',
          },
          points: '10',
          rule: { kind: 'threshold', perMiss: '3', zeroAt: 2 },
          source: 'SP-W3',
        },
        {
          id: 'SP-W4',
          label: { 'zh-Hant': '客戶拜訪紀實', 'zh-Hans': '客户拜访纪实', en: 'Customer visit record' },
          description: {
            'zh-Hant': '每次拜訪結束後及時填寫;每缺一份扣3分,扣完為止',
            'zh-Hans': '每次拜访结束后及时填写;每缺一份扣3分,扣完为止',
            en: 'Filled in after each visit; −3 per missing record, down to 0',
          },
          points: '10',
          // SP-W4: the page gives no deduction. −3 per missing record follows SP-W3, its sibling in the
          // same weekly report, which deducts 3 for each visit left unrecorded.
          rule: { kind: 'perOccurrence', amount: '3' },
          source: 'SP-W4',
        },
      ],
    },
    {
      id: 'reports',
      label: { 'zh-Hant': '資訊反饋、計劃報告與車輛', 'zh-Hans': '信息反馈、计划报告与车辆', en: 'Feedback, plans and vehicles' },
      points: '30',
      items: [
        {
          id: 'SP-M',
          label: { 'zh-Hant': '市場資訊反饋', 'zh-Hans': '市场信息反馈', en: 'Market information feedback' },
          description: { 'zh-Hant': '必須如實填寫;發現與所填內容不符,本項不得分', 'zh-Hans': '必须如实填写;发现与所填内容不符,本项不得分', en: 'Must be truthful; found untrue → 0' },
          points: '5',
          rule: { kind: 'forfeit' },
          source: 'SP-M',
        },
        {
          id: 'SP-Q',
          label: { 'zh-Hant': '產品質量問題反饋', 'zh-Hans': '产品质量问题反馈', en: 'Product quality feedback' },
          description: { 'zh-Hant': '認真填寫,及時有效;考核人評0–5分', 'zh-Hans': '认真填写,及时有效;考核人评0–5分', en: 'Careful, timely and effective; the assessor awards 0–5' },
          points: '5',
          // SP-Q names no deduction, only the standard: the assessor judges it.
          rule: { kind: 'award' },
          source: 'SP-Q',
        },
        {
          id: 'SP-A',
          label: { 'zh-Hant': '廣告計劃表', 'zh-Hans': '广告计划表', en: 'Advertising plan' },
          description: {
            'zh-Hant': '每月13日前報廣告資訊部;遲交、字跡潦草或難以辨認每次扣2分,連續不上交加倍扣分',
            'zh-Hans': '每月13日前报广告信息部;迟交、字迹潦草或难以辨认每次扣2分,连续不上交加倍扣分',
            en: 'Due by the 13th to the advertising/information department; −2 each time late or illegible, doubled when repeated',
          },
          points: '5',
          rule: { kind: 'perOccurrence', amount: '2' },
          repeatDoubling: true,
          source: 'SP-A',
        },
        {
          id: 'SP-P',
          label: { 'zh-Hant': '促銷活動計劃報告', 'zh-Hans': '促销活动计划报告', en: 'Promotion plan report' },
          description: {
            'zh-Hant': '每月15日前提交,寫明時間、地點、內容、費用計劃及預期效果;遲交、字跡潦草或難以辨認每次扣2分,連續不上交加倍扣分',
            'zh-Hans': '每月15日前提交,写明时间、地点、内容、费用计划及预期效果;迟交、字迹潦草或难以辨认每次扣2分,连续不上交加倍扣分',
            en: 'Due by the 15th, stating time, place, content, cost plan and expected effect; −2 each time late or illegible, doubled when repeated',
          },
          points: '5',
          rule: { kind: 'perOccurrence', amount: '2' },
          repeatDoubling: true,
          source: 'SP-P',
        },
        {
          id: 'SP-E',
          label: { 'zh-Hant': '促銷效果評價', 'zh-Hans': '促销效果评价', en: 'Promotion effect evaluation' },
          description: {
            'zh-Hant': '活動結束後5日內提交總結報告;與上報計劃不符或遲交每次扣2分,連續不上交加倍扣分',
            'zh-Hans': '活动结束后5日内提交总结报告;与上报计划不符或迟交每次扣2分,连续不上交加倍扣分',
            en: 'Summary within 5 days after the event; −2 each time it departs from the plan or is late, doubled when repeated',
          },
          points: '5',
          rule: { kind: 'perOccurrence', amount: '2' },
          repeatDoubling: true,
          source: 'SP-E',
        },
        {
          id: 'SP-V',
          label: { 'zh-Hant': '周轉車輛管理', 'zh-Hans': '周转车辆管理', en: 'Pool-vehicle management' },
          description: {
            'zh-Hant': '違反《周轉車輛管理制度》任何一條,本項5分全部扣除',
            'zh-Hans': '违反《周转车辆管理制度》任何一条,本项5分全部扣除',
            en: 'Any breach of the pool-vehicle rules → the whole 5 lost',
          },
          points: '5',
          rule: { kind: 'forfeit' },
          source: 'SP-V',
        },
      ],
    },
  ],
};
