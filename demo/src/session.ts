// Server mode's sign-in, as the page sees it. The demo intranet's backend (demo/server/intranet.ts)
// says where Kaohe is in a <meta name="kaohe-server"> of the page it serves to a signed-in person, and
// signs that person's Kaohe token at GET /session/kaohe-token (same origin, the intranet's own session
// cookie). `?mode=local` (or a page served without that meta, as the tests' static server serves it)
// keeps everything in this browser's IndexedDB instead.

/** The Kaohe server's address for this page, or undefined in the single-browser mode. */
export function serverAddress(): string | undefined {
  if (new URLSearchParams(location.search).get('mode') === 'local') return undefined;
  const meta = document.querySelector<HTMLMetaElement>('meta[name="kaohe-server"]');
  return meta?.content || undefined;
}

export interface SignedIn {
  person: { id: string; name: string };
  /** Kaohe.configure's `token`: the cached token while it has more than a minute left, a new one otherwise or when Kaohe asks again after a 401 */
  token(request?: { reason: 'request' | 'refresh' }): Promise<string>;
}

interface TokenAnswer {
  token: string;
  expiresIn: number;
  person: { id: string; name: string };
}

/** This browser's windows of the intranet: a sign-out in one ends the others' session too (one cookie). */
const windows = typeof BroadcastChannel === 'function' ? new BroadcastChannel('kaohe-demo-session') : undefined;
const SIGNED_OUT = 'signed out';

/**
 * The intranet's session ended (signed out here, in another window, or everywhere by the backend): to its
 * sign-in page. The page is leaving, so whatever asked for a token waits for good rather than failing
 * with nobody to tell: what was typed is on the drafts shelf (kept as the page hides) and in the outbox.
 */
function toSignIn(): Promise<never> {
  location.assign('/signin');
  return new Promise<never>(() => undefined);
}

/** Signs the person out of the intranet (the backend ends every session of theirs), tells this browser's other windows, and goes to the sign-in page. */
export async function signOut(): Promise<never> {
  await fetch('/signout', { method: 'POST', credentials: 'same-origin', redirect: 'manual' });
  windows?.postMessage(SIGNED_OUT);
  return toSignIn();
}

async function fetchToken(): Promise<TokenAnswer> {
  const response = await fetch('/session/kaohe-token', { credentials: 'same-origin', cache: 'no-store' });
  if (response.status === 401) return toSignIn();
  if (!response.ok) throw new Error(`The intranet did not sign a Kaohe token (${response.status}).`);
  return await response.json() as TokenAnswer;
}

export async function signIn(): Promise<SignedIn> {
  let current = await fetchToken();
  windows?.addEventListener('message', (event) => { if (event.data === SIGNED_OUT) void toSignIn(); });
  let endsAt = Date.now() + current.expiresIn * 1000;
  return {
    person: current.person,
    async token(request) {
      if (request?.reason === 'refresh' || Date.now() > endsAt - 60_000) {
        current = await fetchToken();
        endsAt = Date.now() + current.expiresIn * 1000;
      }
      return current.token;
    },
  };
}
