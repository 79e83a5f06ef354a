/**
 * Reading single text cells: missing markers, numbers, booleans and dates, the way a careful person
 * reads a CSV.
 */

const MISSING_TOKENS = new Set(['', 'na', 'n/a', 'nan', 'null', '?']);

/** True for an empty cell or a missing marker: `NA`, `N/A`, `NaN`, `null`, `?` (any case, trimmed). */
export function isMissingToken(raw: string): boolean {
  if (raw.length > 4) return raw.trim().length <= 4 && MISSING_TOKENS.has(raw.trim().toLowerCase());
  return MISSING_TOKENS.has(raw.trim().toLowerCase());
}

/** The index after the ASCII digits of `s` from `i`. */
function skipDigits(s: string, i: number): number {
  let c = s.charCodeAt(i);
  while (c >= 48 && c <= 57) c = s.charCodeAt(++i);
  return i;
}

/**
 * True when `s` is a number as a person writes one: `[+-]? (digits [. digits?] | . digits) ([eE]
 * [+-]? digits)?`. A scanner, one step per character: the regular expression it replaces
 * (`\d+\.?\d*`) backtracked quadratically on a long run of digits that did not end as a number,
 * so a 200,000-digit cell took 82 s to type (issue 11).
 */
function isNumberText(s: string): boolean {
  const n = s.length;
  let i = 0;
  if (s[i] === '+' || s[i] === '-') i++;
  const intEnd = skipDigits(s, i);
  let digits = intEnd - i;
  i = intEnd;
  if (s[i] === '.') {
    const fracEnd = skipDigits(s, i + 1);
    digits += fracEnd - i - 1;
    i = fracEnd;
  }
  if (digits === 0) return false;
  if (s[i] === 'e' || s[i] === 'E') {
    i++;
    if (s[i] === '+' || s[i] === '-') i++;
    const expEnd = skipDigits(s, i);
    if (expEnd === i) return false;
    i = expEnd;
  }
  return i === n;
}

/** The number a cell spells (integers, decimals, exponents, leading `+`, `.5`), or NaN. */
export function parseNumber(raw: string): number {
  const s = raw.trim();
  return isNumberText(s) ? Number(s) : NaN;
}

const TRUE_TOKENS = new Set(['true', 'yes']);
const FALSE_TOKENS = new Set(['false', 'no']);

/** 1 for true/yes, 0 for false/no (any case), -1 for anything else. */
export function parseBoolean(raw: string): number {
  if (raw.length > 5 && raw.trim().length > 5) return -1; // no copy of a long field just to lowercase it
  const s = raw.trim().toLowerCase();
  if (TRUE_TOKENS.has(s)) return 1;
  if (FALSE_TOKENS.has(s)) return 0;
  return -1;
}

const ISO_DATE_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Milliseconds since the epoch for an ISO 8601 date or date-time (`2024-03-01`, `2024-03-01 12:30`,
 * `2024-03-01T12:30:00Z`, with an optional offset), or NaN. Dates without an offset are read as UTC
 * so the result does not depend on the machine's time zone.
 */
export function parseIsoDate(raw: string): number {
  const m = ISO_DATE_RE.exec(raw.trim());
  if (!m) return NaN;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) {
    return NaN;
  }
  let ms = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s), Number((frac + '000').slice(0, 3)));
  if (new Date(ms).getUTCDate() !== day) return NaN; // 2023-02-30 and friends
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
  }
  return ms;
}

/** How a date's day, month and year are ordered: ISO (`2024-03-01`), or day/month/year, month/day/year, year/month/day with `/`, `.` or `-`. */
export type DateOrder = 'iso' | 'dmy' | 'mdy' | 'ymd';

const PARTS_DATE_RE = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** Milliseconds since the epoch (UTC) for a date in the given order, or NaN. */
export function parseDate(raw: string, order: DateOrder): number {
  if (order === 'iso') return parseIsoDate(raw);
  const m = PARTS_DATE_RE.exec(raw.trim());
  if (!m) return NaN;
  const [a, b, c] = [m[1], m[2], m[3]];
  let y: string, mo: string, d: string;
  if (order === 'ymd') [y, mo, d] = [a, b, c];
  else if (order === 'dmy') [d, mo, y] = [a, b, c];
  else [mo, d, y] = [a, b, c];
  if (y.length !== 4 || d.length > 2 || mo.length > 2) return NaN;
  const day = Number(d);
  const month = Number(mo);
  const hours = Number(m[4] ?? 0);
  const minutes = Number(m[5] ?? 0);
  const seconds = Number(m[6] ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hours > 23 || minutes > 59 || seconds > 60) return NaN;
  const ms = Date.UTC(Number(y), month - 1, day, hours, minutes, seconds);
  return new Date(ms).getUTCDate() === day ? ms : NaN;
}

/**
 * The date order that reads every value, or null when none does. `ambiguous` is set when both
 * day/month and month/day read every value (no day above 12): the reader picks day/month and says so.
 */
export function detectDateOrder(values: readonly string[]): { order: DateOrder; ambiguous: boolean } | null {
  const present = values.filter((v) => !isMissingToken(v));
  if (present.length === 0) return null;
  const fits = (order: DateOrder) => present.every((v) => !Number.isNaN(parseDate(v, order)));
  if (fits('iso')) return { order: 'iso', ambiguous: false };
  if (fits('ymd')) return { order: 'ymd', ambiguous: false };
  const dmy = fits('dmy');
  const mdy = fits('mdy');
  if (dmy && mdy) return { order: 'dmy', ambiguous: true };
  if (dmy) return { order: 'dmy', ambiguous: false };
  if (mdy) return { order: 'mdy', ambiguous: false };
  return null;
}
