// The words of payroll-export-messages.ts in Simplified Chinese: imported when a page or an element first speaks zh-Hans; zh-Hant is in payroll-export-messages.ts.
import type { Message } from '../base/locale.ts';
import type { PayrollExportMessageKey } from './payroll-export-messages.ts';

export const zhHans: Readonly<Record<PayrollExportMessageKey, Message>> = {
  exportCsv: ({ n }) => `导出 CSV（${n} 份工资单）`,
  exportNone: '此部门本月没有已公布的工资单。',
  exportDone: ({ n, file }) => `已将 ${n} 份工资单导出至 ${file}。`,
  exportFailed: ({ message }) => `导出失败：${message}`,
};
