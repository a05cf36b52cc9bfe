// The inbox's keyboard and focus: the active row of the task grid (aria-activedescendant), the
// selection for bulk actions, the keys of the grid and of the detail pane, and where focus goes
// after a render (the pane's heading on open, the row on close, the return comment when it is missing).
import type { LitElement, ReactiveController } from 'lit';
import type { InboxRow } from './inbox-rows.ts';

export interface GridKeyboardHooks {
  /** the tasks as shown, filtered and sorted */
  visible(): readonly InboxRow[];
  /** the task open in the detail pane, if any */
  openId(): string | undefined;
  /** the task whose view is being read to open it, if any */
  openingId(): string | undefined;
  open(id: string): Promise<void>;
  approve(id: string): Promise<void>;
  /** closes the pane; focus returns to the task's row */
  close(): void;
  /** scrolls the list so that the row at `index` is on screen */
  scrollToIndex(index: number): void;
  /** every row is this tall: Page Up / Page Down move by a screenful of them */
  rowHeight: number;
}

export class GridKeyboard implements ReactiveController {
  readonly #host: LitElement;
  readonly #hooks: GridKeyboardHooks;
  #activeId: string | undefined;
  #selected = new Set<string>();
  #focusAfterUpdate: (() => void) | undefined;
  /** The open under way: where focus was as it began, and whether `r` asked for it (the return comment box takes focus). */
  #opening: { id: string; from: Element | undefined; toReturn: boolean } | undefined;
  /** the task `r` is opening */
  #returnOn: string | undefined;
  /** where the active row was last seen: the row below takes its place when it leaves */
  lastActiveIndex = 0;

  constructor(host: LitElement, hooks: GridKeyboardHooks) {
    this.#host = host;
    this.#hooks = hooks;
    host.addController(this);
  }

  /** The row the grid's keys act on (aria-activedescendant). */
  get activeId(): string | undefined {
    return this.#activeId;
  }

  set activeId(id: string | undefined) {
    if (id === this.#activeId) return;
    this.#activeId = id;
    this.#host.requestUpdate();
  }

  /** The tasks selected for a bulk action; a new set on every change. */
  get selected(): ReadonlySet<string> {
    return this.#selected;
  }

  set selected(ids: Set<string>) {
    if (ids === this.#selected) return;
    this.#selected = ids;
    this.#host.requestUpdate();
  }

  hostUpdated(): void {
    const focus = this.#focusAfterUpdate;
    this.#focusAfterUpdate = undefined;
    if (!focus) return;
    // The pane is an element of its own: its markup is on screen once it has rendered. Not its whole update, which
    // waits for the rubric form's module (imported at the first open): focus came then, after a person had begun typing.
    const pane = this.#host.renderRoot.querySelector('kaohe-task-pane');
    void (pane ? pane.rendered : this.#host.updateComplete).then(focus);
  }

  /** Runs `focus` once the next render (the pane's own included) is on screen. */
  focusAfterUpdate(focus: () => void): void {
    this.#focusAfterUpdate = focus;
  }

  /** A task begins to open (its view is being read): where focus is now is remembered. */
  openBegan(id: string): void {
    this.#opening = { id, from: focusedElement(), toReturn: this.#returnOn === id };
  }

  /**
   * The task's pane renders in this update: its heading (opened with `r`, the return comment box) takes focus
   * as it appears — unless the person has put focus somewhere since the open began, where it stays.
   */
  opened(id: string): void {
    const opening = this.#opening;
    this.#opening = undefined;
    if (opening?.id !== id) return;
    this.focusAfterUpdate(() => {
      const now = focusedElement();
      if (now !== undefined && now !== opening.from) return;
      if (opening.toReturn) this.focusReturnComment();
      else this.focusPaneHeading();
    });
  }

  // ---- selection ----

  toggle(id: string): void {
    const next = new Set(this.#selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.selected = next;
  }

  toggleAll(checked: boolean): void {
    this.selected = checked ? new Set(this.#hooks.visible().map((row) => row.id)) : new Set();
  }

  /** Drops the selected tasks that left the list. */
  prune(listed: (id: string) => boolean): void {
    const kept = [...this.#selected].filter(listed);
    if (kept.length !== this.#selected.size) this.selected = new Set(kept);
  }

  // ---- keys ----

  onGridKeydown = (event: KeyboardEvent): void => {
    const grid = this.grid();
    // Keys typed on a header button or a checkbox belong to them.
    if (event.composedPath()[0] !== grid || event.altKey || event.ctrlKey || event.metaKey) return;
    const visible = this.#hooks.visible();
    if (visible.length === 0) return;
    let index = visible.findIndex((row) => row.id === this.activeId);
    const page = Math.max(1, Math.floor((grid?.clientHeight ?? 400) / this.#hooks.rowHeight) - 2);
    switch (event.key) {
      case 'ArrowDown': index = Math.min(visible.length - 1, index + 1); break;
      case 'ArrowUp': index = Math.max(0, index < 0 ? 0 : index - 1); break;
      case 'PageDown': index = Math.min(visible.length - 1, Math.max(0, index) + page); break;
      case 'PageUp': index = Math.max(0, index - page); break;
      case 'Home': index = 0; break;
      case 'End': index = visible.length - 1; break;
      case 'Enter':
        event.preventDefault();
        if (this.activeId) void this.#hooks.open(this.activeId);
        return;
      case 'Escape':
        // The task being read does not open after all (nor take focus when its view comes).
        if (this.#hooks.openingId() === undefined) return;
        event.preventDefault();
        this.#hooks.close();
        return;
      case ' ':
        event.preventDefault();
        if (this.activeId) this.toggle(this.activeId);
        return;
      case 'a':
        event.preventDefault();
        if (this.activeId) void this.#hooks.approve(this.activeId);
        return;
      case 'r':
        event.preventDefault();
        if (this.activeId) void this.#openForReturn(this.activeId);
        return;
      default:
        return;
    }
    event.preventDefault();
    this.activeId = visible[index]?.id;
    this.lastActiveIndex = index;
    void this.#host.updateComplete.then(() => this.scrollActiveIntoView());
  };

  /** The grid takes focus with no active row: the first task becomes active. */
  onGridFocus = (): void => {
    const first = this.#hooks.visible()[0];
    if (this.activeId === undefined && first) this.activeId = first.id;
  };

  async #openForReturn(id: string): Promise<void> {
    if (this.#hooks.openId() === id) {
      this.focusReturnComment();
      return;
    }
    // open() calls openBegan before it first waits
    this.#returnOn = id;
    const opening = this.#hooks.open(id);
    this.#returnOn = undefined;
    await opening;
  }

  /**
   * Keys pressed in the detail pane: Escape closes it (what was typed in its comments is kept: kept-comments.ts);
   * `a` and `r` act when no field is being typed in.
   */
  onPaneKeydown = (event: KeyboardEvent): void => {
    const openId = this.#hooks.openId();
    if (openId === undefined) return;
    if (event.key === 'Escape') {
      // An input method's Escape cancels its candidate list (zh IMEs): it is none of the pane's business.
      if (event.isComposing) return;
      event.preventDefault();
      this.#hooks.close();
      return;
    }
    const target = event.composedPath()[0] as HTMLElement | undefined;
    const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement
      || target?.isContentEditable === true;
    if (typing || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'a') {
      event.preventDefault();
      void this.#hooks.approve(openId);
    } else if (event.key === 'r') {
      event.preventDefault();
      this.focusReturnComment();
    }
  };

  /** After a task left the list, the row below takes its place, so a reviewer can keep pressing `a`. */
  moveActiveAfterRemoval(removedId: string): void {
    const visible = this.#hooks.visible();
    const next = visible[Math.min(this.lastActiveIndex, visible.length - 1)];
    this.activeId = next?.id !== removedId ? next?.id : undefined;
  }

  // ---- focus ----

  grid(): HTMLElement | null {
    return this.#host.renderRoot.querySelector<HTMLElement>('[role="grid"]');
  }

  focusPaneHeading(): void {
    this.#host.renderRoot.querySelector<HTMLElement>('#detail-heading')?.focus();
  }

  focusReturnComment(): void {
    this.#host.renderRoot.querySelector<HTMLTextAreaElement>('#return-comment')?.focus();
  }

  focusGrid(): void {
    this.grid()?.focus();
    this.scrollActiveIntoView();
  }

  scrollActiveIntoView(): void {
    const index = this.#hooks.visible().findIndex((row) => row.id === this.activeId);
    if (index < 0) return;
    this.lastActiveIndex = index;
    this.#hooks.scrollToIndex(index);
  }
}

/** The element focus is on, through shadow roots; undefined when it is on none (the page's body). */
function focusedElement(): Element | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active === null || active === document.body ? undefined : active;
}
