import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { computePay, loadRubric, parsePayrollCsv, scoreSheet, type PayInput, type Payslip } from '@kaohe/scoring';
import { payPlanPresets, rubricPresets } from '@kaohe/scoring/presets';
import { chainPresets, openAppraisal, type AppraisalRecord, type Directory } from '@kaohe/workflow';
import { registerPayPlans, setLocale } from '../src/index.ts';
import { KaohePayslip } from '../src/kaohe-payslip/kaohe-payslip.ts';
import { KaohePayrollExport, KaohePayrollExportedEvent, type PayrollEntry } from '../src/kaohe-payslip/payroll-export.ts';

// The CLI's example inputs, as `kaohe pay` reads them (served by the test server from the checkout).
const example = async (file: string) => (await (await fetch(new URL(`../../cli/examples/pay/${file}`, import.meta.url))).json()) as PayInput;
const [p1Wang, p2Li, p3Zhao] = await Promise.all([example('p1-wang.json'), example('p2-li-under60.json'), example('p3-zhao-gate-failed.json')]);

KaohePayslip.define('kaohe-payslip');
KaohePayrollExport.define('kaohe-payroll-export');
// The core bundle no longer carries P-1 … P-3; on a page they come registered by kaohe-presets.js.
registerPayPlans(payPlanPresets);

const directory: Directory = {
  people: [
    { id: 'H1', name: 'HR one', roles: ['hr'] },
    { id: 'P1', name: 'Head of sales planning', roles: ['salesPlanningHead'], department: 'salesPlanning' },
    { id: 'V1', name: 'Sales VP', roles: ['vp'] },
    { id: 'R1', name: 'RM north', roles: ['regionalManager'], region: 'north', managerId: 'P1' },
    { id: 'wang.wei', name: '王偉', number: 'E1001', roles: ['salesperson'], region: 'north', department: 'sales', managerId: 'R1' },
    { id: 'S2', name: '李強', roles: ['salesperson'], region: 'north', department: 'sales', managerId: 'R1' },
    { id: 'li.na', name: '李娜', roles: ['serviceStaff'], department: 'service' },
    { id: 'zhao.min', name: '趙敏', roles: ['afterSalesCustomerService'], department: 'shop' },
  ],
};

function record(employee: string, status: AppraisalRecord['status'] = 'published'): AppraisalRecord {
  const opened = openAppraisal({ employee, period: '2026-10', rubric: { id: 'R-SP', version: 1 }, chain: chainPresets['W-SP'], directory, now: '2026-11-01T09:00:00+08:00' });
  return { ...opened, status };
}

const examples = [
  { plan: 'P-1', input: p1Wang },
  { plan: 'P-2', input: p2Li },
  { plan: 'P-3', input: p3Zhao },
] as const;

async function mount(options: { plan: string; input: PayInput; viewer?: string; status?: AppraisalRecord['status']; locale?: string }): Promise<KaohePayslip> {
  const employee = options.input.employee!;
  return fixture<KaohePayslip>(html`<kaohe-payslip locale=${options.locale ?? 'en'} plan=${options.plan} .input=${options.input}
    .record=${record(employee, options.status)} viewer=${options.viewer ?? employee} .directory=${directory}></kaohe-payslip>`);
}

const root = (el: HTMLElement) => el.shadowRoot!;
const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
/** "8,000.00" → "8000.00": the amount as computePay writes it. */
const plain = (shown: string) => shown.replace(/[^\d.-]/g, '');

describe('kaohe-payslip shows what computePay computes, to the cent', () => {
  for (const { plan, input } of examples) {
    it(`${plan} (${input.employee}): every line and the total read as the CLI's computePay gives them`, async () => {
      const el = await mount({ plan, input });
      const expected: Payslip = computePay(payPlanPresets[plan]!, input);
      const shown = [...root(el).querySelectorAll('tr[data-line]')].map((row) => [row.getAttribute('data-line'), plain(text(row.querySelector('[data-amount]')))]);
      expect(shown).to.deep.equal(expected.lines.map((line) => [line.id, line.amount]));
      expect(plain(text(root(el).querySelector('[data-total]')))).to.equal(expected.total);
    });
  }

  it('tells P-1 plan-completion pay in words: pay total 8,000.00 × 35% × the lower of 85% and 100% = 2,380.00', async () => {
    const el = await mount({ plan: 'P-1', input: p1Wang, locale: 'zh-Hant' });
    const row = root(el).querySelector('tr[data-line="planCompletion"] .calculation');
    expect(text(row)).to.equal('工資總額 T 8,000.00 × 35% × 取較小者 ( 計劃完成率 85% , 100% ) = 2,380.00');
    expect(text(root(el).querySelector('tr[data-line="dailyWork"] .calculation'))).to.equal('工資總額 T 8,000.00 × 15% × 日常考核得分率 90% = 1,080.00');
    expect(text(root(el).querySelector('[part~="score"]'))).to.equal('所用考核得分: 日常工作考核得分 90.00');
  });

  it('says plainly that a P-2 month under 60 cut performance pay, and shows the deduction line', async () => {
    const el = await mount({ plan: 'P-2', input: p2Li });
    expect(text(root(el).querySelector('[data-flag="P-2.under60"]'))).to.equal('Monthly score under 60: performance pay reduced by 30% (P-2)');
    expect(text(root(el).querySelector('tr[data-line="underSixtyDeduction"] .calculation'))).to.equal('− ( Performance pay 1,100.00 × 30% ) = -330.00');
    expect(text(root(el).querySelector('[part~="score"]'))).to.equal('Score used: Monthly score 55.00');
  });

  it('names the P-3 indicator that missed its target and shows the target bonus as zero', async () => {
    const el = await mount({ plan: 'P-3', input: p3Zhao });
    expect(text(root(el).querySelector('[data-flag="P-3.gateFailed"]'))).to.contain('indicators that missed their target: Refund rate');
    expect(text(root(el).querySelector('tr[data-line="targetBonus"] .calculation')))
      .to.equal('if All department indicators met (no) then After-sales target bonus 800.00 otherwise 0 = 0.00');
    expect(text(root(el).querySelector('tr[data-line="repeatOrderCommission"] .calculation'))).to.contain('186,500.00 × 0.3%');
  });

  it('formats a 17-digit amount exactly, without passing it through a float', async () => {
    const input: PayInput = { employee: 'li.na', period: '2026-10', values: { baseSalary: '90071992547409.93', performanceBase: '0', score: '80' } };
    const el = await mount({ plan: 'P-2', input });
    expect(text(root(el).querySelector('tr[data-line="baseSalary"] [data-amount]'))).to.equal('90,071,992,547,409.93');
  });
});

describe('kaohe-payslip is shown only after publication, to the employee, HR and the chain', () => {
  const noFigures = (el: KaohePayslip) => {
    const all = text(root(el));
    expect(all).to.not.match(/\d/);
    expect(root(el).querySelector('table, [data-amount], [data-total]')).to.equal(null);
  };

  it('another salesperson is told it is not available and no amount is in the shadow DOM', async () => {
    const el = await mount({ plan: 'P-1', input: p1Wang, viewer: 'S2' });
    expect(text(root(el).querySelector('[part~="refused"]'))).to.equal('This payslip is not available to you.');
    noFigures(el);
  });

  it('the employee cannot see it before the appraisal is published', async () => {
    const el = await mount({ plan: 'P-1', input: p1Wang, status: 'approved' });
    expect(text(root(el).querySelector('[part~="refused"]'))).to.contain('not been published');
    noFigures(el);
  });

  it('HR and the regional manager the chain names see it once published', async () => {
    for (const viewer of ['H1', 'R1']) {
      const el = await mount({ plan: 'P-1', input: p1Wang, viewer });
      expect(plain(text(root(el).querySelector('[data-total]')))).to.equal('7460.00');
    }
  });

  it('becomes visible to the employee when the record is published', async () => {
    const el = await mount({ plan: 'P-1', input: p1Wang, status: 'approved' });
    el.record = record('wang.wei', 'published');
    await el.updateComplete;
    expect(root(el).querySelectorAll('tr[data-line]').length).to.equal(4);
  });
});

describe('kaohe-payslip finds a plan given by id among the plans registered on the page', () => {
  const shownTotal = (el: KaohePayslip) => plain(text(root(el).querySelector('[data-total]')));

  it('a plan id nobody registered is named in a plain message, and no amount reaches the page', async () => {
    const el = await mount({ plan: 'P-9', input: p2Li });
    expect(text(root(el).querySelector('[part~="refused"]'))).to.equal('No payslip to show: the pay plan "P-9" is not available on this page.');
    expect(root(el).querySelector('table, [data-amount], [data-total]')).to.equal(null);
    expect(text(root(el))).to.not.contain('1,100');
  });

  it('says which plan is missing in Traditional Chinese too', async () => {
    const el = await mount({ plan: 'OA-MISSING', input: p2Li, locale: 'zh-Hant' });
    expect(text(root(el).querySelector('[part~="refused"]'))).to.equal('沒有可顯示的工資單：此頁面沒有薪酬方案「OA-MISSING」。');
  });

  it('a payslip written before its plan is registered shows the pay once the plan arrives (presets loaded late)', async () => {
    const el = await mount({ plan: 'OA-SERVICE', input: p2Li });
    expect(root(el).querySelector('[data-total]')).to.equal(null);
    const ownPlan = { ...structuredClone(payPlanPresets['P-2']!), id: 'OA-SERVICE' };
    registerPayPlans([ownPlan]);
    await el.updateComplete;
    expect(shownTotal(el)).to.equal(computePay(ownPlan, p2Li).total);
    expect(text(root(el).querySelector('[part~="flags"]'))).to.contain('Monthly score under 60');
  });

  it('a plan the host hands over in payPlans wins over the registered plan of the same id', async () => {
    const preset = structuredClone(payPlanPresets['P-1']!);
    // The host's P-1 pays 60% of T as base instead of the preset's 50%.
    const ownP1 = {
      ...preset,
      label: { ...preset.label, en: 'Our sales pay' },
      lines: preset.lines.map((line) => (line.id === 'base' ? { ...line, formula: 'T * 0.6' } : line)),
    };
    const el = await mount({ plan: 'P-1', input: p1Wang });
    // The registered preset: 4000 base + 2380 plan completion (8000 × 35% × 0.85) + 1080 daily work (8000 × 15% × 0.9).
    expect(shownTotal(el)).to.equal('7460.00');
    el.payPlans = { 'P-1': ownP1 };
    await el.updateComplete;
    expect(text(root(el).querySelector('dl.meta'))).to.contain('Our sales pay (P-1)');
    // The host's plan: 4800 base (8000 × 60%) + 2380 + 1080.
    expect(plain(text(root(el).querySelector('tr[data-line="base"] [data-amount]')))).to.equal('4800.00');
    expect(shownTotal(el)).to.equal('8260.00');
  });

  it('still takes a plan object as it is, registered or not', async () => {
    const plan = { ...structuredClone(payPlanPresets['P-3']!), id: 'OA-SHOP' };
    const el = await fixture<KaohePayslip>(html`<kaohe-payslip locale="en" .plan=${plan} .input=${p3Zhao}
      .record=${record('zhao.min')} viewer="zhao.min" .directory=${directory}></kaohe-payslip>`);
    expect(shownTotal(el)).to.equal(computePay(plan, p3Zhao).total);
  });
});

describe('kaohe-payslip follows the locale', () => {
  afterEach(() => setLocale('zh-Hant'));

  it('switching the page from English to Simplified Chinese changes the currency sign and the words', async () => {
    setLocale('en');
    const el = await fixture<KaohePayslip>(html`<kaohe-payslip plan="P-1" .input=${p1Wang} .record=${record('wang.wei')} viewer="wang.wei" .directory=${directory}></kaohe-payslip>`);
    const total = () => text(root(el).querySelector('[data-total]'));
    expect(total()).to.equal(new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY' }).format(7460));
    expect(total()).to.equal('CN¥7,460.00');
    setLocale('zh-Hans');
    await el.updateComplete;
    expect(total()).to.equal('¥7,460.00');
    expect(text(root(el).querySelector('th[scope="row"]'))).to.equal('基础工资');
  });

  it('writes the currency one way on the payslip, as the page\'s language does: the caption as the total (not CNY above CN¥)', async () => {
    setLocale('zh-Hant');
    const el = await fixture<KaohePayslip>(html`<kaohe-payslip plan="P-1" .input=${p1Wang} .record=${record('wang.wei')} viewer="wang.wei" .directory=${directory}></kaohe-payslip>`);
    const caption = () => text(root(el).querySelector('caption'));
    const total = () => text(root(el).querySelector('[data-total]'));
    expect(caption()).to.equal('工資項目（金額單位：CN¥）');
    expect(total()).to.equal('CN¥7,460.00');
    setLocale('zh-Hans');
    await el.updateComplete;
    expect(caption()).to.equal('工资项目（金额单位：¥）');
    expect(total()).to.equal('¥7,460.00');
    setLocale('en');
    await el.updateComplete;
    expect(caption()).to.equal('Pay lines, amounts in CN¥');
    expect(total()).to.equal('CN¥7,460.00');
  });
});

describe('kaohe-payslip prints as one clean page', () => {
  interface Socket { sendMessageWaitForResponse(message: unknown): Promise<{ executed: boolean }> }
  const emulateMedia = async (media: 'print' | 'screen') => {
    const sessionId = new URL(window.location.href).searchParams.get('wtr-session-id');
    const socket = '/__web-dev-server__web-socket.js';
    const { sendMessageWaitForResponse } = (await import(/* @vite-ignore */ socket)) as Socket;
    const response = await sendMessageWaitForResponse({ type: 'wtr-command', sessionId, command: 'emulate-media', payload: { media } });
    expect(response.executed).to.equal(true);
  };
  afterEach(() => emulateMedia('screen'));

  it('hides the print button and prints black on white without the box around it', async () => {
    const el = await mount({ plan: 'P-2', input: p2Li });
    const button = root(el).querySelector('button')!;
    const flags = root(el).querySelector<HTMLElement>('[part~="flags"]')!;
    expect(getComputedStyle(button).display).to.not.equal('none');
    await emulateMedia('print');
    expect(getComputedStyle(button).display).to.equal('none');
    expect(getComputedStyle(el).color).to.equal('rgb(0, 0, 0)');
    expect(getComputedStyle(flags).backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(getComputedStyle(root(el).querySelector('article')!).borderTopStyle).to.equal('none');
  });
});

describe('kaohe-payroll-export', () => {
  const sales = loadRubric(rubricPresets['R-SP']);
  const entryFor = (employee: string, values: Record<string, string>, status: AppraisalRecord['status'] = 'published'): PayrollEntry => {
    const score = scoreSheet(sales, { rubric: 'R-SP', rubricVersion: sales.version, employee, period: '2026-10', attendance: { absentDays: '1' }, entries: {} });
    const payslip = computePay(payPlanPresets['P-1']!, { employee, period: '2026-10', values: { ...values, workScore: score.work } });
    return { record: record(employee, status), score, payslip };
  };

  it('exports the department\'s published payslips; the CSV parses back to the same figures', async () => {
    const entries = [
      entryFor('wang.wei', { T: '8000', completionRate: '0.85' }),
      entryFor('S2', { T: '7500.50', completionRate: '1.2', overPlanBonus: '600' }),
      entryFor('li.na', { T: '1', completionRate: '1' }),
      entryFor('S2', { T: '1', completionRate: '1' }, 'approved'),
    ];
    const el = await fixture<KaohePayrollExport>(html`<kaohe-payroll-export locale="en" department="sales" period="2026-10" viewer="H1"
      .directory=${directory} .entries=${entries}></kaohe-payroll-export>`);
    const button = root(el).querySelector<HTMLButtonElement>('button')!;
    expect(text(button)).to.equal('Export CSV (2 payslips)');
    let exported: KaohePayrollExportedEvent | undefined;
    el.addEventListener('kaohe-payroll-exported', (event) => { exported = event; });
    button.click();
    await waitUntil(() => exported, 'the export finishes');
    expect(exported!.fileName).to.equal('payroll-sales-2026-10.csv');
    expect(exported!.csv.charCodeAt(0)).to.equal(0xfeff);
    const back = await parsePayrollCsv(exported!.csv);
    expect(back.rows.map((r) => [r['employee'], r['name'], r['department'], r['monthly'], r['pay.planCompletion'], r['pay.total']])).to.deep.equal(
      entries.slice(0, 2).map((e) => [e.record.employeeId, directory.people.find((p) => p.id === e.record.employeeId)!.name, 'sales', e.score.monthly,
        e.payslip.lines.find((l) => l.id === 'planCompletion')!.amount, e.payslip.total]));
    expect(text(root(el).querySelector('[part~="status"]'))).to.equal('Exported 2 payslips to payroll-sales-2026-10.csv.');
  });

  it('offers nothing to someone who is not HR', async () => {
    const el = await fixture<KaohePayrollExport>(html`<kaohe-payroll-export department="sales" period="2026-10" viewer="wang.wei"
      .directory=${directory} .entries=${[entryFor('wang.wei', { T: '8000', completionRate: '0.85' })]}></kaohe-payroll-export>`);
    expect(root(el).querySelector('button')).to.equal(null);
  });
});

describe('kaohe-payslip: accessibility (axe-core)', () => {
  for (const { plan, input } of examples) {
    it(`the ${plan} payslip passes axe`, async () => {
      await expect(await mount({ plan, input, locale: 'zh-Hant' })).to.be.accessible();
    });
  }
  it('the message for an unknown plan passes axe', async () => {
    await expect(await mount({ plan: 'P-9', input: p2Li, locale: 'zh-Hant' })).to.be.accessible();
  });
  it('the refusal passes axe', async () => {
    await expect(await mount({ plan: 'P-1', input: p1Wang, viewer: 'S2' })).to.be.accessible();
  });
});
