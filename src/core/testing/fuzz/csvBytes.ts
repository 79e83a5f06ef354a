import * as fc from 'fast-check';

/** CSV bytes after mutation, and what was done, one line per mutation. */
export interface MutatedBytes {
  readonly bytes: Uint8Array;
  readonly mutations: readonly string[];
}

interface ByteSpec {
  readonly op: number;
  readonly a: number;
  readonly b: number;
  /** 0…1: how large a huge field is, as a share of the limit (skewed small). */
  readonly size: number;
}

const encoder = new TextEncoder();

/** `text` as latin1 bytes (characters above 0xff become `?`), as an old spreadsheet writes it. */
function latin1Bytes(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => (ch.charCodeAt(0) <= 0xff ? ch.charCodeAt(0) : 63));
}

/** `text` as UTF-16 with its byte-order mark. */
function utf16Bytes(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = bigEndian ? 0xfe : 0xff;
  out[1] = bigEndian ? 0xff : 0xfe;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i + (bigEndian ? 0 : 1)] = c >> 8;
    out[2 + 2 * i + (bigEndian ? 1 : 0)] = c & 0xff;
  }
  return out;
}

function splice(bytes: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - remove + insert.length);
  out.set(bytes.subarray(0, at));
  out.set(insert, at);
  out.set(bytes.subarray(at + remove), at + insert.length);
  return out;
}

function replaceAll(bytes: Uint8Array, from: number, to: Uint8Array): Uint8Array {
  const parts: number[] = [];
  for (const x of bytes) {
    if (x === from) parts.push(...to);
    else parts.push(x);
  }
  return Uint8Array.from(parts);
}

/** The byte offsets just after each line break (row starts). */
function lineStarts(bytes: Uint8Array): number[] {
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) starts.push(i + 1);
  return starts;
}

/** A field of `n` bytes: digits (a long number), letters, or quoted text with quotes and line breaks inside. */
function hugeField(n: number, style: number): Uint8Array {
  const out = new Uint8Array(n);
  if (style % 3 === 0) out.fill(0x31); // "1111…": a number of n digits
  else if (style % 3 === 1) out.fill(0x61);
  else {
    out.fill(0x62);
    out[0] = 0x22;
    out[n - 1] = 0x22;
    // Doubled quotes and line breaks inside the quoted field.
    for (let i = 1; i + 2 < n - 1; i += 4096) {
      out[i] = 0x22;
      out[i + 1] = 0x22;
      out[i + 2] = 10;
    }
  }
  return out;
}

/**
 * The edits, each on the current bytes: random quotes, delimiters changed (`;`, tab, `|`), the
 * text re-encoded (latin1, UTF-16 with BOM, a UTF-8 BOM, invalid UTF-8 bytes), truncation anywhere
 * (mid-quote too), CRLF or CR line ends, huge fields (up to `maxField` bytes), ragged rows, the
 * file emptied or made binary, NUL bytes, odd headers.
 */
function edit(bytes: Uint8Array, text: () => string, spec: ByteSpec, maxField: number): [Uint8Array, string] {
  const { a, b } = spec;
  const pos = bytes.length ? a % (bytes.length + 1) : 0;
  const starts = lineStarts(bytes);
  const line = starts[b % starts.length];
  const ops: (() => [Uint8Array, string])[] = [
    () => [splice(bytes, pos, 0, Uint8Array.of(0x22)), `a quote inserted at byte ${pos}`],
    () => {
      const d = [0x3b, 0x09, 0x7c][b % 3];
      return [replaceAll(bytes, 0x2c, Uint8Array.of(d)), `commas made ${JSON.stringify(String.fromCharCode(d))}`];
    },
    () => [latin1Bytes(text()), 'encoded as latin1'],
    () => [utf16Bytes(text(), b % 2 === 1), `encoded as UTF-16${b % 2 === 1 ? 'BE' : 'LE'} with BOM`],
    () => [splice(bytes, 0, 0, Uint8Array.of(0xef, 0xbb, 0xbf)), 'UTF-8 BOM added'],
    () => [splice(bytes, pos, 0, [Uint8Array.of(0xff), Uint8Array.of(0xc3), Uint8Array.of(0xe2, 0x82), Uint8Array.of(0xed, 0xa0, 0x80)][b % 4]), `invalid UTF-8 at byte ${pos}`],
    () => [bytes.slice(0, pos), `truncated to ${pos} bytes`],
    () => [replaceAll(bytes, 10, Uint8Array.of(13, 10)), 'CRLF line ends'],
    () => [replaceAll(bytes, 10, Uint8Array.of(13)), 'CR line ends'],
    () => {
      // Skewed small: most huge fields are kilobytes, a few reach the limit.
      const n = Math.max(2, Math.round(maxField * spec.size ** 3));
      return [splice(bytes, line, 0, concatBytes(hugeField(n, b), Uint8Array.of(0x2c))), `a ${n}-byte field (${['digits', 'letters', 'quoted'][b % 3]}) at row start ${line}`];
    },
    () => [splice(bytes, line, 0, encoder.encode('x,y,z,'.repeat(1 + (b % 5)))), `extra fields at byte ${line}`],
    () => {
      const comma = bytes.indexOf(0x2c, line);
      return comma < 0 ? [bytes, 'no comma to drop'] : [splice(bytes, comma, 1, new Uint8Array(0)), `a comma dropped at byte ${comma}`];
    },
    () => [new Uint8Array(0), 'emptied'],
    () => [Uint8Array.from({ length: 1 + (a % 4096) }, (_, i) => (i * 7919 + b) % 256), 'replaced by binary bytes'],
    () => [splice(bytes, pos, 0, Uint8Array.of(0)), `a NUL byte at ${pos}`],
    () => [splice(bytes, 0, bytes.indexOf(10) < 0 ? bytes.length : bytes.indexOf(10), encoder.encode(['__proto__,constructor,toString,hasOwnProperty,valueOf,a,b,c', ',,,,,,,', 'a,a,a,a,a,a,a,a', '"="1+1,@x,-3,+y,\t,\r,a,b'][b % 4])), 'header replaced'],
    () => [bytes.slice(0, bytes.indexOf(10) + 1), 'header only'],
    () => [splice(bytes, pos, 0, encoder.encode('"'.repeat(1 + (b % 7)))), `quotes inserted at byte ${pos}`],
    () => {
      const start = Math.min(pos, bytes.length);
      const end = Math.min(bytes.length, start + 1 + (b % 64));
      return [splice(bytes, start, end - start, encoder.encode('9'.repeat(1 + (b % 400)) + 'e' + '9'.repeat(b % 6))), `digits and an exponent at ${start}`];
    },
  ];
  return ops[spec.op % ops.length]();
}

function concatBytes(x: Uint8Array, y: Uint8Array): Uint8Array {
  const out = new Uint8Array(x.length + y.length);
  out.set(x);
  out.set(y, x.length);
  return out;
}

/**
 * An arbitrary of corrupted copies of the CSV `bases`: one base, then one to four byte edits.
 * `maxField` caps the huge fields (about 1 MB in the bench; smaller in the unit test).
 */
export function mutatedCsv(bases: readonly string[], maxField = 1 << 20): fc.Arbitrary<MutatedBytes> {
  const spec = fc.record({ op: fc.nat(), a: fc.nat(), b: fc.nat(), size: fc.double({ min: 0, max: 1, noNaN: true }) });
  return fc.record({ base: fc.nat({ max: bases.length - 1 }), specs: fc.array(spec, { minLength: 1, maxLength: 4 }) }).map(({ base, specs }) => {
    let bytes: Uint8Array = encoder.encode(bases[base]);
    // Re-encodings start from the text as it now is (decoded leniently).
    const text = () => new TextDecoder('utf-8').decode(bytes);
    const mutations = [`base ${base}`];
    for (const s of specs) {
      const [next, what] = edit(bytes, text, s, maxField);
      bytes = next;
      mutations.push(what);
    }
    return { bytes, mutations };
  });
}
