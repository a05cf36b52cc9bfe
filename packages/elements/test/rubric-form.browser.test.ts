import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { loadRubric, scoreSheet, type Entry, type Rubric, type Sheet } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import { MemoryStore } from '@kaohe/store';
import type { AppraisalRecord } from '@kaohe/workflow';
import '../src/register.ts';
import {
  KaoheChangeEvent, KaoheConflictEvent, KaoheSubmitRequestEvent, KaoheSubmittedEvent, setLocale, type KaoheRubricForm, type ReviewComment,
} from '../src/index.ts';
import { sendMouse } from '@web/test-runner-commands';
import { sendKeys, tabTo } from './keyboard.ts';

const salesperson = loadRubric(rubricPresets['R-SP']);
const fieldService = loadRubric(rubricPresets['R-FS']);
const regionalManager = loadRubric(rubricPresets['R-RM']);
const salespersonKpi = loadRubric(rubricPresets['R-SP-KPI']);
const onlineService = loadRubric(rubricPresets['R-OCS']);

function sheetFor(rubric: Rubric, entries: Record<string, Entry> = {}, absentDays = '0'): Sheet {
  return { rubric: rubric.id, rubricVersion: rubric.version, employee: 'E1001', period: '2026-10', attendance: { absentDays }, entries };
}

interface Options {
  mode?: 'edit' | 'review' | 'readonly';
  editableItems?: string[];
  previous?: Sheet;
  comments?: ReviewComment[];
}

async function mount(rubric: Rubric, sheet: Sheet = sheetFor(rubric), options: Options = {}): Promise<KaoheRubricForm> {
  return fixture<KaoheRubricForm>(html`<kaohe-rubric-form locale="en" .rubric=${rubric} .sheet=${sheet} mode=${options.mode ?? 'edit'}
    .editableItems=${options.editableItems} .previous=${options.previous} .comments=${options.comments ?? []}></kaohe-rubric-form>`);
}

const root = (el: KaoheRubricForm) => el.shadowRoot!;
const itemOf = (el: KaoheRubricForm, id: string) => root(el).querySelector<HTMLFieldSetElement>(`[data-item="${id}"]`)!;
const sectionOf = (el: KaoheRubricForm, id: string) => root(el).querySelector<HTMLFieldSetElement>(`[data-section="${id}"]`)!;
const textOf = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const itemScore = (el: KaoheRubricForm, id: string) => textOf(itemOf(el, id).querySelector('[part~="item-score"]'));
const sectionScore = (el: KaoheRubricForm, id: string) => textOf(sectionOf(el, id).querySelector(':scope > [part~="section-score"]'));
const total = (el: KaoheRubricForm, which: 'work' | 'attendance' | 'monthly') => textOf(root(el).querySelector(`[data-total="${which}"]`));
const buttonIn = (scope: Element, label: RegExp) => [...scope.querySelectorAll('button')].find((b) => label.test(b.getAttribute('aria-label') ?? b.textContent ?? ''))!;

/** Sets a field as a user's typing would, then waits for the form to render the scores. */
async function type(el: KaoheRubricForm, field: HTMLInputElement | HTMLSelectElement, value: string): Promise<void> {
  field.value = value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

/** Clicks the middle of `target` with the pointer, once it has stopped moving (a font arriving late shifts the page). */
async function clickOn(target: HTMLElement): Promise<void> {
  await document.fonts.ready;
  target.scrollIntoView({ block: 'center' });
  let box = target.getBoundingClientRect();
  for (let n = 0; n < 20; n += 1) {
    await aTimeout(50);
    const now = target.getBoundingClientRect();
    if (now.top === box.top && now.left === box.left) break;
    target.scrollIntoView({ block: 'center' });
    box = target.getBoundingClientRect();
  }
  await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
}

async function click(el: KaoheRubricForm, target: HTMLElement): Promise<void> {
  target.click();
  await el.updateComplete;
}

/** What the engine says about the form's own value: the form must show exactly this. */
const engine = (el: KaoheRubricForm) => scoreSheet(el.rubric!, el.sheet);

describe('kaohe-rubric-form: each rule kind changes the score as scoreSheet says', () => {
  it('two late dealer daily reports (SP-D1) take the dealer section from 30 to 20', async () => {
    const el = await mount(salesperson);
    const more = buttonIn(itemOf(el, 'SP-D1'), /One more/);
    await click(el, more);
    await click(el, more);
    expect(el.sheet.entries['SP-D1']).to.deep.equal({ count: 2 });
    const dealer = engine(el).sections.find((s) => s.id === 'dealer')!;
    expect(dealer.score).to.equal('20.00');
    expect(sectionScore(el, 'dealer')).to.contain(`${dealer.score} of 30.00`);
    expect(total(el, 'work')).to.equal(engine(el).work);
  });

  it('the second FS-10 finding deducts 30 and raises the transfer off the post', async () => {
    const el = await mount(fieldService);
    const more = buttonIn(itemOf(el, 'FS-10'), /One more/);
    await click(el, more);
    expect(itemScore(el, 'FS-10')).to.contain('-10.00');
    expect(itemOf(el, 'FS-10').querySelector('[part~="flag"]'), 'one finding: no transfer yet').to.equal(null);
    await click(el, more);
    const fs10 = engine(el).sections.flatMap((s) => s.items).find((i) => i.id === 'FS-10')!;
    expect(fs10.score).to.equal('-30.00');
    expect(itemScore(el, 'FS-10')).to.contain(fs10.score);
    expect(textOf(itemOf(el, 'FS-10').querySelector('[part~="flag"]'))).to.equal('Transfer off the post');
    expect(textOf(root(el).querySelector('.flags'))).to.contain('Transfer off the post');
  });

  it('FS-1 "needs others\' help" asks for an amount and a reason, then scores 10 minus the amount', async () => {
    const el = await mount(fieldService);
    const radio = itemOf(el, 'FS-1').querySelector<HTMLInputElement>('input[type=radio][value="needsHelp"]')!;
    await click(el, radio);
    const amount = itemOf(el, 'FS-1').querySelector<HTMLInputElement>('input[id$="-amount"]')!;
    expect(amount, 'a range level shows the amount field').to.be.instanceOf(HTMLInputElement);
    expect(textOf(itemOf(el, 'FS-1')), 'not before the amount field is left').to.not.contain('give the amount');
    amount.focus();
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(textOf(itemOf(el, 'FS-1'))).to.contain('give the amount');
    await type(el, amount, '6');
    await type(el, itemOf(el, 'FS-1').querySelector<HTMLInputElement>('input[id$="-reason"]')!, 'needed help on two repairs');
    expect(el.sheet.entries['FS-1']).to.deep.equal({ level: 'needsHelp', amount: '6', reason: 'needed help on two repairs' });
    expect(itemScore(el, 'FS-1')).to.contain('4.00 of 10.00');
  });

  it('a "basically competent" FS-1 deducts its fixed 2 and asks for no amount', async () => {
    const el = await mount(fieldService);
    await click(el, itemOf(el, 'FS-1').querySelector<HTMLInputElement>('input[value="basic"]')!);
    expect(itemOf(el, 'FS-1').querySelector('input[id$="-amount"]')).to.equal(null);
    expect(itemScore(el, 'FS-1')).to.contain('8.00 of 10.00');
  });

  it('an FS-3 media exposure of 7 with its reason takes FS-3 to 3', async () => {
    const el = await mount(fieldService);
    await click(el, buttonIn(itemOf(el, 'FS-3'), /Add a deduction/));
    const fs3 = itemOf(el, 'FS-3');
    await type(el, fs3.querySelector<HTMLSelectElement>('select')!, 'media');
    expect(fs3.querySelector<HTMLInputElement>('input[id$="-amount"]')!.value, 'a new case starts at its lowest amount').to.equal('5');
    await type(el, fs3.querySelector<HTMLInputElement>('input[id$="-amount"]')!, '7');
    await type(el, fs3.querySelector<HTMLInputElement>('input[id$="-reason"]')!, 'local newspaper story');
    expect(el.sheet.entries['FS-3']).to.deep.equal({ deductions: [{ option: 'media', amount: '7', reason: 'local newspaper story' }] });
    expect(itemScore(el, 'FS-3')).to.contain('3.00 of 10.00');
  });

  it('a serious FS-3 case raises removal from post', async () => {
    const el = await mount(fieldService);
    await click(el, buttonIn(itemOf(el, 'FS-3'), /Add a deduction/));
    await type(el, itemOf(el, 'FS-3').querySelector<HTMLSelectElement>('select')!, 'serious');
    expect(textOf(itemOf(el, 'FS-3').querySelector('[part~="flag"]'))).to.equal('Removal from post');
  });

  it('a breach of the pool-vehicle rules (SP-V) forfeits its 5 points', async () => {
    const el = await mount(salesperson);
    const toggle = itemOf(el, 'SP-V').querySelector<HTMLInputElement>('input[role=switch]')!;
    await click(el, toggle);
    expect(el.sheet.entries['SP-V']).to.deep.equal({ breached: true });
    expect(itemScore(el, 'SP-V')).to.contain('0.00 of 5.00');
  });

  it('a late weekly report (the SP-W gate) voids the whole weekly section', async () => {
    const el = await mount(salesperson);
    const gate = sectionOf(el, 'weekly').querySelector<HTMLInputElement>('[part~="gate"] input[role=switch]')!;
    await click(el, gate);
    expect(el.sheet.entries['SP-W']).to.deep.equal({ breached: true });
    expect(sectionScore(el, 'weekly')).to.contain('0.00 of 40.00');
    expect(sectionScore(el, 'weekly')).to.contain('voided');
  });

  it('two missing key-customer visit records (SP-W3) leave it at 0, one leaves 7', async () => {
    const el = await mount(salesperson);
    const count = itemOf(el, 'SP-W3').querySelector<HTMLInputElement>('input[type=number]')!;
    await type(el, count, '1');
    expect(itemScore(el, 'SP-W3')).to.contain('7.00 of 10.00');
    await type(el, count, '2');
    expect(itemScore(el, 'SP-W3')).to.contain('0.00 of 10.00');
  });

  it('SP-Q takes the points the assessor awards', async () => {
    const el = await mount(salesperson);
    await type(el, itemOf(el, 'SP-Q').querySelector<HTMLInputElement>('input')!, '4');
    expect(itemScore(el, 'SP-Q')).to.contain('4.00 of 5.00');
  });

  it('a salesperson absent one and a half days scores 92 for attendance (C-2)', async () => {
    const el = await mount(salesperson);
    const absent = root(el).querySelector<HTMLInputElement>('#absent-days')!;
    expect(absent.inputMode).to.equal('decimal');
    await type(el, absent, '1.5');
    expect(engine(el).attendance).to.equal('92.00');
    expect(total(el, 'attendance')).to.equal('92.00');
    expect(total(el, 'monthly')).to.equal(engine(el).monthly);
  });

  it('RM-5 deducts for each subordinate case', async () => {
    const el = await mount(regionalManager);
    await type(el, itemOf(el, 'RM-5').querySelector<HTMLInputElement>('input[type=number]')!, '2');
    const rm5 = engine(el).sections.flatMap((s) => s.items).find((i) => i.id === 'RM-5')!;
    expect(rm5.score).to.equal('6.00');
    expect(itemScore(el, 'RM-5')).to.contain('6.00 of 10.00');
  });

  it('SP-K1 scores the measured rate against the target, and a target override changes it', async () => {
    const el = await mount(salespersonKpi);
    await type(el, itemOf(el, 'SP-K1').querySelector<HTMLInputElement>('input[id$="-value"]')!, '90');
    expect(itemScore(el, 'SP-K1')).to.contain('27.00 of 30.00');
    await type(el, itemOf(el, 'SP-K1').querySelector<HTMLInputElement>('input[id$="-target"]')!, '120');
    expect(el.sheet.entries['SP-K1']).to.deep.equal({ value: '90', target: '120' });
    expect(itemScore(el, 'SP-K1')).to.contain(`${engine(el).sections[0]!.items[0]!.score} of 30.00`);
    expect(itemScore(el, 'SP-K1')).to.contain('22.50');
  });

  it('OCS-1 scores the share of sampled checks passed', async () => {
    const el = await mount(onlineService);
    await type(el, itemOf(el, 'OCS-1').querySelector<HTMLInputElement>('input[id$="-checked"]')!, '10');
    await type(el, itemOf(el, 'OCS-1').querySelector<HTMLInputElement>('input[id$="-passed"]')!, '8');
    const ocs1 = engine(el).sections.flatMap((s) => s.items).find((i) => i.id === 'OCS-1')!;
    expect(itemScore(el, 'OCS-1')).to.contain(`${ocs1.score} of ${ocs1.points}`);
    expect(ocs1.score).to.equal('24.00');
  });
});

// What the application service's view gives a 索賠組 member of R-FS (packages/service, W-FS).
const claimsItems = ['FS-2', 'FS-4a', 'FS-10'];

describe('kaohe-rubric-form: modes', () => {
  it('a claims assessor can edit FS-4a but not FS-1', async () => {
    const el = await mount(fieldService, sheetFor(fieldService), { editableItems: claimsItems });
    expect(itemOf(el, 'FS-4a').disabled).to.equal(false);
    expect(itemOf(el, 'FS-1').disabled).to.equal(true);
    expect(itemOf(el, 'FS-1').querySelector<HTMLInputElement>('input[type=radio]')!.matches(':disabled')).to.equal(true);
    expect(buttonIn(itemOf(el, 'FS-4a'), /Add a deduction/)).to.be.instanceOf(HTMLButtonElement);
    expect(root(el).querySelector<HTMLInputElement>('#absent-days')!.matches(':disabled'), 'attendance is not the claims group\'s').to.equal(true);
  });

  it('a claims assessor may submit once their own items are scored, whatever other groups still owe', async () => {
    const el = await mount(fieldService, sheetFor(fieldService), { editableItems: claimsItems });
    expect(engine(el).missing).to.include('FS-1');
    let submitted = false;
    el.addEventListener('kaohe-submitted', () => { submitted = true; });
    await click(el, root(el).querySelector<HTMLButtonElement>('[part~="submit"]')!);
    expect(submitted).to.equal(true);
  });

  it('review marks the items that changed since the previous sheet and shows the comments', async () => {
    const previous = sheetFor(fieldService, { 'FS-5': { level: 'satisfied' }, 'FS-7': { count: 1 } });
    const current = sheetFor(fieldService, { 'FS-5': { level: 'average' }, 'FS-7': { count: 1 } });
    const comments = [
      { at: 'FS-5', by: 'Wang (correspondence)', text: 'Two dealers complained in writing.' },
      { at: '2026-11-03T09:00:00Z', by: 'HR', text: 'Checked against the attendance records.' },
    ];
    const el = await mount(fieldService, current, { mode: 'review', previous, comments });
    expect(itemOf(el, 'FS-5').getAttribute('part')).to.contain('item-changed');
    expect(textOf(itemOf(el, 'FS-5'))).to.contain('Changed');
    expect(itemOf(el, 'FS-7').getAttribute('part')).not.to.contain('item-changed');
    expect(textOf(itemOf(el, 'FS-5').querySelector('[part~="comment"]'))).to.contain('Two dealers complained in writing.');
    expect(textOf(root(el).querySelector('.general-comments'))).to.contain('Checked against the attendance records.');
    expect(root(el).querySelector('[part~="submit"]')).to.equal(null);
  });

  it('readonly has no enabled input, select or button', async () => {
    const el = await mount(fieldService, sheetFor(fieldService, { 'FS-3': { deductions: [{ option: 'escalated', amount: '3', reason: 'slow' }] } }), { mode: 'readonly' });
    const controls = [...root(el).querySelectorAll<HTMLInputElement>('input, select, button, textarea')];
    expect(controls.length).to.be.greaterThan(10);
    expect(controls.filter((c) => !c.matches(':disabled')).map((c) => `${c.tagName} ${c.id}`)).to.deep.equal([]);
    expect(itemScore(el, 'FS-3')).to.contain('7.00 of 10.00');
  });

  it('a rubric read back from a store or a server (plain objects, not frozen) scores as loadRubric\'s does', async () => {
    const stored = structuredClone(fieldService);
    expect(Object.isFrozen(stored)).to.equal(false);
    const el = await mount(stored, sheetFor(fieldService));
    expect(el.rubric, 'the form hands back the rubric it was given').to.equal(stored);
    await type(el, itemOf(el, 'FS-7').querySelector<HTMLInputElement>('input[type=number]')!, '2');
    // FS-7: 10 points, −3 per absence: two absences leave 4, as the frozen preset scores them
    expect(itemScore(el, 'FS-7')).to.contain('4.00 of 10.00');
    expect(el.result).to.deep.equal(scoreSheet(fieldService, el.sheet));
    expect(total(el, 'monthly')).to.equal(scoreSheet(fieldService, el.sheet).monthly);
  });

  // Rows are rendered again only when something they show changes (issue 15): a row must still follow
  // every such change made after the first render, not only typing in it.
  it('a rendered form follows the editable items, the sheet and the mode given after its first render', async () => {
    const el = await mount(fieldService, sheetFor(fieldService));
    const fs7 = () => itemOf(el, 'FS-7').querySelector<HTMLInputElement>('input[type=number]')!;
    await type(el, fs7(), '1');
    // FS-7: 10 points, −3 per absence (r-fs.ts): one absence leaves 7
    expect(itemScore(el, 'FS-7')).to.contain('7.00 of 10.00');
    expect(itemOf(el, 'FS-1').disabled).to.equal(false);

    el.editableItems = claimsItems;
    await el.updateComplete;
    expect(itemOf(el, 'FS-1').disabled, 'FS-1 is not the claims group\'s').to.equal(true);
    expect(itemOf(el, 'FS-7').disabled).to.equal(true);
    expect(itemOf(el, 'FS-4a').disabled).to.equal(false);
    expect(fs7().value, 'what was typed stays when the row is disabled').to.equal('1');

    el.editableItems = undefined;
    el.sheet = sheetFor(fieldService, { 'FS-7': { count: 2 } });
    await el.updateComplete;
    // two absences: 10 − 2 × 3 = 4
    expect(fs7().value).to.equal('2');
    expect(itemScore(el, 'FS-7')).to.contain('4.00 of 10.00');
    expect(itemOf(el, 'FS-7').disabled).to.equal(false);

    el.mode = 'readonly';
    await el.updateComplete;
    expect([...root(el).querySelectorAll<HTMLInputElement>('input, select, button')].filter((c) => !c.matches(':disabled')).map((c) => c.id)).to.deep.equal([]);
  });
});

describe('kaohe-rubric-form: validation and submit', () => {
  it('an FS-3 deduction chosen from a range without a reason names O-8 at the field and blocks submit', async () => {
    const el = await mount(fieldService, sheetFor(fieldService, fullFieldServiceEntries()));
    await click(el, buttonIn(itemOf(el, 'FS-3'), /Add a deduction/));
    const reason = itemOf(el, 'FS-3').querySelector<HTMLInputElement>('input[id$="-reason"]')!;
    expect(reason.hasAttribute('aria-invalid'), 'a reason not yet filled in is not yet wrong').to.equal(false);
    expect(el.validity.valid).to.equal(false);

    let requested = false;
    el.addEventListener('kaohe-submit-request', () => { requested = true; });
    await click(el, root(el).querySelector<HTMLButtonElement>('[part~="submit"]')!);
    expect(requested).to.equal(false);
    expect(reason.getAttribute('aria-invalid')).to.equal('true');
    const message = root(el).getElementById(reason.getAttribute('aria-describedby')!.split(' ')[0]!)!;
    expect(textOf(message)).to.contain('O-8');
    expect(textOf(message)).to.contain('FS-3');
    expect(textOf(root(el).querySelector('[part~="problems"]'))).to.contain('O-8');
    await aTimeout(0);
    expect(root(el).activeElement, 'focus goes to the field to fix').to.equal(reason);

    await type(el, reason, 'complaint escalated to the region');
    expect(reason.hasAttribute('aria-invalid')).to.equal(false);
    await click(el, root(el).querySelector<HTMLButtonElement>('[part~="submit"]')!);
    expect(requested).to.equal(true);
  });

  it('submit waits until every item is scored', async () => {
    const el = await mount(salesperson);
    let requested = 0;
    el.addEventListener('kaohe-submit-request', () => { requested += 1; });
    const submit = root(el).querySelector<HTMLButtonElement>('[part~="submit"]')!;
    expect(submit.getAttribute('aria-disabled')).to.equal('true');
    await click(el, submit);
    expect(requested).to.equal(0);
    expect(textOf(root(el).querySelector('[part~="problems"]')), 'the item named by its label').to.contain('Still to score: SP-Q Product quality feedback');
    expect(el.validationMessage).to.equal('Still to score: SP-Q Product quality feedback');
    await type(el, itemOf(el, 'SP-Q').querySelector<HTMLInputElement>('input')!, '5');
    expect(submit.getAttribute('aria-disabled')).to.equal('false');
    await click(el, submit);
    expect(requested).to.equal(1);
  });

  it('submitting fires the request, then kaohe-submitted with the sheet and its scores', async () => {
    const el = await mount(salesperson, sheetFor(salesperson, { 'SP-Q': { points: '5' }, 'SP-D1': { count: 1 } }));
    const events: Event[] = [];
    el.addEventListener('kaohe-submit-request', (e) => events.push(e));
    el.addEventListener('kaohe-submitted', (e) => events.push(e));
    await click(el, root(el).querySelector<HTMLButtonElement>('[part~="submit"]')!);
    expect(events.map((e) => e.type)).to.deep.equal(['kaohe-submit-request', 'kaohe-submitted']);
    const done = events[1] as KaoheSubmittedEvent;
    expect(done).to.be.instanceOf(KaoheSubmittedEvent);
    expect(done.sheet.entries).to.deep.equal({ 'SP-Q': { points: '5' }, 'SP-D1': { count: 1 } });
    expect(done.result).to.deep.equal(scoreSheet(salesperson, done.sheet));
    expect(done.bubbles && done.composed).to.equal(true);
  });

  it('a host that vetoes the submit request stops kaohe-submitted', async () => {
    const el = await mount(salesperson, sheetFor(salesperson, { 'SP-Q': { points: '5' } }));
    let submitted = false;
    el.addEventListener('kaohe-submit-request', (e) => {
      expect(e).to.be.instanceOf(KaoheSubmitRequestEvent);
      expect(e.cancelable).to.equal(true);
      e.preventDefault();
    });
    el.addEventListener('kaohe-submitted', () => { submitted = true; });
    await click(el, root(el).querySelector<HTMLButtonElement>('[part~="submit"]')!);
    expect(submitted).to.equal(false);
  });

  it('every user change fires change with the sheet and the engine\'s scores', async () => {
    const el = await mount(salesperson);
    const seen: KaoheChangeEvent[] = [];
    el.addEventListener('change', (e) => { if (e instanceof KaoheChangeEvent) seen.push(e); });
    await click(el, buttonIn(itemOf(el, 'SP-D2'), /One more/));
    expect(seen).to.have.length(1);
    expect(seen[0]!.sheet.entries['SP-D2']).to.deep.equal({ count: 1 });
    expect(seen[0]!.result).to.deep.equal(scoreSheet(salesperson, seen[0]!.sheet));
  });

  it('a negative SP-D1 count in the sheet it was given is named at SP-D1 once submit is tried, and changing SP-D2 keeps the rest as given', async () => {
    const given = sheetFor(salesperson, { 'SP-D1': { count: -1 }, 'SP-Q': { points: '3' } });
    const el = await mount(salesperson, given);
    const problem = el.problems.find((p) => p.path.startsWith('entries.SP-D1'));
    expect(problem, 'scoreSheet names the count').to.not.equal(undefined);
    expect(itemOf(el, 'SP-D1').querySelector('[part~="error"]'), 'nothing said before the person acts').to.equal(null);
    await click(el, root(el).querySelector<HTMLButtonElement>('[part~="submit"]')!);
    expect(textOf(itemOf(el, 'SP-D1').querySelector('[part~="error"]'))).to.contain(problem!.message);
    expect(itemOf(el, 'SP-D1').querySelector('input[type=number]')!.getAttribute('aria-invalid')).to.equal('true');

    await click(el, buttonIn(itemOf(el, 'SP-D2'), /One more/));
    expect(el.sheet.entries).to.deep.equal({ 'SP-D1': { count: -1 }, 'SP-Q': { points: '3' }, 'SP-D2': { count: 1 } });

    await type(el, itemOf(el, 'SP-D1').querySelector<HTMLInputElement>('input[type=number]')!, '2');
    expect(el.problems).to.deep.equal([]);
    expect(el.sheet.entries['SP-D1']).to.deep.equal({ count: 2 });
    expect(total(el, 'work')).to.equal(engine(el).work);
  });

  it('the live region announces the monthly score after a change', async () => {
    const el = await mount(salesperson);
    const live = root(el).querySelector('[aria-live="polite"]')!;
    expect(textOf(live)).to.equal('');
    await click(el, buttonIn(itemOf(el, 'SP-D1'), /One more/));
    expect(textOf(live)).to.equal(`Monthly score ${engine(el).monthly}`);
  });
});

describe('kaohe-rubric-form: inside a host <form>', () => {
  it('contributes the sheet JSON under its name, and a form reset restores the sheet it was given', async () => {
    const given = sheetFor(salesperson, { 'SP-Q': { points: '3' } });
    const form = await fixture<HTMLFormElement>(html`<form><kaohe-rubric-form name="appraisal" locale="en" .rubric=${salesperson} .sheet=${given}></kaohe-rubric-form></form>`);
    const el = form.querySelector('kaohe-rubric-form')!;
    await el.updateComplete;
    expect(el.form).to.equal(form);
    expect(JSON.parse(String(new FormData(form).get('appraisal')))).to.deep.equal(given);

    await click(el, buttonIn(itemOf(el, 'SP-D1'), /One more/));
    expect(JSON.parse(String(new FormData(form).get('appraisal'))).entries['SP-D1']).to.deep.equal({ count: 1 });

    form.reset();
    await el.updateComplete;
    expect(el.sheet).to.deep.equal(given);
    expect(itemOf(el, 'SP-D1').querySelector<HTMLInputElement>('input[type=number]')!.value).to.equal('');
  });

  it('makes the host form invalid while items are unscored', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><kaohe-rubric-form name="appraisal" locale="en" .rubric=${salesperson} .sheet=${sheetFor(salesperson)}></kaohe-rubric-form></form>`);
    const el = form.querySelector('kaohe-rubric-form')!;
    expect(form.checkValidity()).to.equal(false);
    expect(el.validity.valueMissing).to.equal(true);
    expect(el.validationMessage).to.contain('SP-Q');
    await type(el, itemOf(el, 'SP-Q').querySelector<HTMLInputElement>('input')!, '5');
    expect(form.checkValidity()).to.equal(true);
  });
});

function appraisal(sheet: Sheet, revision: number): AppraisalRecord {
  return {
    id: '2026-10:E1001', employeeId: 'E1001', period: '2026-10', rubricId: sheet.rubric, rubricVersion: 1, chainId: 'W-FS',
    status: 'open', step: 'score', assignees: ['U-claims'], sheet, workflow: {}, revision, updatedAt: '2026-11-02T08:00:00.000Z', updatedBy: 'U-hr',
  };
}

describe('kaohe-rubric-form: drafts', () => {
  it('what the assessor types is saved within a second and restored exactly in a new form', async () => {
    const store = new MemoryStore();
    const mountWithStore = () => fixture<KaoheRubricForm>(html`<kaohe-rubric-form locale="en" .rubric=${fieldService} .sheet=${sheetFor(fieldService)}
      .store=${store} appraisal-id="2026-10:E1001" user-id="U-claims" base-revision="0"></kaohe-rubric-form>`);
    const first = await mountWithStore();
    await first.storeSettled;
    await click(first, buttonIn(itemOf(first, 'FS-4a'), /Add a deduction/));
    await type(first, itemOf(first, 'FS-4a').querySelector<HTMLSelectElement>('select')!, 'poorQuality');
    await type(first, itemOf(first, 'FS-4a').querySelector<HTMLInputElement>('input[id$="-amount"]')!, '6');
    await type(first, itemOf(first, 'FS-4a').querySelector<HTMLInputElement>('input[id$="-reason"]')!, 'three claims returned');
    await click(first, itemOf(first, 'FS-5').querySelector<HTMLInputElement>('input[value="average"]')!);
    await type(first, root(first).querySelector<HTMLInputElement>('#absent-days')!, '0.5');
    const typed = first.sheet;

    await aTimeout(1000);
    const draft = await store.loadDraft('2026-10:E1001', 'U-claims');
    expect(draft?.entries).to.deep.equal(typed.entries);

    first.remove();
    const second = await mountWithStore();
    await second.storeSettled;
    await second.updateComplete;
    expect(second.sheet.entries).to.deep.equal(typed.entries);
    expect(second.sheet.attendance).to.deep.equal({ absentDays: '0.5' });
    expect(itemOf(second, 'FS-4a').querySelector<HTMLInputElement>('input[id$="-reason"]')!.value).to.equal('three claims returned');
    expect(itemScore(second, 'FS-4a')).to.contain('4.00 of 10.00');
  });

  it('a form moved within the page keeps what was just typed rather than reading back an older draft', async () => {
    const store = new MemoryStore();
    await store.saveDraft({ appraisalId: '2026-10:E1001', userId: 'U-tech', entries: { 'FS-7': { count: 1 } }, baseRevision: 0, savedAt: '2026-11-01T08:00:00.000Z' });
    const el = await fixture<KaoheRubricForm>(html`<kaohe-rubric-form locale="en" .rubric=${fieldService} .sheet=${sheetFor(fieldService)}
      .store=${store} appraisal-id="2026-10:E1001" user-id="U-tech" base-revision="0"></kaohe-rubric-form>`);
    await el.storeSettled;
    expect(el.sheet.entries, 'the earlier draft is restored').to.deep.equal({ 'FS-7': { count: 1 } });
    await click(el, buttonIn(itemOf(el, 'FS-7'), /One more/));
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    await el.storeSettled;
    expect(el.sheet.entries).to.deep.equal({ 'FS-7': { count: 2 } });
    await el.flushDraft();
    expect((await store.loadDraft('2026-10:E1001', 'U-tech'))?.entries).to.deep.equal({ 'FS-7': { count: 2 } });
  });

  it('a stored appraisal newer than the form\'s revision shows a conflict banner and overwrites nothing', async () => {
    const store = new MemoryStore();
    const storedSheet = sheetFor(fieldService, { 'FS-5': { level: 'poor' } });
    await store.putAppraisal(appraisal(storedSheet, 1), { expectedRevision: 0 });
    await store.putAppraisal(appraisal(storedSheet, 2), { expectedRevision: 1 });
    const mine = sheetFor(fieldService, { 'FS-5': { level: 'satisfied' } });
    const conflicts: KaoheConflictEvent[] = [];
    const el = await fixture<KaoheRubricForm>(html`<kaohe-rubric-form locale="en" .rubric=${fieldService} .sheet=${mine}
      .store=${store} appraisal-id="2026-10:E1001" user-id="U-cor" base-revision="1"
      @kaohe-conflict=${(e: KaoheConflictEvent) => conflicts.push(e)}></kaohe-rubric-form>`);
    await el.storeSettled;
    await el.updateComplete;
    const banner = root(el).querySelector('[role=alert][part~="conflict"]');
    expect(textOf(banner)).to.contain('revision 2');
    expect(conflicts.map((e) => [e.appraisalId, e.baseRevision, e.storedRevision])).to.deep.equal([['2026-10:E1001', 1, 2]]);
    expect(el.sheet.entries).to.deep.equal(mine.entries);
    expect((await store.getAppraisal('2026-10:E1001'))!.revision).to.equal(2);
    expect((await store.getAppraisal('2026-10:E1001'))!.sheet.entries).to.deep.equal(storedSheet.entries);
  });

  it('a save by someone else while the form is open raises the conflict at once', async () => {
    const store = new MemoryStore();
    const sheet = sheetFor(fieldService);
    await store.putAppraisal(appraisal(sheet, 1), { expectedRevision: 0 });
    const el = await fixture<KaoheRubricForm>(html`<kaohe-rubric-form locale="en" .rubric=${fieldService} .sheet=${sheet}
      .store=${store} appraisal-id="2026-10:E1001" user-id="U-cor" base-revision="1"></kaohe-rubric-form>`);
    await el.storeSettled;
    expect(root(el).querySelector('[part~="conflict"]')).to.equal(null);
    await store.putAppraisal(appraisal(sheet, 2), { expectedRevision: 1 });
    await waitUntil(() => root(el).querySelector('[part~="conflict"]'), 'the banner appears');
  });
});

describe('kaohe-rubric-form: attendance facts (C-1, C-2; issue 17)', () => {
  const absentField = (el: KaoheRubricForm) => root(el).querySelector<HTMLInputElement>('#absent-days')!;
  const attendanceErrors = (el: KaoheRubricForm) => [...root(el).querySelectorAll('[part~="attendance"] [part~="error"]')].map(textOf);

  it('typed absent days are refused with the words scoreSheet gives, what was typed stays, and submit is blocked', async () => {
    // Every item at full marks (SP-Q awarded 5), no absence: the form could be submitted as it is.
    const el = await mount(salesperson, sheetFor(salesperson, { 'SP-Q': { points: '5' } }));
    let requested = 0;
    el.addEventListener('kaohe-submit-request', () => { requested += 1; });
    (root(el).querySelector('input, button') as HTMLElement).focus();
    await tabTo(root(el), (a) => a === absentField(el));
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: '-1' });
    await el.updateComplete;
    expect(absentField(el).value, 'what was typed stays').to.equal('-1');
    expect(attendanceErrors(el), 'nothing said while the person is still in the field').to.deep.equal([]);
    // The same refusal, word for word, as scoreSheet (and so `kaohe score`) gives for this sheet.
    expect(el.problems).to.deep.equal([{ path: 'attendance.absentDays', rule: 'C-2', message: 'absent days cannot be negative, got -1' }]);
    expect(el.checkValidity()).to.equal(false);
    await tabTo(root(el), (a) => a.matches('[part~="submit"]'));
    // left: the engine's words, which the form's catalogue does not reword
    expect(attendanceErrors(el)).to.deep.equal(['absent days cannot be negative, got -1 [C-2]']);
    expect(absentField(el).getAttribute('aria-invalid')).to.equal('true');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(requested, 'no submit request while absent days are negative').to.equal(0);
    expect(textOf(root(el).querySelector('[part~="problems"]'))).to.contain('absent days cannot be negative, got -1');
    expect(total(el, 'monthly'), 'the last good monthly score, marked stale').to.equal('100.00');
    expect(textOf(root(el).querySelector('.stale'))).to.not.equal('');

    // October has 31 days.
    absentField(el).focus();
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: '45' });
    await el.updateComplete;
    expect(absentField(el).value).to.equal('45');
    expect(attendanceErrors(el)).to.deep.equal(['Absent days cannot be more than the 31 days of 2026-10; 45 entered [C-2]']);

    // A decimal comma is no decimal here: the field keeps it and says so.
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: '1,5' });
    await el.updateComplete;
    expect(absentField(el).value).to.equal('1,5');
    expect(attendanceErrors(el)).to.deep.equal(['absent days must be a decimal number such as "5" or "2.5" (at most 12 digits before the point and 8 after) [C-2]']);

    // An empty field is no attendance, not full attendance (C-1).
    for (let n = 0; n < 3; n += 1) await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    expect(attendanceErrors(el)).to.deep.equal(['Enter the absent days (0 for full attendance) [C-1]']);
    await click(el, root(el).querySelector<HTMLButtonElement>('[part~="submit"]')!);
    expect(requested).to.equal(0);

    // C-2: 1.5 days count as 2, 100 − 2 × 4 = 92; monthly 100 × 70% + 92 × 30% = 97.60
    absentField(el).focus();
    await sendKeys({ type: '1.5' });
    await el.updateComplete;
    expect(attendanceErrors(el)).to.deep.equal([]);
    expect(total(el, 'attendance')).to.equal('92.00');
    expect(total(el, 'monthly')).to.equal('97.60');
    await click(el, root(el).querySelector<HTMLButtonElement>('[part~="submit"]')!);
    expect(requested).to.equal(1);
  });

  it('a sheet without attendance is not read as full attendance; a rubric without attendance has no field and needs none', async () => {
    const sheet: Sheet = { rubric: 'R-SP', rubricVersion: salesperson.version, period: '2026-10', entries: { 'SP-Q': { points: '5' } } };
    const el = await mount(salesperson, sheet);
    expect(absentField(el).value).to.equal('');
    expect(el.problems.map((p) => p.rule)).to.deep.equal(['C-1']);
    expect(total(el, 'monthly')).to.equal('—');

    const kpi = await mount(salespersonKpi, { rubric: 'R-SP-KPI', rubricVersion: salespersonKpi.version, period: '2026-10', entries: {} });
    expect(root(kpi).querySelector('#absent-days')).to.equal(null);
    expect(kpi.problems).to.deep.equal([]);
    expect(kpi.result?.attendance).to.equal(null);
  });
});

describe('kaohe-rubric-form: problems are told once a field is left, in the reader\'s language (walk report 7)', () => {
  const absentField = (el: KaoheRubricForm) => root(el).querySelector<HTMLInputElement>('#absent-days')!;
  const errors = (scope: Element | ShadowRoot) => [...scope.querySelectorAll('[part~="error"]')].map(textOf);
  const mountIn = (locale: string, sheet: Sheet) =>
    fixture<KaoheRubricForm>(html`<kaohe-rubric-form locale=${locale} .rubric=${salesperson} .sheet=${sheet}></kaohe-rubric-form>`);
  const withoutAttendance: Sheet = { rubric: 'R-SP', rubricVersion: salesperson.version, employee: 'E1001', period: '2026-10', entries: { 'SP-Q': { points: '5' } } };

  it('an untouched R-SP sheet without absent days marks no field and says nothing, while the totals and the submit check know C-1', async () => {
    const el = await mountIn('en', withoutAttendance);
    expect(root(el).querySelectorAll('[aria-invalid]').length).to.equal(0);
    expect(errors(root(el))).to.deep.equal([]);
    expect(textOf(root(el).querySelector('[part~="form"]'))).to.not.contain('absentDays');
    expect(el.problems.map((p) => `${p.path} [${p.rule}]`)).to.deep.equal(['attendance [C-1]']);
    expect(total(el, 'monthly'), 'no monthly score without attendance').to.equal('—');
    expect(el.checkValidity()).to.equal(false);
  });

  for (const [locale, words] of [
    ['zh-Hant', 'SP-Q 產品質量問題反饋：請填 0 至 5 之間的數，7 超出範圍 [SP-Q]'],
    ['en', 'SP-Q Product quality feedback: enter a number from 0 to 5; 7 is out of range [SP-Q]'],
  ] as const) {
    it(`SP-Q = 7 says nothing while typed, then on Tab names the item, 0 to 5 and 7 (${locale})`, async () => {
      const el = await mountIn(locale, sheetFor(salesperson));
      const points = itemOf(el, 'SP-Q').querySelector<HTMLInputElement>('input[type=number]')!;
      (root(el).querySelector('input, button') as HTMLElement).focus();
      await tabTo(root(el), (a) => a === points);
      await sendKeys({ type: '7' });
      await el.updateComplete;
      expect(el.problems.map((p) => p.path)).to.deep.equal(['entries.SP-Q.points']);
      expect(points.hasAttribute('aria-invalid'), 'still in the field').to.equal(false);
      expect(errors(itemOf(el, 'SP-Q'))).to.deep.equal([]);

      await sendKeys({ press: 'Tab' });
      await el.updateComplete;
      expect(errors(itemOf(el, 'SP-Q'))).to.deep.equal([words]);
      expect(points.getAttribute('aria-invalid')).to.equal('true');
      expect(textOf(root(el).getElementById(points.getAttribute('aria-describedby')!)), 'the field is described by the words').to.equal(words);
      expect(root(el).querySelectorAll('[aria-invalid]').length, 'no other field marked').to.equal(1);
    });
  }

  for (const [locale, words] of [
    ['zh-Hant', '請填寫缺勤天數（全勤填 0）[C-1]'],
    ['zh-Hans', '请填写缺勤天数（全勤填 0）[C-1]'],
    ['en', 'Enter the absent days (0 for full attendance) [C-1]'],
  ] as const) {
    it(`absent days left empty: Submit says what to enter and moves focus there (${locale})`, async () => {
      const el = await mountIn(locale, withoutAttendance);
      let requested = 0;
      el.addEventListener('kaohe-submit-request', () => { requested += 1; });
      expect(errors(root(el)), 'nothing said before Submit').to.deep.equal([]);
      // the pointer, so the field is never entered nor left: Submit alone tells
      await clickOn(root(el).querySelector<HTMLButtonElement>('[part~="submit"]')!);
      await el.updateComplete;
      await aTimeout(0);
      expect(requested).to.equal(0);
      expect(errors(root(el).querySelector('[part~="attendance"]')!)).to.deep.equal([words]);
      expect(absentField(el).getAttribute('aria-invalid')).to.equal('true');
      expect(root(el).activeElement, 'focus on the field to fill in').to.equal(absentField(el));
      expect(textOf(root(el).querySelector('[part~="problems"]'))).to.contain(words);
    });
  }

  it('40 absent days in October, left: the month\'s 31 days in zh-Hans', async () => {
    const el = await mountIn('zh-Hans', sheetFor(salesperson, { 'SP-Q': { points: '5' } }));
    absentField(el).focus();
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: '40' });
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(errors(root(el).querySelector('[part~="attendance"]')!)).to.deep.equal(['缺勤天数不能超过 2026-10 的 31 天，现填 40 [C-2]']);
  });
});

describe('kaohe-rubric-form: keyboard only', () => {
  it('an assessor scores and submits with the keyboard alone', async () => {
    const el = await mount(salesperson);
    let submitted: KaoheSubmittedEvent | undefined;
    el.addEventListener('kaohe-submitted', (e) => { submitted = e; });
    const spD1 = itemOf(el, 'SP-D1').querySelector<HTMLInputElement>('input[type=number]')!;
    (root(el).querySelector('input, button') as HTMLElement).focus();
    await tabTo(root(el), (a) => a === spD1);
    await sendKeys({ type: '2' });
    await el.updateComplete;
    await tabTo(root(el), (a) => a.closest('[data-item]')?.getAttribute('data-item') === 'SP-V');
    await sendKeys({ press: 'Space' });
    await tabTo(root(el), (a) => a.closest('[data-item]')?.getAttribute('data-item') === 'SP-Q');
    await sendKeys({ type: '4' });
    await tabTo(root(el), (a) => a.matches('[part~="submit"]'));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(submitted, 'submitted from the keyboard').to.be.instanceOf(KaoheSubmittedEvent);
    expect(submitted!.sheet.entries).to.deep.equal({ 'SP-D1': { count: 2 }, 'SP-V': { breached: true }, 'SP-Q': { points: '4' } });
    expect(total(el, 'monthly')).to.equal(scoreSheet(salesperson, submitted!.sheet).monthly);
  });

  it('levels are a radio group the arrow keys move through', async () => {
    const el = await mount(fieldService);
    const satisfied = itemOf(el, 'FS-5').querySelector<HTMLInputElement>('input[value="satisfied"]')!;
    satisfied.focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(el.sheet.entries['FS-5']).to.deep.equal({ level: 'average' });
    expect(itemScore(el, 'FS-5')).to.contain('5.00 of 10.00');
  });

  it('adding a deduction moves focus to its case; the stepper buttons work with Enter', async () => {
    const el = await mount(fieldService);
    buttonIn(itemOf(el, 'FS-4b'), /Add a deduction/).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await aTimeout(0);
    expect(root(el).activeElement?.tagName).to.equal('SELECT');
    buttonIn(itemOf(el, 'FS-7'), /One more/).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.sheet.entries['FS-7']).to.deep.equal({ count: 1 });
  });
});

describe('kaohe-rubric-form: accessibility (axe-core)', () => {
  it('passes in edit mode, with a problem shown', async () => {
    const el = await mount(fieldService, sheetFor(fieldService, { 'FS-3': { deductions: [{ option: 'escalated', amount: '3', reason: '' }] }, 'FS-1': { level: 'needsHelp' } }));
    await click(el, root(el).querySelector<HTMLButtonElement>('[part~="submit"]')!);
    expect(root(el).querySelectorAll('[aria-invalid="true"]').length).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });

  it('passes in edit mode for one assessing group', async () => {
    const el = await mount(fieldService, sheetFor(fieldService), { editableItems: claimsItems });
    await expect(el).to.be.accessible();
  });

  it('passes in review mode with changes and comments', async () => {
    const el = await mount(salesperson, sheetFor(salesperson, { 'SP-D1': { count: 2 } }), {
      mode: 'review', previous: sheetFor(salesperson, { 'SP-D1': { count: 1 } }), comments: [{ at: 'SP-D1', by: 'Planner', text: 'Two late reports confirmed.' }],
    });
    await expect(el).to.be.accessible();
  });

  it('passes in readonly mode', async () => {
    const el = await mount(fieldService, sheetFor(fieldService, { 'FS-10': { count: 2 } }), { mode: 'readonly' });
    await expect(el).to.be.accessible();
  });

  it('labels every control', async () => {
    const el = await mount(fieldService, sheetFor(fieldService, { 'FS-3': { deductions: [{ option: 'escalated', amount: '3', reason: 'x' }] }, 'FS-6': { level: 'tooBrief' } }));
    const unlabelled = [...root(el).querySelectorAll<HTMLInputElement>('input, select')].filter((c) => c.labels?.length === 0 && !c.getAttribute('aria-label'));
    expect(unlabelled.map((c) => c.id)).to.deep.equal([]);
    const sections = root(el).querySelectorAll('fieldset[part~="section"]');
    expect([...sections].every((s) => s.querySelector(':scope > legend'))).to.equal(true);
  });
});

describe('kaohe-rubric-form: locale', () => {
  afterEach(() => setLocale('zh-Hant'));

  it('switching the page from zh-Hant to en relabels the form and keeps what was entered', async () => {
    setLocale('zh-Hant');
    const el = await fixture<KaoheRubricForm>(html`<kaohe-rubric-form .rubric=${salesperson} .sheet=${sheetFor(salesperson)}></kaohe-rubric-form>`);
    await click(el, buttonIn(itemOf(el, 'SP-D1'), /加一/));
    await click(el, buttonIn(itemOf(el, 'SP-D1'), /加一/));
    expect(textOf(itemOf(el, 'SP-D1').querySelector('legend'))).to.contain('經銷商終端日報上報不及時');
    const before = el.sheet;
    // SP-D1: each late report deducts 5 from the dealer section's 30
    expect(sectionScore(el, 'dealer')).to.contain('本部分：20.00 / 30.00');

    setLocale('en');
    await el.updateComplete;
    expect(textOf(itemOf(el, 'SP-D1').querySelector('legend'))).to.contain('Dealer terminal daily report late');
    expect(textOf(itemOf(el, 'SP-D1').querySelector('[part~="rule"]'))).to.contain('−5 each');
    expect(el.sheet).to.deep.equal(before);
    expect(itemOf(el, 'SP-D1').querySelector<HTMLInputElement>('input[type=number]')!.value).to.equal('2');
    expect(sectionScore(el, 'dealer')).to.contain('Section: 20.00 of 30.00');
  });

  it('an element given its own locale keeps it when the page switches', async () => {
    setLocale('zh-Hant');
    const el = await fixture<KaoheRubricForm>(html`<kaohe-rubric-form locale="zh-Hans" .rubric=${salesperson}></kaohe-rubric-form>`);
    setLocale('en');
    await el.updateComplete;
    expect(textOf(itemOf(el, 'SP-D1').querySelector('legend'))).to.contain('经销商终端日报上报不及时');
  });
});

describe('kaohe-rubric-form: data never becomes markup', () => {
  it('labels and comments with markup in them render as text', async () => {
    const hostile = structuredClone(rubricPresets['R-SP']!) as Parameters<typeof loadRubric>[0] & { sections: Array<{ items: Array<{ label: Record<string, string> }> }> };
    hostile.sections[0]!.items[0]!.label = { 'zh-Hant': '<img src=x onerror="window.__kaohePwned=1">', 'zh-Hans': 'x', en: '<img src=x onerror="window.__kaohePwned=1">' };
    const rubric = loadRubric(hostile);
    const el = await mount(rubric, sheetFor(rubric, { 'SP-D1': { count: 1 } }), {
      mode: 'review', previous: sheetFor(rubric), comments: [{ at: 'SP-D1', by: '<b>x</b>', text: '<script>window.__kaohePwned=2</script>' }],
    });
    await aTimeout(50);
    expect(root(el).querySelector('img, script, b')).to.equal(null);
    expect(textOf(itemOf(el, 'SP-D1').querySelector('legend'))).to.contain('<img src=x');
    expect((window as { __kaohePwned?: number }).__kaohePwned).to.equal(undefined);
  });
});

/** An R-FS sheet with every item the form requires already scored. */
function fullFieldServiceEntries(): Record<string, Entry> {
  return { 'FS-1': { level: 'proficient' }, 'FS-5': { level: 'satisfied' }, 'FS-6': { level: 'complete' }, 'FS-8': { level: 'effective' } };
}

describe('kaohe-rubric-form: the header names the employee', () => {
  it('with the host\'s directory the header shows the name and employee number, without it the id', async () => {
    const el = await mount(salesperson);
    expect(textOf(root(el).querySelector('[part~="header"]'))).to.contain('2026-10 · E1001');
    el.directory = { people: [{ id: 'E1001', number: 'S1002', name: '張敏', roles: ['salesperson'] }] };
    await el.updateComplete;
    expect(textOf(root(el).querySelector('[part~="header"]'))).to.contain('2026-10 · 張敏 S1002');
  });
});
