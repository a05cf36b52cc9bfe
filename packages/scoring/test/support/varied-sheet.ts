// Sheets with the values the fast path must get right or hand over: amounts with 0 to 8 decimals
// (7 and 8 do not fit millionths), counts up to the schema's 10,000, repeated months, half days;
// and, when asked, mistakes (amounts out of range, missing reasons, unknown cases) whose problems
// must be the same as before.
import type { EntryInput, Item, Rubric, SheetInput } from '../../src/schema.ts';
import { dec } from '../../src/decimal.ts';
import { prng } from './random-sheet.ts';

type Rand = () => number;
const int = (rand: Rand, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

/** A decimal string in [lo, hi] with 0–8 decimals (rarely 7 or 8), built from integers: no float reaches it. */
function decimalIn(rand: Rand, lo: string | number, hi: string | number): string {
  const places = rand() < 0.05 ? int(rand, 7, 8) : int(rand, 0, 3);
  const unit = dec(10).pow(places);
  const from = dec(lo).times(unit).ceil();
  const to = dec(hi).times(unit).floor();
  const span = to.minus(from).toNumber();
  return from.plus(int(rand, 0, Math.max(0, span))).div(unit).toFixed(places);
}

function count(rand: Rand, hi: number): number {
  const r = rand();
  if (r < 0.02) return int(rand, 5_000, 10_000);
  return int(rand, 0, hi);
}

function entryFor(item: Item, rand: Rand, wrong: boolean): EntryInput | undefined {
  const rule = item.rule;
  const prior = item.repeatDoubling && rand() < 0.3 ? { priorMonths: rand() < 0.1 ? 600 : int(rand, 1, 4) } : {};
  switch (rule.kind) {
    case 'award': {
      const points = dec(item.points);
      if (wrong) return { points: points.plus(1).toString() };
      if (rule.step !== undefined) return { points: dec(rule.step).times(int(rand, 0, points.div(dec(rule.step)).floor().toNumber())).toString() };
      return rand() < 0.1 ? undefined : { points: decimalIn(rand, 0, String(item.points)) };
    }
    case 'perOccurrence': return { count: count(rand, 4), ...prior };
    case 'threshold': return { count: count(rand, 3), ...prior };
    case 'escalating': case 'derived': return rand() < 0.1 ? undefined : { count: count(rand, 3) };
    case 'forfeit': return { breached: rand() < 0.3, ...(rand() < 0.5 ? { reason: 'seen' } : {}) };
    case 'ranged': {
      const deductions = Array.from({ length: int(rand, 0, 3) }, () => {
        const option = rule.options[int(rand, 0, rule.options.length - 1)]!;
        if (wrong) return { option: rand() < 0.5 ? 'no-such-case' : option.id, amount: dec(option.max).plus(1).toString() };
        return { option: option.id, amount: decimalIn(rand, option.min, option.max), reason: 'observed' };
      });
      return { deductions, ...prior };
    }
    case 'levels': {
      if (rand() < 0.05) return undefined;
      const level = rule.levels[int(rand, 0, rule.levels.length - 1)]!;
      if (wrong) return { level: rand() < 0.5 ? 'no-such-level' : level.id, amount: '999' };
      return typeof level.deduct === 'object'
        ? { level: level.id, amount: decimalIn(rand, level.deduct.min, level.deduct.max), reason: 'observed' }
        : { level: level.id };
    }
    case 'measured':
      if (wrong) return { value: rule.direction === 'lower' ? '-1' : '1', target: '0' };
      return { value: decimalIn(rand, 0, dec(rule.target).times(2).toString()), ...(rand() < 0.2 ? { target: decimalIn(rand, 1, 200) } : {}) };
    case 'sampled': {
      const checked = int(rand, 0, 20);
      return { checked, passed: wrong ? checked + 1 : int(rand, 0, checked) };
    }
  }
}

/** A sheet for the rubric from a seed; with `wrong`, some entries break their rule. */
export function variedSheet(rubric: Rubric, seed: number, wrong = false): SheetInput {
  const rand = prng(seed);
  const entries: Record<string, EntryInput> = {};
  for (const section of rubric.sections) {
    if (section.gate && rand() < 0.15) entries[section.gate.id] = { breached: rand() < 0.7 };
    for (const item of section.items) {
      const entry = entryFor(item, rand, wrong && rand() < 0.3);
      if (entry) entries[item.id] = entry;
    }
  }
  return { rubric: rubric.id, period: '2026-10', employee: `E${seed}`, attendance: { absentDays: decimalIn(rand, 0, 8) }, entries };
}
