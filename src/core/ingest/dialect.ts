/** Delimiters Sapling recognises, in order of preference on a tie. */
export const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const;

/** How many lines of the file's start are used to guess the delimiter. */
const SNIFF_LINES = 50;

/**
 * Guesses the delimiter from the first lines: the candidate whose field count per line is most
 * consistent (and above one) wins, quotes respected. Falls back to a comma.
 */
export function sniffDelimiter(text: string): string {
  let best: string = ',';
  let bestScore = -Infinity;
  for (const delimiter of CANDIDATE_DELIMITERS) {
    const counts = fieldCountsPerLine(text, delimiter, SNIFF_LINES);
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

function fieldCountsPerLine(text: string, delimiter: string, maxLines: number): number[] {
  const counts: number[] = [];
  let fields = 1;
  let inQuotes = false;
  let lineHasContent = false;
  for (let i = 0; i < text.length && counts.length < maxLines; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (ch === '"') {
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
  if (lineHasContent && counts.length < maxLines) counts.push(fields);
  return counts;
}
