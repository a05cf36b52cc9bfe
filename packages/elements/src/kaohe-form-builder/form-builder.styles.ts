import { css } from 'lit';

// Shared by kaohe-form-builder and kaohe-chain-editor. Every colour and space comes from the
// --kaohe-* tokens (tokens.styles.ts), so a host themes the builder with the other elements.
export const styles = css`
  :host {
    display: block;
    line-height: 1.4;
  }

  h2, h3, h4 { margin: 0 0 var(--_kaohe-space-small); line-height: 1.25; }
  h2 { font-size: 1.25em; }
  h3 { font-size: 1.05em; }
  h4 { font-size: 1em; }
  p { margin: 0 0 var(--_kaohe-space-small); }

  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_kaohe-space);
  }

  .toolbar, .reorder, .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_kaohe-space-small);
    align-items: end;
  }

  .reorder { float: right; margin-block-start: calc(-1 * var(--_kaohe-space-small)); }

  .layout {
    display: grid;
    grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
    gap: var(--_kaohe-space);
    align-items: start;
  }

  @media (max-width: 60rem) {
    .layout { grid-template-columns: minmax(0, 1fr); }
  }

  .editor, .side, .sections, .items {
    display: grid;
    gap: var(--_kaohe-space);
  }

  .side { position: sticky; top: 0; }

  fieldset {
    margin: 0;
    min-width: 0;
    border: 1px solid var(--_kaohe-color-border);
    border-radius: var(--_kaohe-radius);
    padding: var(--_kaohe-space);
    display: grid;
    gap: var(--_kaohe-space-small);
  }

  legend { padding: 0 var(--_kaohe-space-small); font-weight: 600; }

  .section { background: var(--_kaohe-color-surface); }
  .item, .step { background: var(--_kaohe-color-surface-raised); }

  [part~='drop-target'] { outline: 2px dashed var(--_kaohe-color-accent); outline-offset: 2px; }

  .field { display: grid; gap: 2px; min-width: 0; }
  .field.short { max-width: 12rem; }
  .field.long { flex: 1 1 14rem; }
  .field.check { display: flex; gap: var(--_kaohe-space-small); align-items: center; }
  .labels { grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); }
  .labels > legend { grid-column: 1 / -1; }

  input[type='text'], select {
    font: inherit;
    color: var(--_kaohe-color-text);
    background: var(--_kaohe-color-surface);
    border: 1px solid var(--_kaohe-color-border);
    border-radius: var(--_kaohe-radius);
    padding: 0.25rem 0.5rem;
    min-width: 0;
  }

  input[aria-invalid='true'], select[aria-invalid='true'] {
    border-color: var(--_kaohe-color-danger);
    box-shadow: 0 0 0 1px var(--_kaohe-color-danger);
  }

  input:disabled { background: var(--_kaohe-color-surface-raised); color: var(--_kaohe-color-text-muted); }

  button {
    font: inherit;
    color: var(--_kaohe-color-on-accent);
    background: var(--_kaohe-color-accent);
    border: 1px solid var(--_kaohe-color-accent);
    border-radius: var(--_kaohe-radius);
    padding: 0.25rem 0.75rem;
    cursor: pointer;
    justify-self: start;
  }

  .reorder button {
    color: var(--_kaohe-color-text);
    background: var(--_kaohe-color-surface);
    border-color: var(--_kaohe-color-border);
    padding: 0.125rem 0.5rem;
  }

  button:disabled { opacity: 0.55; cursor: not-allowed; }

  .handle { cursor: grab; padding: 0 0.25rem; color: var(--_kaohe-color-text-muted); user-select: none; }

  .hint, .label { color: var(--_kaohe-color-text-muted); font-size: var(--_kaohe-font-size-small); }

  .error {
    margin: 0;
    padding: 0 0 0 1.25rem;
    color: var(--_kaohe-color-danger);
    font-size: var(--_kaohe-font-size-small);
  }

  .rule { font-weight: 600; }

  .problems {
    border: 1px solid var(--_kaohe-color-border);
    border-radius: var(--_kaohe-radius);
    padding: var(--_kaohe-space);
    background: var(--_kaohe-color-surface-raised);
  }

  .problems ul { margin: 0; padding-left: 1.25rem; }
  .problems a { color: var(--_kaohe-color-danger); }
  [part~='import-problems'] { color: var(--_kaohe-color-danger); }
  [part~='import-problems'] ul { padding-left: 1.25rem; }

  .status:empty { display: none; }
  .status { padding: var(--_kaohe-space-small); background: var(--_kaohe-color-surface-raised); border-radius: var(--_kaohe-radius); }

  .preview, .versions, .import, .chain {
    border-top: 1px solid var(--_kaohe-color-border);
    padding-top: var(--_kaohe-space);
  }

  code { font-family: ui-monospace, monospace; font-size: var(--_kaohe-font-size-small); }
`;
