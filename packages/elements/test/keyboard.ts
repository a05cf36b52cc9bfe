// Real key presses (puppeteer's keyboard, trusted events) through the test runner's send-keys command.
import { sendKeys } from '@web/test-runner-commands';

export { sendKeys };

/** Presses Tab until `matches(activeElement)` holds, at most `limit` times; returns how many presses it took. */
export async function tabTo(root: ShadowRoot, matches: (el: Element) => boolean, limit = 200): Promise<number> {
  for (let n = 1; n <= limit; n += 1) {
    await sendKeys({ press: 'Tab' });
    const active = root.activeElement;
    if (active && matches(active)) return n;
  }
  throw new Error(`no focusable element matched after ${limit} presses of Tab`);
}
