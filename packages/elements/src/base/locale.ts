// The runtime locale every Kaohe element follows, and the few words the elements say themselves.
// Rubric labels and rule wording come from the rubric and from @kaohe/scoring's describeRule; this
// catalogue holds only the chrome around them (buttons, headings, status lines).
import type { Locale } from '@kaohe/scoring';

export type { Locale };

export const locales: readonly Locale[] = Object.freeze(['zh-Hant', 'zh-Hans', 'en']);

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

type Listener = (locale: Locale) => void;

interface LocaleStore {
  locale: Locale;
  readonly listeners: Set<Listener>;
}

// Kept on globalThis under a registered symbol so two copies of the elements on one page (two
// bundles of different versions) still switch together when the host changes the language.
const STORE_KEY = Symbol.for('kaohe.locale-store');

function store(): LocaleStore {
  const holder = globalThis as typeof globalThis & { [STORE_KEY]?: LocaleStore };
  holder[STORE_KEY] ??= { locale: 'zh-Hant', listeners: new Set() };
  return holder[STORE_KEY];
}

/** The page-wide locale (zh-Hant until the host says otherwise). */
export function getLocale(): Locale {
  return store().locale;
}

/** Switches every connected Kaohe element that does not pin its own `locale`. */
export function setLocale(locale: Locale): void {
  if (!isLocale(locale)) throw new TypeError(`Unknown locale "${String(locale)}"; use one of ${locales.join(', ')}.`);
  const s = store();
  if (s.locale === locale) return;
  s.locale = locale;
  for (const listener of [...s.listeners]) listener(locale);
}

/** Hears every switch of the page-wide locale. Returns the unsubscribe. */
export function onLocaleChange(listener: Listener): () => void {
  const s = store();
  s.listeners.add(listener);
  return () => s.listeners.delete(listener);
}

/** The values a message fills in: `{ n: 3 }` for "3 selected". */
export type MessageParams = Record<string, string | number>;
/** One entry of a catalogue: fixed words, or words built from their parameters. */
export type Message = string | ((params: MessageParams) => string);

/**
 * A catalogue: every key's words in every locale. Complete by type — a locale missing a key, or
 * holding one English does not have, fails the type check — and each locale written out in full,
 * never spread from another (zh-Hans is simplified Chinese, not zh-Hant with a few words changed;
 * test/catalogues.test.ts checks it holds no traditional-only character).
 */
export type Catalogue<K extends string> = Readonly<Record<Locale, Readonly<Record<K, Message>>>>;

/**
 * `key`'s words in `locale`. The elements' shared catalogue below is closed to extension, so each
 * component that needs words of its own keeps a small catalogue beside it and reads it with this.
 */
export function lookupMessage<K extends string>(catalogue: Catalogue<K>, key: K, locale: Locale, params: MessageParams = {}): string {
  const message = catalogue[locale][key];
  return typeof message === 'function' ? message(params) : message;
}

const en = {
  points: ({ n }) => `${n} points`,
  deductsFromSection: 'deducts from the section',
  penaltyOnly: 'penalty only',
  score: 'Score',
  itemScore: ({ score, points }) => `${score} of ${points}`,
  sectionScore: ({ score, points }) => `Section: ${score} of ${points}`,
  work: 'Daily work',
  attendance: 'Attendance',
  monthly: 'Monthly score',
  absentDays: 'Absent days',
  absentDaysHint: 'A half day counts as a whole day (C-2).',
  floorApplied: 'floor applied',
  gateBreached: 'section voided by its gate',
  notScored: 'not scored yet',
  count: 'Occurrences',
  misses: 'Misses',
  findings: 'Times found',
  subordinateCases: 'Subordinate cases',
  priorMonths: 'Previous months also not submitted (O-5)',
  decrease: ({ what }) => `One fewer: ${what}`,
  increase: ({ what }) => `One more: ${what}`,
  level: 'Level',
  amount: 'Deduction',
  amountRange: ({ min, max }) => `${min} to ${max}`,
  reason: 'Reason',
  case: 'Case',
  addDeduction: 'Add a deduction',
  removeDeduction: ({ n }) => `Remove deduction ${n}`,
  deductionN: ({ n }) => `Deduction ${n}`,
  noDeductions: 'No deductions.',
  breached: 'Breached',
  gate: 'Gate',
  awardPoints: ({ max }) => `Points (0 to ${max})`,
  measuredValue: 'Measured value',
  target: ({ target }) => `Target (default ${target})`,
  checked: 'Checked',
  passed: 'Passed',
  submit: 'Submit',
  submitBlocked: 'Score every item and fix the problems listed before submitting.',
  stillToScore: ({ ids }) => `Still to score: ${ids}`,
  problems: 'Problems',
  scoresStale: 'The scores shown are from before the last change; fix the problems to update them.',
  announce: ({ monthly }) => `Monthly score ${monthly}`,
  announceProblems: ({ n }) => (Number(n) === 1 ? '1 problem to fix' : `${n} problems to fix`),
  changed: 'Changed',
  changedSince: 'Changed since the previous version',
  comments: 'Comments',
  commentBy: ({ by }) => `${by}:`,
  flags: 'Consequences',
  conflict: ({ stored, base }) => `Someone saved this appraisal (revision ${stored}) after you opened it (revision ${base}). Your entries are kept as a draft and nothing was overwritten; reload to see their changes.`,
  groups: 'Assessed by',
  readOnly: 'read-only',
  submitted: 'Submitted',
  draftNotSaved: 'The draft is not saved yet; trying again.',
} satisfies Record<string, Message>;

export type MessageKey = keyof typeof en;

/** The words of the rubric form and the elements' shared chrome. */
export const baseCatalogue: Catalogue<MessageKey> = {
  en,
  'zh-Hant': {
    points: ({ n }) => `${n}分`,
    deductsFromSection: '從本部分扣分',
    penaltyOnly: '僅扣分',
    score: '得分',
    itemScore: ({ score, points }) => `${score} / ${points}`,
    sectionScore: ({ score, points }) => `本部分：${score} / ${points}`,
    work: '日常工作',
    attendance: '出勤',
    monthly: '月度考核得分',
    absentDays: '缺勤天數',
    absentDaysHint: '半天按一天計（C-2）。',
    floorApplied: '已按最低分計',
    gateBreached: '本部分不得分',
    notScored: '尚未評分',
    count: '次數',
    misses: '缺項數',
    findings: '發現次數',
    subordinateCases: '所轄人員個案',
    priorMonths: '此前連續未上交月數（O-5）',
    decrease: ({ what }) => `減一：${what}`,
    increase: ({ what }) => `加一：${what}`,
    level: '等級',
    amount: '扣分',
    amountRange: ({ min, max }) => `${min}–${max}`,
    reason: '理由',
    case: '情形',
    addDeduction: '新增扣分',
    removeDeduction: ({ n }) => `刪除第${n}項扣分`,
    deductionN: ({ n }) => `第${n}項扣分`,
    noDeductions: '無扣分。',
    breached: '違反',
    gate: '否決條件',
    awardPoints: ({ max }) => `得分（0–${max}）`,
    measuredValue: '實際值',
    target: ({ target }) => `目標（預設${target}）`,
    checked: '抽查數',
    passed: '合格數',
    submit: '提交',
    submitBlocked: '請為每一項評分並修正所列問題後再提交。',
    stillToScore: ({ ids }) => `尚待評分：${ids}`,
    problems: '問題',
    scoresStale: '所示分數為上次修改前的結果；修正問題後即更新。',
    announce: ({ monthly }) => `月度考核得分 ${monthly}`,
    announceProblems: ({ n }) => `有${n}個問題待修正`,
    changed: '已修改',
    changedSince: '與上一版本不同',
    comments: '意見',
    commentBy: ({ by }) => `${by}：`,
    flags: '後果',
    conflict: ({ stored, base }) => `您開啟此考核（版本${base}）後，他人已儲存新版本（版本${stored}）。您的填寫已保存為草稿，未覆蓋任何內容；請重新載入查看對方的修改。`,
    groups: '考核組',
    readOnly: '唯讀',
    submitted: '已提交',
    draftNotSaved: '草稿尚未儲存，正在重試。',
  },
  'zh-Hans': {
    points: ({ n }) => `${n}分`,
    deductsFromSection: '从本部分扣分',
    penaltyOnly: '仅扣分',
    score: '得分',
    itemScore: ({ score, points }) => `${score} / ${points}`,
    sectionScore: ({ score, points }) => `本部分：${score} / ${points}`,
    work: '日常工作',
    attendance: '出勤',
    monthly: '月度考核得分',
    absentDays: '缺勤天数',
    absentDaysHint: '半天按一天计（C-2）。',
    floorApplied: '已按最低分计',
    gateBreached: '本部分不得分',
    notScored: '尚未评分',
    count: '次数',
    misses: '缺项数',
    findings: '发现次数',
    subordinateCases: '所辖人员个案',
    priorMonths: '此前连续未上交月数（O-5）',
    decrease: ({ what }) => `减一：${what}`,
    increase: ({ what }) => `加一：${what}`,
    level: '等级',
    amount: '扣分',
    amountRange: ({ min, max }) => `${min}–${max}`,
    reason: '理由',
    case: '情形',
    addDeduction: '新增扣分',
    removeDeduction: ({ n }) => `删除第${n}项扣分`,
    deductionN: ({ n }) => `第${n}项扣分`,
    noDeductions: '无扣分。',
    breached: '违反',
    gate: '否决条件',
    awardPoints: ({ max }) => `得分（0–${max}）`,
    measuredValue: '实际值',
    target: ({ target }) => `目标（默认${target}）`,
    checked: '抽查数',
    passed: '合格数',
    submit: '提交',
    submitBlocked: '请为每一项评分并修正所列问题后再提交。',
    stillToScore: ({ ids }) => `尚待评分：${ids}`,
    problems: '问题',
    scoresStale: '所示分数为上次修改前的结果；修正问题后即更新。',
    announce: ({ monthly }) => `月度考核得分 ${monthly}`,
    announceProblems: ({ n }) => `有${n}个问题待修正`,
    changed: '已修改',
    changedSince: '与上一版本不同',
    comments: '意见',
    commentBy: ({ by }) => `${by}：`,
    flags: '后果',
    conflict: ({ stored, base }) => `您打开此考核（版本${base}）后，他人已保存新版本（版本${stored}）。您的填写已保存为草稿，未覆盖任何内容；请重新加载查看对方的修改。`,
    groups: '考核组',
    readOnly: '只读',
    submitted: '已提交',
    draftNotSaved: '草稿尚未保存，正在重试。',
  },
};

/** A message of the elements' own catalogue in `locale`, with `{param}` values filled in. */
export function msg(key: MessageKey, locale: Locale, params: MessageParams = {}): string {
  return lookupMessage(baseCatalogue, key, locale, params);
}
