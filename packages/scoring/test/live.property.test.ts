// Issue 15: the rubric form scores its sheet on every keystroke with sheetScorer (live.ts), which
// reads and scores only the entries that changed. Its results and problems must be scoreSheet's,
// whatever is edited, frozen or changed in place.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { deepFreeze, KaoheInputError, loadRubric, scoreSheet, sheetScorer, type Rubric, type RubricInput, type SheetInput } from '@kaohe/scoring';
import { rubricPresets } from '../src/presets/index.ts';
import { arbitrarySheet, type Mode } from './support/sheet-arbitraries.ts';
import { variedSheet } from './support/varied-sheet.ts';

const label = (en: string) => ({ 'zh-Hant': en, 'zh-Hans': en, en });

const outcome = <T>(score: () => T): T | { problems: unknown } => {
  try {
    return score();
  } catch (error) {
    if (error instanceof KaoheInputError) return { problems: error.problems };
    throw error;
  }
};

describe('a sheet scored as it is filled in', () => {
  const rubric = loadRubric({
    id: 'R-L', version: 1, role: 'tester', label: label('Live'), scale: 100,
    sections: [
      { id: 'A', label: label('A'), points: 30, gate: { id: 'G', label: label('gate') }, items: [
        { id: 'A-1', label: label('visits'), points: 10, rule: { kind: 'threshold', perMiss: 3, zeroAt: 2 } },
        { id: 'A-2', label: label('summary'), points: 20, rule: { kind: 'forfeit' } },
      ] },
      { id: 'B', label: label('B'), points: 70, items: [
        { id: 'B-1', label: label('award'), points: 70, rule: { kind: 'award', step: '0.5' } },
      ] },
    ],
  } satisfies RubricInput);
  const sheet = (entries: SheetInput['entries']): SheetInput => ({ rubric: 'R-L', period: '2026-10', attendance: { absentDays: '1' }, entries });

  test('an edit to one item scores that item and its section again; the other section keeps its result', () => {
    const score = sheetScorer(rubric);
    const b1 = deepFreeze({ points: '60.5' });
    const first = score(sheet({ 'B-1': b1 }));
    // 10 + 20 + 60.5 = 90.5; attendance 100 − 4 = 96; monthly 90.5 × 0.7 + 96 × 0.3 = 63.35 + 28.8 = 92.15
    assert.deepEqual([first.work, first.attendance, first.monthly], ['90.50', '96.00', '92.15']);
    const second = score(sheet({ 'A-1': deepFreeze({ count: 1 }), 'B-1': b1 }));
    // 10 − 3 = 7, so A = 27 and work 87.5; monthly 61.25 + 28.8 = 90.05
    assert.deepEqual([second.sections[0]!.score, second.work, second.monthly], ['27.00', '87.50', '90.05']);
    assert.equal(second.sections[1], first.sections[1], 'section B is the same result object');
    assert.notEqual(second.sections[0], first.sections[0]);
    assert.equal(second.sections[0]!.items[1], first.sections[0]!.items[1], 'A-2 is the same result object');
    assert.ok(Object.isFrozen(second) && Object.isFrozen(second.sections[0]!.items[0]));
  });

  test('an entry changed in place (not frozen) is read again each time', () => {
    const score = sheetScorer(rubric);
    const a1: { count: number } = { count: 1 };
    assert.equal(score(sheet({ 'A-1': a1, 'B-1': { points: 70 } })).work, '97.00');
    a1.count = 2;
    // two misses reach zeroAt: A-1 scores 0, work 20 + 70 = 90
    assert.equal(score(sheet({ 'A-1': a1, 'B-1': { points: 70 } })).work, '90.00');
    // an id given with no entry at all is refused by the schema, even right after it was left out
    const undefinedEntry = sheet({ 'A-1': undefined as never });
    assert.equal(score(sheet({})).work, '30.00');
    assert.deepEqual(outcome(() => score(undefinedEntry)), outcome(() => scoreSheet(rubric, undefinedEntry)));
    assert.throws(() => score(undefinedEntry), KaoheInputError);
  });

  test('a breached gate voids its section; a problem is thrown as scoreSheet throws it', () => {
    const score = sheetScorer(rubric);
    const gate = deepFreeze({ breached: true });
    const voided = score(sheet({ G: gate, 'B-1': deepFreeze({ points: 70 }) }));
    assert.equal(voided.sections[0]!.score, '0.00');
    assert.deepEqual(voided.sections[0]!.items.map((i) => i.notes.at(-1)), ['section voided by gate G', 'section voided by gate G']);
    assert.equal(voided.work, '70.00');
    const wrong = sheet({ G: gate, 'B-1': deepFreeze({ points: '69.25' }) });
    assert.throws(() => score(wrong), (error: unknown) => error instanceof KaoheInputError
      && error.problems.length === 1 && error.problems[0]!.path === 'entries.B-1.points' && error.problems[0]!.message === 'B-1 (award): points go in steps of 0.5, got 69.25');
    assert.deepEqual(outcome(() => score(wrong)), outcome(() => scoreSheet(rubric, wrong)));
  });
});

// every preset, and again with the other O-5 and O-7 settings (as fast-path.property.test.ts)
const rubrics: Rubric[] = Object.values(rubricPresets).flatMap((preset, n) => [
  loadRubric(preset),
  loadRubric({ ...preset, settings: { scoreDecimals: n % 5, repeatDoubling: { lookbackMonths: 3, compound: true } } } satisfies RubricInput),
]);

/**
 * One edit of a sequence: the next sheet's fields, and per entry id whether it keeps the previous
 * sheet's object, takes the new one frozen or not, or changes the previous object in place.
 */
const edit = (rubric: Rubric, mode: Mode) => fc.record({
  next: arbitrarySheet(rubric, mode),
  how: fc.array(fc.constantFrom('keep', 'keep', 'keep', 'frozen', 'plain', 'inPlace', 'drop'), { minLength: 1, maxLength: 40 }),
});

function apply(previous: Record<string, unknown>, { next, how }: { next: Record<string, unknown>; how: string[] }): Record<string, unknown> {
  const before = previous['entries'];
  const after = next['entries'];
  if (typeof before !== 'object' || before === null || typeof after !== 'object' || after === null) return next;
  // own keys only, kept as own keys ("__proto__" from JSON among them): nothing reaches Object.prototype
  const own = (o: object, id: string) => (Object.hasOwn(o, id) ? (o as Record<string, unknown>)[id] : undefined);
  const kept: [string, unknown][] = [];
  const ids = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  ids.forEach((id, n) => {
    const old = own(before, id);
    const now = own(after, id);
    const step = how[n % how.length];
    if (step === 'keep') {
      if (Object.hasOwn(before, id)) kept.push([id, old]);
    } else if (step === 'frozen' || step === 'plain') {
      if (Object.hasOwn(after, id)) kept.push([id, step === 'frozen' ? deepFreeze(structuredClone(now)) : now]);
    } else if (step === 'inPlace' && old && typeof old === 'object' && !Object.isFrozen(old) && now && typeof now === 'object' && !Array.isArray(old)) {
      for (const key of Object.keys(old)) delete (old as Record<string, unknown>)[key];
      for (const [key, value] of Object.entries(structuredClone(now))) Object.defineProperty(old, key, { value, enumerable: true, writable: true, configurable: true });
      kept.push([id, old]);
    }
  });
  const entries = Object.fromEntries(kept);
  // the sheet's other fields mostly stay, sometimes change
  return how.length % 5 === 0 ? { ...next, entries } : { ...previous, entries };
}

describe('sheetScorer gives scoreSheet\'s results and problems over sequences of edits', () => {
  for (const [n, rubric] of rubrics.entries()) {
    test(`${rubric.id}${n % 2 ? ' (settings varied)' : ''}`, () => {
      fc.assert(fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.constantFrom<Mode>('fitting', 'fitting', 'edgy', 'messy'),
        fc.boolean(), fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 2, maxLength: 8 }),
        (seed, mode, frozen, picks) => {
          const score = sheetScorer(rubric);
          // a varied sheet (many amounts and counts) to start, then edits towards arbitrary sheets
          const start = variedSheet(rubric, seed, seed % 3 === 0) as Record<string, unknown>;
          let sheet = frozen ? { ...start, entries: Object.fromEntries(Object.entries(start['entries'] as object).map(([id, e]) => [id, deepFreeze(e)])) } : start;
          const edits = fc.sample(edit(rubric, mode), { seed, numRuns: picks.length });
          for (const [step, change] of [undefined, ...edits].entries()) {
            if (change) sheet = apply(sheet, change);
            const input = sheet as SheetInput;
            assert.deepStrictEqual(outcome(() => score(input)), outcome(() => scoreSheet(rubric, input)), `step ${step}, seed ${seed}`);
          }
        },
      ), { numRuns: 60 });
    });
  }
});
