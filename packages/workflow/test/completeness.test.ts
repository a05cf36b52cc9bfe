// With the pinned rubric in the context, the chain refuses a submission the rubric says is not ready.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { itemGroupsOf, loadRubric } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import { chainPresets, openAppraisal } from '../src/index.ts';
import { accept, directory, opened, refuse } from './fixtures.ts';

const sp = loadRubric(rubricPresets['R-SP']);
const fs = loadRubric(rubricPresets['R-FS']);

describe('submitting needs a complete, valid sheet when the rubric is known', () => {
  const chain = chainPresets['W-SP'];
  const record = openAppraisal({ employee: 'S1', period: '2026-10', rubric: { id: 'R-SP', version: 1 }, chain, directory, now: opened });

  test('W-SP: the regional manager cannot submit before SP-Q is awarded', () => {
    const refusal = refuse(record, chain, 'R1', { type: 'step.submit' }, { rubric: sp });
    assert.equal(refusal.code, 'incomplete');
    assert.match(refusal.message, /not yet scored: SP-Q/);
  });

  test('W-FS: FS-1 "needs help" without its reason is refused as an invalid sheet, naming O-8', () => {
    const fsChain = chainPresets['W-FS'];
    const fsRecord = openAppraisal({ employee: 'F1', period: '2026-10', rubric: { id: 'R-FS', version: 1 }, chain: fsChain, directory, now: opened });
    const refusal = refuse(fsRecord, fsChain, 'FM1', { type: 'group.submit', group: 'fieldManagement', entries: { 'FS-1': { level: 'needsHelp', amount: 6 } } },
      { rubric: fs, itemGroups: itemGroupsOf(fs) });
    assert.equal(refusal.code, 'invalidSheet');
    assert.match(refusal.message, /entries\.FS-1\.reason: .*O-8/);
  });

  test('W-FS: the claims group submits once its own items are scored, though other groups\' are not', () => {
    const fsChain = chainPresets['W-FS'];
    const fsRecord = openAppraisal({ employee: 'F1', period: '2026-10', rubric: { id: 'R-FS', version: 1 }, chain: fsChain, directory, now: opened });
    const itemGroups = itemGroupsOf(fs);
    const next = accept(fsRecord, fsChain, 'CL1', { type: 'group.submit', group: 'claims' }, { rubric: fs, itemGroups });
    assert.equal(next.revision, 1);
    const refusal = refuse(fsRecord, fsChain, 'FM1', { type: 'group.submit', group: 'fieldManagement' }, { rubric: fs, itemGroups });
    assert.match(refusal.message, /not yet scored: FS-1, FS-6, FS-8/);
  });

  test('a new sheet claims no attendance: the step that records it (the regional manager\'s) owes it before submitting (C-1, C-2)', () => {
    assert.equal(record.sheet.attendance, undefined, 'opened without absent days, not with 0');
    const refusal = refuse(record, chain, 'R1', { type: 'step.submit', entries: { 'SP-Q': { points: 4 } } }, { rubric: sp });
    assert.equal(refusal.code, 'incomplete');
    assert.equal(refusal.message, 'not yet scored: attendance');
  });

  test('W-SP: with SP-Q awarded and the absent days given the submission goes through', () => {
    const next = accept(record, chain, 'R1', { type: 'step.submit', entries: { 'SP-Q': { points: 4 } }, attendance: { absentDays: '1' } }, { rubric: sp });
    assert.equal(next.step, 'summarise');
    assert.deepEqual(next.sheet.attendance, { absentDays: '1' });
  });
});
