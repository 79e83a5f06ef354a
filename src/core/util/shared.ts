/** A typed array whose elements can be read as numbers by index and which can be rebuilt on another buffer. */
type Shareable = Float32Array | Float64Array | Int32Array | Int8Array | Uint8Array;

/**
 * A copy of `values` in shared memory, so helper threads read it without a copy of their own; the
 * array itself where there is no shared memory (a page without cross-origin isolation).
 */
export function shared<T extends Shareable>(values: T): T {
  if (typeof SharedArrayBuffer === 'undefined' || isShared(values.buffer)) return values;
  const Ctor = values.constructor as new (buffer: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(values.byteLength));
  out.set(values as never);
  return out;
}

/** Whether `buffer` is shared memory: false everywhere a page has none (without cross-origin isolation `SharedArrayBuffer` is not even defined). */
export function isShared(buffer: ArrayBufferLike): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer;
}
