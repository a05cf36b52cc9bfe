export type { AnnualRecord, AnnualOptions, AnnualRow } from './annual.ts';
export type { ScoreEntry, ScoreBucket, OutlierReason, DistributionRow, RoleDistribution, OutlierThresholds } from './distribution.ts';
export type { PublishedResult, PayrollPlanLines, PayrollOptions, PayrollTable, PayrollCsv, PayrollColumnKind } from './payroll-csv.ts';
export { annualRanking } from './annual.ts';
export { scoreBuckets, scoreDistribution, orderDistributionRows } from './distribution.ts';
export { PAYROLL_SCORE_COLUMNS, flagsCell, payrollTable, csvText, inertCsvCell, payrollCsv, parsePayrollCsv } from './payroll-csv.ts';
