// The payroll export's words. Apart from the payslip's catalogue because the export is one of HR's
// views (kaohe-hr.js): the core bundle, which every page loads, does not carry them.
import { lookupMessage, catalogue, type LazyCatalogue, type Locale, type Message, type MessageParams } from '../base/locale.ts';

const zhHant = {
  exportCsv: ({ n }) => `匯出 CSV（${n} 份工資單）`,
  exportNone: '此部門本月沒有已公佈的工資單。',
  exportDone: ({ n, file }) => `已將 ${n} 份工資單匯出至 ${file}。`,
  exportFailed: ({ message }) => `匯出失敗：${message}`,
} satisfies Record<string, Message>;

export type PayrollExportMessageKey = keyof typeof zhHant;

/** zh-Hant with the module; en and zh-Hans imported when the page (or an element) first speaks them. */
export const payrollExportCatalogue: LazyCatalogue<PayrollExportMessageKey> = catalogue<PayrollExportMessageKey>(zhHant, {
  en: () => import('./payroll-export-messages.en.ts').then((module) => module.en),
  'zh-Hans': () => import('./payroll-export-messages.zh-Hans.ts').then((module) => module.zhHans),
});

export function payrollExportMsg(key: PayrollExportMessageKey, locale: Locale, params: MessageParams = {}): string {
  return lookupMessage(payrollExportCatalogue, key, locale, params);
}
