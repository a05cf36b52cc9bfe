import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Rubric } from '@kaohe/scoring';
import type { DraftStore } from '@kaohe/store';
import { commentSignature, returnOf, type AppraisalView, type HistoryEntry } from '@kaohe/service';
import { chainPresets, SYSTEM_ACTOR } from '@kaohe/workflow';
import type { ActionName, Chain, Directory, Person } from '@kaohe/workflow';
import { formatDateTime } from '../base/date-format.ts';
import { KaoheElement } from '../base/kaohe-element.ts';
import { KaoheChangeEvent } from '../events.ts';
import type { KaoheSubmittedEvent } from '../events.ts';
import type { RubricFormMode, ReviewComment } from '../kaohe-rubric-form/rubric-form.ts';
import { isForward } from './inbox-actions.ts';
import { KaoheTaskPaneEditEvent, KaoheTaskPaneIntentEvent, type TaskPaneIntent } from './inbox-events.ts';
import { actionLabel, inboxMsg, type InboxMessageKey } from './inbox-messages.ts';
import { chainStep } from './inbox-rows.ts';
import type { OpenTask, OpenTaskEdit } from './open-task.ts';
import { loadRubricForm } from './rubric-form-loader.ts';

/**
 * The delegate menu lists at most this many people; past it a search box narrows them. A company's
 * whole directory as options is ~250 ms of DOM at 10,000 people, and no one scrolls such a menu.
 */
const DELEGATE_OPTIONS = 100;

/**
 * @customElement kaohe-task-pane
 * The inbox's detail pane for one open task: its heading, the message of the last action, the
 * forward action with its comment, the return fieldset, the delegate section, the rubric form and
 * the history. It shows what `kaohe-inbox` hands it and decides nothing: every edit and every button
 * is sent to the inbox as an event, and the inbox (inbox-actions.ts) acts.
 *
 * It renders into its parent's tree (no shadow root of its own), so the inbox's styles and ids
 * (`#approve-comment`, `#return-comment`, `#delegate-to` …) reach it as they reach the rest of the inbox.
 *
 * @fires kaohe-task-pane-edit - the reviewer typed or chose something (the edit to keep)
 * @fires kaohe-task-pane-intent - the reviewer asked for an action: approve, submit, return, delegate or close
 * @csspart detail - the pane (exposed through the inbox)
 */
export class KaoheTaskPane extends KaoheElement {
  /** The open task and what was typed into it. */
  @property({ attribute: false }) task: OpenTask | undefined;
  /** The actions the chain allows the reviewer on it (the service's view says). */
  @property({ attribute: false }) allowed: readonly ActionName[] = [];
  /** How the rubric form opens. */
  @property() mode: RubricFormMode = 'readonly';
  /**
   * The application service's view of the task for the reviewer: the items the form shows, edits and
   * requires, the comments and the history as they may read them (TR-3).
   */
  @property({ attribute: false }) view: AppraisalView | undefined;
  /** Whether the delegate section is offered. */
  @property({ type: Boolean, attribute: 'can-delegate' }) canDelegate = false;
  /** The rubric the appraisal pinned (undefined: the host has not got it). */
  @property({ attribute: false }) rubric: Rubric | undefined;
  /** Chains by id, for the names of the steps a return goes to and an anonymous rater is shown as. */
  @property({ attribute: false }) chains: Record<string, Chain> = chainPresets;
  @property({ attribute: false }) directory: Directory = { people: [] };
  /** The directory's people by id, for names. */
  @property({ attribute: false }) people: ReadonlyMap<string, Person> = new Map();
  @property({ attribute: 'user-id' }) userId = '';
  /** The company's IANA time zone: the history's times are shown on its clock. */
  @property({ attribute: 'time-zone' }) timeZone = 'UTC';
  /** Handed to the rubric form, which keeps the reviewer's draft there (the service's drafts). */
  @property({ attribute: false }) drafts: DraftStore | undefined;

  #comments: { view: AppraisalView; locale: string; comments: ReviewComment[] } | undefined;
  /** the rubric form's module, asked for when the first task with a rubric opens (true once it loaded) */
  #form: Promise<boolean> | undefined;
  /** The module did not load: the pane says so; the next task opened, or Try again, asks for it again. */
  @state() private formFailed = false;

  /** Imports and defines `kaohe-rubric-form` (a test hands one that fails, as a lost network does). */
  static loadRubricForm: () => Promise<unknown> = loadRubricForm;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.formFailed && changed.has('task') && this.task && (changed.get('task') as OpenTask | undefined)?.id !== this.task.id) this.formFailed = false;
    if (this.task && this.rubric && !this.formFailed) this.#form ??= this.#loadForm();
  }

  #loadForm(): Promise<boolean> {
    const loading: Promise<boolean> = KaoheTaskPane.loadRubricForm().then(() => true, () => {
      if (this.#form === loading) {
        this.#form = undefined;
        this.formFailed = true;
      }
      return false;
    });
    return loading;
  }

  #retryForm(): void {
    this.formFailed = false;
    // the button goes with the message: focus waits on the pane's heading (as it renders, not once the module has come)
    void this.rendered.then(() => this.querySelector<HTMLElement>('#detail-heading')?.focus());
  }

  #retryHistory(): void {
    this.#ask({ type: 'history' });
    // the button goes with the message: focus waits on the history's heading
    void this.updateComplete.then(() => this.querySelector<HTMLElement>('#history-heading')?.focus());
  }

  /** Resolves once the pane's own markup is rendered, without waiting for the rubric form's module (the inbox focuses the heading then). */
  get rendered(): Promise<boolean> {
    return super.getUpdateComplete();
  }

  /** An update is complete once the rubric form it shows is defined and has rendered too. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    if (!this.#form) return done;
    await this.#form;
    const form = customElements.get('kaohe-rubric-form') ? this.querySelector('kaohe-rubric-form') : null;
    return form ? (await form.updateComplete) && done : done;
  }

  /**
   * The task's forward action (the primary button under Actions, and `a`). While the rubric form edits the
   * sheet it checks first, as its own Submit does: what is still to score is shown and focused there and
   * nothing is sent. Otherwise the inbox acts.
   */
  forward(): void {
    if (this.task?.gone) return;
    const form = this.mode === 'edit' && customElements.get('kaohe-rubric-form') ? this.querySelector('kaohe-rubric-form') : null;
    if (form?.mode === 'edit' && !form.checkSubmit()) return;
    this.#ask({ type: 'approve' });
  }

  #edit(patch: OpenTaskEdit): void {
    this.dispatchEvent(new KaoheTaskPaneEditEvent(patch));
  }

  #ask(intent: TaskPaneIntent): void {
    if (this.task) this.dispatchEvent(new KaoheTaskPaneIntentEvent(this.task.id, intent));
  }

  #nameOf(personId: string): string {
    return this.people.get(personId)?.name ?? personId;
  }

  /** Who acted, by name; no person (an appraisal the host's backend opened) in the page's language, not as its id. */
  #actorName(actorId: string): string {
    return this.people.get(actorId)?.name ?? (actorId === SYSTEM_ACTOR ? inboxMsg('system', this.locale) : actorId);
  }

  /** A step's name (an anonymous rater is shown as the step they rated at, TR-3). */
  #stepLabel(view: AppraisalView, step: string | undefined): string {
    const id = step ?? '';
    return chainStep(this.chains, view.chainId, id)?.label[this.locale] ?? (id || '—');
  }

  /** The view's comments signed for the reader (TR-3: an anonymous rater by their step), for the form's review mode; one array per view. */
  #signedComments(): ReviewComment[] {
    const view = this.view;
    if (!view) return [];
    const cached = this.#comments;
    if (cached?.view === view && cached.locale === this.locale) return cached.comments;
    const comments = view.comments.map((comment) => ({ at: comment.at, by: commentSignature(comment, this.locale), text: comment.text }));
    this.#comments = { view, locale: this.locale, comments };
    return comments;
  }

  override render(): TemplateResult | typeof nothing {
    const open = this.task;
    if (!open) return nothing;
    const t = (key: InboxMessageKey, params?: Record<string, string | number>) => inboxMsg(key, this.locale, params);
    const view = open.view;
    const allowed = this.allowed;
    const forward = allowed.filter(isForward);
    const returnTargets = allowed.includes('step.return') ? view.returnTo : [];
    const rubric = this.rubric;
    const name = this.#nameOf(view.employeeId);
    // Left the list while open: what was typed stays on screen (read-only), every action is disabled, Close is offered.
    const gone = open.gone;
    return html`
      <section class="pane" part="detail" aria-labelledby="detail-heading">
        <header>
          <h3 id="detail-heading" tabindex="-1">${name} · ${view.period} · ${view.stepLabel[this.locale] ?? view.step}</h3>
          <button type="button" class="close" @click=${() => this.#ask({ type: 'close' })}>${t('close')}</button>
        </header>
        <div class="message" role="alert">${gone ? t('taskGone') : open.message}</div>
        ${gone ? html`<div class="buttons"><button type="button" data-gone-close @click=${() => this.#ask({ type: 'close' })}>${t('close')}</button></div>` : nothing}
        ${this.#renderReturned(view)}
        <section class="actions" aria-labelledby="actions-heading">
          <h4 id="actions-heading">${t('actions')}</h4>
          ${allowed.length === 0 ? html`<p class="muted">${t('noActions')}</p>` : nothing}
          ${forward.length > 0 ? html`
            <label class="field">${t('comment')}
              <textarea id="approve-comment" .value=${open.comment} ?readonly=${gone}
                @input=${(e: Event) => this.#edit({ comment: (e.target as HTMLTextAreaElement).value })}></textarea>
            </label>
            <div class="buttons">
              ${forward.slice(0, 1).map((action) => html`
                <button type="button" class="primary" data-action=${action} ?disabled=${gone} @click=${() => this.forward()}>
                  ${actionLabel(action, this.locale)}</button>`)}
            </div>` : nothing}
          ${returnTargets.length > 0 ? html`
            <fieldset>
              <legend>${t('returnButton')}</legend>
              <label class="field">${t('returnTo')}
                <select id="return-to" .value=${open.returnTo} ?disabled=${gone}
                  @change=${(e: Event) => this.#edit({ returnTo: (e.target as HTMLSelectElement).value })}>
                  ${returnTargets.map((target) => html`<option value=${target} ?selected=${open.returnTo === target}>
                    ${this.#stepLabel(view, target)}</option>`)}
                </select>
              </label>
              <label class="field">${t('returnComment')}
                <textarea id="return-comment" required aria-required="true" .value=${open.returnComment} ?readonly=${gone}
                  @input=${(e: Event) => this.#edit({ returnComment: (e.target as HTMLTextAreaElement).value })}></textarea>
              </label>
              <div class="buttons">
                <button type="button" data-action="step.return" ?disabled=${gone}
                  @click=${() => this.#ask({ type: 'return', to: this.task?.returnTo || returnTargets[0] || '', comment: this.task?.returnComment ?? '' })}>
                  ${t('returnButton')}</button>
              </div>
            </fieldset>` : nothing}
          ${this.canDelegate ? this.#renderDelegate(open) : nothing}
        </section>
        ${rubric && this.formFailed ? html`
          <div class="form-problem" role="alert">
            <p class="message">${t('formFailed')}</p>
            <button type="button" data-retry-form @click=${() => this.#retryForm()}>${t('tryAgain')}</button>
          </div>`
        : rubric ? html`
          <fieldset class="form-frame" ?disabled=${gone}>
          <kaohe-rubric-form heading-level="4" .rubric=${rubric} .sheet=${open.base.sheet} .mode=${this.mode}
            .visibleItems=${this.view?.visibleItems} .editableItems=${this.view?.editableItems ?? []}
            .requiredItems=${this.view?.requiredItems ?? []} .editsAttendance=${this.view?.editsAttendance ?? false}
            .comments=${this.#signedComments()} .locale=${this.locale}
            .store=${this.drafts} .appraisalId=${view.id} .userId=${this.userId} .baseRevision=${open.base.revision}
            @change=${(e: Event) => { if (e instanceof KaoheChangeEvent) this.#edit({ sheet: e.sheet }); }}
            @kaohe-submitted=${(e: KaoheSubmittedEvent) => this.#ask({ type: 'submit', sheet: e.sheet })}></kaohe-rubric-form>
          </fieldset>`
          : html`<p class="muted">${t('rubricMissing')}</p>`}
        ${this.#renderHistory(view)}
      </section>`;
  }

  /** Folded until asked for: the menu of colleagues is built only then, and narrowed by a search past DELEGATE_OPTIONS. */
  #renderDelegate(open: OpenTask): TemplateResult {
    const t = (key: InboxMessageKey) => inboxMsg(key, this.locale);
    const employeeId = open.view.employeeId;
    let menu: TemplateResult | typeof nothing = nothing;
    if (open.delegating) {
      const candidates = this.directory.people.filter((person) => person.id !== this.userId && person.id !== employeeId);
      const searching = candidates.length > DELEGATE_OPTIONS;
      const needle = open.delegateSearch.trim().toLowerCase();
      const shown = (needle === '' ? candidates : candidates.filter((person) => `${person.name}\u0000${person.number ?? ''}\u0000${person.id}`.toLowerCase().includes(needle)))
        .slice(0, DELEGATE_OPTIONS);
      menu = html`
        ${searching ? html`
          <label class="field">${t('delegateSearch')}
            <input type="search" id="delegate-search" .value=${open.delegateSearch}
              @input=${(e: Event) => this.#edit({ delegateSearch: (e.target as HTMLInputElement).value })}>
          </label>` : nothing}
        <label class="field">${t('delegateTo')}
          <select id="delegate-to" .value=${open.delegateTo}
            @change=${(e: Event) => this.#edit({ delegateTo: (e.target as HTMLSelectElement).value })}>
            <option value=""></option>
            ${shown.map((person) => html`<option value=${person.id} ?selected=${person.id === open.delegateTo}>${person.name}</option>`)}
          </select>
        </label>
        <label class="field">${t('delegateUntil')}
          <input type="date" id="delegate-until" .value=${open.delegateUntil}
            @change=${(e: Event) => this.#edit({ delegateUntil: (e.target as HTMLInputElement).value })}>
        </label>
        <div class="buttons">
          <button type="button" data-action="delegate" ?disabled=${open.delegateTo === '' || open.gone}
            @click=${() => this.#ask({ type: 'delegate', to: this.task?.delegateTo ?? '', until: this.task?.delegateUntil ?? '' })}>${t('delegate')}</button>
        </div>`;
    }
    return html`
      <details class="delegate" .open=${open.delegating}
        @toggle=${(e: Event) => {
          const unfolded = (e.target as HTMLDetailsElement).open;
          if (this.task && this.task.delegating !== unfolded) this.#edit({ delegating: unfolded });
        }}>
        <summary>${t('delegate')}</summary>
        ${menu}
      </details>`;
  }

  /**
   * Why a returned task came back, read before the actions and the form rather than found at the foot
   * of the history: who returned it (their step where they stay anonymous, TR-3), when, and their words.
   */
  #renderReturned(view: AppraisalView): TemplateResult | typeof nothing {
    const back = returnOf(view);
    if (!back) return nothing;
    const t = (key: InboxMessageKey, params?: Record<string, string | number>) => inboxMsg(key, this.locale, params);
    const by = back.actor === undefined ? this.#stepLabel(view, back.step) : this.#actorName(back.actor);
    return html`
      <section class="return-note" aria-labelledby="returned-heading">
        <h4 id="returned-heading">${t('returned')}</h4>
        <p>${t('returnedBy', { name: by, at: formatDateTime(back.at, this.locale, this.timeZone) })}</p>
        ${back.comment ? html`<blockquote>${back.comment}</blockquote>` : nothing}
      </section>`;
  }

  /** The history as the service redacted it for the reviewer; absent from the view until it is read (after the pane's first paint). */
  #renderHistory(view: AppraisalView): TemplateResult {
    const t = (key: InboxMessageKey, params?: Record<string, string | number>) => inboxMsg(key, this.locale, params);
    const events: readonly HistoryEntry[] | undefined = view.history;
    const problem = this.task?.historyProblem ?? '';
    return html`
      <section class="history" aria-labelledby="history-heading">
        <h4 id="history-heading" tabindex="-1">${t('history')}</h4>
        ${problem ? html`
          <div class="history-problem" role="alert">
            <p class="message">${t('historyFailed', { message: problem })}</p>
            <button type="button" data-retry-history @click=${() => this.#retryHistory()}>${t('tryAgain')}</button>
          </div>`
        : events === undefined ? html`<p class="muted">${t('loadingHistory')}</p>` : events.length === 0 ? html`<p class="muted">${t('noHistory')}</p>` : html`
          <ol>
            ${events.map((event) => html`
              <li data-action=${event.action}>
                <strong>${event.actor === undefined ? this.#stepLabel(view, event.step) : this.#actorName(event.actor)}</strong>
                · ${actionLabel(event.action as ActionName, this.locale)}
                · <time datetime=${event.at}>${formatDateTime(event.at, this.locale, this.timeZone)}</time>
                ${event.comment ? html`<q>${event.comment}</q>` : nothing}
              </li>`)}
          </ol>`}
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kaohe-task-pane': KaoheTaskPane;
  }
}
