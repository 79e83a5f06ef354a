/**
 * Colours for points and bars by group: ten distinct hues (the studio's greens, orange and purple
 * first, as in the ROC and tree charts), grey for noise and missing values, and a sequential scale
 * (viridis, which reads in order and in greyscale) for numbers.
 */
export const GROUP_COLOURS = ['#247a4c', '#d9822b', '#7a5ab8', '#2b7bb9', '#b94a2b', '#6b8e23', '#c2478a', '#23708e', '#8c6d1f', '#5a6b7d'];

/** Noise rows and missing values. */
export const NO_GROUP_COLOUR = '#b8bdb9';

/** The colour of group `k` (a cluster, a category); −1 (noise, missing) is grey. */
export function groupColour(k: number): string {
  return k < 0 ? NO_GROUP_COLOUR : GROUP_COLOURS[k % GROUP_COLOURS.length];
}

/** Viridis at nine stops (matplotlib's), interpolated in between. */
const VIRIDIS = ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725'];

/** The colour of `t` in [0, 1] on the sequential scale; NaN is grey. */
export function scaleColour(t: number): string {
  if (Number.isNaN(t)) return NO_GROUP_COLOUR;
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  return mix(VIRIDIS[i], VIRIDIS[i + 1], x - i);
}

/** The CSS gradient of the sequential scale, for its legend. */
export const SCALE_GRADIENT = `linear-gradient(to right, ${VIRIDIS.join(', ')})`;

/** The ink of the studio's text (styles.css `--ink`), for text drawn on a computed colour. */
export const INK = '#1d2a22';

/**
 * A cell's background for a share in [0, 1]: `hsl(hue, saturation, lightness)` laid over white with
 * opacity 0.85·share, as an opaque colour so the text on it can be chosen by contrast (see textOn).
 */
export function shareShade(hue: number, saturation: number, share: number, lightness = 45): string {
  const s = saturation / 100;
  const l = lightness / 100;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + hue / 30) % 12;
    return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  const alpha = Math.min(1, Math.max(0, share)) * 0.85;
  const hex = (v: number) => Math.round(255 * (1 - alpha) + 255 * v * alpha).toString(16).padStart(2, '0');
  return `#${hex(f(0))}${hex(f(8))}${hex(f(4))}`;
}

/** WCAG relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** The text colour, ink or white, that reads better on `background` (one of them always passes 4.5:1). */
export function textOn(background: string): string {
  return contrast(INK, background) >= contrast('#ffffff', background) ? INK : '#ffffff';
}

function mix(a: string, b: string, t: number): string {
  const pa = parseInt(a.slice(1), 16);
  const pb = parseInt(b.slice(1), 16);
  const channel = (shift: number) => Math.round(((pa >> shift) & 255) * (1 - t) + ((pb >> shift) & 255) * t);
  return `rgb(${channel(16)}, ${channel(8)}, ${channel(0)})`;
}
