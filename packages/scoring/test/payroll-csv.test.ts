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
