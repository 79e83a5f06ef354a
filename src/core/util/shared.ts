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

/**
 * How long a thread spins, in ms, before it sleeps in Atomics.wait: a training team's hand-overs
 * come every few hundred microseconds, and waking a sleeping thread can take longer than that.
 */
const SPIN_MS = 1;
/** Longest wait for a helper thread's part, in ms: far beyond any real part, short of hanging forever. */
const HELPER_TIMEOUT_MS = 120_000;

/** Busy-waits while `pending()` holds, for at most `ms`. */
function spinWhile(pending: () => boolean, ms: number): void {
  const until = performance.now() + ms;
  while (pending() && performance.now() < until) {
    // spinning
  }
}

/** A helper's wait for work: returns once control[index] is no longer `seen` (or on a notify), spinning a little before it sleeps. */
export function awaitChange(control: Int32Array, index: number, seen: number): void {
  spinWhile(() => Atomics.load(control, index) === seen, SPIN_MS);
  Atomics.wait(control, index, seen);
}

/** The caller's wait for a helper's part: returns once control[index] is `value`; throws "`who` stopped answering" after HELPER_TIMEOUT_MS. */
export function awaitValue(control: Int32Array, index: number, value: number, who: string): void {
  spinWhile(() => Atomics.load(control, index) !== value, SPIN_MS);
  for (let now = Atomics.load(control, index); now !== value; now = Atomics.load(control, index)) {
    if (Atomics.wait(control, index, now, HELPER_TIMEOUT_MS) === 'timed-out') throw new Error(`${who} stopped answering`);
  }
}
