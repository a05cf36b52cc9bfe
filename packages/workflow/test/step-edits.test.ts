// What a step's actor may change is one decision (itemsAtStep): the form's mode comes from it (the
// service's view) and the chain refuses an edit beyond it, whoever sends it and however.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { itemGroupsOf, loadRubric } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import { chainPresets, itemsAtStep, openAppraisal, stepOf } from '../src/index.ts';
import { accept, actsByStep, directory, fieldServiceItemGroups, opened, refuse, walk } from './fixtures.ts';

const sp = loadRubric(rubricPresets['R-SP']);
const fs = loadRubric(rubricPresets['R-FS']);

describe('a reviewer changes no score: a score is changed by returning the sheet to who gave it', () => {
  const chain = chainPresets['W-SP'];
  const scored = walk(openAppraisal({ employee: 'S1', period: '2026-10', rubric: { id: 'R-SP', version: 1 }, chain, directory, now: opened }), chain,
    actsByStep['W-SP'].acts.score ?? []);

  test('sales planning cannot change SP-Q while summarising; submitting without edits goes on', () => {
    const refusal = refuse(scored, chain, 'P2', { type: 'step.submit', entries: { 'SP-Q': { points: '3' } } }, { rubric: sp });
    assert.equal(refusal.code, 'notEditable');
    assert.equal(refusal.message, 'at "Sales planning summarises" the sheet is reviewed, not changed; SP-Q is changed by returning the appraisal to the step that scores it');
    // the weekly report's gate (SP-W) goes with its section: the scorer's, not the summariser's
    assert.equal(refuse(scored, chain, 'P2', { type: 'step.submit', entries: { 'SP-W': { breached: true } } }, { rubric: sp }).code, 'notEditable');
    assert.equal(accept(scored, chain, 'P2', { type: 'step.submit' }, { rubric: sp }).step, 'firstReview');
  });

  test('the VP cannot change the attendance at the first review, nor save a draft of a change', () => {
    const atReview = walk(scored, chain, actsByStep['W-SP'].acts.summarise ?? []);
    const refusal = refuse(atReview, chain, 'V1', { type: 'step.approve', attendance: { absentDays: '2' } }, { rubric: sp });
    assert.equal(refusal.code, 'notEditable');
    assert.match(refusal.message, /attendance is changed by returning/);
    assert.equal(refuse(atReview, chain, 'V1', { type: 'draft.save', entries: { 'SP-D1': { count: 1 } } }, { rubric: sp }).code, 'notEditable');
  });

  test('the regional manager, who scores, changes every item and the attendance', () => {
    const step = stepOf(chain, 'score');
    assert.ok(step);
    // R-SP names no assessing group on any item, so the scorer edits and must fill all 16 of them
    const all = ['SP-D1', 'SP-D2', 'SP-D3', 'SP-D4', 'SP-D5', 'SP-D6', 'SP-W1', 'SP-W2', 'SP-W3', 'SP-W4', 'SP-M', 'SP-Q', 'SP-A', 'SP-P', 'SP-E', 'SP-V'];
    assert.deepEqual(itemsAtStep(chain, step, itemGroupsOf(sp)), { editable: all, required: all, attendance: true });
  });
});

describe('W-FS: the service manager after the groups records the attendance, and no group\'s item', () => {
  const chain = chainPresets['W-FS'];
  const atReview = walk(openAppraisal({ employee: 'F1', period: '2026-10', rubric: { id: 'R-FS', version: 1 }, chain, directory, now: opened }), chain,
    actsByStep['W-FS'].acts.groups ?? [], { itemGroups: fieldServiceItemGroups });

  test('itemsAtStep: at the review every item is a group\'s, so none is the manager\'s; the attendance is', () => {
    const step = stepOf(chain, 'review');
    assert.ok(step);
    assert.deepEqual(itemsAtStep(chain, step, fieldServiceItemGroups), { editable: [], required: [], attendance: true });
  });

  test('approving with the month\'s 1.5 absent days is accepted; with a changed FS-1 it is refused', () => {
    const approved = accept(atReview, chain, 'M1', { type: 'step.approve', attendance: { absentDays: '1.5' } }, { rubric: fs });
    assert.deepEqual(approved.sheet.attendance, { absentDays: '1.5' });
    const refusal = refuse(atReview, chain, 'M1', { type: 'step.approve', entries: { 'FS-1': { level: 'good' } } }, { rubric: fs });
    assert.equal(refusal.code, 'notEditable');
    assert.equal(refusal.message, 'at "Service manager reviews" only attendance may be changed; FS-1 is changed by returning the appraisal to the step that scores it');
  });
});
