/**
 * FNV-1a (32-bit) over bytes, folded twice with different offsets into a 64-bit hex digest. Used for
 * data fingerprints: fast, dependency-free and stable across platforms; not cryptographic.
 */
export class Fingerprinter {
  private h1 = 0x811c9dc5;
  private h2 = 0x01000193 ^ 0x5bd1e995;

  /** Feeds raw bytes (any typed array is read through its underlying bytes). */
  update(data: ArrayBufferView): this {
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < bytes.length; i++) {
      h1 = Math.imul(h1 ^ bytes[i], 0x01000193);
      h2 = Math.imul(h2 ^ bytes[i], 0x5bd1e995);
    }
    this.h1 = h1;
    this.h2 = h2;
    return this;
  }

  /** Feeds a string as UTF-16 code units, with a separator so ["ab","c"] and ["a","bc"] differ. */
  updateString(s: string): this {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    h1 = Math.imul(h1 ^ 0xffff, 0x01000193);
    h2 = Math.imul(h2 ^ 0xffff, 0x5bd1e995);
    this.h1 = h1;
    this.h2 = h2;
    return this;
  }

  /** The digest as 16 hex characters. */
  digest(): string {
    return (this.h1 >>> 0).toString(16).padStart(8, '0') + (this.h2 >>> 0).toString(16).padStart(8, '0');
  }
}
