import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateRubric } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import { cli } from './support.ts';

/** A preset copy loose enough to break on purpose. */
interface LooseRubric { id: string; version: number; scale?: unknown; settings?: unknown; sections: Array<{ points: unknown; items: Array<Record<string, unknown>> }> }
const salesperson = () => structuredClone(rubricPresets['R-SP']!) as unknown as LooseRubric;

describe('kaohe validate', () => {
  it('accepts the R-SP preset and reports its id, version and item count', async () => {
    const rubric = salesperson();
    const items = rubric.sections.reduce((n, s) => n + s.items.length, 0);
    const { code, out, err } = await cli(['validate', 'r-sp.json'], { 'r-sp.json': JSON.stringify(rubric) });
    assert.equal(code, 0, err);
    assert.equal(out, `valid: ${rubric.id} v${rubric.version}, ${items} items\n`);
  });

  it('exits 1 and lists every problem of a broken rubric — path, rule and message — on stderr, nothing on stdout', async () => {
    const rubric = salesperson();
    // O-1: the declared points no longer match the items; a duplicated id; a deduction of nothing.
    rubric.sections[1]!.points = '45';
    rubric.sections[2]!.items[1]!['id'] = 'SP-M';
    const dealerItem = rubric.sections[0]!.items[0]!;
    dealerItem['rule'] = { kind: 'perOccurrence', amount: '0' };
    const expected = validateRubric(rubric);
    assert.ok(!expected.ok && expected.problems.length >= 3, 'the broken rubric must have several problems');

    const { code, out, err } = await cli(['validate', 'broken.json'], { 'broken.json': JSON.stringify(rubric) });
    assert.equal(code, 1);
    assert.equal(out, '');
    for (const problem of expected.problems) {
      assert.ok(err.includes(`${problem.path}:`), `stderr names ${problem.path}:\n${err}`);
      assert.ok(err.includes(`[${problem.rule}]`), `stderr names rule ${problem.rule}`);
    }
    assert.ok(err.includes('[O-1]'), 'the scale mismatch cites O-1');
    assert.ok(err.includes(`(${expected.problems.length} problems)`));
  });

  it('names the item whose rule kind is unknown, not only its array position', async () => {
    const rubric = salesperson();
    rubric.sections[2]!.items[3]!['rule'] = { kind: 'bonus' };
    const itemId = rubric.sections[2]!.items[3]!['id'] as string;
    const { code, err } = await cli(['validate', 'kind.json'], { 'kind.json': JSON.stringify(rubric) });
    assert.equal(code, 1);
    assert.match(err, new RegExp(`sections\\[2\\]\\.items\\[3\\]\\.rule\\.kind: ${itemId}:`));
  });

  it('prints an O-1 scale mismatch as a warning and still exits 0 when the rubric allows it', async () => {
    const rubric = salesperson();
    rubric.settings = { scaleMismatch: 'warning' };
    rubric.scale = '110';
    const { code, out, err } = await cli(['validate', 'warn.json'], { 'warn.json': JSON.stringify(rubric) });
    assert.equal(code, 0, err);
    assert.ok(out.startsWith(`valid: ${rubric.id} v${rubric.version}`));
    assert.match(err, /1 warning:\n {2}- scale: .*110.*\[O-1\]/);
  });

  it('validates a pay plan file too, telling it apart by its lines', async () => {
    const plan = { id: 'P-X', version: 2, label: { 'zh-Hant': '試', 'zh-Hans': '试', en: 'Trial' }, inputs: [{ name: 'T', label: { 'zh-Hant': 'T', 'zh-Hans': 'T', en: 'T' }, kind: 'money' }], lines: [{ id: 'base', label: { 'zh-Hant': '基礎', 'zh-Hans': '基础', en: 'Base' }, formula: 'T * 0.5' }] };
    const ok = await cli(['validate', 'plan.json'], { 'plan.json': JSON.stringify(plan) });
    assert.equal(ok.code, 0, ok.err);
    assert.equal(ok.out, 'valid: P-X v2 pay plan, 1 line\n');
    plan.lines[0]!.formula = 'T * bonusRate';
    const bad = await cli(['validate', 'plan.json'], { 'plan.json': JSON.stringify(plan) });
    assert.equal(bad.code, 1);
    assert.match(bad.err, /lines\[0\]\.formula.*bonusRate/);
  });

  it('says where a rubric stops being JSON, by line and column', async () => {
    const text = '{\n  "id": "R-X",\n  "version" 1\n}';
    const { code, out, err } = await cli(['validate', 'bad.json'], { 'bad.json': text });
    assert.equal(code, 1);
    assert.equal(out, '');
    assert.match(err, /bad\.json is not valid JSON at line 3, column 13/);
  });

  it('exits 1 naming the file when it cannot be read', async () => {
    const { code, out, err } = await cli(['validate', 'no-such-rubric.json']);
    assert.equal(code, 1);
    assert.equal(out, '');
    assert.match(err, /cannot read the file no-such-rubric\.json: no such file/);
  });
});
