// Real key presses through the test runner's send-keys command (puppeteer's keyboard, trusted
// events). '@web/test-runner-commands' is not resolvable from this workspace package (pnpm keeps
// it inside @web/test-runner), so this speaks the runner's own socket protocol, as that module does.
type SendKeysPayload = { press: string } | { type: string } | { down: string } | { up: string };

interface WebSocketModule {
  sendMessageWaitForResponse(message: unknown): Promise<{ executed: boolean; result: unknown }>;
}

export async function sendKeys(payload: SendKeysPayload): Promise<void> {
  const sessionId = new URL(window.location.href).searchParams.get('wtr-session-id');
  if (!sessionId) throw new Error('sendKeys needs a browser driven by web-test-runner');
  const socketModule = '/__web-dev-server__web-socket.js';
  const { sendMessageWaitForResponse } = (await import(/* @vite-ignore */ socketModule)) as WebSocketModule;
  const response = await sendMessageWaitForResponse({ type: 'wtr-command', sessionId, command: 'send-keys', payload });
  if (!response.executed) throw new Error('The test runner has no send-keys command');
}

/** Presses Tab until `matches(activeElement)` holds, at most `limit` times; returns how many presses it took. */
export async function tabTo(root: ShadowRoot, matches: (el: Element) => boolean, limit = 200): Promise<number> {
  for (let n = 1; n <= limit; n += 1) {
    await sendKeys({ press: 'Tab' });
    const active = root.activeElement;
    if (active && matches(active)) return n;
  }
  throw new Error(`no focusable element matched after ${limit} presses of Tab`);
}
