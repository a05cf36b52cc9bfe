// The words of payroll-export-messages.ts in English: imported when a page or an element first speaks en; zh-Hant is in payroll-export-messages.ts.
import type { Message } from '../base/locale.ts';
import type { PayrollExportMessageKey } from './payroll-export-messages.ts';

export const en: Readonly<Record<PayrollExportMessageKey, Message>> = {
  exportCsv: ({ n }) => `Export CSV (${n} payslips)`,
  exportNone: 'No published payslips for this department and month.',
  exportDone: ({ n, file }) => `Exported ${n} payslips to ${file}.`,
  exportFailed: ({ message }) => `The export failed: ${message}`,
};
