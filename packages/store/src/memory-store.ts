import { deepFreeze, type Rubric } from '@kaohe/scoring';
import type { AppraisalRecord, AuditEvent } from '@kaohe/workflow';
import type { Draft } from './types.ts';
import { type AuditHead, EMPTY_HEAD } from './audit.ts';
import { type AppraisalCommit, type AppraisalFilter, type CommitOutcome, type DraftWrite, StoreBase, checkRevisions, matchesFilter } from './base-store.ts';

const draftKey = (appraisalId: string, userId: string): string => JSON.stringify([appraisalId, userId]);
const rubricKey = (id: string, version: number): string => JSON.stringify([id, version]);

/**
 * The store in plain memory: for Node (tests, the CLI) and as the page's fallback when IndexedDB is
 * unavailable. Each primitive runs without an `await` inside, which is what makes it atomic here.
 * Values are copied in and out, so no caller ever holds the stored object (task pages hand out frozen copies).
 */
export class MemoryStore extends StoreBase {
  readonly #appraisals = new Map<string, AppraisalRecord>();
  /** the appraisal ids in order, kept until an appraisal is added (a page no longer sorts every id) */
  #orderedIds: string[] | undefined;
  readonly #drafts = new Map<string, Draft>();
  readonly #rubrics = new Map<string, Rubric>();
  readonly #audit: AuditEvent[] = [];
  #head: AuditHead = EMPTY_HEAD;

  constructor() {
    super();
  }

  protected async readAppraisal(id: string): Promise<AppraisalRecord | undefined> {
    return copy(this.#appraisals.get(id));
  }

  protected async readAuditHead(): Promise<AuditHead> {
    return this.#head;
  }

  protected async commitAppraisals(commit: AppraisalCommit): Promise<CommitOutcome> {
    checkRevisions(commit.writes.map(({ record }) => this.#appraisals.get(record.id)), commit.writes);
    if (commit.seenHead) {
      if (commit.seenHead.seq !== this.#head.seq || commit.seenHead.hash !== this.#head.hash) return 'head-moved';
      this.#audit.push(...commit.events.map((event) => structuredClone(event)));
      this.#head = commit.newHead;
    }
    for (const { record } of commit.writes) {
      if (!this.#appraisals.has(record.id)) this.#orderedIds = undefined;
      this.#appraisals.set(record.id, structuredClone(record));
    }
    return 'committed';
  }

  protected async queryAppraisals(filter: AppraisalFilter, after: string | undefined, take: number): Promise<AppraisalRecord[]> {
    return this.#scan(after, take, (record) => matchesFilter(record, filter));
  }

  /**
   * Task pages are read again and again (an inbox of 10,000 reads 200 of them, and again on a resync):
   * they hand out one frozen copy per stored record, shared by every page that lists it, instead of a
   * fresh copy each time. A write stores a new object, so a later page gets a copy of what it wrote.
   */
  protected async queryTasks(userId: string, after: string | undefined, take: number): Promise<AppraisalRecord[]> {
    return this.#scan(after, take, (record) => record.assignees.includes(userId), (record) => {
      let shared = this.#shared.get(record);
      if (!shared) this.#shared.set(record, shared = deepFreeze(structuredClone(record)));
      return shared;
    });
  }

  /** stored record → its frozen copy for task pages */
  readonly #shared = new WeakMap<AppraisalRecord, AppraisalRecord>();

  protected async countTaskRecords(userId: string): Promise<number> {
    let count = 0;
    for (const record of this.#appraisals.values()) if (record.assignees.includes(userId)) count += 1;
    return count;
  }

  protected async writeDraft(appraisalId: string, userId: string, next: (stored: Draft | undefined) => Draft | undefined): Promise<DraftWrite> {
    const stored = copy(this.#drafts.get(draftKey(appraisalId, userId)));
    const written = next(stored);
    if (written) this.#drafts.set(draftKey(appraisalId, userId), structuredClone(written));
    return { stored, written };
  }

  protected async readDraft(appraisalId: string, userId: string): Promise<Draft | undefined> {
    return copy(this.#drafts.get(draftKey(appraisalId, userId)));
  }

  protected async removeDraft(appraisalId: string, userId: string): Promise<void> {
    this.#drafts.delete(draftKey(appraisalId, userId));
  }

  protected async insertRubric(rubric: Rubric): Promise<Rubric | undefined> {
    const key = rubricKey(rubric.id, rubric.version);
    const existing = this.#rubrics.get(key);
    if (existing) return structuredClone(existing);
    this.#rubrics.set(key, structuredClone(rubric));
    return undefined;
  }

  protected async readRubric(id: string, version: number): Promise<Rubric | undefined> {
    return copy(this.#rubrics.get(rubricKey(id, version)));
  }

  protected async readRubricVersions(id: string): Promise<number[]> {
    return [...this.#rubrics.values()].filter((rubric) => rubric.id === id).map((rubric) => rubric.version).sort((a, b) => a - b);
  }

  protected async readAudit(appraisalId: string | undefined): Promise<AuditEvent[]> {
    return this.#audit.filter((event) => appraisalId === undefined || event.appraisalId === appraisalId).map((event) => structuredClone(event));
  }

  protected async readAuditSnapshot(): Promise<{ events: AuditEvent[]; head: AuditHead }> {
    return { events: this.#audit.map((event) => structuredClone(event)), head: this.#head };
  }

  protected async closeBackend(): Promise<void> {
    // Nothing to release; the data stays with the object until it is garbage-collected.
  }

  #scan(after: string | undefined, take: number, accept: (record: AppraisalRecord) => boolean, out: (record: AppraisalRecord) => AppraisalRecord = structuredClone): AppraisalRecord[] {
    this.#orderedIds ??= [...this.#appraisals.keys()].sort();
    const ids = this.#orderedIds;
    // The first id past `after`, by binary search (ids are unique, so "past" is strictly greater).
    let from = 0;
    if (after !== undefined) {
      let to = ids.length;
      while (from < to) {
        const middle = (from + to) >>> 1;
        if ((ids[middle] as string) > after) to = middle;
        else from = middle + 1;
      }
    }
    const found: AppraisalRecord[] = [];
    for (let index = from; index < ids.length; index++) {
      const id = ids[index] as string;
      if (found.length >= take) break;
      const record = this.#appraisals.get(id);
      if (record && accept(record)) found.push(out(record));
    }
    return found;
  }
}

function copy<T>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : structuredClone(value);
}
