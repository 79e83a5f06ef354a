import type { FieldDecoder } from './fields';
import { trimEnd, trimStart, unescapeQuotes } from './fields';
import { DICTIONARY_CHECK_BYTES, STRING_HEADER_BYTES, type Measured } from './memory';

/**
 * Maps field bytes to dense codes without making a string per field: an open-addressing hash table
 * over the bytes (FNV-1a), with the bytes kept in an arena to confirm matches. Each distinct value
 * is decoded to a string once. This is what makes categorical columns cheap to read.
 */
export class ByteDictionary implements Measured {
  private table: Int32Array = new Int32Array(1024); // code + 1; 0 = empty
  private hashes: Int32Array = new Int32Array(256);
  private offsets: Int32Array = new Int32Array(256);
  private lengths: Int32Array = new Int32Array(256);
  private arena: Uint8Array = new Uint8Array(4096);
  private arenaUsed = 0;
  readonly values: string[] = [];
  /** Total characters over all occurrences (for the mean length that tells text from categories). */
  totalLength = 0;
  /** Bytes of the decoded strings' characters (two per character unless ASCII). */
  private stringBytes = 0;
  private nextCheck = DICTIONARY_CHECK_BYTES;
  /** Called each time the dictionary has grown by `DICTIONARY_CHECK_BYTES` (the reader's memory gauge). */
  onGrow: (() => void) | null = null;

  constructor(private readonly decoder: FieldDecoder) {}

  /** The code of buf[s, e) (trimmed); `escaped` fields have `""` inside and are unescaped first. */
  code(buf: Uint8Array, s: number, e: number, escaped: boolean): number {
    s = trimStart(buf, s, e);
    e = trimEnd(buf, s, e);
    if (escaped) {
      const bytes = unescapeQuotes(buf, s, e, this.decoder.quote);
      return this.codeOf(bytes, 0, bytes.length);
    }
    return this.codeOf(buf, s, e);
  }

  /** Distinct values so far. */
  get size(): number {
    return this.values.length;
  }

  /** Bytes this dictionary holds: its arrays as allocated, and a V8 string per value (see `memory.ts`). */
  get bytes(): number {
    const arrays = this.table.length * 4 + this.hashes.length * 12 + this.arena.length;
    return arrays + this.values.length * (STRING_HEADER_BYTES + 8) + this.stringBytes;
  }

  private codeOf(buf: Uint8Array, s: number, e: number): number {
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    const mask = this.table.length - 1;
    const len = e - s;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[slot];
      if (entry === 0) {
        const code = this.insert(buf, s, e, h);
        this.table[slot] = code + 1;
        if (this.values.length * 2 > this.table.length) this.rehash();
        this.totalLength += this.values[code].length;
        return code;
      }
      const code = entry - 1;
      if (this.hashes[code] === h && this.lengths[code] === len && this.same(buf, s, code)) {
        this.totalLength += this.values[code].length;
        return code;
      }
    }
  }

  private same(buf: Uint8Array, s: number, code: number): boolean {
    const off = this.offsets[code];
    const len = this.lengths[code];
    const arena = this.arena;
    for (let i = 0; i < len; i++) if (arena[off + i] !== buf[s + i]) return false;
    return true;
  }

  private insert(buf: Uint8Array, s: number, e: number, h: number): number {
    const code = this.values.length;
    const len = e - s;
    if (code === this.hashes.length) {
      this.hashes = grow(this.hashes);
      this.offsets = grow(this.offsets);
      this.lengths = grow(this.lengths);
    }
    while (this.arenaUsed + len > this.arena.length) {
      const bigger = new Uint8Array(this.arena.length * 2);
      bigger.set(this.arena);
      this.arena = bigger;
    }
    this.arena.set(buf.subarray(s, e), this.arenaUsed);
    this.hashes[code] = h;
    this.offsets[code] = this.arenaUsed;
    this.lengths[code] = len;
    this.arenaUsed += len;
    const text = this.decoder.decode(buf, s, e, false);
    this.values.push(text);
    this.stringBytes += text.length === len ? len : 2 * text.length;
    if (this.onGrow) {
      const bytes = this.bytes;
      if (bytes >= this.nextCheck) {
        this.nextCheck = bytes + DICTIONARY_CHECK_BYTES;
        this.onGrow();
      }
    }
    return code;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let code = 0; code < this.values.length; code++) {
      let slot = this.hashes[code] & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = code + 1;
    }
    this.table = table;
  }
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
