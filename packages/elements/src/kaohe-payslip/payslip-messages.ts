// The payslip's own words, keyed by the same Locale as the shared catalogue (base/locale.ts cannot
// be extended from outside). Line, input and flag labels come from the pay plan itself.
import type { Locale } from '../base/locale.ts';

type Params = Record<string, string | number>;
type Message = string | ((params: Params) => string);

const en = {
  payslip: 'Payslip',
  heading: ({ period }) => `Payslip ${period}`,
  employee: 'Employee',
  plan: 'Pay plan',
  line: 'Pay line',
  calculation: 'How it is worked out',
  amount: 'Amount',
  total: 'Total',
  linesCaption: ({ currency }) => `Pay lines, amounts in ${currency}`,
  scoreUsed: 'Score used',
  consequences: 'What changed your pay',
  settings: 'Rules applied',
  print: 'Print',
  notAvailable: 'This payslip is not available to you.',
  notPublished: 'This payslip is not available to you yet: the appraisal has not been published.',
  noPayslip: 'No payslip to show.',
  unknownPlan: ({ id }) => `No payslip to show: the pay plan "${id}" is not available on this page.`,
  yes: 'yes',
  no: 'no',
  lowerOf: 'the lower of',
  higherOf: 'the higher of',
  ifWord: 'if',
  thenWord: 'then',
  elseWord: 'otherwise',
  and: 'and',
  or: 'or',
  not: 'not',
  rounded: 'rounded',
  limitedTo: 'limited to',
} satisfies Record<string, Message>;

export type PayslipMessageKey = keyof typeof en;

const zhHant: Record<PayslipMessageKey, Message> = {
  payslip: '工資單',
  heading: ({ period }) => `工資單 ${period}`,
  employee: '員工',
  plan: '薪酬方案',
  line: '項目',
  calculation: '計算方式',
  amount: '金額',
  total: '合計',
  linesCaption: ({ currency }) => `工資項目（金額單位：${currency}）`,
  scoreUsed: '所用考核得分',
  consequences: '影響工資的情況',
  settings: '適用規則',
  print: '列印',
  notAvailable: '您無權查看此工資單。',
  notPublished: '您暫時無法查看此工資單：考核結果尚未公佈。',
  noPayslip: '沒有可顯示的工資單。',
  unknownPlan: ({ id }) => `沒有可顯示的工資單：此頁面沒有薪酬方案「${id}」。`,
  yes: '是',
  no: '否',
  lowerOf: '取較小者',
  higherOf: '取較大者',
  ifWord: '若',
  thenWord: '則',
  elseWord: '否則',
  and: '且',
  or: '或',
  not: '非',
  rounded: '四捨五入',
  limitedTo: '限於',
};

const zhHans: Record<PayslipMessageKey, Message> = {
  payslip: '工资单',
  heading: ({ period }) => `工资单 ${period}`,
  employee: '员工',
  plan: '薪酬方案',
  line: '项目',
  calculation: '计算方式',
  amount: '金额',
  total: '合计',
  linesCaption: ({ currency }) => `工资项目（金额单位：${currency}）`,
  scoreUsed: '所用考核得分',
  consequences: '影响工资的情况',
  settings: '适用规则',
  print: '打印',
  notAvailable: '您无权查看此工资单。',
  notPublished: '您暂时无法查看此工资单：考核结果尚未公布。',
  noPayslip: '没有可显示的工资单。',
  unknownPlan: ({ id }) => `没有可显示的工资单：此页面没有薪酬方案「${id}」。`,
  yes: '是',
  no: '否',
  lowerOf: '取较小者',
  higherOf: '取较大者',
  ifWord: '若',
  thenWord: '则',
  elseWord: '否则',
  and: '且',
  or: '或',
  not: '非',
  rounded: '四舍五入',
  limitedTo: '限于',
};

const catalogue: Record<Locale, Record<PayslipMessageKey, Message>> = { en, 'zh-Hant': zhHant, 'zh-Hans': zhHans };

export function payslipMsg(key: PayslipMessageKey, locale: Locale, params: Params = {}): string {
  const message = catalogue[locale][key];
  return typeof message === 'function' ? message(params) : message;
}
