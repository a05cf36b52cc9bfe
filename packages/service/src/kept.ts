// What a service that keeps its views (`cacheViews`, a server) keeps between reads: views without
// history and the tasks pages made of them, all held under the directory snapshot they were made
// with (a WeakMap's key). A new snapshot (the server reads its directory again after PUT
// /api/v1/directory) starts afresh, and the old one, its views and its pages are let go together:
// nothing kept refers to a snapshot strongly.
import { deepFreeze } from '@kaohe/scoring';
import type { AppraisalRecord, Chain, Directory } from '@kaohe/workflow';
import type { AppraisalView } from './schemas.ts';
import type { TaskAppraisal } from './task-schemas.ts';
import { taskAppraisalOf } from './view.ts';

/** A page of tasks as `tasks` answers it (service.ts's TaskPage). */
export interface KeptTaskPage {
  items: Array<{ appraisal: TaskAppraisal; allowedActions: AppraisalView['allowedActions'] }>;
  nextCursor?: string;
}

export type Chains = Readonly<Record<string, Chain>>;

/** A page as made last for one viewer, cursor and limit, with what it was made from. */
interface PageEntry {
  day: string;
  records: readonly AppraisalRecord[];
  nextCursor: string | undefined;
  page: KeptTaskPage;
}

interface PerDirectory {
  /** chain → "id revision viewer day" → the view, or null for none */
  views: WeakMap<Chain, Map<string, AppraisalView | null>>;
  /** the chains → "viewer cursor limit" → the page last made (its day inside: a new day replaces it) */
  pages: WeakMap<Chains, Map<string, PageEntry>>;
}

/** Views kept per directory and chain (≈ 20 KB of heap each with the score's breakdown); past it the oldest goes. */
export const VIEWS_KEPT = 20_000;
/** Pages kept per directory and chains: one per viewer, cursor and limit; past it the oldest goes. */
export const PAGES_KEPT = 5_000;

/** Sets `key` as the newest entry of `map`, letting the oldest go when it holds `limit`. */
function remember<V>(map: Map<string, V>, key: string, value: V, limit: number): void {
  map.delete(key);
  if (map.size >= limit) map.delete(map.keys().next().value as string);
  map.set(key, value);
}

/** What one service keeps: per directory snapshot, its views and pages (`createKept`). */
export type Kept = WeakMap<Directory, PerDirectory>;

export function createKept(): Kept {
  return new WeakMap();
}

/** The map kept under `key` in `maps`, made when there is none. */
function within<K extends object, V>(maps: WeakMap<K, Map<string, V>>, key: K): Map<string, V> {
  let found = maps.get(key);
  if (!found) maps.set(key, found = new Map());
  return found;
}

function of(kept: Kept, dir: Directory): PerDirectory {
  let found = kept.get(dir);
  if (!found) kept.set(dir, found = { views: new WeakMap(), pages: new WeakMap() });
  return found;
}

/** The views kept for this directory snapshot and chain. */
export function keptViews(kept: Kept, dir: Directory, chain: Chain): Map<string, AppraisalView | null> {
  return within(of(kept, dir).views, chain);
}

export function keepView(kept: Kept, dir: Directory, chain: Chain, key: string, view: AppraisalView | null): void {
  remember(keptViews(kept, dir, chain), key, view, VIEWS_KEPT);
}

/** The page made last from exactly these records (the store's kept, frozen ones) for the same day, directory and chains; else undefined. */
export function keptPage(kept: Kept, dir: Directory, chains: Chains, key: string, day: string, records: readonly AppraisalRecord[], nextCursor: string | undefined): KeptTaskPage | undefined {
  const last = kept.get(dir)?.pages.get(chains)?.get(key);
  return last && last.day === day && last.nextCursor === nextCursor && last.records.length === records.length
    && last.records.every((record, index) => record === records[index]) ? last.page : undefined;
}

/** Keeps a page (frozen here) made from frozen records; a page from records a store did not freeze is not kept. */
export function keepPage(kept: Kept, dir: Directory, chains: Chains, key: string, day: string, records: readonly AppraisalRecord[], page: KeptTaskPage): void {
  if (!records.every(Object.isFrozen)) return;
  Object.freeze(page.items);
  remember(within(of(kept, dir).pages, chains), key, { day, records, nextCursor: page.nextCursor, page: Object.freeze(page) }, PAGES_KEPT);
}

const rows = new WeakMap<AppraisalView, TaskAppraisal>();

/** A view's task-list row: a kept (frozen) view's made once, any other view's afresh. */
export function rowOf(view: AppraisalView): TaskAppraisal {
  if (!Object.isFrozen(view)) return taskAppraisalOf(view);
  let row = rows.get(view);
  if (!row) rows.set(view, row = deepFreeze(taskAppraisalOf(view)));
  return row;
}
