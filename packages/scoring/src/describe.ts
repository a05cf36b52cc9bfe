import { dec } from './decimal.ts';
import type { Item, Locale } from './schema.ts';

type Phrases = {
  each: (n: string) => string;
  range: (min: string, max: string) => string;
  reason: string;
  award: (max: string) => string;
  forfeit: string;
  threshold: (per: string, zeroAt: number) => string;
  step: (count: number, deduct: string) => string;
  derived: (per: string, below: string) => string;
  measured: (higher: boolean, target: string) => string;
  sampled: string;
  penaltyOnly: string;
  doubling: string;
  sep: string;
};

const PHRASES: Record<Locale, Phrases> = {
  en: {
    each: (n) => `−${n} each`,
    range: (min, max) => (min === max ? `−${min}` : `−${min} to −${max}`),
    reason: 'reason required',
    award: (max) => `0 to ${max} points`,
    forfeit: 'any breach: 0',
    threshold: (per, zeroAt) => `−${per} each miss; ${zeroAt} or more: 0`,
    step: (count, deduct) => `${count}×: −${deduct}`,
    derived: (per, below) => `−${per} per subordinate scoring under ${below}`,
    measured: (higher, target) => `${higher ? 'higher' : 'lower'} is better; target ${target}`,
    sampled: 'share of sampled checks passed',
    penaltyOnly: 'penalty only, beyond the scale',
    doubling: 'doubled when repeated',
    sep: '; ',
  },
  'zh-Hant': {
    each: (n) => `每次扣${n}分`,
    range: (min, max) => (min === max ? `扣${min}分` : `扣${min}–${max}分`),
    reason: '須說明理由',
    award: (max) => `0–${max}分`,
    forfeit: '違反即不得分',
    threshold: (per, zeroAt) => `每缺一次扣${per}分，${zeroAt}次以上為0`,
    step: (count, deduct) => `${count}次扣${deduct}分`,
    derived: (per, below) => `所轄人員低於${below}分者每人扣${per}分`,
    measured: (higher, target) => `${higher ? '越高越好' : '越低越好'}，目標${target}`,
    sampled: '隨機抽樣合格比例',
    penaltyOnly: '僅扣分，不在百分之內',
    doubling: '連續不上交加倍扣分',
    sep: '；',
  },
  'zh-Hans': {
    each: (n) => `每次扣${n}分`,
    range: (min, max) => (min === max ? `扣${min}分` : `扣${min}–${max}分`),
    reason: '须说明理由',
    award: (max) => `0–${max}分`,
    forfeit: '违反即不得分',
    threshold: (per, zeroAt) => `每缺一次扣${per}分，${zeroAt}次以上为0`,
    step: (count, deduct) => `${count}次扣${deduct}分`,
    derived: (per, below) => `所辖人员低于${below}分者每人扣${per}分`,
    measured: (higher, target) => `${higher ? '越高越好' : '越低越好'}，目标${target}`,
    sampled: '随机抽样合格比例',
    penaltyOnly: '仅扣分，不在百分之内',
    doubling: '连续不上交加倍扣分',
    sep: '；',
  },
};

const n = (v: Parameters<typeof dec>[0]) => dec(v).toString();

/**
 * The rule of an item in words, generated from the rule itself so a custom rubric reads as well as
 * a preset: "−5 each", "−2 to −5 each, reason required", "any breach: 0".
 */
export function describeRule(item: Item, locale: Locale): string {
  const p = PHRASES[locale];
  const rule = item.rule;
  const parts: string[] = [];
  switch (rule.kind) {
    case 'award': parts.push(p.award(n(item.points))); break;
    case 'perOccurrence': parts.push(p.each(n(rule.amount))); break;
    case 'ranged':
      for (const o of rule.options) {
        const words = `${o.label[locale]} ${p.range(n(o.min), n(o.max))}`;
        parts.push(!dec(o.min).eq(dec(o.max)) && rule.reasonRequired ? `${words} (${p.reason})` : words);
      }
      break;
    case 'levels':
      for (const l of rule.levels) {
        const d = l.deduct;
        parts.push(`${l.label[locale]} ${typeof d === 'object' ? p.range(n(d.min), n(d.max)) : dec(d).isZero() ? '0' : p.range(n(d), n(d))}`);
      }
      break;
    case 'forfeit': parts.push(p.forfeit); break;
    case 'threshold': parts.push(p.threshold(n(rule.perMiss), rule.zeroAt)); break;
    case 'escalating':
      for (const s of rule.steps) parts.push(s.flag ? `${p.step(s.atCount, n(s.deduct))} (${s.flag.label[locale]})` : p.step(s.atCount, n(s.deduct)));
      break;
    case 'derived': parts.push(p.derived(n(rule.perCase), n(rule.heavyBelow))); break;
    case 'measured': parts.push(p.measured(rule.direction === 'higher', n(rule.target))); break;
    case 'sampled': parts.push(p.sampled); break;
  }
  if (item.penaltyOnly) parts.push(p.penaltyOnly);
  if (item.repeatDoubling) parts.push(p.doubling);
  return parts.join(p.sep);
}
