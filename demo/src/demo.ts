// The demo intranet's own code: what a host developer writes around the Kaohe script tag. It only
// talks to `window.Kaohe`; every decision (who may act, what a sheet scores) is the plugin's.
import type { AppraisalRecord, AppraisalStatus, AppraisalView, KaoheApi, TaskAppraisal, KaoheContext, KaoheHr, Locale, Person, WorkflowAction } from '@kaohe/embed';
import { DEMO_NOW, HISTORY_PEOPLE, PERIOD, TIME_ZONE, assignments, buildDirectory, payrollValues, roleLabels, seed, shopChain } from './seed.ts';
import { serverAddress, signIn, signOut, type SignedIn } from './session.ts';

declare global {
  interface Window {
    Kaohe: KaoheApi;
    /** kaohe-hr.js, once an HR page has loaded it */
    KaoheHr?: KaoheHr;
  }
}

const DATABASE = 'kaohe-demo';
const USER_KEY = 'kaohe-demo:user';
const LOCALE_KEY = 'kaohe-demo:locale';

type Page = 'tasks' | 'score' | 'payslip' | 'overview' | 'builder' | 'hr' | 'year';
const pages: readonly Page[] = ['tasks', 'score', 'payslip', 'overview', 'builder', 'hr', 'year'];

/** The form builder's chunk: only the HR page that edits rubrics loads it. */
const FORM_BUILDER_SRC = '/kaohe/kaohe-form-builder.js';
/** HR's views (and papaparse for the payroll CSV): only "HR: month overview" and "My year" load it. */
const HR_SRC = '/kaohe/kaohe-hr.js';
/** The years "My year" offers: the seed's history runs from November 2025 to October 2026. */
const YEARS = [2026, 2025] as const;

const words = {
  'zh-Hant': {
    navHr: 'HR：月度總覽', hrTitle: '月度總覽（發布前）', hrLead: '2026年10月各崗位的得分分佈，異常分數排在最前；只計已評完全部項目的考核表，每份按其開啟時的考核表版本計分。',
    hrOnly: '此頁只供人力資源部使用，您的帳號無權查看。請以人資身分（韓人資、薛人資）登入。', hrLoading: '正在載入人資報表…', hrMissing: '人資報表未能載入',
    payrollTitle: '薪資匯出', payrollLead: '按部門匯出本月已發布考核的薪資單（CSV，UTF-8），交薪資系統使用。', payrollNone: '本月還沒有已發布、且有薪酬方案的考核。',
    navYear: '我的年度', yearTitle: '我的年度考核', yearLead: '您已發布的每月考核得分、年度考核得分（C-3）及同崗位、同區域排名。', year: '年度',
    divisor: '年度得分（O-6）', divisorTwelve: '各月之和 ÷ 12', divisorAppraised: '各月之和 ÷ 已考核月數',
    yearRunning: '2026 年尚未結束：此為已發布 {n} 個月的暫計；年度考核得分於次年 1 月計算（C-3）。',
    yearNone: '示範資料中，以下銷售員有 2025年11月至2026年10月的已發布考核，可改以其身分登入查看：',
    company: '某某汽車銷售公司 內網', signInAs: '以此身分登入', navTasks: '我的待辦', navScore: '評分', navPayslip: '我的薪資單', navOverview: '考核總覽',
    reset: '重設示範資料', disclaimer: '示範用虛構公司與人員', today: '今天', loading: '載入中…', seeding: '正在建立示範資料',
    tasksTitle: '我的待辦', tasksLead: '需要您處理的考核（2026年10月）。',
    employee: '員工', number: '工號', rubric: '考核表', step: '步驟', due: '截止', state: '狀態',
    scoreTitle: '評分與審核', scoreLead: '從「我的待辦」開啟一份考核。', mine: '我本人的考核',
    approve: '批准', submit: '提交', publish: '發布結果', returnTo: '退回至', comment: '意見', doReturn: '退回',
    acknowledge: '確認結果', appeal: '提出申訴', appealReason: '申訴理由', done: '已處理', refused: '未能處理',
    changedSince: '{who}在您開啟此考核（版本{from}）後已處理了它，現在在「{step}」（版本{to}）。您的操作未執行，未覆蓋任何內容；您填寫的內容仍保留在此頁。請重新載入查看最新內容後再決定。',
    someoneElse: '他人', youElsewhere: '您本人（在另一視窗）', reloadCurrent: '重新載入最新內容',
    payslipTitle: '我的薪資單', payslipLead: '已發布的考核結果及由此計算的薪酬。', noPublished: '您本月的考核尚未發布。',
    work: '日常工作', attendance: '出勤', monthly: '月度考核得分',
    overviewTitle: '考核總覽', overviewLead: '2026年10月全部考核及其所在步驟。', count: '份',
    overviewServerLead: '伺服器只給您看與您有關的考核：以下是等待您處理的考核及其所在步驟。全公司的月度總覽屬於人資（「HR：月度總覽」）。',
    region: '區域', assignees: '待處理人', backToTasks: '返回我的待辦', notAvailable: '您無法查看這份考核：它不存在，或不在您可查看的範圍內。', readOnly: '您在此步驟沒有可執行的操作，僅供查看。',
    status: { open: '待評分', inReview: '審核中', approved: '待發布', published: '已發布', appealed: '申訴中', reopened: '已重開' } as Record<AppraisalStatus, string>,
    returned: '已退回',
    navBuilder: 'HR：考核表設計', builderTitle: '考核表設計', builderLead: '以預設考核表為起點，編輯某一崗位的考核表與審核流程；發布後，新開的考核使用新版本，已開的考核仍用原版本。',
    builderRole: '崗位', builderLoading: '正在載入考核表設計器…', builderMissing: '考核表設計器未能載入', builderHrOnly: '只有人力資源部可以發布考核表；請以人資身分登入。',
    builderPublished: '已發布',
    signedInAs: '已登入：', signOut: '登出',
    signOutUnsent: '還有 {n} 項變更未送到伺服器。現在登出，它們會留在此瀏覽器，待您再次在此登入時才送出。',
    signOutUnsentOne: '還有 1 項變更未送到伺服器。現在登出，它會留在此瀏覽器，待您再次在此登入時才送出。',
    signOutAnyway: '仍要登出', staySignedIn: '暫不登出', tryLocal: '不用伺服器試用', resetting: '正在重設示範資料…',
  },
  'zh-Hans': {
    navHr: 'HR：月度总览', hrTitle: '月度总览（发布前）', hrLead: '2026年10月各岗位的得分分布，异常分数排在最前；只计已评完全部项目的考核表，每份按其打开时的考核表版本计分。',
    hrOnly: '此页只供人力资源部使用，您的账号无权查看。请以人资身份（韩人资、薛人资）登录。', hrLoading: '正在加载人资报表…', hrMissing: '人资报表未能加载',
    payrollTitle: '工资导出', payrollLead: '按部门导出本月已发布考核的工资单（CSV，UTF-8），交工资系统使用。', payrollNone: '本月还没有已发布、且有薪酬方案的考核。',
    navYear: '我的年度', yearTitle: '我的年度考核', yearLead: '您已发布的每月考核得分、年度考核得分（C-3）及同岗位、同区域排名。', year: '年度',
    divisor: '年度得分（O-6）', divisorTwelve: '各月之和 ÷ 12', divisorAppraised: '各月之和 ÷ 已考核月数',
    yearRunning: '2026 年尚未结束：此为已发布 {n} 个月的暂计；年度考核得分于次年 1 月计算（C-3）。',
    yearNone: '演示数据中，以下销售员有 2025年11月至2026年10月的已发布考核，可改以其身份登录查看：',
    company: '某某汽车销售公司 内网', signInAs: '以此身份登录', navTasks: '我的待办', navScore: '评分', navPayslip: '我的工资单', navOverview: '考核总览',
    reset: '重置演示数据', disclaimer: '演示用虚构公司与人员', today: '今天', loading: '加载中…', seeding: '正在创建演示数据',
    tasksTitle: '我的待办', tasksLead: '需要您处理的考核（2026年10月）。',
    employee: '员工', number: '工号', rubric: '考核表', step: '步骤', due: '截止', state: '状态',
    scoreTitle: '评分与审核', scoreLead: '从“我的待办”打开一份考核。', mine: '我本人的考核',
    approve: '批准', submit: '提交', publish: '发布结果', returnTo: '退回至', comment: '意见', doReturn: '退回',
    acknowledge: '确认结果', appeal: '提出申诉', appealReason: '申诉理由', done: '已处理', refused: '未能处理',
    changedSince: '{who}在您打开此考核（版本{from}）后已处理了它，现在在“{step}”（版本{to}）。您的操作未执行，未覆盖任何内容；您填写的内容仍保留在此页。请重新加载查看最新内容后再决定。',
    someoneElse: '他人', youElsewhere: '您本人（在另一窗口）', reloadCurrent: '重新加载最新内容',
    payslipTitle: '我的工资单', payslipLead: '已发布的考核结果及由此计算的薪酬。', noPublished: '您本月的考核尚未发布。',
    work: '日常工作', attendance: '出勤', monthly: '月度考核得分',
    overviewTitle: '考核总览', overviewLead: '2026年10月全部考核及其所在步骤。', count: '份',
    overviewServerLead: '服务器只给您看与您有关的考核：以下是等待您处理的考核及其所在步骤。全公司的月度总览属于人资（“HR：月度总览”）。',
    region: '区域', assignees: '待处理人', backToTasks: '返回我的待办', notAvailable: '您无法查看这份考核：它不存在，或不在您可查看的范围内。', readOnly: '您在此步骤没有可执行的操作，仅供查看。',
    status: { open: '待评分', inReview: '审核中', approved: '待发布', published: '已发布', appealed: '申诉中', reopened: '已重开' } as Record<AppraisalStatus, string>,
    returned: '已退回',
    navBuilder: 'HR：考核表设计', builderTitle: '考核表设计', builderLead: '以预设考核表为起点，编辑某一岗位的考核表与审核流程；发布后，新开的考核使用新版本，已开的考核仍用原版本。',
    builderRole: '岗位', builderLoading: '正在加载考核表设计器…', builderMissing: '考核表设计器未能加载', builderHrOnly: '只有人力资源部可以发布考核表；请以人资身份登录。',
    builderPublished: '已发布',
    signedInAs: '已登录：', signOut: '退出登录',
    signOutUnsent: '还有 {n} 项更改未发送到服务器。现在退出登录，它们会留在此浏览器，待您再次在此登录时才发送。',
    signOutUnsentOne: '还有 1 项更改未发送到服务器。现在退出登录，它会留在此浏览器，待您再次在此登录时才发送。',
    signOutAnyway: '仍要退出登录', staySignedIn: '暂不退出', tryLocal: '不用服务器试用', resetting: '正在重置演示数据…',
  },
  en: {
    navHr: 'HR: month overview', hrTitle: 'Month overview (before publishing)', hrLead: 'October 2026 scores per role, the unusual ones first. Only sheets with every item scored count, each scored against the rubric version it was opened with.',
    hrOnly: 'This page is for HR only; your account may not see it. Sign in as HR (韓人資 or 薛人資).', hrLoading: 'Loading HR\'s reports…', hrMissing: 'HR\'s reports did not load',
    payrollTitle: 'Payroll export', payrollLead: 'Each department\'s payslips of the month\'s published appraisals, as CSV (UTF-8) for the payroll system.', payrollNone: 'No appraisal with a pay plan is published this month yet.',
    navYear: 'My year', yearTitle: 'My year', yearLead: 'Your published monthly scores, the annual score (C-3) and your rank within your role and region.', year: 'Year',
    divisor: 'Annual score (O-6)', divisorTwelve: 'sum of the months ÷ 12', divisorAppraised: 'sum of the months ÷ months appraised',
    yearRunning: '2026 is not over: this is the figure so far, from {n} published months; the annual score is computed in January for the year before (C-3).',
    yearNone: 'In the demo, these salespeople have published appraisals from November 2025 to October 2026; sign in as one of them:',
    company: 'Example Motor Sales Co. — Intranet', signInAs: 'Sign in as', navTasks: 'My tasks', navScore: 'Score', navPayslip: 'My payslip', navOverview: 'Overview',
    reset: 'Reset demo data', disclaimer: 'A fictitious company for the demo', today: 'Today', loading: 'Loading…', seeding: 'Creating the demo data',
    tasksTitle: 'My tasks', tasksLead: 'Appraisals waiting for you (October 2026).',
    employee: 'Employee', number: 'No.', rubric: 'Rubric', step: 'Step', due: 'Due', state: 'State',
    scoreTitle: 'Score and review', scoreLead: 'Open an appraisal from My tasks.', mine: 'My own appraisal',
    approve: 'Approve', submit: 'Submit', publish: 'Publish result', returnTo: 'Return to', comment: 'Comment', doReturn: 'Return',
    acknowledge: 'Acknowledge result', appeal: 'Appeal', appealReason: 'Reason for the appeal', done: 'Done', refused: 'Not done',
    changedSince: '{who} acted on this appraisal after you opened it (revision {from}); it is now at "{step}" (revision {to}). Your action was not taken and nothing was overwritten; what you typed is still on this page. Reload to see the current version, then decide again.',
    someoneElse: 'Someone else', youElsewhere: 'You (in another window)', reloadCurrent: 'Reload the current version',
    payslipTitle: 'My payslip', payslipLead: 'Your published result and the pay it gives.', noPublished: 'Your appraisal for this month is not published yet.',
    work: 'Daily work', attendance: 'Attendance', monthly: 'Monthly score',
    overviewTitle: 'Overview', overviewLead: 'Every appraisal of October 2026 and where it stands.', count: '',
    overviewServerLead: 'The server shows you only the appraisals you take part in: these wait for you, with where each stands. The whole company\'s month is HR\'s (HR: month overview).',
    region: 'Region', assignees: 'Waiting for', backToTasks: 'Back to My tasks', notAvailable: 'This appraisal is not available to you: it does not exist, or it is not yours to see.', readOnly: 'You have nothing to do at this step; read only.',
    status: { open: 'To score', inReview: 'In review', approved: 'To publish', published: 'Published', appealed: 'Appealed', reopened: 'Reopened' } as Record<AppraisalStatus, string>,
    returned: 'Returned',
    navBuilder: 'HR: rubric builder', builderTitle: 'Rubric builder', builderLead: 'Start from a preset and edit a role\'s rubric and review chain. Once published, new appraisals use the new version; those already open keep theirs.',
    builderRole: 'Role', builderLoading: 'Loading the rubric builder…', builderMissing: 'The rubric builder did not load', builderHrOnly: 'Only HR may publish a rubric; sign in as HR.',
    builderPublished: 'Published',
    signedInAs: 'Signed in as ', signOut: 'Sign out',
    signOutUnsent: '{n} changes have not reached the server yet. If you sign out now, they wait in this browser and are sent when you sign in here again.',
    signOutUnsentOne: '1 change has not reached the server yet. If you sign out now, it waits in this browser and is sent when you sign in here again.',
    signOutAnyway: 'Sign out anyway', staySignedIn: 'Stay signed in', tryLocal: 'Try without a server', resetting: 'Resetting the demo data…',
  },
} satisfies Record<Locale, unknown>;

type Words = (typeof words)['en'];
// Every locale has every word English has: a missing one fails the type check here.
const catalogue: Readonly<Record<Locale, Words>> = words;

const isLocale = (value: unknown): value is Locale => value === 'zh-Hant' || value === 'zh-Hans' || value === 'en';

const state = {
  /** server mode: who the intranet signed in (the token's person); undefined in the single-browser mode */
  signedIn: undefined as SignedIn | undefined,
  locale: (isLocale(localStorage.getItem(LOCALE_KEY)) ? localStorage.getItem(LOCALE_KEY) : 'zh-Hant') as Locale,
  page: 'tasks' as Page,
  openId: undefined as string | undefined,
  notice: undefined as { ok: boolean; text: string } | undefined,
  year: YEARS[0] as number,
  /** O-6, a company setting: the demo starts from the rule as written */
  divisor: 'twelve' as 'twelve' | 'appraised',
};

const t = (): Words => catalogue[state.locale];

/** Words of the page that translateChrome translates in place (data-t): what it holds never needs the page drawn again. */
type WordKey = { [K in keyof Words]: Words[K] extends string ? K : never }[keyof Words];
function word<K extends keyof HTMLElementTagNameMap>(tag: K, key: WordKey, attrs: Record<string, string | boolean | undefined> = {}): HTMLElementTagNameMap[K] {
  return h(tag, { ...attrs, 'data-t': key }, t()[key]);
}

/** A tiny element builder: text goes in as text nodes, never as markup. */
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | undefined> = {}, ...children: Array<Node | string | null | undefined | false>): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

const content = (): HTMLElement => document.getElementById('content') as HTMLElement;

function kaohe(): KaoheApi {
  return window.Kaohe;
}

function person(id: string): Person | undefined {
  return kaohe().context?.directory.people.find((candidate) => candidate.id === id);
}

/** A name from the demo's own company list (the public sign-in page lists it), for people the server does not send this person. */
function demoName(id: string): string {
  return buildDirectory().people.find((candidate) => candidate.id === id)?.name ?? id;
}

function label(value: { 'zh-Hant': string; 'zh-Hans': string; en: string } | undefined): string {
  return value ? value[state.locale] : '';
}

function stepLabel(record: Pick<AppraisalRecord, 'chainId' | 'step'>): string {
  const chain = kaohe().context?.chains[record.chainId];
  return label(chain?.steps.find((step) => step.id === record.step)?.label) || record.step;
}

function rubricLabel(record: Pick<AppraisalRecord, 'rubricId'>): string {
  return label(kaohe().context?.rubrics[record.rubricId]?.label) || record.rubricId;
}

/** A stored record (HR's month table, the payslip page) or the service's view of one (the score page). */
function statusBadge(record: { status: AppraisalStatus; returned?: boolean; workflow?: Record<string, unknown> }): HTMLElement {
  const returned = record.returned ?? ((record.workflow as { returns?: string[] } | undefined)?.returns ?? []).length > 0;
  const key = returned && record.status === 'open' ? 'returned' : record.status;
  const text = key === 'returned' ? t().returned : t().status[record.status];
  return h('span', { class: `badge ${key}` }, text);
}

// ---- chrome ----

/** Server mode: the person the intranet signed in, and its sign-out form, where the local mode has its switch. */
function showSignedIn(signedIn: SignedIn): void {
  const label = document.querySelector('.topbar .signin');
  if (!label) return;
  const button = h('button', { type: 'submit', class: 'link' }, t().signOut);
  const form = h('form', { method: 'post', action: '/signout' }, button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const waiting = unsentChanges();
      if (waiting > 0 && !(await confirmSignOut(waiting))) {
        button.focus();
        return;
      }
      // (the form as it is, should the intranet's sign-out not answer the page)
      await signOut().catch(() => form.submit());
    })();
  });
  const local = h('a', { href: '/?mode=local' }, t().tryLocal);
  label.replaceWith(h('div', { class: 'signin signed-in', 'data-signed-in': signedIn.person.id },
    h('span', {}, t().signedInAs, h('strong', {}, signedIn.person.name)), form, local));
}

/** What the outbox of the server's client holds unsent in this browser (0 without a server): it is what the outbox status counts. */
function unsentChanges(): number {
  const service = kaohe().context?.service as { status?: { waiting?: number } } | undefined;
  return service?.status?.waiting ?? 0;
}

/**
 * Unsent changes stay in this browser's outbox after a sign-out, and go only when the person signs in
 * here again: they are told how many and choose (Escape stays).
 */
function confirmSignOut(waiting: number): Promise<boolean> {
  const stay = h('button', { type: 'button', autofocus: true }, t().staySignedIn);
  const leave = h('button', { type: 'button', class: 'primary' }, t().signOutAnyway);
  const dialog = h('dialog', { class: 'sign-out', 'aria-labelledby': 'sign-out-title', 'aria-describedby': 'sign-out-text' },
    h('h2', { id: 'sign-out-title' }, t().signOut),
    h('p', { id: 'sign-out-text' }, (waiting === 1 ? t().signOutUnsentOne : t().signOutUnsent).replace('{n}', String(waiting))),
    h('p', { class: 'buttons' }, stay, leave));
  document.body.append(dialog);
  return new Promise((resolve) => {
    const answer = (signOutAnyway: boolean): void => {
      dialog.remove();
      resolve(signOutAnyway);
    };
    stay.addEventListener('click', () => answer(false));
    leave.addEventListener('click', () => answer(true));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      answer(false);
    });
    dialog.showModal();
  });
}

function fillUserSwitch(): void {
  if (state.signedIn) {
    showSignedIn(state.signedIn);
    return;
  }
  const select = document.getElementById('user-switch') as HTMLSelectElement | null;
  const context = kaohe().context;
  if (!context || !select) return;
  select.replaceChildren();
  const groups = new Map<string, Person[]>();
  for (const p of context.directory.people) {
    const role = p.roles.find((r) => roleLabels[r]) ?? (p.roles.includes('assessor') ? 'assessor' : 'reviewer');
    const list = groups.get(role) ?? [];
    list.push(p);
    groups.set(role, list);
  }
  for (const role of ['reviewer', 'regionalManager', 'salesperson', 'assessor', 'fieldServiceRepresentative', 'afterSalesCustomerService']) {
    const people = groups.get(role);
    if (!people) continue;
    const group = h('optgroup', { label: label(roleLabels[role]) });
    for (const p of people) {
      const where = p.region ?? p.department ?? '';
      group.append(h('option', { value: p.id, selected: p.id === context.user }, `${p.name}${where ? `（${where}）` : ''} ${p.number ?? ''}`));
    }
    select.append(group);
  }
}

function translateChrome(): void {
  document.documentElement.lang = state.locale;
  for (const element of document.querySelectorAll<HTMLElement>('[data-t]')) {
    const key = element.dataset['t'] as keyof Words;
    const value = t()[key];
    if (typeof value === 'string') element.textContent = value;
  }
  document.title = `${t().company} — Kaohe`;
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-locale]')) {
    button.setAttribute('aria-pressed', String(button.dataset['locale'] === state.locale));
  }
  const today = document.getElementById('today');
  // the configured moment on the company's clock, whatever zone the visitor's computer is in
  if (today) today.textContent = `${t().today} ${new Intl.DateTimeFormat(state.locale, { dateStyle: 'long', timeZone: TIME_ZONE }).format(new Date(DEMO_NOW))}`;
  fillUserSwitch();
}

function markNav(): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-page]')) {
    if (link.dataset['page'] === state.page) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

// ---- pages ----

/**
 * Set by a page drawn around Kaohe elements: on a change of language the elements follow Kaohe.setLocale
 * themselves, keeping what is open and typed in them, so the page only relabels its own words (this, and
 * the data-t words translateChrome does) instead of being drawn anew. A page that leaves it unset is drawn again.
 */
let relabel: (() => void) | undefined;

/** The language buttons: the elements switch at runtime; the page's own words are translated where they are. */
function switchLocale(locale: Locale): void {
  state.locale = locale;
  localStorage.setItem(LOCALE_KEY, locale);
  kaohe().setLocale(locale);
  translateChrome();
  if (relabel) relabel();
  else void render();
}

async function render(): Promise<void> {
  relabel = undefined;
  markNav();
  const main = content();
  try {
    if (state.page === 'tasks') await renderTasks(main);
    else if (state.page === 'score') await renderScore(main);
    else if (state.page === 'payslip') await renderPayslip(main);
    else if (state.page === 'builder') await renderBuilder(main);
    else if (state.page === 'hr') await renderHrMonth(main);
    else if (state.page === 'year') await renderMyYear(main);
    else await renderOverview(main);
  } catch (error) {
    main.replaceChildren(h('div', { class: 'notice error', role: 'alert' }, error instanceof Error ? error.message : String(error)));
    console.error(error);
  }
}

function noticeNode(): HTMLElement | null {
  if (!state.notice) return null;
  const node = h('div', { class: `notice ${state.notice.ok ? 'ok' : 'error'}`, role: 'status' }, state.notice.text);
  state.notice = undefined;
  return node;
}

async function renderTasks(main: HTMLElement): Promise<void> {
  const heading = [word('h1', 'tasksTitle'), word('p', 'tasksLead', { class: 'lead' })];
  // The approval inbox does the list, the detail pane and the actions itself; the context gives it store, user and directory.
  // kaohe.iife.js always defines it (boot() stops when the bundle is missing), so the page has no table of its own.
  // The page keeps its own h1: the inbox's heading is an h2 below it, as on every other page. An action taken on the
  // score page comes back here with its outcome, which is told here rather than on the next score page opened.
  const notice = noticeNode();
  main.replaceChildren(...heading, ...(notice ? [notice] : []), kaohe().create('kaohe-inbox'));
  // The open task and what is typed in its pane stay across a change of language.
  relabel = () => undefined;
}

// What a person typed into the page's own fields (a return comment, an appeal reason), by appraisal:
// the page is drawn anew on a change of language or after a refusal, and must not lose it (issue 16).
const typed = new Map<string, string>();

function keepTyped<T extends HTMLTextAreaElement | HTMLInputElement>(field: T, key: string): T {
  field.value = typed.get(key) ?? '';
  field.addEventListener('input', () => typed.set(key, field.value));
  return field;
}

function forgetTyped(appraisalId: string): void {
  for (const key of [...typed.keys()]) if (key.startsWith(`${appraisalId}:`)) typed.delete(key);
}

async function renderScore(main: HTMLElement): Promise<void> {
  const context = kaohe().context;
  if (!context) return;
  // Without an appraisal opened from My tasks, the person's own of the month (when their role is appraised);
  // whether they may read it yet is the service's to say (openForm refuses it before publication).
  const own = `${PERIOD}:${context.user}`;
  const id = state.openId ?? (kaohe().assignmentFor(context.user) ? own : undefined);
  if (!id) {
    main.replaceChildren(h('h1', {}, t().scoreTitle), h('p', { class: 'lead' }, t().scoreLead));
    return;
  }
  // What the page shows is what the person acts on: an action goes with the revision this page read, and
  // if someone acted since, the service refuses it (stale) before weighing it against a step not shown here.
  // The page says who and where it stands now, keeps what was typed, and reloads when the person asks.
  const changed = h('div', { class: 'changed' });
  const showChanged = (read: number, current: AppraisalView | undefined): void => {
    for (const button of content().querySelectorAll<HTMLButtonElement>('.actions button')) button.disabled = true;
    const by = current?.updatedBy;
    const who = by === undefined || by === 'anonymous' ? t().someoneElse : by === context.user ? t().youElsewhere : person(by)?.name ?? demoName(by);
    const words = t().changedSince.replace('{who}', who).replace('{from}', String(read))
      .replace('{step}', current ? label(current.stepLabel) : '').replace('{to}', String(current?.revision ?? ''));
    const reload = h('button', { type: 'button' }, t().reloadCurrent);
    // the typed comment is kept by keepTyped and comes back on the reloaded page where it still applies
    reload.addEventListener('click', () => void render().then(() => content().focus()));
    changed.replaceChildren(h('div', { class: 'notice error', role: 'alert' }, h('p', {}, words), reload));
    reload.focus();
  };
  const opened = await kaohe().openForm(id, {
    onActed: (result) => {
      if (!result.ok && result.code === 'stale') {
        showChanged(opened?.view.revision ?? 0, result.appraisal);
        return;
      }
      state.notice = result.ok
        ? { ok: true, text: `${t().done}: ${person(opened?.view.employeeId ?? '')?.name ?? ''} → ${stepLabel({ chainId: opened?.view.chainId ?? '', step: result.step })}` }
        : { ok: false, text: `${t().refused}: ${result.message}` };
      if (result.ok) go('tasks');
      else void render();
    },
  }).catch((error: unknown) => {
    // Their own appraisal, not yet theirs to read (before publication, away from their own step), or not
    // opened this month; or one by its address that is not theirs (another region's, or none such: the
    // service answers both alike): say so, not an error.
    if (error instanceof Error && error.name === 'KaoheReadRefusedError') return undefined;
    throw error;
  });
  if (!opened && state.openId === undefined) {
    main.replaceChildren(h('h1', {}, t().scoreTitle), h('p', { class: 'lead' }, t().scoreLead), h('p', { role: 'status' }, t().noPublished));
    return;
  }
  if (!opened) {
    const back = word('a', 'backToTasks', { href: '#tasks' });
    back.addEventListener('click', (event) => {
      event.preventDefault();
      go('tasks');
    });
    main.replaceChildren(word('h1', 'scoreTitle'), word('p', 'notAvailable', { class: 'notice error', 'data-not-available': true }), h('p', {}, back));
    relabel = () => undefined;
    return;
  }
  const { view: record, actions } = opened;
  const employee = person(record.employeeId);
  const mine = record.employeeId === context.user;
  const back = h('button', { type: 'button', class: 'link' }, t().backToTasks);
  back.addEventListener('click', () => go('tasks'));

  const bar = h('div', { class: 'actions' });
  const run = async (action: WorkflowAction): Promise<void> => {
    const result = await kaohe().act(record.id, action, { expectedRevision: record.revision });
    if (!result.ok && result.code === 'stale') {
      showChanged(record.revision, result.appraisal);
      return;
    }
    if (result.ok) forgetTyped(record.id);
    state.notice = result.ok
      ? { ok: true, text: `${t().done}: ${employee?.name ?? ''} → ${stepLabel({ chainId: record.chainId, step: result.step })}` }
      : { ok: false, text: `${t().refused}: ${result.message}` };
    if (result.ok && !mine) go('tasks');
    else void render();
  };
  const button = (text: string, action: () => WorkflowAction | undefined, primary = false): HTMLButtonElement => {
    const b = h('button', { type: 'button', class: primary ? 'primary' : undefined }, text);
    b.addEventListener('click', () => {
      const chosen = action();
      if (chosen) void run(chosen);
    });
    return b;
  };
  if (actions.includes('step.approve')) bar.append(button(t().approve, () => ({ type: 'step.approve' }), true));
  if (actions.includes('step.submit') && opened.form.mode !== 'edit') bar.append(button(t().submit, () => ({ type: 'step.submit' }), true));
  if (actions.includes('appraisal.publish')) bar.append(button(t().publish, () => ({ type: 'appraisal.publish' }), true));
  if (actions.includes('step.return')) {
    const step = opened.chain.steps.find((s) => s.id === record.step);
    const to = h('select', {}, ...(step?.returnTo ?? []).map((target) => h('option', { value: target }, stepLabel({ chainId: record.chainId, step: target }))));
    const comment = keepTyped(h('textarea', { required: true }), `${record.id}:return`);
    bar.append(h('label', {}, t().returnTo, to), h('label', {}, t().comment, comment),
      button(t().doReturn, () => (comment.value.trim() ? { type: 'step.return', to: to.value, comment: comment.value.trim() } : (comment.focus(), undefined))));
  }
  if (actions.includes('employee.acknowledge')) bar.append(button(t().acknowledge, () => ({ type: 'employee.acknowledge' }), true));
  if (actions.includes('employee.appeal')) {
    const reason = keepTyped(h('textarea', { required: true }), `${record.id}:appeal`);
    bar.append(h('label', {}, t().appealReason, reason),
      button(t().appeal, () => (reason.value.trim() ? { type: 'employee.appeal', comment: reason.value.trim() } : (reason.focus(), undefined))));
  }

  main.replaceChildren(
    h('h1', {}, `${t().scoreTitle}：${employee?.name ?? record.employeeId}`),
    h('p', { class: 'meta' },
      h('span', {}, `${t().number} ${employee?.number ?? ''}`),
      h('span', {}, rubricLabel(record)),
      h('span', {}, `${t().step}：${stepLabel(record)}`),
      h('span', {}, statusBadge(record)),
      record.dueDate ? h('span', {}, `${t().due} ${record.dueDate}`) : null),
    ...[noticeNode()].filter((node): node is HTMLElement => node !== null),
    changed,
    ...(actions.length === 0 ? [h('p', { class: 'notice muted' }, t().readOnly)] : []),
    bar.childElementCount > 0 ? bar : h('span'),
    opened.form,
    h('p', {}, back),
  );
}

async function renderPayslip(main: HTMLElement): Promise<void> {
  const context = kaohe().context;
  if (!context) return;
  const heading = [word('h1', 'payslipTitle'), word('p', 'payslipLead', { class: 'lead' })];
  if (context.service) {
    // Server mode: the payslip element asks the server (service.payslip): it decides who may see it and
    // computes the pay from the stored score, the role's plan and the payroll system's figures; before
    // publication it answers as for an appraisal that does not exist, and the element says so.
    main.replaceChildren(...heading, kaohe().create('kaohe-payslip', { appraisal: `${PERIOD}:${context.user}` }));
    relabel = () => undefined;
    return;
  }
  const record = await context.store.getAppraisal(`${PERIOD}:${context.user}`);
  if (!record || record.status !== 'published' && record.status !== 'appealed') {
    main.replaceChildren(...heading, word('p', 'noPublished', { class: 'panel muted' }));
    relabel = () => undefined;
    return;
  }
  // Pay is the result as published (workflow's publishedResultOf): an appeal's rescore under review is not it.
  const result = kaohe().score(record.published?.sheet ?? record.sheet);
  const planId = kaohe().assignmentFor(record.employeeId)?.payPlan;
  const plan = planId === undefined ? undefined : context.payPlans[planId];
  // (kaohe-payslip is defined when its module arrives: Kaohe.create asks the script tag's loader for it.)
  if (plan) {
    // The payslip computes pay itself from the plan and the month's inputs; the viewer and directory come from the context.
    const input = { employee: record.employeeId, period: record.period, values: payrollValues(plan.inputs ?? [], record.employeeId, result) };
    main.replaceChildren(...heading, kaohe().create('kaohe-payslip', { record, plan, input, chain: context.chains[record.chainId] }));
    relabel = () => undefined;
    return;
  }
  main.replaceChildren(...heading, h('div', { class: 'panel' },
    h('p', { class: 'meta' }, h('span', {}, rubricLabel(record)), h('span', {}, PERIOD), statusBadge(record)),
    h('div', { class: 'summary' },
      h('div', {}, t().work, h('strong', {}, result.work)),
      result.attendance !== null ? h('div', {}, t().attendance, h('strong', {}, result.attendance)) : null,
      h('div', {}, t().monthly, h('strong', {}, result.monthly)))));
}

const chunks = new Map<string, Promise<void>>();

/** Adds a chunk's script tag once (allowed by script-src 'self') and waits for `tag` to be defined. */
function loadChunk(src: string, tag: string, missing: string): Promise<void> {
  if (customElements.get(tag)) return Promise.resolve();
  let loading = chunks.get(src);
  if (!loading) {
    loading = new Promise<void>((resolve, reject) => {
      const script = h('script', { src });
      script.addEventListener('load', () => resolve());
      script.addEventListener('error', () => {
        chunks.delete(src);
        script.remove();
        reject(new Error(`${missing}: ${src}`));
      });
      document.head.append(script);
    }).then(() => customElements.whenDefined(tag)).then(() => undefined);
    chunks.set(src, loading);
  }
  return loading;
}

const loadFormBuilder = (): Promise<void> => loadChunk(FORM_BUILDER_SRC, 'kaohe-form-builder', t().builderMissing);

async function loadHr(): Promise<KaoheHr> {
  await loadChunk(HR_SRC, 'kaohe-annual', t().hrMissing);
  if (!window.KaoheHr) throw new Error(`${t().hrMissing}: ${HR_SRC}`);
  return window.KaoheHr;
}

interface FormBuilderElement extends HTMLElement {
  roleId: string;
  draft: unknown;
  chain: unknown;
}

let keptBuilder: { element: FormBuilderElement; role: string; user: string } | undefined;

async function renderBuilder(main: HTMLElement): Promise<void> {
  const context = kaohe().context;
  if (!context) return;
  const heading = [word('h1', 'builderTitle'), word('p', 'builderLead', { class: 'lead' })];
  main.replaceChildren(...heading, h('p', { class: 'muted', role: 'status' }, t().builderLoading));
  await loadFormBuilder();

  const roles = Object.keys(context.assignments).filter((role) => roleLabels[role]);
  const select = h('select', {}, ...roles.map((role) => h('option', { value: role }, label(roleLabels[role]))));
  // The builder (and HR's unpublished edits in it) stays the same element when HR leaves the page and comes back (issue 16).
  const kept = keptBuilder?.user === context.user ? keptBuilder : undefined;
  const builder = kept?.element ?? kaohe().create('kaohe-form-builder') as unknown as FormBuilderElement;
  const show = (role: string): void => {
    const assignment = context.assignments[role];
    if (!assignment) return;
    keptBuilder = { element: builder, role, user: context.user };
    builder.roleId = role;
    // The builder edits a copy: the presets are frozen.
    builder.draft = structuredClone(kaohe().presets.rubrics[assignment.rubric] ?? context.rubrics[assignment.rubric]);
    builder.chain = context.chains[assignment.chain];
  };
  select.addEventListener('change', () => show(select.value));
  const status = h('div', { id: 'builder-status' });
  if (!kept) {
    // Added once per builder element: the status line is looked up when the event comes, as the page may have been drawn again.
    const say = (node: HTMLElement) => document.getElementById('builder-status')?.replaceChildren(node);
    // The builder asks before it publishes; the host decides who may (design.md: HR configures rubrics).
    builder.addEventListener('kaohe-rubric-publish-request', (event) => {
      if (kaohe().context?.person?.roles.includes('hr')) return;
      event.preventDefault();
      say(h('div', { class: 'notice error', role: 'alert' }, t().builderHrOnly));
    });
    builder.addEventListener('kaohe-rubric-published', (event) => {
      const rubric = kaohe().loadRubric((event as Event & { rubric: unknown }).rubric);
      say(h('div', { class: 'notice ok', role: 'status' }, `${t().builderPublished}: ${rubric.id} v${rubric.version}`));
    });
  }
  if (kept) select.value = kept.role;
  else if (roles[0]) show(roles[0]);
  main.replaceChildren(...heading, h('p', {}, h('label', {}, word('span', 'builderRole'), ' ', select)), status, builder);
  relabel = () => {
    for (const option of select.options) option.textContent = label(roleLabels[option.value]);
  };
}

async function renderHrMonth(main: HTMLElement): Promise<void> {
  const context = kaohe().context;
  if (!context) return;
  const heading = [word('h1', 'hrTitle'), word('p', 'hrLead', { class: 'lead' })];
  // The host decides who sees a page (design.md: HR publishes and exports); the chunk is not even fetched for others.
  if (!context.person?.roles.includes('hr')) {
    main.replaceChildren(word('h1', 'hrTitle'), word('div', 'hrOnly', { class: 'notice error', role: 'alert', 'data-not-available': true }));
    relabel = () => undefined;
    return;
  }
  main.replaceChildren(...heading, h('p', { class: 'muted', role: 'status' }, t().hrLoading));
  const hr = await loadHr();
  // HR's reads through the service (with a server, its /hr routes: the figures are computed there, and
  // no appraisal comes into the page).
  // Roles are shown in the order their first entry comes: the sales force first, as the sign-in switch lists them.
  const roleOrder = Object.keys(roleLabels);
  const rank = (role: string): number => (roleOrder.includes(role) ? roleOrder.indexOf(role) : roleOrder.length);
  const entries = (await hr.distribution(PERIOD)).sort((a, b) => rank(a.role) - rank(b.role));
  // The element names the presets' roles itself, in the inbox's words; `roleLabels` is for a host's own roles.
  const distribution = kaohe().create('kaohe-score-distribution', { period: PERIOD, entries });
  // The payroll system's figures besides the scores (pay total, plan completion …): with a server, the
  // server's own (the demo server is configured with them); in the single-browser mode, the page's.
  const payroll = await hr.payroll(PERIOD, context.service ? {} : (appraisal, plan) => payrollValues(plan.inputs ?? [], appraisal.record.employeeId, appraisal.score));
  const departments = [...new Set(payroll.map((entry) => entry.department ?? ''))].filter((department) => department !== '').sort();
  const exports = departments.map((department) => h('section', { class: 'export-row', 'data-department': department },
    h('h3', {}, department),
    kaohe().create('kaohe-payroll-export', { entries: payroll, department, period: PERIOD })));
  main.replaceChildren(...heading,
    h('div', { class: 'panel' }, distribution),
    word('h2', 'payrollTitle'),
    word('p', 'payrollLead', { class: 'lead' }),
    ...(exports.length > 0 ? [h('div', { class: 'panel exports' }, ...exports)] : [word('p', 'payrollNone', { class: 'panel muted' })]));
  // The distribution and the exports speak the new language themselves.
  relabel = () => undefined;
}

interface AnnualElement extends HTMLElement {
  employeeId: string;
  year: number;
  months: unknown[];
  peers: unknown[];
  divisor: 'twelve' | 'appraised';
}

async function renderMyYear(main: HTMLElement): Promise<void> {
  const context = kaohe().context;
  if (!context) return;
  const heading = [word('h1', 'yearTitle'), word('p', 'yearLead', { class: 'lead' })];
  main.replaceChildren(...heading, h('p', { class: 'muted', role: 'status' }, t().hrLoading));
  const hr = await loadHr();
  // An employee's year counts published results only (an appeal in progress keeps the published score). The
  // service hands a non-HR reader their own months and their peers' figures without names, for the ranks.
  let shown = await hr.annualYear(state.year);
  const annual = kaohe().create('kaohe-annual', { employeeId: context.user }) as AnnualElement;
  const running = h('p', { class: 'muted small', 'data-running': true });
  const sayRunning = (): void => {
    const mine = shown.months[context.user] ?? [];
    // C-3 is computed in January for the year before: a year still running is a figure so far.
    running.textContent = state.year === Number(kaohe().businessDay().slice(0, 4)) && mine.length > 0 ? t().yearRunning.replace('{n}', String(mine.length)) : '';
  };
  const show = (): void => {
    annual.year = state.year;
    annual.divisor = state.divisor;
    annual.peers = shown.peers;
    annual.months = shown.months[context.user] ?? [];
    sayRunning();
  };
  const year = h('select', { 'data-year': true }, ...YEARS.map((y) => h('option', { value: String(y), selected: y === state.year }, String(y))));
  year.addEventListener('change', () => {
    state.year = Number(year.value);
    void hr.annualYear(state.year).then((next) => { shown = next; show(); });
  });
  const divisor = h('select', { 'data-divisor': true },
    word('option', 'divisorTwelve', { value: 'twelve', selected: state.divisor === 'twelve' }),
    word('option', 'divisorAppraised', { value: 'appraised', selected: state.divisor === 'appraised' }));
  divisor.addEventListener('change', () => { state.divisor = divisor.value === 'appraised' ? 'appraised' : 'twelve'; show(); });
  show();

  // The demo's own hint, not the product's: who to sign in as for a year with history. It is what the demo
  // seeded (seed.ts), not a read of anyone's appraisals; names only of the people this person may be told of.
  const hint = HISTORY_PEOPLE.includes(context.user) ? null : h('p', { class: 'notice info' }, word('span', 'yearNone'), ' ',
    HISTORY_PEOPLE.map((id) => person(id)?.name ?? demoName(id)).join('、'));
  main.replaceChildren(...heading,
    h('p', { class: 'controls' }, h('label', {}, word('span', 'year'), ' ', year), h('label', {}, word('span', 'divisor'), ' ', divisor)),
    ...(hint ? [hint] : []),
    h('div', { class: 'panel' }, annual, running));
  // The annual element and the year chosen stay; the running-year sentence is the page's own.
  relabel = sayRunning;
}

async function renderOverview(main: HTMLElement): Promise<void> {
  const context = kaohe().context;
  if (!context) return;
  // Server mode: the server answers a person only with what they take part in — their tasks, page by
  // page (the views the service gives); the single-browser mode reads its own store's whole month.
  const items = context.service ? await allTasks(context.service, context.user) : (await context.store.listAppraisals({ period: PERIOD, limit: 1000 })).items;
  const counts = new Map<string, number>();
  for (const record of items) counts.set(record.status, (counts.get(record.status) ?? 0) + 1);
  const rows = items.map((record) => {
    const employee = person(record.employeeId);
    const open = h('button', { type: 'button', class: 'link' }, employee?.name ?? record.employeeId);
    open.addEventListener('click', () => go('score', record.id));
    return h('tr', {},
      h('td', {}, open),
      h('td', {}, employee?.number ?? ''),
      h('td', {}, employee?.region ?? employee?.department ?? ''),
      h('td', {}, rubricLabel(record)),
      h('td', {}, stepLabel(record)),
      h('td', {}, record.assignees.map((id) => person(id)?.name ?? id).join('、') || '—'),
      h('td', {}, statusBadge(record)));
  });
  main.replaceChildren(
    h('h1', {}, t().overviewTitle),
    h('p', { class: 'lead' }, context.service ? t().overviewServerLead : t().overviewLead),
    h('p', { class: 'meta' }, ...[...counts].map(([status, n]) => h('span', {}, `${t().status[status as AppraisalStatus]} ${n}${t().count}`))),
    h('table', { class: 'list' },
      h('thead', {}, h('tr', {}, ...[t().employee, t().number, t().region, t().rubric, t().step, t().assignees, t().state].map((text) => h('th', { scope: 'col' }, text)))),
      h('tbody', {}, ...rows)));
}

/** Every task of the person, read page by page from the service (at most 2,000: the overview is a table, not a report). */
async function allTasks(service: NonNullable<KaoheContext['service']>, user: string): Promise<TaskAppraisal[]> {
  const views: TaskAppraisal[] = [];
  let cursor: string | undefined;
  do {
    const page = await service.tasks(user, { limit: 200, ...(cursor !== undefined ? { cursor } : {}) });
    views.push(...page.items.map((item) => item.appraisal));
    cursor = page.nextCursor;
  } while (cursor !== undefined && views.length < 2000);
  return views;
}

function go(page: Page, openId?: string): void {
  state.page = page;
  state.openId = openId ?? (page === 'score' ? state.openId : undefined);
  const hash = openId ? `#${page}/${encodeURIComponent(openId)}` : `#${page}`;
  if (location.hash !== hash) history.pushState(null, '', hash);
  void render().then(() => content().focus());
}

function readHash(): void {
  const [page, id] = location.hash.slice(1).split('/');
  state.page = pages.find((candidate) => candidate === page) ?? 'tasks';
  state.openId = id ? decodeURIComponent(id) : undefined;
}

/** Server mode: the people, their appraisals and every decision are the Kaohe server's; the page holds none. */
async function startOnServer(api: KaoheApi, server: string): Promise<void> {
  const signedIn = await signIn();
  state.signedIn = signedIn;
  await api.loadPresets();
  await api.configure({
    server, token: (request) => signedIn.token(request), user: signedIn.person.id, locale: state.locale,
    chains: [shopChain], assignments, timeZone: TIME_ZONE,
  });
  translateChrome();
  // On every page: whether the server answers and how much of the person's work waits in this browser
  // (the client's outbox), as the form shows it too.
  document.getElementById('today')?.after(api.create('kaohe-outbox-status', { id: 'connection' }));
  // The intranet's menu says how much waits for the person, as intranets do, and follows the server's
  // live notices: another person's submit shows here without a reload.
  if (api.context?.service) api.context.service.subscribe(api.context.user, () => void showTaskCount());
  await showTaskCount();
}

/** Server mode: the number of appraisals waiting for the signed-in person, beside "My tasks". */
async function showTaskCount(): Promise<void> {
  const context = kaohe().context;
  const link = document.querySelector('[data-page="tasks"]');
  if (!context?.service || !link) return;
  const count = await context.service.countTasks(context.user);
  let badge = document.getElementById('task-count');
  if (!badge) {
    badge = h('span', { id: 'task-count', class: 'count' });
    link.after(badge);
  }
  badge.textContent = String(count);
  badge.dataset['count'] = String(count);
}

async function start(): Promise<void> {
  const api = kaohe();
  const server = serverAddress();
  if (server !== undefined) await startOnServer(api, server);
  else await startLocal(api);
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-locale]')) {
    button.addEventListener('click', () => {
      const locale = button.dataset['locale'];
      if (isLocale(locale)) switchLocale(locale);
    });
  }
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-page]')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      go(link.dataset['page'] as Page);
    });
  }
  document.getElementById('reset')?.addEventListener('click', () => void reset());
  window.addEventListener('popstate', () => { readHash(); void render(); });
  readHash();
  await render();
}

async function startLocal(api: KaoheApi): Promise<void> {
  const directory = buildDirectory();
  const saved = localStorage.getItem(USER_KEY);
  const user = saved && directory.people.some((p) => p.id === saved) ? saved : 'RM1';
  // The demo's rubrics are the presets: kaohe-presets.js comes by its own script tag (then this
  // resolves at once); a page without the tag would fetch it from beside kaohe.iife.js here.
  await api.loadPresets();
  await api.configure({
    user, directory, databaseName: DATABASE, locale: state.locale,
    chains: [shopChain], assignments, now: DEMO_NOW, timeZone: TIME_ZONE,
  });
  translateChrome();
  const status = document.getElementById('status');
  const seeded = await seed(api, (done, total) => { if (status) status.textContent = `${t().seeding} ${done}/${total}`; });
  if (seeded > 0) console.info(`Kaohe demo: seeded ${seeded} appraisals (${PERIOD} for everyone, the eleven months before it for seven salespeople)`);

  (document.getElementById('user-switch') as HTMLSelectElement).addEventListener('change', (event) => {
    const id = (event.target as HTMLSelectElement).value;
    api.setUser(id);
    localStorage.setItem(USER_KEY, id);
    go('tasks');
  });
}

async function reset(): Promise<void> {
  if (state.signedIn) {
    // The intranet's backend wipes the server's demo database and writes the company again through Kaohe's API.
    content().replaceChildren(h('p', { class: 'muted', role: 'status' }, t().resetting));
    const response = await fetch('/session/reset-demo', { method: 'POST', credentials: 'same-origin' });
    if (!response.ok) {
      content().replaceChildren(h('div', { class: 'notice error', role: 'alert' }, `${t().refused}: ${response.status}`));
      return;
    }
    location.hash = '';
    location.reload();
    return;
  }
  await kaohe().context?.store.close();
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(DATABASE);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
  localStorage.removeItem(USER_KEY);
  location.hash = '';
  location.reload();
}

function boot(): void {
  if (!window.Kaohe) {
    content().replaceChildren(h('div', { class: 'notice error', role: 'alert' }, 'kaohe.iife.js did not load: run `npm start` from the repository root.'));
    return;
  }
  start().catch((error: unknown) => {
    console.error(error);
    content().replaceChildren(h('div', { class: 'notice error', role: 'alert' }, error instanceof Error ? error.message : String(error)));
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
