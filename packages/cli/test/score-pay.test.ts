import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Decimal, loadRubric, scoreSheet, type Payslip, type ScoreResult } from '@kaohe/scoring';
import { payPlanPresets, rubricPresets } from '@kaohe/scoring/presets';
import { cli, examplePay, exampleSheet, readJsonFile } from './support.ts';

describe('kaohe score', () => {
  it('a salesperson absent one and a half days scores 92 for attendance and 70/30 for the month (C-1, C-2)', async () => {
    const file = exampleSheet('r-sp-wang.json');
    const sheet = await readJsonFile<{ attendance: { absentDays: string } }>(file);
    assert.equal(sheet.attendance.absentDays, '1.5');
    const { code, out, err } = await cli(['score', '--rubric', 'R-SP', '--sheet', file]);
    assert.equal(code, 0, err);
    const result = JSON.parse(out) as ScoreResult;
    // C-2: a half day counts as a whole one, −4 per day.
    assert.equal(result.attendance, '92.00');
    assert.equal(result.monthly, new Decimal(result.work).times('0.7').plus(new Decimal(result.attendance).times('0.3')).toFixed(2));
    assert.equal(typeof result.work, 'string');
  });

  it('prints the same result as the engine, every item with its score, when the rubric comes from the sheet', async () => {
    const file = exampleSheet('r-fs-chen.json');
    const { code, out } = await cli(['score', '--sheet', file]);
    assert.equal(code, 0);
    const expected = scoreSheet(loadRubric(rubricPresets['R-FS']), await readJsonFile(file));
    assert.deepEqual(JSON.parse(out), JSON.parse(JSON.stringify(expected)));
    const fs10 = (JSON.parse(out) as ScoreResult).sections.flatMap((s) => s.items).find((i) => i.id === 'FS-10');
    // FS-10: twice found → −30 and a transfer off the post.
    assert.equal(fs10?.score, '-30.00');
    assert.ok((JSON.parse(out) as ScoreResult).flags.some((f) => f.source === 'FS-10'));
  });

  it('--format text shows each item and the totals in a table, labels in the chosen language', async () => {
    const { code, out } = await cli(['score', '--sheet', exampleSheet('r-fs-chen.json'), '--format', 'text', '--locale', 'en']);
    assert.equal(code, 0);
    assert.match(out, /^ {2}FS-10 +False claims/m);
    assert.match(out, /work \d+\.\d\d · attendance \d+\.\d\d · monthly \d+\.\d\d/);
  });

  it('a sheet with an unknown item exits 1 naming the item and the rule, with nothing on stdout', async () => {
    const sheet = { rubric: 'R-SP', period: '2026-10', entries: { 'SP-D1': { count: 1 }, 'SP-Z9': { count: 2 } } };
    const { code, out, err } = await cli(['score', '--sheet', 's.json'], { 's.json': JSON.stringify(sheet) });
    assert.equal(code, 1);
    assert.equal(out, '');
    assert.match(err, /entries\.SP-Z9: SP-Z9 is not an item of R-SP \[unknown-item\]/);
  });

  describe('sheet facts are bounded, each refusal naming the field and the rule (issue 17)', () => {
    // Every R-SP item at full marks (SP-Q is the one the assessor awards), so only attendance is at stake.
    const sheet = (extra: string) => `{"rubric":"R-SP","period":"2026-10",${extra}"entries":{"SP-Q":{"points":5}}}`;
    const cases: Array<[string, string, string]> = [
      ['a negative absence (it scored 101.20)', sheet('"attendance":{"absentDays":"-1"},'), '  - attendance.absentDays: absent days cannot be negative, got -1 [C-2]'],
      ['45 absent days in October', sheet('"attendance":{"absentDays":"45"},'), '  - attendance.absentDays: absent days cannot exceed the 31 days of 2026-10, got 45 [C-2]'],
      ['no attendance (it scored as full attendance)', sheet(''),
        '  - attendance: R-SP\'s monthly score is work × 70% + attendance × 30%: give the absent days ({ "absentDays": "0" } for full attendance) [C-1]'],
      ['an entry keyed __proto__ (it was ignored)', '{"rubric":"R-SP","period":"2026-10","attendance":{"absentDays":"0"},"entries":{"SP-Q":{"points":5},"__proto__":{"count":1}}}',
        '  - entries.__proto__: __proto__ is not an item of R-SP [unknown-item]'],
    ];
    for (const [what, json, line] of cases) {
      it(`${what}: exit 1, the problem on stderr, nothing on stdout`, async () => {
        const { code, out, err } = await cli(['score', '--rubric', 'R-SP', '--sheet', 's.json'], { 's.json': json });
        assert.equal(code, 1);
        assert.equal(out, '');
        assert.equal(err, `kaohe score: the sheet s.json is invalid (1 problem)\n${line}\n`);
      });
    }

    it('the same sheet with its attendance given scores as before: 0.5 days count as 1, 100 × 70% + 96 × 30% = 98.80', async () => {
      const { code, out, err } = await cli(['score', '--rubric', 'R-SP', '--sheet', 's.json'], { 's.json': sheet('"attendance":{"absentDays":"0.5"},') });
      assert.equal(code, 0, err);
      const result = JSON.parse(out) as ScoreResult;
      assert.deepEqual([result.work, result.attendance, result.monthly], ['100.00', '96.00', '98.80']);
    });
  });

  it('an unknown rubric preset exits 1 and lists the presets there are', async () => {
    const { code, out, err } = await cli(['score', '--rubric', 'R-XX', '--sheet', exampleSheet('r-sp-wang.json')]);
    assert.equal(code, 1);
    assert.equal(out, '');
    assert.match(err, /unknown rubric preset "R-XX"/);
    for (const id of Object.keys(rubricPresets)) assert.ok(err.includes(id), `lists ${id}`);
  });

  it('a wrong option is a usage error (exit 2) followed by the usage', async () => {
    const { code, out, err } = await cli(['score', '--sheeet', 'x.json']);
    assert.equal(code, 2);
    assert.equal(out, '');
    assert.match(err, /Unknown option '--sheeet'/);
    assert.match(err, /Usage: kaohe score/);
  });
});

describe('kaohe pay', () => {
  it('P-1: base T × 50%, plan pay T × 35% × completion, daily-work pay T × 15% × score rate, amounts with two decimals', async () => {
    const file = examplePay('p1-wang.json');
    const input = await readJsonFile<{ values: Record<string, string> }>(file);
    const { code, out, err } = await cli(['pay', '--plan', 'P-1', '--input', file]);
    assert.equal(code, 0, err);
    const payslip = JSON.parse(out) as Payslip;
    const T = new Decimal(input.values['T']!);
    const completion = Decimal.min(1, new Decimal(input.values['completionRate']!));
    const expected = [T.times('0.5'), T.times('0.35').times(completion), T.times('0.15').times(new Decimal(input.values['workScore']!).div(100)), new Decimal(input.values['overPlanBonus']!)]
      .map((d) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
    assert.deepEqual(payslip.lines.map((l) => l.amount), expected);
    assert.equal(payslip.total, expected.reduce((sum, a) => sum.plus(a), new Decimal(0)).toFixed(2));
    for (const line of payslip.lines) {
      assert.ok(line.formula.length > 0, 'each line carries its formula');
      assert.ok(line.label['zh-Hant'].length > 0, 'and its label');
    }
  });

  it('--sheet supplies the daily-work score from a scored sheet', async () => {
    const input = { values: { T: '8000', completionRate: '0.9' } };
    const sheet = exampleSheet('r-sp-wang.json');
    const { code, out, err } = await cli(['pay', '--plan', 'P-1', '--input', 'in.json', '--sheet', sheet], { 'in.json': JSON.stringify(input) });
    assert.equal(code, 0, err);
    const payslip = JSON.parse(out) as Payslip;
    const work = scoreSheet(loadRubric(rubricPresets['R-SP']), await readJsonFile(sheet)).work;
    const dailyWork = payslip.lines.find((l) => l.formula.includes('scoreRate'));
    assert.equal(dailyWork?.amount, new Decimal(8000).times('0.15').times(new Decimal(work).div(100)).toFixed(2));
    assert.equal(payslip.employee, 'wang.xiaoming');
  });

  it('inputs that do not fit the plan exit 1 naming each input and rule', async () => {
    const { code, out, err } = await cli(['pay', '--plan', 'P-1', '--input', examplePay('p2-li-under60.json')]);
    assert.equal(code, 1);
    assert.equal(out, '');
    assert.match(err, /values\.T: .*\[required\]/);
    assert.match(err, /values\.baseSalary: .*\[unknown-input\]/);
  });

  it('an unknown pay-plan preset exits 1 and lists the plans there are', async () => {
    const { code, err } = await cli(['pay', '--plan', 'P-9', '--input', examplePay('p1-wang.json')]);
    assert.equal(code, 1);
    for (const id of Object.keys(payPlanPresets)) assert.ok(err.includes(id), `lists ${id}`);
  });
});
