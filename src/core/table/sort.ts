import { type Column, booleanLabels } from './column';

/**
 * Row indices that sort a column: numbers and dates by value, categories and text by label,
 * booleans false before true; missing values last either way, and ties in file order.
 */
export function sortRows(column: Column, descending: boolean): Int32Array {
  const n = column.kind === 'categorical' || column.kind === 'text' ? column.codes.length : column.values.length;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const sign = descending ? -1 : 1;
  if (column.kind === 'numeric' || column.kind === 'datetime') {
    const v = column.values;
    return order.sort((a, b) => {
      const x = v[a];
      const y = v[b];
      if (x !== x) return y !== y ? a - b : 1;
      if (y !== y) return -1;
      return x === y ? a - b : x < y ? -sign : sign;
    });
  }
  // Coded and boolean columns: rank each code once, then sort by rank (cheap comparisons).
  let codes: ArrayLike<number>;
  let labels: readonly string[];
  if (column.kind === 'boolean') {
    codes = column.values;
    labels = booleanLabels(column);
  } else {
    codes = column.codes;
    labels = column.categories;
  }
  const byLabel = labels.map((_, k) => k).sort((a, b) => (labels[a] < labels[b] ? -1 : labels[a] > labels[b] ? 1 : 0));
  const rank = new Int32Array(labels.length);
  byLabel.forEach((code, r) => (rank[code] = column.kind === 'boolean' ? code : r));
  return order.sort((a, b) => {
    const x = codes[a];
    const y = codes[b];
    if (x < 0) return y < 0 ? a - b : 1;
    if (y < 0) return -1;
    return rank[x] === rank[y] ? a - b : (rank[x] - rank[y]) * sign;
  });
}
