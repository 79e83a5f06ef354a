/** About `count` round tick values (1, 2, 5 × 10ⁿ apart) covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  return ticks;
}

/** Round ticks (about `count`) whose first and last enclose [lo, hi]: an axis domain with tidy labels. */
export function coveringTicks(lo: number, hi: number, count = 4): number[] {
  const inner = niceTicks(lo, hi, count);
  if (inner.length < 2) return hi > lo ? [lo, hi] : [lo - 1, lo, lo + 1];
  const step = inner[1] - inner[0];
  const ticks = [...inner];
  const round = (v: number) => Number(v.toPrecision(12));
  if (ticks[0] > lo + step * 1e-9) ticks.unshift(round(ticks[0] - step));
  if (ticks[ticks.length - 1] < hi - step * 1e-9) ticks.push(round(ticks[ticks.length - 1] + step));
  return ticks;
}
