import type { DataTable } from '../table/DataTable';

/**
 * How many rows repeat an earlier row exactly. Each row is hashed to 53 bits from its values
 * (column by column, so memory is read in order), the hashes sorted, and equal neighbours counted:
 * 16 bytes a row of working memory, and a collision chance far below one in a million for a
 * million rows.
 */
export function countDuplicateRows(table: DataTable): number {
  const n = table.rowCount;
  if (n < 2) return 0;
  const h1 = new Uint32Array(n).fill(0x811c9dc5);
  const h2 = new Uint32Array(n).fill(0x9747b28c);
  const mix = (i: number, word: number) => {
    h1[i] = Math.imul(h1[i] ^ word, 0x01000193);
    h2[i] = Math.imul(h2[i] ^ word, 0x5bd1e995) ^ (h2[i] >>> 15);
  };
  for (const c of table.columns) {
    if (c.kind === 'categorical' || c.kind === 'text') {
      for (let i = 0; i < n; i++) mix(i, c.codes[i]);
    } else if (c.kind === 'boolean') {
      for (let i = 0; i < n; i++) mix(i, c.values[i]);
    } else {
      const bits = new Uint32Array(c.values.buffer, c.values.byteOffset, n * 2);
      for (let i = 0; i < n; i++) {
        // All NaNs (missing) hash alike, whatever their bit pattern.
        const missing = c.values[i] !== c.values[i];
        mix(i, missing ? 0x7ff80000 : bits[2 * i]);
        mix(i, missing ? 0 : bits[2 * i + 1]);
      }
    }
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = h1[i] * 2097152 + (h2[i] >>> 11);
  keys.sort();
  let duplicates = 0;
  for (let i = 1; i < n; i++) if (keys[i] === keys[i - 1]) duplicates++;
  return duplicates;
}
