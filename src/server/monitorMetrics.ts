import { escapeLabel } from './metrics';
import type { MonitorGauges } from './monitoring';

/** The metric families `--monitor` adds to /metrics, all gauges: name → help. */
export const MONITOR_FAMILIES = {
  sapling_monitor_window_rows: "Rows in the model's monitoring window (the newest served rows, up to --monitor-window).",
  sapling_drift_share: "Share of the model's input columns that drifted in the window.",
  sapling_dataset_drift: "Whether the window's data set drifted (1) or not (0): at least the drift-share threshold of its columns drifted.",
  sapling_column_drift_statistic: "An input column's drift statistic in the window (test: ks or chi2 p-value tests, wasserstein or jensen-shannon distances).",
  sapling_column_drifted: "Whether an input column drifted in the window (1) or not (0).",
  sapling_prediction_drift_statistic: "The drift statistic of the model's predictions in the window.",
  sapling_prediction_drifted: "Whether the model's predictions drifted in the window (1) or not (0).",
  sapling_estimated_performance: "The model's performance on the window estimated from its probabilities (CBPE; classifiers; realised performance needs labels, which serving does not have).",
  sapling_reference_performance: "The model's performance on its test rows, from the model file (to compare the estimate with).",
} as const;

type Family = keyof typeof MONITOR_FAMILIES;

/** A sample value as the text format writes it (`NaN`, `+Inf`, `-Inf` spelled as Prometheus reads them). */
function sample(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

/** Labels as `{a="…",b="…"}`, each value escaped (column names and models are user strings). */
function labels(pairs: Readonly<Record<string, string>>): string {
  return `{${Object.entries(pairs)
    .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
    .join(',')}}`;
}

/** The monitoring gauges in the Prometheus text format: HELP and TYPE for every family, then a series per model (and column) that has a value. */
export function monitorMetricsText(gauges: readonly MonitorGauges[]): string {
  const series: Record<Family, string[]> = Object.fromEntries(Object.keys(MONITOR_FAMILIES).map((f) => [f, []])) as unknown as Record<Family, string[]>;
  const put = (family: Family, pairs: Readonly<Record<string, string>>, value: number) => series[family].push(`${family}${labels(pairs)} ${sample(value)}`);
  for (const { model, rows, report } of gauges) {
    put('sapling_monitor_window_rows', { model }, rows);
    if (!report) continue;
    put('sapling_drift_share', { model }, report.drift_share);
    put('sapling_dataset_drift', { model }, report.dataset_drift ? 1 : 0);
    for (const c of report.columns) {
      put('sapling_column_drift_statistic', { model, column: c.column, test: c.test }, c.statistic);
      put('sapling_column_drifted', { model, column: c.column }, c.drifted ? 1 : 0);
    }
    put('sapling_prediction_drift_statistic', { model, test: report.prediction.test }, report.prediction.statistic);
    put('sapling_prediction_drifted', { model }, report.prediction.drifted ? 1 : 0);
    const performance = report.performance;
    if (performance) {
      if (performance.estimated) put('sapling_estimated_performance', { model, metric: performance.metric }, performance.estimated.value);
      put('sapling_reference_performance', { model, metric: performance.metric }, performance.reference);
    }
  }
  const lines: string[] = [];
  for (const family of Object.keys(MONITOR_FAMILIES) as Family[]) {
    lines.push(`# HELP ${family} ${MONITOR_FAMILIES[family]}`, `# TYPE ${family} gauge`, ...series[family]);
  }
  return lines.join('\n') + '\n';
}
