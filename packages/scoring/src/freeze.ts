/**
 * Freezes an object and everything it holds. Presets are shared by every caller, so a nested
 * field changed in place would change every later sheet or payslip; an editor works on a
 * `structuredClone` instead.
 */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Whether the value and everything it holds is frozen, so a cache keyed by it can never go stale. */
export function isDeepFrozen(value: unknown): boolean {
  if (!value || typeof value !== 'object') return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeepFrozen);
}
