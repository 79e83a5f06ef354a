// Inline SVG charts of the monitoring report's HTML page (html.ts): a column's reference and current
// distributions overlaid, and a per-chunk timeline with its band. Plain strings, no DOM, so the page
// is made the same in Node and the browser. Every text from the data goes through escapeHtml: column
// and category names are user data (a CSV header can hold markup).
import { escapeHtml } from '../deploy/htmlDocument';
import type { CategoricalSketch, NumericSketch, Sketch } from './types';

const W = 360;
const H = 150;
const PAD = { left: 40, right: 10, top: 10, bottom: 26 };
/** Categories drawn by name; the rest are summed into one bar (a chart of 300 bars reads as nothing). */
const MAX_CATEGORIES = 10;
/** Characters of a category name shown beside its bar (the whole name is in the bar's tooltip and the table). */
const LABEL_CHARS = 14;

/** A number for an axis or a tooltip: short, no trailing noise. */
export function fmt(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v !== 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) return v.toExponential(2);
  return String(Number(v.toPrecision(digits)));
}

function clip(text: string, chars: number): string {
  return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
}

/** An `<svg>` with an accessible name (`<title>`) and a longer text alternative (`<desc>`). */
function svg(id: string, title: string, desc: string, body: string, height = H): string {
  return (
    `<svg viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-labelledby="${id}-t ${id}-d">` +
    `<title id="${id}-t">${escapeHtml(title)}</title><desc id="${id}-d">${escapeHtml(desc)}</desc>${body}</svg>`
  );
}

const LEGEND = `<g class="legend" font-size="10"><rect x="${W - 150}" y="2" width="10" height="8" class="ref"/><text x="${W - 136}" y="10">reference</text><rect x="${W - 80}" y="2" width="10" height="8" class="cur"/><text x="${W - 66}" y="10">current</text></g>`;

/**
 * A numeric column: the reference's quantile bins on a value axis, each bar's height its share of
 * rows divided by its width (a density, so unequal quantile bins draw the true shape); the reference
 * as filled bars, the current rows on the same bins as an outlined step line over them.
 */
function numericChart(id: string, column: string, refSketch: NumericSketch, curSketch: NumericSketch): string {
  const ref = coarser(refSketch);
  const cur = coarser(curSketch);
  const edges = ref.edges;
  const lo = edges[0];
  const hi = edges[edges.length - 1];
  const span = hi - lo || 1;
  // A bin of (almost) no width, as repeated quantiles of a discrete column give, is drawn at a
  // minimum width so its density does not dwarf every other bar.
  const minWidth = span / 200;
  const refTotal = ref.count || 1;
  const curTotal = (cur.count || 0) || 1;
  const density = (counts: readonly number[], total: number) => counts.map((c, i) => c / total / Math.max(edges[i + 1] - edges[i], minWidth));
  const rd = density(ref.counts, refTotal);
  const cd = density(cur.counts, curTotal);
  const top = Math.max(...rd, ...cd, 1e-12);
  const x = (v: number) => PAD.left + ((v - lo) / span) * (W - PAD.left - PAD.right);
  const y = (d: number) => H - PAD.bottom - (d / top) * (H - PAD.top - PAD.bottom - 6);
  let bars = '';
  let step = '';
  for (let i = 0; i < ref.counts.length; i++) {
    const x0 = x(edges[i]);
    const x1 = Math.max(x(edges[i + 1]), x0 + 1);
    bars += `<rect class="ref" x="${x0.toFixed(1)}" y="${y(rd[i]).toFixed(1)}" width="${(x1 - x0).toFixed(1)}" height="${(H - PAD.bottom - y(rd[i])).toFixed(1)}"/>`;
    step += `${i === 0 ? 'M' : 'L'}${x0.toFixed(1)},${y(cd[i]).toFixed(1)}L${x1.toFixed(1)},${y(cd[i]).toFixed(1)}`;
  }
  const axis = `<line class="axis" x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}"/>` +
    `<text x="${PAD.left}" y="${H - 8}" font-size="10">${escapeHtml(fmt(lo))}</text>` +
    `<text x="${W - PAD.right}" y="${H - 8}" font-size="10" text-anchor="end">${escapeHtml(fmt(hi))}</text>` +
    `<text x="${(PAD.left + W - PAD.right) / 2}" y="${H - 8}" font-size="10" text-anchor="middle" class="muted">density on the reference's quantile bins</text>`;
  const outside = (cur.below ?? 0) + (cur.above ?? 0);
  const desc =
    `Reference mean ${fmt(ref.mean)}, standard deviation ${fmt(ref.std)}; current mean ${fmt(cur.mean)}, standard deviation ${fmt(cur.std)}` +
    (outside ? `; ${cur.below ?? 0} current values below the reference's minimum and ${cur.above ?? 0} above its maximum.` : '.');
  return svg(id, `Distribution of ${column}: reference and current`, desc, `${bars}<path class="cur-line" d="${step}"/>${axis}${LEGEND}`);
}

/** Bins a chart draws at most: finer sketches (raw reference rows give a hundred) draw as noise. */
const MAX_BINS = 24;

/** The sketch on fewer, wider bins (neighbours merged) when it has more than a chart can show. */
function coarser(sketch: NumericSketch): NumericSketch {
  const bins = sketch.counts.length;
  if (bins <= MAX_BINS) return sketch;
  const group = Math.ceil(bins / MAX_BINS);
  const edges = [sketch.edges[0]];
  const counts: number[] = [];
  for (let i = 0; i < bins; i += group) {
    const end = Math.min(i + group, bins);
    counts.push(sketch.counts.slice(i, end).reduce((a, b) => a + b, 0));
    edges.push(sketch.edges[end]);
  }
  return { ...sketch, edges, counts };
}

/** Shares of a categorical sketch's categories (named ones, `other` as "(other)"), in the reference's order, then categories new in the current rows. */
function categoryShares(ref: CategoricalSketch, cur: CategoricalSketch): { name: string; ref: number; cur: number }[] {
  const refTotal = ref.count || 1;
  const curTotal = cur.count || 1;
  const names = Object.keys(ref.categories);
  for (const name of Object.keys(cur.categories)) if (!Object.hasOwn(ref.categories, name)) names.push(name);
  const rows = names.map((name) => ({
    name,
    ref: (Object.hasOwn(ref.categories, name) ? ref.categories[name] : 0) / refTotal,
    cur: (Object.hasOwn(cur.categories, name) ? cur.categories[name] : 0) / curTotal,
  }));
  if (ref.other || cur.other) rows.push({ name: '(other)', ref: ref.other / refTotal, cur: cur.other / curTotal });
  if (rows.length <= MAX_CATEGORIES) return rows;
  const kept = rows.slice(0, MAX_CATEGORIES - 1);
  const rest = rows.slice(MAX_CATEGORIES - 1);
  kept.push({ name: `(${rest.length} more)`, ref: rest.reduce((a, r) => a + r.ref, 0), cur: rest.reduce((a, r) => a + r.cur, 0) });
  return kept;
}

/** A categorical column: a pair of horizontal bars per category (reference above, current below), shares of rows. */
function categoricalChart(id: string, column: string, ref: CategoricalSketch, cur: CategoricalSketch): string {
  const rows = categoryShares(ref, cur);
  const rowH = 22;
  const height = Math.max(60, rows.length * rowH + 22);
  const left = 104;
  const top = Math.max(...rows.flatMap((r) => [r.ref, r.cur]), 1e-12);
  const bw = (s: number) => Math.max((s / top) * (W - left - 76), s > 0 ? 1 : 0);
  let body = '';
  rows.forEach((r, i) => {
    const y0 = 18 + i * rowH;
    body +=
      `<g><title>${escapeHtml(`${r.name}: reference ${fmtShare(r.ref)}, current ${fmtShare(r.cur)}`)}</title>` +
      `<text x="${left - 6}" y="${y0 + 13}" font-size="10" text-anchor="end">${escapeHtml(clip(r.name, LABEL_CHARS))}</text>` +
      `<rect class="ref" x="${left}" y="${y0 + 2}" width="${bw(r.ref).toFixed(1)}" height="8"/>` +
      `<rect class="cur" x="${left}" y="${y0 + 10}" width="${bw(r.cur).toFixed(1)}" height="8"/>` +
      `<text x="${left + bw(Math.max(r.ref, r.cur)) + 4}" y="${y0 + 14}" font-size="9" class="muted">${escapeHtml(`${fmtShare(r.ref)} → ${fmtShare(r.cur)}`)}</text></g>`;
  });
  const desc = rows.map((r) => `${r.name}: reference ${fmtShare(r.ref)}, current ${fmtShare(r.cur)}`).join('; ');
  return svg(id, `Categories of ${column}: reference and current shares`, desc, body + LEGEND, height);
}

function fmtShare(s: number): string {
  return `${(s * 100).toFixed(s > 0 && s < 0.01 ? 1 : 0)}%`;
}

/** The reference and current distributions of one column (or of the predictions), overlaid. */
export function distributionChart(id: string, column: string, ref: Sketch, cur: Sketch): string {
  if (ref.kind === 'numeric' && cur.kind === 'numeric' && ref.edges.length > 1) return numericChart(id, column, ref, cur);
  if (ref.kind === 'categorical' && cur.kind === 'categorical') return categoricalChart(id, column, ref, cur);
  return `<p class="muted">No chart: the reference's and the current sketch are of different kinds.</p>`;
}

/** One point of a timeline: a chunk's key and value, whether it raised an alert. */
export interface TimelinePoint {
  readonly key: string;
  readonly value: number | null;
  readonly alert: boolean;
  /** The band the value should stay in (performance), drawn as a shaded area. */
  readonly band?: { readonly lower: number; readonly upper: number };
}

/**
 * A per-chunk line: the value at each chunk, a dashed threshold line (`limit`), the alert band shaded
 * where the chunks have one, and chunks with an alert drawn as red squares (not only by colour).
 */
export function timelineChart(id: string, title: string, points: readonly TimelinePoint[], limit?: { value: number; label: string }, fromZero = true): string {
  const values = points.flatMap((p) => [p.value, p.band?.lower, p.band?.upper]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (limit) values.push(limit.value);
  // Shares and statistics are read from zero; a metric is read against its band, so its axis fits the values.
  let lo = Math.min(...values, ...(fromZero ? [0] : []));
  let hi = Math.max(...values, lo + 1e-9);
  if (hi - lo < 1e-9) hi = lo + 1;
  const margin = (hi - lo) * 0.08;
  lo = fromZero && lo - margin < 0 && lo >= 0 ? 0 : lo - margin;
  hi += margin;
  const n = points.length;
  const x = (i: number) => PAD.left + (n === 1 ? (W - PAD.left - PAD.right) / 2 : (i / (n - 1)) * (W - PAD.left - PAD.right));
  const y = (v: number) => H - PAD.bottom - ((v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  let body = '';
  const banded = points.map((p, i) => ({ p, i })).filter(({ p }) => p.band);
  if (banded.length) {
    const upper = banded.map(({ p, i }) => `${x(i).toFixed(1)},${y(p.band!.upper).toFixed(1)}`);
    const lower = banded.map(({ p, i }) => `${x(i).toFixed(1)},${y(p.band!.lower).toFixed(1)}`).reverse();
    body += banded.length === 1
      ? `<rect class="band" x="${(x(banded[0].i) - 8).toFixed(1)}" y="${y(banded[0].p.band!.upper).toFixed(1)}" width="16" height="${(y(banded[0].p.band!.lower) - y(banded[0].p.band!.upper)).toFixed(1)}"/>`
      : `<polygon class="band" points="${[...upper, ...lower].join(' ')}"/>`;
  }
  if (limit) body += `<line class="limit" x1="${PAD.left}" y1="${y(limit.value).toFixed(1)}" x2="${W - PAD.right}" y2="${y(limit.value).toFixed(1)}"/><text x="${W - PAD.right}" y="${(y(limit.value) - 3).toFixed(1)}" font-size="9" text-anchor="end" class="muted">${escapeHtml(limit.label)}</text>`;
  const line = points.map((p, i) => (p.value === null ? null : `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`)).filter((s) => s !== null);
  if (line.length > 1) body += `<polyline class="series" points="${line.join(' ')}"/>`;
  points.forEach((p, i) => {
    if (p.value === null) return;
    const tip = `<title>${escapeHtml(`${p.key}: ${fmt(p.value)}${p.alert ? ' (alert)' : ''}`)}</title>`;
    body += p.alert
      ? `<rect class="alert-dot" x="${(x(i) - 4).toFixed(1)}" y="${(y(p.value) - 4).toFixed(1)}" width="8" height="8">${tip}</rect>`
      : `<circle class="dot" cx="${x(i).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="3">${tip}</circle>`;
  });
  body += `<line class="axis" x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}"/>`;
  body += `<text x="${PAD.left - 4}" y="${(y(hi) + 8).toFixed(1)}" font-size="9" text-anchor="end">${escapeHtml(fmt(hi, 2))}</text><text x="${PAD.left - 4}" y="${(y(lo)).toFixed(1)}" font-size="9" text-anchor="end">${escapeHtml(fmt(lo, 2))}</text>`;
  const every = Math.max(1, Math.ceil(n / 8));
  points.forEach((p, i) => {
    const anchor = n > 1 && i === 0 ? 'start' : n > 1 && i === n - 1 ? 'end' : 'middle';
    if (i % every === 0 || i === n - 1) body += `<text x="${x(i).toFixed(1)}" y="${H - 10}" font-size="9" text-anchor="${anchor}">${escapeHtml(clip(p.key, 12))}</text>`;
  });
  const desc = points.map((p) => `${p.key}: ${fmt(p.value)}${p.band ? ` (band ${fmt(p.band.lower)} to ${fmt(p.band.upper)})` : ''}${p.alert ? ', alert' : ''}`).join('; ');
  return svg(id, title, desc, body);
}
