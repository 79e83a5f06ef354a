import { SaplingError } from '../util/errors';

/** The text encodings Sapling reads. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** How many leading bytes are checked for signs of a binary (non-text) file. */
const BINARY_SNIFF_BYTES = 64 * 1024;

/**
 * Decodes file bytes to text: UTF-16 by byte-order mark, else UTF-8 (BOM stripped), falling back to
 * Windows-1252 (a superset of Latin-1) when the bytes are not valid UTF-8. Throws a user-facing
 * error for an empty file or one that looks binary.
 */
export function decodeBytes(bytes: Uint8Array, forced?: TextEncoding): { text: string; encoding: TextEncoding } {
  if (bytes.length === 0) throw new SaplingError('empty-file', 'the file is empty (0 bytes)');
  let encoding: TextEncoding | undefined = forced;
  let start = 0;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding ??= 'utf-16le';
    start = 2;
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding ??= 'utf-16be';
    start = 2;
  } else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    start = 3;
  }
  if (encoding !== 'utf-16le' && encoding !== 'utf-16be') rejectBinary(bytes);
  const body = bytes.subarray(start);
  if (!encoding) {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
    } catch {
      encoding = 'windows-1252';
    }
  }
  return { text: new TextDecoder(encoding).decode(body), encoding };
}

function rejectBinary(bytes: Uint8Array): void {
  const end = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < end; i++) {
    const b = bytes[i];
    if (b === 0) {
      throw new SaplingError(
        'binary-file',
        `the file is not text: it has a NUL byte at byte ${i + 1}; expected a CSV (comma- or tab-separated text)`,
      );
    }
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (control > end * 0.05) {
    throw new SaplingError(
      'binary-file',
      `the file is not text: ${control} of its first ${end} bytes are control characters; expected a CSV`,
    );
  }
}
