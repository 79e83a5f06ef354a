// Chunks of the current rows and the alert bands drawn from the reference's own chunks.
//
// A chunk is `--chunks N` equal slices in row order, or the rows of one day / week (Monday first) /
// month of a date column (`--by`), keyed by the period's first day as an ISO date. Each figure of a
// chunk gets a band from the reference's own chunks, as NannyML draws its thresholds: the mean of
// the reference chunks' values ± 3 standard deviations (population, as numpy's default).
import type { Column } from '../table/column';
import { SaplingError } from '../util/errors';
import type { Rng } from '../util/rng';
import type { SketchInput } from './reference';
import { OTHER_CATEGORY } from './sketch';
import type { Sketch } from './types';

/** A chunk of the current rows: its key and its row indices (ascending). */
export interface Chunk {
  readonly key: string;
  readonly rows: Int32Array;
}

/** A band a figure is expected to stay within. */
export interface Band {
  readonly lower: number;
  readonly upper: number;
}

const DAY_MS = 86_400_000;

/** `count` chunks of `n` rows in row order, as equal as whole rows allow (the first ones one row shorter), keyed 1…count. */
export function equalChunks(n: number, count: number): Chunk[] {
  if (!Number.isInteger(count) || count < 1) throw new SaplingError('bad-chunks', `the number of chunks must be a whole number of at least 1, got ${count}`);
  if (count > n) throw new SaplingError('bad-chunks', `${count} chunks asked of ${n} rows; there must be at least one row per chunk`);
  return Array.from({ length: count }, (_, c) => {
    const from = Math.floor((c * n) / count);
    const to = Math.floor(((c + 1) * n) / count);
    return { key: String(c + 1), rows: Int32Array.from({ length: to - from }, (_, i) => from + i) };
  });
}

/**
 * The rows of each period of a date column, in time order, keyed by the period's first day (UTC;
 * weeks start on Monday). Rows without a date belong to no chunk.
 */
export function periodChunks(column: Column, period: 'day' | 'week' | 'month'): Chunk[] {
  if (column.kind !== 'datetime') {
    throw new SaplingError('bad-date-column', `column "${column.name}" holds ${column.kind} values, not dates; chunking by ${period} needs a date column`);
  }
  const groups = new Map<number, number[]>();
  column.values.forEach((ms, i) => {
    if (Number.isNaN(ms)) return;
    const start = periodStart(ms, period);
    const rows = groups.get(start);
    if (rows) rows.push(i);
    else groups.set(start, [i]);
  });
  return [...groups.keys()].sort((a, b) => a - b).map((start) => ({ key: new Date(start).toISOString().slice(0, 10), rows: Int32Array.from(groups.get(start)!) }));
}

/** The first instant (UTC midnight) of the day, the week (Monday) or the month holding `ms`. */
export function periodStart(ms: number, period: 'day' | 'week' | 'month'): number {
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  if (period === 'day') return day;
  const date = new Date(day);
  if (period === 'month') return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  // getUTCDay: Sunday 0 … Saturday 6; days since Monday.
  return day - ((date.getUTCDay() + 6) % 7) * DAY_MS;
}

/** Mean ± 3σ of the values (population σ), σ multiplied by `scale`; null with fewer than two values. */
export function bandOf(values: readonly number[], scale = 1): Band | null {
  const finite = values.filter(Number.isFinite);
  if (finite.length < 2) return null;
  const mean = finite.reduce((a, b) => a + b, 0) / finite.length;
  const sd = Math.sqrt(finite.reduce((a, b) => a + (b - mean) ** 2, 0) / finite.length) * scale;
  return { lower: mean - 3 * sd, upper: mean + 3 * sd };
}

/** The rows `rows` of sketch material. */
export function selectInput(input: SketchInput, rows: ArrayLike<number>): SketchInput {
  if (input.kind === 'numeric') return { kind: 'numeric', values: Float64Array.from({ length: rows.length }, (_, i) => input.values[rows[i]]) };
  return { kind: 'categorical', values: Array.from({ length: rows.length }, (_, i) => input.values[rows[i]]) };
}

/**
 * `m` distinct row indices of `n` (all of them when m ≥ n), drawn by a partial Fisher–Yates
 * shuffle, ascending.
 */
export function sampleRows(n: number, m: number, rng: Rng): Int32Array {
  const k = Math.min(n, m);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order.slice(0, k).sort();
}

/**
 * `m` synthetic values drawn from a sketch: a share of missing values as the sketch has them;
 * numbers by the inverse of the sketch's distribution function (linear between its quantile
 * edges, as the sketch-based tests read it); categories by their counts, the folded rarest ones
 * as "other". Used to stand for the reference's own chunks when the reference is only a sketch.
 */
export function drawFromSketch(sketch: Sketch, m: number, rng: Rng): SketchInput {
  const missingShare = sketch.missing / Math.max(1, sketch.count + sketch.missing);
  if (sketch.kind === 'numeric') {
    const values = new Float64Array(m);
    for (let i = 0; i < m; i++) values[i] = rng.next() < missingShare || !sketch.count ? NaN : sketchQuantile(sketch, rng.next());
    return { kind: 'numeric', values };
  }
  const names = Object.keys(sketch.categories);
  const weights = [...names.map((c) => sketch.categories[c]), sketch.other];
  // A label the reference does not name, so the tests count these draws as its folded categories.
  let folded = OTHER_CATEGORY;
  while (Object.hasOwn(sketch.categories, folded)) folded += ' ';
  const labels = [...names, folded];
  const total = weights.reduce((a, b) => a + b, 0);
  const values: (string | null)[] = [];
  for (let i = 0; i < m; i++) {
    if (rng.next() < missingShare || !total) {
      values.push(null);
      continue;
    }
    let u = rng.next() * total;
    let k = 0;
    while (k < weights.length - 1 && u >= weights[k]) u -= weights[k++];
    values.push(labels[k]);
  }
  return { kind: 'categorical', values };
}

/** The sketch's quantile at u ∈ [0, 1): linear within each bin between its edges. */
export function sketchQuantile(sketch: Extract<Sketch, { kind: 'numeric' }>, u: number): number {
  const { edges, counts, count } = sketch;
  let target = u * count;
  for (let i = 0; i < counts.length; i++) {
    if (target < counts[i]) return edges[i] + (target / counts[i]) * (edges[i + 1] - edges[i]);
    target -= counts[i];
  }
  return edges[edges.length - 1];
}
