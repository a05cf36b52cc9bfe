import { decimals, Inexact, type Arith } from './arith.ts';
import { millionths } from './millionths.ts';
import { dec, Decimal, fixed, ZERO } from './decimal.ts';
import { KaoheInputError, type Problem, type ProblemValues } from './problems.ts';
import type { Flag, ItemResult, ScoreResult, SectionResult } from './result.ts';
import type { Entry, FlagSpec, Item, Label, Rubric, Section, Sheet, SheetInput } from './schema.ts';
import { deepFreeze, isDeepFrozen } from './freeze.ts';
import { validateRubric } from './validate.ts';
import { readSheet } from './validate-sheet.ts';

/** Validates a rubric and returns it parsed (and frozen: see {@link scoreSheet}), or throws with every problem listed. */
export function loadRubric(input: unknown): Rubric {
  const checked = validateRubric(input);
  if (!checked.ok) throw new KaoheInputError('rubric', checked.problems);
  return checked.value;
}

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

/**
 * Scores one sheet against its rubric. Bad input throws a KaoheInputError listing every problem,
 * each naming the item and the rule; nothing is half scored.
 *
 * The rubric is compiled once into a scorer (a closure per item, its amounts read once) and kept
 * for that rubric object. A rubric from {@link loadRubric} is frozen, so the scorer can never go
 * stale; any other rubric object is compared with its JSON on each call, as pay plans are.
 */
export function scoreSheet(rubric: Rubric, sheetInput: SheetInput | Sheet): ScoreResult {
  const scorer = scorerOf(rubric);
  // The sheet's bounds and what needs the rubric (attendance for C-1, unknown items) are checked once, in readSheet.
  const { sheet, problems } = readSheet(rubric, sheetInput);
  if (scorer.exact) {
    const read = problems.length;
    try {
      return scorer.exact(sheet, problems);
    } catch (error) {
      // a value that millionths cannot hold exactly: score the whole sheet again in decimal.js
      if (!(error instanceof Inexact)) throw error;
      problems.length = read;
    }
  }
  return scorer.decimal(sheet, problems);
}

/**
 * A sheet scored again and again as it is filled in (the rubric form scores on every keystroke).
 * Each call gives exactly what `scoreSheet(rubric, sheet)` gives — the same result, or the same
 * KaoheInputError — but reads and scores again only what changed: an entry given as the same
 * deep-frozen object as last time is not read again (readSheet) and keeps what its item scored, a
 * section none of whose entries changed keeps its result, and the totals are added up again from the
 * sections' scores. Typing in one item of 200 reads one entry and scores one item and one section
 * (test/live.property.test.ts holds it to scoreSheet's results and problems over sequences of edits).
 *
 * Results are deep-frozen and share what did not change with the previous call's result: an item's
 * or a section's result that is the same object as before shows the same. The rubric is compiled
 * once; one that is not deep-frozen is copied and frozen first.
 */
export function sheetScorer(rubric: Rubric): (sheet: SheetInput | Sheet) => ScoreResult {
  const scored = isDeepFrozen(rubric) ? rubric : deepFreeze(structuredClone(rubric));
  const reads = new Map<string, [unknown, Entry]>();
  const kept: Kept<Decimal>[] = [];
  return (input) => {
    const { sheet, problems } = readSheet(scored, input, reads);
    return scorerOf(scored).decimal(sheet, problems, kept);
  };
}

/** Scores a read sheet, adding the entries' problems to those found reading it; with `kept`, as {@link sheetScorer}. */
type Score<V = never> = (sheet: Sheet, problems: Problem[], kept?: Kept<V>[]) => ScoreResult;

/** What a section gave its last sheet, for the next (sheetScorer): per item its entry as read and what it gave. */
interface Kept<V> {
  gate: Entry | undefined;
  items: { entry: Entry | undefined; result: ItemResult; score: V; problems: Problem[] }[];
  result: SectionResult;
  score: V;
  /** its gate's problems */
  problems: Problem[];
}

interface Scorer {
  /** in millionths; absent when the rubric itself needs decimal.js (measured or sampled items, long fractions) */
  exact: Score | undefined;
  decimal: Score<Decimal>;
}

const scorers = new WeakMap<Rubric, { json: string | undefined; scorer: Scorer }>();

function scorerOf(rubric: Rubric): Scorer {
  const cached = scorers.get(rubric);
  if (cached && (cached.json === undefined || cached.json === JSON.stringify(rubric))) return cached.scorer;
  let exact: Scorer['exact'];
  try {
    // the browser core is built without millionths (packages/embed/build.mjs): there decimal.js scores every sheet
    if (millionths) exact = compile(rubric, millionths);
  } catch (error) {
    // the rubric itself needs decimal.js: measured or sampled items (a division), or amounts of more than 6 decimals
    if (!(error instanceof Inexact)) throw error;
  }
  const scorer: Scorer = { exact, decimal: compile(rubric, decimals) };
  scorers.set(rubric, { json: isDeepFrozen(rubric) ? undefined : JSON.stringify(rubric), scorer });
  return scorer;
}


/** What a run of one sheet collects across items. */
interface Run<V> {
  problems: Problem[];
  flags: Flag[];
  missing: string[];
  /** the exact score of the item just scored (for penalty-only and pooled items: −deduction) */
  score: V;
  /** the exact deductions of the item being scored, added up */
  total: V;
}

type ItemScorer<V> = (entry: Entry | undefined, run: Run<V>) => ItemResult;

function compile<V>(rubric: Rubric, A: Arith<V>): Score<V> {
  const places = rubric.settings.scoreDecimals;
  const sections = rubric.sections.map((section) => ({
    section,
    points: A.amount(section.points),
    pointsText: fixed(dec(section.points), places),
    floor: section.floor === null ? null : A.amount(section.floor),
    items: section.items.map((item) => ({ id: item.id, score: compileItem(rubric, section, item, A) })),
  }));
  const scale = A.amount(rubric.scale);
  const composite = rubric.composite.kind === 'workAttendance'
    ? { work: A.amount(rubric.composite.work), attendance: A.amount(rubric.composite.attendance) }
    : null;
  const full = A.amount(rubric.attendance.full);
  const perAbsentDay = A.amount(rubric.attendance.perAbsentDay);
  const wholeDays = rubric.attendance.partialDay === 'whole';

  return (sheet, problems, kept) => {
    const entries = sheet.entries;
    const run: Run<V> = { problems, flags: [], missing: [], score: A.zero, total: A.zero };
    let sum = A.zero;
    const sectionResults: SectionResult[] = [];
    for (let s = 0; s < sections.length; s++) {
      const compiled = sections[s]!;
      const { section } = compiled;
      const gate = section.gate ? entries[section.gate.id] : undefined;
      // Kept (sheetScorer): an item whose entry is the object read last time gives what it gave, and a
      // section all of whose entries are gives its result again.
      const last = kept?.[s];
      let same = last !== undefined && last.gate === gate;
      const items: ItemResult[] = [];
      const keptItems: Kept<V>['items'] = [];
      let raw = A.zero;
      for (let n = 0; n < compiled.items.length; n++) {
        const { id, score } = compiled.items[n]!;
        const entry = entries[id];
        const was = last?.items[n];
        if (was && was.entry === entry) {
          problems.push(...was.problems);
          run.flags.push(...was.result.flags);
          if (was.result.status === 'notScored') run.missing.push(id);
          items.push(was.result);
          keptItems.push(was);
          continue;
        }
        same = false;
        const at = problems.length;
        const result = score(entry, run);
        items.push(result);
        if (kept) keptItems.push({ entry, result: deepFreeze(result), score: run.score, problems: problems.slice(at) });
        else raw = A.plus(raw, run.score);
      }
      if (same) {
        problems.push(...last!.problems);
        sum = A.plus(sum, last!.score);
        sectionResults.push(last!.result);
        continue;
      }
      if (kept) for (const item of keptItems) raw = A.plus(raw, item.score);
      if (section.pooled) raw = A.plus(compiled.points, raw);
      const at = problems.length;
      const gateBreached = section.gate ? gateEntry(section, gate, problems) : false;
      if (gateBreached) {
        raw = A.zero;
        // new results: an item's result may be kept for the next sheet (sheetScorer)
        for (let n = 0; n < items.length; n++) items[n] = { ...items[n]!, notes: [...items[n]!.notes, `section voided by gate ${section.gate!.id}`] };
      }
      const floorApplied = compiled.floor !== null && A.lt(raw, compiled.floor);
      const score = floorApplied ? compiled.floor! : raw;
      sum = A.plus(sum, score);
      const result: SectionResult = {
        id: section.id,
        label: section.label,
        points: compiled.pointsText,
        score: A.fixed(score, places),
        floorApplied,
        gateBreached,
        items,
      };
      sectionResults.push(result);
      // the gate's problems: the items' are kept with them
      if (kept) kept[s] = { gate, items: keptItems, result: deepFreeze(result), score, problems: problems.slice(at) };
    }

    if (problems.length > 0) throw new KaoheInputError('sheet', problems);

    // The work score stays within 0..scale even when a penalty-only item (O-1) takes more than is left.
    const work = A.min(scale, A.max(A.zero, sum));
    let attendance: V | null = null;
    let monthly = work;
    if (composite) {
      // C-2: full attendance 100, −4 per absent day, a half day counting as a whole one (by default).
      const days = A.amount(sheet.attendance!.absentDays);
      attendance = A.max(A.zero, A.minus(full, A.times(wholeDays ? A.ceil(days) : days, perAbsentDay)));
      // C-1: monthly = work × 70% + attendance × 30% (weights from the rubric).
      monthly = A.plus(A.times(work, composite.work), A.times(attendance, composite.attendance));
    }

    const result: ScoreResult = {
      rubric: { id: rubric.id, version: rubric.version },
      period: sheet.period,
      ...(sheet.employee !== undefined ? { employee: sheet.employee } : {}),
      work: A.fixed(work, places),
      attendance: attendance === null ? null : A.fixed(attendance, places),
      monthly: A.fixed(monthly, places),
      sections: sectionResults,
      flags: run.flags,
      complete: run.missing.length === 0,
      missing: run.missing,
    };
    return kept ? deepFreeze(result) : result;
  };
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

/** A flag raised by an item: a new object each time, as callers may keep or change a result. */
const raise = (spec: FlagSpec, source: string): Flag => ({ code: spec.code, source, label: spec.label });

/** "5", or "1 to 10": how a range reads in a problem. */
const rangeText = (min: Decimal, max: Decimal) => (min.eq(max) ? `${min}` : `${min} to ${max}`);

/**
 * One item's rule, compiled: its amounts read once, its options and levels looked up by id; what it
 * does with an entry is the rule of its kind (design.md, "Rule kinds the engine needs").
 */
function compileItem<V>(rubric: Rubric, section: Section, item: Item, A: Arith<V>): ItemScorer<V> {
  const rule = item.rule;
  const path = `entries.${item.id}`;
  const ruleName = item.source ?? item.id;
  const places = rubric.settings.scoreDecimals;
  const points = A.amount(item.points);
  const pointsDecimal = dec(item.points);
  const pointsText = fixed(pointsDecimal, places);
  const deductsOnly = item.penaltyOnly || section.pooled;
  const allowed = new Set<string>([...ENTRY_FIELDS[rule.kind], 'comment']);
  const fail = (problems: Problem[], message: string, field?: string, values?: ProblemValues) =>
    problems.push({ path: field ? `${path}.${field}` : path, rule: ruleName, message: `${item.id} (${rule.kind}): ${message}`, ...(values ? { values } : {}) });
  const outOfRange = (min: V, max: V, got: V): ProblemValues => ({ kind: 'outOfRange', min: A.text(min), max: A.text(max), got: A.text(got) });
  const { lookbackMonths, compound } = rubric.settings.repeatDoubling;

  // The item's result is built as it is scored; the run carries its exact deduction total.
  const start = (entry: Entry | undefined, run: Run<V>): ItemResult => {
    if (entry) {
      let extra: string[] | undefined;
      for (const key in entry) if (!allowed.has(key)) (extra ??= []).push(key);
      if (extra) fail(run.problems, `expects ${SHAPE[rule.kind]}; ${extra.map((k) => `"${k}"`).join(', ')} does not apply`);
    }
    run.total = A.zero;
    return { id: item.id, label: item.label, points: pointsText, score: '', status: 'scored', deductions: [], floorApplied: false, notes: [], flags: [] };
  };
  // O-5: repeated non-submission doubles the deduction.
  const doubling = (entry: Entry | undefined, r: ItemResult): number => {
    const prior = entry?.priorMonths ?? 0;
    if (!item.repeatDoubling || prior < 1) return 1;
    const factor = compound ? 2 ** Math.min(prior, lookbackMonths) : 2;
    r.notes.push(`repeated non-submission (${prior} month${prior > 1 ? 's' : ''} before): deduction ×${factor} (O-5)`);
    return factor;
  };
  // O-7: the line shows its amount rounded, but the item adds the exact amounts and rounds once, at the end.
  const deduct = (r: ItemResult, run: Run<V>, amount: V, reason: string) => {
    run.total = A.plus(run.total, amount);
    r.deductions.push({ rule: ruleName, amount: A.fixed(amount, places), reason });
  };
  const result = (r: ItemResult, run: Run<V>, score: V, floorApplied = false): ItemResult => {
    run.score = score;
    r.score = A.fixed(score, places);
    r.floorApplied = floorApplied;
    if (r.status === 'notScored') run.missing.push(item.id);
    for (const flag of r.flags) run.flags.push(flag);
    return r;
  };
  const finish = (r: ItemResult, run: Run<V>): ItemResult => {
    if (deductsOnly) return result(r, run, A.negated(run.total));
    if (A.gt(run.total, points)) return result(r, run, A.zero, true);
    return result(r, run, A.minus(points, run.total));
  };
  const notScored = (r: ItemResult, run: Run<V>): ItemResult => {
    r.status = 'notScored';
    return result(r, run, A.zero);
  };

  switch (rule.kind) {
    case 'award': {
      const step = rule.step === undefined ? undefined : A.amount(rule.step);
      const stepText = rule.step === undefined ? '' : dec(rule.step).toString();
      return (entry, run) => {
        const r = start(entry, run);
        if (entry?.points === undefined) return notScored(r, run);
        const given = A.amount(entry.points);
        if (A.isNegative(given) || A.gt(given, points)) fail(run.problems, `points must be between 0 and ${pointsDecimal}, got ${A.text(given)}`, 'points', outOfRange(A.zero, points, given));
        if (step !== undefined && !A.isMultiple(given, step)) fail(run.problems, `points go in steps of ${stepText}, got ${A.text(given)}`, 'points');
        return result(r, run, given);
      };
    }
    case 'perOccurrence': {
      const amount = A.amount(rule.amount);
      const amountText = dec(rule.amount).toString();
      return (entry, run) => {
        const r = start(entry, run);
        const count = entry?.count ?? 0;
        if (!entry) r.status = 'default';
        if (count > 0) deduct(r, run, A.timesWhole(A.timesWhole(amount, count), doubling(entry, r)), `${count} × ${amountText}`);
        return finish(r, run);
      };
    }
    case 'threshold': {
      const perMiss = A.amount(rule.perMiss);
      const perMissText = dec(rule.perMiss).toString();
      return (entry, run) => {
        const r = start(entry, run);
        const count = entry?.count ?? 0;
        if (!entry) r.status = 'default';
        if (count >= rule.zeroAt) {
          r.notes.push(`${count} misses (${rule.zeroAt} or more): 0`);
          deduct(r, run, points, `${count} misses, ${rule.zeroAt} or more → 0`);
        } else if (count > 0) {
          deduct(r, run, A.timesWhole(A.timesWhole(perMiss, count), doubling(entry, r)), `${count} × ${perMissText}`);
        }
        return finish(r, run);
      };
    }
    case 'forfeit':
      return (entry, run) => {
        const r = start(entry, run);
        if (!entry) r.status = 'default';
        if (entry?.breached) {
          r.notes.push('any breach: 0');
          deduct(r, run, points, entry.reason ? `breach: ${entry.reason}` : 'breach');
        }
        return finish(r, run);
      };
    case 'ranged': {
      // the first option of an id wins, as a search through the list would find it
      const options = new Map<string, { id: string; label: Label; min: V; max: V; range: string; chosen: boolean; flag: FlagSpec | undefined }>();
      for (const o of rule.options) {
        const min = dec(o.min);
        const max = dec(o.max);
        if (!options.has(o.id)) options.set(o.id, { id: o.id, label: o.label, min: A.amount(o.min), max: A.amount(o.max), range: rangeText(min, max), chosen: !min.eq(max), flag: o.flag });
      }
      const only = rule.options.length === 1 ? options.get(rule.options[0]!.id) : undefined;
      const ids = rule.options.map((o) => o.id).join(', ');
      // O-8: where the assessor chooses the amount, the amount needs a reason.
      const reasonRequired = rubric.settings.rangedReasonRequired && rule.reasonRequired;
      return (entry, run) => {
        const r = start(entry, run);
        if (!entry) r.status = 'default';
        const factor = doubling(entry, r);
        const deductions = entry?.deductions;
        if (deductions) {
          for (let n = 0; n < deductions.length; n++) {
            const d = deductions[n]!;
            const option = d.option === undefined && only ? only : d.option === undefined ? undefined : options.get(d.option);
            if (!option) {
              fail(run.problems, d.option === undefined ? `say which case applies: ${ids}` : `"${d.option}" is not a case of this item (${ids})`, `deductions[${n}].option`);
              continue;
            }
            const amount = A.amount(d.amount);
            const reason = d.reason ?? '';
            if (A.lt(amount, option.min) || A.gt(amount, option.max)) fail(run.problems, `${option.id} deducts ${option.range}, got ${A.text(amount)}`, `deductions[${n}].amount`, outOfRange(option.min, option.max, amount));
            if (option.chosen && reasonRequired && !reason.trim()) fail(run.problems, `a deduction chosen from ${option.range} needs a reason (O-8)`, `deductions[${n}].reason`);
            if (option.flag) r.flags.push(raise(option.flag, item.id));
            deduct(r, run, A.timesWhole(amount, factor), reason || option.label.en);
          }
        }
        return finish(r, run);
      };
    }
    case 'levels': {
      const levels = new Map<string, { id: string; label: Label; flag: FlagSpec | undefined; amount: V; text: string; min: V; max: V; range: string | undefined; chosen: boolean }>();
      for (const level of rule.levels) {
        if (levels.has(level.id)) continue;
        const deduct = level.deduct;
        if (typeof deduct === 'object') {
          const min = dec(deduct.min);
          const max = dec(deduct.max);
          levels.set(level.id, { id: level.id, label: level.label, flag: level.flag, amount: A.amount(deduct.min), text: '', min: A.amount(deduct.min), max: A.amount(deduct.max), range: `${min} to ${max}`, chosen: !min.eq(max) });
        } else {
          const amount = A.amount(deduct);
          levels.set(level.id, { id: level.id, label: level.label, flag: level.flag, amount, text: dec(deduct).toString(), min: amount, max: amount, range: undefined, chosen: false });
        }
      }
      const ids = rule.levels.map((l) => l.id).join(', ');
      return (entry, run) => {
        const r = start(entry, run);
        if (entry?.level === undefined) return notScored(r, run);
        const level = levels.get(entry.level);
        if (!level) {
          fail(run.problems, `"${entry.level}" is not a level of this item (${ids})`, 'level');
          return notScored(r, run);
        }
        let amount: V;
        if (level.range !== undefined) {
          if (entry.amount === undefined) {
            fail(run.problems, `level "${level.id}" deducts ${level.range}: give the amount`, 'amount');
            amount = level.min;
          } else {
            amount = A.amount(entry.amount);
            if (A.lt(amount, level.min) || A.gt(amount, level.max)) fail(run.problems, `level "${level.id}" deducts ${level.range}, got ${A.text(amount)}`, 'amount', outOfRange(level.min, level.max, amount));
          }
          if (level.chosen && rubric.settings.rangedReasonRequired && !(entry.reason ?? '').trim()) fail(run.problems, `a deduction chosen from ${level.range} needs a reason (O-8)`, 'reason');
        } else {
          amount = level.amount;
          if (entry.amount !== undefined && !A.eq(A.amount(entry.amount), amount)) fail(run.problems, `level "${level.id}" deducts exactly ${level.text}`, 'amount');
        }
        r.notes.push(`level: ${level.label.en}`);
        if (level.flag) r.flags.push(raise(level.flag, item.id));
        if (A.isPositive(amount)) deduct(r, run, amount, entry.reason || level.label.en);
        return finish(r, run);
      };
    }
    case 'escalating': {
      // FS-10: the penalty is the step reached, not the sum of steps (once −10, twice −30).
      const steps = [...rule.steps].reverse().map((step) => ({ atCount: step.atCount, deduct: A.amount(step.deduct), text: dec(step.deduct).toString(), flag: step.flag }));
      return (entry, run) => {
        const r = start(entry, run);
        const count = entry?.count ?? 0;
        if (!entry) r.status = 'default';
        const reached = steps.find((step) => count >= step.atCount);
        if (reached) {
          deduct(r, run, reached.deduct, `${count} × found; step ${reached.atCount}: −${reached.text}`);
          if (reached.flag) r.flags.push(raise(reached.flag, item.id));
        }
        return finish(r, run);
      };
    }
    case 'derived': {
      const perCase = A.amount(rule.perCase);
      const perCaseText = dec(rule.perCase).toString();
      return (entry, run) => {
        const r = start(entry, run);
        if (entry?.count === undefined) return notScored(r, run);
        if (entry.count > 0) deduct(r, run, A.timesWhole(perCase, entry.count), `${entry.count} subordinate case(s) × ${perCaseText}`);
        return finish(r, run);
      };
    }
    case 'measured': {
      // a ratio is a division: these items are scored in decimal.js only (see arith.ts)
      if (!A.divides) throw new Inexact(`${item.id} divides`);
      const target = rule.target;
      const cap = A.amount(rule.cap);
      return (entry, run) => {
        const r = start(entry, run);
        if (entry?.value === undefined) return notScored(r, run);
        const value = A.amount(entry.value);
        const goal = A.amount(entry.target ?? target);
        // A higher-is-better rate may fall below zero (SP-K2 sales growth −5%): it earns nothing.
        // A lower-is-better quantity (expenses, complaint rate) cannot be negative.
        const badValue = rule.direction === 'lower' && A.isNegative(value);
        if (badValue) fail(run.problems, `a lower-is-better value cannot be negative, got ${A.text(value)}`, 'value');
        if (!A.isPositive(goal)) fail(run.problems, `the target must be above 0, got ${A.text(goal)}`, 'target');
        if (badValue || !A.isPositive(goal)) return notScored(r, run);
        let ratio = rule.direction === 'higher' ? A.div(value, goal) : A.isZero(value) ? cap : A.div(goal, value);
        ratio = A.max(A.zero, A.min(cap, ratio));
        r.notes.push(`${A.text(value)} against a target of ${A.text(goal)} (${rule.direction} is better): ${A.decimal(ratio).times(100).toDecimalPlaces(2)}%`);
        return result(r, run, A.times(points, ratio));
      };
    }
    case 'sampled': {
      if (!A.divides) throw new Inexact(`${item.id} divides`);
      return (entry, run) => {
        const r = start(entry, run);
        if (entry?.checked === undefined || entry.checked === 0) return notScored(r, run);
        const passed = entry.passed ?? 0;
        if (passed > entry.checked) {
          fail(run.problems, `passed (${passed}) cannot exceed checked (${entry.checked})`, 'passed');
          return notScored(r, run);
        }
        r.notes.push(`${passed} of ${entry.checked} sampled checks passed`);
        return result(r, run, A.div(A.timesWhole(points, passed), A.whole(entry.checked)));
      };
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
  let sum = ZERO;
  for (const score of scores) sum = sum.plus(score);
  return fixed(sum.div(by), options.decimals ?? 2);
}
