import type { ColourBy } from '../../../state/store';
import type { RowMapResult } from '../../../workers/protocol';
import { groupColour, scaleColour } from '../../charts/palette';
import { fmt } from '../../format';

/** One colour for every point when the map is not coloured by anything. */
const PLAIN = '#2f8f5b';

/** How the points of a row map are coloured: by cluster, by a column's categories or numbers, or plainly. */
export type Colouring =
  | { readonly kind: 'clusters'; readonly clusters: Int32Array; readonly count: number }
  | { readonly kind: 'categories'; readonly column: string; readonly labels: readonly string[]; readonly codes: Int32Array; readonly missing: boolean }
  | { readonly kind: 'numbers'; readonly column: string; readonly values: Float32Array; readonly min: number; readonly max: number; readonly minLabel: string; readonly maxLabel: string; readonly missing: boolean }
  | { readonly kind: 'none' };

/** The colouring a map result gives for the person's choice. */
export function colouringOf(map: RowMapResult, colourBy: ColourBy): Colouring {
  if (colourBy === 'cluster' && map.clusters) return { kind: 'clusters', clusters: map.clusters, count: Math.max(-1, ...map.clusters) + 1 };
  const c = map.colour;
  if (!c) return { kind: 'none' };
  if (c.kind === 'categories') return { kind: 'categories', column: c.column, labels: c.labels, codes: c.codes, missing: c.codes.includes(-1) };
  return { ...c, kind: 'numbers', missing: c.values.some(Number.isNaN) };
}

/** The fill of point `i`. */
export function pointColour(c: Colouring): (i: number) => string {
  switch (c.kind) {
    case 'clusters':
      return (i) => groupColour(c.clusters[i]);
    case 'categories':
      return (i) => groupColour(c.codes[i]);
    case 'numbers': {
      const span = c.max - c.min || 1;
      return (i) => scaleColour((c.values[i] - c.min) / span);
    }
    case 'none':
      return () => PLAIN;
  }
}

/** The words for point `i`: its row, position, cluster and colouring value. */
export function describePoint(map: RowMapResult, c: Colouring, i: number): string {
  const parts = [`Row ${(map.rows[i] + 1).toLocaleString('en-US')}: ${map.axes[0]} ${fmt(map.x[i])}${map.axes[1] ? `, ${map.axes[1]} ${fmt(map.y[i])}` : ''}`];
  if (map.clusters) parts.push(map.clusters[i] < 0 ? 'noise' : `cluster ${map.clusters[i]}`);
  if (c.kind === 'categories') parts.push(`${c.column} ${c.codes[i] < 0 ? '(missing)' : c.labels[c.codes[i]]}`);
  if (c.kind === 'numbers') parts.push(`${c.column} ${Number.isNaN(c.values[i]) ? '(missing)' : fmt(c.values[i])}`);
  return parts.join(' · ');
}
