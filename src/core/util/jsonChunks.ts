import { CHUNK_CHARS } from './textChunks';

/**
 * `JSON.stringify(value, null, space)` as chunks of about `size` characters, never one string, so a
 * model file or a project of any size can be written (V8's strings stop at ~2^29 characters). The
 * text is the same as `JSON.stringify`'s (tested): `toJSON`, boxed primitives, skipped `undefined`
 * and functions, `null` for non-finite numbers, key order, indentation, and a TypeError on cycles
 * and BigInts. No replacer. A single string longer than a chunk stands as a chunk of its own.
 */
export function* jsonChunks(value: unknown, space = 0, size = CHUNK_CHARS): Generator<string, void, undefined> {
  const gap = ' '.repeat(Math.max(0, Math.min(10, Math.floor(space))));
  const ancestors: object[] = [];
  let out = '';

  function* walk(v: object, indent: string): Generator<string, void, undefined> {
    if (ancestors.includes(v)) throw new TypeError('Converting circular structure to JSON');
    ancestors.push(v);
    const inner = indent + gap;
    const before = gap ? `\n${inner}` : '';
    const after = gap ? `\n${indent}` : '';
    const array = Array.isArray(v);
    const keys = array ? null : Object.keys(v);
    const n = array ? v.length : keys!.length;
    let written = 0;
    out += array ? '[' : '{';
    for (let i = 0; i < n; i++) {
      const key = array ? String(i) : keys![i];
      const item = resolve((v as Record<string, unknown>)[key], key);
      if (skipped(item) && !array) continue;
      out += (written++ ? ',' : '') + before + (array ? '' : JSON.stringify(key) + (gap ? ': ' : ':'));
      if (skipped(item)) out += 'null';
      else if (item === null || typeof item !== 'object') out += JSON.stringify(item);
      else yield* walk(item, inner);
      if (out.length >= size) {
        yield out;
        out = '';
      }
    }
    out += (written ? after : '') + (array ? ']' : '}');
    ancestors.pop();
  }

  const top = resolve(value, '');
  if (skipped(top)) return;
  if (top === null || typeof top !== 'object') out = JSON.stringify(top);
  else yield* walk(top, '');
  if (out) yield out;
}

/** A value as JSON.stringify sees it: after `toJSON(key)`, boxed primitives unboxed. */
function resolve(v: unknown, key: string): unknown {
  if ((typeof v === 'object' && v !== null) || typeof v === 'bigint') {
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') v = toJSON.call(v, key);
  }
  if (v instanceof Number || v instanceof String || v instanceof Boolean || v instanceof BigInt) return v.valueOf();
  return v;
}

/** Values JSON leaves out of objects (and writes as null in arrays). */
function skipped(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}
