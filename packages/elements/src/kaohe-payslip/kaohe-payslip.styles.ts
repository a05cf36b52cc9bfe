import { css } from 'lit';

export const payslipStyles = css`
  :host {
    display: block;
    max-width: var(--kaohe-payslip-width, 48rem);
    background: var(--_kaohe-color-surface);
  }

  article {
    border: 1px solid var(--_kaohe-color-border);
    border-radius: var(--_kaohe-radius);
    padding: var(--_kaohe-space);
  }

  h2 {
    margin: 0 0 var(--_kaohe-space-small);
    font-size: 1.25rem;
  }

  h3 {
    margin: var(--_kaohe-space) 0 var(--_kaohe-space-small);
    font-size: 1rem;
  }

  dl.meta {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.125rem var(--_kaohe-space);
    margin: 0 0 var(--_kaohe-space);
    color: var(--_kaohe-color-text-muted);
    font-size: var(--_kaohe-font-size-small);
  }

  dl.meta dd {
    margin: 0;
    color: var(--_kaohe-color-text);
  }

  table {
    width: 100%;
    border-collapse: collapse;
  }

  caption {
    text-align: start;
    color: var(--_kaohe-color-text-muted);
    font-size: var(--_kaohe-font-size-small);
    padding-bottom: var(--_kaohe-space-small);
  }

  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: var(--_kaohe-space-small);
    border-bottom: 1px solid var(--_kaohe-color-border);
  }

  .amount {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }

  .calculation {
    font-size: var(--_kaohe-font-size-small);
  }

  .calculation .value {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }

  tfoot th,
  tfoot td {
    font-weight: 700;
    border-bottom: 2px solid var(--_kaohe-color-text);
  }

  .flags {
    margin: var(--_kaohe-space) 0 0;
    padding: var(--_kaohe-space-small) var(--_kaohe-space);
    border-inline-start: 4px solid var(--_kaohe-color-danger);
    background: var(--_kaohe-color-danger-surface);
    color: var(--_kaohe-color-text);
  }

  .flags ul,
  .settings {
    margin: 0;
    padding-inline-start: 1.25rem;
  }

  .settings {
    font-size: var(--_kaohe-font-size-small);
    color: var(--_kaohe-color-text-muted);
  }

  .actions {
    margin-top: var(--_kaohe-space);
    display: flex;
    gap: var(--_kaohe-space-small);
  }

  button {
    font: inherit;
    padding: var(--_kaohe-space-small) var(--_kaohe-space);
    border-radius: var(--_kaohe-radius);
    border: 1px solid var(--_kaohe-color-accent);
    background: var(--_kaohe-color-accent);
    color: var(--_kaohe-color-on-accent);
    cursor: pointer;
  }

  .refused {
    padding: var(--_kaohe-space);
    border: 1px solid var(--_kaohe-color-border);
    border-radius: var(--_kaohe-radius);
    background: var(--_kaohe-color-surface-raised);
  }

  /* One clean A4 page: no buttons or tinted boxes, black on white, compact type. */
  @media print {
    :host {
      max-width: none;
      color: #000;
      background: #fff;
      font-size: 10.5pt;
    }

    article {
      border: none;
      padding: 0;
    }

    .actions,
    button {
      display: none !important;
    }

    .flags {
      background: #fff;
      border: 1px solid #000;
      border-inline-start-width: 3px;
    }

    dl.meta,
    caption,
    .settings {
      color: #000;
    }

    th,
    td {
      border-bottom-color: #000;
      padding: 2pt 4pt;
    }

    tr {
      break-inside: avoid;
    }
  }
`;
