// Every column's order of the inbox rows, kept ready: built once per set of rows (in idle slices
// after loading) and patched as single rows arrive, change or leave. A click on a header at 10,000
// tasks is then a lookup, a reversal at most, never a sort of 10,000 rows by Intl.Collator (~35 ms).
import { compareDecimalText } from '@kaohe/scoring';
import type { AppraisalStatus } from '@kaohe/workflow';
import { collator, type InboxRow, type InboxView, type SortColumn } from './inbox-rows.ts';

type Sort = InboxView['sort'];

const statusOrder: Record<AppraisalStatus, number> = { open: 0, reopened: 1, appealed: 2, inReview: 3, approved: 4, published: 5 };
const plain = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The value a column sorts a row by; undefined (no due date, no score yet) sorts last either way. */
function keyOf(column: SortColumn, row: InboxRow): string | undefined {
  switch (column) {
    case 'employee': return row.employeeName;
    case 'number': return row.employeeNumber;
    case 'due': return row.dueDate === '' ? undefined : row.dueDate;
    case 'score': return row.score ? row.score.monthly : undefined;
    case 'state': return row.status;
    default: return row[column];
  }
}

function compareKeys(column: SortColumn): (a: string, b: string) => number {
  switch (column) {
    case 'period': case 'due': return plain;
    // Scores are decimal strings: compared as decimals, never as binary floats (nor with decimal.js loaded for it).
    case 'score': return compareDecimalText;
    case 'state': return (a, b) => statusOrder[a as AppraisalStatus] - statusOrder[b as AppraisalStatus];
    default: return collator.compare;
  }
}

/** Ascending by the column, rows without a value last, ties by appraisal id so the order never jumps. */
export function compareRows(column: SortColumn): (a: InboxRow, b: InboxRow) => number {
  const compare = compareKeys(column);
  return (a, b) => {
    const x = keyOf(column, a);
    const y = keyOf(column, b);
    if (x === undefined || y === undefined) {
      if (x !== y) return x === undefined ? 1 : -1;
    } else {
      const primary = compare(x, y);
      if (primary !== 0) return primary;
    }
    return plain(a.id, b.id);
  };
}

/** Awaited between steps of long work: resolves at once inside the budget, after a macrotask past it. */
export type Pause = () => Promise<void> | undefined;

/** A pause that lets the page paint and take input every `budgetMs` of work. */
export function slices(budgetMs = 8): Pause {
  let started = performance.now();
  return () => {
    if (performance.now() - started < budgetMs) return undefined;
    return new Promise<void>((resolve) => setTimeout(() => {
      started = performance.now();
      resolve();
    }, 0));
  };
}

const RUN = 256;

/** A stable merge sort that pauses between runs and within merges, so no single task sorts 10,000 names. */
export async function sortInSlices<T>(items: readonly T[], compare: (a: T, b: T) => number, pause: Pause): Promise<T[]> {
  let runs: T[][] = [];
  for (let i = 0; i < items.length; i += RUN) {
    runs.push(items.slice(i, i + RUN).sort(compare));
    await pause();
  }
  while (runs.length > 1) {
    const merged: T[][] = [];
    for (let r = 0; r < runs.length; r += 2) {
      const a = runs[r] as T[];
      const b = runs[r + 1];
      if (!b) {
        merged.push(a);
        continue;
      }
      const out: T[] = [];
      let x = 0;
      let y = 0;
      while (x < a.length && y < b.length) {
        // `<` keeps equal items in their first-run order: stable, like Array.prototype.sort.
        out.push(compare(b[y] as T, a[x] as T) < 0 ? b[y++] as T : a[x++] as T);
        if ((out.length & (RUN - 1)) === 0) await pause();
      }
      while (x < a.length) out.push(a[x++] as T);
      while (y < b.length) out.push(b[y++] as T);
      merged.push(out);
    }
    runs = merged;
  }
  return runs[0] ?? [];
}

function distinctKeys(rows: readonly InboxRow[], column: SortColumn): string[] {
  const distinct = new Set<string>();
  for (const row of rows) {
    const key = keyOf(column, row);
    if (key !== undefined) distinct.add(key);
  }
  return [...distinct];
}

/**
 * Rows ascending by a column, given its distinct values already sorted. The costly comparisons ran
 * on those values only (five regions, not 10,000 rows); rows sort by the values' ranks, ties by id.
 */
function ordered(rows: readonly InboxRow[], column: SortColumn, sortedKeys: readonly string[]): InboxRow[] {
  const compare = compareKeys(column);
  const rank = new Map<string, number>();
  let current = 0;
  sortedKeys.forEach((key, i) => {
    // Values the collator holds equal ("Li" and "li") share a rank, so the id decides between them.
    if (i > 0 && compare(sortedKeys[i - 1] as string, key) !== 0) current = i;
    rank.set(key, current);
  });
  const decorated = rows.map((row) => {
    const key = keyOf(column, row);
    return { row, rank: key === undefined ? Number.MAX_SAFE_INTEGER : rank.get(key) as number };
  });
  decorated.sort((a, b) => a.rank - b.rank || plain(a.row.id, b.row.id));
  return decorated.map((entry) => entry.row);
}

function buildNow(rows: readonly InboxRow[], column: SortColumn): InboxRow[] {
  return ordered(rows, column, distinctKeys(rows, column).sort(compareKeys(column)));
}

/** Descending is ascending read backwards, except that rows without a value stay last. */
function reversed(ascending: readonly InboxRow[], column: SortColumn): InboxRow[] {
  let valued = ascending.length;
  while (valued > 0 && keyOf(column, ascending[valued - 1] as InboxRow) === undefined) valued--;
  return [...ascending.slice(0, valued).reverse(), ...ascending.slice(valued)];
}

/** The rows of the inbox in each column's order, ascending and descending, kept in step with the rows. */
export class RowOrders {
  #ascending = new Map<SortColumn, InboxRow[]>();
  #descending = new Map<SortColumn, InboxRow[]>();

  constructor(private readonly rows: () => readonly InboxRow[]) {}

  /** The rows in `sort`'s order; the same array until the rows or that column change. */
  get(sort: Sort): InboxRow[] {
    let ascending = this.#ascending.get(sort.column);
    if (!ascending) {
      ascending = buildNow(this.rows(), sort.column);
      this.#ascending.set(sort.column, ascending);
    }
    if (sort.direction === 'ascending') return ascending;
    let descending = this.#descending.get(sort.column);
    if (!descending) {
      descending = reversed(ascending, sort.column);
      this.#descending.set(sort.column, descending);
    }
    return descending;
  }

  has(column: SortColumn): boolean {
    return this.#ascending.has(column);
  }

  /** Builds the columns not built yet, pausing as it goes; work overtaken by a change of the rows is dropped. */
  async warm(columns: readonly SortColumn[], pause: Pause, version: () => number): Promise<void> {
    for (const column of columns) {
      // Rows that change while a column sorts make that sort stale (the patches only reach built
      // orders): try again a couple of times, then leave the column to be built when it is asked for.
      for (let attempt = 0; attempt < 3 && !this.#ascending.has(column); attempt++) {
        const started = version();
        const rows = this.rows();
        const keys = await sortInSlices(distinctKeys(rows, column), compareKeys(column), pause);
        if (version() === started && !this.#ascending.has(column)) this.#ascending.set(column, ordered(rows, column, keys));
        await pause();
      }
    }
  }

  /** Forgets one column (its values changed, as scores do while they fill in) or every column. */
  forget(column?: SortColumn): void {
    if (column === undefined) {
      this.#ascending.clear();
      this.#descending.clear();
    } else {
      this.#ascending.delete(column);
      this.#descending.delete(column);
    }
  }

  /** New rows (a page while loading): merged into each built order. */
  add(rows: readonly InboxRow[]): void {
    this.patch(new Set(), rows);
  }

  /** A row left the list: each order loses one entry, none is sorted again. */
  remove(id: string): void {
    this.patch(new Set([id]), []);
  }

  /** A row changed (a new revision): taken out where it was and put where it now belongs. */
  replace(row: InboxRow): void {
    this.patch(new Set([row.id]), [row]);
  }

  /**
   * Many rows at once (a burst of store notices): `removed` leave every built order in one pass, then
   * `added` (new rows, and the new revisions of changed ones) are sorted among themselves and merged
   * in — one linear pass per column however many rows changed, never a sort of the whole list.
   */
  patch(removed: ReadonlySet<string>, added: readonly InboxRow[]): void {
    if (removed.size === 0 && added.length === 0) return;
    for (const [column, order] of this.#ascending) {
      const kept = removed.size === 0 ? order : order.filter((row) => !removed.has(row.id));
      this.#ascending.set(column, added.length === 0 ? kept : mergeIn(kept, added, compareRows(column)));
    }
    this.#descending.clear();
  }
}

/** `incoming` sorted and merged into `order` (already sorted by `compare`). */
function mergeIn(order: readonly InboxRow[], incoming: readonly InboxRow[], compare: (a: InboxRow, b: InboxRow) => number): InboxRow[] {
  const sorted = [...incoming].sort(compare);
  const merged: InboxRow[] = [];
  let x = 0;
  let y = 0;
  while (x < order.length && y < sorted.length) {
    merged.push(compare(sorted[y] as InboxRow, order[x] as InboxRow) < 0 ? sorted[y++] as InboxRow : order[x++] as InboxRow);
  }
  while (x < order.length) merged.push(order[x++] as InboxRow);
  while (y < sorted.length) merged.push(sorted[y++] as InboxRow);
  return merged;
}
