import { FieldDecoder } from './fields';
import { CsvTokenizer, ESCAPED, type RowSink } from './tokenizer';

/**
 * CSV bytes as rows of strings, through the same tokenizer the reader uses: for tests, conformance
 * suites and small previews. `chunks` splits the input at the given offsets to exercise chunk
 * boundaries; the result must not depend on them.
 */
export function parseRows(
  bytes: Uint8Array,
  options: { delimiter?: string; quote?: string; encoding?: 'utf-8' | 'windows-1252'; chunks?: readonly number[] } = {},
): string[][] {
  const quote = (options.quote ?? '"').charCodeAt(0);
  const decoder = new FieldDecoder(options.encoding ?? 'utf-8', quote);
  const rows: string[][] = [];
  const sink: RowSink = {
    row(t, buf) {
      const fields: string[] = [];
      for (let i = 0; i < t.count; i++) fields.push(decoder.decode(buf, t.starts[i], t.ends[i], t.flags[i] === ESCAPED));
      rows.push(fields);
    },
  };
  const tokenizer = new CsvTokenizer((options.delimiter ?? ',').charCodeAt(0), quote);
  const cuts = [...(options.chunks ?? []).filter((c) => c > 0 && c < bytes.length), bytes.length].sort((a, b) => a - b);
  let carry = new Uint8Array(0);
  let at = 0;
  for (const cut of cuts) {
    const chunk = bytes.subarray(at, cut);
    at = cut;
    const buf = new Uint8Array(carry.length + chunk.length);
    buf.set(carry);
    buf.set(chunk, carry.length);
    const final = cut === bytes.length;
    const consumed = tokenizer.rows(buf, 0, buf.length, final, sink);
    carry = buf.slice(consumed);
  }
  return rows;
}
