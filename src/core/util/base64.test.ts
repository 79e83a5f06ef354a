import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from './base64';

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
