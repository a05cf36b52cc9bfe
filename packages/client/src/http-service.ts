// KaoheService over HTTP: the same interface the page's local service implements, answered by the
// Kaohe server for the person in the token. An element that talks to the service cannot tell the two
// apart: reads come back already filtered for the person, commands go as intent, refusals come back
// as the service's typed refusals (problem.ts). The server, not this file, decides everything.
//
// The ids the interface takes (viewerId, actorId) are the token's person over HTTP: asking for
// anyone else is a programming error, thrown, never silently answered as the signed-in person.
import type { Rubric } from '@kaohe/scoring';
import type {
  ActResult, AppraisalView, DraftResult, KaoheService, NoticeListener, OpenPeriodResult, OpenResult, PageRequest, PayslipResult, ServiceInternals, TaskPage, ViewOptions, internals,
} from '@kaohe/service';
import type { HrReads } from '@kaohe/service/hr';
import type { Draft, RubricStore } from '@kaohe/store';
import type { Directory } from '@kaohe/workflow';
import { LiveNotices, type LiveNotice, type LiveOptions, type LiveState } from './live.ts';
import { refusalOf } from './problem.ts';
import { Transport, type TransportOptions } from './transport.ts';

// The service's symbol, made here rather than imported: importing the value would bring the service's
// schemas (zod) into the browser bundle, which the client does not need. Symbol.for makes them one.
const internalsKey: typeof internals = Symbol.for('kaohe.service.internals') as never;
/** `hrReads(service)` (@kaohe/service/hr) answers with a service's own HR reads found under this key. */
export const hrReadsKey: unique symbol = Symbol.for('kaohe.service.hrReads') as never;

export interface HttpServiceOptions extends TransportOptions {
  /** the signed-in person's id (the token's `sub`); the ids the interface is called with must be theirs */
  user: string;
  /** the live stream's backoff (tests shorten it) */
  live?: Pick<LiveOptions, 'initialDelayMs' | 'maxDelayMs' | 'random'>;
}

export type LiveListener = (notice: LiveNotice) => void;

const path = (id: string) => encodeURIComponent(id);

export class HttpService implements KaoheService {
  readonly transport: Transport;
  readonly user: string;
  // Rubric versions never change once stored (the server's store refuses a second content), so each is read once.
  readonly #rubrics = new Map<string, Promise<Rubric | undefined>>();

  readonly #listeners = new Set<LiveListener>();
  readonly #stateListeners = new Set<(state: LiveState) => void>();
  readonly #live: LiveNotices;

  constructor(options: HttpServiceOptions) {
    this.transport = new Transport(options);
    this.user = options.user;
    this.#live = new LiveNotices({
      transport: this.transport,
      ...options.live,
      onNotice: (notice) => { for (const listener of [...this.#listeners]) listener(notice); },
      onState: (state) => { for (const listener of [...this.#stateListeners]) listener(state); },
    });
  }

  /**
   * The service's live notices for the signed-in person (KaoheService.subscribe): the server's stream
   * already holds only what they may see; an appraisal's change is told by id and revision (by id alone
   * once it is gone from their sight), a reconnect as `resync`. Drafts, rubrics and the directory are not
   * the interface's and are left out (`live` hears them).
   */
  subscribe(viewerId: string, listener: NoticeListener): () => void {
    this.#person(viewerId, 'hear live notices');
    return this.live((notice) => {
      if (notice.type === 'appraisal') listener({ type: 'changed', appraisalId: notice.id, ...(notice.revision !== undefined ? { revision: notice.revision } : {}) });
      else if (notice.type === 'resync') listener({ type: 'resync' });
    });
  }

  /**
   * Hears the server's live notices for this person as they come (what changed, by id and revision,
   * never content). The stream is open while anyone listens; after a break it reconnects with backoff
   * and sends `resync`, since what changed meanwhile was not heard. Returns the unsubscribe.
   */
  live(listener: LiveListener): () => void {
    this.#listeners.add(listener);
    this.#live.start();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#live.stop();
    };
  }

  /** Hears the live stream open, break and reconnect. */
  onLiveState(listener: (state: LiveState) => void): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  get liveState(): LiveState {
    return this.#live.state;
  }

  /** Tries the live stream again at once (the browser came back online). */
  reconnect(): void {
    this.#live.retryNow();
  }

  /** The local service's internals (store, directory …) do not exist over HTTP: HR's reads are the server's own routes (`hr`). */
  get [internalsKey](): ServiceInternals {
    throw new Error('Kaohe: over the server, HR reads are the server\'s own (GET /api/v1/hr/…): use hrReads(service) or service.hr.');
  }

  /** HR's reads, computed on the server (the routes under /hr): what `hrReads(service)` answers for this service. */
  get [hrReadsKey](): HrReads {
    return this.hr;
  }

  /**
   * HR's reads over the server, in the shape of @kaohe/service/hr's HrReads: the month's distribution,
   * the payroll entries and CSV, a year's figures. The server checks that the person is HR (a typed
   * `forbidden` refusal otherwise); every figure is computed there, no appraisal is pulled into the page.
   */
  readonly hr: HrReads = {
    scored: async () => {
      // Every appraisal with its score is what the browser must not pull: the server sends the figures computed.
      throw new Error('Kaohe: over the server, HR\'s figures come computed (distribution, payroll, payrollCsv, annualYear); the scored appraisals stay on the server.');
    },
    distribution: async (viewerId, { period }) => {
      this.#person(viewerId, 'read the score distribution');
      return this.#hrRead('GET', `/hr/periods/${path(period)}/distribution`);
    },
    payroll: async (viewerId, { period, values }) => {
      this.#person(viewerId, 'read the payroll');
      return this.#hrRead('POST', `/hr/periods/${path(period)}/payroll`, { values: payValuesBody(values) });
    },
    payrollCsv: async (viewerId, { period, values, locale }) => {
      this.#person(viewerId, 'export the payroll');
      return this.#hrRead('POST', `/hr/periods/${path(period)}/payroll.csv`, { values: payValuesBody(values), locale });
    },
    annualYear: async (viewerId, { year }) => {
      this.#person(viewerId, 'read a year');
      return this.#hrRead('GET', `/hr/years/${year}`);
    },
  };

  async #hrRead<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
    // JSON asked for, so the CSV's route answers its table and skipped appraisals along with the bytes.
    const answer = await this.transport.request(method, url, { ...(body !== undefined ? { body } : {}), accept: 'application/json' });
    if (answer.status >= 400) return refusalOf(answer) as T;
    return { ...(answer.body as object), ok: true } as T;
  }

  /** The appraisal's payslip, computed by the server; `not-found` alike for a missing id, one the person may not see and one not yet published. */
  async payslip(appraisalId: string, viewerId: string): Promise<PayslipResult> {
    this.#person(viewerId, 'read a payslip');
    const answer = await this.transport.request('GET', `/appraisals/${path(appraisalId)}/payslip`);
    if (answer.status >= 400) return refusalOf(answer);
    return { ...(answer.body as object), ok: true } as PayslipResult;
  }

  #person(id: string | null, what: string): void {
    if (id !== null && id !== this.user) {
      throw new Error(`Kaohe: ${what} as "${id}", but the server acts for the signed-in person "${this.user}" (the token's); sign in as them instead.`);
    }
  }

  async act(appraisalId: string, actorId: string, action: unknown, options: unknown = {}): Promise<ActResult> {
    this.#person(actorId, 'act');
    // The revision the caller showed goes as given: a newer one on the server is refused as stale (409).
    let expectedRevision = (options as { expectedRevision?: number }).expectedRevision;
    if (expectedRevision === undefined) {
      // Only for callers that show nothing before acting (a host's script through Kaohe.act, the demo's
      // seed): they mean "whatever stands", as the local service does without one; the server requires a
      // revision, so the current one is read. Every page that acts on a view passes that view's revision.
      const current = await this.view(appraisalId, actorId, { history: false });
      if (!current) return { ok: false, code: 'not-found', message: `No appraisal "${appraisalId}" that ${actorId} may see.` };
      expectedRevision = current.revision;
    }
    // A delegation lent with the action (the inbox's delegate) goes with it; the server stamps the time itself.
    const lend = (options as { lend?: unknown }).lend;
    const answer = await this.transport.request('POST', `/appraisals/${path(appraisalId)}/actions`, { body: { action, expectedRevision, ...(lend !== undefined ? { lend } : {}) } });
    if (answer.status >= 400) return refusalOf(answer);
    const body = answer.body as { revision: number; appraisal?: AppraisalView } & Record<string, unknown>;
    return { ...body, ok: true } as ActResult;
  }

  async view(appraisalId: string, viewerId: string, options: ViewOptions = {}): Promise<AppraisalView | undefined> {
    this.#person(viewerId, 'view');
    void options; // the server stamps the time and always sends the history the person may read
    const answer = await this.transport.request('GET', `/appraisals/${path(appraisalId)}`);
    if (answer.status === 404) return undefined;
    if (answer.status >= 400) throw refusalError(answer);
    return answer.body as AppraisalView;
  }

  async tasks(viewerId: string, page: PageRequest = {}): Promise<TaskPage> {
    this.#person(viewerId, 'list tasks');
    const query = new URLSearchParams();
    if (page.cursor !== undefined) query.set('cursor', page.cursor);
    if (page.limit !== undefined) query.set('limit', String(page.limit));
    const answer = await this.transport.request('GET', `/tasks${query.size > 0 ? `?${query}` : ''}`);
    if (answer.status >= 400) throw refusalError(answer);
    return answer.body as TaskPage;
  }

  async countTasks(viewerId: string): Promise<number> {
    this.#person(viewerId, 'count tasks');
    const answer = await this.transport.request('GET', '/tasks/count');
    if (answer.status >= 400) throw refusalError(answer);
    return (answer.body as { count: number }).count;
  }

  async openAppraisal(actorId: string | null, request: unknown): Promise<OpenResult> {
    this.#person(actorId, 'open an appraisal');
    const { employee, period } = request as { employee?: string; period?: string };
    const answer = await this.transport.request('POST', '/appraisals', { body: { employee, period } });
    if (answer.status === 201) {
      const body = answer.body as { id: string; revision: number };
      return { ok: true, id: body.id, revision: body.revision, created: true };
    }
    const refused = refusalOf(answer);
    if (refused.code === 'conflict' && typeof employee === 'string' && typeof period === 'string') {
      // The local service answers an existing appraisal as opened before (`created: false`); so does this.
      const id = `${period}:${employee}`;
      const existing = await this.view(id, this.user, { history: false });
      if (existing) return { ok: true, id, revision: existing.revision, created: false };
    }
    return refused;
  }

  async openPeriod(actorId: string | null, request: unknown): Promise<OpenPeriodResult> {
    this.#person(actorId, 'open a month');
    const { period } = request as { period?: string };
    const answer = await this.transport.request('POST', `/periods/${path(String(period))}/open`);
    if (answer.status >= 400) return refusalOf(answer);
    const body = answer.body as { opened: string[]; skipped: string[] };
    return { ok: true, opened: body.opened, existing: body.skipped };
  }

  async saveDraft(viewerId: string, appraisalId: string, input: unknown): Promise<DraftResult> {
    this.#person(viewerId, 'save a draft');
    // The server stamps savedAt itself (a client cannot backdate a draft); the body schema refuses it.
    const { savedAt: _stamped, ...body } = input as Record<string, unknown>;
    const answer = await this.transport.request('PUT', `/appraisals/${path(appraisalId)}/draft`, { body });
    if (answer.status >= 400) return refusalOf(answer);
    return { ok: true, draft: answer.body as Draft };
  }

  async loadDraft(viewerId: string, appraisalId: string): Promise<Draft | undefined> {
    this.#person(viewerId, 'read a draft');
    const answer = await this.transport.request('GET', `/appraisals/${path(appraisalId)}/draft`);
    if (answer.status === 404) return undefined;
    if (answer.status >= 400) throw refusalError(answer);
    return answer.body as Draft;
  }

  async deleteDraft(viewerId: string, appraisalId: string): Promise<void> {
    this.#person(viewerId, 'discard a draft');
    const answer = await this.transport.request('DELETE', `/appraisals/${path(appraisalId)}/draft`);
    if (answer.status >= 400) throw refusalError(answer);
  }

  /** The stored versions of a rubric, ascending (GET /rubrics/:id/versions). */
  async rubricVersions(id: string): Promise<number[]> {
    const answer = await this.transport.request('GET', `/rubrics/${path(id)}/versions`);
    if (answer.status >= 400) throw refusalError(answer);
    return (answer.body as { versions: number[] }).versions;
  }

  /**
   * HR publishes a rubric version (PUT /rubrics/:id/versions/:version): the server checks it, stores it
   * and refuses anyone but HR, a broken rubric (every problem named) and a version already stored with
   * other content. Online only: a rubric is not work a person types, and nothing is queued for it.
   */
  async publishRubric(rubric: Rubric): Promise<Rubric> {
    const answer = await this.transport.request('PUT', `/rubrics/${path(rubric.id)}/versions/${rubric.version}`, { body: rubric });
    if (answer.status >= 400) throw refusalError(answer);
    return answer.body as Rubric;
  }

  /** The form builder's RubricStore over the server: versions listed, read and published by its routes. */
  rubricStore(): RubricStore {
    return {
      listRubricVersions: (id) => this.rubricVersions(id),
      getRubric: (id, version) => this.rubric(id, version),
      putRubric: (rubric) => this.publishRubric(rubric),
    };
  }

  rubric(id: string, version: number): Promise<Rubric | undefined> {
    const key = `${id}@${version}`;
    let found = this.#rubrics.get(key);
    if (!found) {
      found = (async () => {
        const answer = await this.transport.request('GET', `/rubrics/${path(id)}/versions/${version}`);
        if (answer.status === 404) return undefined;
        if (answer.status >= 400) throw refusalError(answer);
        return answer.body as Rubric;
      })();
      this.#rubrics.set(key, found);
      // a miss or a failure is asked again next time
      found.then((value) => { if (!value) this.#rubrics.delete(key); }, () => this.#rubrics.delete(key));
    }
    return found;
  }

  /** The people the elements name (the server's directory, without delegations that are not the caller's). */
  async directory(): Promise<Directory> {
    const answer = await this.transport.request('GET', '/people');
    if (answer.status >= 400) throw refusalError(answer);
    return answer.body as Directory;
  }
}

/** Pay values travel as data: a function of the local service's HrReads cannot be sent to the server. */
function payValuesBody(values: Parameters<HrReads['payroll']>[1]['values']): Readonly<Record<string, Readonly<Record<string, string | number | boolean>>>> {
  if (typeof values === 'function') {
    throw new TypeError('Kaohe: over the server, payroll values are sent as { [employee]: { [input]: value } }, not as a function; the server adds the scores and its configured payroll figures.');
  }
  return values;
}

/** A refused read: the service throws nothing for those, but a read of the server can be refused as a whole (429, 503). */
export class KaoheRefusedError extends Error {
  override readonly name = 'KaoheRefusedError';
  constructor(readonly refusal: ReturnType<typeof refusalOf>) {
    super(refusal.message);
  }
}

function refusalError(answer: Parameters<typeof refusalOf>[0]): KaoheRefusedError {
  return new KaoheRefusedError(refusalOf(answer));
}
