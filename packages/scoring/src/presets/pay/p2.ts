import type { Label } from '../../schema.ts';
import type { PayPlanInput } from '../../pay/pay-schema.ts';

const label = (zhHant: string, zhHans: string, en: string): Label => ({ 'zh-Hant': zhHant, 'zh-Hans': zhHans, en });

/**
 * P-2 service staff (R-SV): a fixed base salary plus performance pay 績效工資 = performance base
 * 績效基數 × score / 100; a month under 60 deducts 30% of the performance bonus and never touches
 * the base salary.
 */
export const serviceStaffPayPlan: PayPlanInput = {
  id: 'P-2',
  version: 1,
  source: 'P-2',
  label: label('服務人員月度薪酬', '服务人员月度薪酬', 'Service staff monthly pay'),
  currency: 'CNY',
  inputs: [
    { name: 'baseSalary', label: label('基本工資', '基本工资', 'Base salary'), kind: 'money', min: '0' },
    { name: 'performanceBase', label: label('績效基數', '绩效基数', 'Performance base'), kind: 'money', min: '0' },
    { name: 'score', label: label('月度考核得分', '月度考核得分', 'Monthly score'), kind: 'score', min: '0', max: '100' },
  ],
  settings: [
    {
      id: 'O-4',
      name: 'underSixtyRule',
      label: label('低於 60 分時扣減 30% 績效', '低于 60 分时扣减 30% 绩效', 'Under 60, deduct 30% of performance pay as'),
      options: ['scale', 'base'],
      optionLabels: {
        scale: label('績效工資 × 0.7', '绩效工资 × 0.7', 'performance pay × 0.7'),
        base: label('績效工資減去績效基數的 30%，不低於 0', '绩效工资减去绩效基数的 30%，不低于 0', 'performance pay minus 30% of the performance base, never below 0'),
      },
      // "30% of the performance bonus" reads most naturally as 30% of what was earned.
      default: 'scale',
    },
  ],
  quantities: [
    { name: 'performancePay', label: label('績效工資', '绩效工资', 'Performance pay'), formula: 'performanceBase * score / 100' },
  ],
  lines: [
    { id: 'baseSalary', label: label('基本工資', '基本工资', 'Base salary'), formula: 'baseSalary', source: 'P-2' },
    { id: 'performancePay', label: label('績效工資', '绩效工资', 'Performance pay'), formula: 'performanceBase * score / 100', source: 'P-2' },
    {
      // Its own line, so the person sees what the low score cost; the base salary line is never touched.
      id: 'underSixtyDeduction',
      label: label('低於 60 分扣減', '低于 60 分扣减', 'Deduction for a score under 60'),
      when: 'score < 60',
      variants: { setting: 'underSixtyRule', cases: { scale: '-(performancePay * 0.3)', base: '-min(performanceBase * 0.3, performancePay)' } },
      source: 'P-2',
    },
  ],
  flags: [
    {
      code: 'P-2.under60',
      source: 'P-2',
      when: 'score < 60',
      label: label('月度考核低於 60 分：績效工資扣減 30%', '月度考核低于 60 分：绩效工资扣减 30%', 'Monthly score under 60: performance pay reduced by 30%'),
    },
  ],
};
