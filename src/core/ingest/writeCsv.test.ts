import { describe, expect, it } from 'vitest';
import { formatCell } from '../table/column';
import { isSaplingError } from '../util/errors';
import { type ParallelHost, parsePart } from './parallel';
import { type CsvReadOptions, readCsv } from './reader';
import { parseRows } from './rows';
import { type ByteSource, bytesSource } from './source';
import { type ExtraColumn, csvCell, formulaSafe, writeRowsCsv } from './writeCsv';

const enc = new TextEncoder();

/** Reads `bytes`, then writes its rows (plus `extra`) the way predictions are written; returns the CSV text. */
async function roundTrip(bytes: Uint8Array, options: CsvReadOptions = {}, extra: readonly ExtraColumn[] = [], again: ByteSource = bytesSource(bytes)) {
  const read = await readCsv(bytesSource(bytes), options);
  let text = '';
  await writeRowsCsv(again, read, options, extra, (chunk) => {
    text += chunk;
  });
  return { read, text, rows: parseRows(enc.encode(text)) };
}

describe('formula escaping (OWASP CSV injection)', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['+cmd', "'+cmd"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ['-', "'-"],
    ['+', "'+"],
    ['-inf', "'-inf"],
    ['-0x1', "'-0x1"],
    ['-2+3', "'-2+3"],
    ['- 3', "'- 3"],
    ['\t=1', "'\t=1"],
    ['\t-3', "'\t-3"],
    ['\r=1', "'\r=1"],
    ['\0x', "'\0x"],
    [' =1+2', "' =1+2"],
    ['\n@x', "'\n@x"],
  ])('escapes %j', (value, escaped) => {
    expect(formulaSafe(value)).toBe(escaped);
  });

  it.each(['-3.2', '+5', '-1e-3', '-1E+30', '-.5', '-5.', '-3,2', '-1,000.50', ' -3.2 ', '0', '00501', 'abc', '', "'=x", 'a=b', '2024-01-02', 'NA'])(
    'leaves %j alone (a number, or text that cannot start a formula)',
    (value) => {
      expect(formulaSafe(value)).toBe(value);
    },
  );

  it('escapes before quoting, so the apostrophe is inside the quotes', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('-1,000.5')).toBe('"-1,000.5"');
    expect(csvCell('plain')).toBe('plain');
  });
});

describe('writing the rows of a read CSV as they were in the file', () => {
  const hostile = [
    'zip,when,big,note,=cmd',
    '00501,2024-01-02T03:04:06.100+02:00,12345678901234567890,=1+2,@SUM(A1)',
    '00502,2024-01-03T03:04:06.100+02:00,12345678901234567891, NA ,"-2+3"',
    '00503,2024-01-04T03:04:06.000Z,00000000000000000001,"say ""hi"", then\nleave",-3.2',
    '00504,NA,7,"\t=1",',
  ].join('\n');

  it('copies every input cell verbatim (zeros, offsets, long integers, NA, spaces), escaping only formulas, headers and predictions too', async () => {
    const labels = ['=evil()', 'ok', '-1.5', '@x'];
    const { read, rows } = await roundTrip(enc.encode(hostile), {}, [{ name: 'prediction', cell: (i) => labels[i] }]);
    // The parsed table really did change these values; the file did not.
    expect(read.table.columns.map((c) => c.kind).slice(0, 3)).toEqual(['numeric', 'datetime', 'numeric']);
    expect(formatCell(read.table.columns[0], 0)).toBe('501');
    const input = parseRows(enc.encode(hostile));
    expect(rows[0]).toEqual(['zip', 'when', 'big', 'note', "'=cmd", 'prediction']);
    for (let r = 1; r < input.length; r++) {
      expect(rows[r].slice(0, 5)).toEqual(input[r].map(formulaSafe));
      expect(rows[r][5]).toBe(formulaSafe(labels[r - 1]));
    }
    expect(rows[1]).toEqual(['00501', '2024-01-02T03:04:06.100+02:00', '12345678901234567890', "'=1+2", "'@SUM(A1)", "'=evil()"]);
    expect(rows[2].slice(3, 5)).toEqual([' NA ', "'-2+3"]);
    expect(rows[3][4]).toBe('-3.2');
    expect(rows[4]).toEqual(['00504', 'NA', '7', "'\t=1", '', "'@x"]);
  });

  it('keeps rows in step with the table: ragged rows dropped or padded, columns re-read as text', async () => {
    const text = 'id,x,y\n1,01,a\n2,02\n3,03,c,extra\n4,oops,d\n\n5,05,e\n';
    const dropped = await roundTrip(enc.encode(text));
    expect(dropped.read.table.columns[1].kind).toBe('categorical'); // "oops" sent x to the second pass
    expect(dropped.rows).toEqual([['id', 'x', 'y'], ['1', '01', 'a'], ['4', 'oops', 'd'], ['5', '05', 'e']]);
    const padded = await roundTrip(enc.encode(text), { ragged: 'pad' });
    expect(padded.rows.slice(1)).toEqual([['1', '01', 'a'], ['2', '02', ''], ['3', '03', 'c'], ['4', 'oops', 'd'], ['5', '05', 'e']]);
    expect(padded.read.table.rowCount).toBe(5);
    // Without a header the first line is data, and the header written is the table's names.
    const headless = await roundTrip(enc.encode('007,a\n008,b\n'), { header: false });
    expect(headless.rows).toEqual([['column_1', 'column_2'], ['007', 'a'], ['008', 'b']]);
  });

  it('writes the same rows a head or random sample kept, in file order', async () => {
    const lines = ['id,code'];
    for (let i = 0; i < 500; i++) lines.push(i % 97 === 0 ? `${i},short` : `${i},${String(i).padStart(6, '0')},x`.replace(',x', ''));
    lines.splice(50, 0, '999999,ragged,row');
    const bytes = enc.encode(lines.join('\n'));
    for (const sample of [{ mode: 'head', rows: 40 }, { mode: 'random', rows: 60 }] as const) {
      const { read, rows } = await roundTrip(bytes, { sample, seed: 7 });
      expect(rows).toHaveLength(sample.rows + 1);
      const ids = read.table.columns[0];
      rows.slice(1).forEach((row, i) => expect(row[0]).toBe(formatCell(ids, i)));
      expect(rows.slice(1).every((row) => row[1] === 'short' || row[1] === row[0].padStart(6, '0'))).toBe(true);
    }
  });

  it('decodes Windows-1252 and UTF-16 files and skips the byte-order mark', async () => {
    const latin = Uint8Array.from([...enc.encode('name,n\n'), 0x43, 0x61, 0x66, 0xe9, ...enc.encode(',007\n')]);
    expect((await roundTrip(latin)).rows).toEqual([['name', 'n'], ['Café', '007']]);
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...enc.encode('name,n\nÉté,007\n')]);
    expect((await roundTrip(bom)).text).toBe('name,n\nÉté,007\n');
    const text = 'name,n\nÉté,-0\n=x,+1\n';
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) utf16[2 + 2 * i] = text.charCodeAt(i);
    expect((await roundTrip(utf16)).rows).toEqual([['name', 'n'], ['Été', '-0'], ["'=x", '+1']]);
  });

  it('matches a table read by several workers', async () => {
    const lines = ['id,v'];
    for (let i = 0; i < 3000; i++) lines.push(i === 1234 ? '1234' : `${i},${i % 3 ? '0' : '-'}${i}.50`);
    const bytes = enc.encode(lines.join('\n') + '\n');
    const source = bytesSource(bytes);
    const host: ParallelHost = { workers: 3, minBytes: 0, run: (task) => parsePart(source, task) };
    const read = await readCsv(source, { parallel: host });
    let text = '';
    await writeRowsCsv(source, read, {}, [], (c) => {
      text += c;
    });
    const expected = lines.filter((_, i) => i !== 1235).map((l) => l.split(',').map(formulaSafe).join(','));
    expect(text).toBe(expected.join('\n') + '\n');
  });

  it('refuses a file that changed between the two reads', async () => {
    const before = enc.encode('a,b\n1,2\n3,4\n');
    const after = enc.encode('a,b\n1,2\n');
    const error = await roundTrip(before, {}, [], bytesSource(after, 'data.csv')).catch((e: unknown) => e);
    expect(isSaplingError(error) && (error as Error).message).toBe('data.csv changed while it was being read (1 rows now, 2 before); read it again');
  });
});

describe('streaming large outputs', () => {
  it('writes past 2^29 characters in bounded chunks of whole lines (one string would throw "Invalid string length")', async () => {
    const rows = 280_000;
    const code = (i: number) => String(i % 1000).padStart(4, '0');
    const lines = ['id,code'];
    for (let i = 0; i < rows; i++) lines.push(`${i},${code(i)}`);
    const bytes = enc.encode(lines.join('\n') + '\n');
    const read = await readCsv(bytesSource(bytes));
    const wide = 'p'.repeat(2000);
    const cell = (i: number) => (i % 100_000 === 0 ? `=${i}` : wide);
    let expected = 'id,code,wide\n'.length;
    for (let i = 0; i < rows; i++) expected += `${i},${code(i)},${formulaSafe(cell(i))}\n`.length;
    let total = 0;
    let largest = 0;
    let ragged = 0;
    const firstLines: string[] = [];
    await writeRowsCsv(bytesSource(bytes), read, {}, [{ name: 'wide', cell }], (chunk) => {
      total += chunk.length;
      largest = Math.max(largest, chunk.length);
      if (!chunk.endsWith('\n')) ragged++;
      if (firstLines.length < 1000) firstLines.push(chunk.slice(0, chunk.indexOf('\n')));
    });
    expect(expected).toBeGreaterThan(2 ** 29);
    expect(total).toBe(expected);
    expect(largest).toBeLessThan((1 << 20) + 4000);
    expect(ragged).toBe(0);
    expect(firstLines[0]).toBe('id,code,wide');
    for (const line of firstLines.slice(1)) {
      const i = Number(line.slice(0, line.indexOf(',')));
      expect(line).toBe(`${i},${code(i)},${formulaSafe(cell(i))}`);
    }
    expect(firstLines.length).toBeGreaterThan(500);
  }, 60_000);
});
