// Offline never loses work (issue 13): with the server unreachable, a draft and an action wait in the
// outbox (IndexedDB), kaohe-outbox-status says the page is offline and how many wait, a reload while
// offline restores the draft, and when the server answers again they are sent in the order they were
// made. A write the server refuses as stale stays in the outbox with the server's current view.
// The page's fetch is a small recorder standing in for the server (the client against the real
// server is tested in packages/client/test).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { HttpService, OfflineService, Outbox } from '@kaohe/client';
import type { KaoheInbox, KaoheOutboxStatus } from '@kaohe/elements';
import type { Directory } from '@kaohe/workflow';
import '@kaohe/elements/register';
import { KaoheApi } from '../src/kaohe.ts';

const directory: Directory = {
  people: [
    { id: 'P1', name: 'Planning Head Sun', roles: ['salesPlanningHead'] },
    { id: 'R1', name: 'North Manager Zhou', roles: ['regionalManager'], region: 'north', managerId: 'P1' },
  ],
  delegations: [],
};
const ID = '2026-11:S1';
const json = (body: unknown, status = 200, type = 'application/json') => new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

/** The server as this test needs it: the appraisal at `revision`, drafts and actions recorded in the order they arrive. */
function fakeServer() {
  const server = { up: true, revision: 3, received: [] as Array<{ method: string; path: string; body: unknown }> };
  const original = window.fetch;
  window.fetch = async (input, init) => {
    if (!server.up) throw new TypeError('Failed to fetch');
    const path = new URL(String(input), location.href).pathname.replace(/^\/kaohe-api-\d+\/api\/v1/, '');
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) as Record<string, unknown> : undefined;
    if (method !== 'GET') server.received.push({ method, path, body });
    const view = { id: ID, revision: server.revision, mode: 'edit' };
    if (path === '/people') return json(directory);
    if (path === `/appraisals/${encodeURIComponent(ID)}` && method === 'GET') return json(view);
    if (path === `/appraisals/${encodeURIComponent(ID)}/draft` && method === 'PUT') return json({ appraisalId: ID, userId: 'R1', savedAt: '2026-11-05T01:00:00.000Z', ...body });
    if (path === `/appraisals/${encodeURIComponent(ID)}/actions`) {
      if (body?.['expectedRevision'] !== server.revision) {
        return json({ status: 409, title: 'Conflict', detail: `Appraisal ${ID} is at revision ${server.revision}, not ${String(body?.['expectedRevision'])}: someone acted on it first.`, code: 'stale', current: view }, 409, 'application/problem+json');
      }
      server.revision++;
      return json({ revision: server.revision });
    }
    return json({ status: 404, title: 'Not Found', detail: 'no route', code: 'noRoute' }, 404, 'application/problem+json');
  };
  return { server, restore: () => { window.fetch = original; } };
}

const textOf = (element: KaoheOutboxStatus) => element.shadowRoot?.querySelector('[part="status"]')?.textContent?.trim() ?? '';

describe('the offline outbox', () => {
  it('keeps a draft and an action while offline, says so with the count, survives a reload, and sends both in order when back', async () => {
    const { server, restore } = fakeServer();
    const address = `/kaohe-api-${Date.now()}`;
    const configure = () => new KaoheApi().configure({ user: 'R1', server: address, token: () => 'jwt-of-R1', locale: 'en' });
    try {
      let context = await configure();
      let service = context.service as OfflineService;
      const status = await fixture<KaoheOutboxStatus>(html`<kaohe-outbox-status></kaohe-outbox-status>`);
      await waitUntil(() => status.outbox === service, 'Kaohe.configure gives the element the outbox');
      expect(textOf(status)).to.equal('', 'online with nothing waiting: nothing to say');
      expect((await service.view(ID, 'R1'))?.revision).to.equal(3);

      server.up = false;
      const typed = { entries: { 'SP-P': { count: 2 } }, baseRevision: 3 };
      const saved = await service.saveDraft('R1', ID, typed);
      expect(saved.ok).to.equal(true);
      const acted = await service.act(ID, 'R1', { type: 'step.submit', entries: typed.entries }, { expectedRevision: 3 });
      expect(acted).to.deep.include({ ok: false, code: 'offline' });
      await waitUntil(() => textOf(status) !== '');
      expect(textOf(status)).to.equal('Offline. 2 changes wait in this browser and will be sent, in order, when the connection is back.');
      // the inbox says it too, at its top
      const inbox = await fixture<KaoheInbox>(html`<kaohe-inbox></kaohe-inbox>`);
      await waitUntil(() => inbox.outbox === service, 'Kaohe.configure gives the inbox the outbox');
      const inboxStatus = () => inbox.shadowRoot?.querySelector('kaohe-outbox-status') as KaoheOutboxStatus | null;
      await waitUntil(() => inboxStatus() !== null && textOf(inboxStatus() as KaoheOutboxStatus) !== '');
      expect(textOf(inboxStatus() as KaoheOutboxStatus)).to.equal('Offline. 2 changes wait in this browser and will be sent, in order, when the connection is back.');

      // A reload while offline: a new page's Kaohe, the same browser's outbox; the people and the view are the last read.
      context = await configure();
      service = context.service as OfflineService;
      await waitUntil(() => status.outbox === service);
      expect((await service.loadDraft('R1', ID))?.entries).to.deep.equal({ 'SP-P': { count: 2 } });
      expect((await service.view(ID, 'R1'))?.revision).to.equal(3);
      expect(service.status).to.deep.equal({ online: false, waiting: 2, refused: 0 });
      await waitUntil(() => textOf(status).startsWith('Offline. 2 changes'));

      server.up = true;
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => service.status.waiting === 0 && service.status.online, 'the outbox is sent', { timeout: 5_000 });
      expect(server.received.map(({ method, path }) => `${method} ${path}`)).to.deep.equal([
        `PUT /appraisals/${encodeURIComponent(ID)}/draft`,
        `POST /appraisals/${encodeURIComponent(ID)}/actions`,
      ]);
      expect(server.received[0]?.body).to.deep.equal({ entries: { 'SP-P': { count: 2 } }, baseRevision: 3 }, 'the draft reaches the server as typed');
      expect(server.received[1]?.body).to.deep.equal({ action: { type: 'step.submit', entries: { 'SP-P': { count: 2 } } }, expectedRevision: 3 });
      await waitUntil(() => textOf(status) === '', 'nothing waits: the status says nothing');
    } finally {
      restore();
    }
  });

  it('a delegation lent with an action while offline waits with it and reaches the server with it', async () => {
    const { server, restore } = fakeServer();
    try {
      const context = await new KaoheApi().configure({ user: 'R1', server: `/kaohe-api-${Date.now()}`, token: () => 'jwt-of-R1', locale: 'en' });
      const service = context.service as OfflineService;
      expect((await service.view(ID, 'R1'))?.revision).to.equal(3);
      server.up = false;
      const lend = { to: 'P1', start: '2026-11-05', end: '2026-11-12' };
      const acted = await service.act(ID, 'R1', { type: 'draft.save', comment: 'on leave' }, { expectedRevision: 3, lend });
      expect(acted).to.deep.include({ ok: false, code: 'offline' });
      server.up = true;
      await service.flush();
      expect(service.status).to.deep.equal({ online: true, waiting: 0, refused: 0 });
      expect(server.received.map((request) => request.body)).to.deep.equal([
        { action: { type: 'draft.save', comment: 'on leave' }, expectedRevision: 3, lend },
      ]);
    } finally {
      restore();
    }
  });

  it('a queued action the server refuses as stale stays in the outbox with the server\'s current view, and the page says so', async () => {
    const { server, restore } = fakeServer();
    try {
      const context = await new KaoheApi().configure({ user: 'R1', server: `/kaohe-api-${Date.now()}`, token: () => 'jwt-of-R1', locale: 'en' });
      const service = context.service as OfflineService;
      const status = await fixture<KaoheOutboxStatus>(html`<kaohe-outbox-status></kaohe-outbox-status>`);
      await waitUntil(() => status.outbox === service);
      expect((await service.view(ID, 'R1'))?.revision).to.equal(3);
      server.up = false;
      // no revision given: the action waits pinned to the revision the person last saw (3), never "whatever is current then"
      await service.act(ID, 'R1', { type: 'step.approve' });
      // meanwhile someone else acted: the server is at revision 4
      server.revision = 4;
      server.up = true;
      await service.flush();
      expect(service.status).to.deep.equal({ online: true, waiting: 0, refused: 1 });
      const [kept] = await service.items();
      expect(kept).to.deep.include({ kind: 'action', appraisalId: ID, state: 'refused', expectedRevision: 3 });
      expect(kept?.refusal?.code).to.equal('stale');
      expect(kept?.refusal?.appraisal?.revision).to.equal(4, 'the server\'s version is there beside the person\'s');
      await waitUntil(() => textOf(status) !== '');
      expect(textOf(status)).to.equal('1 change was not accepted: the appraisal changed meanwhile. Your version is kept; open the appraisal to compare.');
      await expect(status).to.be.accessible();
    } finally {
      restore();
    }
  });
});

describe('the outbox when the server refuses or fails', () => {
  const problem = (status: number, code: string, detail: string) => json({ status, title: 'Refused', detail, code }, status, 'application/problem+json');

  it('a refused write stays as refused with what was typed, the page says why, and the writes after it go on; a 500 is sent again after the backoff', async () => {
    const up = { on: false, failures: 1 };
    const received: string[] = [];
    const fetch: typeof window.fetch = async (input, init) => {
      if (!up.on) throw new TypeError('Failed to fetch');
      const path = new URL(String(input), location.href).pathname.replace(/^.*\/api\/v1/, '');
      const method = init?.method ?? 'GET';
      received.push(`${method} ${decodeURIComponent(path)}`);
      // the first request after the server is back meets a failing server; then the action is refused, drafts are taken
      if (up.failures > 0) {
        up.failures--;
        return problem(500, 'internal', 'An internal error occurred.');
      }
      if (path.endsWith('/actions')) return problem(403, 'notActor', 'R1 does not act at "Sales planning summary".');
      if (path.endsWith('/draft') && method === 'PUT') return json({ appraisalId: ID, userId: 'R1', savedAt: '2026-11-05T01:00:00.000Z', ...JSON.parse(String(init?.body)) as object });
      return problem(404, 'noRoute', 'no route');
    };
    const name = `kaohe-outbox:refusals-${Date.now()}:R1`;
    const service = await OfflineService.open(new HttpService({ server: '/kaohe-api', user: 'R1', token: () => 'jwt-of-R1', fetch }), await Outbox.open(name), { retryMs: 100, maxRetryMs: 200 });
    const status = await fixture<KaoheOutboxStatus>(html`<kaohe-outbox-status locale="en" .outbox=${service}></kaohe-outbox-status>`);
    try {
      // offline: an action, then a draft of the same appraisal, wait in that order
      expect(await service.act(ID, 'R1', { type: 'step.approve', comment: 'fine by me' }, { expectedRevision: 3 })).to.deep.include({ ok: false, code: 'offline' });
      expect((await service.saveDraft('R1', ID, { entries: { 'SP-P': { count: 2 } }, baseRevision: 3 })).ok).to.equal(true);
      expect(service.status).to.deep.equal({ online: false, waiting: 2, refused: 0 });

      up.on = true;
      await service.flush();
      // the 500: nothing was decided, both still wait (in order), and the server is asked again after the backoff
      expect(received).to.deep.equal([`POST /appraisals/${ID}/actions`]);
      expect(service.status).to.deep.equal({ online: true, waiting: 2, refused: 0 });
      await waitUntil(() => service.status.waiting === 0, 'sent again after the backoff, unasked', { timeout: 3_000 });
      expect(received).to.deep.equal([`POST /appraisals/${ID}/actions`, `POST /appraisals/${ID}/actions`, `PUT /appraisals/${ID}/draft`],
        'the refused action does not hold back the draft after it');
      expect(service.status).to.deep.equal({ online: true, waiting: 0, refused: 1, reason: 'R1 does not act at "Sales planning summary".', refusedBecause: 1 });
      const [kept] = await service.items();
      expect(kept).to.deep.include({ kind: 'action', appraisalId: ID, state: 'refused', action: { type: 'step.approve', comment: 'fine by me' }, expectedRevision: 3 });
      expect(kept?.refusal).to.deep.include({ code: 'notActor', message: 'R1 does not act at "Sales planning summary".' });
      await waitUntil(() => textOf(status) !== '');
      expect(textOf(status)).to.equal('1 change was not accepted. The server said: R1 does not act at "Sales planning summary". What you typed is kept in this browser; later changes are still sent.');

      // a later write goes straight to the server: nothing waits before it
      expect((await service.saveDraft('R1', ID, { entries: { 'SP-P': { count: 3 } }, baseRevision: 3 })).ok).to.equal(true);
      expect(received.at(-1)).to.equal(`PUT /appraisals/${ID}/draft`);
      expect(received).to.have.length(4);
    } finally {
      service.close();
    }
  });

  it('a draft sent from the outbox supersedes the refused draft before it: a reload shows the taken one, and nothing is counted as refused', async () => {
    const up = { on: false };
    let stored: unknown;
    const puts: unknown[] = [];
    const fetch: typeof window.fetch = async (input, init) => {
      if (!up.on) throw new TypeError('Failed to fetch');
      const method = init?.method ?? 'GET';
      if (!new URL(String(input), location.href).pathname.endsWith('/draft')) return problem(404, 'noRoute', 'no route');
      if (method === 'GET') return stored === undefined ? problem(404, 'noDraft', 'no draft') : json(stored);
      const body = JSON.parse(String(init?.body)) as { entries: { 'SP-P': { count: number } } };
      puts.push(body);
      if (body.entries['SP-P'].count < 0) return problem(422, 'invalid', 'SP-P: the count cannot be negative.');
      stored = { appraisalId: ID, userId: 'R1', savedAt: '2026-11-05T01:00:00.000Z', ...body };
      return json(stored);
    };
    const name = `kaohe-outbox:supersede-${Date.now()}:R1`;
    const open = async () => OfflineService.open(new HttpService({ server: '/kaohe-api', user: 'R1', token: () => 'jwt-of-R1', fetch }), await Outbox.open(name), { retryMs: 60_000 });
    let service = await open();
    try {
      // typed offline: A, which the server will refuse
      expect((await service.saveDraft('R1', ID, { entries: { 'SP-P': { count: -1 } }, baseRevision: 3 })).ok).to.equal(true);
      up.on = true;
      await service.flush();
      expect(service.status).to.deep.equal({ online: true, waiting: 0, refused: 1, reason: 'SP-P: the count cannot be negative.', refusedBecause: 1 });
      // offline again, typed on: B waits, and is sent from the outbox when the server is back
      up.on = false;
      expect((await service.saveDraft('R1', ID, { entries: { 'SP-P': { count: 4 } }, baseRevision: 3 })).ok).to.equal(true);
      expect(service.status).to.deep.include({ waiting: 1, refused: 1 });
      up.on = true;
      await service.flush();
      expect(puts).to.deep.equal([{ entries: { 'SP-P': { count: -1 } }, baseRevision: 3 }, { entries: { 'SP-P': { count: 4 } }, baseRevision: 3 }]);
      expect(service.status).to.deep.equal({ online: true, waiting: 0, refused: 0 }, 'A has served: B, typed after it, was taken');
      expect(await service.items()).to.deep.equal([]);
      expect((await service.loadDraft('R1', ID))?.entries).to.deep.equal({ 'SP-P': { count: 4 } });

      // a reload while offline reads back B (what the server took), not A
      service.close();
      up.on = false;
      service = await open();
      expect((await service.loadDraft('R1', ID))?.entries).to.deep.equal({ 'SP-P': { count: 4 } });
      expect(puts).to.have.length(2, 'nothing was written over B');
    } finally {
      service.close();
    }
  });

  it('an item the server fails on 5 times is kept as not accepted with the server\'s words, and the items after it are sent', async () => {
    const OTHER = '2026-11:S2';
    const up = { on: false };
    const received: string[] = [];
    const fetch: typeof window.fetch = async (input, init) => {
      if (!up.on) throw new TypeError('Failed to fetch');
      const path = decodeURIComponent(new URL(String(input), location.href).pathname.replace(/^.*\/api\/v1/, ''));
      const method = init?.method ?? 'GET';
      received.push(`${method} ${path}`);
      // this one action makes the server fail every time; the rest is taken
      if (path === `/appraisals/${ID}/actions`) return problem(500, 'internal', 'An internal error occurred.');
      if (path.endsWith('/draft') && method === 'PUT') return json({ appraisalId: OTHER, userId: 'R1', savedAt: '2026-11-05T01:00:00.000Z', ...JSON.parse(String(init?.body)) as object });
      return problem(404, 'noRoute', 'no route');
    };
    const name = `kaohe-outbox:gives-up-${Date.now()}:R1`;
    const service = await OfflineService.open(new HttpService({ server: '/kaohe-api', user: 'R1', token: () => 'jwt-of-R1', fetch }), await Outbox.open(name), { retryMs: 20, maxRetryMs: 40 });
    const status = await fixture<KaoheOutboxStatus>(html`<kaohe-outbox-status locale="en" .outbox=${service}></kaohe-outbox-status>`);
    try {
      expect(await service.act(ID, 'R1', { type: 'step.approve', comment: 'fine by me' }, { expectedRevision: 3 })).to.deep.include({ ok: false, code: 'offline' });
      expect((await service.saveDraft('R1', OTHER, { entries: { 'SP-P': { count: 2 } }, baseRevision: 1 })).ok).to.equal(true);
      up.on = true;
      await service.flush();
      expect(received).to.deep.equal([`POST /appraisals/${ID}/actions`], 'the first failure: everything waits, in order');
      expect(service.status).to.deep.equal({ online: true, waiting: 2, refused: 0 });
      await waitUntil(() => service.status.waiting === 0, 'given up after the 5th failure, and the draft after it sent', { timeout: 5_000 });
      expect(received).to.deep.equal([...Array.from({ length: 5 }, () => `POST /appraisals/${ID}/actions`), `PUT /appraisals/${OTHER}/draft`]);
      expect(service.status).to.deep.equal({ online: true, waiting: 0, refused: 1, reason: 'An internal error occurred.', refusedBecause: 1 });
      const [kept] = await service.items();
      expect(kept).to.deep.include({ kind: 'action', appraisalId: ID, state: 'refused', action: { type: 'step.approve', comment: 'fine by me' }, expectedRevision: 3, attempts: 5 });
      expect(kept?.refusal).to.deep.include({ message: 'An internal error occurred.' });
      await waitUntil(() => textOf(status) !== '');
      expect(textOf(status)).to.equal('1 change was not accepted. The server said: An internal error occurred. What you typed is kept in this browser; later changes are still sent.');
      // and it is not sent again
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(received).to.have.length(6);
    } finally {
      service.close();
    }
  });

  it('lists each refused change with what the server said, and the person dismisses them — with the keyboard, then the pointer — so a reload no longer says so', async () => {
    const up = { on: false };
    const fetch: typeof window.fetch = async (input, init) => {
      if (!up.on) throw new TypeError('Failed to fetch');
      const path = new URL(String(input), location.href).pathname.replace(/^.*\/api\/v1/, '');
      const body = typeof init?.body === 'string' ? JSON.parse(init.body) as { action?: { type?: string } } : undefined;
      if (path.endsWith('/actions') && body?.action?.type === 'step.approve') {
        return json({ status: 409, title: 'Conflict', detail: `Appraisal ${ID} is at revision 4, not 3: someone acted on it first.`, code: 'stale', current: { id: ID, revision: 4 } }, 409, 'application/problem+json');
      }
      if (path.endsWith('/actions')) return problem(403, 'notActor', 'R1 does not act at "Sales planning summary".');
      return problem(404, 'noRoute', 'no route');
    };
    const name = `kaohe-outbox:dismiss-${Date.now()}:R1`;
    const open = async () => OfflineService.open(new HttpService({ server: '/kaohe-api', user: 'R1', token: () => 'jwt-of-R1', fetch }), await Outbox.open(name), { retryMs: 60_000 });
    let service = await open();
    const status = await fixture<KaoheOutboxStatus>(html`<kaohe-outbox-status locale="en" .outbox=${service}></kaohe-outbox-status>`);
    const listed = () => [...(status.shadowRoot?.querySelectorAll('[part="refused"] li span') ?? [])].map((span) => span.textContent?.trim());
    const buttons = () => [...(status.shadowRoot?.querySelectorAll<HTMLButtonElement>('[part="refused"] button') ?? [])];
    try {
      expect(await service.act(ID, 'R1', { type: 'step.approve' }, { expectedRevision: 3 })).to.deep.include({ ok: false, code: 'offline' });
      expect(await service.act(ID, 'R1', { type: 'step.submit' }, { expectedRevision: 3 })).to.deep.include({ ok: false, code: 'offline' });
      up.on = true;
      await service.flush();
      expect(service.status).to.deep.equal({ online: true, waiting: 0, refused: 2, reason: 'R1 does not act at "Sales planning summary".', refusedBecause: 1 });
      // two refusals, one stale and one not allowed: the summary quotes neither as the reason of both
      await waitUntil(() => listed().length === 2, 'both refused changes are listed');
      expect(textOf(status)).to.equal('2 changes were not accepted, for the reasons listed below. What you typed is kept in this browser; later changes are still sent.');
      expect(listed()).to.deep.equal([
        `Your action “step.approve” on ${ID}: the appraisal changed meanwhile; open it to compare.`,
        `Your action “step.submit” on ${ID}: R1 does not act at "Sales planning summary".`,
      ]);
      expect(buttons().map((button) => button.getAttribute('aria-label'))).to.deep.equal([
        `Dismiss: Your action “step.approve” on ${ID}`, `Dismiss: Your action “step.submit” on ${ID}`,
      ]);
      await expect(status).to.be.accessible();

      // The keyboard: Tab reaches the first Dismiss, Enter drops that change; focus moves to the one left.
      (document.activeElement as HTMLElement | null)?.blur();
      await sendKeys({ press: 'Tab' });
      expect(status.shadowRoot?.activeElement).to.equal(buttons()[0]);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => listed().length === 1, 'the dismissed change leaves the list');
      expect(listed()).to.deep.equal([`Your action “step.submit” on ${ID}: R1 does not act at "Sales planning summary".`]);
      expect(service.status).to.deep.equal({ online: true, waiting: 0, refused: 1, reason: 'R1 does not act at "Sales planning summary".', refusedBecause: 1 });
      expect(textOf(status)).to.equal('1 change was not accepted. The server said: R1 does not act at "Sales planning summary". What you typed is kept in this browser; later changes are still sent.');
      await waitUntil(() => status.shadowRoot?.activeElement === buttons()[0], 'focus is on the change left');

      // The pointer: the last one.
      const box = (buttons()[0] as HTMLButtonElement).getBoundingClientRect();
      await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
      await waitUntil(() => listed().length === 0 && textOf(status) === '', 'nothing refused is left to say');
      expect(await service.items()).to.deep.equal([]);

      // A reload: nothing is said any more.
      service.close();
      service = await open();
      expect(service.status).to.deep.equal({ online: true, waiting: 0, refused: 0 });
    } finally {
      service.close();
    }
  });

  it('asks before a refused draft is dismissed (what was typed would go): Keep, with the keyboard, keeps it; Throw away, with the pointer, drops it', async () => {
    const up = { on: false };
    const fetch: typeof window.fetch = async (input, init) => {
      if (!up.on) throw new TypeError('Failed to fetch');
      const path = new URL(String(input), location.href).pathname;
      if (path.endsWith('/draft') && init?.method === 'PUT') return problem(422, 'invalid', 'SP-P: the count cannot be negative.');
      return problem(404, 'noRoute', 'no route');
    };
    const name = `kaohe-outbox:confirm-${Date.now()}:R1`;
    const service = await OfflineService.open(new HttpService({ server: '/kaohe-api', user: 'R1', token: () => 'jwt-of-R1', fetch }), await Outbox.open(name), { retryMs: 60_000 });
    const status = await fixture<KaoheOutboxStatus>(html`<kaohe-outbox-status locale="en" .outbox=${service}></kaohe-outbox-status>`);
    const shadow = status.shadowRoot as ShadowRoot;
    const listed = () => [...shadow.querySelectorAll('[part="refused"] li > span')].map((span) => span.textContent?.trim());
    const question = () => shadow.querySelector('[part="refused"] [role="group"] p')?.textContent?.trim() ?? '';
    const dismiss = () => shadow.querySelector<HTMLButtonElement>('[part="refused"] button[data-seq]');
    try {
      expect((await service.saveDraft('R1', ID, { entries: { 'SP-P': { count: -1 } }, baseRevision: 3 })).ok).to.equal(true);
      up.on = true;
      await service.flush();
      await waitUntil(() => listed().length === 1, 'the refused draft is listed');
      expect(listed()).to.deep.equal([`Your draft of ${ID}: SP-P: the count cannot be negative.`]);

      // Tab to Dismiss, Enter: nothing is dropped yet; the question is asked and the safe answer has focus.
      (document.activeElement as HTMLElement | null)?.blur();
      await sendKeys({ press: 'Tab' });
      expect(shadow.activeElement).to.equal(dismiss());
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => question() !== '', 'the question is asked');
      expect(question()).to.equal(`Throw away your draft of ${ID}? What you typed in it will be lost; the server's version stays.`);
      await waitUntil(() => shadow.activeElement?.textContent?.trim() === 'Keep it', 'focus is on Keep it');
      expect((await service.items()).map((item) => item.kind)).to.deep.equal(['draft']);
      await expect(status).to.be.accessible();

      // Enter on Keep it: the draft stays, the question goes, focus is back on its Dismiss.
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => question() === '' && shadow.activeElement === dismiss(), 'back on Dismiss');
      expect(listed()).to.have.length(1);
      // Escape answers Keep it too.
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => question() !== '', 'asked again');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => question() === '' && shadow.activeElement === dismiss(), 'Escape keeps it');
      expect((await service.items()).map((item) => item.kind)).to.deep.equal(['draft']);

      // Asked again, the pointer on "Throw away the draft": it is dropped.
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => question() !== '', 'asked a third time');
      const discard = shadow.querySelector<HTMLButtonElement>('button[data-discard]') as HTMLButtonElement;
      expect(discard.textContent?.trim()).to.equal('Throw away the draft');
      const box = discard.getBoundingClientRect();
      await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
      await waitUntil(() => listed().length === 0 && textOf(status) === '', 'nothing refused is left to say');
      expect(await service.items()).to.deep.equal([]);
    } finally {
      service.close();
    }
  });
});
