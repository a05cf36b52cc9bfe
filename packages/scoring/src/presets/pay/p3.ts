import type { Label } from '../../schema.ts';
import type { PayPlanInput } from '../../pay/pay-schema.ts';

const label = (zhHant: string, zhHans: string, en: string): Label => ({ 'zh-Hant': zhHant, 'zh-Hans': zhHans, en });

/** One department indicator of the P-3 gate, with its value, its target and which way is better. */
interface Indicator {
  name: string;
  label: Label;
  kind: 'rate' | 'number';
  better: 'lower' | 'higher';
  max?: string;
}

const indicators: readonly Indicator[] = [
  { name: 'refundRate', label: label('退款率', '退款率', 'Refund rate'), kind: 'rate', better: 'lower', max: '1' },
  { name: 'refundTime', label: label('退款時長', '退款时长', 'Refund time'), kind: 'number', better: 'lower' },
  { name: 'disputes', label: label('糾紛數', '纠纷数', 'Disputes'), kind: 'number', better: 'lower' },
  { name: 'dsrRating', label: label('DSR 評分', 'DSR 评分', 'DSR rating'), kind: 'number', better: 'higher', max: '5' },
  { name: 'internalComplaints', label: label('內部投訴', '内部投诉', 'Internal complaints'), kind: 'number', better: 'lower' },
];

const target = (l: Label): Label => ({ 'zh-Hant': `${l['zh-Hant']}目標`, 'zh-Hans': `${l['zh-Hans']}目标`, en: `${l.en} target` });

/**
 * P-3 online-shop after-sales staff: repeat-customer order total × 0.3% + after-sales target bonus
 * + base salary. The department's indicators are a gate: if any one misses its target, the target
 * bonus is zero, and the flag names the indicators that missed.
 */
export const shopAfterSalesPayPlan: PayPlanInput = {
  id: 'P-3',
  version: 1,
  source: 'P-3',
  label: label('網店售後客服月度薪酬', '网店售后客服月度薪酬', 'Online-shop after-sales monthly pay'),
  currency: 'CNY',
  inputs: [
    { name: 'baseSalary', label: label('基本工資', '基本工资', 'Base salary'), kind: 'money', min: '0' },
    {
      name: 'repeatOrderTotal',
      label: label('所開發回頭客月訂單總額', '所开发回头客月订单总额', 'Monthly orders of repeat customers developed'),
      kind: 'money',
      min: '0',
    },
    { name: 'targetBonus', label: label('售後達標獎金', '售后达标奖金', 'After-sales target bonus'), kind: 'money', min: '0' },
    ...indicators.flatMap((i) => [
      { name: i.name, label: i.label, kind: i.kind, min: '0', ...(i.max ? { max: i.max } : {}) },
      { name: `${i.name}Target`, label: target(i.label), kind: i.kind, min: '0', ...(i.max ? { max: i.max } : {}) },
    ]),
  ],
  quantities: [
    // Every indicator is lower-is-better except the DSR rating; meeting the target exactly counts as met.
    ...indicators.map((i) => ({
      name: `${i.name}Met`,
      label: { 'zh-Hant': `${i.label['zh-Hant']}達標`, 'zh-Hans': `${i.label['zh-Hans']}达标`, en: `${i.label.en} met` },
      formula: `${i.name} ${i.better === 'lower' ? '<=' : '>='} ${i.name}Target`,
    })),
    { name: 'targetsMet', label: label('部門指標全部達標', '部门指标全部达标', 'All department indicators met'), formula: indicators.map((i) => `${i.name}Met`).join(' && ') },
  ],
  lines: [
    { id: 'baseSalary', label: label('基本工資', '基本工资', 'Base salary'), formula: 'baseSalary', source: 'P-3' },
    { id: 'repeatOrderCommission', label: label('回頭客訂單提成 0.3%', '回头客订单提成 0.3%', 'Repeat-customer orders at 0.3%'), formula: 'repeatOrderTotal * 0.003', source: 'P-3' },
    { id: 'targetBonus', label: label('售後達標獎金', '售后达标奖金', 'After-sales target bonus'), formula: 'if(targetsMet, targetBonus, 0)', source: 'P-3' },
  ],
  flags: [
    {
      code: 'P-3.gateFailed',
      source: 'P-3',
      when: '!targetsMet',
      label: label('達標獎金為零，未達標指標', '达标奖金为零，未达标指标', 'No target bonus; indicators that missed their target'),
      reasons: indicators.map((i) => ({ when: `!${i.name}Met`, label: i.label })),
    },
  ],
};
