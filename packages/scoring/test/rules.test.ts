// One test (at least) per rule ID of shared/domain/rules.md, scored on the shipped presets.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KaoheInputError, loadRubric, scoreSheet, type EntryInput as Entry, type ScoreResult } from '@kaohe/scoring';
import { rubricPresets } from '../src/presets/index.ts';

const rubric = (id: string) => loadRubric(rubricPresets[id as keyof typeof rubricPresets]);
const sp = rubric('R-SP');
const rm = rubric('R-RM');
const fs = rubric('R-FS');

const find = (r: ScoreResult, id: string) => r.sections.flatMap((s) => s.items).find((i) => i.id === id)!;
const section = (r: ScoreResult, id: string) => r.sections.find((s) => s.id === id)!;

// Full marks for the items an assessor must award, so each test changes only what it is about.
const spBase: Record<string, Entry> = { 'SP-Q': { points: 5 } };
const rmBase: Record<string, Entry> = { 'RM-1a': { points: 20 }, 'RM-1b': { points: 20 }, 'RM-1c': { points: 20 }, 'RM-2': { points: 10 }, 'RM-5': { count: 0 } };
const fsBase: Record<string, Entry> = { 'FS-1': { level: 'proficient' }, 'FS-5': { level: 'satisfied' }, 'FS-6': { level: 'complete' }, 'FS-8': { level: 'effective' } };
const scoreSp = (entries: Record<string, Entry>, absentDays = '0') => scoreSheet(sp, { rubric: 'R-SP', period: '2026-10', attendance: { absentDays }, entries: { ...spBase, ...entries } });
const scoreRm = (entries: Record<string, Entry>) => scoreSheet(rm, { rubric: 'R-RM', period: '2026-10', attendance: { absentDays: '0' }, entries: { ...rmBase, ...entries } });
const scoreFs = (entries: Record<string, Entry>) => scoreSheet(fs, { rubric: 'R-FS', period: '2026-10', attendance: { absentDays: '0' }, entries: { ...fsBase, ...entries } });

describe('R-SP salesperson', () => {
  test('a salesperson with nothing deducted scores 100', () => {
    assert.equal(scoreSp({}).monthly, '100.00');
  });
  test('SP-D1: two late dealer terminal reports cost 5 each, dealer management 20 of 30', () => {
    const r = scoreSp({ 'SP-D1': { count: 2 } });
    assert.equal(section(r, 'dealer').score, '20.00');
    assert.equal(r.work, '90.00');
  });
  test('SP-D1…SP-D6: seven occurrences across the dealer items leave the section at 0, never below', () => {
    const r = scoreSp({ 'SP-D1': { count: 2 }, 'SP-D2': { count: 1 }, 'SP-D3': { count: 1 }, 'SP-D4': { count: 1 }, 'SP-D5': { count: 1 }, 'SP-D6': { count: 1 } });
    assert.equal(section(r, 'dealer').score, '0.00');
    assert.equal(section(r, 'dealer').floorApplied, true);
    assert.equal(r.work, '70.00');
  });
  test('SP-D6 with O-5: rebate forms late again after last month cost 10, not 5', () => {
    const r = scoreSp({ 'SP-D6': { count: 1, priorMonths: 1 } });
    assert.equal(section(r, 'dealer').score, '20.00');
  });
  test('SP-W: a late or illegible weekly report loses the whole 40', () => {
    const r = scoreSp({ 'SP-W': { breached: true } });
    assert.equal(section(r, 'weekly').score, '0.00');
    assert.equal(section(r, 'weekly').gateBreached, true);
    assert.equal(r.work, '60.00');
  });
  test('SP-W1 / SP-W2: a summary found untrue scores 0', () => {
    assert.equal(find(scoreSp({ 'SP-W1': { breached: true } }), 'SP-W1').score, '0.00');
    assert.equal(find(scoreSp({ 'SP-W2': { breached: true } }), 'SP-W2').score, '0.00');
  });
  test('SP-W3: one missing visit record costs 3, two or more cost all 10', () => {
    assert.equal(find(scoreSp({ 'SP-W3': { count: 1 } }), 'SP-W3').score, '7.00');
    assert.equal(find(scoreSp({ 'SP-W3': { count: 2 } }), 'SP-W3').score, '0.00');
  });
  test('SP-A / SP-P / SP-E: each late plan costs 2, floored at 0', () => {
    assert.equal(find(scoreSp({ 'SP-A': { count: 1 } }), 'SP-A').score, '3.00');
    assert.equal(find(scoreSp({ 'SP-P': { count: 3 } }), 'SP-P').score, '0.00');
    assert.equal(find(scoreSp({ 'SP-E': { count: 2 } }), 'SP-E').score, '1.00');
  });
  test('SP-M and SP-V: one breach forfeits the item', () => {
    const r = scoreSp({ 'SP-M': { breached: true }, 'SP-V': { breached: true, reason: 'pool car kept overnight' } });
    assert.equal(section(r, 'reports').score, '20.00');
    assert.match(find(r, 'SP-V').deductions[0]!.reason, /pool car kept overnight/);
  });
  test('SP-Q: quality feedback is awarded by the assessor, and not scoring it leaves the sheet incomplete', () => {
    const r = scoreSheet(sp, { rubric: 'R-SP', period: '2026-10', attendance: { absentDays: '0' }, entries: {} });
    assert.deepEqual(r.missing, ['SP-Q']);
  });
});

describe('C-1 and C-2 composite scores', () => {
  test('C-2: a salesperson absent one and a half days scores 92 for attendance', () => {
    assert.equal(scoreSp({}, '1.5').attendance, '92.00');
  });
  test('C-1: work 90 and attendance 92 make a monthly score of 90.60', () => {
    const r = scoreSp({ 'SP-D1': { count: 2 } }, '1.5');
    assert.equal(r.work, '90.00');
    assert.equal(r.monthly, '90.60');
  });
  test('C-2: twenty-six absent days floor attendance at 0', () => {
    assert.equal(scoreSp({}, '26').attendance, '0.00');
  });
});

describe('R-RM regional manager', () => {
  test('RM-1: the monthly report is three awarded parts of 20', () => {
    assert.equal(section(scoreRm({ 'RM-1b': { points: 12 } }), 'monthlyReport').score, '52.00');
  });
  test('RM-4: a monthly report to sales planning after the 30th loses its 10', () => {
    assert.equal(scoreRm({ 'RM-4': { breached: true } }).work, '90.00');
  });
  test('RM-5: two of the region\'s salespeople with heavy deductions cost the manager 4', () => {
    assert.equal(find(scoreRm({ 'RM-5': { count: 2 } }), 'RM-5').score, '6.00');
  });
  test('RM-5: not yet derived from the salespeople\'s appraisals, it is reported as not scored', () => {
    const r = scoreSheet(rm, { rubric: 'R-RM', period: '2026-10', attendance: { absentDays: '0' }, entries: { ...rmBase, 'RM-5': {} } });
    assert.deepEqual(r.missing, ['RM-5']);
  });
  test('RM-2: awarding more than the item\'s 10 points is refused, naming the item', () => {
    assert.throws(() => scoreRm({ 'RM-2': { points: 11 } }), (e: unknown) => e instanceof KaoheInputError && /RM-2 \(award\): points must be between 0 and 10/.test(e.message));
  });
  test('RM-2: the refusal carries its range and the points given, for a form that says it in the reader\'s language', () => {
    assert.throws(() => scoreRm({ 'RM-2': { points: '10.5' } }), (e: unknown) => e instanceof KaoheInputError && assert.deepEqual(e.problems, [{
      path: 'entries.RM-2.points', rule: 'RM-2', message: 'RM-2 (award): points must be between 0 and 10, got 10.5',
      values: { kind: 'outOfRange', min: '0', max: '10', got: '10.5' },
    }]) === undefined);
  });
});

describe('R-FS field service representative', () => {
  test('FS-1: "basically competent" costs 2; "needs help" costs what the assessor chose, with a reason', () => {
    assert.equal(find(scoreFs({ 'FS-1': { level: 'basic' } }), 'FS-1').score, '8.00');
    assert.equal(find(scoreFs({ 'FS-1': { level: 'needsHelp', amount: 7, reason: 'relied on the dispatcher all month' } }), 'FS-1').score, '3.00');
  });
  test('FS-1 with O-8: a "needs help" level without a reason is refused', () => {
    assert.throws(() => scoreFs({ 'FS-1': { level: 'needsHelp', amount: 7 } }), /entries\.FS-1\.reason.*O-8/);
  });
  test('FS-2: unreachable twice costs 4, and the harm it caused more', () => {
    const r = scoreFs({ 'FS-2': { deductions: [{ option: 'unreachable', amount: 2 }, { option: 'unreachable', amount: 2 }, { option: 'harm', amount: 3, reason: 'customer waited a day' }] } });
    assert.equal(find(r, 'FS-2').score, '3.00');
  });
  test('FS-3: a serious complaint raises removal from post (下崗)', () => {
    const r = scoreFs({ 'FS-3': { deductions: [{ option: 'serious', amount: 10 }] } });
    assert.equal(find(r, 'FS-3').score, '0.00');
    assert.deepEqual(r.flags.map((f) => [f.code, f.source, f.label['zh-Hant']]), [['removal-from-post', 'FS-3', '下崗']]);
  });
  test('FS-3: an amount outside the case\'s range is refused, naming the range', () => {
    assert.throws(() => scoreFs({ 'FS-3': { deductions: [{ option: 'escalated', amount: 6, reason: 'x' }] } }), /escalated deducts 2 to 5, got 6/);
    assert.throws(() => scoreFs({ 'FS-3': { deductions: [{ option: 'escalated', amount: 6, reason: 'x' }] } }),
      (e: unknown) => e instanceof KaoheInputError && assert.deepEqual(e.problems.map((p) => p.values), [{ kind: 'outOfRange', min: '2', max: '5', got: '6' }]) === undefined);
  });
  test('FS-4a / FS-4b: claim-form blanks and a late parts plan come off the service-centre section', () => {
    const r = scoreFs({ 'FS-4a': { deductions: [{ option: 'blanks', amount: 2, reason: 'two blank fields' }] }, 'FS-4b': { deductions: [{ option: 'lateHarm', amount: 6, reason: 'warranty repair delayed' }] } });
    assert.equal(section(r, 'serviceCentre').score, '12.00');
  });
  test('FS-5: dealers\' opinion satisfied 10, average 5, poor 0', () => {
    assert.deepEqual(['satisfied', 'average', 'poor'].map((level) => find(scoreFs({ 'FS-5': { level } }), 'FS-5').score), ['10.00', '5.00', '0.00']);
  });
  test('FS-7: each absence from internal training costs 3', () => {
    assert.equal(find(scoreFs({ 'FS-7': { count: 2 } }), 'FS-7').score, '4.00');
  });
  test('FS-10: a first false claim costs 10, a second 30 and a transfer off the post', () => {
    const once = scoreFs({ 'FS-10': { count: 1 } });
    assert.equal(once.work, '90.00');
    assert.deepEqual(once.flags, []);
    const twice = scoreFs({ 'FS-10': { count: 2 } });
    assert.equal(twice.work, '70.00');
    assert.deepEqual(twice.flags.map((f) => f.code), ['transfer']);
  });
  test('O-1: FS-10 is penalty-only, outside the 100 points of FS-1…FS-9', () => {
    assert.equal(scoreFs({}).work, '100.00');
    assert.equal(section(scoreFs({ 'FS-10': { count: 2 } }), 'special').score, '-30.00');
  });
});

describe('C-4 weighted KPI rubrics', () => {
  test('R-CSP: every indicator on target scores 100, a refund rate twice the target loses half its 5%', () => {
    const csp = rubric('R-CSP');
    const onTarget: Record<string, Entry> = Object.fromEntries(csp.sections.flatMap((s) => s.items).map((i) => [i.id, { value: i.rule.kind === 'measured' ? String(i.rule.target) : '0' }]));
    assert.equal(scoreSheet(csp, { rubric: 'R-CSP', period: '2026-10', entries: onTarget }).monthly, '100.00');
    const refundTwice = { ...onTarget, 'CSP-5': { value: '10' } };
    const r = scoreSheet(csp, { rubric: 'R-CSP', period: '2026-10', entries: refundTwice });
    assert.equal(r.monthly, '97.50');
    assert.equal(r.attendance, null);
  });
  test('R-CSA: service 40%, resolution 40%, customers served 20% — half the target of customers costs 10', () => {
    const csa = rubric('R-CSA');
    const r = scoreSheet(csa, { rubric: 'R-CSA', period: '2026-10', entries: { 'CSA-1': { value: 90 }, 'CSA-2': { value: 95 }, 'CSA-3': { value: 600 } } });
    assert.equal(r.monthly, '90.00');
  });
  test('SP-K1: a sales plan 85% complete earns 85% of its weight; a month\'s own target overrides the preset\'s', () => {
    const kpi = rubric('R-SP-KPI');
    const r = scoreSheet(kpi, { rubric: 'R-SP-KPI', period: '2026-10', entries: { 'SP-K1': { value: 85 }, 'SP-K4': { value: 4, target: 4 } } });
    assert.equal(find(r, 'SP-K1').score, '25.50');
    assert.equal(find(r, 'SP-K4').score, '10.00');
  });
});

describe('R-OCS, R-SV and R-TR', () => {
  test('OCS-1…3 are sampled: 9 of 10 calls polite earns 27 of 30; OCS-4 complaints are counted in full', () => {
    const ocs = rubric('R-OCS');
    const r = scoreSheet(ocs, { rubric: 'R-OCS', period: '2026-10', entries: { 'OCS-1': { checked: 10, passed: 9 }, 'OCS-2': { checked: 10, passed: 10 }, 'OCS-3': { checked: 5, passed: 5 }, 'OCS-4': { count: 1 } } });
    assert.equal(find(r, 'OCS-1').score, '27.00');
    assert.equal(r.monthly, '92.00');
  });
  test('R-SV: satisfaction on target everywhere scores 100; a complaint rate above target lowers it', () => {
    const sv = rubric('R-SV');
    const onTarget: Record<string, Entry> = Object.fromEntries(sv.sections.flatMap((s) => s.items).map((i) => [i.id, { value: i.rule.kind === 'measured' ? String(i.rule.target) : '0' }]));
    assert.equal(scoreSheet(sv, { rubric: 'R-SV', period: '2026-10', entries: onTarget }).monthly, '100.00');
    assert.equal(scoreSheet(sv, { rubric: 'R-SV', period: '2026-10', entries: { ...onTarget, 'SV-S3': { value: 4 } } }).monthly, '95.00');
  });
  test('R-TR: self, direct leader, leader above and lateral raters each fill their own part', () => {
    const tr = rubric('R-TR');
    const r = scoreSheet(tr, { rubric: 'R-TR', period: '2026-10', entries: { 'TR-1': { points: 18 }, 'TR-2a': { points: 25 }, 'TR-2b': { points: 27 }, 'TR-3': { value: 80 } } });
    assert.equal(r.monthly, '86.00');
    assert.deepEqual(tr.sections.flatMap((s) => s.items).map((i) => i.groups[0]), ['self', 'directLeader', 'leaderAbove', 'lateral']);
  });
});
