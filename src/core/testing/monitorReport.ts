// A monitoring report as the engine writes one, for the HTML page's tests and screenshots: a shifted
// numeric column, a categorical column whose name and one category are markup, and four chunks.
import type { ChunkReport, ColumnDrift, MonitorReport, NumericSketch } from '../monitor/types';

/** A column name that is markup: the page must show it as text. */
export const HOSTILE = '<img src=x onerror=alert(1)>';

function numeric(counts: number[], edges: number[], extra: Partial<NumericSketch> = {}): NumericSketch {
  const count = counts.reduce((a, b) => a + b, 0) + (extra.below ?? 0) + (extra.above ?? 0);
  return { kind: 'numeric', count, missing: 0, min: edges[0], max: edges.at(-1)!, mean: 40, std: 5, edges, counts, ...extra };
}

const EDGES = [30, 35, 38, 40, 42, 44, 46, 50, 60];

/** A report as the engine writes one: a shifted numeric column, a categorical column with a hostile name and category, four chunks. */
export function sampleReport(): MonitorReport {
  const age: ColumnDrift = {
    column: 'age', kind: 'numeric', test: 'ks', statistic: 0.31, p_value: 0.0004, threshold: 0.05, drifted: true, psi: 0.42, psi_band: 'major', effect_size: 0.8,
    missing_share: { reference: 0, current: 0.02 },
    reference: numeric([25, 25, 25, 25, 25, 25, 25, 25], EDGES), current: numeric([5, 8, 12, 20, 30, 40, 45, 30], EDGES, { above: 10 }),
  };
  const hostile: ColumnDrift = {
    column: HOSTILE, kind: 'categorical', test: 'chi2', statistic: 1.2, p_value: 0.55, threshold: 0.05, drifted: false, psi: 0.01, psi_band: 'none', effect_size: 0.04,
    missing_share: { reference: 0, current: 0 },
    reference: { kind: 'categorical', count: 200, missing: 0, categories: { Biscoe: 90, Dream: 70, [`</svg>${HOSTILE}`]: 40 }, other: 0 },
    current: { kind: 'categorical', count: 200, missing: 0, categories: { Biscoe: 85, Dream: 75, [`</svg>${HOSTILE}`]: 38, new: 2 }, other: 0 },
  };
  const prediction: ColumnDrift = {
    column: 'prediction', kind: 'categorical', test: 'chi2', statistic: 9.1, p_value: 0.01, threshold: 0.05, drifted: true, psi: 0.2, psi_band: 'moderate', effect_size: 0.2,
    missing_share: { reference: 0, current: 0 },
    reference: { kind: 'categorical', count: 80, missing: 0, categories: { yes: 40, no: 40 }, other: 0 }, current: { kind: 'categorical', count: 200, missing: 0, categories: { yes: 130, no: 70 }, other: 0 },
  };
  const chunk = (i: number, share: number, accuracy: number, alerts: string[]): ChunkReport => ({
    key: `2026-0${i + 1}-01`, rows: 50, drift_share: share, dataset_drift: share >= 0.5,
    columns: [{ column: 'age', test: 'ks', statistic: share, p_value: share > 0.4 ? 0.01 : 0.5, drifted: share > 0.4, psi: share }, { column: HOSTILE, test: 'chi2', statistic: 1, p_value: 0.6, drifted: false, psi: 0 }],
    prediction: { test: 'chi2', statistic: 2 + i * 3, p_value: i > 2 ? 0.01 : 0.4, drifted: i > 2, psi: 0.1 },
    performance: { metric: 'accuracy', reference: 0.88, estimated: { value: accuracy, std_error: 0.03, lower: accuracy - 0.06, upper: accuracy + 0.06 }, band: { lower: 0.8, upper: 0.96 }, alert: accuracy < 0.8 },
    alerts,
  });
  return {
    format: 'sapling-monitor-report', version: 1,
    model: { family: 'gbdt', task: 'classification', target: 'label' },
    reference: { source: 'model', rows: 200 }, current: { rows: 200 },
    dataset_drift: true, drift_share: 0.5, drift_share_threshold: 0.5,
    columns: [age, hostile], prediction,
    performance: { metric: 'accuracy', reference: 0.88, estimated: { value: 0.79, std_error: 0.02, lower: 0.75, upper: 0.83 }, band: { lower: 0.82, upper: 0.94 }, alert: true },
    chunks: [chunk(0, 0, 0.9, []), chunk(1, 0, 0.87, []), chunk(2, 0.5, 0.82, ['drift share 0.50 at or above 0.50']), chunk(3, 0.5, 0.71, ['drift share 0.50 at or above 0.50', 'estimated accuracy 0.71 below 0.80'])],
    summary: `1 of 2 columns moved; \`age\` the most; estimated accuracy 0.79, down from 0.88 (${HOSTILE})`,
    alerts: ['data set drift: 1 of 2 columns', 'prediction drift', 'estimated accuracy 0.79 below 0.82'],
  };
}
