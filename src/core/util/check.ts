import { SaplingError } from './errors';

/**
 * Small checks for reading untrusted JSON (model files, project files): each takes the value and
 * its path in the file (`model.state.trees[3].left`) and either returns it typed or throws one
 * `bad-model-file` SaplingError naming the path, e.g. `model.state.trees[3].left[17]: points back
 * to node 5`. Every check is one pass over what it is given, so checking a file costs time linear
 * in its size; nothing here allocates more than the value it reads.
 */

/** The error code a failed check throws unless told otherwise. */
export const BAD_MODEL_FILE = 'bad-model-file';

/** Throws the one-line error of a check: `<path>: <problem>`. */
export function fail(path: string, problem: string, code = BAD_MODEL_FILE): never {
  throw new SaplingError(code, `${path}: ${problem}`);
}

/** A short rendering of a bad value for a message (never the whole of a large one). */
export function shown(x: unknown): string {
  if (x === undefined) return 'nothing';
  if (Array.isArray(x)) return `an array of ${x.length}`;
  if (typeof x === 'object' && x !== null) return 'an object';
  const text = typeof x === 'string' ? JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x) : String(x);
  return text;
}

/** A plain object (not an array, not null). */
export function checkObject(x: unknown, path: string): Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) fail(path, `expected an object, got ${shown(x)}`);
  return x as Record<string, unknown>;
}

/** An array, of exactly `length` items when given. */
export function checkArray(x: unknown, path: string, length?: number): unknown[] {
  if (!Array.isArray(x)) fail(path, `expected an array, got ${shown(x)}`);
  if (length !== undefined && x.length !== length) fail(path, `has ${x.length} items where ${length} are expected`);
  return x;
}

/** A finite number within [min, max]. */
export function checkNumber(x: unknown, path: string, min = -Infinity, max = Infinity): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) fail(path, `expected a finite number, got ${shown(x)}`);
  if (x < min || x > max) fail(path, `${x} is out of range [${min}, ${max}]`);
  return x;
}

/** A whole number within [min, max]. */
export function checkInteger(x: unknown, path: string, min: number, max: number): number {
  if (typeof x !== 'number' || !Number.isInteger(x)) fail(path, `expected a whole number, got ${shown(x)}`);
  if (x < min || x > max) fail(path, `${x} is out of range [${min}, ${max}]`);
  return x;
}

/** A string, one of `options` when given. */
export function checkString(x: unknown, path: string, options?: readonly string[]): string {
  if (typeof x !== 'string') fail(path, `expected a string, got ${shown(x)}`);
  if (options && !options.includes(x)) fail(path, `${shown(x)} is not one of ${options.join(', ')}`);
  return x;
}

/** A boolean. */
export function checkBoolean(x: unknown, path: string): boolean {
  if (typeof x !== 'boolean') fail(path, `expected true or false, got ${shown(x)}`);
  return x;
}

/** An array of finite numbers in [min, max] (of `length` items when given). */
export function checkNumbers(x: unknown, path: string, length?: number, min = -Infinity, max = Infinity): number[] {
  const a = checkArray(x, path, length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) checkNumber(v, `${path}[${i}]`, min, max);
  }
  return a as number[];
}

/** An array of whole numbers in [min, max] (of `length` items when given). */
export function checkIntegers(x: unknown, path: string, min: number, max: number, length?: number): number[] {
  const a = checkArray(x, path, length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) checkInteger(v, `${path}[${i}]`, min, max);
  }
  return a as number[];
}

/** An array of strings (of `length` items when given). */
export function checkStrings(x: unknown, path: string, length?: number): string[] {
  const a = checkArray(x, path, length);
  for (let i = 0; i < a.length; i++) if (typeof a[i] !== 'string') checkString(a[i], `${path}[${i}]`);
  return a as string[];
}

/** An array of strings with no repeats (labels that become column names must not collide). */
export function checkDistinctStrings(x: unknown, path: string, length?: number): string[] {
  const a = checkStrings(x, path, length);
  const seen = new Map<string, number>();
  a.forEach((s, i) => {
    const first = seen.get(s);
    if (first !== undefined) fail(`${path}[${i}]`, `repeats ${shown(s)} (also at [${first}])`);
    seen.set(s, i);
  });
  return a;
}

/** An array of booleans (of `length` items when given). */
export function checkBooleans(x: unknown, path: string, length?: number): boolean[] {
  const a = checkArray(x, path, length);
  for (let i = 0; i < a.length; i++) if (typeof a[i] !== 'boolean') checkBoolean(a[i], `${path}[${i}]`);
  return a as boolean[];
}

/** Base64 in the standard alphabet with at most two `=` of padding, as Sapling writes it. */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The number of bytes base64 text decodes to, worked out from its length without decoding it. */
export function checkBase64(x: unknown, path: string): number {
  const text = checkString(x, path);
  if (!BASE64.test(text) || text.length % 4 === 1) fail(path, 'is not base64 text');
  let pad = 0;
  while (pad < text.length && text.charCodeAt(text.length - 1 - pad) === 61) pad++;
  return Math.floor(((text.length - pad) * 3) / 4);
}

/**
 * Base64 of exactly `count` float32 values (`float32ToBase64`). The count is what a reader would
 * allocate, so this is the check that keeps an allocation bounded by the text that carries it.
 */
export function checkBase64Floats(x: unknown, path: string, count: number): string {
  const bytes = checkBase64(x, path);
  if (bytes !== count * 4) fail(path, `holds ${bytes / 4} float32 values where ${count} are expected`);
  return x as string;
}

/** Checks a null-prototype or plain object's entries with `check(value, path)`; returns the entries. */
export function checkEntries<T>(x: unknown, path: string, check: (value: unknown, path: string) => T): [string, T][] {
  const o = checkObject(x, path);
  return Object.keys(o).map((key) => [key, check(o[key], `${path}[${JSON.stringify(key)}]`)]);
}
