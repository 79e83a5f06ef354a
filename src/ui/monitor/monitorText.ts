import type { ChunkReport, DriftTest, PerformanceReport, Sketch } from '../../core/monitor/types';
import { fmt } from '../format';

/** The drift tests in words, for table cells and screen readers. */
export const TEST_LABELS: Readonly<Record<DriftTest, string>> = {
  ks: 'Kolmogorov–Smirnov',
  chi2: 'Chi-square',
  wasserstein: 'Wasserstein (normed)',
  'jensen-shannon': 'Jensen–Shannon',
};

/** A p-value as people read it: tiny ones as "< 0.0001". */
export function fmtP(p: number | null): string {
  if (p === null) return '—';
  return p < 1e-4 ? '< 0.0001' : p.toFixed(4);
}

/** The rule a column's test applies: "p < 0.05" for p-value tests, "> 0.1" for distances. */
export function ruleText(p: number | null, threshold: number): string {
  return p === null ? `drift above ${fmt(threshold)}` : `p = ${fmtP(p)} (drift below ${fmt(threshold)})`;
}

/** One bar pair of an overlaid distribution: a bin or category, and the share of each side in it. */
export interface SharePoint {
  readonly bin: string;
  readonly reference: number;
  readonly current: number;
}

/** Bins a numeric distribution is redrawn on (equal widths, so heights read as density). */
const DISPLAY_BINS = 16;

/**
 * The reference and current distributions as shares on common bins: numbers re-binned to equal
 * widths over the reference's range (each quantile bin's count spread evenly over it, values below
 * or above the range in bins of their own), categories side by side (the reference's, then new ones).
 */
export function overlaidShares(reference: Sketch, current: Sketch): SharePoint[] {
  if (reference.kind === 'categorical' || current.kind === 'categorical') {
    const ref = reference.kind === 'categorical' ? reference : null;
    const cur = current.kind === 'categorical' ? current : null;
    const names = [...new Set([...Object.keys(ref?.categories ?? {}), ...Object.keys(cur?.categories ?? {})])];
    const total = (s: typeof ref) => Math.max(1, (s?.count ?? 0) - (s?.missing ?? 0) || Object.values(s?.categories ?? {}).reduce((a, b) => a + b, 0) + (s?.other ?? 0));
    const share = (s: typeof ref, name: string) => (s?.categories[name] ?? 0) / total(s);
    const points = names.map((bin) => ({ bin, reference: share(ref, bin), current: share(cur, bin) }));
    if ((ref?.other ?? 0) + (cur?.other ?? 0) > 0) points.push({ bin: 'other', reference: (ref?.other ?? 0) / total(ref), current: (cur?.other ?? 0) / total(cur) });
    return points;
  }
  const edges = reference.edges;
  const lo = edges[0];
  const hi = edges[edges.length - 1];
  const width = (hi - lo) / DISPLAY_BINS || 1;
  const spread = (s: typeof reference) => {
    const out = new Array<number>(DISPLAY_BINS).fill(0);
    const sEdges = s.edges.length === s.counts.length + 1 ? s.edges : edges;
    s.counts.forEach((count, i) => {
      const a = sEdges[i];
      const b = sEdges[i + 1];
      if (!(b > a)) {
        out[binOf(a, lo, width)] += count;
        return;
      }
      for (let k = binOf(a, lo, width); k <= binOf(b, lo, width); k++) {
        const overlap = Math.min(b, lo + (k + 1) * width) - Math.max(a, lo + k * width);
        if (overlap > 0) out[k] += (count * overlap) / (b - a);
      }
    });
    const total = Math.max(1, s.counts.reduce((x, y) => x + y, 0) + (s.below ?? 0) + (s.above ?? 0));
    return { bins: out.map((c) => c / total), below: (s.below ?? 0) / total, above: (s.above ?? 0) / total };
  };
  const ref = spread(reference);
  const cur = spread(current);
  const points: SharePoint[] = [];
  if (ref.below + cur.below > 0) points.push({ bin: `below ${fmt(lo)}`, reference: ref.below, current: cur.below });
  for (let k = 0; k < DISPLAY_BINS; k++) points.push({ bin: `${fmt(lo + k * width)}–${fmt(lo + (k + 1) * width)}`, reference: ref.bins[k], current: cur.bins[k] });
  if (ref.above + cur.above > 0) points.push({ bin: `above ${fmt(hi)}`, reference: ref.above, current: cur.above });
  return points;
}

function binOf(v: number, lo: number, width: number): number {
  return Math.min(DISPLAY_BINS - 1, Math.max(0, Math.floor((v - lo) / width)));
}

/** The watched metric's figure of a performance report: realised when the rows had the target, else estimated; null when neither. */
export function performanceValue(p: PerformanceReport | null): { value: number; kind: 'realised' | 'estimated' } | null {
  if (!p) return null;
  const realised = p.realised?.[p.metric];
  if (realised !== undefined) return { value: realised, kind: 'realised' };
  return p.estimated ? { value: p.estimated.value, kind: 'estimated' } : null;
}

/** One chunk of the timeline as chart points: drift share, prediction drift and performance with its band. */
export interface TimelinePoint {
  readonly key: string;
  readonly rows: number;
  readonly driftShare: number;
  readonly prediction: number;
  readonly predictionDrifted: boolean;
  readonly performance: number | null;
  readonly band: [number, number] | null;
  readonly alert: boolean;
}

/** The chunks as the timeline draws them. */
export function timelinePoints(chunks: readonly ChunkReport[]): TimelinePoint[] {
  return chunks.map((c) => ({
    key: c.key,
    rows: c.rows,
    driftShare: c.drift_share,
    prediction: c.prediction.statistic,
    predictionDrifted: c.prediction.drifted,
    performance: performanceValue(c.performance)?.value ?? null,
    band: c.performance?.band ? [c.performance.band.lower, c.performance.band.upper] : null,
    alert: c.alerts.length > 0,
  }));
}

/** The summary sentence cut into text and `code` parts (the report quotes column names in backticks). */
export function summaryParts(summary: string): { text: string; code: boolean }[] {
  return summary.split('`').map((text, i) => ({ text, code: i % 2 === 1 })).filter((p) => p.text !== '');
}
