import { SaplingError } from '../util/errors';

/** The text encodings Sapling reads. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** All encodings, for the UI and the CLI's `--encoding`. */
export const TEXT_ENCODINGS: readonly TextEncoding[] = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'];

/** How many leading bytes are checked for signs of a binary (non-text) file. */
const BINARY_SNIFF_BYTES = 64 * 1024;

/** The encoding of a file and the length of its byte-order mark. */
export interface EncodingGuess {
  readonly encoding: TextEncoding;
  readonly bomLength: number;
}

/**
 * The encoding of a file from its first bytes: UTF-16 by byte-order mark, else UTF-8 (BOM skipped)
 * if the head is valid UTF-8, else Windows-1252 (a superset of Latin-1). Refuses binary files.
 */
export function detectEncoding(head: Uint8Array, forced?: TextEncoding): EncodingGuess {
  let bomLength = 0;
  let encoding: TextEncoding | undefined = forced;
  if (head[0] === 0xff && head[1] === 0xfe) {
    encoding ??= 'utf-16le';
    if (encoding === 'utf-16le') bomLength = 2;
  } else if (head[0] === 0xfe && head[1] === 0xff) {
    encoding ??= 'utf-16be';
    if (encoding === 'utf-16be') bomLength = 2;
  } else if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    if (!encoding || encoding === 'utf-8') bomLength = 3;
  }
  if (encoding !== 'utf-16le' && encoding !== 'utf-16be') rejectBinary(head);
  if (!encoding) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(bomLength), { stream: true });
      encoding = 'utf-8';
    } catch {
      encoding = 'windows-1252';
    }
  }
  return { encoding, bomLength };
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
    throw new SaplingError('binary-file', `the file is not text: ${control} of its first ${end} bytes are control characters; expected a CSV`);
  }
}

/**
 * Turns UTF-16 chunks into UTF-8 chunks (characters split across chunks are carried over), so the
 * byte tokenizer reads every encoding. UTF-8 and Windows-1252 pass through untouched: both keep
 * delimiters, quotes and line breaks as single ASCII bytes.
 */
export async function* asAsciiCompatible(chunks: AsyncIterable<Uint8Array>, encoding: TextEncoding): AsyncIterable<Uint8Array> {
  if (encoding !== 'utf-16le' && encoding !== 'utf-16be') {
    yield* chunks;
    return;
  }
  const decoder = new TextDecoder(encoding);
  const encoder = new TextEncoder();
  for await (const chunk of chunks) yield encoder.encode(decoder.decode(chunk, { stream: true }));
  const rest = decoder.decode();
  if (rest) yield encoder.encode(rest);
}
