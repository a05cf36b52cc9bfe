import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { loadRubric } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import type { Locale, Rubric } from '@kaohe/scoring';
import { MemoryStore } from '@kaohe/store';
import { openAppraisal, openingAudit } from '@kaohe/workflow';
import type { Chain, Directory } from '@kaohe/workflow';
import { KaoheInbox } from '../src/kaohe-inbox/kaohe-inbox.ts';

KaoheInbox.define('kaohe-inbox');

// The role column and the role filter name each appraised person's role. The ids are the ones the
// presets' rubrics carry (`role:`), which a host's directory uses when it takes the presets as they are.
const NOW = '2026-11-03T09:00:00.000Z';

/** The words a reviewer reads for each role of the presets (rules.md §1). */
const expected: Record<string, Record<Locale, string>> = {
  salesperson: { en: 'Salesperson', 'zh-Hant': '銷售員', 'zh-Hans': '销售员' },
  regionalManager: { en: 'Regional manager', 'zh-Hant': '區域經理', 'zh-Hans': '区域经理' },
  fieldServiceRepresentative: { en: 'Field service rep.', 'zh-Hant': '現場服務代表', 'zh-Hans': '现场服务代表' },
  serviceStaff: { en: 'Service staff', 'zh-Hant': '服務人員', 'zh-Hans': '服务人员' },
  preSalesCustomerService: { en: 'Pre-sales CS', 'zh-Hant': '售前客服', 'zh-Hans': '售前客服' },
  afterSalesCustomerService: { en: 'After-sales CS', 'zh-Hant': '售後客服', 'zh-Hans': '售后客服' },
  onlineCustomerService: { en: 'Online CS', 'zh-Hant': '在線客服', 'zh-Hans': '在线客服' },
  travellingServiceStaff: { en: 'Travelling service', 'zh-Hant': '出差售後人員', 'zh-Hans': '出差售后人员' },
};

/** One rubric per role: where the presets hold two for a role (R-SP, R-SP-KPI), the first. */
const rubricOfRole = new Map<string, Rubric>();
for (const preset of Object.values(rubricPresets)) {
  const rubric = loadRubric(preset);
  if (!rubricOfRole.has(rubric.role)) rubricOfRole.set(rubric.role, rubric);
}
const roles = [...rubricOfRole.keys()];

/** Everyone reports to one supervisor, who scores them all first: every appraisal is on one inbox. */
const chain: Chain = {
  id: 'W-ROLES',
  label: { 'zh-Hant': '主管評分', 'zh-Hans': '主管评分', en: 'Supervisor scores' },
  steps: [{ id: 'score', kind: 'score', actor: { relationship: 'directLeader' }, label: { 'zh-Hant': '評分', 'zh-Hans': '评分', en: 'Score' } }],
  appealTo: 'score',
};
const directory: Directory = {
  people: [
    { id: 'BOSS', name: 'Supervisor Gao', roles: ['serviceManager'] },
    ...roles.map((role, n) => ({ id: `E${n}`, name: `Employee ${n}`, roles: [role], managerId: 'BOSS' })),
  ],
};

async function storeWithEveryRole(): Promise<MemoryStore> {
  const store = new MemoryStore();
  for (const [n, role] of roles.entries()) {
    const rubric = rubricOfRole.get(role) as Rubric;
    const opened = openAppraisal({ employee: `E${n}`, period: '2026-10', rubric: { id: rubric.id, version: rubric.version }, chain, directory, now: NOW });
    const record = { ...opened, revision: 1 };
    await store.putAppraisal(record, { expectedRevision: 0, audit: [openingAudit(record)] });
  }
  return store;
}

async function inboxIn(locale: Locale, store: MemoryStore): Promise<KaoheInbox> {
  const rubrics = Object.fromEntries([...rubricOfRole.values()].map((rubric) => [`${rubric.id}@${rubric.version}`, rubric]));
  const el = await fixture<KaoheInbox>(html`<kaohe-inbox locale=${locale} .store=${store} .directory=${directory} .rubrics=${rubrics}
    .chains=${{ [chain.id]: chain }} .now=${NOW} user-id="BOSS"></kaohe-inbox>`);
  await el.loaded;
  const root = el.shadowRoot as ShadowRoot;
  await waitUntil(() => root.querySelectorAll('.body [role="row"][data-id]').length === roles.length, `expected ${roles.length} tasks`, { timeout: 4000 });
  return el;
}

/** What the role column says for each employee, by the employee's role id. */
function roleColumn(el: KaoheInbox): Record<string, string> {
  const root = el.shadowRoot as ShadowRoot;
  return Object.fromEntries([...root.querySelectorAll<HTMLElement>('.body [role="row"][data-id]')].map((row) => {
    const employee = (row.dataset['id'] ?? '').split(':')[1] ?? '';
    const role = directory.people.find((person) => person.id === employee)?.roles[0] ?? '';
    return [role, row.querySelector('[data-column="role"]')?.textContent?.trim() ?? ''];
  }));
}

function roleFilter(el: KaoheInbox): Record<string, string> {
  const options = [...(el.shadowRoot as ShadowRoot).querySelectorAll<HTMLOptionElement>('select[name="role"] option')].filter((option) => option.value !== '');
  return Object.fromEntries(options.map((option) => [option.value, option.textContent?.trim() ?? '']));
}

describe('kaohe-inbox: role names', () => {
  it('every role of the presets has words of its own, so none shows as a bare id', () => {
    expect([...roles].sort()).to.deep.equal(Object.keys(expected).sort());
  });

  for (const locale of ['en', 'zh-Hant', 'zh-Hans'] as const) {
    it(`names each preset role in the role column and the role filter (${locale})`, async () => {
      const el = await inboxIn(locale, await storeWithEveryRole());
      const words = Object.fromEntries(Object.entries(expected).map(([role, names]) => [role, names[locale]]));
      expect(roleColumn(el)).to.deep.equal(words);
      expect(roleFilter(el)).to.deep.equal(words);
    });
  }
});
