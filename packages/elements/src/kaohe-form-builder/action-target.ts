/**
 * The `button[data-action]` a click inside `root` landed on, or null. A problem-summary link
 * (`a[data-focus]`) is handled here: it focuses the field it names instead of navigating.
 * Shared by the form builder and the chain editor, which delegate their clicks the same way.
 */
export function actionTarget(event: Event, root: HTMLElement | DocumentFragment): HTMLElement | null {
  const origin = event.composedPath()[0] as Element | undefined;
  if (!origin || origin.getRootNode() !== root) return null;
  const target = origin.closest<HTMLElement>('button[data-action], a[data-focus]');
  if (!target) return null;
  if (target instanceof HTMLAnchorElement) {
    event.preventDefault();
    root.querySelector<HTMLElement>(`#${CSS.escape(target.dataset.focus ?? '')}`)?.focus();
    return null;
  }
  return target;
}
