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

/**
 * A cell's background for a share in [0, 1]: `hsl(hue, saturation, 45%)` laid over white with
 * opacity 0.85·share, as an opaque colour so the text on it can be chosen by contrast (diverging.ts's inkOn).
 */
export function shareShade(hue: number, saturation: number, share: number): string {
  const s = saturation / 100;
  const l = 0.45;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + hue / 30) % 12;
    return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  const alpha = Math.min(1, Math.max(0, share)) * 0.85;
  const hex = (v: number) => Math.round(255 * (1 - alpha) + 255 * v * alpha).toString(16).padStart(2, '0');
  return `#${hex(f(0))}${hex(f(8))}${hex(f(4))}`;
}

function mix(a: string, b: string, t: number): string {
  const pa = parseInt(a.slice(1), 16);
  const pb = parseInt(b.slice(1), 16);
  const channel = (shift: number) => Math.round(((pa >> shift) & 255) * (1 - t) + ((pb >> shift) & 255) * t);
  return `rgb(${channel(16)}, ${channel(8)}, ${channel(0)})`;
}
