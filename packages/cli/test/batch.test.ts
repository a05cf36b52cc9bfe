import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Papa from 'papaparse';
import { computePay, Decimal, loadRubric, payrollCsv, scoreSheet, validatePayPlan, type PublishedResult, type SheetInput } from '@kaohe/scoring';
import { payPlanPresets, rubricPresets } from '@kaohe/scoring/presets';
import { cli, examples, exampleSheet, readJsonFile, tempDir } from './support.ts';

type Row = Record<string, string>;

/** Writes sheets in the documented CSV layout: <item>.<field> columns, deductions as JSON. */
function toCsv(rows: Array<{ sheet: SheetInput; name: string; pay?: Record<string, string> }>): string {
  const data = rows.map(({ sheet, name, pay }) => {
    const row: Row = { employee: sheet.employee ?? '', name, rubric: sheet.rubric, period: sheet.period, absentDays: String(sheet.attendance?.absentDays ?? '') };
    for (const [item, entry] of Object.entries(sheet.entries ?? {})) {
      for (const [field, value] of Object.entries(entry)) row[`${item}.${field}`] = field === 'deductions' ? JSON.stringify(value) : String(value);
    }
    for (const [input, value] of Object.entries(pay ?? {})) row[`pay.${input}`] = value;
    return row;
  });
  const fields = [...new Set(data.flatMap((r) => Object.keys(r)))];
  return Papa.unparse({ fields, data: data.map((r) => fields.map((f) => r[f] ?? '')) });
}

function parseResults(text: string): Row[] {
  const parsed = Papa.parse<Row>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  assert.deepEqual(parsed.errors, []);
  return parsed.data;
}

const people = [
  { file: 'r-sp-wang.json', name: '王小明' },
  { file: 'r-sp-li.json', name: '李建國' },
  { file: 'r-fs-chen.json', name: '陳浩' },
  { file: 'r-fs-lin.json', name: '林志強' },
];
const load = async () => Promise.all(people.map(async (p) => ({ sheet: await readJsonFile<SheetInput>(exampleSheet(p.file)), name: p.name })));
const engineScore = (sheet: SheetInput) => scoreSheet(loadRubric(rubricPresets[sheet.rubric]), sheet);

describe('kaohe batch', () => {
  it('scores a CSV of sheets into a CSV with a byte-order mark, Chinese names intact and the monthly score the engine gives', async () => {
    const dir = await tempDir();
    const rows = await load();
    const input = join(dir, 'sheets.csv');
    await writeFile(input, toCsv(rows));
    const out = join(dir, 'results.csv');

    const { code, err, out: stdout } = await cli(['batch', '--input', input, '--out', out]);
    assert.equal(code, 0, err);
    assert.equal(stdout, '', 'with --out the results go to the file');
    const text = await readFile(out, 'utf8');
    assert.ok(text.startsWith('\uFEFF'), 'Excel needs the BOM to read UTF-8');
    const results = parseResults(text);
    assert.deepEqual(results.map((r) => r['name']), people.map((p) => p.name));
    for (const [n, { sheet }] of rows.entries()) {
      const expected = engineScore(sheet);
      assert.equal(results[n]!['monthly'], expected.monthly, `${sheet.employee} monthly`);
      assert.equal(results[n]!['work'], expected.work);
      assert.equal(results[n]!['attendance'], expected.attendance ?? '');
      assert.equal(results[n]!['employee'], sheet.employee);
    }
    // FS-10: the service centre of chen.hao's region was found filing false claims twice.
    assert.match(results[2]!['flags']!, /FS-10/);
    assert.deepEqual(Object.keys(results[0]!).slice(0, 8), ['employee', 'name', 'rubric', 'period', 'work', 'attendance', 'monthly', 'flags']);
  });

  it('with a pay plan adds each payslip line and the total, the daily-work score taken from the sheet (P-1)', async () => {
    const rows = (await load()).slice(0, 2).map((r, n) => ({ ...r, pay: { T: String(7000 + n * 1000), completionRate: n === 0 ? '0.85' : '1.1' } }));
    const { code, out, err } = await cli(['batch', '--input', 'sales.csv', '--plan', 'P-1'], { 'sales.csv': toCsv(rows) });
    assert.equal(code, 0, err);
    assert.ok(out.startsWith('\uFEFF'));
    const results = parseResults(out);
    for (const [n, { sheet, pay }] of rows.entries()) {
      const payslip = computePay(payPlanPresets['P-1']!, { values: { ...pay, workScore: engineScore(sheet).work } });
      assert.equal(results[n]!['pay.total'], payslip.total);
      for (const line of payslip.lines) assert.equal(results[n]![`pay.${line.id}`], line.amount, `${sheet.employee} ${line.id}`);
    }
  });

  it('reports a bad row by its spreadsheet row number, column and rule, writes nothing and leaves the old results alone', async () => {
    const dir = await tempDir();
    const rows = await load();
    (rows[1]!.sheet.entries!['SP-W'] as Record<string, unknown>)['breached'] = 'maybe';
    (rows[3]!.sheet.entries!['FS-1'] as Record<string, unknown>)['level'] = 'genius';
    const out = join(dir, 'results.csv');
    await writeFile(out, 'last month\n');

    const { code, out: stdout, err } = await cli(['batch', '--input', 'bad.csv', '--out', out], { 'bad.csv': toCsv(rows) });
    assert.equal(code, 1);
    assert.equal(stdout, '');
    // The header is row 1, so the second employee is row 3.
    assert.match(err, /row 3 \(li\.jianguo 李建國\), SP-W\.breached: .*"maybe".*\[boolean\]/);
    assert.match(err, /row 5 \(lin\.zhiqiang 林志強\), FS-1\.level: .*genius.*\[FS-1\]/);
    assert.doesNotMatch(err, /row 2|row 4/, 'good rows are not reported');
    assert.match(err, /nothing was written/);
    assert.equal(await readFile(out, 'utf8'), 'last month\n');
  });

  it('a blank absentDays cell is refused for R-SP (C-1), not read as full attendance; -1 and 45 days are refused (C-2)', async () => {
    const csv = 'employee,name,rubric,period,absentDays,SP-Q.points\nwang,王小明,R-SP,2026-10,,5\nli,李建國,R-SP,2026-10,-1,5\nzhao,趙麗麗,R-SP,2026-10,45,5\nchen,陳宇,R-SP,2026-10,0,5\n';
    const { code, out, err } = await cli(['batch', '--input', 'a.csv'], { 'a.csv': csv });
    assert.equal(code, 1);
    assert.equal(out, '');
    assert.equal(err, [
      'kaohe batch: 3 rows of a.csv are bad (3 problems); nothing was written',
      '  - row 2 (wang 王小明), absentDays: R-SP\'s monthly score is work × 70% + attendance × 30%: give the absent days ({ "absentDays": "0" } for full attendance) [C-1]',
      '  - row 3 (li 李建國), absentDays: absent days cannot be negative, got -1 [C-2]',
      '  - row 4 (zhao 趙麗麗), absentDays: absent days cannot exceed the 31 days of 2026-10, got 45 [C-2]',
      '',
    ].join('\n'));
  });

  it('names an unknown column and an unknown rubric preset', async () => {
    const csv = 'employee,name,rubric,period,SP-D1.cuont\nx,甲,R-XX,2026-10,1\n';
    const { code, err } = await cli(['batch', '--input', 'c.csv'], { 'c.csv': csv });
    assert.equal(code, 1);
    assert.match(err, /row 1, column SP-D1\.cuont: "cuont" is not an entry field.*\[column\]/);
    assert.match(err, /row 2 \(x 甲\), rubric: unknown rubric preset "R-XX"; the presets are R-SP/);
  });

  it('refuses the same employee and month twice, which would pay them twice', async () => {
    const rows = await load();
    const { code, err } = await cli(['batch', '--input', 'd.csv'], { 'd.csv': toCsv([rows[0]!, rows[0]!]) });
    assert.equal(code, 1);
    assert.match(err, /row 3 \(wang\.xiaoming 王小明\), employee: wang\.xiaoming 2026-10 is already in row 2 \[duplicate\]/);
  });

  it('reads the JSON layout too: the example service staff with P-2, the one under 60 flagged', async () => {
    const file = join(examples, 'batch', 'service-staff.json');
    const input = await readJsonFile<Array<{ name: string; sheet: SheetInput; payInput: { values: Record<string, string>; settings?: Record<string, string> } }>>(file);
    const { code, out, err } = await cli(['batch', '--input', file, '--plan', 'P-2']);
    assert.equal(code, 0, err);
    const results = parseResults(out);
    assert.deepEqual(results.map((r) => r['name']), input.map((i) => i.name));
    for (const [n, row] of input.entries()) {
      const score = engineScore(row.sheet);
      assert.equal(results[n]!['monthly'], score.monthly);
      const payslip = computePay(payPlanPresets['P-2']!, { ...row.payInput, values: { ...row.payInput.values, score: score.monthly } });
      assert.equal(results[n]!['pay.total'], payslip.total);
      // P-2: a month under 60 deducts from the performance pay and is flagged.
      assert.equal(/P-2/.test(results[n]!['pay.flags']!), new Decimal(score.monthly).lt(60));
    }
  });

  it('writes byte for byte the payroll file HR exports for the same people (payrollCsv), so the two never disagree', async () => {
    const file = join(examples, 'batch', 'service-staff.json');
    const input = await readJsonFile<Array<{ name: string; sheet: SheetInput; payInput: { values: Record<string, string>; settings?: Record<string, string> } }>>(file);
    const plan = validatePayPlan(payPlanPresets['P-2']);
    assert.ok(plan.ok);
    const published: PublishedResult[] = input.map(({ name, sheet, payInput }) => {
      const score = engineScore(sheet);
      const payslip = computePay(plan.value, { ...payInput, employee: sheet.employee, period: sheet.period, values: { ...payInput.values, score: score.monthly } });
      return { employee: sheet.employee ?? '', name, score, payslip };
    });
    const exported = await payrollCsv(published, { locale: 'zh-Hant', plans: [plan.value] });
    const { code, out, err } = await cli(['batch', '--input', file, '--plan', 'P-2']);
    assert.equal(code, 0, err);
    assert.equal(out, exported.csv);
  });

  it('runs the example sales CSV shipped in examples/batch with P-1, one result per row', async () => {
    const file = join(examples, 'batch', 'sales-staff.csv');
    const inputRows = parseResults(await readFile(file, 'utf8'));
    const { code, out, err } = await cli(['batch', '--input', file, '--plan', 'P-1']);
    assert.equal(code, 0, err);
    const results = parseResults(out);
    assert.deepEqual(results.map((r) => `${r['employee']} ${r['name']}`), inputRows.map((r) => `${r['employee']} ${r['name']}`));
    assert.ok(results.every((r) => /^\d+\.\d\d$/.test(r['pay.total']!)), 'every row has a total with two decimals');
  });
});
