import { describe, expect, it } from 'vitest';
import { base64ToBytes, base64ToFloat32, bytesToBase64, float32ToBase64 } from './base64';

describe('base64', () => {
  it('matches known encodings and round-trips every length', () => {
    const enc = new TextEncoder();
    expect(bytesToBase64(enc.encode('Man'))).toBe('TWFu');
    expect(bytesToBase64(enc.encode('Ma'))).toBe('TWE=');
    expect(bytesToBase64(enc.encode('M'))).toBe('TQ==');
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n * 997 }, (_, i) => (i * 31 + n) & 255);
      expect(Array.from(base64ToBytes(bytesToBase64(bytes)))).toEqual(Array.from(bytes));
    }
  });

  it('rejects characters outside the alphabet', () => {
    expect(() => base64ToBytes('TW*u')).toThrow(/invalid base64/);
  });
});

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
