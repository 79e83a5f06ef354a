import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonChunks } from './jsonChunks';
import { blobFromChunks, writeAll } from './textChunks';

const text = (value: unknown, space?: number, size?: number) => [...jsonChunks(value, space, size)].join('');

describe('jsonChunks', () => {
  it('writes what JSON.stringify writes, compact and indented, whatever the chunk size', () => {
    fc.assert(
      fc.property(fc.anything({ withBoxedValues: true, withDate: true, withNullPrototype: true, withSparseArray: true, withTypedArray: true }), fc.constantFrom(0, 1, 2, 4), fc.integer({ min: 1, max: 64 }), (value, space, size) => {
        expect(text(value, space, size)).toBe(JSON.stringify(value, null, space) ?? '');
      }),
      { numRuns: 300 },
    );
  });

  it('handles what JSON.stringify special-cases', () => {
    const cases: unknown[] = [
      { a: undefined, b: () => 1, c: Symbol('s'), d: [undefined, () => 1, NaN, -0, Infinity] },
      { toJSON: (key: string) => `key:${key}` },
      { nested: { toJSON: (key: string) => ({ key }) }, when: new Date(Date.UTC(2026, 0, 2)) },
      [[], {}, [[]], { a: {} }],
      new Float32Array([1.5, 2]),
      'a "quoted"\nline \u2028 \ud800',
      undefined,
    ];
    for (const value of cases) for (const space of [0, 2]) expect(text(value, space, 3)).toBe(JSON.stringify(value, null, space) ?? '');
  });

  it('throws as JSON.stringify does on cycles and BigInts', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = { back: loop };
    expect(() => text(loop)).toThrow(TypeError);
    expect(() => text({ n: 1n })).toThrow(TypeError);
    // The same object twice (not a cycle) is fine.
    const shared = { x: 1 };
    expect(text([shared, shared])).toBe('[{"x":1},{"x":1}]');
  });

  it('keeps chunks near their size and writes past 2^29 characters, which one string cannot hold', async () => {
    const piece = 'w'.repeat(4096);
    const weights = Array.from({ length: 140_000 }, () => piece); // 573 M characters, one shared string
    let total = 0;
    let largest = 0;
    for (const chunk of jsonChunks({ weights }, 0, 1 << 20)) {
      total += chunk.length;
      largest = Math.max(largest, chunk.length);
    }
    expect(total).toBe('{"weights":[]}'.length + weights.length * (piece.length + 3) - 1);
    expect(total).toBeGreaterThan(2 ** 29);
    expect(largest).toBeLessThanOrEqual((1 << 20) + piece.length + 3);
  }, 60_000);

  it('becomes a Blob without joining the chunks', async () => {
    const value = { rows: Array.from({ length: 2000 }, (_, i) => ({ i, label: `=row ${i}` })) };
    const blob = await blobFromChunks((write) => writeAll(jsonChunks(value, 2, 100), write), 'application/json');
    expect(blob.type).toBe('application/json');
    expect(await blob.text()).toBe(JSON.stringify(value, null, 2));
  });
});
