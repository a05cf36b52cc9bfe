// Invariants over sheets an assessor may well enter, for every preset: fast-check's arbitraries
// (support/sheet-arbitraries.ts, 'fitting' mode) build them, so a failure shrinks to a small sheet.
// Arbitrary, ill-formed input is sheet-input.property.test.ts's.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { dec, loadRubric, scoreSheet, type SheetInput } from '@kaohe/scoring';
import { rubricPresets } from '../src/presets/index.ts';
import { arbitrarySheet } from './support/sheet-arbitraries.ts';

const rubrics = Object.values(rubricPresets).map((input) => loadRubric(input));
const runs = { numRuns: 150 };

describe('scoring invariants over every preset', () => {
  for (const rubric of rubrics) {
    const penaltyOnly = new Set(rubric.sections.flatMap((s) => s.items.filter((i) => i.penaltyOnly || s.pooled).map((i) => i.id)));
    const sheets = arbitrarySheet(rubric, 'fitting') as fc.Arbitrary<SheetInput>;

    test(`${rubric.id}: every value within its rule is accepted; no item below zero unless penalty-only, no section below its floor`, () => {
      fc.assert(fc.property(sheets, (sheet) => {
        const result = scoreSheet(rubric, sheet);
        for (const section of result.sections) {
          const spec = rubric.sections.find((s) => s.id === section.id)!;
          if (spec.floor !== null) assert.ok(dec(section.score).gte(dec(spec.floor)), `${section.id} ${section.score}`);
          for (const item of section.items) {
            if (!penaltyOnly.has(item.id)) {
              assert.ok(dec(item.score).gte(0), `${item.id} ${item.score}`);
              assert.ok(dec(item.score).lte(dec(item.points)), `${item.id} ${item.score} > ${item.points}`);
            }
          }
        }
      }), runs);
    });

    test(`${rubric.id}: work, attendance and monthly scores stay within 0–100`, () => {
      fc.assert(fc.property(sheets, (sheet) => {
        const result = scoreSheet(rubric, sheet);
        for (const value of [result.work, result.attendance ?? '0', result.monthly]) {
          assert.ok(dec(value).gte(0) && dec(value).lte(100), value);
        }
      }), runs);
    });

    test(`${rubric.id}: the same sheet always gives the same result, whatever the order of its entries`, () => {
      const reordered = sheets.chain((sheet) => {
        const keys = Object.keys(sheet.entries ?? {});
        return fc.tuple(fc.constant(sheet), fc.shuffledSubarray(keys, { minLength: keys.length, maxLength: keys.length }));
      });
      fc.assert(fc.property(reordered, ([sheet, order]) => {
        const shuffled: SheetInput = { ...sheet, entries: Object.fromEntries(order.map((k) => [k, sheet.entries![k]!])) };
        assert.deepEqual(scoreSheet(rubric, shuffled), scoreSheet(rubric, sheet));
        assert.deepEqual(scoreSheet(rubric, structuredClone(sheet)), scoreSheet(rubric, sheet));
      }), runs);
    });
  }
});
