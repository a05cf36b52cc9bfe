// A small car-sales company for the demo: five regions of salespeople under their regional
// managers, field service representatives and their five assessing groups, the online shop's
// after-sales staff, and every reviewer of rules.md §3. October 2026 is seeded with appraisals in
// every state, each one driven there through the real review chain (Kaohe.openAppraisal / act); the
// salespeople whose October is published also get the eleven months before it, published the same way.
import type { Chain, Directory, Entry, KaoheApi, Person, Rubric, WorkflowAction } from '@kaohe/embed';

export const PERIOD = '2026-10';
/** The demo's "today": inside the review window of October's appraisals (due on 7 November). */
export const DEMO_NOW = '2026-11-05T10:00:00+08:00';
/** The demo company is in China: its days and clock times are Shanghai's (Kaohe.configure's `timeZone`). */
export const TIME_ZONE = 'Asia/Shanghai';

const regions = [
  { id: '華北', city: '北京' },
  { id: '華東', city: '上海' },
  { id: '華南', city: '廣州' },
  { id: '華中', city: '武漢' },
  { id: '西南', city: '成都' },
] as const;

const surnames = ['王', '李', '張', '劉', '陳', '楊', '趙', '黃', '周', '吳', '徐', '孫', '胡', '朱', '高', '林', '何', '郭', '馬', '羅'];
const givenNames = ['建國', '曉明', '志強', '麗華', '文博', '佳怡', '國棟', '雅婷', '俊傑', '淑芬', '家豪', '美玲', '偉', '靜', '磊', '娜', '軍', '敏', '濤', '艷'];

function nameAt(index: number): string {
  // The extra step every full round of surnames keeps names unique across the forty people.
  return `${surnames[index % surnames.length]}${givenNames[(index * 7 + 3 + Math.floor(index / surnames.length)) % givenNames.length]}`;
}

/** The R-CSA staff's chain, which rules.md does not give: their supervisor scores, the GM approves, HR publishes. */
export const shopChain: Chain = {
  id: 'W-SHOP',
  label: { 'zh-Hant': '網店售後客服考核', 'zh-Hans': '网店售后客服考核', en: 'Online shop after-sales review chain' },
  steps: [
    {
      id: 'score', kind: 'score', actor: { relationship: 'directLeader' }, dueDay: 7,
      label: { 'zh-Hant': '客服主管評分', 'zh-Hans': '客服主管评分', en: 'Customer-service supervisor scores' },
    },
    {
      id: 'approval', kind: 'approve', actor: { relationship: 'gm' }, returnTo: ['score'],
      label: { 'zh-Hant': '總經理審批', 'zh-Hans': '总经理审批', en: 'General manager approves' },
    },
    {
      id: 'publish', kind: 'publish', actor: { role: 'hr' },
      label: { 'zh-Hant': '發布結果', 'zh-Hans': '发布结果', en: 'Publish results' },
    },
  ],
  appealTo: 'score',
};

export const assignments = {
  afterSalesCustomerService: { rubric: 'R-CSA', chain: 'W-SHOP', payPlan: 'P-3' },
};

/** Role ids as the directory uses them, with the names the sign-in switch groups people under. */
export const roleLabels: Record<string, { 'zh-Hant': string; 'zh-Hans': string; en: string }> = {
  salesperson: { 'zh-Hant': '銷售員', 'zh-Hans': '销售员', en: 'Salespeople' },
  regionalManager: { 'zh-Hant': '區域經理', 'zh-Hans': '区域经理', en: 'Regional managers' },
  fieldServiceRepresentative: { 'zh-Hant': '現場服務代表', 'zh-Hans': '现场服务代表', en: 'Field service representatives' },
  afterSalesCustomerService: { 'zh-Hant': '網店售後客服', 'zh-Hans': '网店售后客服', en: 'Online shop after-sales' },
  reviewer: { 'zh-Hant': '審核與管理', 'zh-Hans': '审核与管理', en: 'Reviewers and management' },
  assessor: { 'zh-Hant': '現場服務考核組', 'zh-Hans': '现场服务考核组', en: 'Field service assessing groups' },
};

export function buildDirectory(): Directory {
  const people: Person[] = [
    { id: 'C01', number: 'A0001', name: '鄭董事長', roles: ['chairman'] },
    { id: 'G01', number: 'A0002', name: '錢總經理', roles: ['gm'], managerId: 'C01' },
    { id: 'V01', number: 'A0003', name: '孔副總', roles: ['vp'], managerId: 'G01', department: '銷售公司' },
    { id: 'H01', number: 'A0010', name: '韓人資', roles: ['hr'], managerId: 'G01', department: '人力資源部' },
    { id: 'H02', number: 'A0011', name: '薛人資', roles: ['hr'], managerId: 'H01', department: '人力資源部' },
    { id: 'P01', number: 'A0020', name: '蔣部長', roles: ['salesPlanningHead'], managerId: 'V01', department: '銷售計劃部' },
    { id: 'P02', number: 'A0021', name: '沈計劃員', roles: ['salesPlanning'], managerId: 'P01', department: '銷售計劃部' },
    { id: 'M01', number: 'A0030', name: '秦服務經理', roles: ['serviceManager'], managerId: 'G01', department: '售後服務部' },
    { id: 'K01', number: 'A0040', name: '尤客服主管', roles: ['shopSupervisor'], managerId: 'G01', department: '網店' },
    // The five R-FS assessing groups; the claims group has two members.
    { id: 'FM1', number: 'B0101', name: '許主任（現場管理組）', roles: ['assessor'], groups: ['fieldManagement'], department: '售後服務部' },
    { id: 'CO1', number: 'B0102', name: '呂專員（函電組）', roles: ['assessor'], groups: ['correspondence'], department: '售後服務部' },
    { id: 'CL1', number: 'B0103', name: '施專員（索賠組）', roles: ['assessor'], groups: ['claims'], department: '售後服務部' },
    { id: 'CL2', number: 'B0104', name: '曹專員（索賠組）', roles: ['assessor'], groups: ['claims'], department: '售後服務部' },
    { id: 'TE1', number: 'B0105', name: '嚴工程師（技術組）', roles: ['assessor'], groups: ['technical'], department: '售後服務部' },
    { id: 'PA1', number: 'B0106', name: '華專員（配件組）', roles: ['assessor'], groups: ['parts'], department: '售後服務部' },
  ];
  let n = 0;
  regions.forEach((region, r) => {
    const rm = `RM${r + 1}`;
    people.push({ id: rm, number: `S${1000 + r * 10}`, name: `${nameAt(n++)}`, roles: ['regionalManager'], region: region.id, managerId: 'P01', department: '銷售公司' });
    for (let s = 1; s <= 5; s += 1) {
      people.push({ id: `SP${r + 1}${s}`, number: `S${1000 + r * 10 + s}`, name: nameAt(n++), roles: ['salesperson'], region: region.id, managerId: rm, department: '銷售公司' });
    }
  });
  for (let f = 1; f <= 6; f += 1) {
    people.push({ id: `FS${f}`, number: `F${2000 + f}`, name: nameAt(n++), roles: ['fieldServiceRepresentative'], region: regions[(f - 1) % regions.length]?.id as string, managerId: 'M01', department: '售後服務部' });
  }
  for (let c = 1; c <= 4; c += 1) {
    people.push({ id: `CS${c}`, number: `W${3000 + c}`, name: nameAt(n++), roles: ['afterSalesCustomerService'], managerId: 'K01', department: '網店' });
  }
  return { people };
}

/** Where each appraised person's October appraisal is left. */
type Scenario =
  | 'open' | 'draft' | 'scored' | 'summarised' | 'firstReviewed' | 'approved' | 'published'
  | 'acknowledged' | 'returned' | 'appealed' | 'groupsPartial' | 'groupsDone';

const salespeopleScenarios: Scenario[] = [
  'open', 'draft', 'scored', 'summarised', 'firstReviewed',
  'approved', 'published', 'returned', 'appealed', 'acknowledged',
  'scored', 'open', 'summarised', 'published', 'firstReviewed',
  'draft', 'scored', 'approved', 'returned', 'published',
  'open', 'summarised', 'acknowledged', 'scored', 'appealed',
];
const managerScenarios: Scenario[] = ['open', 'scored', 'firstReviewed', 'approved', 'published'];
const fieldServiceScenarios: Scenario[] = ['open', 'groupsPartial', 'groupsPartial', 'groupsDone', 'approved', 'published'];
const shopScenarios: Scenario[] = ['open', 'scored', 'published', 'appealed'];

/** A deterministic generator, so every visitor sees the same company. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const reasons = ['經銷商反映處理較慢', '月報內容過於簡略', '資料上報延誤兩天', '客戶投訴一次'];

/** An entry an assessor might plausibly give, by the item's rule kind. */
function entryFor(item: Rubric['sections'][number]['items'][number], rnd: () => number): Entry | undefined {
  const rule = item.rule;
  const chance = rnd();
  switch (rule.kind) {
    case 'award': {
      const max = Number(item.points);
      return { points: String(Math.max(0, max - Math.floor(rnd() * Math.min(4, max + 1)))) };
    }
    case 'perOccurrence':
      return { count: chance < 0.7 ? 0 : chance < 0.93 ? 1 : 2 };
    case 'threshold':
      return { count: chance < 0.75 ? 0 : 1 };
    case 'escalating':
    case 'derived':
      return { count: 0 };
    case 'forfeit':
      return chance < 0.92 ? { breached: false } : { breached: true, reason: reasons[2] as string };
    case 'ranged': {
      if (chance < 0.75) return { deductions: [] };
      const option = rule.options[0];
      if (!option) return { deductions: [] };
      return { deductions: [{ option: option.id, amount: String(option.min), reason: reasons[Math.floor(rnd() * reasons.length)] as string }] };
    }
    case 'levels': {
      const level = chance < 0.7 ? rule.levels[0] : rule.levels[1];
      if (!level) return undefined;
      const ranged = typeof level.deduct === 'object';
      return ranged && typeof level.deduct === 'object'
        ? { level: level.id, amount: String(level.deduct.min), reason: reasons[0] as string }
        : { level: level.id };
    }
    case 'measured': {
      const target = Number(rule.target);
      const swing = (rnd() - 0.4) * 0.2 * (target === 0 ? 1 : target);
      return { value: (target + swing).toFixed(1) };
    }
    case 'sampled': {
      const checked = 10;
      return { checked, passed: checked - Math.floor(rnd() * 3) };
    }
    default:
      return undefined;
  }
}

/** A full sheet's entries (gates included), optionally only for items of some groups. */
function entriesFor(rubric: Rubric, rnd: () => number, only?: (item: Rubric['sections'][number]['items'][number]) => boolean): Record<string, Entry> {
  const entries: Record<string, Entry> = {};
  for (const section of rubric.sections) {
    if (section.gate && !only) entries[section.gate.id] = { breached: rnd() < 0.08 };
    for (const item of section.items) {
      if (only && !only(item)) continue;
      const entry = entryFor(item, rnd);
      if (entry) entries[item.id] = entry;
    }
  }
  return entries;
}

function absentDays(rnd: () => number): string {
  const x = rnd();
  return x < 0.7 ? '0' : x < 0.85 ? '0.5' : x < 0.95 ? '1' : '1.5';
}

/** A moment in the month after `period`, when that period's appraisals are scored, reviewed and published. */
function stamp(period: string, day: number, hour: number): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  return `${next}-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+08:00`;
}

/**
 * The year before October for "My year": November 2025 to September 2026, for the salespeople whose
 * October is published. Each month is a real appraisal opened with the preset rubric and driven
 * through W-SP to "published" like October's, so its monthly score is what the engine gives its
 * sheet — not a number typed into the demo.
 */
export const HISTORY_PERIODS: readonly string[] = Array.from({ length: 11 }, (_, n) => {
  const month = 11 + n;
  return month <= 12 ? `2025-${month}` : `2026-${String(month - 12).padStart(2, '0')}`;
});

/** Each of them keeps a habit month after month — 0.65 careful … 1.5 careless — so the ranks say something. */
const care: Record<string, number> = { SP22: 0.8, SP24: 1.5, SP25: 0.65, SP34: 1, SP45: 1.25, SP53: 0.9, SP55: 1.1 };
/** The salespeople the seed gives a published year (November 2025 to October 2026): "My year"'s hint names them. */
export const HISTORY_PEOPLE: readonly string[] = Object.keys(care);

/** Makes later draws from `rnd` lean high (careless, more deductions) or low (careful). */
const leaning = (rnd: () => number, exponent: number): (() => number) => () => rnd() ** (1 / exponent);

/** One appraisal of the seed: opened by HR at `openedAt`, then driven through its chain by `steps`, each as its actor. */
export interface SeedAppraisal {
  id: string;
  employee: string;
  period: string;
  openedAt: string;
  steps: Array<{ actor: string; action: WorkflowAction; now: string }>;
}

/** What the seed needs to know of an appraised person: the rubric and chain their assignment gives. */
export type SeedSheetOf = (person: Person) => { rubric: Rubric; chain: Chain } | undefined;

/**
 * The whole seed as data: October for everyone with an assignment, the eleven months before it for the
 * salespeople with a history. The page's own IndexedDB (`seed`) and the demo server (through the Kaohe
 * server's API, demo/server/seed-server.ts) both play this one plan, so both modes show the same company.
 */
export function seedPlan(directory: Directory, sheetOf: SeedSheetOf): SeedAppraisal[] {
  const people = directory.people.filter((person) => sheetOf(person) !== undefined);
  const scenarios = new Map<string, Scenario>();
  const queue = { salesperson: [...salespeopleScenarios], regionalManager: [...managerScenarios], fieldServiceRepresentative: [...fieldServiceScenarios], afterSalesCustomerService: [...shopScenarios] };
  for (const person of people) {
    const role = person.roles[0] as keyof typeof queue;
    scenarios.set(person.id, queue[role]?.shift() ?? 'open');
  }
  const plan: SeedAppraisal[] = [];
  const add = (person: Person, period: string, scenario: Scenario, rnd: () => number): void => {
    const sheet = sheetOf(person) as { rubric: Rubric; chain: Chain };
    plan.push({
      id: `${period}:${person.id}`, employee: person.id, period, openedAt: stamp(period, 1, 9),
      steps: drive(sheet.rubric, sheet.chain, person, scenario, rnd, period),
    });
  };
  for (const person of people) add(person, PERIOD, scenarios.get(person.id) ?? 'open', random(people.indexOf(person) + 17));
  for (const person of people.filter((candidate) => care[candidate.id] !== undefined)) {
    for (const period of HISTORY_PERIODS) {
      const rnd = random(people.indexOf(person) * 100 + HISTORY_PERIODS.indexOf(period) + 1);
      add(person, period, 'published', leaning(rnd, care[person.id] ?? 1));
    }
  }
  return plan;
}

/** Seeds the page's own store once: appraisals already stored are left as they are. */
export async function seed(kaohe: KaoheApi, onProgress?: (done: number, total: number) => void): Promise<number> {
  const context = await kaohe.ready;
  const plan = seedPlan(context.directory, (person) => {
    const assignment = kaohe.assignmentFor(person.id);
    const rubric = assignment && context.rubrics[assignment.rubric];
    const chain = assignment && context.chains[assignment.chain];
    return rubric && chain ? { rubric, chain } : undefined;
  });
  let seeded = 0;
  let done = 0;
  for (const appraisal of plan) {
    if (!(await context.store.getAppraisal(appraisal.id))) {
      await kaohe.openAppraisal({ employee: appraisal.employee, period: appraisal.period, now: appraisal.openedAt, openedBy: 'H01' });
      for (const { actor, action, now } of appraisal.steps) {
        const result = await kaohe.act(appraisal.id, action, { actor, now });
        if (!result.ok) throw new Error(`demo seed: ${actor} ${action.type} on ${appraisal.id} was refused: ${result.code} — ${result.message}`);
      }
      seeded += 1;
    }
    onProgress?.(++done, plan.length);
  }
  return seeded;
}

/** The actions that take one appraisal to `scenario`, each with its actor and moment. */
function drive(rubric: Rubric, chain: Chain, person: Person, scenario: Scenario, rnd: () => number, period: string): SeedAppraisal['steps'] {
  const at = (day: number, hour: number): string => stamp(period, day, hour);
  const steps: SeedAppraisal['steps'] = [];
  const step = (actor: string, action: WorkflowAction, now: string): void => {
    steps.push({ actor, action, now });
  };
  const attendance = { absentDays: absentDays(rnd) };
  const scorer = { salesperson: person.managerId, regionalManager: 'P01', afterSalesCustomerService: person.managerId }[person.roles[0] ?? ''] ?? 'H01';

  if (chain.id === 'W-FS') {
    if (scenario === 'open') return steps;
    const groupStep = chain.steps[0];
    const groups = groupStep && 'groups' in groupStep.actor ? groupStep.actor.groups : [];
    const members: Record<string, string> = { fieldManagement: 'FM1', correspondence: 'CO1', claims: 'CL1', technical: 'TE1', parts: 'PA1' };
    const submitting = scenario === 'groupsPartial' ? groups.slice(0, 2 + Math.floor(rnd() * 2)) : groups;
    let hour = 9;
    for (const group of submitting) {
      const entries = entriesFor(rubric, rnd, (item) => item.groups.includes(group));
      // An item several groups assess is entered by the first of them only.
      for (const other of submitting.slice(0, submitting.indexOf(group))) {
        for (const item of rubric.sections.flatMap((section) => section.items)) if (item.groups.includes(other)) delete entries[item.id];
      }
      step(members[group] as string, { type: 'group.submit', group, entries }, at(2, hour++));
    }
    if (scenario === 'groupsPartial' || scenario === 'groupsDone') return steps;
    // Every R-FS item is a group's; the month's attendance is left to the service manager, the first
    // after the groups (workflow's itemsAtStep), who records it when approving.
    step('M01', { type: 'step.approve', attendance }, at(3, 10));
    if (scenario === 'approved') return steps;
    step('H01', { type: 'appraisal.publish' }, at(4, 15));
    return steps;
  }

  if (scenario === 'open') return steps;
  const entries = entriesFor(rubric, rnd);
  if (scenario === 'draft') {
    const partial = Object.fromEntries(Object.entries(entries).slice(0, 5));
    step(scorer, { type: 'draft.save', entries: partial }, at(2, 11));
    return steps;
  }
  step(scorer, { type: 'step.submit', entries, attendance }, at(2, 14));
  if (scenario === 'scored') return steps;

  const stepIds = chain.steps.map((s) => s.id);
  const reviewers: Record<string, string> = { summarise: 'P02', firstReview: 'V01', secondReview: 'H02', approval: 'G01' };
  let day = 3;
  for (const stepId of stepIds.slice(1)) {
    const chainStep = chain.steps.find((s) => s.id === stepId);
    if (!chainStep || chainStep.kind === 'publish') break;
    const actor = reviewers[stepId] ?? 'H02';
    if (scenario === 'returned' && stepId === 'firstReview') {
      step(actor, { type: 'step.return', to: 'score', comment: 'SP-W3 大客戶走訪記錄與周報不符，請區域經理核實後重新評分。' }, at(day, 10));
      return steps;
    }
    step(actor, chainStep.kind === 'summarise' ? { type: 'step.submit' } : { type: 'step.approve' }, at(day++, 10));
    if (scenario === 'summarised' && stepId === 'summarise') return steps;
    if (scenario === 'firstReviewed' && stepId === 'firstReview') return steps;
  }
  if (scenario === 'approved') return steps;
  step('H01', { type: 'appraisal.publish' }, at(day, 16));
  if (scenario === 'published') return steps;
  if (scenario === 'acknowledged') step(person.id, { type: 'employee.acknowledge' }, at(day + 1, 9));
  if (scenario === 'appealed') {
    const comment = chain.id === 'W-SP'
      ? '10月9日的終端日報已按時上報，附系統截圖，請復核 SP-D1 扣分。'
      : '本月投訴為客戶誤會，已有客戶書面說明，請復核扣分。';
    step(person.id, { type: 'employee.appeal', comment }, at(day + 1, 9));
  }
  return steps;
}

/**
 * What the payroll system would hand over for a person's month besides the appraisal (pay total T,
 * plan completion, the shop's department indicators …), by the pay plan's input names. Scores come
 * from the published appraisal; the rest is fixed per person so every visitor sees the same payslip.
 */
export function payrollValues(inputs: ReadonlyArray<{ name: string; kind: string }>, personId: string, score: { work: string; monthly: string }): Record<string, string> {
  const rnd = random([...personId].reduce((sum, ch) => sum * 31 + ch.charCodeAt(0), 7));
  const figures: Record<string, () => string> = {
    T: () => String(8000 + Math.round(rnd() * 40) * 100),
    completionRate: () => (0.82 + rnd() * 0.3).toFixed(2),
    overPlanBonus: () => String(Math.round(rnd() * 6) * 100),
    baseSalary: () => String(4200 + Math.round(rnd() * 10) * 100),
    performanceBase: () => '2000',
    repeatOrderTotal: () => String(120000 + Math.round(rnd() * 100) * 1000),
    targetBonus: () => '800',
    refundRate: () => (0.02 + rnd() * 0.015).toFixed(3), refundRateTarget: () => '0.03',
    refundTime: () => (18 + rnd() * 8).toFixed(1), refundTimeTarget: () => '24',
    disputes: () => String(Math.floor(rnd() * 3)), disputesTarget: () => '2',
    dsrRating: () => (4.6 + rnd() * 0.3).toFixed(2), dsrRatingTarget: () => '4.7',
    internalComplaints: () => String(Math.floor(rnd() * 2)), internalComplaintsTarget: () => '1',
  };
  const values: Record<string, string> = {};
  for (const input of inputs) {
    if (input.kind === 'score') values[input.name] = input.name === 'workScore' ? score.work : score.monthly;
    else if (figures[input.name]) values[input.name] = (figures[input.name] as () => string)();
  }
  return values;
}
