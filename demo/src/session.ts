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

async function fetchToken(): Promise<TokenAnswer> {
  const response = await fetch('/session/kaohe-token', { credentials: 'same-origin', cache: 'no-store' });
  if (response.status === 401) {
    // The intranet's session ended: back to its sign-in page.
    location.assign('/signin');
    throw new Error('signed out');
  }
  if (!response.ok) throw new Error(`The intranet did not sign a Kaohe token (${response.status}).`);
  return await response.json() as TokenAnswer;
}

export async function signIn(): Promise<SignedIn> {
  let current = await fetchToken();
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
