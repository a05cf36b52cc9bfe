import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ActResult } from '@kaohe/service';
import { KaoheElement } from '../base/kaohe-element.ts';
import { outboxStatusMsg } from './outbox-status-messages.ts';

/** What the status shows: whether the server answers, how many items wait, how many it refused. */
export interface OutboxStatusValue {
  online: boolean;
  waiting: number;
  refused: number;
  /** the server's words for the latest refusal other than "someone wrote first" (not allowed, not valid) */
  reason?: string;
}

/** A change kept in the outbox, as the element shows a refused one (@kaohe/client's OutboxItem). */
export interface OutboxEntry {
  seq: number;
  kind: 'draft' | 'action' | 'discardDraft';
  appraisalId: string;
  state: 'waiting' | 'refused';
  action?: unknown;
  /** the server's refusal: `stale` (someone wrote first) or its words */
  refusal?: { code: string; message: string };
}

/** Where the status comes from: the server's client with its outbox (@kaohe/client's OfflineService). */
export interface OutboxStatusSource {
  readonly status: OutboxStatusValue;
  onStatus(listener: (status: OutboxStatusValue) => void): () => void;
  /** What waits or was refused: the element lists each refused change with the server's reason. */
  items?(): Promise<readonly OutboxEntry[]>;
  /** Drops a refused change once the person has read it (the Dismiss button). */
  discard?(seq: number): Promise<void>;
  /** Hears each action that waited once the server has answered it (the inbox settles the actions it queued). */
  onSent?(listener: (sent: { appraisalId: string; action: unknown; result: ActResult }) => void): () => void;
}

/**
 * @customElement kaohe-outbox-status
 * Says when the page cannot reach the Kaohe server and how many changes wait in this browser's
 * outbox, while they are being sent, and when the server did not accept some (the person's version
 * is kept). Shows nothing while everything is sent. The inbox and the rubric form show it; a host
 * may place it anywhere. Kaohe.configure({ server }) fills in `outbox`.
 * Each refused change is listed with what the server said and a Dismiss button, which drops it from
 * the outbox once the person has read it (their typing then goes; the server's version stays). A
 * refused draft holds what the person typed: its Dismiss asks first, inline (Throw away / Keep; Escape keeps).
 *
 * @csspart status - the message
 * @csspart refused - the list of refused changes, each with its Dismiss button
 */
export class KaoheOutboxStatus extends KaoheElement {
  static override styles = [...KaoheElement.styles, css`
    :host { display: block; }
    :host([hidden]) { display: none; }
    .status { margin: 0 0 var(--kaohe-space-2, 0.5rem); padding: 0.5rem 0.75rem; border-radius: 4px;
      border: 1px solid var(--kaohe-color-warning-border, #b45309); background: var(--kaohe-color-warning-bg, #fffbeb); color: var(--kaohe-color-text, #1f2937); }
    .refused { list-style: none; margin: 0 0 var(--kaohe-space-2, 0.5rem); padding: 0; display: grid; gap: 0.25rem; }
    .refused li { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: baseline; }
    .confirm { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: baseline; flex-basis: 100%; }
    .confirm p { margin: 0; }
    button { font: inherit; min-height: 2rem; }
    button:focus-visible { outline: 2px solid var(--kaohe-color-focus, #2563eb); outline-offset: 2px; }
  `];

  /** The server's client with its outbox; unset (the IndexedDB mode): nothing to say. */
  @property({ attribute: false }) outbox: OutboxStatusSource | undefined;
  @state() private status: OutboxStatusValue | undefined;
  /** the refused changes, as the outbox last listed them */
  @state() private refusedItems: readonly OutboxEntry[] = [];
  /** the refused draft whose Dismiss asks first (what the person typed in it would go) */
  @state() private confirming: number | undefined;
  #unsubscribe: (() => void) | undefined;
  #reads = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#listen();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('outbox')) this.#listen();
  }

  #listen(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    if (!this.isConnected || !this.outbox) {
      this.status = undefined;
      return;
    }
    this.status = this.outbox.status;
    void this.#readRefused();
    this.#unsubscribe = this.outbox.onStatus((status) => {
      this.status = status;
      void this.#readRefused();
    });
  }

  /** Lists the refused changes again (the latest read wins). */
  async #readRefused(): Promise<void> {
    const outbox = this.outbox;
    const read = ++this.#reads;
    const items = outbox?.items && this.status && this.status.refused > 0 ? await outbox.items().catch(() => []) : [];
    if (read === this.#reads) this.refusedItems = items.filter((item) => item.state === 'refused');
  }

  /** What the refused change was, in the person's words. */
  #what(item: OutboxEntry): string {
    const id = item.appraisalId;
    if (item.kind === 'draft') return outboxStatusMsg('refusedDraft', this.locale, { id });
    if (item.kind === 'discardDraft') return outboxStatusMsg('refusedDiscard', this.locale, { id });
    const type = (item.action as { type?: unknown } | undefined)?.type;
    return outboxStatusMsg('refusedAction', this.locale, { id, action: typeof type === 'string' ? type : '' });
  }

  /** Dismiss: a refused draft holds what the person typed, so it asks first (inline); anything else goes at once. */
  #askDismiss(item: OutboxEntry, index: number): void {
    if (item.kind !== 'draft') {
      void this.#dismiss(item, index);
      return;
    }
    this.confirming = item.seq;
    // the safe choice takes focus: Enter on it keeps the draft
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>(`button[data-keep="${item.seq}"]`)?.focus());
  }

  /** Keep: the question goes, focus returns to the draft's Dismiss. */
  #keep(item: OutboxEntry): void {
    this.confirming = undefined;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>(`button[data-seq="${item.seq}"]`)?.focus());
  }

  async #dismiss(item: OutboxEntry, index: number): Promise<void> {
    this.confirming = undefined;
    await this.outbox?.discard?.(item.seq);
    await this.#readRefused();
    await this.updateComplete;
    // Focus goes to the change that took its place, else the one before: never lost while any is left.
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('button[data-seq]')];
    (buttons[index] ?? buttons.at(-1))?.focus();
  }

  #message(): string | undefined {
    const status = this.status;
    if (!status) return undefined;
    const parts: string[] = [];
    if (!status.online) parts.push(outboxStatusMsg('offline', this.locale, { n: status.waiting }));
    else if (status.waiting > 0) parts.push(outboxStatusMsg('sending', this.locale, { n: status.waiting }));
    if (status.refused > 0) {
      // `reason` quotes one refusal other than "stale": it describes them all only when there is one.
      parts.push(status.reason === undefined
        ? outboxStatusMsg('refused', this.locale, { n: status.refused })
        : status.refused === 1
          ? outboxStatusMsg('refusedBecause', this.locale, { n: status.refused, reason: status.reason })
          : outboxStatusMsg('refusedMany', this.locale, { n: status.refused }));
    }
    return parts.length > 0 ? parts.join(' ') : undefined;
  }

  protected override render(): TemplateResult {
    const message = this.#message();
    const refused = this.status && this.status.refused > 0 ? this.refusedItems : [];
    // The live region stays in the page so a screen reader hears the change when it comes.
    return html`<div role="status" aria-live="polite">${message === undefined ? nothing : html`<p part="status" class="status">${message}</p>`}</div>
      ${refused.length === 0 ? nothing : html`
        <ul class="refused" part="refused" aria-label=${outboxStatusMsg('refusedList', this.locale)}>
          ${refused.map((item, index) => {
            const what = this.#what(item);
            const reason = item.refusal?.code === 'stale' ? outboxStatusMsg('staleReason', this.locale) : item.refusal?.message ?? '';
            const asking = this.confirming === item.seq && this.outbox?.discard !== undefined;
            return html`<li data-seq=${item.seq}><span>${what}: ${reason}</span>${this.outbox?.discard && !asking ? html`
              <button type="button" data-seq=${item.seq} aria-label=${outboxStatusMsg('dismissLabel', this.locale, { what })}
                @click=${() => this.#askDismiss(item, index)}>${outboxStatusMsg('dismiss', this.locale)}</button>` : nothing}${asking ? html`
              <div class="confirm" role="group" aria-labelledby=${`confirm-${item.seq}`}
                @keydown=${(e: KeyboardEvent) => { if (e.key === 'Escape') { e.stopPropagation(); this.#keep(item); } }}>
                <p id=${`confirm-${item.seq}`}>${outboxStatusMsg('confirmDiscardDraft', this.locale, { id: item.appraisalId })}</p>
                <button type="button" data-discard=${item.seq} @click=${() => void this.#dismiss(item, index)}>${outboxStatusMsg('discardDraft', this.locale)}</button>
                <button type="button" data-keep=${item.seq} @click=${() => this.#keep(item)}>${outboxStatusMsg('keepDraft', this.locale)}</button>
              </div>` : nothing}</li>`;
          })}
        </ul>`}`;
  }
}
