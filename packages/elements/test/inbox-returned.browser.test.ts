// Work sent back along the chain reads as returned, not as a fresh task: the row says 已退回 (and a
// screen reader hears it with the row), and the opened pane puts who returned it, when and why above
// the actions and the form, not only at the foot of the history. (Found by the demo walk: the planner
// returned SP11 to RM1, whose row read 區域經理評分 … 評分中 like any other.) And the history names who
// opened an appraisal when no person did in the page's language (the walk saw `system` on a zh-Hant page).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { loadRubric } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import type { Entry } from '@kaohe/scoring';
import { createService } from '@kaohe/service';
import { MemoryStore } from '@kaohe/store';
import type { Directory, WorkCalendar } from '@kaohe/workflow';
import '../src/register.ts';
import { KaoheInbox } from '../src/kaohe-inbox/kaohe-inbox.ts';
import { sendKeys, tabTo } from './keyboard.ts';

KaoheInbox.define('kaohe-inbox');

const NOW = '2026-11-06T09:00:00.000Z';
const SCORED_AT = '2026-11-05T01:00:00.000Z';
/** 10:30 in Shanghai on the 6th */
const RETURNED_AT = '2026-11-06T02:30:00.000Z';
const shanghai: WorkCalendar = { timeZone: 'Asia/Shanghai' };
const directory: Directory = {
  people: [
    { id: 'V1', name: '趙副總', roles: ['vp'] },
    { id: 'P1', name: '孫部長', roles: ['salesPlanningHead'], managerId: 'V1' },
    { id: 'P2', name: '李規劃', roles: ['salesPlanning'], managerId: 'P1' },
    { id: 'R1', name: '周經理', number: 'M001', roles: ['regionalManager'], region: 'north', managerId: 'P1' },
    { id: 'S1', name: '王小明', number: 'E1001', roles: ['salesperson'], region: 'north', managerId: 'R1' },
    { id: 'S2', name: '李建國', number: 'E1002', roles: ['salesperson'], region: 'north', managerId: 'R1' },
  ],
};

function salesEntries(): Record<string, Entry> {
  return {
    'SP-D1': { count: 2 }, 'SP-D2': { count: 0 }, 'SP-D3': { count: 0 }, 'SP-D4': { count: 0 }, 'SP-D5': { count: 0 }, 'SP-D6': { count: 0 },
    'SP-W': { breached: false }, 'SP-W1': { breached: false }, 'SP-W2': { breached: false }, 'SP-W3': { count: 0 }, 'SP-W4': { count: 0 },
    'SP-M': { breached: false }, 'SP-Q': { points: '5' }, 'SP-A': { count: 0 }, 'SP-P': { count: 0 }, 'SP-E': { count: 0 }, 'SP-V': { breached: false },
  };
}

/**
 * The regional manager's October: 王小明's sheet scored and handed to planning, who returned it with a
 * comment; 李建國's not scored yet. Both wait on 周經理 at the same step, one of them returned.
 */
async function managerInbox(): Promise<KaoheInbox> {
  const store = new MemoryStore();
  await store.putRubric(loadRubric(rubricPresets['R-SP']));
  const service = createService({ store, directory, assignments: { salesperson: { rubric: 'R-SP', chain: 'W-SP' } }, calendar: shanghai, clock: () => NOW });
  for (const employee of ['S1', 'S2']) {
    const opened = await service.openAppraisal(null, { employee, period: '2026-10', now: SCORED_AT });
    if (!opened.ok) throw new Error(opened.message);
  }
  for (const [actor, action, at] of [
    ['R1', { type: 'step.submit', entries: salesEntries(), attendance: { absentDays: '0' } }, SCORED_AT],
    ['P2', { type: 'step.return', to: 'score', comment: 'SP-D1：經銷商報表遲交三次，不是兩次，請更正後重新提交。' }, RETURNED_AT],
  ] as const) {
    const result = await service.act('2026-10:S1', actor, action, { now: at });
    if (!result.ok) throw new Error(result.message);
  }
  const el = await fixture<KaoheInbox>(html`<kaohe-inbox locale="zh-Hant" .service=${service} .directory=${directory}
    .calendar=${shanghai} .now=${NOW} user-id="R1"></kaohe-inbox>`);
  await el.loaded;
  await waitUntil(() => rows(el).length === 2, '周經理\'s two tasks are listed');
  return el;
}

const root = (el: KaoheInbox) => el.shadowRoot as ShadowRoot;
const rows = (el: KaoheInbox) => [...root(el).querySelectorAll<HTMLElement>('.body [role="row"][data-id]')];
const rowOf = (el: KaoheInbox, id: string) => root(el).querySelector<HTMLElement>(`.body [role="row"][data-id="${id}"]`) as HTMLElement;
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const activeId = (el: KaoheInbox) => {
  const grid = root(el).querySelector('[role="grid"]');
  return root(el).getElementById(grid?.getAttribute('aria-activedescendant') ?? '')?.dataset.id;
};

/**
 * The row's accessible name as axe-core computes it (what a screen reader reads for the active row of the
 * grid, which names it with aria-activedescendant). axe is on the page once `to.be.accessible()` has run.
 */
function accessibleName(row: HTMLElement): string {
  const axe = (window as unknown as { axe: AxeInternals }).axe;
  axe.setup(document);
  try {
    return axe.commons.text.accessibleTextVirtual(axe.utils.getNodeFromTree(row)).replace(/\s+/g, ' ').trim();
  } finally {
    axe.teardown();
  }
}
interface AxeInternals {
  setup(root: Node): unknown;
  teardown(): void;
  utils: { getNodeFromTree(node: Node): unknown };
  commons: { text: { accessibleTextVirtual(node: unknown): string } };
}

/** Tabs to the task list and moves with the arrow keys to the employee's row, then opens it with Enter. */
async function openWithKeys(el: KaoheInbox, id: string): Promise<void> {
  if (root(el).activeElement?.getAttribute('role') !== 'grid') await tabTo(root(el), (node) => node.getAttribute('role') === 'grid');
  await sendKeys({ press: 'Home' });
  for (let moves = 0; activeId(el) !== id && moves < 2; moves += 1) await sendKeys({ press: 'ArrowDown' });
  expect(activeId(el)).to.equal(id);
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => root(el).activeElement?.id === 'detail-heading', 'the pane opens');
  await el.updateComplete;
}

describe('kaohe-inbox: returned work', () => {
  beforeEach(() => localStorage.clear());

  it('the returned task\'s row says 已退回 beside its state, read out with the row; the fresh one does not', async () => {
    const el = await managerInbox();
    expect(text(rowOf(el, '2026-10:S1').querySelector('[data-column="state"]'))).to.equal('評分中 已退回');
    expect(text(rowOf(el, '2026-10:S2').querySelector('[data-column="state"]'))).to.equal('評分中');
    expect(text(rowOf(el, '2026-10:S1').querySelector('[data-column="step"]'))).to.equal('區域經理評分');

    await expect(el).to.be.accessible();
    // What a screen reader has for the row: its name carries the word (93.00: SP-D1 two late reports, 90 × 70% + 100 × 30%).
    expect(accessibleName(rowOf(el, '2026-10:S1'))).to.equal('選取王小明 王小明 E1001 銷售員 north 2026-10 區域經理評分 2026年11月7日 93.00 評分中 已退回');
    expect(accessibleName(rowOf(el, '2026-10:S2'))).to.not.contain('已退回');
  });

  it('opened, the returned task shows who returned it, when and why above the actions and the form; the fresh one shows no such note', async () => {
    const el = await managerInbox();
    await openWithKeys(el, '2026-10:S1');
    const note = root(el).querySelector('.return-note') as HTMLElement;
    expect(note, 'the return is shown').to.not.equal(null);
    expect(text(note.querySelector('h4'))).to.equal('已退回');
    expect(text(note.querySelector('p'))).to.equal('李規劃於2026年11月6日 上午10:30退回：');
    expect(text(note.querySelector('blockquote'))).to.equal('SP-D1：經銷商報表遲交三次，不是兩次，請更正後重新提交。');
    // above the actions and the form (the history, at the foot, has it too)
    const follows = (node: Element | null) => node !== null && (note.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    expect(follows(root(el).querySelector('.actions'))).to.equal(true);
    expect(follows(root(el).querySelector('kaohe-rubric-form'))).to.equal(true);
    expect(follows(root(el).querySelector('.history li[data-action="step.return"]'))).to.equal(true);
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Escape' });
    await waitUntil(() => root(el).querySelector('.pane') === null, 'the pane closes');
    await openWithKeys(el, '2026-10:S2');
    expect(root(el).querySelector('.return-note')).to.equal(null);
  });
});

describe('kaohe-inbox: who acted, in the page\'s language', () => {
  beforeEach(() => localStorage.clear());

  it('the history names an appraisal opened by no person (the host\'s backend) in the page\'s language: 系統, System, not `system`', async () => {
    const el = await managerInbox();
    await openWithKeys(el, '2026-10:S2');
    const opening = () => text(root(el).querySelector('.history li[data-action="appraisal.open"]'));
    // 01:00 UTC is 09:00 in Shanghai
    expect(opening()).to.equal('系統 · 開啟 · 2026年11月5日 上午9:00');
    el.setAttribute('locale', 'en');
    await waitUntil(() => opening().startsWith('System'), 'the history speaks English');
    expect(opening()).to.equal('System · Opened · Nov 5, 2026, 9:00 AM');
  });
});
