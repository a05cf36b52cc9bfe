// The runtime locale every Kaohe element follows, and the few words the elements say themselves.
// Rubric labels and rule wording come from the rubric and from @kaohe/scoring's describeRule; this
// catalogue holds only the chrome around them (buttons, headings, status lines).
import type { Locale } from '@kaohe/scoring';

export type { Locale };
export { getLocale, isLocale, locales, onLocaleChange, setLocale } from './page-locale.ts';

/** The values a message fills in: `{ n: 3 }` for "3 selected". */
export type MessageParams = Record<string, string | number>;
/** One entry of a catalogue: fixed words, or words built from their parameters. */
export type Message = string | ((params: MessageParams) => string);

/**
 * A catalogue: every key's words in every locale. Complete by type — a locale missing a key, or
 * holding one zh-Hant does not have, fails the type check — and each locale written out in full,
 * never spread from another (zh-Hans is simplified Chinese, not zh-Hant with a few words changed;
 * test/catalogues.test.ts checks it holds no traditional-only character).
 */
export type Catalogue<K extends string> = Readonly<Record<Locale, Readonly<Record<K, Message>>>>;

/** The locale every catalogue carries with its module (the page-wide default); the others load on demand. */
export const defaultLocale = 'zh-Hant' satisfies Locale;
type OtherLocale = Exclude<Locale, typeof defaultLocale>;

/**
 * A catalogue as the elements hold it (issue 14): its zh-Hant words come with the module, and each
 * other locale's are imported (a module of their own beside it) when the page or an element first
 * speaks it, so a page pays only for the language it shows.
 */
export interface LazyCatalogue<K extends string> {
  /** the words of each locale here so far */
  readonly words: Partial<Record<Locale, Readonly<Record<K, Message>>>>;
  readonly load: Readonly<Record<OtherLocale, () => Promise<Readonly<Record<K, Message>>>>>;
}

/** Every catalogue of this copy of the elements whose module has run, and the locales all of them have. */
const catalogues = new Set<LazyCatalogue<string>>();
const complete = new Set<Locale>([defaultLocale]);
const loading = new Map<LazyCatalogue<string>, Map<Locale, Promise<void>>>();
/** Counts the words that arrived: a render that fell back to zh-Hant is out of date once it moves. */
let wordsArrived = 0;
const wordsListeners = new Set<(locale: Locale) => void>();

/** How many times words of some locale have arrived; what a guard keys on beside the locale. */
export function wordsVersion(): number {
  return wordsArrived;
}

/** Hears each arrival of a catalogue's words in a locale (after a fallback, or a failed import retried). Returns the unsubscribe. */
export function onWordsLoaded(listener: (locale: Locale) => void): () => void {
  wordsListeners.add(listener);
  return () => wordsListeners.delete(listener);
}

/** A catalogue of `zhHant`'s keys whose other locales `load` imports; known to `localeLoading` from now on. */
export function catalogue<K extends string>(zhHant: Readonly<Record<K, Message>>, load: LazyCatalogue<K>['load']): LazyCatalogue<K> {
  const made: LazyCatalogue<K> = { words: { [defaultLocale]: zhHant }, load };
  catalogues.add(made as unknown as LazyCatalogue<string>);
  // a new catalogue has only its default words
  for (const locale of complete) if (locale !== defaultLocale) complete.delete(locale);
  return made;
}

function loadInto(entry: LazyCatalogue<string>, locale: OtherLocale): Promise<void> {
  const started = loading.get(entry) ?? new Map<Locale, Promise<void>>();
  loading.set(entry, started);
  let load = started.get(locale);
  if (!load) {
    load = entry.load[locale]().then((words) => {
      (entry.words as Record<Locale, unknown>)[locale] = words;
      wordsArrived += 1;
      for (const listener of [...wordsListeners]) listener(locale);
    });
    started.set(locale, load);
    // a failed import (the network) may be tried again by the next update
    load.catch(() => started.delete(locale));
  }
  return load;
}

/**
 * Undefined when every catalogue on the page has its words in `locale`; else a promise that resolves
 * once they have (importing what is missing). KaoheElement waits for it before it renders.
 */
export function localeLoading(locale: Locale): Promise<void> | undefined {
  if (complete.has(locale)) return undefined;
  const missing = [...catalogues].filter((entry) => entry.words[locale] === undefined);
  if (missing.length === 0) {
    complete.add(locale);
    return undefined;
  }
  return Promise.all(missing.map((entry) => loadInto(entry, locale as OtherLocale))).then(() => undefined);
}

/** The locale whose words `catalogue` gives for `locale`: `locale` once they are here, zh-Hant until then. */
export function wordsLocale<K extends string>(catalogue: LazyCatalogue<K>, locale: Locale): Locale {
  return catalogue.words[locale] === undefined ? defaultLocale : locale;
}

/**
 * `key`'s words in `locale`. The elements' shared catalogue below is closed to extension, so each
 * component that needs words of its own keeps a small catalogue beside it and reads it with this.
 * Words of a locale not loaded yet (read outside a render, just after a switch) are the default
 * locale's until they arrive; the import is started.
 */
export function lookupMessage<K extends string>(catalogue: LazyCatalogue<K>, key: K, locale: Locale, params: MessageParams = {}): string {
  const shown = wordsLocale(catalogue, locale);
  if (shown !== locale) void localeLoading(locale)?.catch(() => undefined);
  const message = catalogue.words[shown]![key];
  return typeof message === 'function' ? message(params) : message;
}

const zhHant = {
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
  problemAttendanceMissing: ({ rule }) => `請填寫缺勤天數（全勤填 0）[${rule}]`,
  problemOutOfRange: ({ item, min, max, got, rule }) => `${item}：請填 ${min} 至 ${max} 之間的數，${got} 超出範圍 [${rule}]`,
  problemAbsentDaysOverMonth: ({ days, period, got, rule }) => `缺勤天數不能超過 ${period} 的 ${days} 天，現填 ${got} [${rule}]`,
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
  draftConflict: '您在另一個分頁或視窗中儲存了此考核的草稿，與本頁的填寫不同。本頁的填寫仍在此，沒有覆蓋那份草稿。請選擇保留哪一份。',
  draftTakeTheirs: '載入另一份草稿',
  draftKeepMine: '保留本頁的填寫（覆蓋另一份）',
} satisfies Record<string, Message>;

export type MessageKey = keyof typeof zhHant;

/** The words of the rubric form and the elements' shared chrome: zh-Hant with the module, en and zh-Hans imported when first spoken. */
export const baseCatalogue: LazyCatalogue<MessageKey> = catalogue<MessageKey>(zhHant, {
  en: () => import('./locale.en.ts').then((module) => module.en),
  'zh-Hans': () => import('./locale.zh-Hans.ts').then((module) => module.zhHans),
});

/** A message of the elements' own catalogue in `locale`, with `{param}` values filled in. */
export function msg(key: MessageKey, locale: Locale, params: MessageParams = {}): string {
  return lookupMessage(baseCatalogue, key, locale, params);
}
