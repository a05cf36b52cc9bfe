// The inbox's table as plain data: one row per task, made once per revision from the application
// service's task row (`service.tasks`: what the viewer may see of it in a list, with the score's totals
// the service stored with the record: design.md, reads never re-score) or from a whole view of it (a
// live notice's, an action's answer), so that filtering and sorting 10,000 tasks compares ready-made fields.
import type { Label, Rubric } from '@kaohe/scoring';
import type { TaskAppraisal } from '@kaohe/service';
import type { ActionName, AppraisalStatus, Chain, Directory, Person } from '@kaohe/workflow';
import { normaliseChain, stepOf } from '@kaohe/workflow';

/** Rubrics by `${id}@${version}`, or a function that finds one (for the service a host's inbox builds over its store). */
export type RubricSource = Record<string, Rubric> | ((id: string, version: number) => Rubric | undefined);

export function rubricFor(source: RubricSource | undefined, id: string, version: number): Rubric | undefined {
  if (!source) return undefined;
  return typeof source === 'function' ? source(id, version) : source[`${id}@${version}`];
}

/** The monthly score as the view carries it; null where the viewer may not see it, or it cannot be scored. */
export interface RowScore {
  monthly: string;
  complete: boolean;
}

export interface InboxRow {
  id: string;
  /** the appraisal as the service lists it for this reviewer (the pane reads the whole view when it opens) */
  appraisal: TaskAppraisal;
  employeeName: string;
  employeeNumber: string;
  role: string;
  region: string;
  period: string;
  step: string;
  stepLabel: Label | undefined;
  /** YYYY-MM-DD or '' */
  dueDate: string;
  overdue: boolean;
  status: AppraisalStatus;
  /** returned along the chain and waiting to be resubmitted (the service's row says) */
  returned: boolean;
  score: RowScore | null;
  /** what the chain lets this reviewer do now (the view's allowed actions) */
  actions: ActionName[];
  /** lower-cased name and number, for the search box */
  search: string;
}

export function peopleById(directory: Directory): Map<string, Person> {
  return new Map(directory.people.map((person) => [person.id, person]));
}

const normalised = new WeakMap<Chain, Chain | undefined>();

/**
 * A step as the machine runs it (chains without a publish step get one appended by workflow's
 * normaliseChain, which the machine runs too): for its name. Not the machine itself: the inbox on a
 * server page names steps without loading the workflow machine (xstate).
 */
export function chainStep(chains: Record<string, Chain>, chainId: string, stepId: string) {
  const chain = chains[chainId];
  if (!chain) return undefined;
  if (!normalised.has(chain)) {
    let run: Chain | undefined;
    try {
      run = normaliseChain(chain);
    } catch {
      run = undefined;
    }
    normalised.set(chain, run);
  }
  return stepOf(normalised.get(chain) ?? chain, stepId);
}

/** A row for the task (or a whole view of it); the directory only names the employee (their role and region for the filters). */
export function toRow(view: TaskAppraisal, people: ReadonlyMap<string, Person>): InboxRow {
  const person = people.get(view.employeeId);
  const name = person?.name ?? view.employeeId;
  const number = person?.number ?? '';
  return {
    id: view.id,
    appraisal: view,
    employeeName: name,
    employeeNumber: number,
    role: person?.roles[0] ?? '',
    region: person?.region ?? '',
    period: view.period,
    step: view.step,
    stepLabel: view.stepLabel,
    dueDate: view.dueDate ?? '',
    overdue: view.overdue,
    status: view.status,
    returned: view.returned,
    score: view.score ? { monthly: view.score.monthly, complete: view.score.complete } : null,
    actions: view.allowedActions,
    search: `${name}\u0000${number}\u0000${view.employeeId}`.toLowerCase(),
  };
}

export type SortColumn = 'employee' | 'number' | 'role' | 'region' | 'period' | 'step' | 'due' | 'score' | 'state';
export const sortColumns: readonly SortColumn[] = ['employee', 'number', 'role', 'region', 'period', 'step', 'due', 'score', 'state'];

export interface InboxView {
  role: string;
  region: string;
  period: string;
  step: string;
  overdue: boolean;
  search: string;
  sort: { column: SortColumn; direction: 'ascending' | 'descending' };
}

/** Overdue work first is what a reviewer needs most mornings, hence due date ascending. */
export const defaultView: InboxView = Object.freeze({
  role: '', region: '', period: '', step: '', overdue: false, search: '',
  sort: Object.freeze({ column: 'due', direction: 'ascending' }) as InboxView['sort'],
});

/** The rows the view's filters and search let through, in their order: one pass, no copy when nothing filters. */
export function filterRows(rows: readonly InboxRow[], view: InboxView): readonly InboxRow[] {
  const needle = view.search.trim().toLowerCase();
  const { role, region, period, step, overdue } = view;
  if (!role && !region && !period && !step && !overdue && !needle) return rows;
  return rows.filter((row) => (role === '' || row.role === role)
    && (region === '' || row.region === region)
    && (period === '' || row.period === period)
    && (step === '' || row.step === step)
    && (!overdue || row.overdue)
    && (needle === '' || row.search.includes(needle)));
}

export const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function countByStatus(rows: readonly InboxRow[]): Partial<Record<AppraisalStatus, number>> {
  const counts: Partial<Record<AppraisalStatus, number>> = {};
  for (const row of rows) counts[row.status] = (counts[row.status] ?? 0) + 1;
  return counts;
}

/** The distinct values of a field, sorted, for the filter menus. */
export function distinct(rows: readonly InboxRow[], field: 'role' | 'region' | 'period' | 'step'): string[] {
  const values = new Set<string>();
  for (const row of rows) if (row[field] !== '') values.add(row[field]);
  return [...values].sort(collator.compare);
}

/** The actions every one of `rows` offers, in the order of the first. */
export function commonActions(rows: readonly InboxRow[]): ActionName[] {
  const [first, ...rest] = rows;
  if (!first) return [];
  return first.actions.filter((action) => rest.every((row) => row.actions.includes(action)));
}

// ---- the view survives a reload, per user ----

const viewKey = (userId: string) => `kaohe-inbox:view:${userId}`;

export function loadView(userId: string, storage: Storage | undefined = safeLocalStorage()): InboxView {
  try {
    const raw = storage?.getItem(viewKey(userId));
    if (!raw) return defaultView;
    const saved = JSON.parse(raw) as Partial<InboxView>;
    const text = (value: unknown) => (typeof value === 'string' ? value : '');
    const column = sortColumns.includes(saved.sort?.column as SortColumn) ? saved.sort?.column as SortColumn : defaultView.sort.column;
    return {
      role: text(saved.role), region: text(saved.region), period: text(saved.period), step: text(saved.step),
      overdue: saved.overdue === true, search: text(saved.search),
      sort: { column, direction: saved.sort?.direction === 'descending' ? 'descending' : 'ascending' },
    };
  } catch {
    return defaultView;
  }
}

export function saveView(userId: string, view: InboxView, storage: Storage | undefined = safeLocalStorage()): void {
  try {
    storage?.setItem(viewKey(userId), JSON.stringify(view));
  } catch {
    // A full or blocked storage only costs the view after a reload, never the work.
  }
}

function safeLocalStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
