import { inkOn } from '../charts/diverging';

/**
 * The grid's value scale: a cell's value placed between the grid's lowest and highest value on a
 * light-to-dark green ramp (ColorBrewer's Greens, which reads in order and in greyscale), with the
 * ink (black or white) that contrasts most on it, so a value printed in the cell stays readable.
 */

/** ColorBrewer Greens at seven stops, light (low values) to dark (high values). */
const GREENS = ['#f7fcf5', '#e5f5e0', '#c7e9c0', '#a1d99b', '#74c476', '#31a354', '#006d2c'] as const;

/** Walls, holes and cells without a value. */
export const NO_VALUE_FILL = '#d5d9d6';

/** The colour of `v` between `min` and `max` (equal ends: the middle of the ramp); NaN is grey. */
export function valueColour(v: number, min: number, max: number): string {
  if (!Number.isFinite(v)) return NO_VALUE_FILL;
  const t = max > min ? Math.min(1, Math.max(0, (v - min) / (max - min))) : 0.5;
  const x = t * (GREENS.length - 1);
  const i = Math.min(GREENS.length - 2, Math.floor(x));
  return mixHex(GREENS[i], GREENS[i + 1], x - i);
}

/** The fill and the ink of a cell of value `v` on the scale from `min` to `max`. */
export function valueFill(v: number, min: number, max: number): { fill: string; ink: string } {
  const fill = valueColour(v, min, max);
  return { fill, ink: inkOn(fill) };
}

/** The CSS gradient of the scale, low (left) to high (right), for the legend. */
export const VALUE_GRADIENT = `linear-gradient(to right, ${GREENS.join(', ')})`;

/** The lowest and highest finite value of `values` (0 and 0 when there is none). */
export function valueRange(values: readonly number[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : { min: 0, max: 0 };
}

function mixHex(a: string, b: string, t: number): string {
  const pa = parseInt(a.slice(1), 16);
  const pb = parseInt(b.slice(1), 16);
  const channel = (shift: number) => Math.round(((pa >> shift) & 255) * (1 - t) + ((pb >> shift) & 255) * t);
  return `#${[16, 8, 0].map((s) => channel(s).toString(16).padStart(2, '0')).join('')}`;
}
