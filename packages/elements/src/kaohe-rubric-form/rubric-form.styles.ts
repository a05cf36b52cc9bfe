import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    line-height: 1.5;
  }

  .form {
    display: grid;
    gap: var(--_kaohe-space);
  }

  h2, h3 {
    margin: 0;
    line-height: 1.25;
  }

  h2 { font-size: 1.25em; }
  h3 { font-size: 1em; }

  p { margin: 0; }

  .muted { color: var(--_kaohe-color-text-muted); }

  fieldset {
    margin: 0;
    min-width: 0;
    border: 1px solid var(--_kaohe-color-border);
    border-radius: var(--_kaohe-radius);
    padding: var(--_kaohe-space);
  }

  legend {
    padding: 0 var(--_kaohe-space-small);
    font-weight: 600;
  }

  .section {
    display: grid;
    gap: var(--_kaohe-space);
    background: var(--_kaohe-color-surface);
  }

  .item, .gate {
    display: grid;
    gap: var(--_kaohe-space-small);
    background: var(--_kaohe-color-surface-raised);
    border-color: color-mix(in srgb, var(--_kaohe-color-border) 60%, transparent);
  }

  /*
   * Sections and items off screen are not laid out until scrolled near: style and layout of a
   * 200-item form took ~30 ms of its first render. They stay in the accessibility tree, find-in-page
   * and focus order. The sizes are estimates (an item is about 10rem; a section is told its item
   * count); "auto" keeps the real size once it has been seen.
   */
  .item, .section[data-section] {
    content-visibility: auto;
    contain-intrinsic-size: auto 10rem;
  }

  .section[data-section] {
    contain-intrinsic-size: auto calc(var(--_kaohe-section-items, 1) * 10.5rem + 4rem);
  }

  .item.changed {
    border-left: 4px solid var(--_kaohe-color-changed);
  }

  .item-id {
    font-variant-numeric: tabular-nums;
    color: var(--_kaohe-color-text-muted);
  }

  .badge {
    display: inline-block;
    margin-inline-start: var(--_kaohe-space-small);
    padding: 0 var(--_kaohe-space-small);
    border-radius: var(--_kaohe-radius);
    font-size: var(--_kaohe-font-size-small);
    font-weight: 600;
    color: var(--_kaohe-color-on-accent);
    background: var(--_kaohe-color-changed);
  }

  .rule, .description, .groups, .hint {
    font-size: var(--_kaohe-font-size-small);
  }

  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_kaohe-space);
    align-items: flex-end;
  }

  .field {
    display: grid;
    gap: 2px;
  }

  .field-wide { flex: 1 1 16rem; }

  .switch-field {
    display: flex;
    align-items: center;
    gap: var(--_kaohe-space-small);
  }

  .stepper {
    display: flex;
    gap: 2px;
  }

  .stepper input { width: 5em; text-align: center; }

  input, select, button {
    font: inherit;
    color: inherit;
  }

  input[type='number'], input[type='text'], select {
    min-height: 2.25em;
    padding: 0 var(--_kaohe-space-small);
    border: 1px solid var(--_kaohe-color-border);
    border-radius: var(--_kaohe-radius);
    background: var(--_kaohe-color-surface);
  }

  input[type='text'] { width: 100%; box-sizing: border-box; }

  input[aria-invalid='true'], select[aria-invalid='true'] {
    border-color: var(--_kaohe-color-danger);
    border-width: 2px;
  }

  input:disabled, select:disabled {
    background: transparent;
    color: var(--_kaohe-color-text);
  }

  .switch {
    width: 1.25em;
    height: 1.25em;
    accent-color: var(--_kaohe-color-accent);
  }

  .choices {
    border: none;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_kaohe-space-small) var(--_kaohe-space);
  }

  .choices legend { padding: 0; font-weight: normal; width: 100%; }

  .choice {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }

  .choice input { accent-color: var(--_kaohe-color-accent); }

  .deductions {
    display: grid;
    gap: var(--_kaohe-space-small);
    flex: 1 1 100%;
  }

  .deduction-list {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: var(--_kaohe-space-small);
  }

  .deduction {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_kaohe-space-small) var(--_kaohe-space);
    align-items: flex-end;
    background: var(--_kaohe-color-surface);
  }

  .deduction legend { font-weight: normal; }

  button {
    min-height: 2.25em;
    padding: 0 var(--_kaohe-space);
    border-radius: var(--_kaohe-radius);
    border: 1px solid var(--_kaohe-color-border);
    background: var(--_kaohe-color-surface);
    cursor: pointer;
  }

  button.step { min-width: 2.25em; padding: 0; }

  button:disabled { cursor: default; opacity: 0.6; }

  button.primary {
    justify-self: start;
    border-color: var(--_kaohe-color-accent);
    background: var(--_kaohe-color-accent);
    color: var(--_kaohe-color-on-accent);
    font-weight: 600;
  }

  button.primary[aria-disabled='true'] {
    background: var(--_kaohe-color-surface);
    color: var(--_kaohe-color-text-muted);
    border-color: var(--_kaohe-color-border);
    cursor: not-allowed;
  }

  .score {
    font-variant-numeric: tabular-nums;
    font-size: var(--_kaohe-font-size-small);
  }

  .section-score { font-weight: 600; }

  .floor, .stale { color: var(--_kaohe-color-warning); }

  .flag, .voided, .error { color: var(--_kaohe-color-danger); }

  .error { font-size: var(--_kaohe-font-size-small); }

  .errors, .comments, .flags ul { margin: 0; padding-inline-start: 1.25em; }

  .banner {
    padding: var(--_kaohe-space);
    border-radius: var(--_kaohe-radius);
  }

  .conflict {
    background: var(--_kaohe-color-danger-surface);
    color: var(--_kaohe-color-danger);
    border: 1px solid var(--_kaohe-color-danger);
  }

  .draft-conflict p { margin: 0 0 var(--_kaohe-space); }
  .draft-conflict button { margin-inline-end: var(--_kaohe-space); }

  .warning {
    background: var(--_kaohe-color-warning-surface);
    color: var(--_kaohe-color-warning);
  }

  .totals {
    display: grid;
    gap: var(--_kaohe-space-small);
    padding: var(--_kaohe-space);
    border-radius: var(--_kaohe-radius);
    background: var(--_kaohe-color-surface-raised);
  }

  .totals dl {
    margin: 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_kaohe-space);
  }

  .totals dt { font-size: var(--_kaohe-font-size-small); color: var(--_kaohe-color-text-muted); }
  .totals dd { margin: 0; font-size: 1.25em; font-weight: 600; font-variant-numeric: tabular-nums; }
  .totals .monthly dd { font-size: 1.5em; }

  .comment { font-size: var(--_kaohe-font-size-small); }

  .actions { display: grid; gap: var(--_kaohe-space-small); }

  .problems {
    padding: var(--_kaohe-space);
    border-radius: var(--_kaohe-radius);
    background: var(--_kaohe-color-danger-surface);
    color: var(--_kaohe-color-danger);
  }

  .problems ul { margin: 0; padding-inline-start: 1.25em; }

  @media (forced-colors: active) {
    .badge, button.primary { border: 1px solid CanvasText; }
  }
`;
