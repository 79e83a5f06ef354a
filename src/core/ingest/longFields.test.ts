import { describe, expect, it } from 'vitest';
import type { CodedColumn, NumericColumn } from '../table/column';
import { inferKind } from '../table/infer';
import { parseNumber } from '../table/cells';
import { readCsvBytes } from './csv';
import { latin1, parseNumberBytes } from './fields';
import { type ParallelHost, parsePart } from './parallel';
import { readCsv } from './reader';
import { type ByteSource, bytesSource } from './source';

/**
 * Fields of any length (issue 11, fault 2): a text field of 128 KB or more overflowed the stack in
 * the field decoder, and a long run of digits took minutes to type. These read 1 MB and 20 MB
 * quoted fields with quotes, delimiters and line breaks inside, in UTF-8 and Windows-1252.
 */

/** Text of about `chars` characters with everything a quoted field can hold, different per `seed`. */
function longText(chars: number, unit: string, seed: string): string {
  return seed + unit.repeat(Math.ceil(chars / unit.length)) + 'END';
}

/** The bytes of `text` in Windows-1252 (only characters it spells as themselves: ASCII and U+00A0–U+00FF). */
function windows1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/**
 * A source that hands out its chunks in three buffers it reuses, as the CLI's file source does:
 * whoever keeps a chunk past the next two must copy it.
 */
function reusingSource(bytes: Uint8Array): ByteSource {
  return {
    name: 'data.csv',
    size: bytes.length,
    async *chunks(chunkSize, start = 0) {
      const buffers = [0, 1, 2].map(() => new Uint8Array(chunkSize));
      for (let at = start, turn = 0; at < bytes.length; at += chunkSize, turn++) {
        const piece = bytes.subarray(at, Math.min(bytes.length, at + chunkSize));
        const buffer = buffers[turn % 3];
        buffer.set(piece);
        yield buffer.subarray(0, piece.length);
      }
    },
  };
}

const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;

/** A file whose first data row holds one long field, a short row after it, then another long field. */
function fileWith(first: string, second: string): string {
  return `id,text,n\n1,${quoted(first)},1.5\n2,short,2\n3,${quoted(second)},3\n`;
}

function texts(column: unknown): string[] {
  const col = column as CodedColumn;
  return Array.from(col.codes, (k) => col.categories[k]);
}

const UNITS = {
  'utf-8': 'Ab "q", c\nd€漢é;\r\n x',
  'windows-1252': 'Ab "q", c\nd é ü ß;\r\n x',
} as const;

describe('fields of any length', () => {
  for (const [encoding, unit] of Object.entries(UNITS) as [keyof typeof UNITS, string][]) {
    for (const size of [1 << 20, 20 << 20]) {
      it(`reads ${size >> 20} MB quoted fields in ${encoding}, every character in place`, async () => {
        const first = longText(size, unit, 'first:');
        const second = longText(size, unit, 'second:');
        const text = fileWith(first, second);
        const bytes = encoding === 'utf-8' ? new TextEncoder().encode(text) : windows1252(text);
        const { table, meta } = await readCsv(reusingSource(bytes));
        expect(meta.encoding).toBe(encoding);
        expect(meta.header).toBe(true);
        expect(table.columns.map((c) => c.name)).toEqual(['id', 'text', 'n']);
        expect(table.rowCount).toBe(3);
        const values = texts(table.columns[1]);
        expect(values.map((v) => v.length)).toEqual([first.length, 5, second.length]);
        expect(values[0] === first).toBe(true); // not toEqual: a failing diff of 20 MB would drown the report
        expect(values[2] === second).toBe(true);
        expect(Array.from((table.columns[2] as NumericColumn).values)).toEqual([1.5, 2, 3]);
      }, 60_000);
    }
  }

  it('reads a 20 MB field in a part of a parallel read (the part gathers it, then falls back or merges)', async () => {
    const long = longText(20 << 20, UNITS['utf-8'], 'p:');
    const rows = Array.from({ length: 2000 }, (_, i) => `${i},row ${i % 7},${i}`);
    rows[1500] = `1500,${quoted(long)},1500`;
    const bytes = new TextEncoder().encode(`id,text,n\n${rows.join('\n')}\n`);
    const source = bytesSource(bytes);
    const host: ParallelHost = { workers: 2, minBytes: 0, run: (task) => parsePart(source, task) };
    const { table } = await readCsv(source, { parallel: host });
    expect(table.rowCount).toBe(2000);
    const values = texts(table.columns[1]);
    expect(values[1500] === long).toBe(true);
    expect(values[1499]).toBe('row 1');
  }, 60_000);

  it('decodes bytes to text at any length, in one flat string', () => {
    const bytes = new Uint8Array(3_000_001).map((_, i) => 32 + (i % 90));
    const text = latin1(bytes, 0, bytes.length);
    expect(text.length).toBe(bytes.length);
    expect(text.charCodeAt(2_999_999)).toBe(bytes[2_999_999]);
    expect(latin1(bytes, 5, 18)).toBe(String.fromCharCode(...bytes.subarray(5, 18)));
  });

  it('types a 200,000-digit cell and a 1 MB field of digits in well under a second', async () => {
    for (const digits of ['7'.repeat(200_000), '1'.repeat(1 << 20)]) {
      const started = performance.now();
      expect(parseNumber(digits)).toBe(Infinity);
      expect(parseNumber(`${digits}x`)).toBeNaN(); // the case the old regular expression backtracked on
      expect(parseNumber(`-${digits}.${digits}e`)).toBeNaN();
      expect(inferKind([`${digits}x`, '1']).kind).not.toBe('numeric');
      const bytes = new TextEncoder().encode(`${digits}x`);
      expect(parseNumberBytes(bytes, 0, bytes.length, 46)).toBeNaN();
      expect(parseNumberBytes(bytes, 0, bytes.length - 1, 46)).toBe(Infinity);
      expect(performance.now() - started).toBeLessThan(1000); // the regular expression took 82 s on 200,000 digits
    }
    const file = new TextEncoder().encode(`a,b\n${'9'.repeat(1 << 20)}x,1\n2,2\n`);
    const started = performance.now();
    const { table } = await readCsvBytes(file);
    expect(performance.now() - started).toBeLessThan(2000); // ~100 ms on an idle machine; room for a busy one
    expect(table.columns[0].kind).not.toBe('numeric');
    expect(texts(table.columns[0])[0]).toHaveLength((1 << 20) + 1);
  });
});
