// The engine as it stood before issue 15 (main at 2587116, packages/scoring/src/engine.ts), kept
// verbatim as the oracle the compiled engine must equal to the last digit, note, flag and problem.
// Its arithmetic and sheet schema are its own copies from that commit (legacy-decimal.ts,
// legacy-schema.ts, legacy-validate-sheet.ts), so a change to today's decimal.ts or schema.ts shows up
// as a difference instead of changing the oracle with it. Shared with today's engine: problems.ts
// (the KaoheInputError class the test catches, unchanged since), result.ts's types, zod and decimal.js.
// Left out: its loadRubric (the test loads each rubric once with today's and hands both engines the same).
// Test code only: nothing in src/ imports it.
import { dec, Decimal, fixed, sum, ZERO } from './legacy-decimal.ts';

const ONE = new Decimal(1);
const TWO = new Decimal(2);
import { KaoheInputError, type Problem } from '../../src/problems.ts';
import type { Flag, ItemResult, ScoreResult, SectionResult } from '../../src/result.ts';
import type { Entry, Item, Rubric, Section, Sheet, SheetInput } from './legacy-schema.ts';
import { readSheet } from './legacy-validate-sheet.ts';

/** Which entry fields each rule kind reads; anything else on an entry is a mistake worth naming. */
export const ENTRY_FIELDS: Readonly<Record<Item['rule']['kind'], readonly (keyof Entry)[]>> = {
  award: ['points'],
  perOccurrence: ['count', 'priorMonths'],
  ranged: ['deductions', 'priorMonths'],
  levels: ['level', 'amount', 'reason'],
  forfeit: ['breached', 'reason'],
  threshold: ['count', 'priorMonths'],
  escalating: ['count'],
  derived: ['count'],
  measured: ['value', 'target'],
  sampled: ['checked', 'passed'],
};
const SHAPE: Record<Item['rule']['kind'], string> = {
  award: '{ "points" }',
  perOccurrence: '{ "count" }',
  ranged: '{ "deductions": [{ "option", "amount", "reason" }] }',
  levels: '{ "level" } (with "amount" and "reason" where the level is a range)',
  forfeit: '{ "breached": true }',
  threshold: '{ "count" }',
  escalating: '{ "count" }',
  derived: '{ "count" }',
  measured: '{ "value" } (and "target" to override the rubric\'s)',
  sampled: '{ "checked", "passed" }',
};

interface Scored {
  /** for normal items: 0..points; for pooled and penalty-only items: −deduction */
  score: Decimal;
  status: ItemResult['status'];
  deductions: ItemResult['deductions'];
  floorApplied: boolean;
  notes: string[];
  flags: Flag[];
}

/**
 * Scores one sheet against its rubric. Bad input throws a KaoheInputError listing every problem,
 * each naming the item and the rule; nothing is half scored.
 */
export function scoreSheet(rubric: Rubric, sheetInput: SheetInput | Sheet): ScoreResult {
  // The sheet's bounds and what needs the rubric (attendance for C-1, unknown items) are checked once, in readSheet.
  const { sheet, problems } = readSheet(rubric, sheetInput);

  const places = rubric.settings.scoreDecimals;
  const out = (d: Decimal) => fixed(d, places);
  const flags: Flag[] = [];
  const missing: string[] = [];
  const sections: Array<{ exact: Decimal; result: SectionResult }> = rubric.sections.map((section) => {
    const items = section.items.map((item) => {
      const entry = sheet.entries[item.id];
      const scored = scoreItem(rubric, section, item, entry, problems);
      if (scored.status === 'notScored') missing.push(item.id);
      flags.push(...scored.flags);
      return { item, scored };
    });
    const gateBreached = section.gate ? gateEntry(section, sheet.entries[section.gate.id], problems) : false;
    let raw = section.pooled ? dec(section.points).plus(sum(items.map((i) => i.scored.score))) : sum(items.map((i) => i.scored.score));
    if (gateBreached) raw = ZERO;
    const floor = section.floor === null ? null : dec(section.floor);
    const floorApplied = floor !== null && raw.lt(floor);
    const score = floorApplied ? floor : raw;
    const result: SectionResult = {
      id: section.id,
      label: section.label,
      points: out(dec(section.points)),
      score: out(score),
      floorApplied,
      gateBreached,
      items: items.map(({ item, scored }) => ({
        id: item.id,
        label: item.label,
        points: out(dec(item.points)),
        score: out(scored.score),
        status: scored.status,
        deductions: scored.deductions,
        floorApplied: scored.floorApplied,
        notes: gateBreached ? [...scored.notes, `section voided by gate ${section.gate!.id}`] : scored.notes,
        flags: scored.flags,
      })),
    };
    return { exact: score, result };
  });

  if (problems.length > 0) throw new KaoheInputError('sheet', problems);

  const scale = dec(rubric.scale);
  // The work score stays within 0..scale even when a penalty-only item (O-1) takes more than is left.
  const work = Decimal.min(scale, Decimal.max(ZERO, sum(sections.map((s) => s.exact))));
  const attendance = rubric.composite.kind === 'workAttendance' ? attendanceScore(sheet.attendance!.absentDays, rubric.attendance) : null;
  const monthly = rubric.composite.kind === 'workAttendance' && attendance
    ? monthlyScore(work, attendance, rubric.composite)
    : work;

  return {
    rubric: { id: rubric.id, version: rubric.version },
    period: sheet.period,
    ...(sheet.employee !== undefined ? { employee: sheet.employee } : {}),
    work: out(work),
    attendance: attendance ? out(attendance) : null,
    monthly: out(monthly),
    sections: sections.map((s) => s.result),
    flags,
    complete: missing.length === 0,
    missing,
  } satisfies ScoreResult;
}

/** C-2: full attendance 100, −4 per absent day, a half day counting as a whole one (by default). */
export function attendanceScore(absentDays: Parameters<typeof dec>[0], policy: Rubric['attendance']): Decimal {
  const days = dec(absentDays);
  const counted = policy.partialDay === 'whole' ? days.ceil() : days;
  return Decimal.max(ZERO, dec(policy.full).minus(counted.times(dec(policy.perAbsentDay))));
}

/** C-1: monthly = work × 70% + attendance × 30% (weights from the rubric). */
export function monthlyScore(work: Decimal, attendance: Decimal, weights: { work: Parameters<typeof dec>[0]; attendance: Parameters<typeof dec>[0] }): Decimal {
  return work.times(dec(weights.work)).plus(attendance.times(dec(weights.attendance)));
}

function gateEntry(section: Section, entry: Entry | undefined, problems: Problem[]): boolean {
  if (!entry) return false;
  const extra = Object.keys(entry).filter((k) => k !== 'breached' && k !== 'reason' && k !== 'comment');
  if (extra.length > 0) problems.push({ path: `entries.${section.gate!.id}`, rule: section.gate!.id, message: `${section.gate!.id} is a gate: use { "breached": true }, not ${extra.join(', ')}` });
  return entry.breached === true;
}

function scoreItem(rubric: Rubric, section: Section, item: Item, entry: Entry | undefined, problems: Problem[]): Scored {
  const rule = item.rule;
  const path = `entries.${item.id}`;
  const ruleName = item.source ?? item.id;
  const fail = (message: string, field?: string) => problems.push({ path: field ? `${path}.${field}` : path, rule: ruleName, message: `${item.id} (${rule.kind}): ${message}` });
  const points = dec(item.points);
  const deductsOnly = item.penaltyOnly || section.pooled;
  const result: Scored = { score: points, status: 'scored', deductions: [], floorApplied: false, notes: [], flags: [] };

  if (entry) {
    const allowed = new Set<string>([...ENTRY_FIELDS[rule.kind], 'comment']);
    const extra = Object.keys(entry).filter((k) => !allowed.has(k));
    if (extra.length > 0) fail(`expects ${SHAPE[rule.kind]}; ${extra.map((k) => `"${k}"`).join(', ')} does not apply`);
  }

  // O-5: repeated non-submission doubles the deduction.
  const doubling = (): Decimal => {
    const prior = entry?.priorMonths ?? 0;
    if (!item.repeatDoubling || prior < 1) return ONE;
    const { lookbackMonths, compound } = rubric.settings.repeatDoubling;
    // 2^n by doubling: exact, and the browser bundle's decimal.js carries no pow (see packages/embed/decimal-core.mjs)
    let factor = compound ? ONE : TWO;
    if (compound) for (let n = Math.min(prior, lookbackMonths); n > 0; n--) factor = factor.times(TWO);
    result.notes.push(`repeated non-submission (${prior} month${prior > 1 ? 's' : ''} before): deduction ×${factor} (O-5)`);
    return factor;
  };
  // O-7: the line shows its amount rounded, but the item adds the exact amounts and rounds once, at the end.
  const exactDeductions: Decimal[] = [];
  const deduct = (amount: Decimal, reason: string) => {
    exactDeductions.push(amount);
    result.deductions.push({ rule: ruleName, amount: fixed(amount, rubric.settings.scoreDecimals), reason });
  };
  const finish = (): Scored => {
    const total = sum(exactDeductions);
    if (deductsOnly) {
      result.score = total.negated();
    } else if (total.gt(points)) {
      result.score = ZERO;
      result.floorApplied = true;
    } else {
      result.score = points.minus(total);
    }
    return result;
  };
  const notScored = (): Scored => ({ ...result, score: ZERO, status: 'notScored' });

  switch (rule.kind) {
    case 'award': {
      if (entry?.points === undefined) return notScored();
      const given = dec(entry.points);
      if (given.isNegative() || given.gt(points)) fail(`points must be between 0 and ${points}, got ${given}`, 'points');
      if (rule.step !== undefined && !given.mod(dec(rule.step)).isZero()) fail(`points go in steps of ${dec(rule.step)}, got ${given}`, 'points');
      result.score = given;
      return result;
    }
    case 'perOccurrence': {
      const count = entry?.count ?? 0;
      if (!entry) result.status = 'default';
      if (count > 0) deduct(dec(rule.amount).times(count).times(doubling()), `${count} × ${dec(rule.amount)}`);
      return finish();
    }
    case 'threshold': {
      const count = entry?.count ?? 0;
      if (!entry) result.status = 'default';
      if (count >= rule.zeroAt) {
        result.notes.push(`${count} misses (${rule.zeroAt} or more): 0`);
        deduct(points, `${count} misses, ${rule.zeroAt} or more → 0`);
      } else if (count > 0) {
        deduct(dec(rule.perMiss).times(count).times(doubling()), `${count} × ${dec(rule.perMiss)}`);
      }
      return finish();
    }
    case 'forfeit': {
      if (!entry) result.status = 'default';
      if (entry?.breached) {
        result.notes.push('any breach: 0');
        deduct(points, entry.reason ? `breach: ${entry.reason}` : 'breach');
      }
      return finish();
    }
    case 'ranged': {
      if (!entry) result.status = 'default';
      const factor = doubling();
      (entry?.deductions ?? []).forEach((d, n) => {
        const option = d.option === undefined && rule.options.length === 1 ? rule.options[0] : rule.options.find((o) => o.id === d.option);
        if (!option) {
          fail(d.option === undefined ? `say which case applies: ${rule.options.map((o) => o.id).join(', ')}` : `"${d.option}" is not a case of this item (${rule.options.map((o) => o.id).join(', ')})`, `deductions[${n}].option`);
          return;
        }
        const amount = dec(d.amount);
        const min = dec(option.min);
        const max = dec(option.max);
        if (amount.lt(min) || amount.gt(max)) fail(`${option.id} deducts ${min.eq(max) ? min : `${min} to ${max}`}, got ${amount}`, `deductions[${n}].amount`);
        // O-8: where the assessor chooses the amount, the amount needs a reason.
        if (!min.eq(max) && rubric.settings.rangedReasonRequired && rule.reasonRequired && !d.reason.trim()) {
          fail(`a deduction chosen from ${min} to ${max} needs a reason (O-8)`, `deductions[${n}].reason`);
        }
        if (option.flag) result.flags.push({ code: option.flag.code, source: item.id, label: option.flag.label });
        deduct(amount.times(factor), d.reason || option.label.en);
      });
      return finish();
    }
    case 'levels': {
      if (entry?.level === undefined) return notScored();
      const level = rule.levels.find((l) => l.id === entry.level);
      if (!level) {
        fail(`"${entry.level}" is not a level of this item (${rule.levels.map((l) => l.id).join(', ')})`, 'level');
        return notScored();
      }
      let amount: Decimal;
      if (typeof level.deduct === 'object') {
        const min = dec(level.deduct.min);
        const max = dec(level.deduct.max);
        if (entry.amount === undefined) {
          fail(`level "${level.id}" deducts ${min} to ${max}: give the amount`, 'amount');
          amount = min;
        } else {
          amount = dec(entry.amount);
          if (amount.lt(min) || amount.gt(max)) fail(`level "${level.id}" deducts ${min} to ${max}, got ${amount}`, 'amount');
        }
        if (!min.eq(max) && rubric.settings.rangedReasonRequired && !(entry.reason ?? '').trim()) fail(`a deduction chosen from ${min} to ${max} needs a reason (O-8)`, 'reason');
      } else {
        amount = dec(level.deduct);
        if (entry.amount !== undefined && !dec(entry.amount).eq(amount)) fail(`level "${level.id}" deducts exactly ${amount}`, 'amount');
      }
      result.notes.push(`level: ${level.label.en}`);
      if (level.flag) result.flags.push({ code: level.flag.code, source: item.id, label: level.flag.label });
      if (amount.isPositive()) deduct(amount, entry.reason || level.label.en);
      return finish();
    }
    case 'escalating': {
      const count = entry?.count ?? 0;
      if (!entry) result.status = 'default';
      // FS-10: the penalty is the step reached, not the sum of steps (once −10, twice −30).
      const reached = [...rule.steps].reverse().find((step) => count >= step.atCount);
      if (reached) {
        deduct(dec(reached.deduct), `${count} × found; step ${reached.atCount}: −${dec(reached.deduct)}`);
        if (reached.flag) result.flags.push({ code: reached.flag.code, source: item.id, label: reached.flag.label });
      }
      return finish();
    }
    case 'derived': {
      if (entry?.count === undefined) return notScored();
      if (entry.count > 0) deduct(dec(rule.perCase).times(entry.count), `${entry.count} subordinate case(s) × ${dec(rule.perCase)}`);
      return finish();
    }
    case 'measured': {
      if (entry?.value === undefined) return notScored();
      const value = dec(entry.value);
      const target = dec(entry.target ?? rule.target);
      // A higher-is-better rate may fall below zero (SP-K2 sales growth −5%): it earns nothing.
      // A lower-is-better quantity (expenses, complaint rate) cannot be negative.
      if (rule.direction === 'lower' && value.isNegative()) fail(`a lower-is-better value cannot be negative, got ${value}`, 'value');
      if (!target.isPositive()) fail(`the target must be above 0, got ${target}`, 'target');
      if ((rule.direction === 'lower' && value.isNegative()) || !target.isPositive()) return notScored();
      const cap = dec(rule.cap);
      let ratio = rule.direction === 'higher' ? value.div(target) : value.isZero() ? cap : target.div(value);
      ratio = Decimal.max(ZERO, Decimal.min(cap, ratio));
      result.score = points.times(ratio);
      result.notes.push(`${value} against a target of ${target} (${rule.direction} is better): ${ratio.times(100).toDecimalPlaces(2)}%`);
      return result;
    }
    case 'sampled': {
      if (entry?.checked === undefined || entry.checked === 0) return notScored();
      const passed = entry.passed ?? 0;
      if (passed > entry.checked) {
        fail(`passed (${passed}) cannot exceed checked (${entry.checked})`, 'passed');
        return notScored();
      }
      result.score = points.times(passed).div(entry.checked);
      result.notes.push(`${passed} of ${entry.checked} sampled checks passed`);
      return result;
    }
  }
}

/** C-3: the annual score, the sum of the monthly scores divided by 12, or (O-6) by the months appraised. */
export function annualScore(monthly: ReadonlyArray<Parameters<typeof dec>[0]>, options: { divisor?: 'twelve' | 'appraised'; decimals?: number } = {}): string {
  const divisor = options.divisor ?? 'twelve';
  if (monthly.length > 12) throw new KaoheInputError('annual', [{ path: 'months', rule: 'C-3', message: `a year has at most 12 monthly scores, got ${monthly.length}` }]);
  const problems: Problem[] = [];
  const scores = monthly.map((m, n) => {
    const d = dec(m);
    if (d.isNegative() || d.gt(100)) problems.push({ path: `months[${n}]`, rule: 'C-3', message: `a monthly score is between 0 and 100, got ${d}` });
    return d;
  });
  if (problems.length > 0) throw new KaoheInputError('annual', problems);
  if (scores.length === 0) return fixed(ZERO, options.decimals ?? 2);
  const by = divisor === 'twelve' ? 12 : scores.length;
  return fixed(sum(scores).div(by), options.decimals ?? 2);
}
