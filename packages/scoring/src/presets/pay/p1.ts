import type { Label } from '../../schema.ts';
import type { PayPlanInput } from '../../pay/pay-schema.ts';

const label = (zhHant: string, zhHans: string, en: string): Label => ({ 'zh-Hant': zhHant, 'zh-Hans': zhHans, en });

/**
 * P-1 sales staff monthly pay 月度薪酬 = base + plan-completion pay + daily-work pay + over-plan bonus,
 * where, with T the pay total 工資總額: base = T × 50%, plan-completion pay = T × 35% × completion
 * rate, daily-work pay = T × 15% × daily appraisal score rate.
 */
export const salesMonthlyPayPlan: PayPlanInput = {
  id: 'P-1',
  version: 1,
  source: 'P-1',
  label: label('銷售人員月度薪酬', '销售人员月度薪酬', 'Sales staff monthly pay'),
  currency: 'CNY',
  inputs: [
    { name: 'T', label: label('工資總額 T', '工资总额 T', 'Pay total T'), kind: 'money', min: '0' },
    {
      name: 'completionRate',
      label: label('計劃完成率', '计划完成率', 'Plan completion rate'),
      description: label('以小數表示：85% 寫作 0.85', '以小数表示：85% 写作 0.85', 'As a fraction: 85% is 0.85'),
      kind: 'rate',
      min: '0',
    },
    { name: 'workScore', label: label('日常工作考核得分', '日常工作考核得分', 'Daily-work score'), kind: 'score', min: '0', max: '100' },
    // Read only when O-2 is set to 'monthly'; with the default it need not be given.
    { name: 'monthlyScore', label: label('月度考核得分', '月度考核得分', 'Monthly score (C-1)'), kind: 'score', min: '0', max: '100' },
    { name: 'overPlanBonus', label: label('超計劃獎金', '超计划奖金', 'Over-plan bonus'), kind: 'money', min: '0', required: false, default: '0' },
  ],
  settings: [
    {
      id: 'O-2',
      name: 'scoreRateBasis',
      label: label('日常考核得分率的依據', '日常考核得分率的依据', 'Daily appraisal score rate is based on'),
      options: ['work', 'monthly'],
      optionLabels: {
        work: label('日常工作考核得分 ÷ 100', '日常工作考核得分 ÷ 100', 'the daily-work score ÷ 100'),
        monthly: label('月度考核得分 ÷ 100', '月度考核得分 ÷ 100', 'the monthly score ÷ 100'),
      },
      // The rule names the "daily appraisal" score, which is the daily-work score, not the C-1 composite.
      default: 'work',
    },
    {
      id: 'O-3',
      name: 'completionCap',
      label: label('計劃完成率超過 100%', '计划完成率超过 100%', 'Plan completion above 100%'),
      options: ['capped', 'uncapped'],
      optionLabels: {
        capped: label('以 100% 為上限，超出部分由超計劃獎金獎勵', '以 100% 为上限，超出部分由超计划奖金奖励', 'capped at 100%; the over-plan bonus rewards the excess'),
        uncapped: label('按實際完成率計算', '按实际完成率计算', 'paid at the actual rate'),
      },
      // Capped by default: otherwise the excess would be paid twice, here and as the over-plan bonus.
      default: 'capped',
    },
  ],
  quantities: [
    {
      name: 'scoreRate',
      label: label('日常考核得分率', '日常考核得分率', 'Daily appraisal score rate'),
      variants: { setting: 'scoreRateBasis', cases: { work: 'workScore / 100', monthly: 'monthlyScore / 100' } },
    },
  ],
  lines: [
    { id: 'base', label: label('基礎工資', '基础工资', 'Base pay'), formula: 'T * 0.5', source: 'P-1' },
    {
      id: 'planCompletion',
      label: label('計劃完成率考核工資', '计划完成率考核工资', 'Plan-completion pay'),
      variants: { setting: 'completionCap', cases: { capped: 'T * 0.35 * min(completionRate, 1)', uncapped: 'T * 0.35 * completionRate' } },
      source: 'P-1',
    },
    { id: 'dailyWork', label: label('日常工作考核工資', '日常工作考核工资', 'Daily-work pay'), formula: 'T * 0.15 * scoreRate', source: 'P-1' },
    { id: 'overPlanBonus', label: label('超計劃獎金', '超计划奖金', 'Over-plan bonus'), formula: 'overPlanBonus', source: 'P-1' },
  ],
};
