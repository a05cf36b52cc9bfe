// The configured context a host hands Kaohe once (user, directory, store …), and the few lines
// that pass it to elements the host did not wire up itself. Elements keep working without it:
// every value here is an ordinary property a host may set on the element instead.
import type { Locale, PayPlanInput, Rubric } from '@kaohe/scoring';
import type { KaoheService, PayFigures } from '@kaohe/service';
import type { DraftStore, KaoheStore, RubricStore } from '@kaohe/store';
import { serviceFor } from './service.ts';
import type { Chain, Directory, Person, WorkCalendar } from '@kaohe/workflow';

/** Which rubric, chain and pay plan apply to the people holding a role. */
export interface KaoheAssignment {
  rubric: string;
  chain: string;
  payPlan?: string;
}

export interface KaoheContext {
  /** the signed-in user's id */
  readonly user: string;
  /** the signed-in user as the directory knows them */
  readonly person: Person | undefined;
  readonly directory: Directory;
  readonly store: KaoheStore;
  /**
   * The application service the elements talk to: with `server`, the HTTP client for the person in
   * the token (@kaohe/client's HttpService); unset in the IndexedDB mode, where it is the page's own over `store`.
   */
  readonly service?: KaoheService;
  /** the Kaohe server's address when configured with one */
  readonly server?: string;
  readonly locale: Locale;
  /** parsed rubrics by id (the latest version of each) */
  readonly rubrics: Readonly<Record<string, Rubric>>;
  /** every rubric version known, by `${id}@${version}` (what appraisals pin) */
  readonly rubricVersions: Readonly<Record<string, Rubric>>;
  /**
   * the review chains by id: the presets W-SP … W-TR under the host's own. `{}` until they are loaded
   * (chains.ts): at configure when the host gives chains or assignments or a default assignment's rubric
   * is there, else at loadPresets or openForm; the page's own service merges the presets in itself
   */
  readonly chains: Readonly<Record<string, Chain>>;
  readonly payPlans: Readonly<Record<string, PayPlanInput>>;
  /** role id → what applies to people with that role */
  readonly assignments: Readonly<Record<string, KaoheAssignment>>;
  /** without a server: the payroll system's figures for payslips and HR's payroll (Kaohe.configure's `payValues`) */
  readonly payValues?: PayFigures;
  /** the company's calendar: its `timeZone` (Kaohe.configure's) says which day it is and the clock times are shown on */
  readonly calendar: WorkCalendar;
  /** a fixed time (ISO) the elements act and judge deadlines by, for demos and tests; unset: the clock */
  readonly now?: string;
}

type Listener = (context: KaoheContext) => void;

interface ContextHolder {
  context: KaoheContext | undefined;
  readonly listeners: Set<Listener>;
  /** what the context set on each element, shared by every copy of this module on the page (see applyContext) */
  supplied?: WeakMap<Element, Map<string, unknown>>;
}

// On globalThis under a registered symbol, like the elements' locale: a second copy of the bundle on
// the page sees the context the first was given, and elements may read it without importing embed.
const CONTEXT_KEY = Symbol.for('kaohe.context');

function holder(): ContextHolder {
  const global = globalThis as typeof globalThis & { [CONTEXT_KEY]?: ContextHolder };
  global[CONTEXT_KEY] ??= { context: undefined, listeners: new Set() };
  return global[CONTEXT_KEY];
}

/** The configured context, or undefined before `Kaohe.configure` has finished. */
export function getContext(): KaoheContext | undefined {
  return holder().context;
}

export function setContext(context: KaoheContext): void {
  const h = holder();
  h.context = context;
  for (const listener of [...h.listeners]) listener(context);
}

/** Hears every change of the context (configure, setUser, setLocale, loadRubric). Returns the unsubscribe. */
export function onContextChange(listener: Listener): () => void {
  const h = holder();
  h.listeners.add(listener);
  return () => h.listeners.delete(listener);
}

/**
 * The tags whose properties the context fills in: the core's, and those of the form builder and HR
 * entries, which load apart but should publish to and read from the same store.
 */
export const kaoheTags: readonly string[] = [
  'kaohe-rubric-form', 'kaohe-inbox', 'kaohe-payslip', 'kaohe-outbox-status',
  'kaohe-form-builder', 'kaohe-chain-editor', 'kaohe-payroll-export', 'kaohe-annual', 'kaohe-score-distribution',
];

/**
 * The element properties the context supplies, by the names the elements use. A property is filled
 * in only where the element declares it and the host left it unset.
 */
const rubricStores = new WeakMap<object, RubricStore>();

/** The form builder's store: with a server, its rubric routes (HR publishes there for everyone); else the page's store. */
function builderStore(context: KaoheContext): RubricStore {
  const service = context.service as (KaoheService & { rubricStore?: () => RubricStore }) | undefined;
  if (!service || typeof service.rubricStore !== 'function') return context.store;
  let known = rubricStores.get(service);
  if (!known) {
    known = service.rubricStore();
    rubricStores.set(service, known);
  }
  return known;
}

const draftStores = new WeakMap<object, { user: string; store: DraftStore }>();

/**
 * A rubric form's drafts: with a server, the person's drafts on the server through its client (GET/PUT
 * /appraisals/:id/draft, the outbox while offline; @kaohe/service's serviceDraftStore, which the client
 * carries so the core bundle does not), one per service, so a reload finds them; else the page's store.
 */
function formDraftStore(context: KaoheContext): DraftStore {
  const service = context.service as (KaoheService & { draftStore?: (user: string) => DraftStore }) | undefined;
  if (!service || typeof service.draftStore !== 'function') return context.store;
  let known = draftStores.get(service);
  if (known?.user !== context.user) {
    known = { user: context.user, store: service.draftStore(context.user) };
    draftStores.set(service, known);
  }
  return known.store;
}

function storeFor(context: KaoheContext, element: Element): DraftStore | RubricStore {
  if (element.localName === 'kaohe-form-builder') return builderStore(context);
  if (element.localName === 'kaohe-rubric-form') return formDraftStore(context);
  return context.store;
}

const suppliers: ReadonlyArray<readonly [string, (context: KaoheContext, element: Element) => unknown]> = [
  ['user', (context) => context.user],
  ['userId', (context) => context.user],
  // kaohe-payslip and kaohe-payroll-export: who is looking decides what they may see
  ['viewer', (context) => context.user],
  ['directory', (context) => context.directory],
  // the rubric form's drafts and the builder's rubrics: with a server, the server's; else the page's store
  ['store', storeFor],
  // elements that talk to the application service: the server's client, or the page's own over `store`
  ['service', (context) => serviceFor(context)],
  // kaohe-outbox-status: the server's client with its offline outbox says what waits
  ['outbox', (context) => (context.service && 'onStatus' in context.service ? context.service : undefined)],
  ['rubrics', (context) => context.rubricVersions],
  // `{}` until the preset chains are loaded (chains.ts): an element keeps its own default, the presets
  ['chains', (context) => (Object.keys(context.chains).length > 0 ? context.chains : undefined)],
  ['payPlans', (context) => context.payPlans],
  ['assignments', (context) => context.assignments],
  ['now', (context) => context.now],
  // the inbox judges days and shows times by the calendar; the rubric form and the builder show times by the zone
  ['calendar', (context) => context.calendar],
  ['timeZone', (context) => context.calendar.timeZone],
];

// What a freshly created element holds, per class: a value equal to it was not set by the host.
const defaults = new WeakMap<object, Record<string, string | undefined>>();

function json(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

function defaultsOf(element: Element): Record<string, string | undefined> {
  const constructor = element.constructor;
  let known = defaults.get(constructor);
  if (!known) {
    known = {};
    const fresh = document.createElement(element.localName) as unknown as Record<string, unknown>;
    for (const [name] of suppliers) if (name in (fresh as object)) known[name] = json(fresh[name]);
    defaults.set(constructor, known);
  }
  return known;
}

function isUnset(element: Element, name: string, value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  const fresh = defaultsOf(element)[name];
  return fresh !== undefined && json(value) === fresh;
}

// What the context set on each element, so a later setUser updates those and never a host's own value.
// Kept in the page-wide holder: the HR chunk (kaohe-hr.js) carries its own copy of this module, and a
// value one copy supplied must count as supplied (not as the host's) for the other copies too.
function suppliedRecords(): WeakMap<Element, Map<string, unknown>> {
  const h = holder();
  h.supplied ??= new WeakMap();
  return h.supplied;
}

/** Fills in the properties of `element` that the host left unset; returns the element. */
export function applyContext<E extends Element>(element: E, context: KaoheContext | undefined = getContext()): E {
  if (!context) return element;
  // An element whose class is not defined yet (its chunk still loading) gets nothing: a property set on
  // it now would become the element's own and hide the class's accessor once it upgrades. Kaohe applies
  // the context again when the tag is defined.
  const Class = typeof customElements === 'undefined' ? undefined : customElements.get(element.localName);
  if (!Class) return element;
  // Defined, but made while it was not and not in the document since: upgraded here, before anything is set.
  if (!(element instanceof Class)) customElements.upgrade(element);
  if (!(element instanceof Class)) return element;
  upgradeProperties(element);
  const supplied = suppliedRecords();
  const record = supplied.get(element) ?? new Map<string, unknown>();
  supplied.set(element, record);
  const target = element as unknown as Record<string, unknown>;
  for (const [name, supply] of suppliers) {
    if (!(name in element)) continue;
    const current = target[name];
    const ours = record.has(name) && record.get(name) === current;
    if (!ours && !isUnset(element, name, current)) continue;
    const value = supply(context, element);
    if (value === undefined) continue;
    if (current !== value) target[name] = value;
    record.set(name, value);
  }
  return element;
}

/**
 * A value the host set on the element before its class was defined is the element's own property and
 * hides the class's accessor (lit restores its reactive properties itself; this covers the rest): it is
 * taken off and set again through the accessor, as lit does.
 */
function upgradeProperties(element: Element): void {
  const target = element as unknown as Record<string, unknown>;
  for (const [name] of suppliers) {
    if (!Object.prototype.hasOwnProperty.call(element, name)) continue;
    const value = target[name];
    delete target[name];
    target[name] = value;
  }
}

/** Applies the context to every Kaohe element under `root` (light DOM only). */
export function applyContextWithin(root: ParentNode, context: KaoheContext | undefined = getContext()): void {
  for (const element of root.querySelectorAll(kaoheTags.join(','))) applyContext(element, context);
}
