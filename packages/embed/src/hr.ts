// The entry of kaohe-hr.js (IIFE, `window.KaoheHr`) and kaohe-hr.mjs (ESM): HR's views —
// `kaohe-annual`, `kaohe-score-distribution`, `kaohe-payroll-export` — and the few functions that
// read their data from the configured store. Only HR's pages load it: the payroll export brings
// papaparse, which no other page needs. It carries its own copy of lit, scoring and the rest, so it
// needs nothing from the core bundle but the context `Kaohe.configure` leaves on the page.
import '@kaohe/elements/hr';
import { localService } from './local-service.ts';
import { provideLocalService } from './service.ts';
import { applyContextWithin, getContext, onContextChange } from './context.ts';

provideLocalService(localService);

export type { AnnualYear, ScoredAppraisal } from './hr-data.ts';
export type { AnnualMonth, PayrollEntry } from '@kaohe/elements/hr';
export type { AnnualRecord, ScoreEntry } from '@kaohe/scoring';
export { annualYear, distribution, distributionEntries, payroll, payrollCsv, payrollEntries, scoredAppraisals } from './hr-data.ts';
export { KaoheAnnual, KaohePayrollExport, KaohePayrollExportedEvent, KaoheScoreDistribution } from '@kaohe/elements/hr';

if (typeof document !== 'undefined') {
  // HR elements the page (or Kaohe.create) made before this file ran were plain elements when the
  // core looked at them, so they got nothing; they are defined now, and get the context.
  applyContextWithin(document, getContext());
  // The core already passes every change to the elements it filled in; this covers the ones filled in
  // above, and a page that loads this file without the core's observer (ESM hosts).
  onContextChange((context) => applyContextWithin(document, context));
}
