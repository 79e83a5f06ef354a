import type { ChunkReport, ColumnDrift, MonitorReport, PerformanceReport } from '../core/monitor/types';
import { num, shortCell, table } from './format';

/** A test's verdict in a terminal cell: `p 0.0004 < 0.05` (or `≥`) for KS and chi-square, `> 0.1` (or `≤`) for the distances. */
function verdict(d: Pick<ColumnDrift, 'p_value' | 'threshold' | 'drifted'>): string {
  if (d.p_value === null) return `${d.drifted ? '>' : '≤'} ${num(d.threshold)}`;
  return `p ${num(d.p_value)} ${d.drifted ? '<' : '≥'} ${num(d.threshold)}`;
}

/** Text from the data (column names inside alerts and the summary) on one terminal line: control characters shown escaped. */
function oneLine(text: string): string {
  return text.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}

function columnLine(name: string, d: ColumnDrift): string[] {
  return [name, d.kind, d.test, num(d.statistic), verdict(d), d.drifted ? 'DRIFT' : 'no', `${num(d.psi)} ${d.psi_band}`];
}

/** The watched metric of a performance report, realised where the rows held the target, else estimated. */
function performanceFigure(p: PerformanceReport): string {
  const realised = p.realised && Object.hasOwn(p.realised, p.metric) ? p.realised[p.metric] : undefined;
  if (realised !== undefined) return `${p.metric} ${num(realised)} (realised)`;
  if (p.estimated) return `${p.metric} ${num(p.estimated.value)} ± ${num(p.estimated.std_error)} (estimated, CBPE)`;
  return `${p.metric} unknown`;
}

function performanceLine(p: PerformanceReport | null): string {
  if (!p) return 'performance: none (no target in the new rows, no probabilities to estimate it from)';
  const band = p.band ? `, band ${num(p.band.lower)} to ${num(p.band.upper)}` : '';
  return `performance: ${performanceFigure(p)}; on the model's test rows ${num(p.reference)}${band}${p.alert ? ' — OUT OF BAND' : ''}`;
}

function chunkLines(chunks: readonly ChunkReport[]): string[] {
  if (chunks.length === 0) return [];
  const alerting = chunks.filter((c) => c.alerts.length > 0);
  const lines = [`chunks: ${chunks.length}, ${alerting.length} with alerts`];
  if (alerting.length === 0) return lines;
  const rows = [['chunk', 'rows', 'drift share', 'prediction', 'performance', 'alerts']];
  for (const c of alerting) {
    rows.push([shortCell(c.key), String(c.rows), num(c.drift_share), c.prediction.drifted ? 'DRIFT' : 'no', c.performance ? performanceFigure(c.performance) : '', c.alerts.map(oneLine).join('; ')]);
  }
  return [...lines, table(rows)];
}

/** The readable summary `sapling monitor` prints: the column table, prediction drift, performance, chunks, alerts. */
export function formatMonitorReport(report: MonitorReport, names: { model: string; data: string; reference?: string }): string {
  const ref = report.reference.source === 'model' ? `the model file's reference (${report.reference.rows} training rows)` : `${names.reference} (${report.reference.rows} rows)`;
  const head = `${names.data}: ${report.current.rows} rows against ${ref}; ${report.model.family} ${report.model.task}${report.model.target === null ? '' : ` of ${shortCell(report.model.target)}`}`;
  const rows = [['column', 'kind', 'test', 'statistic', 'p / threshold', 'drifted', 'PSI']];
  const ordered = [...report.columns].sort((a, b) => Number(b.drifted) - Number(a.drifted));
  for (const d of ordered) rows.push(columnLine(shortCell(d.column), d));
  rows.push(columnLine('(predictions)', report.prediction));
  const drifted = report.columns.filter((c) => c.drifted).length;
  const lines = [
    head,
    '',
    table(rows),
    '',
    `data drift: ${drifted} of ${report.columns.length} columns (share ${num(report.drift_share)}; the data set drifts at ${num(report.drift_share_threshold)})${report.dataset_drift ? ' — DATA SET DRIFT' : ''}`,
    `prediction drift: ${report.prediction.drifted ? 'yes' : 'no'}`,
    performanceLine(report.performance),
    ...chunkLines(report.chunks),
    '',
    oneLine(report.summary),
  ];
  if (report.alerts.length) lines.push(`alerts (exit code 2):`, ...report.alerts.map((a) => `  - ${oneLine(a)}`));
  else lines.push('no alerts (exit code 0)');
  return lines.join('\n');
}
