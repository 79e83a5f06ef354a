/** A number for display: up to 4 significant digits, integers as they are, blanks for NaN. */
export function fmt(v: number | undefined | null): string {
  if (v === undefined || v === null || Number.isNaN(v)) return '—';
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return Math.abs(v) < 1e6 ? String(v) : v.toLocaleString('en-US');
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e7)) return exponent(v);
  return String(Number(v.toPrecision(4)));
}

/**
 * A statistic for display (a column's mean, spread, quantiles, skew): three significant figures,
 * but never fewer than its whole digits (a mean of 2008.5 reads 2009, not 2010). `scale` is the
 * size of the values it summarises (the largest magnitude in the column): a figure below a
 * billionth of it is floating-point rounding, such as the mean of a centred column (-1.44e-18), and
 * reads 0.
 */
export function fmtStat(v: number | undefined | null, scale = 0): string {
  if (v === undefined || v === null || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  if (a === 0 || a <= Math.abs(scale) * 1e-9) return '0';
  if (a >= 1e15) return exponent(v);
  if (a >= 100) {
    const whole = Math.round(v);
    return Math.abs(whole) < 1e6 ? String(whole) : whole.toLocaleString('en-US');
  }
  if (a < 1e-4) return exponent(v);
  return String(Number(v.toPrecision(3)));
}

/** A value on the −1..1 scale of a correlation, as a heatmap cell prints it: two decimals, a true minus sign, no "−0.00", nothing for no value. */
export function fmtCorrelation(v: number): string {
  if (!Number.isFinite(v)) return '';
  const s = v.toFixed(2);
  return s === '-0.00' ? '0.00' : s.replace('-', '−');
}

/** Scientific notation with three significant figures and no trailing zeros: 1.5e-7, -2.31e+16. */
function exponent(v: number): string {
  return v.toExponential(2).replace(/\.?0+e/, 'e');
}


/** A task for people. */
export const TASK_LABELS = { binary: 'Binary classification', multiclass: 'Multiclass classification', regression: 'Regression', clustering: 'Clustering', projection: 'Dimension reduction' } as const;

/** A metric value: four decimals for scores and losses, fewer digits only for large errors. */
export function fmtMetric(v: number | undefined): string {
  if (v === undefined || Number.isNaN(v)) return '—';
  return Math.abs(v) < 100 ? v.toFixed(4) : fmt(v);
}
