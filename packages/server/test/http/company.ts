// A small sales company for the HTTP tests: the W-SP chain's every actor, a colleague in the same
// region and one in another, and the R-SP sheet of packages/cli/examples/sheets/r-sp-wang.json.
import type { Person } from '@kaohe/workflow';

export const PERIOD = '2026-11';

export const people: Person[] = [
  { id: 'G1', name: 'General manager', roles: ['gm'] },
  { id: 'V1', name: 'Sales VP', roles: ['vp'], managerId: 'G1' },
  { id: 'H1', name: 'HR one', roles: ['hr'], managerId: 'G1' },
  { id: 'P1', name: 'Head of sales planning', roles: ['salesPlanningHead'], department: 'salesPlanning', managerId: 'V1' },
  { id: 'P2', name: 'Sales planner', roles: ['salesPlanning'], department: 'salesPlanning', managerId: 'P1' },
  { id: 'R1', name: 'RM north', roles: ['regionalManager'], region: 'north', managerId: 'P1' },
  { id: 'R2', name: 'RM south', roles: ['regionalManager'], region: 'south', managerId: 'P1' },
  { id: 'S1', name: '王小明', roles: ['salesperson'], region: 'north', managerId: 'R1', department: 'sales' },
  { id: 'S2', name: 'Salesperson north 2', roles: ['salesperson'], region: 'north', managerId: 'R1' },
  { id: 'S3', name: 'Salesperson south', roles: ['salesperson'], region: 'south', managerId: 'R2' },
];

/**
 * The regional manager's scores for S1 (r-sp-wang.json), worked out by hand:
 * dealer management 30 − SP-D1 2 × 5 − SP-D6 5 doubled for the month before (O-5) = 10;
 * weekly report 10 + 10 + (10 − 3, SP-W3 one missing record) + 10 = 37; SP-M 5, SP-Q 4, SP-A 5 − 2 = 3,
 * SP-P 5, SP-E 5, SP-V 5 → work 10 + 37 + 27 = 74.00; attendance 1.5 days counts as 2 (C-2): 100 − 8 = 92.00;
 * monthly (C-1) 74 × 0.7 + 92 × 0.3 = 51.8 + 27.6 = 79.40.
 */
export const MONTHLY = '79.40';
export const WORK = '74.00';

/** A comment only the chain may read before publication, so a leak shows in a raw body. */
export const MARKER = 'SP-Q-marker: 一批次異響問題反饋晚了兩天';

export const rmEntries = {
  'SP-D1': { count: 2, comment: '10月9日、10月21日終端日報晚於16:00上報區域計劃員' },
  'SP-D6': { count: 1, priorMonths: 1, comment: '返利表10月27日才上報,9月亦逾期' },
  'SP-W': { breached: false },
  'SP-W1': { breached: false },
  'SP-W2': { breached: false },
  'SP-W3': { count: 1, comment: '第3周只走訪1家大客戶' },
  'SP-W4': { count: 0 },
  'SP-M': { breached: false },
  'SP-Q': { points: '4', comment: MARKER },
  'SP-A': { count: 1, comment: '廣告計劃表10月14日交付' },
  'SP-P': { count: 0 },
  'SP-E': { count: 0 },
  'SP-V': { breached: false },
};
export const rmAttendance = { absentDays: '1.5' };

/** What the payroll system knows of S1's month (P-1's inputs besides the scores). */
export const S1_PAY_FIGURES = { T: '8350', completionRate: '0.87', overPlanBonus: '300' };

/**
 * S1's P-1 payslip, worked out by hand (O-2 default: the daily-work score ÷ 100 = 74.00 ÷ 100 = 0.74;
 * O-3 default: completion capped at 100%, 0.87 stays 0.87; each line rounded half-up to 0.01 once):
 *   base            8350 × 0.5                         = 4175.00
 *   plan completion 8350 × 0.35 × 0.87 = 2922.5 × 0.87 = 2542.575 → 2542.58
 *   daily work      8350 × 0.15 × 0.74 = 1252.5 × 0.74 =  926.85
 *   over-plan bonus                                     =  300.00
 *   total 4175.00 + 2542.58 + 926.85 + 300.00          = 7944.43
 */
export const S1_PAY_LINES = { base: '4175.00', planCompletion: '2542.58', dailyWork: '926.85', overPlanBonus: '300.00' };
export const S1_PAY_TOTAL = '7944.43';
