import type { DataTable } from '../table/DataTable';

/**
 * How many rows repeat an earlier row exactly. Each row is hashed to 53 bits from its values,
 * the hashes sorted, and equal neighbours counted: 8 bytes a row of working memory, and a
 * collision chance far below one in a million for a million rows.
 */
export function countDuplicateRows(table: DataTable): number {
  const n = table.rowCount;
  if (n < 2) return 0;
  // Row by row across the columns: one float64 key per row is all the working memory.
  const words = table.columns.map((c) =>
    c.kind === 'categorical' || c.kind === 'text' ? c.codes : c.kind === 'boolean' ? c.values : new Uint32Array(c.values.buffer, c.values.byteOffset, n * 2),
  );
  const wide = table.columns.map((c) => c.kind === 'numeric' || c.kind === 'datetime');
  const floats = table.columns.map((c) => (c.kind === 'numeric' || c.kind === 'datetime' ? c.values : null));
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let c = 0; c < words.length; c++) {
      const w = words[c];
      let a: number;
      let b = 0;
      if (wide[c]) {
        // All NaNs (missing) hash alike, whatever their bit pattern.
        const missing = floats[c]![i] !== floats[c]![i];
        a = missing ? 0x7ff80000 : w[2 * i];
        b = missing ? 0 : w[2 * i + 1];
      } else {
        a = w[i];
      }
      h1 = Math.imul(h1 ^ a, 0x01000193);
      h2 = Math.imul(h2 ^ a, 0x5bd1e995) ^ (h2 >>> 15);
      h1 = Math.imul(h1 ^ b, 0x01000193);
      h2 = Math.imul(h2 ^ b, 0x5bd1e995) ^ (h2 >>> 15);
    }
    keys[i] = (h1 >>> 0) * 2097152 + ((h2 >>> 0) >>> 11);
  }
  keys.sort();
  let duplicates = 0;
  for (let i = 1; i < n; i++) if (keys[i] === keys[i - 1]) duplicates++;
  return duplicates;
}
