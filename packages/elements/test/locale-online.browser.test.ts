// A language switched while offline (on a train): the words' import fails, the rubric form shows zh-Hant
// and says so in its lang, and once the browser is back online the words are imported again by
// themselves — once per locale still wanted — and the form speaks the person's language. Its own page:
// only the rubric form's catalogue is here, so no other catalogue's arrival renders the form meanwhile.
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { loadRubric, type Rubric, type Sheet } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import type { KaoheRubricForm } from '../src/kaohe-rubric-form/register.ts';
import { baseCatalogue, setLocale } from '../src/base/locale.ts';

const salesperson: Rubric = loadRubric(rubricPresets['R-SP']);
const sheet: Sheet = { rubric: salesperson.id, rubricVersion: salesperson.version, employee: 'E1001', period: '2026-10', attendance: { absentDays: '0' }, entries: {} };
const textOf = (node: Element | ShadowRoot | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

type Load = (typeof baseCatalogue.load)['en'];

describe('words that failed to load while offline', () => {
  const load: { en: Load; 'zh-Hans': Load } = baseCatalogue.load;
  const real = { ...load };
  const consoleError = console.error;
  after(() => {
    Object.assign(load, real);
    console.error = consoleError;
    setLocale('zh-Hant');
  });

  it('are imported again once when the browser is back online, and both forms then speak English', async () => {
    await import('../src/kaohe-rubric-form/register.ts');
    // the network: each import of the words' chunk is noted, and fails while the browser is offline
    const imports: string[] = [];
    let reachable = false;
    for (const locale of ['en', 'zh-Hans'] as const) {
      load[locale] = () => {
        imports.push(locale);
        return reachable ? real[locale]() : Promise.reject(new TypeError(`Failed to fetch dynamically imported module: locale.${locale}.js`));
      };
    }
    const errors: unknown[] = [];
    console.error = (...args: unknown[]) => { errors.push(args[0]); };

    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <kaohe-rubric-form .rubric=${salesperson} .sheet=${sheet} mode="edit"></kaohe-rubric-form>
      <kaohe-rubric-form .rubric=${salesperson} .sheet=${sheet} mode="readonly"></kaohe-rubric-form></div>`);
    const forms = [...wrapper.querySelectorAll<KaoheRubricForm>('kaohe-rubric-form')];
    const shown = (form: KaoheRubricForm) => {
      const part = form.shadowRoot!.querySelector('[part="form"]')!;
      return { lang: part.getAttribute('lang'), title: textOf(part.querySelector('h2')), hint: textOf(part.querySelector('#absent-hint')) };
    };
    const zhHant = { lang: 'zh-Hant', title: '銷售員日常工作考核', hint: '半天按一天計（C-2）。' };
    for (const form of forms) expect(shown(form)).to.deep.equal(zhHant);

    // zh-Hans, then en, both while offline: each fails, and the forms stay in zh-Hant and say so
    setLocale('zh-Hans');
    await Promise.all(forms.map((form) => form.updateComplete));
    setLocale('en');
    await Promise.all(forms.map((form) => form.updateComplete));
    for (const form of forms) expect(shown(form)).to.deep.equal(zhHant);
    expect(imports).to.include.members(['zh-Hans', 'en']);
    expect(String(errors.at(-1))).to.match(/^Kaohe: the en words did not load/);

    // the network is back, but nothing has told the page yet: nothing is tried
    imports.length = 0;
    reachable = true;
    await aTimeout(300);
    expect(imports).to.deep.equal([]);
    for (const form of forms) expect(shown(form)).to.deep.equal(zhHant);

    // the browser says it is online: en (still wanted; zh-Hans no longer is) is imported once for both forms
    window.dispatchEvent(new Event('online'));
    const english = { lang: 'en', title: 'Salesperson — daily work', hint: 'A half day counts as a whole day (C-2).' };
    await waitUntil(() => forms.every((form) => shown(form).hint === english.hint), 'the forms still show zh-Hant after the online event', { timeout: 2000 });
    for (const form of forms) expect(shown(form)).to.deep.equal(english);
    expect(textOf(forms[0]!.shadowRoot)).to.contain('Absent days A half day counts as a whole day (C-2).');
    expect(imports).to.deep.equal(['en']);
  });

  it('a form taken off the page while its words load does not import them when the browser is back online', async () => {
    setLocale('zh-Hant');
    const imports: string[] = [];
    let fail: (error: Error) => void = () => undefined;
    load['zh-Hans'] = () => {
      imports.push('zh-Hans');
      return new Promise((_, reject) => { fail = reject; });
    };
    console.error = () => undefined;
    const form = await fixture<KaoheRubricForm>(html`<kaohe-rubric-form .rubric=${salesperson} .sheet=${sheet} mode="readonly"></kaohe-rubric-form>`);
    setLocale('zh-Hans');
    await waitUntil(() => imports.length > 0, 'the zh-Hans words were not asked for');
    form.remove();
    fail(new TypeError('Failed to fetch dynamically imported module: locale.zh-Hans.js'));
    await aTimeout(50);
    const before = imports.length;
    load['zh-Hans'] = () => { imports.push('zh-Hans'); return real['zh-Hans'](); };
    window.dispatchEvent(new Event('online'));
    await aTimeout(300);
    // nobody on the page wants them: the detached form neither listened nor imported them again
    expect(imports.length).to.equal(before);
  });
});
