import { expect, fixture, html } from '@open-wc/testing';
import { KaoheElement, KaoheRubricForm, getLocale, msg, onLocaleChange, setLocale } from '../src/index.ts';

class Probe extends KaoheElement {
  override render() {
    return html`<p>${this.msg('monthly')}</p>`;
  }
}

describe('KaoheElement', () => {
  afterEach(() => setLocale('zh-Hant'));

  it('a second copy defining a tag already taken is warned about instead of throwing', () => {
    Probe.define('kaohe-probe-a');
    class OtherCopy extends KaoheElement {
      static override readonly kaoheVersion = '9.9.9';
    }
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => { warnings.push(args.join(' ')); };
    try {
      expect(() => OtherCopy.define('kaohe-probe-a')).not.to.throw();
      Probe.define('kaohe-probe-a');
    } finally {
      console.warn = warn;
    }
    expect(customElements.get('kaohe-probe-a')).to.equal(Probe);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('<kaohe-probe-a> is already defined by @kaohe/elements 0.1.0');
    expect(warnings[0]).to.contain('9.9.9');
  });

  it('importing the package defines nothing; register.ts defines kaohe-rubric-form', async () => {
    expect(customElements.get('kaohe-rubric-form')).to.equal(undefined);
    await import('../src/register.ts');
    expect(customElements.get('kaohe-rubric-form')).to.equal(KaoheRubricForm);
  });

  it('every connected element follows the page-wide locale, and stops when given its own', async () => {
    Probe.define('kaohe-probe-a');
    const el = await fixture<Probe>(html`<kaohe-probe-a></kaohe-probe-a>`);
    expect(el.shadowRoot!.textContent).to.contain('月度考核得分');
    setLocale('en');
    await el.updateComplete;
    expect(el.locale).to.equal('en');
    expect(el.shadowRoot!.textContent).to.contain('Monthly score');
    el.locale = 'zh-Hans';
    setLocale('zh-Hant');
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('月度考核得分');
    expect(el.locale).to.equal('zh-Hans');
  });

  it('an element detached while the page switched language speaks the new one when it returns', async () => {
    Probe.define('kaohe-probe-a');
    const el = await fixture<Probe>(html`<kaohe-probe-a></kaohe-probe-a>`);
    const parent = el.parentElement!;
    el.remove();
    setLocale('en');
    parent.append(el);
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('Monthly score');
  });

  it('the catalogue speaks all three languages and refuses unknown locales', () => {
    expect([msg('submit', 'zh-Hant'), msg('submit', 'zh-Hans'), msg('submit', 'en')]).to.deep.equal(['提交', '提交', 'Submit']);
    expect(msg('stillToScore', 'en', { ids: 'FS-1, FS-5' })).to.equal('Still to score: FS-1, FS-5');
    const heard: string[] = [];
    const stop = onLocaleChange((l) => heard.push(l));
    setLocale('zh-Hans');
    stop();
    setLocale('en');
    expect(heard).to.deep.equal(['zh-Hans']);
    expect(getLocale()).to.equal('en');
    expect(() => setLocale('fr' as never)).to.throw(/Unknown locale/);
  });
});
