// Kaohe.configure({ server, token }): the context carries the server's client, the people come from the
// server, each request carries the host's token; without `server` nothing changes. The page's fetch is
// replaced by a recorder here (the client against a real server is tested in packages/client/test).
import { expect } from '@open-wc/testing';
import { HttpService, OfflineService } from '@kaohe/client';
import { KaoheInputError } from '@kaohe/scoring';
import { MemoryStore } from '@kaohe/store';
import type { Directory } from '@kaohe/workflow';
import { rubricPresets } from '@kaohe/scoring/presets';
import '@kaohe/elements/register';
import { KaoheApi } from '../src/kaohe.ts';

const directory: Directory = {
  people: [
    { id: 'P1', name: 'Planning Head Sun', roles: ['salesPlanningHead'] },
    { id: 'R1', name: 'North Manager Zhou', roles: ['regionalManager'], region: 'north', managerId: 'P1' },
  ],
  delegations: [],
};

interface Sent { url: string; method: string; authorization: string | null }

function recordFetch(answer: (url: string) => Response): { sent: Sent[]; restore: () => void } {
  const original = window.fetch;
  const sent: Sent[] = [];
  window.fetch = async (input, init) => {
    const url = String(input);
    sent.push({ url, method: init?.method ?? 'GET', authorization: new Headers(init?.headers).get('authorization') });
    return answer(url);
  };
  return { sent, restore: () => { window.fetch = original; } };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('Kaohe.configure with a server', () => {
  it('puts the server\'s client in the context, reads the people from the server, and sends the host\'s token', async () => {
    const reasons: string[] = [];
    const recorder = recordFetch((url) => (url.endsWith('/kaohe-api/api/v1/people') ? json(directory) : json({ count: 3 })));
    try {
      const kaohe = new KaoheApi();
      const context = await kaohe.configure({ user: 'R1', server: '/kaohe-api', token: ({ reason }) => { reasons.push(reason); return `token-${reasons.length}`; }, locale: 'en' });
      // the server's client behind the offline outbox
      expect(context.service).to.be.instanceOf(OfflineService);
      expect((context.service as OfflineService).http).to.be.instanceOf(HttpService);
      expect(context.server).to.equal('/kaohe-api');
      expect(context.person?.name).to.equal('North Manager Zhou');
      expect(await context.service?.countTasks('R1')).to.equal(3);
      expect(recorder.sent).to.deep.equal([
        { url: '/kaohe-api/api/v1/people', method: 'GET', authorization: 'Bearer token-1' },
        { url: '/kaohe-api/api/v1/tasks/count', method: 'GET', authorization: 'Bearer token-2' },
      ]);
      expect(reasons).to.deep.equal(['request', 'request']);
      // the token says who is signed in: the page cannot switch person
      expect(() => kaohe.setUser('P1')).to.throw(/token decides who is signed in/);
    } finally {
      recorder.restore();
    }
  });

  // Before any test here configures without a server (which always loads them): the rubric rules are a module of their own.
  it('with a server and no rubric of its own, the page loads no rubric rules, and Kaohe.loadRubric says so', async () => {
    const recorder = recordFetch(() => json({ count: 0 }));
    try {
      const kaohe = new KaoheApi();
      await kaohe.configure({ user: 'R1', directory, server: '/kaohe-api', token: () => 'jwt', locale: 'en' });
      const fetched = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
      expect(fetched.filter((path) => path.endsWith('/rubric-rules.ts'))).to.deep.equal([]);
      expect(() => kaohe.loadRubric(rubricPresets['R-SP'])).to.throw('Kaohe.loadRubric: with a server and no rubric configured, the page has not loaded the rubric rules');
    } finally {
      recorder.restore();
    }
  });

  it('refuses a malformed rubric with a server too, with every problem listed, and configures nothing', async () => {
    const recorder = recordFetch(() => json({ count: 0 }));
    // R-SP under the intranet's id, broken three ways: version 0, no English label, a per-occurrence rule without its amount
    const broken = structuredClone(rubricPresets['R-SP']) as unknown as { id: string; version: number; label: Record<string, string>; sections: Array<{ items: Array<{ rule: unknown }> }> };
    broken.id = 'OA-BAD';
    broken.version = 0;
    delete broken.label['en'];
    broken.sections[0]!.items[0]!.rule = { kind: 'perOccurrence' };
    try {
      const kaohe = new KaoheApi();
      const before = kaohe.context;
      let error: unknown;
      try {
        await kaohe.configure({ user: 'R1', directory, server: '/kaohe-api', token: () => 'jwt', rubrics: [broken as never] });
      } catch (caught) {
        error = caught;
      }
      expect(error).to.be.instanceOf(KaoheInputError);
      expect((error as KaoheInputError).problems.map((problem) => `${problem.path} ${problem.rule}`)).to.deep.equal([
        'rubrics.OA-BAD.version too_small',
        'rubrics.OA-BAD.label.en invalid_type',
        'rubrics.OA-BAD.sections[0].items[0].rule.amount invalid_union',
      ]);
      expect(kaohe.context).to.equal(before);
      // the same rubric mended is taken, and now Kaohe.loadRubric checks rubrics in the page
      const context = await kaohe.configure({ user: 'R1', directory, server: '/kaohe-api', token: () => 'jwt', rubrics: [{ ...rubricPresets['R-SP']!, id: 'OA-SALES' }] });
      expect(Object.keys(context.rubrics)).to.deep.equal(['OA-SALES']);
      expect(() => kaohe.loadRubric({ ...rubricPresets['R-SP']!, version: 0 })).to.throw(KaoheInputError);
    } finally {
      recorder.restore();
    }
  });

  it('refuses a server without a token, naming the field', async () => {
    const recorder = recordFetch(() => json(directory));
    try {
      let error: unknown;
      try {
        await new KaoheApi().configure({ user: 'R1', server: '/kaohe-api', locale: 'en' });
      } catch (caught) {
        error = caught;
      }
      expect(error).to.be.instanceOf(KaoheInputError);
      expect((error as KaoheInputError).problems.map((problem) => problem.path)).to.deep.equal(['token']);
      expect(recorder.sent).to.deep.equal([]);
    } finally {
      recorder.restore();
    }
  });

  it('without a server the context has no client and nothing is fetched (the IndexedDB mode as before)', async () => {
    const recorder = recordFetch(() => json({}));
    try {
      const context = await new KaoheApi().configure({ user: 'R1', directory, store: new MemoryStore(), locale: 'en' });
      expect(context.service).to.equal(undefined);
      expect(recorder.sent).to.deep.equal([]);
    } finally {
      recorder.restore();
    }
  });
});
