// The demo intranet checked with axe-core against WCAG 2.0/2.1 A and AA, page by page, as a user who
// sees real content on each, in Traditional Chinese and in English; and its chrome driven by the keyboard alone.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import axe from 'axe-core';
import type { Page } from 'puppeteer-core';
import { startDemo, watchedPage, type Launched } from './browser.ts';

let url: string;
let launched: Launched;
let demo: Awaited<ReturnType<typeof startDemo>> | undefined;

before(async () => {
  demo = await startDemo();
  ({ url, launched } = demo);
});

after(async () => {
  await demo?.close();
});

type Locale = 'zh-Hant' | 'zh-Hans' | 'en';

/** Opens the demo as `user` in `locale` on `hash`, once the demo has configured Kaohe (and seeded October). */
async function visit(user: string, locale: Locale, hash: string): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await watchedPage(launched.browser);
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate((id, lang) => {
    localStorage.setItem('kaohe-demo:user', id);
    localStorage.setItem('kaohe-demo:locale', lang);
  }, user, locale);
  await page.goto(new URL(hash, url).href, { waitUntil: 'load' });
  await page.reload({ waitUntil: 'load' });
  await page.waitForFunction(() => document.getElementById('status') === null, { timeout: 60_000 });
  return { page, errors };
}

interface Found {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe with the WCAG 2 A/AA rules. Its source goes in through the DevTools protocol, which the
 * page's script-src 'self' does not govern, so the page keeps its real CSP while it is checked.
 */
async function audit(page: Page): Promise<{ found: Found[]; inShadowRoots: number }> {
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const run = (window as unknown as { axe: typeof axe }).axe.run;
    // WCAG 2.x A/AA, and the page-structure rules axe files under best practice (one h1, headings in
    // order, content in landmarks), which a screen-reader user moving by heading or region relies on.
    const structure = ['page-has-heading-one', 'heading-order', 'landmark-one-main', 'landmark-unique', 'region'];
    const results = await run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      rules: Object.fromEntries(structure.map((id) => [id, { enabled: true }])),
    });
    return {
      // axe leaves an ARIA attribute it is unsure of "to review" (aria-label on a plain div with content,
      // which assistive technology ignores): those count too. Contrast it cannot measure (gradients, SVG) does not.
      found: [...results.violations, ...results.incomplete.filter((finding) => finding.id.startsWith('aria-'))].map((violation) => ({
        id: violation.id,
        impact: violation.impact ?? null,
        help: violation.help,
        targets: violation.nodes.map((node) => JSON.stringify(node.target)),
      })),
      // A target given as a path of selectors (host, then inside) lies in a shadow root: axe looked into the elements.
      inShadowRoots: results.passes.flatMap((pass) => pass.nodes).filter((node) => node.target.some((part) => Array.isArray(part))).length,
    };
  });
}

function report(found: Found[]): string {
  return found.map((v) => `\n  ${v.id} (${v.impact}): ${v.help}\n${v.targets.map((t) => `    ${t}`).join('\n')}`).join('');
}

/** Number of elements matched inside `host`'s shadow root. */
const inShadow = (host: string, selector: string) => `(document.querySelector(${JSON.stringify(host)})?.shadowRoot?.querySelectorAll(${JSON.stringify(selector)}).length ?? 0)`;

interface Scene {
  name: string;
  user: string;
  hash: string;
  /** resolves once the page shows its real content */
  ready(page: Page): Promise<unknown>;
  /** the page is the demo's own markup, with no Kaohe element */
  plain?: true;
}

const scenes: Scene[] = [
  {
    name: 'a regional manager\'s My tasks',
    user: 'RM1',
    hash: '#tasks',
    ready: (page) => page.waitForFunction(`${inShadow('kaohe-inbox', '[role="row"][data-id]')} >= 2`, { timeout: 15_000 }),
  },
  {
    name: 'a regional manager\'s My tasks with a task opened in the detail pane',
    user: 'RM1',
    hash: '#tasks',
    async ready(page) {
      await page.waitForFunction(`${inShadow('kaohe-inbox', '[role="row"][data-id]')} >= 2`, { timeout: 15_000 });
      await page.evaluate(() => document.querySelector('kaohe-inbox')?.shadowRoot?.querySelector<HTMLElement>('[role="row"][data-id] [data-column="employee"]')?.click());
      await page.waitForFunction(`${inShadow('kaohe-inbox', 'section.pane kaohe-rubric-form, section.pane [part="detail"], section.pane h3')} > 0`, { timeout: 15_000 });
    },
  },
  {
    name: 'a regional manager scoring a salesperson on Score',
    user: 'RM1',
    // SP11 is the first salesperson of RM1's region; RM1 scores them (W-SP).
    hash: '#score/2026-10%3ASP11',
    ready: (page) => page.waitForFunction(`${inShadow('kaohe-rubric-form', 'input, select, textarea, [role="radio"], [role="slider"]')} > 0`, { timeout: 15_000 }),
  },
  {
    name: 'a salesperson\'s published October payslip',
    user: 'SP22',
    hash: '#payslip',
    ready: (page) => page.waitForFunction(`${inShadow('kaohe-payslip', '[data-total]')} > 0`, { timeout: 15_000 }),
  },
  {
    name: 'HR\'s Overview',
    user: 'H01',
    hash: '#overview',
    plain: true,
    ready: (page) => page.waitForFunction(() => document.querySelectorAll('table.list tbody tr').length > 10, { timeout: 15_000 }),
  },
  {
    name: 'HR\'s rubric builder',
    user: 'H01',
    hash: '#builder',
    ready: (page) => page.waitForFunction(`(document.querySelector('kaohe-form-builder')?.draft?.id === 'R-SP') && ${inShadow('kaohe-form-builder', 'input')} > 0`, { timeout: 20_000 }),
  },
  {
    name: 'HR\'s month overview',
    user: 'H01',
    hash: '#hr',
    ready: (page) => page.waitForFunction(`${inShadow('kaohe-score-distribution', 'section[part="role"]')} > 0 && ${inShadow('kaohe-payroll-export', 'button')} > 0`, { timeout: 20_000 }),
  },
  {
    name: 'a salesperson\'s My year',
    user: 'SP22',
    hash: '#year',
    ready: (page) => page.waitForFunction(`${inShadow('kaohe-annual', '[data-annual]')} > 0`, { timeout: 20_000 }),
  },
];

describe('the demo intranet meets WCAG 2.1 A and AA as axe-core checks it', () => {
  for (const locale of ['zh-Hant', 'zh-Hans', 'en'] as const) {
    for (const scene of scenes) {
      test(`${scene.name} (${locale}) has no axe violation`, async () => {
        const { page, errors } = await visit(scene.user, locale, scene.hash);
        await scene.ready(page);
        assert.equal(await page.evaluate(() => document.documentElement.lang), locale, 'the page says which language it is in');
        const { found, inShadowRoots } = await audit(page);
        assert.deepEqual(errors, []);
        await page.close();
        if (!scene.plain) assert.ok(inShadowRoots > 0, 'axe checked the Kaohe element\'s shadow DOM');
        assert.equal(found.length, 0, `axe found:${report(found)}`);
      });
    }
  }
});

describe('the demo intranet by keyboard alone', () => {
  test('Tab reaches the sign-in switch, the three language buttons and every menu entry, in reading order', async () => {
    const { page, errors } = await visit('RM1', 'zh-Hant', '#tasks');
    await page.waitForFunction(`${inShadow('kaohe-inbox', '[role="row"][data-id]')} >= 1`, { timeout: 15_000 });
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, 0);
    });
    const reached: string[] = [];
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => {
        const active = document.activeElement as HTMLElement | null;
        if (!active) return '';
        if (active.id === 'user-switch') return 'user-switch';
        if (active.dataset['locale']) return `locale:${active.dataset['locale']}`;
        if (active.dataset['page']) return `page:${active.dataset['page']}`;
        return active.id ? `#${active.id}` : active.tagName.toLowerCase();
      }));
    }
    const chrome = reached.filter((stop) => stop === 'user-switch' || stop.startsWith('locale:') || stop.startsWith('page:'));
    assert.deepEqual(chrome.slice(0, 11), [
      'user-switch', 'locale:zh-Hant', 'locale:zh-Hans', 'locale:en',
      'page:tasks', 'page:score', 'page:payslip', 'page:year', 'page:overview', 'page:builder', 'page:hr',
    ], `Tab stops: ${reached.join(' → ')}`);

    // The language buttons work from the keyboard too: Enter on English turns the chrome to English.
    await page.focus('[data-locale="en"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.equal(await page.$eval('[data-locale="en"]', (button) => button.getAttribute('aria-pressed')), 'true');
    // And a menu entry opens its page with Enter, moving focus to the page's content.
    await page.focus('a[data-page="overview"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('table.list tbody tr').length > 0, { timeout: 15_000 });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'content');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
