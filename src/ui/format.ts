/** A number for display: up to 4 significant digits, integers as they are, blanks for NaN. */
export function fmt(v: number | undefined | null): string {
  if (v === undefined || v === null || Number.isNaN(v)) return '—';
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return Math.abs(v) < 1e6 ? String(v) : v.toLocaleString('en-US');
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e7)) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}


/** A task for people. */
export const TASK_LABELS = { binary: 'Binary classification', multiclass: 'Multiclass classification', regression: 'Regression', clustering: 'Clustering', projection: 'Dimension reduction' } as const;

/** A metric value: four decimals for scores and losses, fewer digits only for large errors. */
export function fmtMetric(v: number | undefined): string {
  if (v === undefined || Number.isNaN(v)) return '—';
  return Math.abs(v) < 100 ? v.toFixed(4) : fmt(v);
}
