/**
 * The heatmap's diverging scale: white at 0, blue towards −1, orange towards +1 (the studio's
 * orange-up, blue-down, as in the tree and "Why?" charts), and the ink that reads on each colour.
 */

/** The ends of the scale: ColorBrewer's RdBu blue (darker than the charts' #2b7bb9, so white reads on it) and the studio's orange. */
const NEGATIVE = [0x21, 0x66, 0xac] as const;
const POSITIVE = [0xd9, 0x82, 0x2b] as const;

/** Cells with no value (a constant column's correlation). */
export const NO_VALUE_COLOUR = '#eeeeee';

/** The colour of `v` in [−1, 1] (clamped): white blended towards the end of its sign by |v|; NaN is light grey. */
export function divergingColour(v: number): string {
  if (!Number.isFinite(v)) return NO_VALUE_COLOUR;
  const t = Math.min(1, Math.abs(v));
  const end = v < 0 ? NEGATIVE : POSITIVE;
  return `#${end.map((c) => Math.round(255 + (c - 255) * t).toString(16).padStart(2, '0')).join('')}`;
}

/** The CSS gradient of the scale from +1 (top) to −1 (bottom), for its legend. */
export const DIVERGING_GRADIENT = `linear-gradient(to bottom, ${[1, 0.5, 0, -0.5, -1].map(divergingColour).join(', ')})`;

/**
 * Black or white, whichever contrasts more with `hex`: one of the two always reaches 4.58:1 (WCAG's
 * 4.5 for small text), whereas a dark grey and white both fall to 3.9:1 on mid blues.
 */
export function inkOn(hex: string): '#000000' | '#ffffff' {
  const l = luminance(hex);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}

/** WCAG contrast ratio of two `#rrggbb` colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** WCAG relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [16, 8, 0].map((s) => {
    const c = ((n >> s) & 255) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
