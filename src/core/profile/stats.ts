/** The present (non-NaN) values of `values`, copied. */
export function presentValues(values: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) n++;
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) out[j++] = values[i];
  return out;
}

/** Occurrences of each code (−1 = missing is skipped) of a dictionary-coded column. */
export function countCodes(codes: Int32Array, categoryCount: number): Int32Array {
  const counts = new Int32Array(categoryCount);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) counts[codes[i]]++;
  return counts;
}
