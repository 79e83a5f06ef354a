import { describe, expect, it } from 'vitest';
import type { CodedColumn, NumericColumn } from '../table/column';
import { readCsvBytes, readCsvText } from './csv';

const enc = new TextEncoder();

describe('readCsvText', () => {
  it('reads a plain CSV into typed columns', async () => {
    const { table, meta, warnings } = await readCsvText('a,b,c\n1,x,true\n2.5,y,false\nNA,x,\n');
    expect(meta.delimiter).toBe(',');
    expect(warnings).toEqual([]);
    expect(table.rowCount).toBe(3);
    expect(table.columns.map((c) => c.kind)).toEqual(['numeric', 'categorical', 'boolean']);
    expect(Array.from((table.columns[0] as NumericColumn).values)).toEqual([1, 2.5, NaN]);
    const b = table.columns[1] as CodedColumn;
    expect(b.categories).toEqual(['x', 'y']);
    expect(Array.from(b.codes)).toEqual([0, 1, 0]);
  });

  it('keeps quoted delimiters, quotes and newlines inside fields; skips blank lines; CRLF', async () => {
    const { table } = await readCsvText('name,note\r\n"Smith, J","said ""hi""\r\nthen left"\r\n\r\nLee,ok\r\n');
    expect(table.rowCount).toBe(2);
    const note = table.columns[1] as CodedColumn;
    expect(note.categories[note.codes[0]]).toBe('said "hi"\r\nthen left');
    const name = table.columns[0] as CodedColumn;
    expect(name.categories[name.codes[0]]).toBe('Smith, J');
  });

  it('detects semicolon, tab and pipe delimiters', async () => {
    expect((await readCsvText('a;b\n1;2\n3;4\n')).meta.delimiter).toBe(';');
    expect((await readCsvText('a\tb\n1\t2\n')).meta.delimiter).toBe('\t');
    expect((await readCsvText('a|b|c\n1|2|3\n')).meta.delimiter).toBe('|');
    // A comma inside quotes does not make a semicolon file comma-separated.
    expect((await readCsvText('a;b\n"x,y";2\n"z,w";3\n')).meta.delimiter).toBe(';');
  });

  it('drops ragged rows and reports their physical line numbers', async () => {
    const text = 'a,b\n1,2\n3\n"multi\nline",4\n5,6,7\n8,9\n';
    const { table, warnings, meta } = await readCsvText(text);
    expect(table.rowCount).toBe(3);
    expect(meta.rowsDropped).toBe(2);
    const ragged = warnings.find((w) => w.code === 'ragged-rows');
    expect(ragged?.lines).toEqual([3, 6]);
    expect(ragged?.message).toMatch(/2 rows .* dropped; first at lines 3, 6/);
  });

  it('makes empty and repeated header names unique, and says so', async () => {
    const { table, warnings } = await readCsvText('x,,x,x\n1,2,3,4\n');
    expect(table.columns.map((c) => c.name)).toEqual(['x', 'column_2', 'x_2', 'x_3']);
    expect(warnings[0].code).toBe('renamed-headers');
  });

  it('reads columns as the kinds it is told to (model input schema)', async () => {
    const { table } = await readCsvText('zip,v\n01234,1\n98765,2\n', { kinds: { zip: 'categorical' } });
    const zip = table.columns[0] as CodedColumn;
    expect(zip.kind).toBe('categorical');
    expect(zip.categories).toEqual(['01234', '98765']);
  });

  it('says clearly when there is nothing to read', async () => {
    await expect(readCsvText('')).rejects.toThrow(/empty/);
    await expect(readCsvText('\n\n  \n')).rejects.toThrow(/empty/);
    await expect(readCsvText('a,b,c\n')).rejects.toThrow(/header row \(3 columns\) but no data rows/);
    await expect(readCsvText('a,b\n1\n2\n')).rejects.toThrow(/none of the 2 data rows has the header's 2 fields/);
  });
});

describe('readCsvBytes', () => {
  it('strips a UTF-8 BOM and reads CRLF', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('größe,n\r\n1,2\r\n')]);
    const { table, meta } = await readCsvBytes(bytes);
    expect(meta.encoding).toBe('utf-8');
    expect(table.columns[0].name).toBe('größe');
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8', async () => {
    // "café,1\n" in Latin-1: é is the single byte 0xE9.
    const bytes = Uint8Array.from([...enc.encode('name,n\ncaf'), 0xe9, ...enc.encode(',1\n')]);
    const { table, meta } = await readCsvBytes(bytes);
    expect(meta.encoding).toBe('windows-1252');
    const name = table.columns[0] as CodedColumn;
    expect(name.categories).toEqual(['café']);
  });

  it('reads UTF-16 LE with a BOM', async () => {
    const text = 'a,b\n1,é\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (let i = 0; i < text.length; i++) {
      bytes[2 + 2 * i] = text.charCodeAt(i) & 255;
      bytes[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    const { table, meta } = await readCsvBytes(bytes);
    expect(meta.encoding).toBe('utf-16le');
    expect((table.columns[1] as CodedColumn).categories).toEqual(['é']);
  });

  it('rejects empty and binary files with a message that says where', async () => {
    await expect(readCsvBytes(new Uint8Array())).rejects.toThrow('the file is empty (0 bytes)');
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    await expect(readCsvBytes(png)).rejects.toThrow(/not text: it has a NUL byte at byte 9/);
  });
});
