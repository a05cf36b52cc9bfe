// An element Kaohe.create made before its tag's module arrived is a plain element until then, and a
// host that awaits `element.updateComplete` (lit's promise) would get undefined at once. Until its
// class is here, the element answers `updateComplete` itself: a promise that waits for the module,
// upgrades the element and then waits for its first render. The own property removes itself on its
// first read after the upgrade, so lit's getter answers from then on.

/** Gives `element` (not yet defined) an `updateComplete` that waits for `defined` first. */
export function answerUpdateComplete(element: HTMLElement, defined: Promise<unknown>): void {
  if (customElements.get(element.localName) || Object.prototype.hasOwnProperty.call(element, 'updateComplete')) return;
  Object.defineProperty(element, 'updateComplete', {
    configurable: true,
    get: () => defined.then(() => {
      delete (element as { updateComplete?: unknown }).updateComplete;
      customElements.upgrade(element);
      return (element as HTMLElement & { updateComplete?: Promise<boolean> }).updateComplete;
    }),
  });
}
