const ALPHABET = Uint8Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', (c) => c.charCodeAt(0));
const PAD = 61; // '='

/**
 * Base64 of raw bytes, without Node's Buffer or the DOM's btoa. The ASCII codes are written into a
 * byte array and decoded to a string once: building the string a character at a time took seconds
 * for the 8 MB of a 100k × 20 matrix, this ~50× less.
 */
export function bytesToBase64(bytes: Uint8Array): string {
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

/**
 * Float32 arrays as base64 text, for fitted states that hold whole matrices (k-NN's training rows,
 * DBSCAN's core points): a third of the size of a JSON number list, and exact. Bytes are
 * little-endian, as on every platform a browser runs on (the TF.js weights assume the same).
 */
export function float32ToBase64(values: Float32Array): string {
  return bytesToBase64(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
}

/** The float32 array encoded by `float32ToBase64`; `expected` guards against a truncated state. */
export function base64ToFloat32(text: string, expected: number): Float32Array {
  const bytes = base64ToBytes(text);
  if (bytes.length !== expected * 4) throw new Error(`internal error: expected ${expected} float32 values, got ${bytes.length / 4}`);
  // A copy: the decoded bytes may sit at an offset that is not a multiple of 4.
  return new Float32Array(bytes.slice().buffer);
}

const decodeTable = (() => {
  const t = new Int16Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) t[alphabet.charCodeAt(i)] = i;
  return t;
})();

/** Decodes base64 (standard alphabet, padding optional); throws on characters outside it. */
export function base64ToBytes(text: string): Uint8Array {
  const clean = text.replace(/[\s=]+/g, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const code = clean.charCodeAt(i);
    const v = code < 128 ? decodeTable[code] : -1;
    if (v < 0) throw new Error(`invalid base64 character at position ${i}`);
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buffer >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}
