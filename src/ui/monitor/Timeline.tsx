import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { LOWER_IS_BETTER, METRIC_LABELS } from '../../core/evaluate/evaluate';
import type { MonitorReport } from '../../core/monitor/types';
import { ChartFigure } from '../charts/ChartFigure';
import { fmt } from '../format';
import { type TimelinePoint, TEST_LABELS, timelinePoints } from './monitorText';

type Domain = [number | ((v: number) => number), number | ((v: number) => number)];

/** A score between 0 and 1 (accuracy, AUC, F1…) drawn a little beyond its values and band, never past 0 or 1 (a flat 1 read −1 to 3). */
const SHARE_DOMAIN: Domain = [(min) => Math.max(0, Math.floor((min - 0.02) * 50) / 50), (max) => Math.min(1, Math.ceil((max + 0.02) * 50) / 50)];

/**
 * The new rows chunk by chunk: the share of drifted columns (alert line at the data set's
 * threshold), the predictions' drift statistic, and the performance (realised or estimated) inside
 * its alert band (mean ± 3σ of the reference's own chunks). Chunks that alert are listed below.
 */
export function Timeline({ report }: { report: MonitorReport }) {
  if (report.chunks.length === 0) return null;
  const points = timelinePoints(report.chunks);
  const metric = report.chunks.find((c) => c.performance)?.performance?.metric;
  const metricLabel = metric ? (METRIC_LABELS[metric] ?? metric) : '';
  const estimated = report.chunks.some((c) => c.performance && !c.performance.realised);
  const alerting = report.chunks.filter((c) => c.alerts.length);
  return (
    <div className="card">
      <h3 id="timeline-title">Over time</h3>
      <p className="muted small">
        {points.length} chunks of the new rows{points.length ? `, ${points[0].rows.toLocaleString('en-US')} rows in the first` : ''}. Red dots: a chunk that leaves its band.
      </p>
      <div className="small-multiples monitor-timeline">
        <TimelineChart
          points={points}
          label="Drift share per chunk"
          value={(p) => p.driftShare}
          format={(v) => `${fmt(Math.round(v * 100))}%`}
          domain={[0, 1]}
          line={report.drift_share_threshold}
          lineLabel={`alert at ${fmt(Math.round(report.drift_share_threshold * 100))}%`}
          alertOf={(p) => p.driftShare >= report.drift_share_threshold}
        />
        <TimelineChart points={points} label={`Prediction drift per chunk (${TEST_LABELS[report.prediction.test]})`} value={(p) => p.prediction} format={fmt} alertOf={(p) => p.predictionDrifted} />
        {metric ? <TimelineChart points={points} label={`${estimated ? 'Estimated' : 'Realised'} ${metricLabel.toLowerCase()} per chunk`} value={(p) => p.performance} format={fmt} domain={LOWER_IS_BETTER.has(metric) || metric === 'r2' ? undefined : SHARE_DOMAIN} band alertOf={(p) => p.performance !== null && p.band !== null && (p.performance < p.band[0] || p.performance > p.band[1])} /> : null}
      </div>
      {alerting.length ? (
        <ul className="monitor-chunk-alerts" aria-label="Chunk alerts">
          {alerting.map((c) => (
            <li key={c.key}>
              Chunk {c.key}: {c.alerts.join('; ')}
            </li>
          ))}
        </ul>
      ) : (
        <p className="ok-text">No chunk leaves its band.</p>
      )}
    </div>
  );
}

function TimelineChart({ points, label, value, format, domain, line, lineLabel, band, alertOf }: { points: readonly TimelinePoint[]; label: string; value: (p: TimelinePoint) => number | null; format: (v: number) => string; domain?: Domain; line?: number; lineLabel?: string; band?: boolean; alertOf?: (p: TimelinePoint) => boolean }) {
  const data = points.map((p) => ({ key: p.key, value: value(p), band: band ? p.band : null, alert: alertOf ? alertOf(p) : p.alert }));
  const columns = ['Chunk', 'Rows', label.replace(/ per chunk.*$/, ''), ...(band ? ['Band low', 'Band high'] : []), 'Alert'];
  const rows = points.map((p, i) => [p.key, p.rows, data[i].value === null ? null : format(data[i].value as number), ...(band ? [p.band?.[0] ?? null, p.band?.[1] ?? null] : []), data[i].alert ? 'yes' : 'no']);
  return (
    <ChartFigure label={label} className="chart small-chart" caption={label} captionFirst table={{ columns, rows }}>
      <ResponsiveContainer width="100%" height={180}>
        <ComposedChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="key" tick={{ fontSize: 11 }} />
          <YAxis domain={domain ?? ['auto', 'auto']} tickFormatter={format} tick={{ fontSize: 11 }} width={44} />
          <Tooltip formatter={(v) => (Array.isArray(v) ? v.map((x) => format(Number(x))).join(' to ') : format(Number(v)))} />
          {band ? <Area dataKey="band" name="Alert band" fill="var(--accent-soft)" stroke="none" isAnimationActive={false} /> : null}
          {line !== undefined ? <ReferenceLine y={line} stroke="var(--danger)" strokeDasharray="4 3" label={{ value: lineLabel, position: 'insideTopRight', fontSize: 11, fill: '#8a2a22' }} /> : null}
          <Line
            dataKey="value"
            name={label}
            stroke="var(--accent)"
            strokeWidth={2}
            isAnimationActive={false}
            dot={(props: { cx?: number; cy?: number; index?: number }) => <circle key={props.index} cx={props.cx} cy={props.cy} r={data[props.index ?? 0]?.alert ? 5 : 3} fill={data[props.index ?? 0]?.alert ? 'var(--danger)' : 'var(--accent)'} />}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
