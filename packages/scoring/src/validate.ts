import { dec, sum, ZERO } from './decimal.ts';
import { deepFreeze } from './freeze.ts';
import { problemsFromZod, type Checked, type Problem } from './problems.ts';
import { Rubric, type Item, type Rule } from './schema.ts';

/** Kinds that only take points away; the only ones allowed in pooled sections and as penalty-only items. */
const DEDUCTIVE: ReadonlySet<Rule['kind']> = new Set(['perOccurrence', 'ranged', 'levels', 'forfeit', 'threshold', 'escalating', 'derived']);

/**
 * Checks a rubric and reports every problem at once, each with its path and the rule it breaks.
 * A mismatch between the items and the declared scale (O-1) is an error unless the rubric's
 * `settings.scaleMismatch` is 'warning'.
 */
export function validateRubric(input: unknown): Checked<Rubric> {
  const parsed = Rubric.safeParse(input);
  if (!parsed.success) return { ok: false, problems: problemsFromZod(parsed.error.issues) };
  const rubric = parsed.data;
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const scaleProblems = rubric.settings.scaleMismatch === 'warning' ? warnings : problems;
  const add = (path: string, rule: string, message: string) => problems.push({ path, rule, message });

  const ids = new Map<string, string>();
  const claim = (id: string, path: string) => {
    // JSON.parse makes "__proto__" an own key, but a parsed record drops it: a sheet could never score such an item.
    if (id === '__proto__') add(path, 'reserved-id', 'an id cannot be "__proto__"');
    const first = ids.get(id);
    if (first) add(path, 'unique-id', `id "${id}" is already used at ${first}`);
    else ids.set(id, path);
  };

  let sectionTotal = ZERO;
  rubric.sections.forEach((section, s) => {
    const sp = `sections[${s}]`;
    claim(section.id, `${sp}.id`);
    if (section.gate) claim(section.gate.id, `${sp}.gate.id`);
    const points = dec(section.points);
    if (points.isNegative()) add(`${sp}.points`, 'non-negative', 'section points cannot be negative');
    sectionTotal = sectionTotal.plus(points);

    let itemTotal = ZERO;
    section.items.forEach((item, i) => {
      const ip = `${sp}.items[${i}]`;
      claim(item.id, `${ip}.id`);
      problems.push(...checkItem(item, ip));
      if (item.penaltyOnly || section.pooled) {
        if (!dec(item.points).isZero()) add(`${ip}.points`, 'O-1', `${item.id} ${section.pooled ? 'is in a pooled section' : 'is penalty-only'}, so its points must be 0 (it only deducts)`);
        if (!DEDUCTIVE.has(item.rule.kind)) add(`${ip}.rule.kind`, 'O-1', `${item.id} only deducts, so its rule cannot be "${item.rule.kind}"`);
      } else {
        itemTotal = itemTotal.plus(dec(item.points));
      }
    });
    if (!section.pooled && !itemTotal.eq(points)) {
      scaleProblems.push({ path: `${sp}.points`, rule: 'O-1', message: `section ${section.id} declares ${points} points but its items add up to ${itemTotal}` });
    }
    if (section.pooled && points.isZero()) add(`${sp}.points`, 'pooled', `pooled section ${section.id} needs points to deduct from`);
  });

  const scale = dec(rubric.scale);
  if (!sectionTotal.eq(scale)) {
    scaleProblems.push({ path: 'scale', rule: 'O-1', message: `the rubric declares a ${scale}-point scale but its sections add up to ${sectionTotal}` });
  }

  const weighted = rubric.sections.flatMap((s) => s.items).filter((item) => item.weight !== undefined);
  if (weighted.length > 0) {
    const totalWeight = sum(weighted.map((item) => dec(item.weight!)));
    if (!totalWeight.eq(1)) add('sections', 'C-4', `KPI weights add up to ${totalWeight.times(100)}%, not 100%`);
    rubric.sections.forEach((section, s) => section.items.forEach((item, i) => {
      if (item.weight !== undefined && !dec(item.weight).times(scale).eq(dec(item.points))) {
        add(`sections[${s}].items[${i}].weight`, 'C-4', `${item.id}: weight ${dec(item.weight).times(100)}% of ${scale} is ${dec(item.weight).times(scale)}, but its points are ${dec(item.points)}`);
      }
    }));
  }

  if (rubric.composite.kind === 'workAttendance') {
    const total = dec(rubric.composite.work).plus(dec(rubric.composite.attendance));
    if (!total.eq(1)) add('composite', 'C-1', `work and attendance weights add up to ${total.times(100)}%, not 100%`);
  }

  // Frozen, as the presets are: the engine compiles a rubric once and keeps the scorer for that
  // object (engine.ts), so a loaded rubric must not change under it. Edit the authored draft and load it again.
  return problems.length > 0 ? { ok: false, problems: [...problems, ...warnings] } : { ok: true, value: deepFreeze(rubric), warnings };
}

function checkItem(item: Item, ip: string): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, rule: string, message: string) => problems.push({ path: `${ip}${path}`, rule, message });
  const points = dec(item.points);
  if (points.isNegative()) add('.points', 'non-negative', `${item.id}: points cannot be negative`);
  const rule = item.rule;
  const range = (min: Parameters<typeof dec>[0], max: Parameters<typeof dec>[0], path: string) => {
    if (dec(min).isNegative()) add(`${path}.min`, 'non-negative', `${item.id}: a deduction cannot be negative`);
    if (dec(min).gt(dec(max))) add(path, 'range', `${item.id}: range ${dec(min)} to ${dec(max)} is reversed (min above max)`);
  };
  const uniqueIds = (list: { id: string }[], what: string, path: string) => {
    const seen = new Set<string>();
    list.forEach((entry, n) => {
      if (seen.has(entry.id)) add(`${path}[${n}].id`, 'unique-id', `${item.id}: ${what} "${entry.id}" appears twice`);
      seen.add(entry.id);
    });
  };
  // gt(0), not isPositive(): decimal.js calls +0 positive, and a target or step of 0 divides by zero.
  switch (rule.kind) {
    case 'award':
      if (rule.step !== undefined && !dec(rule.step).gt(0)) add('.rule.step', 'positive', `${item.id}: the step must be above 0`);
      break;
    case 'perOccurrence':
      if (!dec(rule.amount).gt(0)) add('.rule.amount', 'positive', `${item.id}: the deduction per occurrence must be above 0`);
      break;
    case 'ranged':
      uniqueIds(rule.options, 'option', '.rule.options');
      rule.options.forEach((o, n) => range(o.min, o.max, `.rule.options[${n}]`));
      break;
    case 'levels':
      uniqueIds(rule.levels, 'level', '.rule.levels');
      rule.levels.forEach((level, n) => {
        const deduct = level.deduct;
        if (typeof deduct === 'object') range(deduct.min, deduct.max, `.rule.levels[${n}].deduct`);
        const most = typeof deduct === 'object' ? dec(deduct.max) : dec(deduct);
        if (typeof deduct !== 'object' && most.isNegative()) add(`.rule.levels[${n}].deduct`, 'non-negative', `${item.id}: a deduction cannot be negative`);
        if (!item.penaltyOnly && most.gt(points)) add(`.rule.levels[${n}].deduct`, 'range', `${item.id}: level "${level.id}" deducts ${most}, more than the item's ${points} points`);
      });
      break;
    case 'threshold':
      if (!dec(rule.perMiss).gt(0)) add('.rule.perMiss', 'positive', `${item.id}: the deduction per miss must be above 0`);
      break;
    case 'escalating': {
      let last = 0;
      rule.steps.forEach((step, n) => {
        if (step.atCount <= last) add(`.rule.steps[${n}].atCount`, 'order', `${item.id}: steps must rise in count (${step.atCount} after ${last})`);
        last = step.atCount;
        if (!dec(step.deduct).gt(0)) add(`.rule.steps[${n}].deduct`, 'positive', `${item.id}: a step must deduct more than 0`);
      });
      break;
    }
    case 'derived':
      if (!dec(rule.perCase).gt(0)) add('.rule.perCase', 'positive', `${item.id}: the deduction per case must be above 0`);
      break;
    case 'measured':
      if (!dec(rule.target).gt(0)) add('.rule.target', 'positive', `${item.id}: the target must be above 0`);
      if (!dec(rule.cap).gt(0)) add('.rule.cap', 'positive', `${item.id}: the cap must be above 0`);
      break;
    case 'forfeit':
    case 'sampled':
      break;
  }
  return problems;
}
