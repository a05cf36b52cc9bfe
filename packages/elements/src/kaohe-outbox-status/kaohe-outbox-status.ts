import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
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

/** Where the status comes from: the server's client with its outbox (@kaohe/client's OfflineService). */
export interface OutboxStatusSource {
  readonly status: OutboxStatusValue;
  onStatus(listener: (status: OutboxStatusValue) => void): () => void;
}

/**
 * @customElement kaohe-outbox-status
 * Says when the page cannot reach the Kaohe server and how many changes wait in this browser's
 * outbox, while they are being sent, and when the server did not accept some (the person's version
 * is kept). Shows nothing while everything is sent. The inbox and the rubric form show it; a host
 * may place it anywhere. Kaohe.configure({ server }) fills in `outbox`.
 *
 * @csspart status - the message
 */
export class KaoheOutboxStatus extends KaoheElement {
  static override styles = [...KaoheElement.styles, css`
    :host { display: block; }
    :host([hidden]) { display: none; }
    .status { margin: 0 0 var(--kaohe-space-2, 0.5rem); padding: 0.5rem 0.75rem; border-radius: 4px;
      border: 1px solid var(--kaohe-color-warning-border, #b45309); background: var(--kaohe-color-warning-bg, #fffbeb); color: var(--kaohe-color-text, #1f2937); }
  `];

  /** The server's client with its outbox; unset (the IndexedDB mode): nothing to say. */
  @property({ attribute: false }) outbox: OutboxStatusSource | undefined;
  @state() private status: OutboxStatusValue | undefined;
  #unsubscribe: (() => void) | undefined;

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
    this.#unsubscribe = this.outbox.onStatus((status) => { this.status = status; });
  }

  #message(): string | undefined {
    const status = this.status;
    if (!status) return undefined;
    const parts: string[] = [];
    if (!status.online) parts.push(outboxStatusMsg('offline', this.locale, { n: status.waiting }));
    else if (status.waiting > 0) parts.push(outboxStatusMsg('sending', this.locale, { n: status.waiting }));
    if (status.refused > 0) {
      parts.push(status.reason === undefined
        ? outboxStatusMsg('refused', this.locale, { n: status.refused })
        : outboxStatusMsg('refusedBecause', this.locale, { n: status.refused, reason: status.reason }));
    }
    return parts.length > 0 ? parts.join(' ') : undefined;
  }

  protected override render(): TemplateResult {
    const message = this.#message();
    // The live region stays in the page so a screen reader hears the change when it comes.
    return html`<div role="status" aria-live="polite">${message === undefined ? nothing : html`<p part="status" class="status">${message}</p>`}</div>`;
  }
}
