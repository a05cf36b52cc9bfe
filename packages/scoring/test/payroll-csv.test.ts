import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  computePay, loadRubric, parsePayrollCsv, payrollCsv, payrollTable, scoreSheet, validatePayPlan,
  type PayInput, type PayPlan, type PublishedResult, type SheetInput,
} from '../src/index.ts';
import { payPlanPresets, rubricPresets } from '../src/presets/all.ts';

const examples = fileURLToPath(new URL('../../cli/examples/', import.meta.url));
const planOf = (id: string): PayPlan => {
  const checked = validatePayPlan(payPlanPresets[id]);
  assert.ok(checked.ok);
  return checked.value;
};

interface BatchJsonRow {
  name: string;
  sheet: SheetInput;
  payInput: PayInput;
}

/** What HR publishes for the service staff of examples/batch: scores from the engine, pay from P-2 with the monthly score (C-1). */
async function publishedServiceStaff(): Promise<PublishedResult[]> {
  const rows = JSON.parse(await readFile(`${examples}batch/service-staff.json`, 'utf8')) as BatchJsonRow[];
  return rows.map(({ name, sheet, payInput }) => {
    const score = scoreSheet(loadRubric(rubricPresets[sheet.rubric]), sheet);
    const payslip = computePay(payPlanPresets['P-2']!, { ...payInput, employee: sheet.employee, period: sheet.period, values: { ...payInput.values, score: score.monthly } });
    return { employee: sheet.employee ?? '', name, score, payslip };
  });
}

describe('payroll export', () => {
  it('starts with a byte-order mark and ends every line with CRLF, so Excel reads 何敏 as UTF-8', async () => {
    const { csv } = await payrollCsv(await publishedServiceStaff(), { locale: 'zh-Hant', plans: [planOf('P-2')] });
    assert.equal(csv.charCodeAt(0), 0xfeff);
    const lines = csv.slice(1).split('\r\n');
    assert.equal(lines.length, 4, 'header, two people, and the final line end');
    assert.equal(lines.at(-1), '');
    assert.ok(!/[^\r]\n/.test(csv), 'no bare LF');
    assert.match(lines[1]!, /^he\.min,何敏,/);
  });

  it('parses back to the same figures, the P-2 deduction for a month under 60 included', async () => {
    const published = await publishedServiceStaff();
    const { csv } = await payrollCsv(published, { locale: 'en', plans: [planOf('P-2')] });
    const back = await parsePayrollCsv(csv);
    assert.deepEqual(back.rows.map((r) => [r['employee'], r['monthly'], r['pay.performancePay'], r['pay.underSixtyDeduction'], r['pay.total']]),
      published.map((p) => [p.employee, p.score.monthly, p.payslip!.lines.find((l) => l.id === 'performancePay')!.amount,
        p.payslip!.lines.find((l) => l.id === 'underSixtyDeduction')?.amount ?? '', p.payslip!.total]));
    const liNa = back.rows.find((r) => r['employee'] === 'li.na')!;
    assert.equal(liNa['pay.flags'], 'P-2 Monthly score under 60: performance pay reduced by 30%');
  });

  it('keeps a column for a plan line nobody earned this month, blank rather than 0.00', async () => {
    const [heMin] = await publishedServiceStaff();
    const table = payrollTable([heMin!], { locale: 'en', plans: [planOf('P-2')] });
    const column = table.header.indexOf('pay.underSixtyDeduction');
    assert.ok(column > 0);
    assert.equal(table.rows[0]![column], '');
    // without the plan the columns are only the lines on the payslips
    assert.ok(!payrollTable([heMin!], { locale: 'en' }).header.includes('pay.underSixtyDeduction'));
  });

  it('names the department when the results carry one, after the name', async () => {
    const published = (await publishedServiceStaff()).map((p) => ({ ...p, department: '售後服務部' }));
    const table = payrollTable(published, { locale: 'zh-Hant' });
    assert.deepEqual(table.header.slice(0, 4), ['employee', 'name', 'department', 'rubric']);
    assert.deepEqual(table.rows.map((r) => r[2]), ['售後服務部', '售後服務部']);
  });

  it('quotes a name or flag holding a comma or a quote, and reads it back unchanged', async () => {
    const [heMin] = await publishedServiceStaff();
    const tricky = { ...heMin!, name: 'He, "Min"' };
    const back = await parsePayrollCsv((await payrollCsv([tricky], { locale: 'en' })).csv);
    assert.equal(back.rows[0]!['name'], 'He, "Min"');
  });
});

describe('payroll export: cells a spreadsheet shows but never runs (CSV injection, OWASP)', () => {
  // R-SV at half of every target: SV-S1, SV-S2, SV-S4, SV-A1, SV-A2, SV-A4 score 45 against 90
  // (higher is better: 45 ÷ 90 = 0.5); SV-S3 and SV-A3 4 against 2 (lower is better: 2 ÷ 4 = 0.5).
  // Work = 0.5 × 100 = 50.00; R-SV is work-only, so monthly = 50.00.
  // P-2: performance pay = 2200 × 50 / 100 = 1100.00; under 60 (O-4 scale) −1100.00 × 0.3 = −330.00;
  // total = 3000.00 + 1100.00 − 330.00 = 3770.00.
  const halfOfTarget = (employee: string, period = '2026-10'): PublishedResult => {
    const values = { 'SV-S1': '45', 'SV-S2': '45', 'SV-S3': '4', 'SV-S4': '45', 'SV-A1': '45', 'SV-A2': '45', 'SV-A3': '4', 'SV-A4': '45' };
    const sheet: SheetInput = { rubric: 'R-SV', employee, period, entries: Object.fromEntries(Object.entries(values).map(([item, value]) => [item, { value }])) };
    const score = scoreSheet(loadRubric(rubricPresets['R-SV']), sheet);
    const payslip = computePay(planOf('P-2'), { employee, period, values: { baseSalary: '3000', performanceBase: '2200', score: score.monthly } });
    return { employee, score, payslip };
  };

  it('puts a quote before a name, employee or department that starts a formula, and leaves -330.00 a number', async () => {
    const rows: PublishedResult[] = [
      { ...halfOfTarget('=1+1'), name: '@SUM(A1)', department: '+售後服務部' },
      { ...halfOfTarget('li.na'), name: '-李娜', department: '\t=cmd|\' /C calc\'!A0' },
      { ...halfOfTarget('he.min'), name: '\r=HYPERLINK("http://x")', department: "'=already quoted" },
    ];
    const { csv } = await payrollCsv(rows, { locale: 'en', plans: [planOf('P-2')] });
    const score = '50.00,,50.00,,';
    const pay = '3000.00,1100.00,-330.00,3770.00,P-2 Monthly score under 60: performance pay reduced by 30%';
    assert.equal(csv, '\uFEFF'
      + 'employee,name,department,rubric,period,work,attendance,monthly,flags,missing,pay.baseSalary,pay.performancePay,pay.underSixtyDeduction,pay.total,pay.flags\r\n'
      + `"'=1+1","'@SUM(A1)","'+售後服務部",R-SV,2026-10,${score},${pay}\r\n`
      + `li.na,"'-李娜","'\t=cmd|' /C calc'!A0",R-SV,2026-10,${score},${pay}\r\n`
      // a carriage return inside a cell is quoted anyway; a text already starting with ' before = gets one more
      + `he.min,"'\r=HYPERLINK(""http://x"")","''=already quoted",R-SV,2026-10,${score},${pay}\r\n`);
  });

  it('neutralises flags and item ids a rubric author typed, since the builder lets them write any text', async () => {
    const row = halfOfTarget('wu.fang');
    const flagged: PublishedResult = {
      ...row,
      name: '吳芳',
      score: { ...row.score, flags: [{ code: 'x', source: '=FS-10', label: { en: 'moved', 'zh-Hant': '調離', 'zh-Hans': '调离' } }], missing: ['-SV-X'] },
    };
    const { csv } = await payrollCsv([flagged], { locale: 'en' });
    assert.equal(csv.split('\r\n')[1], `wu.fang,吳芳,R-SV,2026-10,50.00,,50.00,"'=FS-10 moved","'-SV-X",3000.00,1100.00,-330.00,3770.00,P-2 Monthly score under 60: performance pay reduced by 30%`);
  });

  it('reads the neutralised cells back as they were typed', async () => {
    const typed = ['@SUM(A1)', '-李娜', "'=already quoted", "it's fine", '-', '=', ''];
    const rows = typed.map((name, n) => ({ ...halfOfTarget(`p${n}`), name }));
    const back = await parsePayrollCsv((await payrollCsv(rows, { locale: 'en' })).csv);
    assert.deepEqual(back.rows.map((r) => r['name']), typed);
    assert.deepEqual(back.rows.map((r) => r['pay.underSixtyDeduction']), typed.map(() => '-330.00'));
  });
});
