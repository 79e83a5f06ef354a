// STAND-IN for monitor/reference.ts (branch wt-ref) until it lands: the parts the engine uses, with
// the owner's signatures. Replaced by the owner's file on merge.
import type { LoadedModel, Predictions } from '../artifact/predictTable';
import type { AnyModelFile } from '../artifact/modelFile';
import { type DataTable, getColumn } from '../table/DataTable';
import { type Column, type ColumnKind, formatCell, isMissingAt } from '../table/column';
import { predictTable } from '../artifact/predictTable';
import { categoricalSketch, numericSketch } from './sketch';
import type { MonitorReference, Sketch } from './types';

/** Sketch material: numbers (NaN = missing) or strings (null = missing). */
export type SketchInput = { readonly kind: 'numeric'; readonly values: Float64Array } | { readonly kind: 'categorical'; readonly values: (string | null)[] };

/** An isotonic calibration map. */
export interface CalibrationMap {
  readonly x: readonly number[];
  readonly y: readonly number[];
}

/** Categories kept by name per column. */
export const KEEP_CATEGORIES = 50;

/** The values of `column` a sketch summarises when the model reads it as `kind`. */
export function sketchInput(column: Column, kind: ColumnKind): SketchInput {
  const n = column.kind === 'categorical' || column.kind === 'text' ? column.codes.length : column.values.length;
  if (kind === 'numeric' || kind === 'datetime') {
    if (column.kind === 'numeric' || column.kind === 'datetime') return { kind: 'numeric', values: column.values };
    return { kind: 'numeric', values: Float64Array.from({ length: n }, (_, i) => (isMissingAt(column, i) ? NaN : Number(formatCell(column, i)))) };
  }
  if (kind === 'text') {
    return { kind: 'numeric', values: Float64Array.from({ length: n }, (_, i) => (isMissingAt(column, i) ? NaN : formatCell(column, i).length)) };
  }
  if (column.kind === 'boolean') return { kind: 'categorical', values: Array.from(column.values, (v) => (v < 0 ? null : v === 1 ? 'true' : 'false')) };
  return { kind: 'categorical', values: Array.from({ length: n }, (_, i) => (isMissingAt(column, i) ? null : formatCell(column, i))) };
}

/** The sketch of sketch material. */
export function sketchOf(input: SketchInput, keep = KEEP_CATEGORIES): Sketch {
  return input.kind === 'numeric' ? numericSketch(input.values) : categoricalSketch(input.values, keep);
}

/** The predictions as sketch material. */
export function predictionInput(p: Predictions): SketchInput {
  if (p.labels) return { kind: 'categorical', values: [...p.labels] };
  if (p.clusters) return { kind: 'categorical', values: Array.from(p.clusters, String) };
  if (p.values) return { kind: 'numeric', values: Float64Array.from(p.values) };
  const k = p.components ?? 0;
  const projection = p.projection ?? new Float32Array(0);
  return { kind: 'numeric', values: Float64Array.from({ length: p.rows }, (_, i) => (k ? projection[i * k] : NaN)) };
}

/** The calibrated value of probability `p`: linear between breakpoints, clipped outside. */
export function applyCalibration(map: CalibrationMap, p: number): number {
  const { x, y } = map;
  const n = x.length;
  if (n === 0 || Number.isNaN(p)) return p;
  if (p <= x[0]) return y[0];
  if (p >= x[n - 1]) return y[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= p) lo = mid;
    else hi = mid;
  }
  const span = x[hi] - x[lo];
  return span > 0 ? y[lo] + ((p - x[lo]) / span) * (y[hi] - y[lo]) : y[hi];
}

/** A reference from a table of rows (stand-in: no metrics, performance or calibration). */
export function referenceFromTable(file: AnyModelFile, table: DataTable, model: LoadedModel): MonitorReference {
  const predictions = predictTable(model, table);
  return {
    version: 1,
    rows: table.rowCount,
    columns: file.inputSchema.map(({ name, kind }) => ({ column: name, kind, sketch: sketchOf(sketchInput(getColumn(table, name), kind)) })),
    prediction: sketchOf(predictionInput(predictions)),
    metrics: {},
    testRows: predictions.rows,
  };
}
