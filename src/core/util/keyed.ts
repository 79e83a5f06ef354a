/**
 * Records keyed by user strings (column names, categories, classes, parameter ids). A plain object
 * answers `constructor`, `toString` or `hasOwnProperty` with what it inherits, and an assignment to
 * `__proto__` replaces its prototype instead of storing a value. So such records are made without a
 * prototype, and read only through their own properties: a record that came back from `JSON.parse`
 * or `postMessage` has `Object.prototype` again (while an own `__proto__` key survives both).
 */

/** A record keyed by user strings: no prototype, so every string is an ordinary key. */
export type Keyed<T> = Record<string, T>;

/** A new record without a prototype, holding `entries` (later entries win). */
export function keyed<T>(entries: Iterable<readonly [string, T]> = []): Keyed<T> {
  const out = Object.create(null) as Keyed<T>;
  for (const [key, value] of entries) out[key] = value;
  return out;
}

/** The value `record` holds under `key` as its own property (never an inherited one), or undefined. */
export function own<T>(record: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return record != null && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Whether `record` holds `key` as its own property (`in` also answers true for inherited names). */
export function hasOwn(record: object | null | undefined, key: string): boolean {
  return record != null && Object.hasOwn(record, key);
}
