import { base64ToBytes } from '../../util/base64';

/**
 * Float32 arrays as base64 text, for fitted states that hold whole training matrices: a third of
 * the size of a JSON number list and exact. Bytes are little-endian, as on every platform a browser
 * runs on (the TF.js weights in network.ts assume the same).
 */

const ALPHABET = Uint8Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', (c) => c.charCodeAt(0));
const PAD = 61; // '='

/**
 * Base64 of the array's float32 bytes, the same text as util/base64's `bytesToBase64`. That one
 * builds the string a character at a time, which takes seconds for the 8 MB of a 100k × 20 matrix;
 * writing ASCII codes into bytes and decoding them once is ~50× faster.
 */
export function float32ToBase64(values: Float32Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o++] = ALPHABET[v >> 18];
    out[o++] = ALPHABET[(v >> 12) & 63];
    out[o++] = ALPHABET[(v >> 6) & 63];
    out[o++] = ALPHABET[v & 63];
  }
  if (i < bytes.length) {
    const two = i + 1 < bytes.length;
    const v = (bytes[i] << 16) | ((two ? bytes[i + 1] : 0) << 8);
    out[o] = ALPHABET[v >> 18];
    out[o + 1] = ALPHABET[(v >> 12) & 63];
    out[o + 2] = two ? ALPHABET[(v >> 6) & 63] : PAD;
    out[o + 3] = PAD;
  }
  return new TextDecoder().decode(out);
}

/** The float32 array encoded by `float32ToBase64`; `expected` guards against a truncated state. */
export function base64ToFloat32(text: string, expected: number): Float32Array {
  const bytes = base64ToBytes(text);
  if (bytes.length !== expected * 4) throw new Error(`internal error: expected ${expected} float32 values, got ${bytes.length / 4}`);
  // A copy: the decoded bytes may sit at an offset that is not a multiple of 4.
  return new Float32Array(bytes.slice().buffer);
}
