// What changed between two versions of a rubric, in words HR can read ("Item SP-D1 …: points 5 → 3").
// Sections and items are matched by id, not by position, so inserting an item reports one
// addition rather than a change to every item after it.
import { dec } from '../decimal.ts';
import { describeRule } from '../describe.ts';
import { Rubric, type Item, type Label, type Locale, type RubricInput } from '../schema.ts';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface RubricChange {
  /** where: in the newer rubric for 'added' and 'changed', in the older one for 'removed' */
  path: string;
  kind: ChangeKind;
  before: unknown;
  after: unknown;
  /** the change in words, in the locale asked for */
  description: string;
}

type Words = {
  rubric: string;
  section: (id: string, label: string) => string;
  item: (id: string, label: string) => string;
  added: (what: string, detail: string) => string;
  removed: (what: string) => string;
  changed: (what: string, field: string, before: string, after: string) => string;
  moved: (what: string, before: string, after: string) => string;
  position: (n: number, section?: string) => string;
  none: string;
  yes: string;
  no: string;
  points: (n: string) => string;
  items: (n: number) => string;
  fields: Record<string, string>;
  languages: Record<Locale, string>;
};

const quote = (label: string) => (label ? ` “${label}”` : '');

const WORDS: Record<'en' | 'zh', Words> = {
  en: {
    rubric: 'Rubric',
    section: (id, label) => `Section ${id}${quote(label)}`,
    item: (id, label) => `Item ${id}${quote(label)}`,
    added: (what, detail) => `${what} added${detail ? `: ${detail}` : ''}`,
    removed: (what) => `${what} removed`,
    changed: (what, field, before, after) => `${what}: ${field} ${before} → ${after}`,
    moved: (what, before, after) => `${what} moved from ${before} to ${after}`,
    position: (n, section) => `position ${n}${section ? ` of section ${section}` : ''}`,
    none: '(none)',
    yes: 'yes',
    no: 'no',
    points: (n) => `${n} points`,
    items: (n) => (n === 1 ? '1 item' : `${n} items`),
    fields: {
      id: 'id', role: 'role', label: 'label', description: 'description', scale: 'scale', source: 'source rule ID',
      points: 'points', rule: 'rule', groups: 'assessing groups', penaltyOnly: 'penalty only (O-1)',
      repeatDoubling: 'doubled when repeated (O-5)', weight: 'weight (C-4)', pooled: 'pooled', floor: 'floor', gate: 'gate',
      'composite.kind': 'composite', 'composite.work': 'work weight (C-1)', 'composite.attendance': 'attendance weight (C-1)',
      'attendance.full': 'full attendance (C-2)', 'attendance.perAbsentDay': 'deduction per absent day (C-2)',
      'attendance.partialDay': 'part days (C-2)', 'settings.scaleMismatch': 'scale mismatch (O-1)',
      'settings.repeatDoubling.lookbackMonths': 'months looked back (O-5)', 'settings.repeatDoubling.compound': 'doubling compounds (O-5)',
      'settings.scoreDecimals': 'score decimals (O-7)', 'settings.rangedReasonRequired': 'reason for ranged deductions (O-8)',
    },
    languages: { 'zh-Hant': 'Traditional Chinese', 'zh-Hans': 'Simplified Chinese', en: 'English' },
  },
  zh: {
    rubric: '考核表',
    section: (id, label) => `部分 ${id}${label ? `「${label}」` : ''}`,
    item: (id, label) => `項目 ${id}${label ? `「${label}」` : ''}`,
    added: (what, detail) => `新增${what}${detail ? `：${detail}` : ''}`,
    removed: (what) => `刪除${what}`,
    changed: (what, field, before, after) => `${what}：${field} ${before} → ${after}`,
    moved: (what, before, after) => `${what}由${before}移至${after}`,
    position: (n, section) => `${section ? `部分 ${section} 的` : ''}第${n}位`,
    none: '（無）',
    yes: '是',
    no: '否',
    points: (n) => `${n}分`,
    items: (n) => `${n}項`,
    fields: {
      id: '編號', role: '崗位', label: '名稱', description: '說明', scale: '總分', source: '規則編號',
      points: '分值', rule: '規則', groups: '考核組', penaltyOnly: '僅扣分（O-1）', repeatDoubling: '連續不上交加倍（O-5）',
      weight: '權重（C-4）', pooled: '共用分值', floor: '最低分', gate: '否決條件',
      'composite.kind': '綜合得分', 'composite.work': '工作權重（C-1）', 'composite.attendance': '出勤權重（C-1）',
      'attendance.full': '全勤分（C-2）', 'attendance.perAbsentDay': '每缺勤一天扣分（C-2）', 'attendance.partialDay': '不足一天（C-2）',
      'settings.scaleMismatch': '總分不符（O-1）', 'settings.repeatDoubling.lookbackMonths': '回溯月數（O-5）',
      'settings.repeatDoubling.compound': '累進加倍（O-5）', 'settings.scoreDecimals': '小數位（O-7）',
      'settings.rangedReasonRequired': '區間扣分須說明理由（O-8）',
    },
    languages: { 'zh-Hant': '繁體', 'zh-Hans': '簡體', en: '英文' },
  },
};

// The Simplified wording differs from the Traditional in a handful of characters only.
const SIMPLIFIED: Record<string, string> = /* @__PURE__ */ Object.fromEntries([...'項刪編號崗說規則組僅連續權綜體簡區間須無數進決總稱'].map((ch, i) => [ch, '项删编号岗说规则组仅连续权综体简区间须无数进决总称'[i]!]));
const toSimplified = (text: string) => [...text].map((ch) => SIMPLIFIED[ch] ?? ch).join('');

type Normal = RubricInput;

function normalise(input: RubricInput): { rubric: Normal; parsed: boolean } {
  const parsed = Rubric.safeParse(input);
  return parsed.success ? { rubric: parsed.data, parsed: true } : { rubric: input, parsed: false };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const DECIMAL = /^-?\d+(\.\d+)?$/;

function same(a: unknown, b: unknown): boolean {
  if ((typeof a === 'string' || typeof a === 'number') && (typeof b === 'string' || typeof b === 'number')) {
    const x = String(a);
    const y = String(b);
    if (DECIMAL.test(x) && DECIMAL.test(y)) return dec(x).eq(dec(y));
    return x === y;
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => same(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => same(a[k], b[k]));
  }
  return Object.is(a, b);
}

/** Indexes of `sequence` that are out of order: everything outside a longest increasing run. */
function displaced(sequence: number[]): Set<number> {
  const length = sequence.map(() => 1);
  const prev = sequence.map(() => -1);
  for (let i = 0; i < sequence.length; i++) {
    for (let j = 0; j < i; j++) {
      if (sequence[j]! < sequence[i]! && length[j]! + 1 > length[i]!) {
        length[i] = length[j]! + 1;
        prev[i] = j;
      }
    }
  }
  let end = -1;
  length.forEach((l, i) => { if (end < 0 || l > length[end]!) end = i; });
  const kept = new Set<number>();
  for (let i = end; i >= 0; i = prev[i]!) kept.add(i);
  return new Set(sequence.map((_, i) => i).filter((i) => !kept.has(i)));
}

/**
 * Every change from `before` to `after`, each with its path and in words. Versions and `$schema`
 * are not compared: they differ between any two versions by design.
 */
export function diffRubrics(before: RubricInput, after: RubricInput, locale: Locale = 'en'): RubricChange[] {
  const words = WORDS[locale === 'en' ? 'en' : 'zh'];
  const say = (text: string) => (locale === 'zh-Hans' ? toSimplified(text) : text);
  const a = normalise(before);
  const b = normalise(after);
  const changes: RubricChange[] = [];
  const labelOf = (label: Partial<Label> | undefined) => label?.[locale] ?? label?.en ?? '';

  const show = (value: unknown, field: string): string => {
    if (value === undefined) return words.none;
    if (value === null) return field === 'floor' ? words.none : 'null';
    if (typeof value === 'boolean') return value ? words.yes : words.no;
    if (Array.isArray(value)) return value.length ? value.map((v) => (isObject(v) || Array.isArray(v) ? JSON.stringify(v) : String(v))).join(', ') : words.none;
    if (isObject(value)) return JSON.stringify(value);
    return String(value);
  };
  const fieldName = (relative: string): string => {
    const language = /^(label|description|gate\.label)\.(zh-Hant|zh-Hans|en)$/.exec(relative);
    if (language) {
      const base = words.fields[language[1]!.replace('gate.label', 'gate')] ?? language[1]!;
      return locale === 'en' ? `${words.languages[language[2] as Locale]} ${base}` : `${words.languages[language[2] as Locale]}${base}`;
    }
    return words.fields[relative] ?? relative;
  };

  /** Leaf-by-leaf comparison of two plain values below `path`; lists of plain values compare whole. */
  const compare = (subject: string, path: string, relative: string, x: unknown, y: unknown) => {
    if (isObject(x) && isObject(y)) {
      for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) {
        compare(subject, `${path}.${key}`, relative ? `${relative}.${key}` : key, x[key], y[key]);
      }
      return;
    }
    if (same(x, y)) return;
    const kind: ChangeKind = x === undefined ? 'added' : y === undefined ? 'removed' : 'changed';
    changes.push({ path, kind, before: x, after: y, description: say(words.changed(subject, fieldName(relative), show(x, relative), show(y, relative))) });
  };

  // ---- the rubric's own fields ----
  const top = (r: Normal) => Object.fromEntries(Object.entries(r).filter(([k]) => !['sections', 'version', '$schema'].includes(k)));
  compare(words.rubric, '', '', top(a.rubric), top(b.rubric));
  for (const change of changes) change.path = change.path.replace(/^\./, '');

  // ---- sections, by id ----
  const sectionsA = a.rubric.sections;
  const sectionsB = b.rubric.sections;
  const sectionIndexA = new Map(sectionsA.map((s, i) => [s.id, i]));
  const sectionIndexB = new Map(sectionsB.map((s, i) => [s.id, i]));
  const sectionName = (s: Normal['sections'][number]) => words.section(s.id, labelOf(s.label));

  const common = sectionsB.map((s, j) => ({ j, i: sectionIndexA.get(s.id) })).filter((x): x is { j: number; i: number } => x.i !== undefined);
  const movedSections = displaced(common.map((x) => x.i));
  common.forEach(({ i, j }, n) => {
    const sa = sectionsA[i]!;
    const sb = sectionsB[j]!;
    const path = `sections[${j}]`;
    if (movedSections.has(n)) {
      changes.push({ path, kind: 'changed', before: i, after: j, description: say(words.moved(sectionName(sb), words.position(i + 1), words.position(j + 1))) });
    }
    const { items: _ia, ...restA } = sa;
    const { items: _ib, ...restB } = sb;
    compare(sectionName(sb), path, '', restA, restB);
  });
  sectionsB.forEach((s, j) => {
    if (sectionIndexA.has(s.id)) return;
    const detail = `${words.points(show(s.points, 'points'))}, ${words.items(s.items.length)}`;
    changes.push({ path: `sections[${j}]`, kind: 'added', before: undefined, after: s, description: say(words.added(sectionName(s), detail)) });
  });
  sectionsA.forEach((s, i) => {
    if (sectionIndexB.has(s.id)) return;
    changes.push({ path: `sections[${i}]`, kind: 'removed', before: s, after: undefined, description: say(words.removed(sectionName(s))) });
  });

  // ---- items, by id across the rubric (an item may move to another section) ----
  type Placed = { section: number; index: number; item: Normal['sections'][number]['items'][number] };
  const place = (r: Normal) => new Map(r.sections.flatMap((s, si) => s.items.map((item, ii): [string, Placed] => [item.id, { section: si, index: ii, item }])));
  const itemsA = place(a.rubric);
  const itemsB = place(b.rubric);
  const ruleWords = (item: Placed['item'], parsed: boolean) => (parsed ? describeRule(item as Item, locale) : item.rule.kind);

  const movedItems = new Set<string>();
  sectionsB.forEach((s) => {
    const sameSection = s.items.map((item) => item.id).filter((id) => {
      const old = itemsA.get(id);
      return old !== undefined && sectionsA[old.section]?.id === s.id;
    });
    const out = displaced(sameSection.map((id) => itemsA.get(id)!.index));
    out.forEach((n) => movedItems.add(sameSection[n]!));
  });

  for (const [id, nb] of itemsB) {
    const path = `sections[${nb.section}].items[${nb.index}]`;
    const sb = sectionsB[nb.section]!;
    const name = words.item(id, labelOf(nb.item.label));
    const na = itemsA.get(id);
    if (!na) {
      const detail = `${words.points(show(nb.item.points, 'points'))}, ${ruleWords(nb.item, b.parsed)} (${sectionName(sb)})`;
      changes.push({ path, kind: 'added', before: undefined, after: nb.item, description: say(words.added(name, detail)) });
      continue;
    }
    const sa = sectionsA[na.section]!;
    if (sa.id !== sb.id || movedItems.has(id)) {
      changes.push({
        path, kind: 'changed', before: { section: sa.id, index: na.index }, after: { section: sb.id, index: nb.index },
        description: say(words.moved(name, words.position(na.index + 1, sa.id), words.position(nb.index + 1, sb.id))),
      });
    }
    const { rule: ruleA, ...restA } = na.item;
    const { rule: ruleB, ...restB } = nb.item;
    compare(name, path, '', restA, restB);
    if (!same(ruleA, ruleB)) {
      changes.push({
        path: `${path}.rule`, kind: 'changed', before: ruleA, after: ruleB,
        description: say(words.changed(name, words.fields.rule!, ruleWords(na.item, a.parsed), ruleWords(nb.item, b.parsed))),
      });
    }
  }
  for (const [id, na] of itemsA) {
    if (itemsB.has(id)) continue;
    changes.push({
      path: `sections[${na.section}].items[${na.index}]`, kind: 'removed', before: na.item, after: undefined,
      description: say(words.removed(words.item(id, labelOf(na.item.label)))),
    });
  }
  return changes;
}
