// Paths in the form validateRubric reports them (`sections[0].items[1].rule.amount`), so a problem
// found by the validator can be traced to the very field that edits it.

export type PathKey = string | number;

/** `sections[0].items[1].label.en` → ['sections', 0, 'items', 1, 'label', 'en']. */
export function parsePath(path: string): PathKey[] {
  const keys: PathKey[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) keys.push(Number(match[2]));
    else if (match[1] !== undefined) keys.push(match[1]);
  }
  return keys;
}

/** The value at `path`, or undefined when any step of the way is missing. */
export function getAt(root: unknown, path: string | readonly PathKey[]): unknown {
  const keys = typeof path === 'string' ? parsePath(path) : path;
  let node: unknown = root;
  for (const key of keys) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PathKey, unknown>)[key];
  }
  return node;
}

/**
 * A copy of `root` with `value` at `path`; objects on the way are copied, never changed in place
 * (drafts live in an undo history). `undefined` removes the key, so an optional field left empty
 * disappears instead of reaching the validator as an empty string. Missing objects on the way are
 * created, so setting `sections[0].gate.id` on a section without a gate makes one.
 */
export function setAt<T>(root: T, path: string | readonly PathKey[], value: unknown): T {
  const keys = typeof path === 'string' ? parsePath(path) : path;
  if (keys.length === 0) return value as T;
  const [key, ...rest] = keys as [PathKey, ...PathKey[]];
  const node = (root ?? (typeof key === 'number' ? [] : {})) as Record<PathKey, unknown>;
  const copy = (Array.isArray(node) ? [...node] : { ...node }) as Record<PathKey, unknown>;
  const next = rest.length === 0 ? value : setAt(copy[key], rest, value);
  if (next === undefined && !Array.isArray(copy)) delete copy[key];
  else copy[key] = next;
  return copy as T;
}
