// A second language switch while the first one's words are still loading (its own page: no locale's
// words are here yet when it starts). Every element must end in the last locale's words, and the
// rubric form's untouched sections with it — not in zh-Hant, the fallback a render used meanwhile.
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { loadRubric, type Rubric, type Sheet } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import '../src/register.ts';
import '../src/kaohe-outbox-status/register.ts';
import { sendKeys } from './keyboard.ts';
import { catalogue, lookupMessage } from '../src/base/locale.ts';
import { KaoheElement, setLocale, type KaoheOutboxStatus, type KaoheRubricForm } from '../src/index.ts';

const salesperson: Rubric = loadRubric(rubricPresets['R-SP']);
const sheet: Sheet = { rubric: salesperson.id, rubricVersion: salesperson.version, employee: 'E1001', period: '2026-10', attendance: { absentDays: '0' }, entries: {} };
const offline = { status: { online: false, waiting: 2, refused: 0 }, onStatus: () => () => undefined };
const textOf = (node: Element | ShadowRoot | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('a second language switch during the first one\'s load', () => {
  after(() => setLocale('zh-Hant'));

  it('outbox status and the rubric form, typed in afterwards, speak zh-Hans, untouched sections too', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <kaohe-outbox-status .outbox=${offline}></kaohe-outbox-status>
      <kaohe-rubric-form .rubric=${salesperson} .sheet=${sheet} mode="edit"></kaohe-rubric-form></div>`);
    const status = wrapper.querySelector<KaoheOutboxStatus>('kaohe-outbox-status')!;
    const form = wrapper.querySelector<KaoheRubricForm>('kaohe-rubric-form')!;
    expect(textOf(status.shadowRoot)).to.equal('離線中。有 2 項變更保存在此瀏覽器，連線恢復後依序送出。');

    setLocale('en');
    await aTimeout(0);
    setLocale('zh-Hans');
    await aTimeout(1500);

    expect(textOf(status.shadowRoot)).to.equal('离线中。有 2 项更改保存在此浏览器，连接恢复后依次发送。');
    const root = form.shadowRoot!;
    const row = (id: string) => textOf(root.querySelector(`[data-item="${id}"]`));
    expect(textOf(root)).to.contain('缺勤天数 半天按一天计（C-2）。');
    expect(row('SP-D1')).to.contain('次数 − + 此前连续未上交月数（O-5） 得分: 0.00');
    expect(row('SP-W3')).to.contain('缺项数 − + 得分: 10.00 / 10.00');

    // a score typed in the information section renders that section; the others keep their zh-Hans words
    root.querySelector<HTMLInputElement>('[data-item="SP-Q"] input')!.focus();
    await sendKeys({ type: '3' });
    await form.updateComplete;
    expect(row('SP-Q')).to.contain('得分（0–5） 得分: 3.00 / 5.00');
    expect(row('SP-D1')).to.contain('次数 − + 此前连续未上交月数（O-5） 得分: 0.00');
    expect(row('SP-W3')).to.contain('缺项数 − + 得分: 10.00 / 10.00');
    expect(textOf(root)).to.contain('缺勤天数 半天按一天计（C-2）。');
    expect(textOf(root)).not.to.match(/[數項計經]/u);
    expect(textOf(status.shadowRoot)).to.equal('离线中。有 2 项更改保存在此浏览器，连接恢复后依次发送。');
  });

  it('an element whose words failed to load shows them once a later import brings them', async () => {
    let online = false;
    const words = catalogue<'hello'>({ hello: '你好' }, {
      en: () => (online ? Promise.resolve({ hello: 'Hello' }) : Promise.reject(new TypeError('Failed to fetch dynamically imported module'))),
      'zh-Hans': () => Promise.resolve({ hello: '你好' }),
    });
    class Greeting extends KaoheElement {
      protected override render(): string {
        return lookupMessage(words, 'hello', this.locale);
      }
    }
    Greeting.define('test-greeting');
    const errors: unknown[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => { errors.push(args[0]); };
    try {
      const first = await fixture<Greeting>(html`<test-greeting locale="en"></test-greeting>`);
      expect(textOf(first.shadowRoot)).to.equal('你好');
      expect(errors).to.have.length(1);
      expect(String(errors[0])).to.match(/^Kaohe: the en words did not load/);
      online = true;
      // another element speaking en imports the words again; the first one shows them too
      const second = await fixture<Greeting>(html`<test-greeting locale="en"></test-greeting>`);
      expect(textOf(second.shadowRoot)).to.equal('Hello');
      await waitUntil(() => textOf(first.shadowRoot) === 'Hello', 'the first element still shows the fallback', { timeout: 1000 });
    } finally {
      console.error = consoleError;
    }
  });
});
