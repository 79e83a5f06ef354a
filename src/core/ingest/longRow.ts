import { concat } from '../util/bytes';

/**
 * Holds back the chunks that follow a row longer than a chunk until they at least match the bytes
 * carried, so a field of n bytes is copied and scanned O(log n) times rather than once per chunk
 * (a 500 MB field read in 4 MB chunks would otherwise be scanned again 125 times).
 */
export class LongRow {
  private waiting: Uint8Array[] = [];
  private waitingBytes = 0;

  /** The bytes to tokenize after `carry` now, or null to wait for more; `last` takes all that waits. */
  gather(carry: Uint8Array, chunk: Uint8Array, last = false): Uint8Array | null {
    if (this.waitingBytes === 0 && (last || carry.length <= chunk.length)) return chunk;
    this.waiting.push(chunk.slice()); // a copy: sources may reuse a chunk's buffer for a later one
    this.waitingBytes += chunk.length;
    if (!last && this.waitingBytes < carry.length) return null;
    return this.take();
  }

  /** `carry` and whatever still waits after it, at the end of the data. */
  rest(carry: Uint8Array): Uint8Array {
    return this.waitingBytes ? concat([carry, this.take()]) : carry;
  }

  private take(): Uint8Array {
    const out = concat(this.waiting);
    this.waiting = [];
    this.waitingBytes = 0;
    return out;
  }
}
