import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Which rows of a long list of equal-height rows are in view, so the inbox renders only those.
 *
 * Why not a library: the inbox used @tanstack/lit-virtual until the core bundle's weight had to
 * come down to issue 4's 100 KB. Its rows are all `rowHeight` tall and never measured, so the window
 * is arithmetic on the scroll offset — what TanStack's measuring, dynamic sizes, lanes and
 * horizontal mode (6.8 KB gzip of every page) are for, this list does not need.
 *
 * The scroll element holds a sticky header `headerHeight` tall above the rows' container; rows sit
 * at `index × rowHeight` inside that container.
 */
export interface RowWindowOptions {
  rowHeight: number;
  headerHeight: number;
  /** rows rendered beyond each edge, so a fast scroll does not show blank rows for a frame */
  overscan: number;
  scrollElement: () => HTMLElement | null;
}

export interface RowRange {
  /** first row index in the window */
  start: number;
  /** one past the last */
  end: number;
}

export class RowWindow implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: RowWindowOptions;
  #element: HTMLElement | null = null;
  #resize: ResizeObserver | undefined;
  #scrollTop = 0;
  #viewport = 0;
  /** the count the host rendered last, to tell when a scroll moves the window */
  #count = 0;
  #last: RowRange = { start: 0, end: 0 };

  constructor(host: ReactiveControllerHost, options: RowWindowOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    // an inbox moved in the page gets a new scroll element on its next render
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#attach(null);
  }

  hostUpdated(): void {
    const element = this.#options.scrollElement();
    if (element !== this.#element) this.#attach(element);
  }

  /** The rows to render for a list of `count` rows. */
  range(count: number): RowRange {
    this.#count = count;
    this.#last = this.#compute(count);
    return this.#last;
  }

  /** Scrolls the least needed to show row `index` whole, below the sticky header. */
  scrollToIndex(index: number): void {
    const element = this.#element ?? this.#options.scrollElement();
    if (!element) return;
    const { rowHeight, headerHeight } = this.#options;
    const top = index * rowHeight;
    const viewport = element.clientHeight - headerHeight;
    const scrollTop = element.scrollTop;
    if (top < scrollTop) element.scrollTop = top;
    else if (top + rowHeight > scrollTop + viewport) element.scrollTop = top + rowHeight - viewport;
  }

  #compute(count: number): RowRange {
    const { rowHeight, headerHeight, overscan } = this.#options;
    // before the first layout the viewport is unknown: a screenful of a usual height
    const viewport = this.#element ? this.#viewport : 20 * rowHeight;
    const first = Math.floor(this.#scrollTop / rowHeight);
    const last = Math.ceil((this.#scrollTop + Math.max(0, viewport - headerHeight)) / rowHeight);
    return { start: Math.max(0, Math.min(count, first - overscan)), end: Math.min(count, last + overscan) };
  }

  #attach(element: HTMLElement | null): void {
    if (this.#element) {
      this.#element.removeEventListener('scroll', this.#onScroll);
      this.#resize?.disconnect();
    }
    this.#element = element;
    if (!element) return;
    element.addEventListener('scroll', this.#onScroll, { passive: true });
    this.#resize ??= new ResizeObserver(() => this.#measure());
    this.#resize.observe(element);
    this.#measure();
  }

  #measure(): void {
    if (!this.#element) return;
    this.#viewport = this.#element.clientHeight;
    this.#scrollTop = this.#element.scrollTop;
    this.#refresh();
  }

  readonly #onScroll = (): void => {
    if (!this.#element) return;
    this.#scrollTop = this.#element.scrollTop;
    this.#refresh();
  };

  /** Asks the host to render again only when the window now covers other rows. */
  #refresh(): void {
    const next = this.#compute(this.#count);
    if (next.start !== this.#last.start || next.end !== this.#last.end) this.#host.requestUpdate();
  }
}
