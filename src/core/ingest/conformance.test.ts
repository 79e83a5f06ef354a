import fc from 'fast-check';
import Papa from 'papaparse';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DataTable } from '../table/DataTable';
import { formatCell } from '../table/column';
import { readCsv } from './reader';
import { parseRows } from './rows';
import type { ByteSource } from './source';

const spectrum = dirname(createRequire(import.meta.url).resolve('csv-spectrum/package.json'));

/** Fields where csv-spectrum 2.0.0's expected JSON disagrees with its own CSV (the phone number differs). */
const SUITE_ERRATA: Record<string, string[]> = { location_coordinates: ['Contact Phone Number'] };

describe('csv-spectrum', () => {
  const cases = readdirSync(join(spectrum, 'csvs')).map((f) => f.replace(/\.csv$/, ''));
  it('has its cases', () => expect(cases.length).toBeGreaterThanOrEqual(12));
  for (const name of cases) {
    it(name, async () => {
      const bytes = new Uint8Array(readFileSync(join(spectrum, 'csvs', `${name}.csv`)));
      const parsed = JSON.parse(readFileSync(join(spectrum, 'json', `${name}.json`), 'utf8')) as Record<string, string> | Record<string, string>[];
      const expected = Array.isArray(parsed) ? parsed : [parsed];
      const [header, ...rows] = parseRows(bytes);
      const skip = SUITE_ERRATA[name] ?? [];
      const objects = rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]).filter(([h]) => !skip.includes(h))));
      const want = expected.map((o) => Object.fromEntries(Object.entries(o).filter(([h]) => !skip.includes(h))));
      expect(objects).toEqual(want);
      // The full reader takes every case without complaint.
      const result = await readCsv({ name, size: bytes.length, chunks: async function* () { yield bytes; } });
      expect(result.table.rowCount).toBe(expected.length);
    });
  }
});

/** A source that yields its bytes split at the given offsets, whatever chunk size is asked for. */
function splitSource(bytes: Uint8Array, cuts: readonly number[]): ByteSource {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b);
  return {
    name: 'split.csv',
    size: bytes.length,
    async *chunks(_size, start = 0) {
      let at = start;
      for (const p of points) {
        if (p <= at) continue;
        yield bytes.subarray(at, p);
        at = p;
      }
      if (at < bytes.length) yield bytes.subarray(at);
    },
  };
}

function tableCells(t: DataTable): string[][] {
  return t.columns.map((c) => Array.from({ length: t.rowCount }, (_, i) => formatCell(c, i)));
}

/** A CSV field: anything, quoted when it must be. */
const cell = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('', 'a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', 'é ü ✓ 日本', ' padded ', 'NA', '3.14', '-7', 'yes'),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
);

function toCsv(rows: string[][], lineEnd: string): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) || v.trim() === '' ? `"${v.replaceAll('"', '""')}"` : v);
  return rows.map((r) => r.map(quote).join(',')).join(lineEnd) + lineEnd;
}

describe('chunk boundaries never change the result (property)', () => {
  const table = fc.integer({ min: 1, max: 5 }).chain((width) =>
    fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 25 }),
  );
  const cuts = fc.array(fc.nat(), { maxLength: 12 });

  it('tokenizer: any split gives the rows that were written, as papaparse reads them', () => {
    fc.assert(
      fc.property(table, cuts, fc.constantFrom('\n', '\r\n'), (rows, rawCuts, lineEnd) => {
        const text = toCsv(rows, lineEnd);
        const bytes = new TextEncoder().encode(text);
        const split = parseRows(bytes, { chunks: rawCuts.map((c) => c % (bytes.length + 1)) });
        expect(split).toEqual(rows);
        // papaparse cannot tell `""` (one empty value) from a blank line, so compare only without those.
        if (rows.every((r) => !(r.length === 1 && r[0] === ''))) {
          expect(split).toEqual(Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: true }).data);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reader: any split of the byte stream gives the same table', async () => {
    await fc.assert(
      fc.asyncProperty(table, cuts, async (rows, rawCuts) => {
        const header = rows[0].map((_, i) => `c${i}`);
        const bytes = new TextEncoder().encode(toCsv([header, ...rows], '\n'));
        const whole = await readCsv(splitSource(bytes, []));
        const split = await readCsv(splitSource(bytes, rawCuts.map((c) => c % (bytes.length + 1))));
        expect(tableCells(split.table)).toEqual(tableCells(whole.table));
        expect(split.table.columns.map((c) => c.kind)).toEqual(whole.table.columns.map((c) => c.kind));
      }),
      { numRuns: 150 },
    );
  });
});
