// One canonical JSON for the whole project: the audit hash (store), "did this entry change" (workflow,
// the rubric form, the application service). Keys sorted, so the same value always gives the same text.

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
