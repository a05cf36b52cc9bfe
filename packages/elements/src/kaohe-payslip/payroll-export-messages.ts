// The payroll export's words. Apart from the payslip's catalogue because the export is one of HR's
// views (kaohe-hr.js): the core bundle, which every page loads, does not carry them.
import { lookupMessage, type Catalogue, type Locale, type Message, type MessageParams } from '../base/locale.ts';

const en = {
  exportCsv: ({ n }) => `Export CSV (${n} payslips)`,
  exportNone: 'No published payslips for this department and month.',
  exportDone: ({ n, file }) => `Exported ${n} payslips to ${file}.`,
  exportFailed: ({ message }) => `The export failed: ${message}`,
} satisfies Record<string, Message>;

export type PayrollExportMessageKey = keyof typeof en;

export const payrollExportCatalogue: Catalogue<PayrollExportMessageKey> = {
  en,
  'zh-Hant': {
    exportCsv: ({ n }) => `匯出 CSV（${n} 份工資單）`,
    exportNone: '此部門本月沒有已公佈的工資單。',
    exportDone: ({ n, file }) => `已將 ${n} 份工資單匯出至 ${file}。`,
    exportFailed: ({ message }) => `匯出失敗：${message}`,
  },
  'zh-Hans': {
    exportCsv: ({ n }) => `导出 CSV（${n} 份工资单）`,
    exportNone: '此部门本月没有已公布的工资单。',
    exportDone: ({ n, file }) => `已将 ${n} 份工资单导出至 ${file}。`,
    exportFailed: ({ message }) => `导出失败：${message}`,
  },
};

export function payrollExportMsg(key: PayrollExportMessageKey, locale: Locale, params: MessageParams = {}): string {
  return lookupMessage(payrollExportCatalogue, key, locale, params);
}
