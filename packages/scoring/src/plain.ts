// What the hand-written fast paths (sheet-check.ts for sheets, pay/compiled.ts for pay requests) take
// as plain data: an object as JSON, structuredClone and IndexedDB give it. Anything else goes through
// the schema.

/** An object whose prototype is Object.prototype or null: no class instance, no array, no proxy of one. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
