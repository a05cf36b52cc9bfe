import { createMessage, createNode, type FormKitNode } from '@formkit/core';
import {
  assessingGroupLabels, deepFreeze, describeRule, KaoheInputError, sheetScorer,
  type Attendance, type Entry, type Item, type ItemResult, type Problem, type Rubric, type ScoreResult, type Section, type SectionResult, type Sheet,
} from '@kaohe/scoring';
import type { DraftAutosaver as DraftAutosaverType, DraftStore, StoreChange } from '@kaohe/store';
// entries compared by content, whatever the order of their keys
import { DraftAutosaver, canonicalJson as canonical, newerDraft, pageKeptDrafts } from '@kaohe/store';
import { commentSignature, type AppraisalView } from '@kaohe/service';
import { DEFAULT_TIME_ZONE, periodOf, type Directory } from '@kaohe/workflow';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { cssProps } from '../base/css-props.ts';
import { KaoheElement } from '../base/kaohe-element.ts';
import { baseCatalogue, wordsLocale, type Locale } from '../base/locale.ts';
import type { OutboxStatusSource } from '../kaohe-outbox-status/kaohe-outbox-status.ts';
import { formatDateTime } from '../base/date-format.ts';
import { tokenStyles } from '../base/tokens.styles.ts';
import { KaoheChangeEvent, KaoheConflictEvent, KaoheSubmitRequestEvent, KaoheSubmittedEvent } from '../events.ts';
import { breachSwitch, renderItemControl, type ControlContext } from './item-controls.ts';
import { itemName, problemWords } from './problem-words.ts';
import { styles } from './rubric-form.styles.ts';

export type RubricFormMode = 'edit' | 'review' | 'readonly';

/**
 * A reviewer's comment. `at` names what it is about: an item id (shown at the item), a section id
 * (shown at the section); anything else, such as a timestamp, is shown with the form's comments.
 */
export interface ReviewComment {
  at: string;
  by: string;
  text: string;
}

/** A problem placed on the form: the item (or 'attendance') it belongs to and the entry field within. */
interface PlacedProblem extends Problem {
  /** item id, gate id, 'attendance', or '' for the form as a whole */
  owner: string;
  /** the path inside the owner's entry: 'count', 'deductions[0].reason', '' */
  field: string;
  /** the id of the element that shows the message */
  messageId: string;
}

/** An owner's problems when it has none (or none shown yet): the same array each time, so a row's guard sees no change. */
const NO_PROBLEMS: readonly PlacedProblem[] = Object.freeze([]);

/**
 * Whether a problem at entry field `field` concerns a field the person has left (`left`): the same
 * field, one inside it or around it ('deductions[0]' and 'deductions[0].reason'), or the entry as a whole ('').
 */
const concerns = (left: string, field: string): boolean => field === '' || left === field
  || field.startsWith(`${left}.`) || field.startsWith(`${left}[`) || left.startsWith(`${field}.`) || left.startsWith(`${field}[`);

/** FormKit's "blurred" state, kept per entry field on the item's node: `blurred:points`, `blurred:deductions[0].reason`. */
const BLURRED = 'blurred:';

/** How long a change may wait in memory before it is written as a draft; the autosaver adds one write. */
const DRAFT_DELAY_MS = 300;

/**
 * A list given as a property (visible, editable, required items) as a set, made once per list object
 * (and again should its length change in place): asked for each of 200 items, `includes` was quadratic.
 */
const sets = new WeakMap<readonly string[], { length: number; set: ReadonlySet<string> }>();
function setOf(list: readonly string[]): ReadonlySet<string> {
  let made = sets.get(list);
  if (!made || made.length !== list.length) {
    made = { length: list.length, set: new Set(list) };
    sets.set(list, made);
  }
  return made.set;
}

const isInputError = (error: unknown): error is KaoheInputError =>
  error instanceof KaoheInputError || (error instanceof Error && error.name === 'KaoheInputError' && Array.isArray((error as KaoheInputError).problems));


/**
 * @customElement kaohe-rubric-form
 * The rubric form: an appraisal sheet scored live as the assessor fills it in.
 *
 * Every score it shows comes from `scoreSheet` of @kaohe/scoring; the form only collects entries
 * (held by a @formkit/core node tree), shows what the engine says and forwards intent. Which items
 * a person sees, edits and must fill comes from the application service's view (`view`, or
 * `visibleItems` / `editableItems` / `requiredItems` one by one): the form decides none of it.
 *
 * @fires change - KaoheChangeEvent: the user changed the sheet, or their draft was restored on connect
 * @fires kaohe-submit-request - KaoheSubmitRequestEvent, cancelable: the user asked to submit
 * @fires kaohe-submitted - KaoheSubmittedEvent: the request was not vetoed
 * @fires kaohe-conflict - KaoheConflictEvent: the stored appraisal is newer than `baseRevision`
 *
 * @csspart form - the whole form
 * @csspart header - title, period and employee
 * @csspart conflict - the banner shown when the stored appraisal is newer
 * @csspart draft-conflict - the banner shown when the person's draft was saved from another tab or window, with their two choices
 * @csspart section - a section's fieldset; also `attendance` for the attendance fieldset
 * @csspart section-legend - a section's legend
 * @csspart gate - a section's gate switch
 * @csspart item - an item's fieldset; also `item-changed` in review when it differs from `previous`
 * @csspart item-label - an item's legend
 * @csspart rule - the rule in words
 * @csspart control - a field of an item
 * @csspart score - every score shown; also `item-score`, `section-score`, `totals`
 * @csspart flag - a consequence raised (FS-3 removal, FS-10 transfer)
 * @csspart floor - the note that a floor was applied
 * @csspart error - a problem's message
 * @csspart comment - a reviewer's comment
 * @csspart problems - the list of problems by the submit button
 * @csspart submit - the submit button
 */
export class KaoheRubricForm extends KaoheElement {
  static override styles = [tokenStyles, styles];
  static formAssociated = true;

  /** 'edit' scores, 'review' shows what changed and the comments, 'readonly' only shows. */
  @property({ reflect: true }) mode: RubricFormMode = 'edit';

  /** The items this person may change in edit mode (the view's `editableItems`); unset: every item. */
  @property({ attribute: false }) editableItems: string[] | undefined;

  /** The items that must be scored before submit (the view's `requiredItems`); unset: every item the person edits. */
  @property({ attribute: false }) requiredItems: string[] | undefined;

  /** The items shown (the view's `visibleItems`); unset: every item. A section with none of them is left out, and so are totals of a partial sheet. */
  @property({ attribute: false }) visibleItems: string[] | undefined;

  /** Absent days may be changed in edit mode (the view's `editsAttendance`); unset: when every item is editable. */
  @property({ attribute: false }) editsAttendance: boolean | undefined;

  /** The sheet as it stood before (e.g. as the previous step submitted it); review mode marks what differs. */
  @property({ attribute: false }) previous: Sheet | undefined;

  /** Reviewers' comments, shown in review mode. */
  @property({ attribute: false }) comments: ReviewComment[] = [];

  /**
   * An appraisal as the application service shows it to this person (`service.view`): sets the sheet,
   * mode, visible, editable and required items, the revision and the comments, signed in the form's language.
   */
  @property({ attribute: false })
  get view(): AppraisalView | undefined {
    return this.#view;
  }

  set view(view: AppraisalView | undefined) {
    const old = this.#view;
    this.#view = view;
    if (view) {
      this.sheet = view.sheet;
      this.mode = view.mode;
      this.visibleItems = view.visibleItems;
      this.editableItems = view.editableItems;
      this.requiredItems = view.requiredItems;
      this.editsAttendance = view.editsAttendance;
      this.appraisalId = view.id;
      this.baseRevision = view.revision;
    }
    this.requestUpdate('view', old);
  }

  #view: AppraisalView | undefined;

  /** The host's directory, optional: the header then names the employee ("張敏 S1002") instead of their id. */
  @property({ attribute: false }) directory: Directory | undefined;

  /**
   * The company's IANA time zone (WorkCalendar.timeZone, e.g. `Asia/Shanghai`): comment times are
   * shown on its clock, and a new sheet is for its current month. Default UTC.
   */
  @property({ attribute: 'time-zone' }) timeZone: string | undefined;

  /** The name the sheet's JSON is submitted under by a host `<form>`. */
  @property({ reflect: true }) name = '';
  /**
   * The level of the form's title; its parts' headings are one below. 2 on a page of its own; a host that
   * places the form under a heading of its own sets it below that one (the inbox's pane, under its h3: 4).
   */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** With `appraisalId` and `userId`: drafts are saved here and restored on connect. */
  @property({ attribute: false }) store: DraftStore | undefined;
  @property({ attribute: 'appraisal-id' }) appraisalId: string | undefined;
  /** With a server (Kaohe.configure({ server })): its client's outbox, so the element says when it is offline and what waits. */
  @property({ attribute: false }) outbox: OutboxStatusSource | undefined;
  @property({ attribute: 'user-id' }) userId: string | undefined;
  /** The appraisal revision the sheet was read at; a newer stored revision shows a conflict. */
  @property({ attribute: 'base-revision', type: Number }) baseRevision: number | undefined;

  @state() private conflict: { stored: number; base: number } | undefined;
  @state() private announcement = '';
  @state() private draftError = false;
  /** this page's save was refused over a newer draft of the same person (another tab): they choose which stays */
  @state() private draftConflict = false;

  readonly #internals: ElementInternals;
  #rubric: Rubric | undefined;
  /** scores the sheet on every change, again only where it changed (sheetScorer of @kaohe/scoring) */
  #scorer: ((sheet: Sheet) => ScoreResult) | undefined;
  /** the sheet last given from outside: what a form reset returns to */
  #initial: Sheet | undefined;
  /** `#initial` as canonical JSON, and the object it came in as: a host setting either again changes nothing */
  #initialJson: string | undefined;
  #given: Sheet | undefined;
  /** the parts of the sheet the form does not edit (rubric id, period, employee …) */
  #meta: Omit<Sheet, 'attendance' | 'entries'> | undefined;
  #root: FormKitNode | undefined;
  #entriesNode: FormKitNode | undefined;
  #entryNodes = new Map<string, FormKitNode>();
  #creatingNode = false;
  #absentNode: FormKitNode | undefined;
  #pending: Sheet | undefined;
  #result: ScoreResult | null = null;
  #problems: PlacedProblem[] = [];
  /** #problems by owner (item id, gate id, 'attendance', '') */
  #problemsByOwner = new Map<string, PlacedProblem[]>();
  /** the problems shown, by owner: those of the fields the person has left, every one once they tried to submit */
  #shownByOwner = new Map<string, PlacedProblem[]>();
  #stale = false;
  #formDisabled = false;
  #focusAfterRender: string | undefined;
  #owners = new Map<string, { item?: Item; section: Section }>();

  #autosaver: DraftAutosaverType | undefined;
  #storeKey: string | undefined;
  #unsubscribeStore: (() => void) | undefined;
  #changedSinceConnect = false;
  #storeSettled: Promise<void> = Promise.resolve();

  constructor() {
    super();
    this.#internals = this.attachInternals();
  }

  /** The rubric the sheet is scored against (parsed: use `loadRubric` on authored input). */
  @property({ attribute: false })
  get rubric(): Rubric | undefined {
    return this.#rubric;
  }

  set rubric(rubric: Rubric | undefined) {
    const old = this.#rubric;
    // A lit host hands object properties again on every render of its own: the same rubric is no news.
    if (rubric === old || (rubric && old && rubric.id === old.id && rubric.version === old.version && canonical(rubric) === canonical(old))) return;
    this.#rubric = rubric;
    this.#scorer = rubric && sheetScorer(rubric);
    this.#owners.clear();
    for (const section of rubric?.sections ?? []) {
      if (section.gate) this.#owners.set(section.gate.id, { section });
      for (const item of section.items) this.#owners.set(item.id, { item, section });
    }
    this.#build(this.#pending ?? (this.#root ? this.#read() : undefined));
    this.requestUpdate('rubric', old);
  }

  /** The value: one employee's sheet for one period. Reading it gives the sheet as now filled in. */
  @property({ attribute: false })
  get sheet(): Sheet {
    return this.#root ? this.#read() : structuredClone(this.#pending ?? this.#empty());
  }

  set sheet(sheet: Sheet | undefined) {
    // A lit host (the inbox's pane) sets object properties again on every render of its own, with the
    // same stored sheet each time. Rebuilding for it would throw away what the person typed since, and
    // the draft restored on connect (issue 16): only a sheet that differs from the last one given counts.
    if (sheet === this.#given || (sheet !== undefined && this.#initialJson !== undefined && canonical(sheet) === this.#initialJson)) {
      this.#given = sheet;
      return;
    }
    const old = this.#root ? this.#read() : this.#pending;
    this.#given = sheet;
    this.#initial = sheet ? structuredClone(sheet) : undefined;
    this.#initialJson = sheet ? canonical(sheet) : undefined;
    this.#build(sheet);
    this.requestUpdate('sheet', old);
  }

  /** The scores of the sheet as last scored without problems; null before the first such score. */
  get result(): ScoreResult | null {
    return this.#result;
  }

  /** The problems scoreSheet reports for the current sheet. */
  get problems(): readonly Problem[] {
    return this.#problems.map(({ path, rule, message }) => ({ path, rule, message }));
  }

  /** Resolves once the draft (if any) is restored and the stored revision checked. */
  get storeSettled(): Promise<void> {
    return this.#storeSettled;
  }

  get form(): HTMLFormElement | null { return this.#internals.form; }
  get validity(): ValidityState { return this.#internals.validity; }
  get validationMessage(): string { return this.#internals.validationMessage; }
  get willValidate(): boolean { return this.#internals.willValidate; }
  checkValidity(): boolean { return this.#internals.checkValidity(); }
  reportValidity(): boolean { return this.#internals.reportValidity(); }

  /** Writes any pending draft now. */
  async flushDraft(): Promise<void> {
    await this.#autosaver?.flush();
  }

  // ---- form association ----

  formResetCallback(): void {
    this.#build(this.#initial);
    this.#afterUserChange();
  }

  formDisabledCallback(disabled: boolean): void {
    this.#formDisabled = disabled;
    this.requestUpdate();
  }

  formStateRestoreCallback(state: string | File | FormData | null): void {
    if (typeof state !== 'string') return;
    try {
      this.#build(JSON.parse(state) as Sheet);
      this.requestUpdate();
    } catch {
      // A state the browser kept from another version of the form is simply not restored.
    }
  }

  // ---- lifecycle ----

  override connectedCallback(): void {
    super.connectedCallback();
    this.#changedSinceConnect = false;
    this.#connectStore();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#disconnectStore();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store') || changed.has('appraisalId') || changed.has('userId') || changed.has('mode') || changed.has('baseRevision')) {
      if (this.isConnected) this.#connectStore();
    }
    if (changed.has('mode')) this.#placeShown();
    if (changed.has('mode') || changed.has('editableItems') || changed.has('requiredItems')) this.#updateValidity();
  }

  protected override updated(): void {
    this.#updateValidity();
    if (this.#focusAfterRender) {
      this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(this.#focusAfterRender)}`)?.focus();
      this.#focusAfterRender = undefined;
    }
  }

  #timeZone(): string {
    return this.timeZone ?? DEFAULT_TIME_ZONE;
  }

  // ---- state held by @formkit/core ----

  #empty(): Sheet {
    return {
      rubric: this.#rubric?.id ?? '',
      ...(this.#rubric ? { rubricVersion: this.#rubric.version } : {}),
      period: periodOf(new Date().toISOString(), this.#timeZone()),
      // no attendance: a form nobody has filled in is not full attendance (C-1)
      entries: {},
    };
  }

  /**
   * (Re)creates the node tree from a sheet: a group per sheet, one for absent days and an `entries`
   * group that starts out holding the sheet's entries as its value. An item gets its own child node
   * only when it is first edited (#entryNode): FormKit re-hydrates a group on every child it adds,
   * so a node per item up front made building a 200-item form quadratic (~50 ms, twice per render).
   */
  #build(sheet: Sheet | undefined): void {
    if (!this.#rubric) {
      this.#pending = sheet ? structuredClone(sheet) : undefined;
      return;
    }
    const source = structuredClone(sheet ?? this.#empty());
    this.#pending = undefined;
    const { attendance, entries, ...meta } = source;
    this.#meta = meta;
    this.#root?.destroy();
    this.#entryNodes.clear();
    this.#absentNode = createNode({ name: 'absentDays', value: attendance?.absentDays });
    // The tree holds each entry deep-frozen (this copy's own objects): the scorer then reads and scores
    // again only the entries that are new objects, and the render knows an unchanged item by its entry.
    for (const entry of Object.values(entries ?? {})) deepFreeze(entry);
    // Entries for ids the rubric does not know stay in the value too, so scoreSheet can name them as problems.
    this.#entriesNode = createNode({ type: 'group', name: 'entries', value: entries ?? {} });
    this.#root = createNode({
      type: 'group',
      name: 'sheet',
      children: [
        createNode({ type: 'group', name: 'attendance', children: [this.#absentNode] }),
        this.#entriesNode,
      ],
    });
    this.#root.on('commit', () => {
      if (!this.#creatingNode) this.#afterUserChange();
    });
    this.#score();
  }

  /** The item's node, created on first use from the value the entries group holds for it. */
  #entryNode(id: string): FormKitNode | undefined {
    const existing = this.#entryNodes.get(id);
    if (existing || !this.#entriesNode) return existing;
    const held = (this.#entriesNode.value as Record<string, Entry | undefined>)[id];
    // Adding a child commits the tree; that is not a change the user made.
    this.#creatingNode = true;
    try {
      const node = createNode({ name: id, value: held, parent: this.#entriesNode });
      this.#entryNodes.set(id, node);
      return node;
    } finally {
      this.#creatingNode = false;
    }
  }

  /** The sheet as filled in, a copy of its own: what leaves the form (the `sheet` property, events, drafts). */
  #read(): Sheet {
    return structuredClone(this.#peek());
  }

  /**
   * The sheet as filled in, sharing the entries the node tree holds: for reading inside the form only
   * (scoring, rendering), never to be changed or handed out. An entry keeps its object, frozen, until
   * it is edited (#setEntry puts a new one), so the scorer and the render tell an unchanged item by it.
   */
  #peek(): Sheet {
    const value = this.#root!.value as { attendance?: { absentDays?: unknown }; entries?: Record<string, Entry | undefined> };
    const entries: Record<string, Entry> = {};
    for (const [id, entry] of Object.entries(value.entries ?? {})) if (entry !== undefined) entries[id] = entry;
    // An empty absent-days field is no attendance at all, never full attendance: scoreSheet says so (C-1).
    const absentDays = value.attendance?.absentDays as Attendance['absentDays'] | undefined;
    return {
      ...this.#meta!,
      ...(absentDays === undefined ? {} : { attendance: { absentDays } }),
      entries,
    };
  }

  #setEntry(id: string, entry: Entry | undefined): void {
    this.#entryNode(id)?.input(entry === undefined ? undefined : deepFreeze(structuredClone(entry)), false);
  }

  #afterUserChange(): void {
    this.#changedSinceConnect = true;
    this.#score();
    const sheet = this.#read();
    this.announcement = this.#problems.length > 0
      ? this.msg('announceProblems', { n: this.#problems.length })
      : this.#result ? this.msg('announce', { monthly: this.#result.monthly }) : '';
    this.#autosaver?.update(sheet.entries, sheet.attendance);
    this.requestUpdate();
    this.dispatchEvent(new KaoheChangeEvent(sheet, this.#stale ? null : this.#result, this.problems));
  }

  /** Scores the sheet (as scoreSheet would); on problems, keeps the last good scores (marked stale) and places each problem. */
  #score(): void {
    if (!this.#rubric || !this.#root) return;
    // the scorer only reads the sheet, and its result holds none of the sheet's objects: no copy needed.
    const sheet = this.#peek();
    try {
      this.#result = this.#scorer!(sheet);
      this.#setProblems([]);
      this.#stale = false;
    } catch (error) {
      if (!isInputError(error)) throw error;
      // The longest id that fits, so "FS-4" never claims "FS-4a".
      const ids = [...new Set([...this.#owners.keys(), ...Object.keys(sheet.entries)])].sort((a, b) => b.length - a.length);
      this.#setProblems(error.problems.map((problem, n) => ({ ...problem, ...this.#place(problem.path, ids), messageId: `problem-${n}` })));
      this.#stale = true;
    }
    const json = JSON.stringify(sheet);
    this.#internals.setFormValue(json, json);
    this.#updateValidity();
  }

  #setProblems(problems: PlacedProblem[]): void {
    this.#problems = problems;
    this.#problemsByOwner.clear();
    for (const problem of problems) {
      const placed = this.#problemsByOwner.get(problem.owner);
      if (placed) placed.push(problem);
      else this.#problemsByOwner.set(problem.owner, [problem]);
    }
    this.#placeShown();
  }

  // ---- what is shown: the touched rule ----

  /**
   * An untouched field shows no problem: a person is told of one once they have left the field (FormKit's
   * "blurred") or tried to submit (its "submitted"). Until then the totals and the submit check still know it.
   * A problem of the sheet as a whole (owner '') has no field to leave and is always shown, and so is
   * every problem outside edit mode, where no field is filled in.
   */
  #placeShown(): void {
    this.#shownByOwner.clear();
    const all = this.#submitted || this.mode !== 'edit';
    for (const [owner, problems] of this.#problemsByOwner) {
      const left = all || owner === '' ? undefined : this.#leftFields(owner);
      const shown = left === undefined ? problems : problems.filter((p) => left.some((field) => concerns(field, p.field)));
      // every one shown: the same array, so a row's guard sees no change
      if (shown.length > 0) this.#shownByOwner.set(owner, shown.length === problems.length ? problems : shown);
    }
  }

  /** The node that holds an owner's entry: absent days for 'attendance', else the item's (or gate's). */
  #nodeOf(owner: string, create: boolean): FormKitNode | undefined {
    if (owner === 'attendance') return this.#absentNode;
    return create ? this.#entryNode(owner) : this.#entryNodes.get(owner);
  }

  /** The entry fields of `owner` the person has left. */
  #leftFields(owner: string): string[] {
    const node = this.#nodeOf(owner, false);
    if (!node) return [];
    return node.store.reduce<string[]>((fields, message) => (message.key.startsWith(BLURRED) ? [...fields, message.key.slice(BLURRED.length)] : fields), []);
  }

  /** The person left a field of an owner's entry (a control's `data-field`): its problems are shown from now on. */
  #leave(owner: string, field: string | undefined): void {
    if (field === undefined || !this.#editing) return;
    const node = this.#nodeOf(owner, true);
    if (!node || node.store[`${BLURRED}${field}`]) return;
    node.store.set(createMessage({ key: `${BLURRED}${field}`, type: 'state', value: true, visible: false }));
    this.#placeShown();
    this.requestUpdate();
  }

  /** The person tried to submit this sheet (FormKit's "submitted", on the sheet's node). */
  get #submitted(): boolean {
    return this.#root?.store['submitted']?.value === true;
  }

  /** A focusout inside an owner's controls: the field it left is named by the control's `data-field`. */
  #onFocusOut(owner: string, event: FocusEvent): void {
    this.#leave(owner, (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-field]')?.dataset['field']);
  }

  /** What the form says of a problem: its catalogue's words in the form's language, else the engine's (`fallback`). */
  #say(problem: PlacedProblem, fallback: string): string {
    return problemWords(problem, this.#owners.get(problem.owner)?.item, this.#speaks) ?? fallback;
  }

  /** `entries.FS-3.deductions[0].reason` → owner FS-3, field `deductions[0].reason`. */
  #place(path: string, ids: readonly string[]): { owner: string; field: string } {
    if (path === 'attendance' || path.startsWith('attendance.')) return { owner: 'attendance', field: path.slice('attendance.'.length) };
    if (!path.startsWith('entries.')) return { owner: '', field: path };
    const rest = path.slice('entries.'.length);
    const owner = ids.find((id) => rest === id || rest.startsWith(`${id}.`) || rest.startsWith(`${id}[`));
    if (owner === undefined) return { owner: '', field: path };
    return { owner, field: rest.slice(owner.length).replace(/^\./, '') };
  }

  // ---- who may edit what ----

  get #editing(): boolean {
    return this.mode === 'edit' && !this.#formDisabled;
  }

  #canEdit(item: Item): boolean {
    return this.#editing && (this.editableItems === undefined || setOf(this.editableItems).has(item.id));
  }

  #canEditGate(section: Section): boolean {
    return this.#editing && section.items.some((item) => this.#canEdit(item));
  }

  #isVisible(item: Item): boolean {
    return this.visibleItems === undefined || setOf(this.visibleItems).has(item.id);
  }

  /** The sheet shows only part of the rubric, so its totals would be those of a part. */
  get #partial(): boolean {
    return this.visibleItems !== undefined && [...this.#owners.values()].some(({ item }) => item !== undefined && !this.#isVisible(item));
  }

  /** Items this user must still score before submitting: the missing ones the view requires of them. */
  #stillToScore(): string[] {
    if (!this.#result || !this.#editing) return [];
    return this.#result.missing.filter((id) => {
      if (this.requiredItems !== undefined) return setOf(this.requiredItems).has(id);
      const owner = this.#owners.get(id);
      return owner?.item ? this.#canEdit(owner.item) : false;
    });
  }

  /** Items by id and label in the form's language ("SP-Q 產品質量問題反饋、SP-A 廣告計劃表"). */
  #named(ids: readonly string[]): string {
    const locale = this.#speaks;
    return ids.map((id) => { const item = this.#owners.get(id)?.item; return item ? itemName(item, locale) : id; }).join(locale === 'en' ? ', ' : '、');
  }

  #submitBlocked(): boolean {
    return this.#stale || !this.#result || this.#problems.length > 0 || this.#stillToScore().length > 0;
  }

  #updateValidity(): void {
    const first = this.#problems[0];
    if (first) {
      // the first field marked invalid, else the submit button (a problem of the sheet as a whole)
      const anchor = this.renderRoot?.querySelector?.<HTMLElement>('[aria-invalid="true"], #submit') ?? undefined;
      this.#setValidity('customError', this.#say(first, `${first.path}: ${first.message}`), anchor);
      return;
    }
    const missing = this.#stillToScore();
    if (missing.length > 0) {
      // Without problems no field is marked invalid: the anchor is the submit button, found by its id
      // (a selector walked all of a 200-item form's shadow tree on every keystroke, twice).
      const anchor = (this.renderRoot as ShadowRoot | undefined)?.getElementById?.('submit') ?? undefined;
      this.#setValidity('valueMissing', this.msg('stillToScore', { ids: this.#named(missing) }), anchor);
    } else {
      this.#setValidity(undefined, '', undefined);
    }
  }

  /** The validity last set, so setting the same again (most keystrokes) is skipped. */
  #validity: { flag: 'customError' | 'valueMissing' | undefined; message: string; anchor: HTMLElement | undefined } | undefined;

  #setValidity(flag: 'customError' | 'valueMissing' | undefined, message: string, anchor: HTMLElement | undefined): void {
    const last = this.#validity;
    if (last && last.flag === flag && last.message === message && last.anchor === anchor) return;
    this.#validity = { flag, message, anchor };
    if (flag === undefined) this.#internals.setValidity({});
    else this.#internals.setValidity({ [flag]: true }, message, anchor);
  }

  // ---- drafts ----

  #connectStore(): void {
    const { store, appraisalId, userId } = this;
    const key = store && appraisalId && userId && this.mode === 'edit' ? `${appraisalId}\u0000${userId}` : undefined;
    if (key === this.#storeKey && store === this.#autosaverStore) return;
    this.#disconnectStore();
    if (!store || !appraisalId || !userId || key === undefined) return;
    this.#storeKey = key;
    this.#autosaverStore = store;
    this.#autosaver = new DraftAutosaver(store, {
      appraisalId,
      userId,
      delayMs: DRAFT_DELAY_MS,
      ...(this.baseRevision !== undefined ? { baseRevision: this.baseRevision } : {}),
      window,
      // what is typed in the last moments before the page goes (reload, offline outbox still writing)
      ...(this.#kept ? { kept: this.#kept } : {}),
      onError: () => { this.draftError = true; },
      onSaved: () => { this.draftError = false; },
      onConflict: () => {
        this.draftError = false;
        this.draftConflict = true;
      },
    });
    this.#unsubscribeStore = store.subscribe((change: StoreChange) => {
      if (change.type === 'appraisal' && change.id === appraisalId) this.#checkRevision(change.revision);
    });
    // A form moved in the page (disconnected and connected again) keeps what it holds: its last
    // draft may still be on its way to the store, and reading it back would undo newer typing.
    const firstTime = this.#restoredFor !== key;
    this.#restoredFor = key;
    this.#storeSettled = this.#restore(store, appraisalId, userId, firstTime).catch((error: unknown) => {
      console.error('Kaohe: the draft could not be restored', error);
    });
  }

  #autosaverStore: DraftStore | undefined;
  #restoredFor: string | undefined;
  /** The page's synchronous shelf for the last typing (localStorage), when the page has one. */
  readonly #kept = pageKeptDrafts();

  #disconnectStore(): void {
    this.#unsubscribeStore?.();
    this.#unsubscribeStore = undefined;
    // Whatever was typed last still reaches the store; a failure was already reported via onError.
    this.#autosaver?.dispose().catch(() => undefined);
    this.#autosaver = undefined;
    this.#storeKey = undefined;
    this.#autosaverStore = undefined;
    this.draftConflict = false;
  }

  async #restore(store: DraftStore, appraisalId: string, userId: string, restoreDraft: boolean): Promise<void> {
    const [stored, record] = await Promise.all([store.loadDraft(appraisalId, userId), store.getAppraisal(appraisalId)]);
    if (this.#storeKey !== `${appraisalId}\u0000${userId}`) return;
    // Typing kept as the page went away is newer than the draft that reached the store: it is shown and saved.
    const kept = this.#kept?.kept(appraisalId, userId);
    const draft = newerDraft(stored, kept);
    // Work typed since connecting is newer than any draft: it wins, and the autosaver stores it.
    if (draft && restoreDraft && !this.#changedSinceConnect) {
      const current = this.sheet;
      this.#build({ ...current, entries: draft.entries, attendance: draft.attendance ?? current.attendance });
      this.requestUpdate();
      // The host's copy of the sheet (the inbox submits what it last heard) must be what is on screen.
      this.dispatchEvent(new KaoheChangeEvent(this.#read(), this.#stale ? null : this.#result, this.problems));
      if (draft === kept && draft !== stored && this.#autosaver) {
        this.#autosaver.restoredFromShelf(kept);
        this.#autosaver.update(draft.entries, draft.attendance);
      }
    }
    // What is on screen builds on this draft revision: a save over a newer one (another tab's) is refused.
    const shown = restoreDraft && !this.#changedSinceConnect ? draft : stored;
    if (this.#autosaver && this.#autosaver.draftRevision === undefined) this.#autosaver.draftRevision = shown?.revision ?? 0;
    if (this.baseRevision === undefined && draft && this.#autosaver) this.#autosaver.baseRevision = draft.baseRevision;
    if (record) this.#checkRevision(record.revision, draft?.baseRevision);
  }

  /** The person keeps what this page holds: saved over the other tab's draft, as they chose. */
  async #keepMyDraft(): Promise<void> {
    const { appraisalId, userId } = this;
    const autosaver = this.#autosaver;
    if (!autosaver || !appraisalId || !userId) return;
    const theirs = await this.#autosaverStore?.loadDraft(appraisalId, userId).catch(() => undefined);
    if (autosaver !== this.#autosaver) return;
    this.draftConflict = false;
    autosaver.keepMine(theirs?.revision ?? autosaver.conflict?.current?.revision ?? 0);
  }

  /** The person takes the other tab's draft: it replaces what this page holds, as they chose. */
  async #takeTheirDraft(): Promise<void> {
    const { appraisalId, userId } = this;
    const autosaver = this.#autosaver;
    if (!autosaver || !appraisalId || !userId) return;
    const theirs = await this.#autosaverStore?.loadDraft(appraisalId, userId).catch(() => undefined) ?? autosaver.conflict?.current;
    if (autosaver !== this.#autosaver) return;
    this.draftConflict = false;
    // Gone meanwhile (submitted, discarded): nothing to take, and this page's typing is saved as it is.
    if (!theirs) {
      autosaver.keepMine(0);
      return;
    }
    autosaver.takeTheirs(theirs);
    const current = this.sheet;
    this.#build({ ...current, entries: theirs.entries, attendance: theirs.attendance ?? current.attendance });
    this.requestUpdate();
    this.dispatchEvent(new KaoheChangeEvent(this.#read(), this.#stale ? null : this.#result, this.problems));
  }

  #checkRevision(stored: number, draftBase?: number): void {
    const base = this.baseRevision ?? draftBase;
    if (base === undefined || stored <= base || this.conflict?.stored === stored) return;
    this.conflict = { stored, base };
    this.dispatchEvent(new KaoheConflictEvent(this.appraisalId ?? '', base, stored));
  }

  // ---- submit ----

  /** The person tried to submit: every problem is shown from now on (FormKit's "submitted", on the sheet's node). */
  #markSubmitted(): void {
    if (this.#root && !this.#submitted) {
      this.#root.store.set(createMessage({ key: 'submitted', type: 'state', value: true, visible: false }));
      this.#placeShown();
    }
    this.requestUpdate();
  }

  #submit(): void {
    this.#markSubmitted();
    if (this.#submitBlocked() || !this.#result) {
      this.#focusFirstBlocker();
      return;
    }
    const sheet = this.#read();
    const result = this.#result;
    if (!this.dispatchEvent(new KaoheSubmitRequestEvent(sheet, result))) return;
    this.dispatchEvent(new KaoheSubmittedEvent(sheet, result));
  }

  /**
   * For a host's own submit button (the inbox's pane): checks what this person must put right first, as the
   * form's Submit does — the items still to score and the problems in what they edit — shows them by the
   * Submit button and moves focus to the first. Answers whether there is nothing to put right. A problem
   * outside their part (absent days a later step gives, for a group's assessor) is not theirs and does not stop them.
   */
  checkSubmit(): boolean {
    const blocked = this.#stillToScore().length > 0 || this.#problems.some((problem) => this.#isTheirs(problem));
    if (!blocked) return true;
    this.#markSubmitted();
    this.#focusFirstBlocker();
    return false;
  }

  /** Whether a problem is in what this person edits: an item of theirs, the absent days when they give them, the sheet as a whole. */
  #isTheirs(problem: PlacedProblem): boolean {
    if (problem.owner === 'attendance') return this.#editing && (this.editsAttendance ?? this.editableItems === undefined);
    const owner = this.#owners.get(problem.owner);
    return owner?.item ? this.#canEdit(owner.item) : true;
  }

  #focusFirstBlocker(): void {
    void this.updateComplete.then(() => {
      const missing = this.#stillToScore()[0];
      const target = this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')
        ?? (missing ? this.renderRoot.querySelector<HTMLElement>(`[data-item="${CSS.escape(missing)}"] input, [data-item="${CSS.escape(missing)}"] select`) : null);
      target?.focus();
    });
  }

  // ---- rendering ----

  #keys = new Map<string, string>();

  /** DOM ids derived from position, so nothing an author types into an id can break the markup. */
  #keyOf(id: string): string {
    let key = this.#keys.get(id);
    if (!key) {
      key = `k${this.#keys.size}`;
      this.#keys.set(id, key);
    }
    return key;
  }

  /** The problems shown at an owner (#placeShown). */
  #errorsOf(owner: string): readonly PlacedProblem[] {
    return this.#shownByOwner.get(owner) ?? NO_PROBLEMS;
  }

  #errorIds(owner: string, field: string): string[] {
    return this.#errorsOf(owner)
      .filter((p) => p.field === '' || p.field === field || p.field.startsWith(`${field}.`) || (field !== '' && p.field.startsWith(`${field}[`)))
      .map((p) => p.messageId);
  }

  /**
   * The language the form shows: its locale, or zh-Hant while that locale's words could not be loaded
   * (offline) — the rubric's labels with them, so the form speaks one language and its `lang` says which.
   */
  get #speaks(): Locale {
    return wordsLocale(baseCatalogue, this.locale);
  }

  override render(): TemplateResult {
    const rubric = this.#rubric;
    if (!rubric) return html`<div part="form" class="form"></div>`;
    const locale = this.#speaks;
    const result = this.#result;
    const sheet = this.#peek();
    const sectionResults = new Map(result?.sections.map((s) => [s.id, s]) ?? []);
    const general = this.#errorsOf('');
    return html`
      <div part="form" class="form" lang=${locale}>
        <header part="header" class="header">
          <h2 part="title" aria-level=${this.headingLevel}>${rubric.label[locale]}</h2>
          <p class="muted">${sheet.period}${sheet.employee ? html` · ${this.#employeeName(sheet.employee)}` : nothing}</p>
        </header>
        <kaohe-outbox-status .outbox=${this.outbox} .locale=${locale}></kaohe-outbox-status>
        ${this.conflict ? html`<div role="alert" part="conflict" class="banner conflict">${this.msg('conflict', { stored: this.conflict.stored, base: this.conflict.base })}</div>` : nothing}
        ${this.draftError ? html`<p class="banner warning" role="status">${this.msg('draftNotSaved')}</p>` : nothing}
        ${this.draftConflict ? html`
          <div role="alert" part="draft-conflict" class="banner conflict draft-conflict">
            <p>${this.msg('draftConflict')}</p>
            <button type="button" data-draft="theirs" @click=${() => void this.#takeTheirDraft()}>${this.msg('draftTakeTheirs')}</button>
            <button type="button" data-draft="mine" @click=${() => void this.#keepMyDraft()}>${this.msg('draftKeepMine')}</button>
          </div>` : nothing}
        ${result && result.flags.length > 0 ? html`
          <section class="flags" aria-labelledby="flags-heading">
            <h3 id="flags-heading" aria-level=${this.headingLevel + 1}>${this.msg('flags')}</h3>
            <ul>${result.flags.map((flag) => html`<li part="flag" class="flag">${flag.label[locale]} <span class="muted">(${flag.source})</span></li>`)}</ul>
          </section>` : nothing}
        ${general.length > 0 ? html`<ul class="errors">${general.map((p) => html`<li id=${p.messageId} part="error" class="error">${this.#say(p, `${p.message} [${p.rule}]`)}</li>`)}</ul>` : nothing}
        ${rubric.sections.filter((section) => section.items.some((item) => this.#isVisible(item)))
          .map((section) => this.#renderSection(section, sheet, sectionResults.get(section.id)))}
        ${rubric.composite.kind === 'workAttendance' && !this.#partial ? this.#renderAttendance(sheet) : nothing}
        ${this.#partial ? nothing : this.#renderTotals(result)}
        ${this.mode === 'review' ? this.#renderGeneralComments() : nothing}
        ${this.#editing ? this.#renderSubmit() : nothing}
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      </div>`;
  }

  /**
   * A section, rendered again only when something it shows has changed (outside review mode, which
   * compares with `previous` and shows comments). Scored without problems, what it shows follows from
   * its result — sheetScorer gives a section the same result object while none of its entries (nor its
   * gate) changed —, the language, the mode and who sees and edits what: typing in one item of 200
   * renders that item's section and the totals, and the other sections are not walked. With problems
   * (the result shown is then the last good one) every section is walked, each row still rendered
   * again only when what it shows has changed (#rowDeps).
   */
  #renderSection(section: Section, sheet: Sheet, result: SectionResult | undefined): unknown {
    if (this.mode === 'review') return this.#sectionTemplate(section, sheet, result, false);
    if (this.#stale) return this.#sectionTemplate(section, sheet, result, true);
    return guard([section, result, this.wordsKey, this.mode, this.#editing, this.editableItems, this.visibleItems],
      () => this.#sectionTemplate(section, sheet, result, true));
  }

  #sectionTemplate(section: Section, sheet: Sheet, result: SectionResult | undefined, guarded: boolean): TemplateResult {
    const shown = section.items.filter((item) => this.#isVisible(item));
    const items = new Map(result?.items.map((i) => [i.id, i]) ?? []);
    const locale = this.#speaks;
    // A section shown in part has no score of its own to show: the rest of it is not on this sheet.
    const whole = shown.length === section.items.length;
    const key = this.#keyOf(`section:${section.id}`);
    return html`
      <fieldset part="section" class="section" data-section=${section.id} ${cssProps({ '--_kaohe-section-items': String(section.items.length) })}>
        <legend part="section-legend">${section.label[locale]} <span class="muted">(${this.msg('points', { n: section.points })})</span></legend>
        ${section.gate ? this.#renderGate(section, sheet) : nothing}
        ${shown.map((item) => {
          const entry = sheet.entries[item.id];
          const render = () => this.#renderItem(section, item, entry, items.get(item.id));
          // a row renders again only when what it shows has changed (#rowDeps)
          return guarded ? guard(this.#rowDeps(item, entry, items.get(item.id)), render) : render();
        })}
        <p part="score section-score" class="score section-score" id=${`${key}-score`}>
          ${result && whole ? this.msg('sectionScore', { score: result.score, points: result.points }) : nothing}
          ${result?.floorApplied ? html` · <span part="floor" class="floor">${this.msg('floorApplied')}</span>` : nothing}
          ${result?.gateBreached ? html` · <strong class="voided">${this.msg('gateBreached')}</strong>` : nothing}
        </p>
        ${this.mode === 'review' ? this.#renderComments(section.id) : nothing}
      </fieldset>`;
  }

  #renderGate(section: Section, sheet: Sheet): TemplateResult {
    const gate = section.gate!;
    const key = this.#keyOf(gate.id);
    const entry = sheet.entries[gate.id];
    const editable = this.#canEditGate(section);
    const errors = this.#errorsOf(gate.id);
    return html`
      <fieldset part="gate" class="gate" data-item=${gate.id} ?disabled=${!editable} @focusout=${(e: FocusEvent) => this.#onFocusOut(gate.id, e)}>
        <legend>${this.msg('gate')} ${gate.id}</legend>
        <p part="rule" class="rule">${gate.label[this.#speaks]}</p>
        ${breachSwitch(`${key}-breached`, `${this.msg('breached')} (${gate.id})`, entry?.breached === true, errors.map((p) => p.messageId),
          (breached) => this.#setEntry(gate.id, breached ? { ...entry, breached } : { breached: false }))}
        ${errors.map((p) => html`<p id=${p.messageId} part="error" class="error">${this.#say(p, p.message)}</p>`)}
      </fieldset>`;
  }

  #employeeName(id: string): string {
    const person = this.directory?.people.find((p) => p.id === id);
    return person ? (person.number ? `${person.name} ${person.number}` : person.name) : id;
  }

  /**
   * What an item's row shows follows from these alone: the item, its entry (a new object once edited,
   * see #peek), its result (the scorer's same object while the item's entry is unchanged), its
   * problems (the same empty array when it has none), whether it may be edited, the language and the mode.
   */
  #rowDeps(item: Item, entry: Entry | undefined, result: ItemResult | undefined): unknown[] {
    return [item, entry, result, this.#errorsOf(item.id), this.#canEdit(item), this.wordsKey, this.mode];
  }

  #renderItem(section: Section, item: Item, entry: Entry | undefined, result: ItemResult | undefined): TemplateResult {
    const locale = this.#speaks;
    const key = this.#keyOf(item.id);
    const editable = this.#canEdit(item);
    const errors = this.#errorsOf(item.id);
    const changed = this.mode === 'review' && this.previous !== undefined
      && canonical(this.previous.entries?.[item.id] ?? null) !== canonical(entry ?? null);
    const ctx: ControlContext = {
      item,
      entry,
      key,
      editable,
      locale,
      errorIds: (field) => this.#errorIds(item.id, field),
      change: (next) => this.#setEntry(item.id, next),
      focusAfterRender: (id) => { this.#focusAfterRender = id; },
    };
    const deductsOnly = item.penaltyOnly || section.pooled;
    // The rule in words comes from the rule itself; a rubric's own description is shown beside it
    // only where it says more (a preset's "−5 each" would otherwise read twice).
    const ruleWords = describeRule(item, locale);
    const description = item.description?.[locale];
    const groups = item.groups.map((g) => assessingGroupLabels[g]?.[locale] ?? g).join(locale === 'en' ? ', ' : '、');
    return html`
      <fieldset part=${changed ? 'item item-changed' : 'item'} class=${changed ? 'item changed' : 'item'} data-item=${item.id}
        ?disabled=${!editable} aria-describedby=${`${key}-rule`} @focusout=${(e: FocusEvent) => this.#onFocusOut(item.id, e)}>
        <legend part="item-label" id=${`${key}-label`}>
          <span class="item-id">${item.id}</span> ${item.label[locale]}
          <span class="muted">(${deductsOnly ? (item.penaltyOnly ? this.msg('penaltyOnly') : this.msg('deductsFromSection')) : this.msg('points', { n: item.points })})</span>
          ${changed ? html`<span class="badge changed-badge" title=${this.msg('changedSince')}>${this.msg('changed')}</span>` : nothing}
        </legend>
        <p part="rule" class="rule" id=${`${key}-rule`}>${ruleWords}</p>
        ${description && description !== ruleWords ? html`<p class="description muted">${description}</p>` : nothing}
        ${groups ? html`<p class="groups muted">${this.msg('groups')}: ${groups}</p>` : nothing}
        <div class="controls">${renderItemControl(ctx)}</div>
        ${errors.map((p) => html`<p id=${p.messageId} part="error" class="error">${this.#say(p, p.message.includes(item.id) ? p.message : `${item.id}: ${p.message}`)}</p>`)}
        ${this.#renderItemScore(item, result, deductsOnly)}
        ${this.mode === 'review' ? this.#renderComments(item.id) : nothing}
      </fieldset>`;
  }

  #renderItemScore(item: Item, result: ItemResult | undefined, deductsOnly: boolean): TemplateResult | typeof nothing {
    if (!result) return nothing;
    const locale = this.#speaks;
    // Pooled and penalty-only items have no points of their own: what they show is what they take.
    const shown = result.status === 'notScored' ? this.msg('notScored') : deductsOnly ? result.score : this.msg('itemScore', { score: result.score, points: result.points });
    return html`
      <p part="score item-score" class="score item-score" data-item-score=${item.id}>
        ${this.msg('score')}: ${shown}
        ${result.floorApplied ? html` · <span part="floor" class="floor">${this.msg('floorApplied')}</span>` : nothing}
        ${result.flags.map((flag) => html` · <strong part="flag" class="flag">${flag.label[locale]}</strong>`)}
      </p>`;
  }

  #renderAttendance(sheet: Sheet): TemplateResult {
    const editable = this.#editing && (this.editsAttendance ?? this.editableItems === undefined);
    const errors = this.#errorsOf('attendance');
    const describedBy = ['absent-hint', ...errors.map((p) => p.messageId)].join(' ');
    const result = this.#result;
    return html`
      <fieldset part="section attendance" class="section attendance" ?disabled=${!editable}>
        <legend part="section-legend">${this.msg('attendance')}</legend>
        <div class="field" part="control">
          <label for="absent-days">${this.msg('absentDays')}</label>
          <input id="absent-days" type="text" inputmode="decimal" autocomplete="off" data-field="absentDays"
            @focusout=${(e: FocusEvent) => this.#onFocusOut('attendance', e)}
            .value=${sheet.attendance === undefined ? '' : String(sheet.attendance.absentDays)}
            aria-invalid=${ifDefined(errors.length > 0 ? 'true' : undefined)} aria-describedby=${describedBy}
            @input=${(e: Event) => {
              // Exactly what was typed goes to scoreSheet ("-1", "1,5"), so its words name the problem and the
              // field keeps the text: a text field, since a number field hides a partial or foreign entry as "".
              const value = (e.target as HTMLInputElement).value;
              this.#absentNode?.input(value.trim() === '' ? undefined : value, false);
            }}>
          <p id="absent-hint" class="muted hint">${this.msg('absentDaysHint')}</p>
        </div>
        ${errors.map((p) => html`<p id=${p.messageId} part="error" class="error">${this.#say(p, `${p.message} [${p.rule}]`)}</p>`)}
        ${result?.attendance != null ? html`<p part="score section-score" class="score section-score">${this.msg('attendance')}: ${result.attendance}</p>` : nothing}
      </fieldset>`;
  }

  #renderTotals(result: ScoreResult | null): TemplateResult {
    return html`
      <section part="score totals" class="totals" aria-labelledby="totals-heading">
        <h3 id="totals-heading" aria-level=${this.headingLevel + 1}>${this.msg('score')}</h3>
        <dl>
          <div><dt>${this.msg('work')}</dt><dd data-total="work">${result?.work ?? '—'}</dd></div>
          ${result?.attendance != null ? html`<div><dt>${this.msg('attendance')}</dt><dd data-total="attendance">${result.attendance}</dd></div>` : nothing}
          <div class="monthly"><dt>${this.msg('monthly')}</dt><dd data-total="monthly">${result?.monthly ?? '—'}</dd></div>
        </dl>
        ${this.#stale ? html`<p class="stale">${this.msg('scoresStale')}</p>` : nothing}
      </section>`;
  }

  /** The host's comments and the view's, signed for this reader in the form's language (TR-3: an anonymous rater by their step). */
  get #allComments(): ReviewComment[] {
    const fromView = (this.#view?.comments ?? []).map((c) => ({ at: c.at, by: commentSignature(c, this.#speaks), text: c.text }));
    return [...fromView, ...this.comments];
  }

  #renderComments(at: string): TemplateResult | typeof nothing {
    const comments = this.#allComments.filter((c) => c.at === at);
    if (comments.length === 0) return nothing;
    return html`<ul class="comments">${comments.map((c) => html`<li part="comment" class="comment"><strong>${this.msg('commentBy', { by: c.by })}</strong> ${c.text}</li>`)}</ul>`;
  }

  #renderGeneralComments(): TemplateResult | typeof nothing {
    const placed = new Set(this.#owners.keys());
    for (const section of this.#rubric?.sections ?? []) placed.add(section.id);
    const comments = this.#allComments.filter((c) => !placed.has(c.at));
    if (comments.length === 0) return nothing;
    return html`
      <section class="general-comments" aria-labelledby="comments-heading">
        <h3 id="comments-heading" aria-level=${this.headingLevel + 1}>${this.msg('comments')}</h3>
        <ul class="comments">${comments.map((c) => html`<li part="comment" class="comment"><strong>${this.msg('commentBy', { by: c.by })}</strong> ${c.text} <span class="muted">${formatDateTime(c.at, this.#speaks, this.#timeZone())}</span></li>`)}</ul>
      </section>`;
  }

  #renderSubmit(): TemplateResult {
    const blocked = this.#submitBlocked();
    const missing = this.#stillToScore();
    const showWhy = blocked && this.#submitted;
    return html`
      <div class="actions">
        ${showWhy ? html`
          <div part="problems" class="problems" id="submit-why">
            <p>${this.msg('submitBlocked')}</p>
            <ul>
              ${missing.length > 0 ? html`<li>${this.msg('stillToScore', { ids: this.#named(missing) })}</li>` : nothing}
              ${this.#problems.map((p) => html`<li>${this.#say(p, p.message)}</li>`)}
            </ul>
          </div>` : nothing}
        <button type="button" id="submit" part="submit" class="primary" aria-disabled=${blocked ? 'true' : 'false'}
          aria-describedby=${ifDefined(showWhy ? 'submit-why' : undefined)} @click=${() => this.#submit()}>${this.msg('submit')}</button>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kaohe-rubric-form': KaoheRubricForm;
  }
}
