import { describe, expect, it } from 'vitest';
import type { CodedColumn } from '../table/column';
import { ByteDictionary } from './dictionary';
import { FieldDecoder } from './fields';
import { estimateDictionaries } from './memory';
import { type ParallelHost, parsePart } from './parallel';
import { readCsv } from './reader';
import { bytesSource } from './source';

/**
 * Honest memory (issue 11, fault 7): the estimate counted 4 bytes per string value, so a file of a
 * million distinct strings took 50 times the estimate. It now counts the dictionaries, up front
 * from the head and while reading, and refuses a file that would not fit, naming the column.
 */

const enc = new TextEncoder();

/** `rows` rows of an id column (distinct from row `distinctFrom` on, two values before) and a number. */
function idsCsv(rows: number, distinctFrom = 0): Uint8Array {
  const lines = ['id,x'];
  for (let i = 0; i < rows; i++) lines.push(`${i < distinctFrom ? (i % 2 ? 'even' : 'odd') : `user-${(i * 7919).toString(36).padStart(10, '0')}`},${i % 10}`);
  return enc.encode(lines.join('\n') + '\n');
}

/** The same shape with a column of four colours. */
function coloursCsv(rows: number): Uint8Array {
  const colours = ['red-xxxxxxxxxx', 'green-xxxxxxxx', 'blue-xxxxxxxxx', 'teal-xxxxxxxxx'];
  const lines = ['id,x'];
  for (let i = 0; i < rows; i++) lines.push(`${colours[i % 4]},${i % 10}`);
  return enc.encode(lines.join('\n') + '\n');
}

const MB = 1 << 20;

describe('honest memory', () => {
  it('refuses a high-cardinality column against a small budget up front, naming the column and the figures', async () => {
    const bytes = idsCsv(300_000);
    const error = await readCsv(bytesSource(bytes), { memoryBudget: 8 * MB }).catch((e) => e);
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(
      /^column "id" looks like it has about 300,\d{3} distinct texts \(~\d+\.\d MB with its dictionary\); this file would need ~\d+\.\d MB, over the 8\.0 MB of memory available here\. Read a sample instead \(the first [\d,]+ rows or fewer\), or leave out or shorten that column\.$/,
    );
    // A low-cardinality file of the same size and shape reads within the same budget.
    const same = coloursCsv(300_000);
    expect(Math.abs(same.length - bytes.length) / bytes.length).toBeLessThan(0.1);
    const { table } = await readCsv(bytesSource(same), { memoryBudget: 8 * MB });
    expect(table.rowCount).toBe(300_000);
    expect((table.columns[0] as CodedColumn).categories).toHaveLength(4);
  });

  it('stops a file whose distinct values only start past its head, before reading it all', async () => {
    const bytes = idsCsv(400_000, 50_000); // the head sees two values; the rest are all new
    let rowsSeen = 0;
    const error = await readCsv(bytesSource(bytes), { memoryBudget: 12 * MB, onProgress: (p) => (rowsSeen = p.rows) }).catch((e) => e);
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/^column "id" has [\d,]+ distinct texts so far \(~\d+\.\d MB with its dictionary\); this file would need ~\d+\.\d MB, over the 12\.0 MB of memory available here\. Read a sample instead/);
    expect(rowsSeen).toBeLessThan(400_000); // stopped while streaming
    // With room for it, the same file reads whole.
    const { table } = await readCsv(bytesSource(bytes), { memoryBudget: 200 * MB });
    expect(table.rowCount).toBe(400_000);
  });

  it('stops the parts of a parallel read too, with the same kind of message', async () => {
    const bytes = idsCsv(400_000, 50_000);
    const source = bytesSource(bytes);
    const host: ParallelHost = { workers: 2, minBytes: 0, run: (task) => parsePart(source, task) };
    const error = await readCsv(source, { memoryBudget: 12 * MB, parallel: host }).catch((e) => e);
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/^column "id" has about [\d,]+ distinct texts so far/);
    expect((await readCsv(source, { memoryBudget: 200 * MB, parallel: host })).table.rowCount).toBe(400_000);
  });

  it('a head sample is not refused up front, and a re-read column is watched as well', async () => {
    const bytes = idsCsv(300_000);
    const { table } = await readCsv(bytesSource(bytes), { memoryBudget: 8 * MB, sample: { mode: 'head', rows: 1000 } });
    expect(table.rowCount).toBe(1000);
    // A column that looks numeric in the head and turns to distinct texts later is read again as text: watched too.
    const lines = ['v,x', ...Array.from({ length: 400_000 }, (_, i) => `${i < 10_000 ? i : `t${i.toString(36)}-${i}`},${i % 3}`)];
    const mixed = enc.encode(lines.join('\n') + '\n');
    const error = await readCsv(bytesSource(mixed), { memoryBudget: 12 * MB }).catch((e) => e);
    expect(error.message).toMatch(/^column "v" has [\d,]+ distinct texts so far/);
  });

  it('estimates the distinct values from the head: ids grow with the rows, categories do not', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `id-${i}`);
    const colours = Array.from({ length: 5000 }, (_, i) => ['red', 'green', 'blue'][i % 3]);
    const [a, b] = estimateDictionaries(['categorical', 'categorical'], [ids, colours], 1_000_000, false);
    expect(a.distinct).toBe(1_000_000);
    expect(b.distinct).toBe(3);
    expect(estimateDictionaries(['numeric'], [['1']], 10, false)).toEqual([]);
  });

  it('measures a dictionary as it grows: about what V8 takes for a million distinct strings', () => {
    const dictionary = new ByteDictionary(new FieldDecoder('utf-8', 34));
    let calls = 0;
    dictionary.onGrow = () => calls++;
    for (let i = 0; i < 100_000; i++) {
      const b = enc.encode(`k${i.toString(36).padStart(15, '0')}`);
      dictionary.code(b, 0, b.length, false);
    }
    // 16 ASCII characters: 80–107 bytes a value measured with process.memoryUsage (see memory.ts).
    expect(dictionary.bytes / dictionary.size).toBeGreaterThan(70);
    expect(dictionary.bytes / dictionary.size).toBeLessThan(130);
    expect(calls).toBeGreaterThan(3);
  });
});
