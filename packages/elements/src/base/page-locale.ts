// The page-wide locale every Kaohe element follows (zh-Hant until the host says otherwise). Apart from
// the catalogues (locale.ts), so the script-tag loader and the API can switch it without carrying any words.
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
