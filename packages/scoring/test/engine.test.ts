// Rule kinds on small rubrics of their own; the presets' rule IDs are covered in rules.test.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KaoheInputError, annualScore, loadRubric, scoreSheet, type RubricInput, type SheetInput } from '@kaohe/scoring';

const label = (en: string) => ({ 'zh-Hant': en, 'zh-Hans': en, en });

const rubric = loadRubric({
  id: 'R-T', version: 1, role: 'tester', label: label('Test'), scale: 100,
  settings: { repeatDoubling: { lookbackMonths: 3, compound: true } },
  sections: [
    { id: 'pool', label: label('Pool'), points: 20, pooled: true, items: [
      { id: 'P-1', label: label('late report'), points: 0, repeatDoubling: true, rule: { kind: 'perOccurrence', amount: 5 } },
    ] },
    { id: 'gated', label: label('Gated'), points: 30, gate: { id: 'G', label: label('late or illegible') }, items: [
      { id: 'T-1', label: label('visits'), points: 10, rule: { kind: 'threshold', perMiss: 3, zeroAt: 2 } },
      { id: 'T-2', label: label('summary'), points: 10, rule: { kind: 'forfeit' } },
      { id: 'T-3', label: label('quality'), points: 10, rule: { kind: 'levels', levels: [
        { id: 'good', label: label('good'), deduct: 0 },
        { id: 'weak', label: label('weak'), deduct: { min: 4, max: 10 } },
      ] } },
    ] },
    { id: 'rest', label: label('Rest'), points: 50, items: [
      { id: 'R-1', label: label('award'), points: 20, rule: { kind: 'award', step: '0.5' } },
      { id: 'R-2', label: label('ranged'), points: 10, rule: { kind: 'ranged', options: [
        { id: 'minor', label: label('minor'), min: 2, max: 2 },
        { id: 'harm', label: label('harm'), min: 1, max: 10, flag: { code: 'removal-from-post', label: label('removal') } },
      ] } },
      { id: 'R-3', label: label('measured'), points: 10, rule: { kind: 'measured', direction: 'lower', target: 4 } },
      { id: 'R-4', label: label('sampled'), points: 10, rule: { kind: 'sampled' } },
    ] },
    { id: 'special', label: label('Special'), points: 0, floor: null, items: [
      { id: 'S-1', label: label('false claims'), points: 0, penaltyOnly: true, rule: { kind: 'escalating', steps: [
        { atCount: 1, deduct: 10 }, { atCount: 2, deduct: 30, flag: { code: 'transfer', label: label('transfer') } },
      ] } },
    ] },
  ],
} satisfies RubricInput);

const full: SheetInput = {
  rubric: 'R-T', period: '2026-10', attendance: { absentDays: '0' },
  entries: {
    'R-1': { points: 20 }, 'T-3': { level: 'good' }, 'R-3': { value: 4 }, 'R-4': { checked: 10, passed: 10 },
  },
};
const item = (result: ReturnType<typeof scoreSheet>, id: string) =>
  result.sections.flatMap((s) => s.items).find((i) => i.id === id)!;
const section = (result: ReturnType<typeof scoreSheet>, id: string) => result.sections.find((s) => s.id === id)!;

describe('the rule engine', () => {
  test('a sheet with nothing deducted scores full marks and is complete', () => {
    const result = scoreSheet(rubric, full);
    assert.equal(result.work, '100.00');
    assert.equal(result.attendance, '100.00');
    assert.equal(result.monthly, '100.00');
    assert.equal(result.complete, true);
  });

  test('items the assessor must score are reported as not scored, deducting items keep full marks', () => {
    const result = scoreSheet(rubric, { rubric: 'R-T', period: '2026-10', attendance: { absentDays: '0' }, entries: {} });
    assert.deepEqual(result.missing, ['T-3', 'R-1', 'R-3', 'R-4']);
    assert.equal(result.complete, false);
    assert.equal(item(result, 'T-2').status, 'default');
    assert.equal(item(result, 'T-2').score, '10.00');
  });

  test('a pooled section never falls below 0, however many occurrences', () => {
    const result = scoreSheet(rubric, { ...full, entries: { ...full.entries, 'P-1': { count: 7 } } });
    assert.equal(section(result, 'pool').score, '0.00');
    assert.equal(section(result, 'pool').floorApplied, true);
    assert.equal(result.work, '80.00');
  });

  test('O-5: repeated non-submission doubles, and compounds when the rubric says so', () => {
    const once = scoreSheet(rubric, { ...full, entries: { ...full.entries, 'P-1': { count: 1, priorMonths: 1 } } });
    assert.equal(section(once, 'pool').score, '10.00');
    const twice = scoreSheet(rubric, { ...full, entries: { ...full.entries, 'P-1': { count: 1, priorMonths: 2 } } });
    assert.equal(item(twice, 'P-1').deductions[0]!.amount, '20.00');
    assert.match(item(twice, 'P-1').notes[0]!, /×4 \(O-5\)/);
  });

  test('a breached gate voids its whole section', () => {
    const result = scoreSheet(rubric, { ...full, entries: { ...full.entries, G: { breached: true } } });
    assert.equal(section(result, 'gated').score, '0.00');
    assert.equal(section(result, 'gated').gateBreached, true);
    assert.equal(result.work, '70.00');
  });

  test('threshold: one miss costs 3, two misses cost everything', () => {
    const one = scoreSheet(rubric, { ...full, entries: { ...full.entries, 'T-1': { count: 1 } } });
    assert.equal(item(one, 'T-1').score, '7.00');
    const two = scoreSheet(rubric, { ...full, entries: { ...full.entries, 'T-1': { count: 2 } } });
    assert.equal(item(two, 'T-1').score, '0.00');
  });

  test('a ranged deduction records its reason and raises the option\'s flag', () => {
    const result = scoreSheet(rubric, { ...full, entries: { ...full.entries,
      'R-2': { deductions: [{ option: 'minor', amount: 2 }, { option: 'harm', amount: 6, reason: 'customer lost an order' }] } } });
    assert.equal(item(result, 'R-2').score, '2.00');
    assert.deepEqual(item(result, 'R-2').deductions.map((d) => d.reason), ['minor', 'customer lost an order']);
    assert.deepEqual(result.flags.map((f) => f.code), ['removal-from-post']);
  });

  test('an item never falls below 0 even when its deductions exceed its points', () => {
    const result = scoreSheet(rubric, { ...full, entries: { ...full.entries,
      'R-2': { deductions: [{ option: 'harm', amount: 10, reason: 'a' }, { option: 'harm', amount: 10, reason: 'b' }] } } });
    assert.equal(item(result, 'R-2').score, '0.00');
    assert.equal(item(result, 'R-2').floorApplied, true);
  });

  test('O-8: a ranged amount without a reason is refused, naming the item and the rule', () => {
    assert.throws(() => scoreSheet(rubric, { ...full, entries: { ...full.entries, 'R-2': { deductions: [{ option: 'harm', amount: 6 }] } } }),
      (error: unknown) => error instanceof KaoheInputError && error.problems.length === 1
        && error.problems[0]!.path === 'entries.R-2.deductions[0].reason' && /needs a reason \(O-8\)/.test(error.problems[0]!.message));
  });

  test('every problem of a sheet is listed at once', () => {
    assert.throws(() => scoreSheet(rubric, { rubric: 'R-T', period: '2026-10', attendance: { absentDays: '0' }, entries: {
      'R-1': { points: 25 }, 'T-3': { level: 'weak', amount: 12 }, 'NOPE': { count: 1 }, 'T-1': { breached: true },
    } }), (error: unknown) => {
      assert.ok(error instanceof KaoheInputError);
      assert.deepEqual(error.problems.map((p) => p.path).sort(), ['entries.NOPE', 'entries.R-1.points', 'entries.T-1', 'entries.T-3.amount', 'entries.T-3.reason']);
      assert.match(error.message, /T-1 \(threshold\): expects \{ "count" \}; "breached" does not apply/);
      return true;
    });
  });

  test('measured, lower is better: twice the target earns half the points', () => {
    const result = scoreSheet(rubric, { ...full, entries: { ...full.entries, 'R-3': { value: 8 } } });
    assert.equal(item(result, 'R-3').score, '5.00');
  });

  test('sampled checks score the share that passed', () => {
    const result = scoreSheet(rubric, { ...full, entries: { ...full.entries, 'R-4': { checked: 8, passed: 5 } } });
    assert.equal(item(result, 'R-4').score, '6.25');
  });

  test('a penalty-only item takes points beyond its section, and the work score never goes below 0', () => {
    const result = scoreSheet(rubric, { ...full, entries: { ...full.entries, 'S-1': { count: 2 } } });
    assert.equal(section(result, 'special').score, '-30.00');
    assert.equal(result.work, '70.00');
    assert.deepEqual(result.flags.map((f) => f.code), ['transfer']);
    const ruinous = scoreSheet(rubric, { rubric: 'R-T', period: '2026-10', attendance: { absentDays: '0' }, entries: { G: { breached: true }, 'P-1': { count: 4 }, 'S-1': { count: 3 } } });
    assert.equal(ruinous.work, '0.00');
  });
});

describe('C-3 annual score', () => {
  const months = ['90', '85', '88', '92', '80', '95', '70', '100', '84', '86', '90', '91'];
  test('C-3: twelve monthly scores averaged over 12', () => {
    assert.equal(annualScore(months), '87.58');
  });
  test('O-6: a new hire with three months is divided by 12 by default, or by the months appraised', () => {
    assert.equal(annualScore(['90', '80', '85']), '21.25');
    assert.equal(annualScore(['90', '80', '85'], { divisor: 'appraised' }), '85.00');
  });
  test('C-3: a score above 100 is refused', () => {
    assert.throws(() => annualScore(['101']), /months\[0\]: a monthly score is between 0 and 100/);
  });
});

describe('measured indicators below zero', () => {
  const kpi = loadRubric({
    id: 'R-G', version: 1, role: 'tester', label: label('Growth'), scale: 10, composite: { kind: 'workOnly' },
    sections: [{ id: 'k', label: label('K'), points: 10, items: [
      { id: 'G-1', label: label('sales growth'), points: 5, rule: { kind: 'measured', direction: 'higher', target: 10, unit: 'percent' } },
      { id: 'G-2', label: label('expenses'), points: 5, rule: { kind: 'measured', direction: 'lower', target: 5, unit: 'percent' } },
    ] }],
  });
  test('SP-K2-style growth of −5% against a target of +10% earns nothing, and is not an error', () => {
    const r = scoreSheet(kpi, { rubric: 'R-G', period: '2026-10', entries: { 'G-1': { value: '-5' }, 'G-2': { value: '5' } } });
    assert.equal(item(r, 'G-1').score, '0.00');
    assert.equal(r.monthly, '5.00');
  });
  test('a negative lower-is-better value (expenses) is refused, naming the item', () => {
    assert.throws(() => scoreSheet(kpi, { rubric: 'R-G', period: '2026-10', entries: { 'G-1': { value: '3' }, 'G-2': { value: '-1' } } }),
      /G-2 \(measured\): a lower-is-better value cannot be negative, got -1/);
  });
});

describe('O-7: scores round once, at the end', () => {
  // Whole-point scores, so a deduction of 2.5 cannot hide in the second decimal.
  const whole = loadRubric({
    id: 'R-W', version: 1, role: 'tester', label: label('Whole points'), scale: 20, composite: { kind: 'workOnly' },
    settings: { scoreDecimals: 0 },
    sections: [{ id: 'conduct', label: label('Conduct'), points: 20, items: [
      { id: 'W-1', label: label('punctuality'), points: 10, rule: { kind: 'ranged', options: [{ id: 'late', label: label('late'), min: 0, max: 10 }] } },
      { id: 'W-2', label: label('tidiness'), points: 10, rule: { kind: 'ranged', options: [{ id: 'untidy', label: label('untidy'), min: 0, max: 10 }] } },
    ] }],
  } satisfies RubricInput);
  const lapse = (reason: string) => ({ option: 'late', amount: '2.5', reason });

  test('O-7: an item of 10 with two deductions of 2.5 scores 5 with whole-point scores, not 4', () => {
    const r = scoreSheet(whole, { rubric: 'R-W', period: '2026-10', entries: { 'W-1': { deductions: [lapse('Monday'), lapse('Tuesday')] } } });
    assert.equal(item(r, 'W-1').score, '5');
    assert.equal(r.work, '15');
  });

  test('O-7: two items of 7.5 each show 8, yet their section and the work add the exact scores to 15, not 16 or 14', () => {
    const r = scoreSheet(whole, { rubric: 'R-W', period: '2026-10', entries: {
      'W-1': { deductions: [lapse('Monday')] },
      'W-2': { deductions: [{ option: 'untidy', amount: '2.5', reason: 'desk' }] },
    } });
    assert.deepEqual(section(r, 'conduct').items.map((i) => i.score), ['8', '8']);
    assert.equal(section(r, 'conduct').score, '15');
    assert.equal(r.work, '15');
  });
});
