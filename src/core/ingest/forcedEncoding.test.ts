import { describe, expect, it } from 'vitest';
import { isSaplingError } from '../util/errors';
import { readCsvBytes } from './csv';

describe('a forced encoding', () => {
  // Found by the fuzz bench (csv kind): NotUtf8Error, an internal error, escaped to the person.
  it('that the bytes are not is refused with a Sapling error', async () => {
    const latin1 = Uint8Array.from([...'name,n\nZ', 0xfc, ...'rich,1\n'].map((x) => (typeof x === 'number' ? x : x.charCodeAt(0))));
    const error = await readCsvBytes(latin1, { encoding: 'utf-8' }).catch((e: unknown) => e);
    expect(isSaplingError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'not-utf8', message: expect.stringContaining('not valid UTF-8') });
    // Detected, the same bytes read as Windows-1252.
    const { table, meta } = await readCsvBytes(latin1);
    expect(meta.encoding).toBe('windows-1252');
    expect(table.rowCount).toBe(1);
  });
});
