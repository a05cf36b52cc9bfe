import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { getLocale, isLocale, localeLoading, msg, onLocaleChange, onWordsLoaded, wordsVersion, type Locale, type MessageKey } from './locale.ts';
import { tokenStyles } from './tokens.styles.ts';

/** The version of @kaohe/elements this copy belongs to, told when a tag is defined twice. */
export const KAOHE_ELEMENTS_VERSION = '0.1.0';

/**
 * The base of every Kaohe element: a guarded `define`, the shared tokens and a `locale` that
 * follows the page-wide locale (see `setLocale`) unless the element is given its own.
 */
export class KaoheElement extends LitElement {
  static override styles = [tokenStyles];

  /** Which copy of the elements defined a class; two bundles on one page are told apart by it. */
  static readonly kaoheVersion: string = KAOHE_ELEMENTS_VERSION;

  /**
   * Defines `tag` for this class, once. A page that loads two copies of the elements (two bundles,
   * two versions) keeps the first definition and is warned, instead of failing with a
   * "has already been used" DOMException from the second bundle.
   */
  static define(this: CustomElementConstructor & { kaoheVersion?: string }, tag: string): void {
    const existing = customElements.get(tag) as (CustomElementConstructor & { kaoheVersion?: string }) | undefined;
    if (!existing) {
      customElements.define(tag, this);
      return;
    }
    if (existing === this) return;
    const theirs = existing.kaoheVersion ?? 'another library';
    console.warn(`<${tag}> is already defined by ${theirs === 'another library' ? theirs : `@kaohe/elements ${theirs}`}; `
      + `this copy (@kaohe/elements ${this.kaoheVersion ?? KAOHE_ELEMENTS_VERSION}) was not registered. Load the elements once per page.`);
  }

  #ownLocale: Locale | undefined;
  #unsubscribeLocale: (() => void) | undefined;
  #unsubscribeWords: (() => void) | undefined;
  /** The locale whose words failed to load for the last render: imported again when the browser is back online. */
  #wordsMissing: Locale | undefined;

  /**
   * What the words on screen follow from: the locale and which words have arrived. A guard keyed on it
   * renders again when the words of its locale arrive after a render that had to fall back to zh-Hant.
   */
  protected get wordsKey(): string {
    return `${this.locale}#${wordsVersion()}`;
  }

  /**
   * The language the element speaks: zh-Hant, zh-Hans or en. Unset, it follows the page-wide
   * locale; set (property or `locale` attribute), it pins this element.
   */
  @property({ attribute: 'locale' })
  get locale(): Locale {
    return this.#ownLocale ?? getLocale();
  }

  set locale(value: Locale | undefined | null) {
    const old = this.locale;
    this.#ownLocale = isLocale(value) ? value : undefined;
    this.requestUpdate('locale', old);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The page may have switched language while this element was detached; words that failed are tried again.
    if (this.hasUpdated && (this.#ownLocale === undefined || this.#wordsMissing !== undefined)) this.requestUpdate();
    let followed = getLocale();
    this.#unsubscribeLocale = onLocaleChange((next) => {
      const old = followed;
      followed = next;
      if (this.#ownLocale === undefined) this.requestUpdate('locale', old);
    });
    // words that arrive late (a render that fell back, a failed import a later one retried) are shown
    this.#unsubscribeWords = onWordsLoaded((locale) => {
      if (locale === this.locale) this.requestUpdate();
    });
  }

  /**
   * Renders once the words of the element's locale are here: the catalogues carry zh-Hant, and another
   * locale's words are imported when an element first speaks it (`updateComplete` waits for them too).
   * The locale is read again after each wait — it may have switched meanwhile — until its words are
   * here; if they fail to load the element shows zh-Hant and renders again when a later import brings them,
   * or imports them again itself when the browser is back online.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const loading = localeLoading(this.locale);
    if (!loading) {
      if (this.#wordsMissing !== undefined) this.#stopWaitingOnline();
      return super.scheduleUpdate();
    }
    return this.#renderWhenSpoken(loading);
  }

  async #renderWhenSpoken(first: Promise<void>): Promise<unknown> {
    for (let loading: Promise<void> | undefined = first; loading; loading = localeLoading(this.locale)) {
      const locale = this.locale;
      try {
        await loading;
      } catch (error) {
        // the same locale failing again would loop: show zh-Hant now, the words listener renders their arrival
        if (locale === this.locale) {
          console.error(`Kaohe: the ${locale} words did not load; showing zh-Hant words`, error);
          this.#wordsMissing = locale;
          // an element taken off the page while its words loaded does not listen (window would keep it);
          // connectedCallback asks again if it comes back
          if (this.isConnected) window.addEventListener('online', this.#retryOnline);
          return super.scheduleUpdate();
        }
      }
    }
    if (this.#wordsMissing !== undefined) this.#stopWaitingOnline();
    return super.scheduleUpdate();
  }

  /**
   * Back online: the words that failed are imported again if the element still speaks their locale. Every
   * element that wanted them asks at once, and locale.ts imports each catalogue's words once for all of them.
   */
  readonly #retryOnline = (): void => {
    const missing = this.#wordsMissing;
    this.#stopWaitingOnline();
    if (missing === this.locale) this.requestUpdate();
  };

  #stopWaitingOnline(): void {
    this.#wordsMissing = undefined;
    window.removeEventListener('online', this.#retryOnline);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribeLocale?.();
    this.#unsubscribeLocale = undefined;
    this.#unsubscribeWords?.();
    this.#unsubscribeWords = undefined;
    // kept in #wordsMissing: connectedCallback tries again
    window.removeEventListener('online', this.#retryOnline);
  }

  /** A message of the elements' catalogue in this element's locale. */
  protected msg(key: MessageKey, params?: Record<string, string | number>): string {
    return msg(key, this.locale, params);
  }
}
