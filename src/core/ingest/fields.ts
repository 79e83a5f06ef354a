/**
 * Reading single fields straight from bytes: numbers without making strings, missing markers, and
 * text decoding. The hot path of ingest, so written for speed: no allocation for numbers.
 */

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
const SPACE = 32;
const TAB = 9;

/** The byte range without leading and trailing spaces and tabs, packed as [start, end]. */
export function trimStart(buf: Uint8Array, s: number, e: number): number {
  while (s < e && (buf[s] === SPACE || buf[s] === TAB)) s++;
  return s;
}

export function trimEnd(buf: Uint8Array, s: number, e: number): number {
  while (e > s && (buf[e - 1] === SPACE || buf[e - 1] === TAB)) e--;
  return e;
}

/**
 * The number spelled by buf[s, e) (integer, decimal, exponent, leading sign, `.5`), or NaN.
 * `decimal` is the byte of the decimal separator (46 for `.`, 44 for `,`). Up to 15 significant
 * digits and exponents within ±22 use Clinger's exact fast path (one correctly rounded multiply or
 * divide); anything longer falls back to `Number()` on the text. Written as one loop without
 * helper calls: it runs once per numeric field.
 */
export function parseNumberBytes(buf: Uint8Array, s: number, e: number, decimal: number): number {
  let c = buf[s];
  if (c === SPACE || c === TAB || (e > s && (buf[e - 1] === SPACE || buf[e - 1] === TAB))) {
    s = trimStart(buf, s, e);
    e = trimEnd(buf, s, e);
    c = buf[s];
  }
  if (s >= e) return NaN;
  let i = s;
  let negative = false;
  if (c === 45) {
    negative = true;
    i++;
  } else if (c === 43) {
    i++;
  }
  const digitsStart = i;
  let mantissa = 0;
  // Integer digits.
  while (i < e) {
    c = buf[i] - 48;
    if (c < 0 || c > 9) break;
    mantissa = mantissa * 10 + c;
    i++;
  }
  const intDigits = i - digitsStart;
  let scale = 0;
  let fracDigits = 0;
  if (i < e && buf[i] === decimal) {
    i++;
    const fracStart = i;
    while (i < e) {
      c = buf[i] - 48;
      if (c < 0 || c > 9) break;
      mantissa = mantissa * 10 + c;
      i++;
    }
    fracDigits = i - fracStart;
    scale = -fracDigits;
  }
  if (intDigits + fracDigits === 0) return NaN;
  if (i < e) {
    c = buf[i];
    if (c !== 101 && c !== 69) return NaN;
    i++;
    let expNegative = false;
    if (i < e && (buf[i] === 45 || buf[i] === 43)) expNegative = buf[i++] === 45;
    const expStart = i;
    let exp = 0;
    while (i < e) {
      c = buf[i] - 48;
      if (c < 0 || c > 9) return NaN;
      exp = exp * 10 + c;
      i++;
    }
    if (i === expStart) return NaN;
    scale += expNegative ? -exp : exp;
  }
  // Leading zeros do not count towards precision ("0.001" has 1 significant digit).
  if (intDigits + fracDigits > 15 && mantissa >= 1e15) {
    let text = latin1(buf, s, e);
    if (decimal !== 46) text = text.replace(String.fromCharCode(decimal), '.');
    return Number(text);
  }
  if (scale < -22 || scale > 22) {
    let text = latin1(buf, s, e);
    if (decimal !== 46) text = text.replace(String.fromCharCode(decimal), '.');
    return Number(text);
  }
  const v = scale >= 0 ? mantissa * POW10[scale] : mantissa / POW10[-scale];
  return negative ? -v : v;
}

/** True when buf[s, e) is empty or a missing marker: NA, N/A, NaN, null, ? (any case, trimmed). */
export function isMissingBytes(buf: Uint8Array, s: number, e: number): boolean {
  s = trimStart(buf, s, e);
  e = trimEnd(buf, s, e);
  const n = e - s;
  if (n === 0) return true;
  if (n > 4) return false;
  const a = buf[s] | 32; // lower-case ASCII letters
  if (n === 1) return buf[s] === 63; // ?
  if (n === 2) return a === 110 && (buf[s + 1] | 32) === 97; // na
  if (n === 3) {
    const b = buf[s + 1];
    const c = buf[s + 2] | 32;
    return (a === 110 && b === 47 && c === 97) || (a === 110 && (b | 32) === 97 && c === 110); // n/a, nan
  }
  return a === 110 && (buf[s + 1] | 32) === 117 && (buf[s + 2] | 32) === 108 && (buf[s + 3] | 32) === 108; // null
}

/** Below this length V8 copies concatenated characters into a flat string rather than a rope. */
const FLAT_CONCAT_MAX = 12;
/**
 * Bytes per `String.fromCharCode.apply`: every byte becomes one argument on the stack, and V8's
 * stack holds about 120,000 of them (a 128 KB field overflowed it, issue 11), so longer fields are
 * decoded in pieces of this size and joined.
 */
const APPLY_BYTES = 8192;

/**
 * Bytes as a string, one char per byte (exact for ASCII), for any length. Always a flat string:
 * built with `+=`, a 30-byte value was a rope of ~17 cons cells taking ~600 bytes of heap instead
 * of ~60, which is what made a million distinct strings cost 50 times the memory estimate.
 */
export function latin1(buf: Uint8Array, s: number, e: number): string {
  const n = e - s;
  if (n <= FLAT_CONCAT_MAX) {
    let out = '';
    for (let i = s; i < e; i++) out += String.fromCharCode(buf[i]);
    return out;
  }
  if (n <= APPLY_BYTES) return String.fromCharCode.apply(null, buf.subarray(s, e) as unknown as number[]);
  const parts: string[] = [];
  for (let at = s; at < e; at += APPLY_BYTES) {
    parts.push(String.fromCharCode.apply(null, buf.subarray(at, Math.min(e, at + APPLY_BYTES)) as unknown as number[]));
  }
  return parts.join(''); // join makes one flat string, where += would leave a rope
}

/** True when every byte of buf[s, e) is ASCII. */
export function isAscii(buf: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (buf[i] > 127) return false;
  return true;
}

/** Thrown when bytes that were taken for UTF-8 turn out not to be; the reader restarts as Windows-1252. */
export class NotUtf8Error extends Error {
  constructor() {
    super('the file is not valid UTF-8');
    this.name = 'NotUtf8Error';
  }
}

/**
 * The bytes of a quoted field's inside with each doubled quote made single. The tokenizer only
 * lets a quote inside a quoted field through as half of a pair, so every quote is followed by its twin.
 */
export function unescapeQuotes(buf: Uint8Array, s: number, e: number, quote: number): Uint8Array {
  const out = new Uint8Array(e - s);
  let n = 0;
  for (let i = s; i < e; i++) {
    const b = buf[i];
    out[n++] = b;
    if (b === quote && buf[i + 1] === quote) i++;
  }
  return out.subarray(0, n);
}

/** Decodes field bytes to text, with `""` inside quoted fields turned back into `"`. */
export class FieldDecoder {
  private readonly decoder: TextDecoder;
  private readonly utf8: boolean;

  constructor(encoding: 'utf-8' | 'windows-1252', readonly quote: number) {
    this.utf8 = encoding === 'utf-8';
    this.decoder = new TextDecoder(encoding, { fatal: this.utf8 });
  }

  decode(buf: Uint8Array, s: number, e: number, escapedQuotes: boolean): string {
    if (escapedQuotes) {
      // Unescaped as bytes: replaceAll on the text took ~0.5 s for a 20 MB field full of quotes.
      buf = unescapeQuotes(buf, s, e, this.quote);
      s = 0;
      e = buf.length;
    }
    if (isAscii(buf, s, e)) return latin1(buf, s, e);
    try {
      return this.decoder.decode(buf.subarray(s, e));
    } catch {
      throw new NotUtf8Error();
    }
  }
}
