// Editing operations on a rubric as authored (RubricInput): every one returns a new draft and
// leaves its argument untouched, so an undo history can keep each state as it was.
import type { Label, RubricInput, RuleKind } from '../schema.ts';
import { getAt, setAt, type PathKey } from './path.ts';

export type RubricDraft = RubricInput;
export type SectionDraft = RubricDraft['sections'][number];
export type ItemDraft = SectionDraft['items'][number];
export type RuleDraft = ItemDraft['rule'];

/** Where an item sits: its section's index and its own index in that section. */
export interface ItemPosition {
  section: number;
  item: number;
}

export const ruleKinds: readonly RuleKind[] = /* @__PURE__ */ Object.freeze([
  'award', 'perOccurrence', 'ranged', 'levels', 'forfeit', 'threshold', 'escalating', 'derived', 'measured', 'sampled',
]);

const blank = (): Label => ({ 'zh-Hant': '', 'zh-Hans': '', en: '' });
const numbered = (zh: string, en: string, n: number): Label => ({ 'zh-Hant': `${zh}${n}`, 'zh-Hans': `${zh}${n}`, en: `${en} ${n}` });

/**
 * A rubric with nothing in it yet, for `role`: the defaults of the schema written out (C-1 70/30,
 * C-2 attendance, O-1 strict scale, O-5 one month without compounding, O-7 two decimals, O-8
 * reasons required), so HR sees and can change every one of them.
 */
export function emptyRubric(role: string): RubricDraft {
  return {
    id: '',
    version: 1,
    role,
    label: blank(),
    scale: '100',
    composite: { kind: 'workAttendance', work: '0.7', attendance: '0.3' },
    attendance: { full: '100', perAbsentDay: '4', partialDay: 'whole' },
    settings: { scaleMismatch: 'error', repeatDoubling: { lookbackMonths: 1, compound: false }, scoreDecimals: 2, rangedReasonRequired: true },
    sections: [],
  };
}

/**
 * The parameters a rule kind starts with when an item switches to it: small, valid values the
 * author is expected to change, so the item never sits in an unscorable state.
 */
export function defaultRule(kind: RuleKind): RuleDraft {
  switch (kind) {
    case 'award': return { kind };
    case 'perOccurrence': return { kind, amount: '1' };
    case 'ranged': return { kind, options: [{ id: 'case1', label: numbered('情形', 'Case', 1), min: '1', max: '5' }], reasonRequired: true };
    case 'levels': return {
      kind,
      levels: [
        { id: 'level1', label: numbered('等級', 'Level', 1), deduct: '0' },
        { id: 'level2', label: numbered('等級', 'Level', 2), deduct: '1' },
      ],
    };
    case 'forfeit': return { kind };
    case 'threshold': return { kind, perMiss: '1', zeroAt: 2 };
    case 'escalating': return { kind, steps: [{ atCount: 1, deduct: '1' }] };
    case 'derived': return { kind, source: 'subordinates', perCase: '1', heavyBelow: '60' };
    case 'measured': return { kind, direction: 'higher', target: '100', unit: 'percent', cap: '1' };
    case 'sampled': return { kind };
  }
}

/** A new entry for a rule's list (ranged options, levels, escalating steps), following the ones there. */
export function defaultRuleEntry(rule: RuleDraft): unknown {
  switch (rule.kind) {
    case 'ranged': {
      const n = rule.options.length + 1;
      return { id: freeId(rule.options.map((o) => o.id), 'case'), label: numbered('情形', 'Case', n), min: '1', max: '5' };
    }
    case 'levels': {
      const n = rule.levels.length + 1;
      return { id: freeId(rule.levels.map((l) => l.id), 'level'), label: numbered('等級', 'Level', n), deduct: '1' };
    }
    case 'escalating': {
      const last = rule.steps.at(-1);
      return { atCount: (last?.atCount ?? 0) + 1, deduct: String(last?.deduct ?? '1') };
    }
    default:
      return undefined;
  }
}

/** Where the list of a rule kind's entries sits inside the rule. */
export function ruleListKey(kind: RuleKind): 'options' | 'levels' | 'steps' | undefined {
  return kind === 'ranged' ? 'options' : kind === 'levels' ? 'levels' : kind === 'escalating' ? 'steps' : undefined;
}

/** The first of `base1`, `base2` … not in `taken`. */
export function freeId(taken: Iterable<string>, base: string): string {
  const used = new Set(taken);
  let n = 1;
  while (used.has(`${base}${n}`)) n += 1;
  return `${base}${n}`;
}

/** Every id the rubric uses (sections, gates, items): ids are unique across a rubric. */
export function idsOf(draft: RubricDraft): string[] {
  return draft.sections.flatMap((s) => [s.id, ...(s.gate ? [s.gate.id] : []), ...s.items.map((i) => i.id)]);
}

export function emptyItem(id: string): ItemDraft {
  return { id, label: blank(), points: '0', rule: defaultRule('award') };
}

export function emptySection(id: string, itemId: string): SectionDraft {
  return { id, label: blank(), points: '0', items: [emptyItem(itemId)] };
}

/** Sets one field; `undefined` removes an optional one. */
export function setField(draft: RubricDraft, path: string, value: unknown): RubricDraft {
  return setAt(draft, path, value);
}

export function getField(draft: RubricDraft, path: string): unknown {
  return getAt(draft, path);
}

function clamp(n: number, length: number): number {
  return Math.max(0, Math.min(n, length));
}

/** Inserts `value` into the list at `path` (at its end unless `at` says where). */
export function insertInList(draft: RubricDraft, path: string | PathKey[], value: unknown, at?: number): RubricDraft {
  const list = [...((getAt(draft, path) as unknown[] | undefined) ?? [])];
  list.splice(clamp(at ?? list.length, list.length), 0, value);
  return setAt(draft, path, list);
}

export function removeFromList(draft: RubricDraft, path: string | PathKey[], index: number): RubricDraft {
  const list = [...((getAt(draft, path) as unknown[] | undefined) ?? [])];
  if (index < 0 || index >= list.length) return draft;
  list.splice(index, 1);
  return setAt(draft, path, list);
}

/** Moves an entry within the list at `path`; `to` is the index it ends up at. */
export function moveInList(draft: RubricDraft, path: string | PathKey[], from: number, to: number): RubricDraft {
  const list = [...((getAt(draft, path) as unknown[] | undefined) ?? [])];
  if (from < 0 || from >= list.length) return draft;
  const target = clamp(to, list.length - 1);
  if (target === from) return draft;
  const [moved] = list.splice(from, 1);
  list.splice(target, 0, moved);
  return setAt(draft, path, list);
}

/** Adds a section (with one item, since a section may not be empty) at `at`, or at the end. */
export function addSection(draft: RubricDraft, at?: number): RubricDraft {
  const ids = idsOf(draft);
  const sectionId = freeId(ids, 'section');
  const section = emptySection(sectionId, freeId([...ids, sectionId], 'item'));
  return insertInList(draft, ['sections'], section, at);
}

export function removeSection(draft: RubricDraft, section: number): RubricDraft {
  return removeFromList(draft, ['sections'], section);
}

export function moveSection(draft: RubricDraft, from: number, to: number): RubricDraft {
  return moveInList(draft, ['sections'], from, to);
}

/** Adds an item to a section at `at`, or at its end. */
export function addItem(draft: RubricDraft, section: number, at?: number): RubricDraft {
  if (!draft.sections[section]) return draft;
  return insertInList(draft, ['sections', section, 'items'], emptyItem(freeId(idsOf(draft), 'item')), at);
}

export function removeItem(draft: RubricDraft, position: ItemPosition): RubricDraft {
  return removeFromList(draft, ['sections', position.section, 'items'], position.item);
}

/**
 * Moves an item, within its section or into another one (drag and drop across sections).
 * `to.item` is the index the item ends up at in its new section.
 */
export function moveItem(draft: RubricDraft, from: ItemPosition, to: ItemPosition): RubricDraft {
  const item = draft.sections[from.section]?.items[from.item];
  if (!item || !draft.sections[to.section]) return draft;
  if (from.section === to.section) return moveInList(draft, ['sections', from.section, 'items'], from.item, to.item);
  const without = removeItem(draft, from);
  return insertInList(without, ['sections', to.section, 'items'], item, to.item);
}

/**
 * Gives an item a rule of another kind with that kind's default parameters. Switching back to the
 * kind it already has keeps its parameters.
 */
export function changeRuleKind(draft: RubricDraft, position: ItemPosition, kind: RuleKind): RubricDraft {
  const item = draft.sections[position.section]?.items[position.item];
  if (!item || item.rule.kind === kind) return draft;
  return setAt(draft, ['sections', position.section, 'items', position.item, 'rule'], defaultRule(kind));
}

/** Adds an option, level or step to an item's rule, following the last one. */
export function addRuleEntry(draft: RubricDraft, position: ItemPosition): RubricDraft {
  const rule = draft.sections[position.section]?.items[position.item]?.rule;
  const key = rule && ruleListKey(rule.kind);
  if (!rule || !key) return draft;
  return insertInList(draft, ['sections', position.section, 'items', position.item, 'rule', key], defaultRuleEntry(rule));
}

export function removeRuleEntry(draft: RubricDraft, position: ItemPosition, index: number): RubricDraft {
  const rule = draft.sections[position.section]?.items[position.item]?.rule;
  const key = rule && ruleListKey(rule.kind);
  if (!rule || !key) return draft;
  return removeFromList(draft, ['sections', position.section, 'items', position.item, 'rule', key], index);
}
