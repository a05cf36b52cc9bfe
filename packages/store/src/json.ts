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

// Lives in @kaohe/scoring so that workflow, which store builds on, compares entries the same way.
export { canonicalJson } from '@kaohe/scoring';
