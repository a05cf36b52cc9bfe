import { css } from 'lit';

/**
 * The design tokens every Kaohe element reads. A host themes all elements at once by setting the
 * public `--kaohe-*` properties anywhere above them (they inherit through shadow roots); the
 * private `--_kaohe-*` copies carry the defaults so component styles never repeat them.
 *
 * The defaults keep text at a contrast of at least 4.5:1 on the default surface (WCAG AA).
 */
export const tokenStyles = css`
  :host {
    --_kaohe-font-family: var(--kaohe-font-family, system-ui, -apple-system, 'Segoe UI', 'Noto Sans TC', 'Noto Sans SC', sans-serif);
    --_kaohe-font-size: var(--kaohe-font-size, 1rem);
    --_kaohe-font-size-small: var(--kaohe-font-size-small, 0.875rem);
    --_kaohe-color-text: var(--kaohe-color-text, #1f2328);
    --_kaohe-color-text-muted: var(--kaohe-color-text-muted, #565d66);
    --_kaohe-color-surface: var(--kaohe-color-surface, #ffffff);
    --_kaohe-color-surface-raised: var(--kaohe-color-surface-raised, #f6f8fa);
    --_kaohe-color-border: var(--kaohe-color-border, #8c959f);
    --_kaohe-color-accent: var(--kaohe-color-accent, #0b5cad);
    --_kaohe-color-on-accent: var(--kaohe-color-on-accent, #ffffff);
    --_kaohe-color-danger: var(--kaohe-color-danger, #b3261e);
    --_kaohe-color-danger-surface: var(--kaohe-color-danger-surface, #fdecea);
    --_kaohe-color-warning: var(--kaohe-color-warning, #7a4d00);
    --_kaohe-color-warning-surface: var(--kaohe-color-warning-surface, #fff4d6);
    --_kaohe-color-changed: var(--kaohe-color-changed, #6f42c1);
    --_kaohe-focus-ring: var(--kaohe-focus-ring, 3px solid #0b5cad);
    --_kaohe-focus-offset: var(--kaohe-focus-offset, 2px);
    --_kaohe-radius: var(--kaohe-radius, 6px);
    --_kaohe-space: var(--kaohe-space, 0.75rem);
    --_kaohe-space-small: var(--kaohe-space-small, 0.375rem);

    font-family: var(--_kaohe-font-family);
    font-size: var(--_kaohe-font-size);
    color: var(--_kaohe-color-text);
  }

  :host([hidden]) {
    display: none !important;
  }

  :focus-visible {
    outline: var(--_kaohe-focus-ring);
    outline-offset: var(--_kaohe-focus-offset);
  }

  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
