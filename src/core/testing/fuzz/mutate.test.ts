import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mutatedCsv } from './csvBytes';
import { type Json, mutatedJson, nodePaths, pathText } from './mutate';

const doc: Json = { format: 'x', model: { trees: [{ left: [1, -1, -1], values: [0.5, 1, 2] }], weights: 'AAAAAAAAAAAAAAAAAAAAAAAA' }, list: [1, 2, 3] };

describe('mutatedJson', () => {
  it('lists every node, parents first', () => {
    const paths = nodePaths({ a: [1, { b: 2 }] }).map(pathText);
    expect(paths).toEqual(['a', 'a[0]', 'a[1]', 'a[1].b']);
  });

  it('never changes the base, and says what each case did', () => {
    const before = JSON.stringify(doc);
    const cases = fc.sample(mutatedJson(doc), { seed: 1, numRuns: 300 });
    expect(JSON.stringify(doc)).toBe(before);
    for (const c of cases) {
      expect(c.mutations.length).toBeGreaterThanOrEqual(1);
      expect(c.mutations.length).toBeLessThanOrEqual(4);
    }
    // The edits cover the document: some cases differ, and edits land on the deep arrays and the top keys.
    expect(cases.filter((c) => JSON.stringify(c.doc) !== before).length).toBeGreaterThan(250);
    const all = cases.flatMap((c) => c.mutations).join('\n');
    for (const part of ['model.trees[0].left', 'format', 'model.weights: base64', 'key dropped', 'nested', 'swapped', 'made null']) expect(all).toContain(part);
  });

  it('draws the same cases from the same seed', () => {
    const a = fc.sample(mutatedJson(doc), { seed: 7, numRuns: 20 });
    const b = fc.sample(mutatedJson(doc), { seed: 7, numRuns: 20 });
    expect(a).toEqual(b);
  });

  it('keeps `__proto__` keys as data', () => {
    const cases = fc.sample(mutatedJson({ a: {} }), { seed: 3, numRuns: 500 });
    const proto = cases.find((c) => c.mutations.some((m) => m.includes('"__proto__" added')));
    expect(proto).toBeDefined();
    expect(JSON.stringify(proto!.doc)).toContain('"__proto__"');
  });
});

describe('mutatedCsv', () => {
  it('corrupts CSV bytes in the ways the readers must survive', () => {
    const cases = fc.sample(mutatedCsv(['a,b\n1,2\n"x",3\n'], 4096), { seed: 5, numRuns: 400 });
    const all = cases.flatMap((c) => c.mutations).join('\n');
    for (const part of ['quote inserted', 'latin1', 'UTF-16', 'invalid UTF-8', 'truncated', 'CRLF', '-byte field', 'emptied', 'binary']) expect(all).toContain(part);
    // Huge fields stay within the limit given (edits may then double a file: UTF-16, CRLF).
    expect(Math.max(...cases.map((c) => c.bytes.length))).toBeLessThan(1 << 16);
  });
});
