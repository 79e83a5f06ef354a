import { describe, expect, it } from 'vitest';
import type { BooleanColumn, CodedColumn, NumericColumn } from '../table/column';
import { formatCell } from '../table/column';
import { isCancelled } from '../util/errors';
import { readCsvBytes, readCsvText } from './csv';
import { readCsv } from './reader';
import { bytesSource } from './source';

const enc = new TextEncoder();
const values = (c: unknown) => Array.from((c as NumericColumn).values);
const labels = (c: unknown) => {
  const col = c as CodedColumn;
  return Array.from(col.codes, (k) => (k < 0 ? null : col.categories[k]));
};

describe('dialects people actually send', () => {
  it('reads a semicolon file with decimal commas as numbers', async () => {
    const { table, meta } = await readCsvText('name;price;qty\nA;3,14;2\nB;-0,5;10\nC;1200;3\n');
    expect(meta).toMatchObject({ delimiter: ';', decimal: ',' });
    expect(table.columns[1].kind).toBe('numeric');
    expect(values(table.columns[1])).toEqual([3.14, -0.5, 1200]);
  });

  it('notices a file without a header row', async () => {
    const { table, meta } = await readCsvText('1,2.5,a\n2,3.5,b\n3,4.5,a\n');
    expect(meta.header).toBe(false);
    expect(table.columns.map((c) => c.name)).toEqual(['column_1', 'column_2', 'column_3']);
    expect(table.rowCount).toBe(3);
    expect((await readCsvText('1,2.5,a\n2,3.5,b\n', { header: true })).table.rowCount).toBe(1);
  });

  it('reads lone-CR line ends (old Mac exports) and counts their lines', async () => {
    const { table, warnings } = await readCsvText('a,b\r1,2\r3\r4,5\r');
    expect(values(table.columns[0])).toEqual([1, 4]);
    expect(warnings[0].lines).toEqual([3]);
  });

  it("detects single-quote quoting when the file never uses double quotes", async () => {
    const { table, meta } = await readCsvText("name,note\n'Smith, J','it''s'\n'Lee','ok'\n");
    expect(meta.quote).toBe("'");
    expect(labels(table.columns[0])).toEqual(['Smith, J', 'Lee']);
    expect(labels(table.columns[1])).toEqual(["it's", 'ok']);
  });

  it('reads UTF-16 big-endian with a BOM', async () => {
    const text = 'a,b\n1,ü\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes[0] = 0xfe;
    bytes[1] = 0xff;
    for (let i = 0; i < text.length; i++) {
      bytes[2 + 2 * i] = text.charCodeAt(i) >> 8;
      bytes[3 + 2 * i] = text.charCodeAt(i) & 255;
    }
    const { table, meta } = await readCsvBytes(bytes);
    expect(meta.encoding).toBe('utf-16be');
    expect(labels(table.columns[1])).toEqual(['ü']);
  });

  it('switches to Windows-1252 when non-UTF-8 bytes appear after the first megabyte', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `${i},plain`).join('\n');
    const bytes = Uint8Array.from([...enc.encode(`n,name\n${rows}\n1,caf`), 0xe9, ...enc.encode('\n')]);
    expect(bytes.length).toBeGreaterThan(1 << 20);
    const { table, meta } = await readCsvBytes(bytes);
    expect(meta.encoding).toBe('windows-1252');
    expect(labels(table.columns[1]).at(-1)).toBe('café');
  });
});

describe('kinds a person would agree with', () => {
  it('makes 0/1 columns booleans that keep their spelling, and yes/no ones too', async () => {
    const { table } = await readCsvText('flag,answer,count\n0,Yes,0\n1,No,1\n1,yes,2\n');
    const [flag, answer, count] = table.columns;
    expect(flag.kind).toBe('boolean');
    expect((flag as BooleanColumn).labels).toEqual(['0', '1']);
    expect(Array.from({ length: 3 }, (_, i) => formatCell(answer, i))).toEqual(['Yes', 'No', 'Yes']);
    expect(count.kind).toBe('numeric');
  });

  it('reads day/month dates and warns when the order is ambiguous', async () => {
    const { table, meta, warnings } = await readCsvText('when,v\n01/02/2024,1\n03/04/2024,2\n');
    expect(table.columns[0].kind).toBe('datetime');
    expect(values(table.columns[0])).toEqual([Date.UTC(2024, 1, 1), Date.UTC(2024, 3, 3)]);
    expect(meta.dateOrders).toEqual({ when: 'dmy' });
    expect(warnings.map((w) => w.code)).toContain('ambiguous-dates');
    const us = await readCsvText('when,v\n01/02/2024,1\n03/04/2024,2\n', { dateOrders: { when: 'mdy' } });
    expect(values(us.table.columns[0])).toEqual([Date.UTC(2024, 0, 2), Date.UTC(2024, 2, 4)]);
    expect(us.warnings).toEqual([]);
  });

  it('re-reads a column as text when a value far past the sample does not fit, and says where', async () => {
    const rows = Array.from({ length: 8000 }, (_, i) => `${i},${i % 3}`);
    rows[7000] = '7000,unknown';
    const { table, warnings } = await readCsvText(`id,score\n${rows.join('\n')}\n`);
    expect(table.columns[1].kind).toBe('categorical');
    expect(labels(table.columns[1]).slice(6999, 7002)).toEqual(['0', 'unknown', '2']);
    expect(warnings.find((w) => w.code === 'mixed-kind')).toMatchObject({ column: 'score', lines: [7002] });
  });

  it('keeps a kind the person chose and counts what does not fit', async () => {
    const { table, warnings } = await readCsvText('v\n1\nx\n3\n', { kinds: { v: 'numeric' } });
    expect(values(table.columns[0])).toEqual([1, NaN, 3]);
    expect(warnings[0].message).toBe('column "v": 1 value could not be read as numeric and is treated as missing');
  });
});

describe('ragged rows, samples, limits, progress and cancel', () => {
  const text = 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n';

  it('pads short rows and truncates long ones when asked', async () => {
    const { table, meta, warnings } = await readCsvText(text, { ragged: 'pad' });
    expect(values(table.columns[2])).toEqual([3, NaN, 8, 12]);
    expect(meta.rowsPadded).toBe(2);
    expect(warnings[0].message).toMatch(/2 rows .* padded with missing values or cut to size; first at lines 3, 4/);
  });

  it('reads the first N rows, or a seeded random N in file order', async () => {
    const big = 'n\n' + Array.from({ length: 1000 }, (_, i) => i).join('\n') + '\n';
    const head = await readCsvText(big, { sample: { mode: 'head', rows: 10 } });
    expect(values(head.table.columns[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const a = await readCsvText(big, { sample: { mode: 'random', rows: 50 }, seed: 3 });
    const b = await readCsvText(big, { sample: { mode: 'random', rows: 50 }, seed: 3 });
    const picked = values(a.table.columns[0]);
    expect(picked).toEqual(values(b.table.columns[0]));
    expect(picked).toHaveLength(50);
    expect([...picked].sort((x, y) => x - y)).toEqual(picked);
    expect(picked.at(-1)).toBeGreaterThan(500); // drawn from the whole file, not its start
    expect(a.meta.rowsInFile).toBe(1000);
  });

  it('refuses a file too large for memory up front, naming its size', async () => {
    const big = 'x,y\n' + '1.5,2.5\n'.repeat(20_000);
    await expect(readCsvText(big, { memoryBudget: 100_000 })).rejects.toThrow(
      /the file is 156\.3 KB with about 20,\d{3} rows; reading it all needs about 312\.\d KB of memory, more than the 97\.7 KB available here\. Read a sample instead/,
    );
    expect((await readCsvText(big, { memoryBudget: 100_000, sample: { mode: 'head', rows: 100 } })).table.rowCount).toBe(100);
  });

  it('reports progress in bytes and rows, and stops when asked', async () => {
    const big = enc.encode('x\n' + '12345\n'.repeat(2_000_000));
    const seen: number[] = [];
    const { table } = await readCsv(bytesSource(big), { onProgress: (p) => seen.push(p.bytesRead) });
    expect(table.rowCount).toBe(2_000_000);
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toBe(big.length);
    let chunks = 0;
    const cancelled = await readCsv(bytesSource(big), { shouldStop: () => ++chunks >= 2 }).catch((e) => e);
    expect(isCancelled(cancelled)).toBe(true);
  });
});
