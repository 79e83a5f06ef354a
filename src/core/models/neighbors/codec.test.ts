import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../../util/base64';
import { base64ToFloat32, float32ToBase64 } from './codec';

describe('float32 base64 codec', () => {
  it('writes the same text as bytesToBase64 and reads it back exactly, for every padding length', () => {
    for (const length of [0, 1, 2, 3, 7, 100]) {
      const values = Float32Array.from({ length }, (_, i) => Math.fround(Math.sin(i + 1) * 10 ** (i % 7)));
      // A view at an offset, as a subarray of a larger matrix would be.
      const view = new Float32Array(values.length + 1).fill(-1).subarray(1);
      view.set(values);
      const text = float32ToBase64(view);
      expect(text).toBe(bytesToBase64(new Uint8Array(values.buffer)));
      expect(Array.from(base64ToFloat32(text, length))).toEqual(Array.from(values));
    }
  });

  it('refuses text of the wrong length', () => {
    expect(() => base64ToFloat32(float32ToBase64(Float32Array.of(1, 2)), 3)).toThrow(/expected 3/);
  });
});
