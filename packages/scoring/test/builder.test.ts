// The form builder's editing operations, undo/redo and version diff, without a DOM.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateRubric, type RubricInput } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import {
  addItem, addRuleEntry, addSection, changeRuleKind, defaultRule, diffRubrics, emptyRubric, getField, History, moveItem, moveSection,
  parsePath, removeItem, removeSection, ruleKinds, setField, type RubricDraft,
} from '../src/builder/index.ts';

const copyOf = (id: string): RubricDraft => structuredClone(rubricPresets[id]!) as RubricDraft;
const problemsOf = (draft: RubricDraft) => {
  const checked = validateRubric(draft);
  return checked.ok ? [] : checked.problems;
};

describe('editing a rubric draft', () => {
  test('a new rubric for a role starts empty with the C-1, C-2 and O-* defaults written out, and asks for a section', () => {
    const draft = emptyRubric('salesperson');
    assert.equal(draft.role, 'salesperson');
    assert.deepEqual(draft.composite, { kind: 'workAttendance', work: '0.7', attendance: '0.3' });
    assert.deepEqual(draft.attendance, { full: '100', perAbsentDay: '4', partialDay: 'whole' });
    assert.equal(draft.settings?.scaleMismatch, 'error', 'O-1 strict by default');
    assert.ok(problemsOf(draft).some((p) => p.path === 'sections'), 'a rubric without sections is reported at "sections"');
  });

  test('adding sections and items gives each a fresh id, never one already used', () => {
    let draft = addSection(emptyRubric('salesperson'));
    draft = addSection(draft);
    draft = addItem(draft, 0);
    draft = addItem(draft, 1);
    const ids = draft.sections.flatMap((s) => [s.id, ...s.items.map((i) => i.id)]);
    assert.equal(new Set(ids).size, ids.length, `ids are unique: ${ids.join(', ')}`);
    assert.deepEqual(draft.sections.map((s) => s.items.length), [2, 2]);
  });

  test('operations never change the draft they were given (the undo history keeps it)', () => {
    const before = copyOf('R-SP');
    const frozen = JSON.stringify(before);
    setField(before, 'sections[0].points', '35');
    moveItem(before, { section: 0, item: 0 }, { section: 2, item: 0 });
    removeSection(before, 1);
    changeRuleKind(before, { section: 0, item: 0 }, 'forfeit');
    assert.equal(JSON.stringify(before), frozen);
  });

  test('setting a field by the path validateRubric reports puts the value exactly there', () => {
    const draft = setField(copyOf('R-SP'), 'sections[1].items[2].rule.perMiss', '4');
    assert.equal(getField(draft, 'sections[1].items[2].rule.perMiss'), '4');
    assert.deepEqual(parsePath('sections[1].items[2].label.zh-Hant'), ['sections', 1, 'items', 2, 'label', 'zh-Hant']);
  });

  test('clearing an optional field removes it instead of leaving an empty string for the validator', () => {
    const draft = setField(copyOf('R-SP'), 'sections[0].items[0].source', undefined);
    assert.equal('source' in draft.sections[0]!.items[0]!, false);
    assert.equal(validateRubric(draft).ok, true);
  });

  test('a section points change that breaks the scale is reported at that section (O-1)', () => {
    const draft = setField(copyOf('R-SP'), 'sections[2].points', '25');
    const problems = problemsOf(draft);
    assert.ok(problems.some((p) => p.path === 'sections[2].points' && p.rule === 'O-1'), JSON.stringify(problems));
  });

  test('moving SP-W3 above SP-W1 and back restores the weekly report as it was', () => {
    const draft = copyOf('R-SP');
    const moved = moveItem(draft, { section: 1, item: 2 }, { section: 1, item: 0 });
    assert.deepEqual(moved.sections[1]!.items.map((i) => i.id), ['SP-W3', 'SP-W1', 'SP-W2', 'SP-W4']);
    const back = moveItem(moved, { section: 1, item: 0 }, { section: 1, item: 2 });
    assert.deepEqual(back, draft);
  });

  test('an item dragged into another section leaves its old one', () => {
    const moved = moveItem(copyOf('R-SP'), { section: 2, item: 1 }, { section: 1, item: 4 });
    assert.deepEqual(moved.sections[1]!.items.map((i) => i.id), ['SP-W1', 'SP-W2', 'SP-W3', 'SP-W4', 'SP-Q']);
    assert.equal(moved.sections[2]!.items.some((i) => i.id === 'SP-Q'), false);
  });

  test('moving sections reorders them; a move past the end stops at the end', () => {
    const moved = moveSection(copyOf('R-SP'), 0, 99);
    assert.deepEqual(moved.sections.map((s) => s.id), ['weekly', 'reports', 'dealer']);
  });

  test('removing the only item of a section is refused by the validator, not silently accepted', () => {
    let draft = addSection(emptyRubric('x'));
    draft = removeItem(draft, { section: 0, item: 0 });
    assert.ok(problemsOf(draft).some((p) => p.path === 'sections[0].items'));
  });

  test('every rule kind starts with parameters the validator accepts', () => {
    for (const kind of ruleKinds) {
      let draft = setField(copyOf('R-SP'), 'sections[2].items[1].rule', defaultRule(kind));
      // a deducting rule on a 5-point item is valid as it stands; award, measured and sampled too
      draft = setField(draft, 'sections[2].items[1].points', '5');
      const problems = problemsOf(draft).filter((p) => p.path.startsWith('sections[2].items[1]'));
      assert.deepEqual(problems, [], `${kind}: ${JSON.stringify(problems)}`);
    }
  });

  test('switching SP-D1 to a ranged deduction (O-8) gives it one case, and a second case follows the first', () => {
    let draft = changeRuleKind(copyOf('R-SP'), { section: 0, item: 0 }, 'ranged');
    const rule = draft.sections[0]!.items[0]!.rule;
    assert.equal(rule.kind, 'ranged');
    draft = addRuleEntry(draft, { section: 0, item: 0 });
    const options = (draft.sections[0]!.items[0]!.rule as { options: { id: string }[] }).options;
    assert.deepEqual(options.map((o) => o.id), ['case1', 'case2']);
    assert.equal(validateRubric(draft).ok, true);
  });
});

describe('undo and redo', () => {
  test('undo steps back through edits and redo replays them', () => {
    const history = new History(copyOf('R-SP'));
    const start = history.present;
    history.push(setField(history.present, 'sections[0].points', '35'));
    history.push(setField(history.present, 'sections[0].points', '30'));
    assert.equal(history.undo()?.sections[0]!.points, '35');
    assert.equal(history.undo(), start);
    assert.equal(history.undo(), undefined, 'nothing left to undo');
    assert.equal(history.redo()?.sections[0]!.points, '35');
  });

  test('typing "25" into one field is one undo step, not two', () => {
    const history = new History(copyOf('R-SP'));
    const start = history.present;
    history.push(setField(start, 'sections[2].points', '2'), { coalesce: 'sections[2].points' });
    history.push(setField(start, 'sections[2].points', '25'), { coalesce: 'sections[2].points' });
    assert.equal(history.depth.undo, 1);
    assert.equal(history.undo(), start);
  });

  test('a new edit after an undo drops what could have been redone', () => {
    const history = new History(1);
    history.push(2);
    history.undo();
    history.push(3);
    assert.equal(history.canRedo, false);
    assert.equal(history.undo(), 1);
  });

  test('the history is bounded: the oldest steps are forgotten first', () => {
    const history = new History(0, { limit: 3 });
    for (let n = 1; n <= 10; n++) history.push(n);
    const seen: number[] = [];
    for (let v = history.undo(); v !== undefined; v = history.undo()) seen.push(v);
    assert.deepEqual(seen, [9, 8, 7]);
  });
});

describe('what changed between two versions', () => {
  const v1 = copyOf('R-SP');

  test('SP-D1 from −5 to −3 each reads as a rule change, in words', () => {
    const v2 = setField(v1, 'sections[0].items[0].rule.amount', '3');
    const changes = diffRubrics(v1, v2);
    assert.equal(changes.length, 1);
    assert.equal(changes[0]!.path, 'sections[0].items[0].rule');
    assert.equal(changes[0]!.kind, 'changed');
    assert.match(changes[0]!.description, /Item SP-D1 .*rule −5 each.* → −3 each/);
  });

  test('an item inserted at the top is one addition, not a change to every item below it', () => {
    const v2: RubricInput = structuredClone(v1);
    v2.sections[2]!.items.unshift({ id: 'SP-X', label: { 'zh-Hant': '新', 'zh-Hans': '新', en: 'New duty' }, points: '0', rule: { kind: 'forfeit' } });
    const changes = diffRubrics(v1, v2);
    assert.deepEqual(changes.map((c) => [c.kind, c.path]), [['added', 'sections[2].items[0]']]);
    assert.match(changes[0]!.description, /Item SP-X “New duty” added/);
  });

  test('a removed item, a moved item and a changed label are each named', () => {
    let v2 = removeItem(v1, { section: 0, item: 5 });
    v2 = moveItem(v2, { section: 1, item: 3 }, { section: 1, item: 0 });
    v2 = setField(v2, 'sections[2].label.en', 'Feedback and plans');
    const descriptions = diffRubrics(v1, v2).map((c) => c.description);
    assert.ok(descriptions.some((d) => /Item SP-D6 .* removed/.test(d)), descriptions.join('\n'));
    assert.ok(descriptions.some((d) => /Item SP-W4 .* moved from position 4 of section weekly to position 1 of section weekly/.test(d)), descriptions.join('\n'));
    assert.ok(descriptions.some((d) => /Section reports .*English label Feedback, plans and vehicles → Feedback and plans/.test(d)), descriptions.join('\n'));
    assert.equal(descriptions.length, 3, descriptions.join('\n'));
  });

  test('identical rubrics, one written with numbers and one with strings, have no changes', () => {
    const numeric = setField(v1, 'sections[0].points', 30);
    assert.deepEqual(diffRubrics(v1, numeric), []);
  });

  test('the changes read in Chinese too', () => {
    const v2 = setField(v1, 'sections[1].points', '45');
    assert.match(diffRubrics(v1, v2, 'zh-Hant')[0]!.description, /部分 weekly「周報」：分值 40 → 45/);
    assert.match(diffRubrics(v1, v2, 'zh-Hans')[0]!.description, /部分 weekly「周报」：分值 40 → 45/);
  });

  test('a setting of the rubric is named by its open point (O-1)', () => {
    const v2 = setField(v1, 'settings', { scaleMismatch: 'warning' });
    const changes = diffRubrics(v1, v2);
    assert.deepEqual(changes.map((c) => c.description), ['Rubric: scale mismatch (O-1) error → warning']);
    assert.equal(changes[0]!.path, 'settings.scaleMismatch');
  });
});
