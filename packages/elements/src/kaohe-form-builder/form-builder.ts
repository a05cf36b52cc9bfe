import {
  addItem, addRuleEntry, addSection, assessingGroupLabels, changeRuleKind, diffRubrics, emptyRubric, freeId, getAt, History, idsOf, loadRubric,
  moveItem, moveSection, removeItem, removeRuleEntry, removeSection, ruleKinds, setField, validateRubric, type ItemDraft, type ItemPosition,
  type Problem, type Rubric, type RubricChange, type RubricDraft, type RuleKind, type SectionDraft, type Sheet,
} from '@kaohe/scoring';
import { rubricPresetIds, rubricPresets } from '@kaohe/scoring/presets';
import { actionTarget } from './action-target.ts';
import type { RubricStore } from '@kaohe/store';
import { DEFAULT_TIME_ZONE, type Chain } from '@kaohe/workflow';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { formatDateTime } from '../base/date-format.ts';
import { downloadText } from '../base/download.ts';
import { KaoheElement } from '../base/kaohe-element.ts';
import { roleLabel } from '../base/role-labels.ts';
import { tokenStyles } from '../base/tokens.styles.ts';
import type { KaoheRubricForm, RubricFormMode } from '../kaohe-rubric-form/rubric-form.ts';
import { KaoheChainChangeEvent, KaoheRubricDraftChangeEvent, KaoheRubricPublishedEvent, KaoheRubricPublishRequestEvent } from './form-builder-events.ts';
import { styles } from './form-builder.styles.ts';
import { builderMsg, type BuilderMessageKey } from './form-builder-messages.ts';
import {
  checkboxField, errorsOf, idFor, labelFields, selectField, textField, valueOf, type FieldContext, type FieldKind,
} from './fields.ts';
import { ruleFields } from './rule-fields.ts';

/** Where a problem is shown: the field that edits its path, or the nearest container that holds it. */
export function problemTarget(draft: RubricDraft, path: string): string {
  if (path === '' || path === 'version' || path === '$schema') return '';
  if (/\.rule\.source$/.test(path)) return path.replace(/\.source$/, '.kind');
  if (path === 'composite') return 'composite.work';
  const value = getAt(draft, path);
  if (Array.isArray(value) || value === null || typeof value !== 'object') return path;
  if ('min' in value) return `${path}.min`;
  if (/\.rule$/.test(path)) return `${path}.kind`;
  if (/(label|description)$/.test(path)) return `${path}.zh-Hant`;
  return path;
}

function placeProblems(draft: RubricDraft, problems: readonly Problem[]): Map<string, Problem[]> {
  const placed = new Map<string, Problem[]>();
  for (const problem of problems) {
    const target = problemTarget(draft, problem.path);
    placed.set(target, [...(placed.get(target) ?? []), problem]);
  }
  return placed;
}

const draftKey = (role: string) => `kaohe.form-builder.draft.${role}`;
const sampleSheetOf = (rubric: Rubric, entries: Sheet['entries']): Sheet => ({
  rubric: rubric.id, rubricVersion: rubric.version, employee: 'sample', period: '2026-01', attendance: { absentDays: '0' }, entries,
});

interface Dragging {
  kind: 'section' | 'item';
  section: number;
  item: number;
}

/**
 * @customElement kaohe-form-builder
 * HR's editor of a role's rubric and review chain: sections and items, every rule kind with its
 * parameters, labels in three languages; reorder by drag or keyboard; undo and redo; validation at
 * the field from `validateRubric`; a live preview in `kaohe-rubric-form`; drafts, published
 * versions (immutable, in the store) and what changed between them; JSON import and export.
 *
 * Every change goes through the pure operations of @kaohe/scoring's builder; the element renders
 * the draft and forwards intent.
 *
 * @fires kaohe-rubric-draft-change - KaoheRubricDraftChangeEvent: the draft changed through the user
 * @fires kaohe-rubric-publish-request - KaoheRubricPublishRequestEvent, cancelable: about to store a version
 * @fires kaohe-rubric-published - KaoheRubricPublishedEvent: a version was stored
 * @fires kaohe-chain-change - KaoheChainChangeEvent (from the chain editor inside)
 *
 * @csspart builder - the whole builder
 * @csspart toolbar - undo, redo and the draft buttons
 * @csspart editor - the rubric editor column
 * @csspart problems - the summary of problems, with links to the fields
 * @csspart rubric-settings - the rubric's own fields
 * @csspart section - a section's fieldset
 * @csspart item - an item's fieldset
 * @csspart reorder - an item's or section's move buttons; `drag-handle` the handle for dragging
 * @csspart drop-target - the item or section a dragged one would land on
 * @csspart field - a label with its input; `input` every input; `error` a field's problems; `labels` a three-language label
 * @csspart rule-entries - a rule's cases, levels or steps; `rule-entry` one of them
 * @csspart button - every button
 * @csspart preview - the live preview
 * @csspart versions - drafts, publishing and comparing versions; `changes` the list of changes
 * @csspart import - import and export; `import-problems` the problems of a refused import
 * @csspart chain - the chain editor
 * @csspart status - the live region that announces moves and results
 */
export class KaoheFormBuilder extends KaoheElement {
  static override styles = [tokenStyles, styles];

  /**
   * The role whose rubric and chain are edited (salesperson, fieldService …). Not `role`: that is
   * the host's ARIA role.
   */
  @property({ attribute: 'role-id', reflect: true }) roleId = '';

  /** Where versions are published (putRubric) and read back: a KaoheStore, or with a server its rubric routes. Without one only drafts are kept. */
  @property({ attribute: false }) store: RubricStore | undefined;

  /** The review chain of the role, edited beside the rubric. */
  @property({ attribute: false }) chain: Chain | undefined;

  /** How the preview shows the rubric: as the assessor scoring a sample sheet, or read-only. */
  @property({ attribute: 'preview-mode' }) previewMode: Extract<RubricFormMode, 'edit' | 'readonly'> = 'edit';

  /** The company's IANA time zone (WorkCalendar.timeZone): the time a draft was saved is told on its clock. Default UTC. */
  @property({ attribute: 'time-zone' }) timeZone: string | undefined;

  /** How many undo steps are kept. */
  @property({ type: Number, attribute: 'history-limit' }) historyLimit = 200;

  @state() private announcement = '';
  @state() private status = '';
  @state() private versions: number[] = [];
  @state() private importProblems: Problem[] = [];
  @state() private changes: { heading: string; list: RubricChange[] } | undefined;
  @state() private dropTarget: string | undefined;

  #history: History<RubricDraft> = new History(emptyRubric(''), { limit: 200 });
  #touched = false;
  #checkedFor: RubricDraft | undefined;
  #checked: ReturnType<typeof validateRubric> | undefined;
  #placed = new Map<string, Problem[]>();
  #previewFor: Rubric | undefined;
  #previewSheet: Sheet | undefined;
  #sampleEntries: Sheet['entries'] = {};
  #focusAfterUpdate: string | undefined;
  #dragging: Dragging | undefined;
  #versionsFor: string | undefined;

  /** the draft object last handed in from outside */
  #givenDraft: RubricDraft | undefined;

  /** The rubric as being edited: authored input, possibly invalid. Setting it starts a new history. */
  @property({ attribute: false })
  get draft(): RubricDraft {
    return this.#history.present;
  }

  set draft(value: RubricDraft) {
    // A lit host hands the same draft again on each of its renders: that must not wipe the edits and their history (issue 16).
    if (value === this.#givenDraft || value === this.#history.present) return;
    this.#givenDraft = value;
    const old = this.#history.present;
    this.#history = new History(structuredClone(value), { limit: this.historyLimit });
    this.#touched = true;
    this.requestUpdate('draft', old);
  }

  /** The draft as a valid rubric, or undefined while it has problems. */
  get validRubric(): Rubric | undefined {
    const checked = this.#validation();
    return checked.ok ? checked.value : undefined;
  }

  /** What validateRubric reports for the draft (errors; O-1 warnings when the rubric asks for them). */
  get problems(): readonly Problem[] {
    const checked = this.#validation();
    return checked.ok ? [] : checked.problems;
  }

  get warnings(): readonly Problem[] {
    const checked = this.#validation();
    return checked.ok ? checked.warnings : [];
  }

  get canUndo(): boolean { return this.#history.canUndo; }
  get canRedo(): boolean { return this.#history.canRedo; }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.#touched) this.#history = new History(emptyRubric(this.roleId), { limit: this.historyLimit });
    this.addEventListener('keydown', this.#onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.#onKeydown);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('roleId') && !this.#touched) this.#history = new History(emptyRubric(this.roleId), { limit: this.historyLimit });
    const id = this.draft.id;
    if ((changed.has('store') || id !== this.#versionsFor) && this.store) void this.refreshVersions();
  }

  protected override updated(): void {
    if (this.#focusAfterUpdate) {
      const target = this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(this.#focusAfterUpdate)}`);
      this.#focusAfterUpdate = undefined;
      target?.focus();
    }
  }

  // ---- editing: every change is one pure operation pushed on the history ----

  #commit(next: RubricDraft, coalesce?: string): void {
    if (next === this.draft) return;
    this.#history.push(next, coalesce ? { coalesce } : {});
    this.#touched = true;
    this.#changed();
  }

  #changed(): void {
    this.requestUpdate();
    this.dispatchEvent(new KaoheRubricDraftChangeEvent(this.draft, this.problems));
  }

  /** Sets one field by the path validateRubric uses; `undefined` removes an optional one. */
  setField(path: string, value: unknown, options: { coalesce?: boolean } = {}): void {
    this.#commit(setField(this.draft, path, value), options.coalesce ? path : undefined);
  }

  addSection(): void {
    this.#commit(addSection(this.draft));
    const s = this.draft.sections.length - 1;
    this.#focusAfterUpdate = idFor(`sections[${s}].id`);
    this.#announce(builderMsg('added', this.locale, { name: this.#sectionName(s) }));
  }

  addItem(section: number): void {
    this.#commit(addItem(this.draft, section));
    const i = (this.draft.sections[section]?.items.length ?? 1) - 1;
    this.#focusAfterUpdate = idFor(`sections[${section}].items[${i}].id`);
    this.#announce(builderMsg('added', this.locale, { name: this.draft.sections[section]?.items[i]?.id ?? '' }));
  }

  removeSection(section: number): void {
    const name = this.#sectionName(section);
    this.#commit(removeSection(this.draft, section));
    this.#announce(builderMsg('removed', this.locale, { name }));
  }

  removeItem(position: ItemPosition): void {
    const name = this.draft.sections[position.section]?.items[position.item]?.id ?? '';
    this.#commit(removeItem(this.draft, position));
    this.#announce(builderMsg('removed', this.locale, { name }));
  }

  setRuleKind(position: ItemPosition, kind: RuleKind): void {
    this.#commit(changeRuleKind(this.draft, position, kind));
  }

  /** Moves a section; announces where it landed. */
  moveSection(from: number, to: number): void {
    const next = moveSection(this.draft, from, to);
    if (next === this.draft) return;
    this.#commit(next);
    const at = Math.max(0, Math.min(to, this.draft.sections.length - 1));
    this.#announce(builderMsg('moved', this.locale, {
      name: this.#sectionName(at), n: at + 1, total: this.draft.sections.length, where: builderMsg('sections', this.locale),
    }));
  }

  /** Moves an item (within its section or into another); announces where it landed. */
  moveItem(from: ItemPosition, to: ItemPosition): void {
    const next = moveItem(this.draft, from, to);
    if (next === this.draft) return;
    this.#commit(next);
    const items = this.draft.sections[to.section]?.items ?? [];
    const at = Math.max(0, Math.min(to.item, items.length - 1));
    this.#announce(builderMsg('moved', this.locale, {
      name: items[at]?.id ?? '', n: at + 1, total: items.length, where: this.#sectionName(to.section),
    }));
  }

  undo(): boolean {
    const done = this.#history.undo() !== undefined;
    this.#announce(builderMsg(done ? 'undone' : 'nothingToUndo', this.locale));
    if (done) this.#changed();
    return done;
  }

  redo(): boolean {
    const done = this.#history.redo() !== undefined;
    this.#announce(builderMsg(done ? 'redone' : 'nothingToRedo', this.locale));
    if (done) this.#changed();
    return done;
  }

  /** Starts from a preset of @kaohe/scoring: a copy, since presets are frozen and shared. Undoable. */
  startFromPreset(id: string): void {
    const preset = rubricPresets[id];
    if (!preset) return;
    this.#commit(structuredClone(preset) as RubricDraft);
    this.#history.seal();
    this.#status(builderMsg('presetLoaded', this.locale, { id }));
  }

  // ---- import and export ----

  /**
   * Replaces the draft with the rubric in `json` when it is valid; otherwise lists every problem
   * (path, rule, message) and replaces nothing. Returns the problems.
   */
  importJson(json: string): Problem[] {
    let input: unknown;
    try {
      input = JSON.parse(json);
    } catch (error) {
      this.importProblems = [{ path: '', rule: 'json', message: builderMsg('notJson', this.locale, { message: (error as Error).message }) }];
      this.#status(builderMsg('importFailed', this.locale, { n: 1 }));
      return this.importProblems;
    }
    const checked = validateRubric(input);
    if (!checked.ok) {
      this.importProblems = checked.problems;
      this.#status(builderMsg('importFailed', this.locale, { n: checked.problems.length }));
      return checked.problems;
    }
    this.importProblems = [];
    this.#commit(input as RubricDraft);
    this.#history.seal();
    this.#status(builderMsg('imported', this.locale, { id: checked.value.id }));
    return [];
  }

  exportJson(): string {
    return `${JSON.stringify(this.draft, null, 2)}\n`;
  }

  // ---- drafts and versions ----

  /** Keeps the draft (and chain) in this browser's localStorage, per role. */
  saveDraft(): void {
    const savedAt = new Date().toISOString();
    localStorage.setItem(draftKey(this.roleId), JSON.stringify({ draft: this.draft, chain: this.chain, savedAt }));
    this.#status(builderMsg('draftSaved', this.locale, { at: formatDateTime(savedAt, this.locale, this.timeZone ?? DEFAULT_TIME_ZONE) }));
  }

  /** Brings back the draft saved for this role; undoable. Returns false when there is none. */
  restoreDraft(): boolean {
    const saved = localStorage.getItem(draftKey(this.roleId));
    if (!saved) {
      this.#status(builderMsg('noSavedDraft', this.locale));
      return false;
    }
    const { draft, chain } = JSON.parse(saved) as { draft: RubricDraft; chain?: Chain };
    this.#commit(draft);
    this.#history.seal();
    if (chain) this.chain = chain;
    this.#status(builderMsg('draftRestored', this.locale));
    return true;
  }

  /** The versions of the draft's rubric id in the store, ascending. */
  async refreshVersions(): Promise<number[]> {
    const id = this.draft.id;
    this.#versionsFor = id;
    const versions = this.store && id ? await this.store.listRubricVersions(id) : [];
    if (this.#versionsFor === id) this.versions = versions;
    return versions;
  }

  /** The version a publish would store now: one above the highest stored. */
  get nextVersion(): number {
    return (this.versions.at(-1) ?? 0) + 1;
  }

  /**
   * Stores the draft as a new version (one above the highest stored; stored versions are never
   * overwritten, so appraisals pinned to them keep their rubric). Resolves to the stored rubric, or
   * undefined when the draft has problems, no store is set, or the host vetoed it.
   */
  async publish(): Promise<Rubric | undefined> {
    const checked = this.#validation();
    if (!checked.ok) {
      this.#status(builderMsg('publishBlocked', this.locale));
      this.#focusFirstProblem();
      return undefined;
    }
    if (!this.store) {
      this.#status(builderMsg('noStore', this.locale));
      return undefined;
    }
    try {
      const versions = await this.store.listRubricVersions(checked.value.id);
      const version = (versions.at(-1) ?? 0) + 1;
      const rubric = loadRubric({ ...this.draft, version });
      const request = new KaoheRubricPublishRequestEvent(rubric, this.chain);
      if (!this.dispatchEvent(request)) {
        this.#status(builderMsg('publishVetoed', this.locale));
        return undefined;
      }
      const stored = await this.store.putRubric(rubric);
      this.#commit(setField(this.draft, 'version', version));
      this.#history.seal();
      await this.refreshVersions();
      this.#status(builderMsg('published', this.locale, { n: version }));
      this.dispatchEvent(new KaoheRubricPublishedEvent(stored, this.chain));
      return stored;
    } catch (error) {
      this.#status(builderMsg('publishFailed', this.locale, { message: (error as Error).message }));
      return undefined;
    }
  }

  /** What changed from `from` to `to` (stored version numbers, or 'draft'), in words. */
  async compareVersions(from: number | 'draft', to: number | 'draft'): Promise<RubricChange[]> {
    const read = async (v: number | 'draft') => (v === 'draft' ? this.draft : await this.store?.getRubric(this.draft.id, v));
    const [a, b] = await Promise.all([read(from), read(to)]);
    if (!a || !b) return [];
    const name = (v: number | 'draft') => (v === 'draft' ? builderMsg('thisDraft', this.locale) : builderMsg('versionN', this.locale, { n: v }));
    const list = diffRubrics(a, b, this.locale);
    this.changes = { heading: builderMsg('changes', this.locale, { from: name(from), to: name(to) }), list };
    return list;
  }

  /** Continues editing from a stored version (publishing it again makes the next version). */
  async editFromVersion(version: number): Promise<void> {
    const stored = await this.store?.getRubric(this.draft.id, version);
    if (!stored) return;
    this.#commit(structuredClone(stored) as RubricDraft);
    this.#history.seal();
    this.#status(builderMsg('editingFrom', this.locale, { n: version }));
  }

  // ---- internals ----

  #validation(): ReturnType<typeof validateRubric> {
    if (this.#checkedFor !== this.draft || !this.#checked) {
      this.#checked = validateRubric(this.draft);
      this.#checkedFor = this.draft;
      this.#placed = placeProblems(this.draft, this.#checked.ok ? this.#checked.warnings : this.#checked.problems);
    }
    return this.#checked;
  }

  #announce(text: string): void {
    // The same words twice in a row must still be spoken: clear first, then set on the next frame.
    this.announcement = '';
    requestAnimationFrame(() => { this.announcement = text; });
  }

  #status(text: string): void {
    this.status = text;
  }

  #sectionName(s: number): string {
    const section = this.draft.sections[s];
    return section ? (section.label?.[this.locale] || section.id) : '';
  }

  #focusFirstProblem(): void {
    const first = this.problems[0];
    if (first) this.#focusAfterUpdate = idFor(problemTarget(this.draft, first.path));
    this.requestUpdate();
  }

  #t = (key: BuilderMessageKey, params?: Record<string, string | number>) => builderMsg(key, this.locale, params);

  #ctx(): FieldContext {
    this.#validation();
    return { locale: this.locale, problemsAt: (path) => this.#placed.get(path) ?? [] };
  }

  #positionOf(el: Element): { section: number; item?: number } | undefined {
    const holder = el.closest<HTMLElement>('[data-section-index]');
    if (!holder) return undefined;
    const section = Number(holder.dataset.sectionIndex);
    const itemHolder = el.closest<HTMLElement>('[data-item-index]');
    return itemHolder ? { section, item: Number(itemHolder.dataset.itemIndex) } : { section };
  }

  #onInput = (event: Event) => {
    const input = event.composedPath()[0];
    if (!(input instanceof HTMLInputElement || input instanceof HTMLSelectElement)) return;
    // only the builder's own fields: the preview and the chain editor have shadow roots of their own
    if (input.getRootNode() !== this.renderRoot || input.type === 'file' || input.closest('[data-not-draft]')) return;
    const path = input.dataset.path;
    const kind = input.dataset.kind as FieldKind | undefined;
    if (path === undefined || !kind) return;
    const action = input.dataset.action;
    // text inputs report on `input`; checkboxes and selects on `change`
    const typed = input instanceof HTMLInputElement && input.type === 'text';
    if (typed !== (event.type === 'input')) return;
    if (action) {
      this.#onAction(action, input, path);
      return;
    }
    if (input.dataset.kind === 'select' && /\.rule\.kind$/.test(path)) return;
    let next = setField(this.draft, path, valueOf(kind, input));
    if (kind === 'optional-label') {
      // an optional label (the rule in words) either has all three languages or is left out
      const parent = path.replace(/\.[^.]+$/, '');
      const label = getAt(next, parent) as Record<string, string> | undefined;
      if (label && Object.values(label).every((text) => !text)) next = setField(next, parent, undefined);
    }
    this.#commit(next, typed ? path : undefined);
  };

  #onAction(action: string, input: HTMLInputElement | HTMLSelectElement, path: string): void {
    const checked = input instanceof HTMLInputElement && input.checked;
    const position = this.#positionOf(input);
    switch (action) {
      case 'rule-kind':
        if (position?.item !== undefined) this.setRuleKind({ section: position.section, item: position.item }, input.value as RuleKind);
        return;
      case 'floor-null':
        this.#commit(setField(this.draft, path, checked ? null : '0'));
        return;
      case 'gate': {
        const gate = { id: freeId(idsOf(this.draft), 'gate'), label: { 'zh-Hant': '', 'zh-Hans': '', en: '' } };
        this.#commit(setField(this.draft, path, checked ? gate : undefined));
        return;
      }
      case 'flag':
        this.#commit(setField(this.draft, path, checked ? { code: '', label: { 'zh-Hant': '', 'zh-Hans': '', en: '' } } : undefined));
        return;
      case 'deduct-kind': {
        const current = getAt(this.draft, path);
        const fixed = typeof current === 'object' && current ? String((current as { min: unknown }).min) : String(current ?? '1');
        this.#commit(setField(this.draft, path, input.value === 'range' ? { min: fixed, max: fixed } : fixed));
        return;
      }
      case 'group': {
        const group = input.dataset.group ?? '';
        const groups = ((getAt(this.draft, path) as string[] | undefined) ?? []).filter((g) => g !== group);
        this.#commit(setField(this.draft, path, checked ? [...groups, group] : groups));
        return;
      }
      case 'composite-kind':
        this.#commit(setField(this.draft, path, input.value === 'workOnly' ? { kind: 'workOnly' } : { kind: 'workAttendance', work: '0.7', attendance: '0.3' }));
        return;
    }
  }

  #onClick = (event: Event) => {
    const button = actionTarget(event, this.renderRoot);
    if (!button) return;
    const position = this.#positionOf(button);
    const item = position?.item !== undefined ? { section: position.section, item: position.item } : undefined;
    switch (button.dataset.action) {
      case 'undo': this.undo(); break;
      case 'redo': this.redo(); break;
      case 'add-section': this.addSection(); break;
      case 'add-item': if (position) this.addItem(position.section); break;
      case 'remove-section': if (position) this.removeSection(position.section); break;
      case 'remove-item': if (item) this.removeItem(item); break;
      case 'move-up':
      case 'move-down': this.#moveByKey(button, button.dataset.action === 'move-up' ? -1 : 1); break;
      case 'add-rule-entry': if (item) this.#commit(addRuleEntry(this.draft, item)); break;
      case 'remove-rule-entry': if (item) this.#commit(removeRuleEntry(this.draft, item, Number(button.dataset.index))); break;
      case 'save-draft': this.saveDraft(); break;
      case 'restore-draft': this.restoreDraft(); break;
      case 'publish': void this.publish(); break;
      case 'compare': void this.#compareChosen(); break;
      case 'edit-from': void this.#editFromChosen(); break;
      case 'preset': this.startFromPreset(this.#chosen('preset')); break;
      case 'export': this.#download(); break;
    }
  };

  #chosen(name: string): string {
    return this.renderRoot.querySelector<HTMLSelectElement>(`select[name="${name}"]`)?.value ?? '';
  }

  async #compareChosen(): Promise<void> {
    const parse = (v: string) => (v === 'draft' ? 'draft' as const : Number(v));
    await this.compareVersions(parse(this.#chosen('compare-from')), parse(this.#chosen('compare-to')));
  }

  async #editFromChosen(): Promise<void> {
    const from = this.#chosen('compare-from');
    if (from && from !== 'draft') await this.editFromVersion(Number(from));
  }

  #download(): void {
    const file = `${this.draft.id || this.roleId || 'rubric'}-v${this.draft.version}.json`;
    downloadText(this.renderRoot, this.exportJson(), file, 'application/json');
    this.#status(builderMsg('exported', this.locale, { file }));
  }

  async #onImportFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    this.importJson(await file.text());
    input.value = '';
  }

  /** Move buttons and Alt+Arrow: the moved item (or section) keeps the focus where it was inside it. */
  #moveByKey(from: Element, delta: -1 | 1): void {
    const position = this.#positionOf(from);
    if (!position) return;
    const focused = (this.renderRoot as ShadowRoot).activeElement ?? from;
    if (position.item !== undefined) {
      const to = position.item + delta;
      const items = this.draft.sections[position.section]?.items.length ?? 0;
      if (to < 0 || to >= items) return;
      const oldPrefix = idFor(`sections[${position.section}].items[${position.item}]`);
      const newPrefix = idFor(`sections[${position.section}].items[${to}]`);
      this.moveItem({ section: position.section, item: position.item }, { section: position.section, item: to });
      this.#focusAfterUpdate = this.#followFocus(focused, oldPrefix, newPrefix, delta, to === 0 || to === items - 1);
    } else {
      const to = position.section + delta;
      if (to < 0 || to >= this.draft.sections.length) return;
      const oldPrefix = idFor(`sections[${position.section}]`);
      const newPrefix = idFor(`sections[${to}]`);
      this.moveSection(position.section, to);
      this.#focusAfterUpdate = this.#followFocus(focused, oldPrefix, newPrefix, delta, to === 0 || to === this.draft.sections.length - 1);
    }
  }

  #followFocus(focused: Element, oldPrefix: string, newPrefix: string, delta: -1 | 1, atEdge: boolean): string {
    let id = focused.id.startsWith(oldPrefix) ? newPrefix + focused.id.slice(oldPrefix.length) : `${newPrefix}-${delta < 0 ? 'up' : 'down'}`;
    // a move button that is now disabled (the item reached the edge) cannot hold the focus: its twin can
    if (atEdge && /-(up|down)$/.test(id)) id = id.replace(/-(up|down)$/, delta < 0 ? '-down' : '-up');
    return id;
  }

  #onKeydown = (event: KeyboardEvent) => {
    const origin = event.composedPath()[0] as Element;
    // the preview and the chain editor keep their own keys (and their inputs their own undo)
    if (origin !== this && origin.getRootNode?.() !== this.renderRoot) return;
    const key = event.key.toLowerCase();
    if ((event.ctrlKey || event.metaKey) && !event.altKey) {
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        this.undo();
      } else if (key === 'y' || (key === 'z' && event.shiftKey)) {
        event.preventDefault();
        this.redo();
      }
      return;
    }
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      if (!origin.closest?.('[data-section-index]')) return;
      event.preventDefault();
      this.#moveByKey(origin, event.key === 'ArrowUp' ? -1 : 1);
    }
  };

  // ---- drag and drop (HTML5); the move buttons and Alt+Arrow do the same from the keyboard ----

  #onDragStart = (event: DragEvent) => {
    const handle = (event.composedPath()[0] as Element).closest?.<HTMLElement>('[data-drag]');
    const position = handle && this.#positionOf(handle);
    if (!handle || !position) return;
    const kind = handle.dataset.drag === 'section' ? 'section' : 'item';
    this.#dragging = { kind, section: position.section, item: position.item ?? -1 };
    event.dataTransfer?.setData('text/plain', kind === 'item' ? this.draft.sections[position.section]?.items[position.item ?? 0]?.id ?? '' : this.draft.sections[position.section]?.id ?? '');
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
  };

  #dropPosition(event: DragEvent): { section: number; item?: number } | undefined {
    const dragging = this.#dragging;
    if (!dragging) return undefined;
    const over = this.#positionOf(event.composedPath()[0] as Element);
    if (!over) return undefined;
    if (dragging.kind === 'section') return { section: over.section };
    // dropped on a section but not on an item: to the end of that section
    return { section: over.section, item: over.item ?? this.draft.sections[over.section]?.items.length ?? 0 };
  }

  #onDragOver = (event: DragEvent) => {
    const target = this.#dropPosition(event);
    if (!target) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    const key = target.item === undefined || this.#dragging?.kind === 'section' ? `s${target.section}` : `s${target.section}i${target.item}`;
    if (this.dropTarget !== key) this.dropTarget = key;
  };

  #onDrop = (event: DragEvent) => {
    const target = this.#dropPosition(event);
    const dragging = this.#dragging;
    this.#dragging = undefined;
    this.dropTarget = undefined;
    if (!target || !dragging) return;
    event.preventDefault();
    if (dragging.kind === 'section') this.moveSection(dragging.section, target.section);
    else {
      let to = target.item ?? 0;
      // dropping past the end of the item's own section: it has one item fewer once lifted out
      if (target.section === dragging.section && to >= (this.draft.sections[target.section]?.items.length ?? 0)) to -= 1;
      this.moveItem({ section: dragging.section, item: dragging.item }, { section: target.section, item: to });
    }
  };

  #onDragEnd = () => {
    this.#dragging = undefined;
    this.dropTarget = undefined;
  };

  #onPreviewChange = (event: Event) => {
    const form = event.target as KaoheRubricForm;
    this.#sampleEntries = form.sheet.entries;
  };

  #onChainChange = (event: KaoheChainChangeEvent) => {
    this.chain = event.chain;
  };

  // ---- rendering ----

  protected override render(): TemplateResult {
    const ctx = this.#ctx();
    const t = this.#t;
    return html`<div class="builder" part="builder"
        @input=${this.#onInput} @change=${this.#onInput} @click=${this.#onClick}
        @dragstart=${this.#onDragStart} @dragover=${this.#onDragOver} @drop=${this.#onDrop} @dragend=${this.#onDragEnd}>
      <header class="header">
        <h2>${this.roleId ? t('builderFor', { role: roleLabel(this.roleId, this.locale) }) : t('builder')}</h2>
        <div class="toolbar" part="toolbar" role="toolbar" aria-label=${t('toolbar')}>
          <button type="button" part="button" data-action="undo" aria-keyshortcuts="Control+Z" ?disabled=${!this.canUndo}>${t('undo')}</button>
          <button type="button" part="button" data-action="redo" aria-keyshortcuts="Control+Y Control+Shift+Z" ?disabled=${!this.canRedo}>${t('redo')}</button>
          <button type="button" part="button" data-action="save-draft">${t('saveDraft')}</button>
          <button type="button" part="button" data-action="restore-draft">${t('restoreDraft')}</button>
        </div>
      </header>
      <p class="status" part="status" role="status">${this.status}</p>
      <div class="visually-hidden" aria-live="polite" aria-atomic="true" data-live>${this.announcement}</div>
      <div class="layout">
        <div class="editor" part="editor">
          ${this.#renderProblems()}
          ${this.#renderRubricFields(ctx)}
          ${this.#renderSections(ctx)}
        </div>
        <aside class="side">
          ${this.#renderPreview()}
          ${this.#renderVersions()}
          ${this.#renderImport()}
        </aside>
      </div>
      <section class="chain" part="chain" aria-labelledby="chain-heading" data-not-draft>
        <h3 id="chain-heading">${t('chain')}</h3>
        <kaohe-chain-editor locale=${this.locale} .chain=${this.chain} @kaohe-chain-change=${this.#onChainChange}></kaohe-chain-editor>
      </section>
    </div>`;
  }

  #renderProblems(): TemplateResult {
    const t = this.#t;
    const problems = this.problems;
    const warnings = this.warnings;
    const link = (p: Problem) => {
      const target = problemTarget(this.draft, p.path);
      const text = html`<code>${p.path || '—'}</code> <span class="rule">${p.rule}</span>: ${p.message}`;
      return html`<li>${target === '' ? text : html`<a href=${`#${idFor(target)}`} data-focus=${idFor(target)}>${text}</a>`}</li>`;
    };
    return html`<section class="problems" part="problems" aria-labelledby="problems-heading">
      <h3 id="problems-heading">${problems.length ? t('problems', { n: problems.length }) : t('valid')}</h3>
      ${problems.length ? html`<ul>${problems.map(link)}</ul>` : nothing}
      ${warnings.length ? html`<h4>${t('warnings')}</h4><ul>${warnings.map(link)}</ul>` : nothing}
    </section>`;
  }

  #renderRubricFields(ctx: FieldContext): TemplateResult {
    const t = this.#t;
    const d = this.draft;
    const composite = d.composite ?? { kind: 'workAttendance' as const };
    const settings = d.settings ?? {};
    return html`<fieldset class="rubric" part="rubric-settings">
      <legend>${t('rubric')}</legend>
      <div class="row">
        ${textField(ctx, 'id', d.id, t('id'), { size: 'short' })}
        ${textField(ctx, 'role', d.role, t('role'), { size: 'short' })}
        <div class="field short" part="field"><span class="label">${t('version')}</span><output>${d.version}</output></div>
        ${textField(ctx, 'scale', d.scale ?? '100', t('scale'), { kind: 'amount' })}
      </div>
      ${labelFields(ctx, 'label', d.label, t('name'))}
      ${textField(ctx, 'source', d.source, t('source'), { kind: 'optional-text' })}
      <fieldset><legend>${t('composite')}</legend>
        ${selectField(ctx, 'composite', composite.kind, t('composite'),
          (['workAttendance', 'workOnly'] as const).map((k) => [k, t(`composite.${k}`)] as const), { action: 'composite-kind' })}
        ${composite.kind === 'workAttendance' ? html`<div class="row">
          ${textField(ctx, 'composite.work', composite.work ?? '0.7', t('workWeight'), { kind: 'amount' })}
          ${textField(ctx, 'composite.attendance', composite.attendance ?? '0.3', t('attendanceWeight'), { kind: 'amount' })}
        </div>` : nothing}
        ${errorsOf(ctx, 'composite')}
      </fieldset>
      <fieldset><legend>${t('attendance')}</legend><div class="row">
        ${textField(ctx, 'attendance.full', d.attendance?.full ?? '100', t('attendanceFull'), { kind: 'amount' })}
        ${textField(ctx, 'attendance.perAbsentDay', d.attendance?.perAbsentDay ?? '4', t('perAbsentDay'), { kind: 'amount' })}
        ${selectField(ctx, 'attendance.partialDay', d.attendance?.partialDay ?? 'whole', t('partialDay'),
          (['whole', 'exact'] as const).map((k) => [k, t(`partialDay.${k}`)] as const))}
      </div></fieldset>
      <fieldset><legend>${t('settings')}</legend>
        ${selectField(ctx, 'settings.scaleMismatch', settings.scaleMismatch ?? 'error', t('scaleMismatch'),
          (['error', 'warning'] as const).map((k) => [k, t(`scaleMismatch.${k}`)] as const))}
        <div class="row">
          ${textField(ctx, 'settings.repeatDoubling.lookbackMonths', settings.repeatDoubling?.lookbackMonths ?? 1, t('lookbackMonths'), { kind: 'int' })}
          ${textField(ctx, 'settings.scoreDecimals', settings.scoreDecimals ?? 2, t('scoreDecimals'), { kind: 'int' })}
        </div>
        ${checkboxField(ctx, 'settings.repeatDoubling.compound', settings.repeatDoubling?.compound ?? false, t('compound'))}
        ${checkboxField(ctx, 'settings.rangedReasonRequired', settings.rangedReasonRequired ?? true, t('rangedReasonRequired'))}
      </fieldset>
    </fieldset>`;
  }

  #renderSections(ctx: FieldContext): TemplateResult {
    const t = this.#t;
    const sections = this.draft.sections;
    return html`<section class="sections" aria-labelledby="sections-heading">
      <h3 id="sections-heading">${t('sections')}</h3>
      <p class="hint" id="reorder-hint">${t('reorderHint')}</p>
      <div id=${idFor('sections')} tabindex="-1" class="container">${errorsOf(ctx, 'sections')}</div>
      ${sections.map((section, s) => this.#renderSection(ctx, section, s))}
      <button type="button" part="button" data-action="add-section">${t('addSection')}</button>
    </section>`;
  }

  #reorder(kind: 'section' | 'item', path: string, name: string, index: number, count: number): TemplateResult {
    const t = this.#t;
    const id = idFor(path);
    return html`<div class="reorder" part="reorder">
      <span class="handle" part="drag-handle" draggable="true" data-drag=${kind} title=${t('dragHandle', { name })} aria-hidden="true">⠿</span>
      <button type="button" part="button" id=${`${id}-up`} data-action="move-up" aria-label=${t('moveUp', { name })} aria-describedby="reorder-hint" ?disabled=${index === 0}>↑</button>
      <button type="button" part="button" id=${`${id}-down`} data-action="move-down" aria-label=${t('moveDown', { name })} aria-describedby="reorder-hint" ?disabled=${index === count - 1}>↓</button>
      <button type="button" part="button" id=${`${id}-remove`} data-action=${`remove-${kind}`} aria-label=${t('remove', { name })}>×</button>
    </div>`;
  }

  #renderSection(ctx: FieldContext, section: SectionDraft, s: number): TemplateResult {
    const t = this.#t;
    const path = `sections[${s}]`;
    const name = section.label?.[this.locale] || section.id || String(s + 1);
    const floor = section.floor === undefined ? '0' : section.floor;
    const dropping = this.dropTarget === `s${s}`;
    return html`<fieldset class="section" part=${dropping ? 'section drop-target' : 'section'} id=${idFor(path)} tabindex="-1"
        data-section-index=${s}>
      <legend>${t('sectionN', { n: s + 1, name })}</legend>
      ${this.#reorder('section', path, name, s, this.draft.sections.length)}
      ${errorsOf(ctx, path)}
      <div class="row">
        ${textField(ctx, `${path}.id`, section.id, t('id'), { size: 'short' })}
        ${textField(ctx, `${path}.points`, section.points, t('points'), { kind: 'amount' })}
        ${textField(ctx, `${path}.floor`, floor ?? '', t('floor'), { kind: 'amount', disabled: floor === null })}
      </div>
      ${checkboxField(ctx, `${path}.floor`, floor === null, t('noFloor'), { action: 'floor-null', idSuffix: 'none' })}
      ${labelFields(ctx, `${path}.label`, section.label, t('name'))}
      ${checkboxField(ctx, `${path}.pooled`, section.pooled ?? false, t('pooled'))}
      ${checkboxField(ctx, `${path}.gate`, section.gate !== undefined, t('hasGate'), { action: 'gate' })}
      ${section.gate ? html`<fieldset class="gate"><legend>${t('gate')}</legend>
        ${textField(ctx, `${path}.gate.id`, section.gate.id, t('id'), { size: 'short' })}
        ${labelFields(ctx, `${path}.gate.label`, section.gate.label, t('name'))}
        ${textField(ctx, `${path}.gate.source`, section.gate.source, t('source'), { kind: 'optional-text' })}
      </fieldset>` : nothing}
      <div class="items" role="group" id=${idFor(`${path}.items`)} tabindex="-1" aria-label=${t('items')}>
        ${errorsOf(ctx, `${path}.items`)}
        ${section.items.map((item, i) => this.#renderItem(ctx, item, s, i, section.items.length))}
      </div>
      <button type="button" part="button" data-action="add-item" aria-label=${t('addItem', { section: name })}>${t('addItemShort')}</button>
    </fieldset>`;
  }

  #renderItem(ctx: FieldContext, item: ItemDraft, s: number, i: number, count: number): TemplateResult {
    const t = this.#t;
    const path = `sections[${s}].items[${i}]`;
    const name = item.id || String(i + 1);
    const dropping = this.dropTarget === `s${s}i${i}`;
    const groups = item.groups ?? [];
    const knownGroups = [...Object.keys(assessingGroupLabels), ...groups.filter((g) => !(g in assessingGroupLabels))];
    return html`<fieldset class="item" part=${dropping ? 'item drop-target' : 'item'} id=${idFor(path)} tabindex="-1"
        data-item-index=${i} data-item-id=${item.id}>
      <legend>${t('itemN', { n: i + 1, name: item.label?.[this.locale] ? `${item.id} ${item.label[this.locale]}` : name })}</legend>
      ${this.#reorder('item', path, name, i, count)}
      ${errorsOf(ctx, path)}
      <div class="row">
        ${textField(ctx, `${path}.id`, item.id, t('id'), { size: 'short' })}
        ${textField(ctx, `${path}.source`, item.source, t('source'), { kind: 'optional-text', size: 'short' })}
        ${textField(ctx, `${path}.points`, item.points, t('points'), { kind: 'amount' })}
        ${textField(ctx, `${path}.weight`, item.weight, t('weight'), { kind: 'optional-amount' })}
      </div>
      ${labelFields(ctx, `${path}.label`, item.label, t('name'))}
      ${labelFields(ctx, `${path}.description`, item.description, t('description'), true)}
      <fieldset class="rule" part="rule"><legend>${t('rule')}</legend>
        ${selectField(ctx, `${path}.rule.kind`, item.rule.kind, t('rule'), ruleKinds.map((k) => [k, t(`kind.${k}`)] as const), { action: 'rule-kind' })}
        ${ruleFields(ctx, item, path)}
      </fieldset>
      <fieldset class="groups" id=${idFor(`${path}.groups`)} tabindex="-1"><legend>${t('groups')}</legend>
        ${knownGroups.map((group) => {
          const id = `${idFor(`${path}.groups`)}-${group}`;
          return html`<div class="field check"><input type="checkbox" id=${id} part="input" data-path=${`${path}.groups`} data-kind="bool"
            data-action="group" data-group=${group} .checked=${groups.includes(group)}>
            <label for=${id}>${assessingGroupLabels[group]?.[this.locale] ?? group}</label></div>`;
        })}
        ${errorsOf(ctx, `${path}.groups`)}
      </fieldset>
      ${checkboxField(ctx, `${path}.penaltyOnly`, item.penaltyOnly ?? false, t('penaltyOnly'))}
      ${checkboxField(ctx, `${path}.repeatDoubling`, item.repeatDoubling ?? false, t('repeatDoubling'))}
    </fieldset>`;
  }

  #renderPreview(): TemplateResult {
    const t = this.#t;
    const rubric = this.validRubric;
    if (rubric && rubric !== this.#previewFor) {
      // keep the sample entries of items that are still there and still scored the same way
      const kinds = new Map(this.#previewFor?.sections.flatMap((s) => s.items.map((i) => [i.id, i.rule.kind])) ?? []);
      const entries = Object.fromEntries(Object.entries(this.#sampleEntries).filter(([id]) => rubric.sections.some((s) =>
        s.items.some((i) => i.id === id && kinds.get(id) === i.rule.kind))));
      this.#previewFor = rubric;
      this.#previewSheet = sampleSheetOf(rubric, entries);
    }
    return html`<section class="preview" part="preview" aria-labelledby="preview-heading" data-not-draft>
      <h3 id="preview-heading">${t('preview')}</h3>
      <div class="field" part="field">
        <label for="preview-mode">${t('previewAs')}</label>
        <select id="preview-mode" part="input" @change=${(e: Event) => { this.previewMode = (e.target as HTMLSelectElement).value as 'edit' | 'readonly'; }}>
          ${(['edit', 'readonly'] as const).map((m) => html`<option value=${m} ?selected=${m === this.previewMode}>${t(`previewMode.${m}`)}</option>`)}
        </select>
      </div>
      ${rubric && this.#previewSheet
        ? html`<kaohe-rubric-form locale=${this.locale} mode=${this.previewMode} .rubric=${rubric} .sheet=${this.#previewSheet}
            @change=${this.#onPreviewChange}></kaohe-rubric-form>`
        : html`<p class="hint" data-preview-blocked>${t('previewBlocked')}</p>`}
    </section>`;
  }

  #renderVersions(): TemplateResult {
    const t = this.#t;
    const choices = [...this.versions.map((v) => [String(v), t('versionN', { n: v })] as const), ['draft', t('thisDraft')] as const];
    return html`<section class="versions" part="versions" aria-labelledby="versions-heading" data-not-draft>
      <h3 id="versions-heading">${t('versions')}</h3>
      <p>${this.versions.length ? t('storedVersions', { list: this.versions.join(', ') }) : t('noVersions')}</p>
      <button type="button" part="button" data-action="publish" ?disabled=${!this.store}>${t('publish', { n: this.nextVersion })}</button>
      ${this.store ? nothing : html`<p class="hint">${t('noStore')}</p>`}
      <div class="row">
        <div class="field"><label for="compare-from">${t('compareFrom')}</label>
          <select id="compare-from" name="compare-from" part="input">
            ${choices.map(([v, text], n) => html`<option value=${v} ?selected=${n === Math.max(0, choices.length - 3)}>${text}</option>`)}
          </select></div>
        <div class="field"><label for="compare-to">${t('compareTo')}</label>
          <select id="compare-to" name="compare-to" part="input">
            ${choices.map(([v, text], n) => html`<option value=${v} ?selected=${n === choices.length - 1}>${text}</option>`)}
          </select></div>
      </div>
      <button type="button" part="button" data-action="compare">${t('compare')}</button>
      <button type="button" part="button" data-action="edit-from" ?disabled=${this.versions.length === 0}>${t('editFromVersion')}</button>
      ${this.changes ? html`<h4>${this.changes.heading}</h4>
        ${this.changes.list.length
          ? html`<ol part="changes">${this.changes.list.map((c) => html`<li data-kind=${c.kind} data-path=${c.path}>${c.description}</li>`)}</ol>`
          : html`<p part="changes">${t('noChanges')}</p>`}` : nothing}
      <h4>${t('presets')}</h4>
      <div class="row">
        <div class="field"><label for="preset">${t('preset')}</label>
          <select id="preset" name="preset" part="input">
            ${rubricPresetIds.map((id) => html`<option value=${id}>${id} ${rubricPresets[id]?.label[this.locale] ?? ''}</option>`)}
          </select></div>
        <button type="button" part="button" data-action="preset">${t('startFromPreset')}</button>
      </div>
    </section>`;
  }

  #renderImport(): TemplateResult {
    const t = this.#t;
    return html`<section class="import" part="import" aria-labelledby="import-heading" data-not-draft>
      <h3 id="import-heading">${t('importExport')}</h3>
      <div class="field">
        <label for="import-file">${t('importFile')}</label>
        <input id="import-file" type="file" accept=".json,application/json" part="input" @change=${this.#onImportFile}>
      </div>
      ${this.importProblems.length ? html`<div role="alert" part="import-problems">
        <p>${t('importFailed', { n: this.importProblems.length })}</p>
        <ul>${this.importProblems.map((p) => html`<li><code>${p.path || '—'}</code> <span class="rule">${p.rule}</span>: ${p.message}</li>`)}</ul>
      </div>` : nothing}
      <button type="button" part="button" data-action="export">${t('exportFile')}</button>
    </section>`;
  }
}
