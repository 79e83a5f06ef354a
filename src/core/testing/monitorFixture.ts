import type { ChunkReport, ColumnDrift, MonitorReport, NumericSketch } from '../monitor/types';

/**
 * A hand-made monitoring report (the contract's shape, figures chosen by hand) for the studio's
 * tests and first screenshots, before a real monitoring run exists: columns `names`, those in
 * `drifted` moved, `chunks` chunks with the last ones drifting, an estimated accuracy.
 */
export function fixtureReport(names: readonly string[], drifted: readonly string[], chunks = 4): MonitorReport {
  const edges = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const sketch = (shift: number): NumericSketch => {
    const counts = [4, 10, 22, 30, 22, 10, 4, 2].map((c, i, all) => all[Math.min(all.length - 1, Math.max(0, i - shift))] ?? c);
    return { kind: 'numeric', count: counts.reduce((a, b) => a + b, 0), missing: 0, min: 0, max: 8, mean: 3.5 + shift, std: 1.4, edges, counts };
  };
  const column = (name: string, moved: boolean): ColumnDrift => ({
    column: name,
    kind: 'numeric',
    test: 'ks',
    statistic: moved ? 0.62 : 0.04,
    p_value: moved ? 1e-12 : 0.83,
    threshold: 0.05,
    drifted: moved,
    psi: moved ? 1.9 : 0.01,
    psi_band: moved ? 'major' : 'none',
    effect_size: moved ? 2.1 : 0.03,
    missing_share: { reference: 0, current: 0 },
    reference: sketch(0),
    current: sketch(moved ? 2 : 0),
  });
  const columns = names.map((n) => column(n, drifted.includes(n)));
  const share = drifted.length / Math.max(1, names.length);
  const chunk = (i: number): ChunkReport => {
    const late = i >= chunks / 2 && drifted.length > 0;
    const value = late ? 0.71 : 0.9;
    return {
      key: String(i + 1),
      rows: 50,
      drift_share: late ? share : 0,
      dataset_drift: late && share >= 0.5,
      columns: columns.map(({ column: c, test, statistic, p_value, drifted: d, psi }) => ({ column: c, test, statistic, p_value, drifted: late && d, psi })),
      prediction: { test: 'chi2', statistic: late ? 14 : 1, p_value: late ? 0.001 : 0.6, drifted: late, psi: late ? 0.3 : 0.01 },
      performance: { metric: 'accuracy', reference: 0.92, estimated: { value, std_error: 0.03, lower: value - 0.06, upper: value + 0.06 }, band: { lower: 0.8, upper: 1 }, alert: late },
      alerts: late ? [`estimated accuracy ${value.toFixed(2)} below 0.80`] : [],
    };
  };
  const most = drifted[0];
  return {
    format: 'sapling-monitor-report',
    version: 1,
    model: { family: 'gbdt', task: 'multiclass', target: 'species' },
    reference: { source: 'model', rows: 275 },
    current: { rows: chunks * 50 },
    dataset_drift: share >= 0.5,
    drift_share: share,
    drift_share_threshold: 0.5,
    columns,
    prediction: { ...column('prediction', drifted.length > 0), kind: 'categorical', test: 'chi2', reference: { kind: 'categorical', count: 69, missing: 0, categories: { Adelie: 30, Gentoo: 25, Chinstrap: 14 }, other: 0 }, current: { kind: 'categorical', count: 200, missing: 0, categories: { Adelie: 60, Gentoo: 110, Chinstrap: 30 }, other: 0 } },
    performance: { metric: 'accuracy', reference: 0.92, estimated: { value: 0.81, std_error: 0.02, lower: 0.77, upper: 0.85 }, band: { lower: 0.84, upper: 1 }, alert: drifted.length > 0 },
    chunks: Array.from({ length: chunks }, (_, i) => chunk(i)),
    summary: drifted.length ? `${drifted.length} of ${names.length} columns moved; \`${most}\` the most; estimated accuracy 0.81, down from 0.92` : `0 of ${names.length} columns moved; estimated accuracy 0.91, as at training (0.92)`,
    alerts: drifted.length ? ['estimated accuracy 0.81 below 0.84'] : [],
  };
}
