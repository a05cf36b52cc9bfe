// A plain decimal.js reading of the rules, as small as it can be, for the property test to hold
// the engine's fast path to: no compilation, no scaled integers, no validation (valid sheets only),
// no explanations — only the numbers, rounded half-up once at the end (O-7).
import DecimalJs from 'decimal.js';
import type { Rubric, Sheet } from '../../src/schema.ts';

const D = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
type D = InstanceType<typeof D>;
const d = (x: string | number) => new D(String(x));
const out = (x: D, places: number) => x.toDecimalPlaces(places, D.ROUND_HALF_UP).toFixed(places);

export interface ReferenceScores {
  items: Record<string, string>;
  sections: Record<string, string>;
  work: string;
  attendance: string | null;
  monthly: string;
}

export function referenceScores(rubric: Rubric, sheet: Sheet): ReferenceScores {
  const places = rubric.settings.scoreDecimals;
  const items: Record<string, string> = {};
  const sections: Record<string, string> = {};
  let work = d(0);
  for (const section of rubric.sections) {
    let total = section.pooled ? d(section.points) : d(0);
    for (const item of section.items) {
      const e = sheet.entries[item.id] ?? {};
      const rule = item.rule;
      const points = d(item.points);
      const count = e.count ?? 0;
      // O-5: ×2 once repeated, or ×2 per previous month (up to the lookback) when compounding
      const { lookbackMonths, compound } = rubric.settings.repeatDoubling;
      const factor = item.repeatDoubling && (e.priorMonths ?? 0) >= 1 ? (compound ? 2 ** Math.min(e.priorMonths!, lookbackMonths) : 2) : 1;
      let deduction = d(0);
      let score: D | undefined;
      switch (rule.kind) {
        case 'award': score = e.points === undefined ? d(0) : d(e.points); break;
        case 'perOccurrence': deduction = d(rule.amount).times(count).times(factor); break;
        case 'threshold': deduction = count >= rule.zeroAt ? points : d(rule.perMiss).times(count).times(factor); break;
        case 'forfeit': deduction = e.breached ? points : d(0); break;
        case 'ranged': for (const x of e.deductions ?? []) deduction = deduction.plus(d(x.amount).times(factor)); break;
        case 'levels': {
          const level = rule.levels.find((l) => l.id === e.level);
          if (!level) score = d(0);
          else deduction = typeof level.deduct === 'object' ? d(e.amount!) : d(level.deduct);
          break;
        }
        case 'escalating': deduction = d([...rule.steps].reverse().find((s) => count >= s.atCount)?.deduct ?? 0); break;
        case 'derived': if (e.count === undefined) score = d(0); else deduction = d(rule.perCase).times(e.count); break;
        case 'measured': {
          if (e.value === undefined) { score = d(0); break; }
          const value = d(e.value);
          const target = d(e.target ?? rule.target);
          const ratio = rule.direction === 'higher' ? value.div(target) : value.isZero() ? d(rule.cap) : target.div(value);
          score = points.times(D.max(0, D.min(d(rule.cap), ratio)));
          break;
        }
        case 'sampled': score = !e.checked ? d(0) : points.times(e.passed ?? 0).div(e.checked); break;
      }
      if (score === undefined) score = item.penaltyOnly || section.pooled ? deduction.negated() : D.max(0, points.minus(deduction));
      items[item.id] = out(score, places);
      total = total.plus(score);
    }
    if (section.gate && sheet.entries[section.gate.id]?.breached) total = d(0);
    if (section.floor !== null) total = D.max(d(section.floor), total);
    sections[section.id] = out(total, places);
    work = work.plus(total);
  }
  work = D.min(d(rubric.scale), D.max(0, work));
  if (rubric.composite.kind !== 'workAttendance') return { items, sections, work: out(work, places), attendance: null, monthly: out(work, places) };
  const days = d(sheet.attendance!.absentDays);
  const policy = rubric.attendance;
  const attendance = D.max(0, d(policy.full).minus((policy.partialDay === 'whole' ? days.ceil() : days).times(d(policy.perAbsentDay))));
  const monthly = work.times(d(rubric.composite.work)).plus(attendance.times(d(rubric.composite.attendance)));
  return { items, sections, work: out(work, places), attendance: out(attendance, places), monthly: out(monthly, places) };
}

/** The payslip lines of the presets P-1…P-3, written out in decimal.js: each line rounded half-up to 0.01, the total their sum (O-7). */
export function referencePay(plan: 'P-1' | 'P-2' | 'P-3', values: Record<string, string | number>, settings: Record<string, string> = {}): { lines: Record<string, string>; total: string } {
  const v = (name: string) => d(values[name] ?? 0);
  const lines: Record<string, D> = {};
  if (plan === 'P-1') {
    const T = v('T');
    const rate = settings.completionCap === 'uncapped' ? v('completionRate') : D.min(v('completionRate'), 1);
    const scoreRate = (settings.scoreRateBasis === 'monthly' ? v('monthlyScore') : v('workScore')).div(100);
    Object.assign(lines, { base: T.times('0.5'), planCompletion: T.times('0.35').times(rate), dailyWork: T.times('0.15').times(scoreRate), overPlanBonus: v('overPlanBonus') });
  } else if (plan === 'P-2') {
    const performancePay = v('performanceBase').times(v('score')).div(100);
    Object.assign(lines, { baseSalary: v('baseSalary'), performancePay });
    if (v('score').lt(60)) {
      lines.underSixtyDeduction = settings.underSixtyRule === 'base' ? D.min(v('performanceBase').times('0.3'), performancePay).negated() : performancePay.times('0.3').negated();
    }
  } else {
    const lower = ['refundRate', 'refundTime', 'disputes', 'internalComplaints'];
    const met = lower.every((name) => v(name).lte(v(`${name}Target`))) && v('dsrRating').gte(v('dsrRatingTarget'));
    Object.assign(lines, { baseSalary: v('baseSalary'), repeatOrderCommission: v('repeatOrderTotal').times('0.003'), targetBonus: met ? v('targetBonus') : d(0) });
  }
  const rounded = Object.fromEntries(Object.entries(lines).map(([id, amount]) => [id, out(amount, 2)]));
  return { lines: rounded, total: out(Object.values(rounded).reduce((sum, amount) => sum.plus(amount), d(0)), 2) };
}
