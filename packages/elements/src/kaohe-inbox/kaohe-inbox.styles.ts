import { css } from 'lit';

/**
 * Inbox styles. Public knobs: `--kaohe-inbox-height` (the list's height, default 28rem),
 * `--kaohe-inbox-columns` (the grid template of a row) and the shared `--kaohe-*` tokens.
 */
export const inboxStyles = css`
  :host {
    display: block;
    --_columns: var(--kaohe-inbox-columns,
      2.25rem minmax(9rem, 2fr) minmax(6rem, 1fr) minmax(4rem, 0.8fr) 5.5rem minmax(7rem, 1.4fr) 7rem 5.5rem minmax(5rem, 0.9fr));
    /* ROW_HEIGHT in kaohe-inbox.ts: rows are placed by arithmetic, never measured, so the two must agree. */
    --_row-height: 40px;
  }

  h2, h3, h4 { margin: 0 0 var(--_kaohe-space-small); }
  h2 { font-size: 1.25rem; }
  h3 { font-size: 1.1rem; }
  h4 { font-size: 1rem; }

  .toolbar, .bulk {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_kaohe-space-small) var(--_kaohe-space);
    align-items: end;
    margin-block-end: var(--_kaohe-space-small);
  }

  label.field { display: grid; gap: 2px; font-size: var(--_kaohe-font-size-small); }
  label.inline { display: inline-flex; gap: 0.4em; align-items: center; }

  select, input, textarea, button {
    font: inherit;
    color: inherit;
  }
  select, input[type='search'], input[type='date'], textarea {
    border: 1px solid var(--_kaohe-color-border);
    border-radius: var(--_kaohe-radius);
    padding: 0.25em 0.4em;
    background: var(--_kaohe-color-surface);
  }
  input[type='search'] { min-width: 16rem; }

  button {
    border: 1px solid var(--_kaohe-color-border);
    border-radius: var(--_kaohe-radius);
    background: var(--_kaohe-color-surface-raised);
    padding: 0.3em 0.8em;
    cursor: pointer;
  }
  button.primary {
    background: var(--_kaohe-color-accent);
    border-color: var(--_kaohe-color-accent);
    color: var(--_kaohe-color-on-accent);
  }
  button:disabled { cursor: not-allowed; opacity: 0.6; }

  .counts {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_kaohe-space);
    list-style: none;
    padding: 0;
    margin: 0 0 var(--_kaohe-space-small);
    font-size: var(--_kaohe-font-size-small);
    color: var(--_kaohe-color-text-muted);
  }

  .layout { display: grid; gap: var(--_kaohe-space); grid-template-columns: minmax(0, 1fr); }
  .layout.open { grid-template-columns: minmax(0, 3fr) minmax(20rem, 2fr); }
  @media (max-width: 60rem) {
    .layout.open { grid-template-columns: minmax(0, 1fr); }
  }

  [role='grid'] {
    display: block;
    height: var(--kaohe-inbox-height, 28rem);
    overflow: auto;
    border: 1px solid var(--_kaohe-color-border);
    border-radius: var(--_kaohe-radius);
    background: var(--_kaohe-color-surface);
    position: relative;
  }

  .head {
    position: sticky;
    top: 0;
    z-index: 1;
    background: var(--_kaohe-color-surface-raised);
    border-block-end: 1px solid var(--_kaohe-color-border);
  }

  .row {
    display: grid;
    grid-template-columns: var(--_columns);
    align-items: center;
    height: var(--_row-height);
    width: 100%;
    box-sizing: border-box;
    border-block-end: 1px solid var(--_kaohe-color-surface-raised);
  }
  .row > * { padding: 0.2rem 0.4rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }

  .body { position: relative; min-height: var(--_row-height); }
  /* A row's size never depends on its content, so a new row lays out and paints on its own. */
  .body .row { position: absolute; inset-inline: 0; cursor: pointer; contain: strict; }
  .body .row.active {
    outline: 2px solid var(--_kaohe-color-accent);
    outline-offset: -2px;
  }
  [role='grid']:focus-visible { outline: var(--_kaohe-focus-ring); outline-offset: var(--_kaohe-focus-offset); }
  .body .row[aria-selected='true'] { background: var(--_kaohe-color-surface-raised); }
  .body .row.opened { box-shadow: inset 4px 0 0 var(--_kaohe-color-accent); }

  [role='columnheader'] button {
    all: unset;
    cursor: pointer;
    font-weight: 600;
    font-size: var(--_kaohe-font-size-small);
  }
  [role='columnheader'] button:focus-visible { outline: var(--_kaohe-focus-ring); }

  .number, .muted { color: var(--_kaohe-color-text-muted); font-size: var(--_kaohe-font-size-small); }
  .badge {
    display: inline-block;
    padding: 0 0.4em;
    border-radius: var(--_kaohe-radius);
    font-size: var(--_kaohe-font-size-small);
  }
  .badge.opening { color: var(--_kaohe-color-text-muted); }
  .body .row.opening { cursor: progress; }
  .open-problem, .form-problem, .history-problem { display: flex; flex-wrap: wrap; gap: var(--_kaohe-space-small); align-items: center; }
  .open-problem .message, .form-problem .message, .history-problem .message { margin: 0; }
  /* the rubric form's frame: disabled (the form with it) once the task has left the list */
  .form-frame { border: 0; margin: 0; padding: 0; min-inline-size: 0; }
  .history h4:focus { outline: none; }
  .history h4:focus-visible { outline: var(--_kaohe-focus-ring); }
  .badge.overdue { color: var(--_kaohe-color-danger); background: var(--_kaohe-color-danger-surface); }
  .badge.returned { color: var(--_kaohe-color-warning); background: var(--_kaohe-color-warning-surface); }
  /* a returned task's reason, above the actions and the form */
  .return-note { border-inline-start: 4px solid var(--_kaohe-color-warning); background: var(--_kaohe-color-warning-surface); padding: var(--_kaohe-space-small); }
  .return-note h4, .return-note p { margin: 0; }
  .return-note blockquote { margin: var(--_kaohe-space-small) 0 0; white-space: pre-wrap; }
  .score { font-variant-numeric: tabular-nums; text-align: end; }

  .empty { padding: var(--_kaohe-space); color: var(--_kaohe-color-text-muted); }

  progress { width: 10rem; }
  .failures { color: var(--_kaohe-color-danger); margin: 0; padding-inline-start: 1.2rem; }

  /* The pane element renders into this tree (no shadow root): its section is the layout's column. */
  kaohe-task-pane { display: contents; }
  .pane {
    border: 1px solid var(--_kaohe-color-border);
    border-radius: var(--_kaohe-radius);
    padding: var(--_kaohe-space);
    display: grid;
    gap: var(--_kaohe-space);
    align-content: start;
    max-height: calc(var(--kaohe-inbox-height, 28rem) * 2);
    overflow: auto;
  }
  .pane header { display: flex; justify-content: space-between; gap: var(--_kaohe-space); align-items: start; }
  .pane h3:focus { outline: none; }
  .pane h3:focus-visible { outline: var(--_kaohe-focus-ring); }
  .message {
    padding: var(--_kaohe-space-small) var(--_kaohe-space);
    border-radius: var(--_kaohe-radius);
    background: var(--_kaohe-color-warning-surface);
    color: var(--_kaohe-color-warning);
  }
  .message:empty { display: none; }
  .actions { display: grid; gap: var(--_kaohe-space-small); }
  .actions .buttons { display: flex; flex-wrap: wrap; gap: var(--_kaohe-space-small); }
  .actions fieldset, .actions details { border: 1px solid var(--_kaohe-color-border); border-radius: var(--_kaohe-radius); display: grid; gap: var(--_kaohe-space-small); }
  .actions details { padding: var(--_kaohe-space-small); }
  .actions summary { cursor: pointer; font-weight: 600; }
  textarea { min-height: 3.5rem; resize: vertical; }
  .history ol { margin: 0; padding-inline-start: 1.2rem; display: grid; gap: var(--_kaohe-space-small); }
  .history q { display: block; color: var(--_kaohe-color-text-muted); }
`;
