// Valid random sheets for any rubric, from a seed: the property tests and the benchmarks share it.
import { dec, type EntryInput as Entry, type Item, type Rubric, type SheetInput } from '@kaohe/scoring';

/** mulberry32: a tiny seeded PRNG, so a failing property prints a seed that reproduces it. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rand: () => number, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
/** a decimal string between lo and hi in steps of 0.5 (no float arithmetic reaches the engine) */
const half = (rand: () => number, lo: string, hi: string) => {
  const steps = dec(hi).minus(dec(lo)).times(2).toNumber();
  return dec(lo).plus(dec(int(rand, 0, steps)).div(2)).toString();
};

export function randomEntry(item: Item, rand: () => number): Entry | undefined {
  const rule = item.rule;
  if (rand() < 0.15 && rule.kind !== 'award' && rule.kind !== 'levels' && rule.kind !== 'measured' && rule.kind !== 'sampled' && rule.kind !== 'derived') return undefined;
  switch (rule.kind) {
    case 'award': return { points: String(int(rand, 0, dec(item.points).floor().toNumber())) };
    case 'perOccurrence': return { count: int(rand, 0, 4), ...(item.repeatDoubling && rand() < 0.2 ? { priorMonths: int(rand, 1, 3) } : {}) };
    case 'threshold': return { count: int(rand, 0, 3) };
    case 'escalating': return { count: int(rand, 0, 3) };
    case 'derived': return { count: int(rand, 0, 3) };
    case 'forfeit': return { breached: rand() < 0.2 };
    case 'ranged': {
      const deductions = Array.from({ length: int(rand, 0, 2) }, () => {
        const option = rule.options[int(rand, 0, rule.options.length - 1)]!;
        return { option: option.id, amount: half(rand, String(option.min), String(option.max)), reason: 'observed by the assessor' };
      });
      return { deductions };
    }
    case 'levels': {
      const level = rule.levels[int(rand, 0, rule.levels.length - 1)]!;
      return typeof level.deduct === 'object'
        ? { level: level.id, amount: half(rand, String(level.deduct.min), String(level.deduct.max)), reason: 'observed by the assessor' }
        : { level: level.id };
    }
    case 'measured': return { value: half(rand, '0', dec(rule.target).times(2).toString()) };
    case 'sampled': { const checked = int(rand, 1, 20); return { checked, passed: int(rand, 0, checked) }; }
  }
}

export function randomSheet(rubric: Rubric, seed: number, employee = `E${seed}`): SheetInput {
  const rand = prng(seed);
  const entries: Record<string, Entry> = {};
  for (const section of rubric.sections) {
    if (section.gate && rand() < 0.1) entries[section.gate.id] = { breached: true };
    for (const item of section.items) {
      const entry = randomEntry(item, rand);
      if (entry) entries[item.id] = entry;
    }
  }
  return { rubric: rubric.id, period: '2026-10', employee, attendance: { absentDays: half(rand, '0', '6') }, entries };
}
