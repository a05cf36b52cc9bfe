import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { scoreSheet, validateRubric, type RubricInput, type Sheet } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import { MemoryStore } from '@kaohe/store';
import type { AppraisalRecord } from '@kaohe/workflow';
import '../src/kaohe-form-builder/register.ts';
import type { KaoheChainEditor, KaoheFormBuilder } from '../src/kaohe-form-builder/index.ts';
import type { KaoheRubricForm } from '../src/index.ts';
import { sendKeys } from './keyboard.ts';

/** A key pressed with modifiers held, as a person does it: Control+Shift+Z. */
async function chord(modifiers: string[], key: string): Promise<void> {
  for (const m of modifiers) await sendKeys({ down: m });
  await sendKeys({ press: key });
  for (const m of [...modifiers].reverse()) await sendKeys({ up: m });
}

const root = (el: HTMLElement) => el.shadowRoot!;
const textOf = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const esc = (path: string) => CSS.escape(path);

async function mount(role = 'salesperson'): Promise<KaoheFormBuilder> {
  localStorage.clear();
  return fixture<KaoheFormBuilder>(html`<kaohe-form-builder locale="en" role-id=${role}></kaohe-form-builder>`);
}

/** The builder's own input for a path (not a control that merely toggles it). */
function input(el: KaoheFormBuilder, path: string): HTMLInputElement {
  const found = root(el).querySelector<HTMLInputElement>(`input[type="text"][data-path="${esc(path)}"]`);
  if (!found) throw new Error(`no text field for ${path}`);
  return found;
}

/** Types into a field as a user would: the value, then an input event. */
async function type(el: KaoheFormBuilder, path: string, value: string): Promise<void> {
  const field = input(el, path);
  field.value = value;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

async function choose(el: KaoheFormBuilder, selector: string, value: string): Promise<void> {
  const select = root(el).querySelector<HTMLSelectElement>(selector);
  if (!select) throw new Error(`no select ${selector}`);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

async function tick(el: KaoheFormBuilder, path: string, on: boolean, action?: string): Promise<void> {
  const box = root(el).querySelector<HTMLInputElement>(`input[type="checkbox"][data-path="${esc(path)}"]${action ? `[data-action="${action}"]` : ':not([data-action])'}`);
  if (!box) throw new Error(`no checkbox for ${path}`);
  if (box.checked !== on) box.click();
  await el.updateComplete;
}

async function press(el: HTMLElement, selector: string, scope: ParentNode = root(el)): Promise<void> {
  const button = scope.querySelector<HTMLButtonElement>(selector);
  if (!button) throw new Error(`no button ${selector}`);
  button.click();
  await (el as KaoheFormBuilder).updateComplete;
}

const sectionAt = (el: KaoheFormBuilder, s: number) => root(el).querySelector<HTMLFieldSetElement>(`fieldset[data-section-index="${s}"]`)!;
const itemIds = (el: KaoheFormBuilder, s: number) => [...sectionAt(el, s).querySelectorAll<HTMLElement>('fieldset[data-item-index]')].map((f) => f.dataset.itemId);

/** Fills every field of `value` below `path` through the form: labels language by language, numbers as typed. */
async function fill(el: KaoheFormBuilder, path: string, value: unknown): Promise<void> {
  if (value === undefined) return;
  if (typeof value === 'boolean') return tick(el, path, value);
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) await fill(el, `${path}.${key}`, child);
    return;
  }
  await type(el, path, String(value));
}

type PresetSection = RubricInput['sections'][number];

async function buildSection(el: KaoheFormBuilder, s: number, section: PresetSection): Promise<void> {
  await press(el, '[data-action="add-section"]');
  const at = `sections[${s}]`;
  await type(el, `${at}.id`, section.id);
  await type(el, `${at}.points`, String(section.points));
  await fill(el, `${at}.label`, section.label);
  if (section.pooled) await tick(el, `${at}.pooled`, true);
  if (section.floor !== undefined && section.floor !== null) await type(el, `${at}.floor`, String(section.floor));
  if (section.gate) {
    await tick(el, `${at}.gate`, true, 'gate');
    await fill(el, `${at}.gate`, section.gate);
  }
  for (const [i, item] of section.items.entries()) {
    if (i > 0) await press(el, ':scope > button[data-action="add-item"]', sectionAt(el, s));
    const ip = `${at}.items[${i}]`;
    await choose(el, `select[data-path="${esc(`${ip}.rule.kind`)}"]`, item.rule.kind);
    const { kind: _kind, ...parameters } = item.rule as Record<string, unknown>;
    await fill(el, `${ip}.rule`, parameters);
    await type(el, `${ip}.id`, item.id);
    await fill(el, `${ip}.label`, item.label);
    await fill(el, `${ip}.description`, item.description);
    await type(el, `${ip}.points`, String(item.points));
    if (item.source) await type(el, `${ip}.source`, item.source);
    if (item.weight !== undefined) await type(el, `${ip}.weight`, String(item.weight));
    if (item.repeatDoubling) await tick(el, `${ip}.repeatDoubling`, true);
    if (item.penaltyOnly) await tick(el, `${ip}.penaltyOnly`, true);
    for (const group of item.groups ?? []) {
      const box = root(el).querySelector<HTMLInputElement>(`input[data-action="group"][data-path="${esc(`${ip}.groups`)}"][data-group="${group}"]`)!;
      box.click();
      await el.updateComplete;
    }
  }
}

describe('kaohe-form-builder: building a rubric through the form', () => {
  it('names the role it edits in words, not by the role id the presets use', async () => {
    localStorage.clear();
    const zhHant = await fixture<KaoheFormBuilder>(html`<kaohe-form-builder locale="zh-Hant" role-id="fieldServiceRepresentative"></kaohe-form-builder>`);
    expect(textOf(root(zhHant).querySelector('h2'))).to.equal('現場服務代表的考核表與審核流程');
    const en = await fixture<KaoheFormBuilder>(html`<kaohe-form-builder locale="en" role-id="afterSalesCustomerService"></kaohe-form-builder>`);
    expect(textOf(root(en).querySelector('h2'))).to.equal('Rubric and review chain for After-sales CS');
  });

  it('HR builds the salesperson rubric R-SP from an empty form and gets exactly the preset', async function () {
    this.timeout(120000);
    const preset = rubricPresets['R-SP']!;
    const el = await mount('salesperson');
    expect(textOf(root(el).querySelector('[data-preview-blocked]')), 'an empty form shows no preview').to.contain('once the problems are fixed');
    await type(el, 'id', preset.id);
    await fill(el, 'label', preset.label);
    await type(el, 'source', preset.source!);
    for (const [s, section] of preset.sections.entries()) await buildSection(el, s, section);

    const built = validateRubric(el.draft);
    const expected = validateRubric(preset);
    expect(built.ok ? [] : built.problems, 'the form reports no problem').to.deep.equal([]);
    expect(expected.ok).to.equal(true);
    if (built.ok && expected.ok) expect(built.value).to.deep.equal(expected.value);
    expect(textOf(root(el).querySelector('#problems-heading'))).to.equal('The rubric is valid.');

    // the live preview now scores a sample sheet with this very rubric
    const preview = root(el).querySelector<KaoheRubricForm>('kaohe-rubric-form')!;
    await preview.updateComplete;
    expect(preview.rubric?.sections.map((s) => s.id)).to.deep.equal(['dealer', 'weekly', 'reports']);
    expect(preview.shadowRoot!.querySelector('[data-item="SP-W3"]'), 'the preview shows SP-W3').to.not.equal(null);
  });

  it('a pooled item given 5 points is flagged at its points field with O-1, and the summary link focuses it', async () => {
    const el = await mount();
    el.startFromPreset('R-SP');
    await el.updateComplete;
    await type(el, 'sections[0].items[0].points', '5');
    const field = input(el, 'sections[0].items[0].points');
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    const message = root(el).getElementById(field.getAttribute('aria-describedby')!.split(' ')[0]!)!;
    expect(textOf(message)).to.match(/^O-1: SP-D1 is in a pooled section, so its points must be 0/);
    expect(root(el).querySelector('kaohe-rubric-form'), 'no preview while the rubric is invalid').to.equal(null);
    const link = [...root(el).querySelectorAll<HTMLAnchorElement>('[part~="problems"] a')].find((a) => a.textContent!.includes('sections[0].items[0].points'))!;
    link.click();
    await el.updateComplete;
    expect(root(el).activeElement).to.equal(field);
  });

  it('a section whose items no longer add up is reported at the section points (O-1), and the scale too', async () => {
    const el = await mount();
    el.startFromPreset('R-SP');
    await el.updateComplete;
    await type(el, 'sections[1].items[0].points', '15');
    expect(input(el, 'sections[1].points').getAttribute('aria-invalid')).to.equal('true');
    const summary = textOf(root(el).querySelector('[part~="problems"]'));
    expect(summary).to.contain('section weekly declares 40 points but its items add up to 45');
  });

  it('every rule kind can be chosen, and each shows its own parameters', async () => {
    const el = await mount();
    el.startFromPreset('R-SP');
    await el.updateComplete;
    const expectations: Record<string, string[]> = {
      award: ['step'], perOccurrence: ['amount'], ranged: ['options[0].min', 'options[0].max', 'options[0].label.en'],
      levels: ['levels[0].deduct', 'levels[1].deduct'], forfeit: [], threshold: ['perMiss', 'zeroAt'], escalating: ['steps[0].atCount', 'steps[0].deduct'],
      derived: ['perCase', 'heavyBelow'], measured: ['target', 'cap'], sampled: [],
    };
    for (const [kind, fields] of Object.entries(expectations)) {
      await choose(el, `select[data-path="${esc('sections[2].items[1].rule.kind')}"]`, kind);
      expect(el.draft.sections[2]!.items[1]!.rule.kind).to.equal(kind);
      for (const f of fields) expect(input(el, `sections[2].items[1].rule.${f}`), `${kind}: ${f}`).to.be.instanceOf(HTMLInputElement);
    }
  });
});

describe('kaohe-form-builder: undo and redo', () => {
  it('Ctrl+Z undoes a typed change, Ctrl+Y and Ctrl+Shift+Z redo it; the buttons do the same', async () => {
    const el = await mount();
    el.startFromPreset('R-SP');
    await el.updateComplete;
    const field = input(el, 'sections[1].points');
    field.focus();
    await type(el, 'sections[1].points', '4');
    await type(el, 'sections[1].points', '45');
    await chord(['Control'], 'z');
    await el.updateComplete;
    expect(input(el, 'sections[1].points').value, 'typing "45" is one step').to.equal('40');
    await chord(['Control'], 'y');
    await el.updateComplete;
    expect(input(el, 'sections[1].points').value).to.equal('45');
    await chord(['Control'], 'z');
    await chord(['Control', 'Shift'], 'Z');
    await el.updateComplete;
    expect(input(el, 'sections[1].points').value).to.equal('45');
    await press(el, '[data-action="undo"]');
    expect(input(el, 'sections[1].points').value).to.equal('40');
    await press(el, '[data-action="redo"]');
    expect(el.draft.sections[1]!.points).to.equal('45');
  });

  it('removing an item and undoing brings it back where it was', async () => {
    const el = await mount();
    el.startFromPreset('R-SP');
    await el.updateComplete;
    await press(el, 'button[data-action="remove-item"]', sectionAt(el, 1).querySelector('[data-item-id="SP-W2"]')!);
    expect(itemIds(el, 1)).to.deep.equal(['SP-W1', 'SP-W3', 'SP-W4']);
    await press(el, '[data-action="undo"]');
    expect(itemIds(el, 1)).to.deep.equal(['SP-W1', 'SP-W2', 'SP-W3', 'SP-W4']);
  });
});

describe('kaohe-form-builder: reordering', () => {
  it('Alt+ArrowUp on a focused item moves it up, keeps the focus in it and announces the move', async () => {
    const el = await mount();
    el.startFromPreset('R-SP');
    await el.updateComplete;
    input(el, 'sections[1].items[2].id').focus();
    await chord(['Alt'], 'ArrowUp');
    await el.updateComplete;
    expect(itemIds(el, 1)).to.deep.equal(['SP-W1', 'SP-W3', 'SP-W2', 'SP-W4']);
    expect(root(el).activeElement).to.equal(input(el, 'sections[1].items[1].id'));
    expect(input(el, 'sections[1].items[1].id').value).to.equal('SP-W3');
    await waitUntil(() => textOf(root(el).querySelector('[data-live]')).length > 0, 'the move is announced');
    expect(textOf(root(el).querySelector('[data-live]'))).to.equal('SP-W3 moved to position 2 of 4 in Weekly report');
    await chord(['Alt'], 'ArrowDown');
    await el.updateComplete;
    expect(itemIds(el, 1)).to.deep.equal(['SP-W1', 'SP-W2', 'SP-W3', 'SP-W4']);
  });

  it('the move-down button moves the item and the focus follows it', async () => {
    const el = await mount();
    el.startFromPreset('R-SP');
    await el.updateComplete;
    const down = sectionAt(el, 2).querySelector<HTMLButtonElement>('[data-item-id="SP-M"] [data-action="move-down"]')!;
    down.focus();
    down.click();
    await el.updateComplete;
    expect(itemIds(el, 2).slice(0, 2)).to.deep.equal(['SP-Q', 'SP-M']);
    expect(root(el).activeElement?.closest('[data-item-id]')?.getAttribute('data-item-id')).to.equal('SP-M');
  });

  it('sections move with Alt+ArrowDown from their own fields', async () => {
    const el = await mount();
    el.startFromPreset('R-SP');
    await el.updateComplete;
    input(el, 'sections[0].id').focus();
    await chord(['Alt'], 'ArrowDown');
    await el.updateComplete;
    expect(el.draft.sections.map((s) => s.id)).to.deep.equal(['weekly', 'dealer', 'reports']);
    expect(root(el).activeElement).to.equal(input(el, 'sections[1].id'));
  });

  it('dragging SP-V onto SP-M puts it in SP-M\'s place (HTML5 drag and drop)', async () => {
    const el = await mount();
    el.startFromPreset('R-SP');
    await el.updateComplete;
    const dataTransfer = new DataTransfer();
    const drag = (type: string, target: Element) => target.dispatchEvent(new DragEvent(type, { bubbles: true, composed: true, cancelable: true, dataTransfer }));
    const handle = sectionAt(el, 2).querySelector('[data-item-id="SP-V"] [data-drag="item"]')!;
    const onto = sectionAt(el, 2).querySelector('[data-item-id="SP-M"]')!;
    drag('dragstart', handle);
    const accepted = !drag('dragover', onto);
    expect(accepted, 'the item is a drop target').to.equal(true);
    drag('drop', onto);
    drag('dragend', handle);
    await el.updateComplete;
    expect(itemIds(el, 2)).to.deep.equal(['SP-V', 'SP-M', 'SP-Q', 'SP-A', 'SP-P', 'SP-E']);
  });
});

describe('kaohe-form-builder: import and export', () => {
  async function importFile(el: KaoheFormBuilder, text: string): Promise<void> {
    const fileInput = root(el).querySelector<HTMLInputElement>('#import-file')!;
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'rubric.json', { type: 'application/json' }));
    fileInput.files = transfer.files;
    fileInput.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => root(el).querySelector('[part~="import-problems"]') || el.draft.id === 'R-FS', 'the import is read');
    await el.updateComplete;
  }

  it('an invalid rubric file lists every problem with its path and rule, and replaces nothing', async () => {
    const el = await mount();
    el.startFromPreset('R-SP');
    await el.updateComplete;
    const before = el.draft;
    const bad = structuredClone(rubricPresets['R-FS']!) as RubricInput;
    const items = bad.sections[0]!.items;
    const fs3 = items.find((i) => i.id === 'FS-3')!;
    (fs3.rule as { options: { min: unknown; max: unknown }[] }).options[0]!.min = '9';
    (fs3.rule as { options: { min: unknown; max: unknown }[] }).options[0]!.max = '2';
    items[1]!.id = items[0]!.id;
    bad.sections[0]!.points = '95';
    const expected = validateRubric(bad);
    expect(expected.ok).to.equal(false);
    const expectedProblems = expected.ok ? [] : expected.problems;
    expect(expectedProblems.length).to.be.greaterThan(2);

    await importFile(el, JSON.stringify(bad));
    const listed = [...root(el).querySelectorAll('[part~="import-problems"] li')].map(textOf);
    expect(listed).to.have.length(expectedProblems.length);
    for (const p of expectedProblems) expect(listed).to.include(`${p.path} ${p.rule}: ${p.message}`);
    expect(listed.some((l) => l.includes('range'))).to.equal(true);
    expect(listed.some((l) => l.includes('unique-id'))).to.equal(true);
    expect(el.draft, 'the draft is untouched').to.equal(before);
  });

  it('a file that is not JSON says so and replaces nothing', async () => {
    const el = await mount();
    el.startFromPreset('R-SP');
    await el.updateComplete;
    await importFile(el, '{ "id": "R-X", ');
    expect(textOf(root(el).querySelector('[part~="import-problems"]'))).to.contain('json');
    expect(el.draft.id).to.equal('R-SP');
  });

  it('a valid file replaces the draft, and exporting it gives the same rubric back', async () => {
    const el = await mount();
    await importFile(el, JSON.stringify(rubricPresets['R-FS']));
    expect(el.draft.id).to.equal('R-FS');
    expect(root(el).querySelector('[part~="import-problems"]')).to.equal(null);
    const exported = validateRubric(JSON.parse(el.exportJson()));
    const preset = validateRubric(rubricPresets['R-FS']);
    expect(exported.ok && preset.ok && exported.value).to.deep.equal(preset.ok && preset.value);
  });
});

describe('kaohe-form-builder: versions', () => {
  function appraisal(sheet: Sheet, version: number): AppraisalRecord {
    return {
      id: '2026-10:E1001', employeeId: 'E1001', period: '2026-10', rubricId: 'R-SP', rubricVersion: version, chainId: 'W-SP',
      status: 'inReview', step: 'summarise', assignees: ['U-planner'], sheet, workflow: {}, revision: 1,
      updatedAt: '2026-11-03T09:00:00.000Z', updatedBy: 'U-rm',
    };
  }

  it('publishing version 2 with dearer late reports leaves a version-1 appraisal\'s scores as they were', async () => {
    const store = new MemoryStore();
    const el = await mount();
    el.store = store;
    await choose(el, '#preset', 'R-SP');
    await press(el, '[data-action="preset"]');
    await press(el, '[data-action="publish"]');
    await waitUntil(async () => (await store.listRubricVersions('R-SP')).length === 1, 'version 1 is stored');

    const sheet: Sheet = {
      rubric: 'R-SP', rubricVersion: 1, employee: 'E1001', period: '2026-10', attendance: { absentDays: '1' },
      entries: { 'SP-D1': { count: 2 }, 'SP-Q': { points: '4' } },
    };
    await store.putAppraisal(appraisal(sheet, 1), { expectedRevision: 0 });
    const scoredUnderV1 = scoreSheet((await store.getRubric('R-SP', 1))!, sheet);

    // version 2: each late dealer daily report (SP-D1) costs 10 instead of 5
    await type(el, 'sections[0].items[0].rule.amount', '10');
    expect(textOf(root(el).querySelector('[data-action="publish"]'))).to.equal('Publish version 2');
    await press(el, '[data-action="publish"]');
    await waitUntil(async () => (await store.listRubricVersions('R-SP')).length === 2, 'version 2 is stored');
    expect(await store.listRubricVersions('R-SP')).to.deep.equal([1, 2]);

    const stored = (await store.getAppraisal('2026-10:E1001'))!;
    expect(stored.rubricVersion).to.equal(1);
    const pinned = (await store.getRubric('R-SP', stored.rubricVersion))!;
    expect(scoreSheet(pinned, stored.sheet)).to.deep.equal(scoredUnderV1);
    const underV2 = scoreSheet((await store.getRubric('R-SP', 2))!, { ...stored.sheet, rubricVersion: 2 });
    expect(underV2.work, 'version 2 would have scored it lower').to.not.equal(scoredUnderV1.work);

    // what changed, in words
    await choose(el, '#compare-from', '1');
    await choose(el, '#compare-to', '2');
    await press(el, '[data-action="compare"]');
    await waitUntil(() => root(el).querySelector('[part~="changes"]'), 'the changes are listed');
    const changes = [...root(el).querySelectorAll('[part~="changes"] li')].map(textOf);
    expect(changes).to.deep.equal(['Item SP-D1 “Dealer terminal daily report late”: rule −5 each; doubled when repeated → −10 each; doubled when repeated']);
  });

  it('an invalid draft is not published, and the focus goes to its first problem', async () => {
    const store = new MemoryStore();
    const el = await mount();
    el.store = store;
    el.startFromPreset('R-SP');
    await el.updateComplete;
    await type(el, 'sections[0].label.en', '');
    await press(el, '[data-action="publish"]');
    await el.updateComplete;
    expect(await store.listRubricVersions('R-SP')).to.deep.equal([]);
    expect(textOf(root(el).querySelector('[part~="status"]'))).to.equal('Fix the problems before publishing.');
    expect(root(el).activeElement).to.equal(input(el, 'sections[0].label.en'));
  });

  it('a saved draft comes back after the page is reloaded', async () => {
    const el = await mount('salesperson');
    el.startFromPreset('R-SP');
    await el.updateComplete;
    await type(el, 'sections[1].items[2].rule.perMiss', '4');
    await press(el, '[data-action="save-draft"]');
    const again = await fixture<KaoheFormBuilder>(html`<kaohe-form-builder locale="en" role-id="salesperson"></kaohe-form-builder>`);
    await press(again, '[data-action="restore-draft"]');
    expect((again.draft.sections[1]!.items[2]!.rule as { perMiss: string }).perMiss).to.equal('4');
  });
});

describe('kaohe-form-builder: review chain', () => {
  it('a group step that is not a score step is flagged at its kind, from validateChain', async () => {
    const el = await mount('fieldServiceRepresentative');
    const chain = root(el).querySelector<KaoheChainEditor>('kaohe-chain-editor')!;
    await chain.updateComplete;
    const croot = chain.shadowRoot!;
    const preset = croot.querySelector<HTMLSelectElement>('#chain-preset')!;
    preset.value = 'W-FS';
    croot.querySelector<HTMLButtonElement>('[data-action="chain-preset"]')!.click();
    await chain.updateComplete;
    expect(chain.problems).to.deep.equal([]);
    expect(el.chain?.id, 'the builder holds the chain').to.equal('W-FS');
    const kind = croot.querySelector<HTMLSelectElement>('select[data-path="steps[0].kind"]')!;
    kind.value = 'review';
    kind.dispatchEvent(new Event('change', { bubbles: true }));
    await chain.updateComplete;
    expect(kind.getAttribute('aria-invalid')).to.equal('true');
    expect(textOf(croot.getElementById(kind.getAttribute('aria-describedby')!))).to.contain('group-step');
    expect(el.draft.sections.length, 'chain edits never touch the rubric').to.equal(0);
  });

  it('a step added to a chain goes before its publish step and has a due day', async () => {
    const el = await mount('salesperson');
    const chain = root(el).querySelector<KaoheChainEditor>('kaohe-chain-editor')!;
    chain.startFromPreset('W-SP');
    chain.addStep();
    await chain.updateComplete;
    const due = chain.shadowRoot!.querySelector<HTMLInputElement>(`input[data-path="steps[4].dueDay"]`)!;
    due.value = '7';
    due.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await chain.updateComplete;
    expect(el.chain!.steps.map((s) => s.kind).at(-1)).to.equal('publish');
    expect(el.chain!.steps[4]!.dueDay).to.equal(7);
    expect(chain.problems).to.deep.equal([]);
  });
});

describe('kaohe-form-builder: accessibility (axe-core)', () => {
  it('passes with the R-SP rubric loaded and its preview shown', async () => {
    const el = await mount();
    el.startFromPreset('R-SP');
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('passes with problems shown at the fields', async () => {
    const el = await mount();
    el.startFromPreset('R-FS');
    await el.updateComplete;
    // O-1: the section and the scale are both flagged
    await type(el, 'sections[0].points', '95');
    expect(root(el).querySelectorAll('[aria-invalid="true"]').length).to.be.greaterThan(1);
    await expect(el).to.be.accessible();
  });

  it('labels every control', async () => {
    const el = await mount();
    el.startFromPreset('R-FS');
    await el.updateComplete;
    const unlabelled = [...root(el).querySelectorAll<HTMLInputElement>('input, select')].filter((c) => c.labels?.length === 0 && !c.getAttribute('aria-label'));
    expect(unlabelled.map((c) => c.id)).to.deep.equal([]);
  });
});
