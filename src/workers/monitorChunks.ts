import type { ChunkReport, MonitorReport } from '../core/monitor/types';

/**
 * The report of several new files monitored together, with one chunk per file (in the order
 * given) made from each file's own report: the timeline of "each file one chunk".
 */
export function byFile(all: MonitorReport, names: readonly string[], each: readonly MonitorReport[]): MonitorReport {
  const chunks: ChunkReport[] = each.map((r, i) => ({
    key: names[i],
    rows: r.current.rows,
    drift_share: r.drift_share,
    dataset_drift: r.dataset_drift,
    columns: r.columns.map(({ column, test, statistic, p_value, drifted, psi }) => ({ column, test, statistic, p_value, drifted, psi })),
    prediction: { test: r.prediction.test, statistic: r.prediction.statistic, p_value: r.prediction.p_value, drifted: r.prediction.drifted, psi: r.prediction.psi },
    performance: r.performance,
    alerts: r.alerts,
  }));
  return { ...all, chunks };
}
