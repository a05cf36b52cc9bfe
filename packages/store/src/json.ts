/**
 * A deep copy that keeps only what JSON keeps. Every record goes through it before it is stored, so
 * IndexedDB, memory and a remote backend hold exactly the same thing and the caller's object is
 * never shared with the store.
 */
export function toJson<T>(value: T): T {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('Kaohe stores only JSON values; got ' + typeof value);
  return JSON.parse(text) as T;
}

/**
 * JSON with object keys sorted at every level and no whitespace, so the same value always gives
 * the same text (and the same hash) whatever order its keys were built in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return '[' + value.map((item) => (item === undefined || typeof item === 'function' ? 'null' : canonicalJson(item))).join(',') + ']';
  }
  const object = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(object).sort()) {
    const item = object[key];
    if (item === undefined || typeof item === 'function') continue;
    parts.push(JSON.stringify(key) + ':' + canonicalJson(item));
  }
  return '{' + parts.join(',') + '}';
}
