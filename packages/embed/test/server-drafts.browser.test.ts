// With a server, what the host page places itself goes through the server too: a bare
// <kaohe-rubric-form> keeps the person's drafts on the server (GET/PUT /appraisals/:id/draft), so a
// reload finds them, and Kaohe.openAppraisal opens through POST /appraisals (HR only), answering the
// appraisal as the person may see it, or rejecting with the server's refusal. The page's fetch is a
// small stand-in for the server (the client against the real server is tested in packages/client/test).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { loadRubric, type Sheet } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import type { KaoheRubricForm } from '@kaohe/elements';
import type { Directory } from '@kaohe/workflow';
import '@kaohe/elements/register';
import { KaoheApi } from '../src/kaohe.ts';
class KaoheOpenRefusedError extends Error { code = ''; }

const directory: Directory = {
  people: [
    { id: 'H1', name: 'HR Lin', roles: ['hr'] },
    { id: 'R1', name: 'North Manager Zhou', roles: ['regionalManager'], region: 'north' },
    { id: 'S1', name: 'Seller Wang', roles: ['salesperson'], region: 'north', managerId: 'R1' },
  ],
  delegations: [],
};
const ID = '2026-11:S1';
const json = (body: unknown, status = 200, type = 'application/json') => new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
const salesperson = loadRubric(rubricPresets['R-SP']);

/** The server as these tests need it: one appraisal, the person's draft of it kept between page loads, openings by HR only. */
function fakeServer() {
  const server = { draft: undefined as Record<string, unknown> | undefined, opened: [] as unknown[], received: [] as string[] };
  const original = window.fetch;
  window.fetch = async (input, init) => {
    const path = new URL(String(input), location.href).pathname.replace(/^\/kaohe-api-\d+\/api\/v1/, '');
    const method = init?.method ?? 'GET';
    const who = new Headers(init?.headers).get('authorization')?.replace('Bearer jwt-of-', '');
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) as Record<string, unknown> : undefined;
    server.received.push(`${method} ${path}`);
    const view = { id: ID, employeeId: 'S1', period: '2026-11', step: 'score', status: 'open', revision: 3, mode: 'edit' };
    if (path === '/people') return json(directory);
    if (path === `/appraisals/${encodeURIComponent(ID)}` && method === 'GET') return json(view);
    if (path === `/appraisals/${encodeURIComponent(ID)}/draft`) {
      if (method === 'PUT') {
        server.draft = { appraisalId: ID, userId: who, savedAt: '2026-11-05T01:00:00.000Z', ...body };
        return json(server.draft);
      }
      if (method === 'DELETE') {
        server.draft = undefined;
        return new Response(null, { status: 204 });
      }
      return server.draft ? json(server.draft) : json({ status: 404, title: 'Not Found', detail: 'no draft', code: 'noDraft' }, 404, 'application/problem+json');
    }
    if (path === '/appraisals' && method === 'POST') {
      if (who !== 'H1') return json({ status: 403, title: 'Forbidden', detail: 'Only HR opens appraisals.', code: 'forbidden' }, 403, 'application/problem+json');
      server.opened.push(body);
      return json({ id: ID, revision: 1 }, 201);
    }
    return json({ status: 404, title: 'Not Found', detail: 'no route', code: 'noRoute' }, 404, 'application/problem+json');
  };
  return { server, restore: () => { window.fetch = original; } };
}

const sheet: Sheet = { rubric: 'R-SP', rubricVersion: 1, employee: 'S1', period: '2026-11', entries: {} };

describe('a bare <kaohe-rubric-form> with a server', () => {
  it('keeps what the person types as their draft on the server, and a reloaded page shows it again', async () => {
    const { server, restore } = fakeServer();
    const address = `/kaohe-api-${Date.now()}`;
    const configure = () => new KaoheApi().configure({ user: 'R1', server: address, token: () => 'jwt-of-R1', locale: 'en' });
    const place = () => fixture<KaoheRubricForm>(html`<kaohe-rubric-form locale="en" mode="edit" .rubric=${salesperson} .sheet=${sheet}
      appraisal-id=${ID} base-revision="3"></kaohe-rubric-form>`);
    try {
      await configure();
      const form = await place();
      await waitUntil(() => form.userId === 'R1' && form.store !== undefined, 'Kaohe.configure fills in the person and the drafts');
      await form.storeSettled;
      const absent = form.shadowRoot!.querySelector<HTMLInputElement>('#absent-days')!;
      absent.value = '1.5';
      absent.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await form.updateComplete;
      await form.flushDraft();
      expect(server.received).to.include(`PUT /appraisals/${encodeURIComponent(ID)}/draft`);
      expect(server.draft).to.deep.include({ userId: 'R1', entries: {}, attendance: { absentDays: '1.5' }, baseRevision: 3 });
      form.remove();

      // A reload: a new page's Kaohe and a new form; the draft comes back from the server.
      server.received.length = 0;
      await configure();
      const again = await place();
      await waitUntil(() => again.sheet.attendance?.absentDays === '1.5', 'the draft typed before the reload is shown', { timeout: 5_000 });
      expect(server.received).to.include(`GET /appraisals/${encodeURIComponent(ID)}/draft`);
      expect(again.shadowRoot!.querySelector<HTMLInputElement>('#absent-days')!.value).to.equal('1.5');
    } finally {
      restore();
    }
  });
});

describe('Kaohe.openAppraisal with a server', () => {
  it('HR opens through POST /appraisals and gets the appraisal as they may see it', async () => {
    const { server, restore } = fakeServer();
    try {
      const kaohe = new KaoheApi();
      await kaohe.configure({ user: 'H1', server: `/kaohe-api-${Date.now()}`, token: () => 'jwt-of-H1', locale: 'en' });
      const opened = await kaohe.openAppraisal({ employee: 'S1', period: '2026-11' });
      expect(server.opened).to.deep.equal([{ employee: 'S1', period: '2026-11' }]);
      expect(opened).to.deep.include({ id: ID, employeeId: 'S1', period: '2026-11', revision: 3, status: 'open' });
    } finally {
      restore();
    }
  });

  it('anyone else is refused with the server\'s words, and nothing is opened', async () => {
    const { server, restore } = fakeServer();
    try {
      const kaohe = new KaoheApi();
      await kaohe.configure({ user: 'R1', server: `/kaohe-api-${Date.now()}`, token: () => 'jwt-of-R1', locale: 'en' });
      let error: unknown;
      try {
        await kaohe.openAppraisal({ employee: 'S1', period: '2026-11' });
      } catch (caught) {
        error = caught;
      }
      // told apart by its name, as across two copies of the bundle
      expect((error as Error).name).to.equal('KaoheOpenRefusedError');
      expect((error as KaoheOpenRefusedError).code).to.equal('forbidden');
      expect((error as Error).message).to.equal('Kaohe.openAppraisal: the server refused to open S1\'s appraisal of 2026-11: Only HR opens appraisals.');
      expect(server.opened).to.deep.equal([]);
    } finally {
      restore();
    }
  });
});
