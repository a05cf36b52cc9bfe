// The payslip's own words, keyed by the same Locale as the shared catalogue (base/locale.ts cannot
// be extended from outside). Line, input and flag labels come from the pay plan itself.
import { lookupMessage, catalogue, type LazyCatalogue, type Locale, type Message, type MessageParams } from '../base/locale.ts';

const zhHant = {
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
  loading: '正在讀取工資單…',
  notYet: ({ reason }) => `尚無工資單：${reason}`,
  notPublished: '您暫時無法查看此工資單：考核結果尚未公佈。',
  notShown: '此處沒有可顯示的工資單。考核結果公佈後，工資單才會向員工本人、人力資源部及該考核的審核人顯示。',
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
} satisfies Record<string, Message>;

export type PayslipMessageKey = keyof typeof zhHant;

/** zh-Hant with the module; en and zh-Hans imported when the page (or an element) first speaks them. */
export const payslipCatalogue: LazyCatalogue<PayslipMessageKey> = catalogue<PayslipMessageKey>(zhHant, {
  en: () => import('./payslip-messages.en.ts').then((module) => module.en),
  'zh-Hans': () => import('./payslip-messages.zh-Hans.ts').then((module) => module.zhHans),
});

export function payslipMsg(key: PayslipMessageKey, locale: Locale, params: MessageParams = {}): string {
  return lookupMessage(payslipCatalogue, key, locale, params);
}
