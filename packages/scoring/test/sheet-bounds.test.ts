// Issue 17: every fact of a sheet is bounded, with the path and the rule in the message (C-1, C-2, the item's ID).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { daysInPeriod, KaoheInputError, loadRubric, scoreSheet, type Problem, type Rubric, type RubricInput, type SheetInput } from '@kaohe/scoring';
import { rubricPresets } from '../src/presets/index.ts';
import { randomSheet } from './support/random-sheet.ts';

const sp = loadRubric(rubricPresets['R-SP']!);
const label = (en: string) => ({ 'zh-Hant': en, 'zh-Hans': en, en });

// Every R-SP item at full marks: SP-Q is the only item the assessor must award.
const fullMarks = { 'SP-Q': { points: 5 } };
const spSheet = (extra: Record<string, unknown>): SheetInput => ({ rubric: 'R-SP', period: '2026-10', entries: fullMarks, ...extra } as SheetInput);

/** The problems scoreSheet refuses a sheet with (JSON in, as the CLI and the server read it). */
function refused(rubric: Rubric, json: string): Problem[] {
  try {
    scoreSheet(rubric, JSON.parse(json) as SheetInput);
  } catch (error) {
    assert.ok(error instanceof KaoheInputError, String(error));
    return error.problems;
  }
  assert.fail(`accepted: ${json}`);
}
const refusedSp = (sheet: Record<string, unknown>) => refused(sp, JSON.stringify(spSheet(sheet)));

describe('attendance facts (C-1, C-2)', () => {
  test('a negative absence is refused (it scored attendance 104.00 and a monthly 101.20)', () => {
    assert.deepEqual(refusedSp({ attendance: { absentDays: '-1' } }), [
      { path: 'attendance.absentDays', rule: 'C-2', message: 'absent days cannot be negative, got -1' },
    ]);
    assert.deepEqual(refusedSp({ attendance: { absentDays: -0.5 } }), [
      { path: 'attendance.absentDays', rule: 'C-2', message: 'absent days cannot be negative, got -0.5' },
    ]);
  });

  test('45 absent days are refused in October, which has 31 days; 31 are the most, and score 0', () => {
    assert.deepEqual(refusedSp({ attendance: { absentDays: '45' } }), [
      { path: 'attendance.absentDays', rule: 'C-2', message: 'absent days cannot exceed the 31 days of 2026-10, got 45', values: { kind: 'absentDaysOverMonth', days: 31, period: '2026-10', got: '45' } },
    ]);
    assert.deepEqual(refusedSp({ attendance: { absentDays: '31.5' } }).map((p) => p.message), ['absent days cannot exceed the 31 days of 2026-10, got 31.5']);
    // C-2: 100 − 31 × 4 = −24, floored at 0; monthly = 100 × 70% + 0 × 30% = 70.00
    const result = scoreSheet(sp, spSheet({ attendance: { absentDays: '31' } }));
    assert.equal(result.attendance, '0.00');
    assert.equal(result.monthly, '70.00');
  });

  test('the days of a period follow the Gregorian calendar: February has 29 days only in leap years', () => {
    assert.deepEqual(['2026-01', '2026-02', '2024-02', '2000-02', '2100-02', '2026-04', '2026-09', '2026-11', '2026-12'].map(daysInPeriod), [31, 28, 29, 29, 28, 30, 30, 30, 31]);
    assert.deepEqual(refusedSp({ period: '2026-02', attendance: { absentDays: '29' } }), [
      { path: 'attendance.absentDays', rule: 'C-2', message: 'absent days cannot exceed the 28 days of 2026-02, got 29', values: { kind: 'absentDaysOverMonth', days: 28, period: '2026-02', got: '29' } },
    ]);
    // 100 − 25 × 4 = 0
    assert.equal(scoreSheet(sp, spSheet({ period: '2024-02', attendance: { absentDays: '29' } })).attendance, '0.00');
  });

  test('no attendance at all is refused where the monthly score uses it (C-1): it scored as full attendance', () => {
    assert.deepEqual(refusedSp({}), [{
      path: 'attendance', rule: 'C-1',
      message: 'R-SP\'s monthly score is work × 70% + attendance × 30%: give the absent days ({ "absentDays": "0" } for full attendance)',
    }]);
    assert.deepEqual(refusedSp({ attendance: {} }), [{ path: 'attendance.absentDays', rule: 'C-2', message: 'give the absent days ("0" for full attendance)' }]);
    assert.deepEqual(refusedSp({ attendance: null }).map((p) => `${p.path} [${p.rule}]`), ['attendance [C-2]']);
  });

  test('R-SP, R-RM and R-FS need attendance; every other preset accepts a sheet without it', () => {
    const presets = Object.values(rubricPresets).map((input) => loadRubric(input));
    const needing: string[] = [];
    for (const rubric of presets) {
      const { attendance: _unused, ...withoutAttendance } = randomSheet(rubric, 7);
      try {
        assert.equal(scoreSheet(rubric, withoutAttendance).attendance, null);
      } catch (error) {
        assert.ok(error instanceof KaoheInputError);
        assert.deepEqual(error.problems.map((p) => `${p.path} [${p.rule}]`), ['attendance [C-1]']);
        needing.push(rubric.id);
      }
    }
    assert.deepEqual(needing, ['R-SP', 'R-RM', 'R-FS']);
  });

  test('C-2 reads absent days only: late counts, leave days or a misspelt field are refused by name, not ignored', () => {
    assert.deepEqual(refusedSp({ attendance: { absentDays: '1', lateCount: 3, leaveDays: '2' } }), [
      { path: 'attendance.lateCount', rule: 'C-2', message: 'C-2 counts absent days only: "lateCount", "leaveDays" is not an attendance fact' },
      { path: 'attendance.leaveDays', rule: 'C-2', message: 'C-2 counts absent days only: "lateCount", "leaveDays" is not an attendance fact' },
    ]);
    assert.deepEqual(refusedSp({ attendance: { absentdays: '0' } }).map((p) => p.path), ['attendance.absentDays', 'attendance.absentdays']);
    assert.deepEqual(refusedSp({ attendance: { absentDays: '1,5' } }), [
      { path: 'attendance.absentDays', rule: 'C-2', message: 'absent days must be a decimal number such as "5" or "2.5" (at most 12 digits before the point and 8 after)' },
    ]);
  });
});

describe('entries keyed by what is not an item', () => {
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    test(`an entry keyed "${key}" is refused like any unknown item (JSON.parse makes it an own key)`, () => {
      const json = `{"rubric":"R-SP","period":"2026-10","attendance":{"absentDays":"0"},"entries":{"SP-Q":{"points":5},"${key}":{"count":1}}}`;
      assert.deepEqual(refused(sp, json), [{ path: `entries.${key}`, rule: 'unknown-item', message: `${key} is not an item of R-SP` }]);
    });
  }

  test('an item whose id is also a name on Object.prototype reads only its own entry', () => {
    const rubric = loadRubric({
      id: 'R-P', version: 1, role: 'tester', label: label('Proto'), composite: { kind: 'workOnly' },
      sections: [{ id: 'only', label: label('Only'), points: 100, items: [
        { id: 'constructor', label: label('c'), points: 50, rule: { kind: 'perOccurrence', amount: 5 } },
        { id: 'toString', label: label('t'), points: 50, rule: { kind: 'award' } },
      ] }],
    });
    const result = scoreSheet(rubric, { rubric: 'R-P', period: '2026-10', entries: {} });
    // No entry for either: the per-occurrence item keeps its 50 by default, the award is still to be scored.
    assert.deepEqual(result.sections[0]!.items.map((i) => `${i.id} ${i.status} ${i.score}`), ['constructor default 50.00', 'toString notScored 0.00']);
    assert.deepEqual(result.missing, ['toString']);
  });

  test('a rubric cannot name an item "__proto__": no sheet could ever hold its entry', () => {
    assert.throws(() => loadRubric({
      id: 'R-Q', version: 1, role: 'tester', label: label('Proto'), composite: { kind: 'workOnly' },
      sections: [{ id: 'only', label: label('Only'), points: 100, items: [{ id: '__proto__', label: label('p'), points: 100, rule: { kind: 'award' } }] }],
    }), /sections\[0\]\.items\[0\]\.id: an id cannot be "__proto__" \[reserved-id\]/);
  });
});

describe('every other sheet fact', () => {
  const fs = loadRubric(rubricPresets['R-FS']!);
  const fsSheet = (entries: Record<string, unknown>) => JSON.stringify({ rubric: 'R-FS', period: '2026-10', attendance: { absentDays: '0' }, entries });

  test('counts are whole numbers from 0 to 10000; prior months (O-5) at most 600', () => {
    assert.deepEqual(refusedSp({ attendance: { absentDays: '0' }, entries: { ...fullMarks, 'SP-D1': { count: -1 }, 'SP-D2': { count: 1.5 }, 'SP-D3': { count: 10001 }, 'SP-D6': { count: 1, priorMonths: 601 } } }), [
      { path: 'entries.SP-D1.count', rule: 'SP-D1', message: 'a count cannot be negative, got -1' },
      { path: 'entries.SP-D2.count', rule: 'SP-D2', message: 'a count must be a whole number such as 0, 1 or 2' },
      { path: 'entries.SP-D3.count', rule: 'SP-D3', message: 'a count cannot be more than 10000' },
      { path: 'entries.SP-D6.priorMonths', rule: 'SP-D6', message: 'prior months cannot be more than 600' },
    ]);
    // SP-D1: 10000 late reports × 5 still floor the pooled section at 0
    assert.equal(scoreSheet(sp, spSheet({ attendance: { absentDays: '0' }, entries: { ...fullMarks, 'SP-D1': { count: 10000 } } })).work, '70.00');
  });

  test('awarded points and deductions cannot be negative; values are decimals of at most 12 + 8 digits', () => {
    assert.deepEqual(refusedSp({ attendance: { absentDays: '0' }, entries: { 'SP-Q': { points: '-2' } } }), [
      { path: 'entries.SP-Q.points', rule: 'SP-Q', message: 'points cannot be negative, got -2' },
    ]);
    assert.deepEqual(refused(fs, fsSheet({ 'FS-3': { deductions: [{ option: 'escalated', amount: '-3', reason: 'x' }] } })), [
      { path: 'entries.FS-3.deductions[0].amount', rule: 'FS-3', message: 'a deduction cannot be negative, got -3' },
    ]);
    const kpi = loadRubric(rubricPresets['R-SP-KPI']!);
    assert.deepEqual(refused(kpi, JSON.stringify({ rubric: 'R-SP-KPI', period: '2026-10', entries: { 'SP-K1': { value: '1e5' }, 'SP-K2': { value: '1234567890123' } } })).map((p) => `${p.path}: ${p.message} [${p.rule}]`), [
      'entries.SP-K1.value: a value must be a decimal number such as "5" or "2.5" (at most 12 digits before the point and 8 after) [SP-K1]',
      'entries.SP-K2.value: a value must be a decimal number such as "5" or "2.5" (at most 12 digits before the point and 8 after) [SP-K2]',
    ]);
  });

  test('a target must be above 0: a target of 0 scored NaN (decimal.js calls +0 positive)', () => {
    const csa = loadRubric(rubricPresets['R-CSA']!);
    const sheet = (target: unknown) => JSON.stringify({ rubric: 'R-CSA', period: '2026-10', entries: { 'CSA-1': { value: 0, target } } });
    // An entry's problem cites what the engine cites for the item: its source, here the preset's note for an item rules.md gives no ID.
    const rule = 'R-CSA 服務得分 40% (rules.md §1; ID given by this preset)';
    assert.deepEqual(refused(csa, sheet('0')), [{ path: 'entries.CSA-1.target', rule, message: 'a target must be above 0, got 0' }]);
    assert.deepEqual(refused(csa, sheet(-5)), [{ path: 'entries.CSA-1.target', rule, message: 'a target must be above 0, got -5' }]);
    assert.throws(() => loadRubric({ ...rubricPresets['R-CSA']!, sections: [{ ...rubricPresets['R-CSA']!.sections[0]!, items: rubricPresets['R-CSA']!.sections[0]!.items.map((item, n) => (n === 0 ? { ...item, rule: { ...item.rule, target: '0' } } : item)) }] } as RubricInput),
      /sections\[0\]\.items\[0\]\.rule\.target: CSA-1: the target must be above 0 \[positive\]/);
  });

  test('texts and ids are bounded, and a misspelt field is named where it is', () => {
    const long = 'x'.repeat(2001);
    assert.deepEqual(refused(fs, fsSheet({ 'FS-3': { deductions: [{ option: 'escalated', amount: '3', reason: long, opton: 'x' }] }, 'FS-1': { level: 'y'.repeat(201) } })), [
      { path: 'entries.FS-3.deductions[0].reason', rule: 'FS-3', message: 'at most 2000 characters' },
      { path: 'entries.FS-3.deductions[0].opton', rule: 'FS-3', message: 'Unrecognized key: "opton"' },
      { path: 'entries.FS-1.level', rule: 'FS-1', message: 'at most 200 characters' },
    ]);
    assert.deepEqual(refusedSp({ attendance: { absentDays: '0' }, entires: {} }), [{ path: 'entires', rule: 'unrecognized_keys', message: 'Unrecognized key: "entires"' }]);
  });

  test('an unknown item is named once, not once more for each of its fields', () => {
    assert.deepEqual(refusedSp({ attendance: { absentDays: '-1' }, entries: { ...fullMarks, 'SP-ZZ': { count: -4, bogus: 1 } } }), [
      { path: 'entries.SP-ZZ', rule: 'unknown-item', message: 'SP-ZZ is not an item of R-SP' },
      { path: 'attendance.absentDays', rule: 'C-2', message: 'absent days cannot be negative, got -1' },
    ]);
  });
});
