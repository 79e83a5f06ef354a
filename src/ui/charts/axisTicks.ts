/**
 * The tick values recharts gives a number axis (its `getNiceTickValues` and fixed-domain ticks, the
 * "adaptive step" algorithm, with tickCount 5), for the charts Sapling draws as plain SVG: they must
 * read the same as the recharts charts beside them. Recharts computes in decimal.js; here the steps
 * are rounded to 12 significant digits instead, which gives the same ticks (checked against recharts
 * in axisTicks.test.ts).
 */

/** Rounds away binary floating-point noise (0.1 + 0.2 → 0.3). */
function clean(v: number): number {
  return Number(v.toPrecision(12));
}

/** 1 for [1, 10), 0 for [0.1, 1), -1 for [0.01, 0.1), …; 1 for zero (recharts' getDigitCount). */
function digitCount(v: number): number {
  return v === 0 ? 1 : Math.floor(Math.log10(Math.abs(v)) + 1e-12) + 1;
}

/** A round step near `rough` (recharts' getAdaptiveStep): a multiple of 0.05 (or 0.1) of its power of ten. */
function adaptiveStep(rough: number, allowDecimals: boolean, correction: number): number {
  if (!(rough > 0)) return 0;
  const digits = digitCount(rough);
  const power = 10 ** digits;
  const scale = digits !== 1 ? 0.05 : 0.1;
  const step = clean((Math.ceil(clean(clean(rough / power) / scale)) + correction) * scale * power);
  return allowDecimals ? step : Math.ceil(step);
}

/** start, start + step, … while below `end` (recharts' rangeStep). */
function rangeStep(start: number, end: number, step: number): number[] {
  const out: number[] = [];
  for (let i = 0, v = start; v < end && i < 100_000; i++, v = clean(start + i * step)) out.push(Math.abs(v) < Math.abs(step) * 1e-9 ? 0 : v);
  return out;
}

/** Ticks when the axis holds one value: `count` steps of 1 (or a power of ten below 1) around it. */
function singleValueTicks(value: number, count: number, allowDecimals: boolean): number[] {
  let step = 1;
  let middle = value;
  if (!Number.isInteger(value) && allowDecimals) {
    const abs = Math.abs(value);
    if (abs < 1) {
      step = 10 ** (digitCount(value) - 1);
      middle = clean(Math.floor(value / step) * step);
    } else if (abs > 1) {
      middle = Math.floor(value);
    }
  } else if (value === 0) {
    middle = Math.floor((count - 1) / 2);
  } else if (!allowDecimals) {
    middle = Math.floor(value);
  }
  const mid = Math.floor((count - 1) / 2);
  return Array.from({ length: count }, (_, i) => clean(middle + (i - mid) * step));
}

/** The step and the first and last tick covering [min, max] with `count` ticks (recharts' calculateStep). */
function calculateStep(min: number, max: number, tickCount: number, allowDecimals: boolean, correction = 0): { step: number; lo: number; hi: number } {
  if (!Number.isFinite((max - min) / (tickCount - 1))) return { step: 0, lo: 0, hi: 0 };
  const count = min < 0 && max > 0 ? Math.max(tickCount, 3) : tickCount;
  const step = adaptiveStep(clean((max - min) / (count - 1)), allowDecimals, correction);
  let middle = 0;
  if (!(min <= 0 && max >= 0)) {
    middle = clean((min + max) / 2);
    // decimal.js's mod truncates towards zero, as JavaScript's % does.
    middle = clean(middle - clean(middle % step));
  }
  let below = Math.ceil(clean((middle - min) / step));
  let above = Math.ceil(clean((max - middle) / step));
  const total = below + above + 1;
  if (total > count) return calculateStep(min, max, count, allowDecimals, correction + 1);
  if (total < count) {
    if (max > 0) above += count - total;
    else below += count - total;
  }
  return { step, lo: clean(middle - below * step), hi: clean(middle + above * step) };
}

/**
 * Round ticks covering [min, max], possibly beyond it (recharts' `getNiceTickValues`): the ticks of
 * an axis whose domain is computed from the data, which then spans the first to the last tick.
 */
export function niceAxisTicks(min: number, max: number, tickCount = 5, allowDecimals = true): number[] {
  const count = Math.max(tickCount, 2);
  const [lo, hi] = min > max ? [max, min] : [min, max];
  if (lo === hi) return singleValueTicks(lo, tickCount, allowDecimals);
  const { step, lo: first, hi: last } = calculateStep(lo, hi, count, allowDecimals);
  const ticks = step > 0 ? rangeStep(first, clean(last + 0.1 * step), step) : [first];
  return min > max ? ticks.reverse() : ticks;
}

/**
 * Ticks inside a fixed [min, max] (recharts' fixed-domain ticks, used for a `['dataMin', 'dataMax']`
 * axis): from `min` by a round step, then `max` itself; whole numbers when decimals are not allowed.
 */
export function fixedAxisTicks(min: number, max: number, tickCount = 5, allowDecimals = true): number[] {
  const [lo, hi] = min > max ? [max, min] : [min, max];
  if (lo === hi) return [lo];
  const step = adaptiveStep(clean((hi - lo) / (Math.max(tickCount, 2) - 1)), allowDecimals, 0);
  let ticks = [...rangeStep(lo, hi, step), hi];
  if (!allowDecimals) {
    ticks = ticks.map((v) => Math.round(v));
    if (ticks.length > 1 && ticks[ticks.length - 1] === ticks[ticks.length - 2]) ticks.pop();
  }
  return min > max ? ticks.reverse() : ticks;
}
