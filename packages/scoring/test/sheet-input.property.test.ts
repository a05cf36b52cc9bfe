// Issue 17: invariants over ARBITRARY input, not only valid sheets. fast-check's arbitraries build
// JSON around the real sheet shape — the right fields with wrong values, wrong fields, unknown and
// prototype-named items, any JSON at all — so a failure shrinks to a small sheet. Whatever
// scoreSheet accepts scores within its bounds; whatever it refuses, it refuses naming a path.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { dec, KaoheInputError, loadRubric, scoreSheet, type Rubric, type ScoreResult } from '@kaohe/scoring';
import { rubricPresets } from '../src/presets/index.ts';
import { arbitraryInput } from './support/sheet-arbitraries.ts';

const rubrics = Object.values(rubricPresets).map((input) => loadRubric(input));
const SHEET_FIELDS = ['$schema', 'rubric', 'rubricVersion', 'employee', 'period', 'attendance', 'entries'];

function assertWithinBounds(rubric: Rubric, result: ScoreResult): void {
  const within = (value: string, low: string | number, high: string | number, what: string) =>
    assert.ok(dec(value).gte(dec(low)) && dec(value).lte(dec(high)), `${what} ${value} is outside ${low}–${high}`);
  within(result.monthly, 0, 100, 'monthly');
  within(result.work, 0, rubric.scale, 'work');
  if (rubric.composite.kind === 'workAttendance') within(result.attendance ?? 'missing', 0, 100, 'attendance');
  else assert.equal(result.attendance, null);
  for (const section of result.sections) {
    const spec = rubric.sections.find((s) => s.id === section.id)!;
    if (spec.floor !== null) assert.ok(dec(section.score).gte(dec(spec.floor)), `section ${section.id} ${section.score} is below its floor ${spec.floor}`);
    for (const item of section.items) {
      const itemSpec = spec.items.find((i) => i.id === item.id)!;
      if (itemSpec.penaltyOnly || spec.pooled) {
        assert.ok(dec(item.score).lte(0), `${item.id} only deducts, got ${item.score}`);
      } else {
        // The item's floor is 0; its ceiling its points (× the cap a measured item may allow).
        const cap = itemSpec.rule.kind === 'measured' ? dec(itemSpec.rule.cap) : dec(1);
        within(item.score, 0, dec(itemSpec.points).times(cap).toString(), item.id);
      }
    }
  }
}

function assertNamesPaths(input: unknown, error: unknown): void {
  assert.ok(error instanceof KaoheInputError, `refused with ${String(error)}, not a KaoheInputError`);
  assert.ok(error.problems.length > 0, 'refused without a problem');
  const isObject = typeof input === 'object' && input !== null && !Array.isArray(input);
  for (const problem of error.problems) {
    assert.ok(problem.rule.length > 0 && problem.message.length > 0, JSON.stringify(problem));
    if (!isObject) {
      assert.equal(problem.path, '', 'a sheet that is no object is refused as a whole');
      continue;
    }
    // The path names a field of the input as written, or a field of a sheet the input lacks.
    const head = /^(?:\[("(?:[^"\\]|\\.)*")\]|([^.[]+))/.exec(problem.path);
    const first = head ? (head[1] !== undefined ? JSON.parse(head[1]) as string : head[2]) : undefined;
    assert.ok(first !== undefined && (Object.hasOwn(input, first) || SHEET_FIELDS.includes(first)), `"${problem.path}: ${problem.message}" names no path of the sheet`);
  }
}

describe('scoreSheet over arbitrary JSON (issue 17)', () => {
  for (const rubric of rubrics) {
    test(`${rubric.id}: what it accepts scores within 0–100 and every item within its floor and points; what it refuses names a path`, () => {
      let accepted = 0;
      fc.assert(fc.property(arbitraryInput(rubric), (input) => {
        let result: ScoreResult;
        try {
          result = scoreSheet(rubric, input as Parameters<typeof scoreSheet>[1]);
        } catch (error) {
          assertNamesPaths(input, error);
          return;
        }
        accepted += 1;
        assertWithinBounds(rubric, result);
      }), { numRuns: 300 });
      // Not a vacuous pass: some of what was generated was good enough to score.
      assert.ok(accepted > 10, `only ${accepted} of 300 inputs were accepted`);
    });
  }
});
