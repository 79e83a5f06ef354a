// The report in words: the summary a person reads first, and the alerts that page someone.
import type { ColumnDrift, MonitorReport, PerformanceReport } from './types';

/** Two decimals (as alerts print figures), two significant digits below 0.01. */
export function fixed(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) < 0.01 && v !== 0 ? v.toPrecision(2) : v.toFixed(2);
}

/** Plain words: "3 of 12 columns moved; `income` the most; predictions steady; estimated accuracy 0.81, down from 0.88". */
export function summaryOf(report: Omit<MonitorReport, 'summary' | 'alerts'>): string {
  const moved = report.columns.filter((c) => c.drifted);
  const parts = [`${moved.length} of ${report.columns.length} column${report.columns.length === 1 ? '' : 's'} moved`];
  // The most moved column by PSI, which reads the same for numbers and categories.
  const top = [...moved].sort((a, b) => b.psi - a.psi)[0];
  if (top) parts.push(`\`${top.column}\` the most`);
  if (report.dataset_drift) parts.push('the data set drifted');
  parts.push(report.prediction.drifted ? 'predictions moved' : 'predictions steady');
  const p = report.performance;
  const value = p ? watchedValue(p) : undefined;
  if (p && value !== undefined) {
    const name = `${p.estimated ? 'estimated ' : ''}${p.metric}`;
    // Compared as printed, so that 0.996 against 1 does not read "1.00, down from 1.00".
    const [now, then] = [fixed(value), fixed(p.reference)];
    const trend = !Number.isFinite(p.reference) ? '' : now === then ? ', as in training' : value < p.reference ? `, down from ${then}` : `, up from ${then}`;
    parts.push(`${name} ${now}${trend}`);
  }
  const paged = report.chunks.filter((c) => c.alerts.length).length;
  if (paged) parts.push(`${paged} of ${report.chunks.length} chunks out of band`);
  return parts.join('; ');
}

/** Why the run pages someone: data-set drift, prediction drift, performance out of band, each chunk's alerts. */
export function describeAlerts(report: Omit<MonitorReport, 'summary' | 'alerts'>): string[] {
  const alerts: string[] = [];
  if (report.dataset_drift) {
    const moved = report.columns.filter((c) => c.drifted).length;
    alerts.push(`data set drift: ${moved} of ${report.columns.length} columns moved (share ${fixed(report.drift_share)}, threshold ${fixed(report.drift_share_threshold)})`);
  }
  if (report.prediction.drifted) alerts.push(`prediction drift: ${testWords(report.prediction)}`);
  if (report.performance?.alert) alerts.push(describeChunkPerformance(report.performance));
  for (const chunk of report.chunks) for (const a of chunk.alerts) alerts.push(`chunk ${chunk.key}: ${a}`);
  return alerts;
}

/** "estimated accuracy 0.71 below 0.80": the watched metric against its band. */
export function describeChunkPerformance(p: PerformanceReport): string {
  const value = watchedValue(p) ?? NaN;
  const name = `${p.estimated ? 'estimated ' : ''}${p.metric}`;
  if (!p.band) return `${name} ${fixed(value)}`;
  return value < p.band.lower ? `${name} ${fixed(value)} below ${fixed(p.band.lower)}` : `${name} ${fixed(value)} above ${fixed(p.band.upper)}`;
}

/** "ks 0.31 (p 0.001 < 0.05)", "wasserstein 0.24 (≥ 0.1)". */
function testWords(c: Pick<ColumnDrift, 'test' | 'statistic' | 'p_value' | 'threshold'>): string {
  return c.p_value !== null ? `${c.test} ${fixed(c.statistic)} (p ${c.p_value.toPrecision(2)} < ${c.threshold})` : `${c.test} ${fixed(c.statistic)} (≥ ${c.threshold})`;
}

/** The watched metric's value: realised when known, else estimated. */
function watchedValue(p: PerformanceReport): number | undefined {
  return p.realised?.[p.metric] ?? p.estimated?.value;
}
