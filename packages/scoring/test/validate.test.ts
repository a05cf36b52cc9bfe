import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateRubric, type RubricInput } from '@kaohe/scoring';

const label = (en: string) => ({ 'zh-Hant': en, 'zh-Hans': en, en });

function rubric(overrides: Partial<RubricInput> = {}): RubricInput {
  return {
    id: 'R-T', version: 1, role: 'tester', label: label('Test'), scale: 100,
    sections: [
      { id: 'a', label: label('A'), points: 60, items: [
        { id: 'A-1', label: label('A-1'), points: 30, rule: { kind: 'perOccurrence', amount: 5 } },
        { id: 'A-2', label: label('A-2'), points: 30, rule: { kind: 'forfeit' } },
      ] },
      { id: 'b', label: label('B'), points: 40, items: [
        { id: 'B-1', label: label('B-1'), points: 40, rule: { kind: 'award' } },
      ] },
    ],
    ...overrides,
  };
}

describe('rubric validation', () => {
  test('a well-formed rubric is accepted', () => {
    const checked = validateRubric(rubric());
    assert.equal(checked.ok, true);
  });

  test('a malformed rubric is refused with every problem listed, each with its path and rule', () => {
    const bad = rubric({
      sections: [
        { id: 'a', label: label('A'), points: 60, items: [
          { id: 'A-1', label: label('A-1'), points: 30, rule: { kind: 'ranged', options: [{ id: 'x', label: label('x'), min: 10, max: 5 }] } },
          { id: 'A-1', label: label('dup'), points: 20, rule: { kind: 'forfeit' } },
        ] },
        { id: 'b', label: label('B'), points: 40, items: [
          { id: 'B-1', label: label('B-1'), points: 40, rule: { kind: 'levels', levels: [{ id: 'ok', label: label('ok'), deduct: 0 }, { id: 'bad', label: label('bad'), deduct: 50 }] } },
        ] },
      ],
    });
    const checked = validateRubric(bad);
    assert.equal(checked.ok, false);
    if (checked.ok) return;
    const found = checked.problems.map((p) => `${p.rule} @ ${p.path}`);
    assert.deepEqual(found.sort(), [
      'O-1 @ sections[0].points',
      'range @ sections[0].items[0].rule.options[0]',
      'range @ sections[1].items[0].rule.levels[1].deduct',
      'unique-id @ sections[0].items[1].id',
    ]);
    assert.match(checked.problems.find((p) => p.rule === 'unique-id')!.message, /"A-1" is already used at sections\[0\]\.items\[0\]\.id/);
  });

  test('O-1: items adding up to 110 on a 100-point scale are reported, not passed', () => {
    const bad = rubric();
    bad.sections[1]!.items.push({ id: 'B-2', label: label('B-2'), points: 10, rule: { kind: 'forfeit' } });
    const checked = validateRubric(bad);
    assert.equal(checked.ok, false);
    if (checked.ok) return;
    assert.ok(checked.problems.some((p) => p.rule === 'O-1' && /declares 40 points but its items add up to 50/.test(p.message)));
  });

  test('O-1: sections adding up to more than the declared scale are reported at the scale', () => {
    const bad = rubric();
    bad.sections[1]!.points = 50;
    bad.sections[1]!.items[0]!.points = 50;
    const checked = validateRubric(bad);
    assert.equal(checked.ok, false);
    if (checked.ok) return;
    assert.deepEqual(checked.problems.map((p) => [p.path, p.rule, p.message]), [
      ['scale', 'O-1', 'the rubric declares a 100-point scale but its sections add up to 110'],
    ]);
  });

  test('O-1: with scaleMismatch "warning" the rubric loads and the mismatch is still reported', () => {
    const lenient = rubric({ settings: { scaleMismatch: 'warning' } });
    lenient.sections[1]!.items[0]!.points = 45;
    const checked = validateRubric(lenient);
    assert.equal(checked.ok, true);
    if (!checked.ok) return;
    assert.deepEqual(checked.warnings.map((w) => w.path), ['sections[1].points']);
  });

  test('O-1: a penalty-only item must carry 0 points and a deducting rule', () => {
    const bad = rubric();
    bad.sections[1]!.items.push({ id: 'B-9', label: label('B-9'), points: 10, penaltyOnly: true, rule: { kind: 'award' } });
    const checked = validateRubric(bad);
    assert.equal(checked.ok, false);
    if (checked.ok) return;
    const paths = checked.problems.filter((p) => p.path.startsWith('sections[1].items[1]')).map((p) => p.path);
    assert.deepEqual(paths.sort(), ['sections[1].items[1].points', 'sections[1].items[1].rule.kind']);
  });

  test('schema errors name the field: a missing label language and an unknown rule kind', () => {
    const bad = rubric() as unknown as { sections: { items: Record<string, unknown>[] }[] };
    bad.sections[0]!.items[0]!.label = { en: 'only English' };
    bad.sections[1]!.items[0]!.rule = { kind: 'telepathy' };
    const checked = validateRubric(bad);
    assert.equal(checked.ok, false);
    if (checked.ok) return;
    const paths = checked.problems.map((p) => p.path);
    assert.ok(paths.includes("sections[0].items[0].label.zh-Hant"), paths.join(', '));
    assert.ok(paths.some((p) => p.startsWith('sections[1].items[0].rule')), paths.join(', '));
  });

  test('C-4: KPI weights that do not add up to 100% are refused', () => {
    const kpi = rubric({ composite: { kind: 'workOnly' } });
    kpi.sections = [{ id: 'k', label: label('K'), points: 100, items: [
      { id: 'K-1', label: label('K-1'), points: 60, weight: '0.6', rule: { kind: 'measured', direction: 'higher', target: 100 } },
      { id: 'K-2', label: label('K-2'), points: 40, weight: '0.3', rule: { kind: 'measured', direction: 'lower', target: 5 } },
    ] }];
    const checked = validateRubric(kpi);
    assert.equal(checked.ok, false);
    if (checked.ok) return;
    assert.ok(checked.problems.some((p) => p.rule === 'C-4' && /90%, not 100%/.test(p.message)));
  });
});
