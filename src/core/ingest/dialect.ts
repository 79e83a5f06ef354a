import { isMissingToken, parseNumber } from '../table/cells';

/** Delimiters Sapling recognises, in order of preference on a tie. */
export const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const;

/** How many lines of the file's start are used to guess the delimiter. */
const SNIFF_LINES = 50;

/**
 * Guesses the delimiter from the first lines: the candidate whose field count per line is most
 * consistent (and above one) wins, quotes respected. Falls back to a comma.
 */
export function sniffDelimiter(text: string, quote = '"'): string {
  let best: string = ',';
  let bestScore = -Infinity;
  for (const delimiter of CANDIDATE_DELIMITERS) {
    const counts = fieldCountsPerLine(text, delimiter, quote, SNIFF_LINES);
    if (counts.length === 0) continue;
    const first = counts[0];
    if (first < 2) continue;
    const agreeing = counts.filter((c) => c === first).length / counts.length;
    // Consistency dominates; more fields breaks ties between equally consistent candidates.
    const score = agreeing * 1000 + Math.min(first, 999);
    if (score > bestScore) {
      bestScore = score;
      best = delimiter;
    }
  }
  return best;
}

function fieldCountsPerLine(text: string, delimiter: string, quote: string, maxLines: number): number[] {
  const counts: number[] = [];
  let fields = 1;
  let inQuotes = false;
  let lineHasContent = false;
  // The last line of a sample may be cut short: only lines that end inside the sample count.
  for (let i = 0; i < text.length && counts.length < maxLines; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === quote) {
        if (text[i + 1] === quote) i++;
        else inQuotes = false;
      }
      continue;
    }
    if (ch === quote) {
      inQuotes = true;
      lineHasContent = true;
    } else if (ch === delimiter) {
      fields++;
      lineHasContent = true;
    } else if (ch === '\n' || ch === '\r') {
      if (lineHasContent) counts.push(fields);
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields = 1;
      lineHasContent = false;
    } else {
      lineHasContent = true;
    }
  }
  if (lineHasContent && counts.length === 0) counts.push(fields);
  return counts;
}

/**
 * The quote character: `"` unless the file quotes with `'` (seen after delimiters and at line
 * starts) and never with `"`.
 */
export function sniffQuote(text: string, delimiter: string): string {
  const count = (q: string) => {
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      if (text[i] === q && (i === 0 || text[i - 1] === delimiter || text[i - 1] === '\n')) n++;
    }
    return n;
  };
  return count('"') === 0 && count("'") >= 2 ? "'" : '"';
}

const DECIMAL_COMMA_RE = /^[+-]?\d+,\d+$/;
const DECIMAL_POINT_RE = /^[+-]?\d*\.\d+$/;

/**
 * `,` when numbers in the sample are written with decimal commas (`3,14`, only possible when the
 * delimiter is not a comma) and never with decimal points; `.` otherwise.
 */
export function sniffDecimal(columns: readonly (readonly string[])[], delimiter: string): '.' | ',' {
  if (delimiter === ',') return '.';
  let commas = 0;
  let points = 0;
  for (const values of columns) {
    for (const v of values) {
      const t = v.trim();
      if (DECIMAL_COMMA_RE.test(t)) commas++;
      else if (DECIMAL_POINT_RE.test(t)) points++;
    }
  }
  return commas > 0 && points === 0 ? ',' : '.';
}

/**
 * Whether the first row is a header, as Python's csv.Sniffer reasons: it is, unless it looks like
 * data, that is, every cell of the columns that hold numbers below is a number itself. With no
 * numeric column to judge by, a header is assumed (most CSV files have one).
 */
export function sniffHeader(first: readonly string[], rows: readonly (readonly string[])[], decimal: '.' | ','): boolean {
  const num = (v: string) => !Number.isNaN(parseNumber(decimal === ',' ? v.replace(',', '.') : v));
  let numericColumns = 0;
  for (let c = 0; c < first.length; c++) {
    const below = rows.map((r) => r[c] ?? '').filter((v) => !isMissingToken(v));
    if (below.length === 0 || !below.every(num)) continue;
    numericColumns++;
    if (!num(first[c])) return true;
  }
  if (numericColumns === 0) return true;
  // Every numeric column's first cell is a number: the first row is data.
  return false;
}
