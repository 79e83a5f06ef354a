import { base64ToBytes, bytesToBase64 } from '../../util/base64';

/**
 * Float32 arrays as base64 text, for fitted states that hold whole training matrices: a third of
 * the size of a JSON number list and exact. Bytes are little-endian, as on every platform a browser
 * runs on (the TF.js weights in network.ts assume the same).
 */

/** Base64 of the array's float32 bytes. */
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
