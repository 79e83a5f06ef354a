import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EpochLog } from '../../core/models/model';
import { fmt } from '../format';

/**
 * Training and validation loss per epoch, with the validation metric on a second axis. Long runs
 * are thinned to about 400 points so the chart stays cheap while it streams.
 */
export function LossChart({ history, metricName }: { history: readonly EpochLog[]; metricName: string }) {
  const step = Math.max(1, Math.ceil(history.length / 400));
  const data = history.filter((_, i) => i % step === 0 || i === history.length - 1);
  const hasVal = history.some((h) => h.valLoss !== undefined);
  const hasMetric = history.some((h) => h.valMetric !== undefined);
  const xLabel = history.length && history[0].epochs === 1 ? 'step' : 'epoch';
  return (
    <figure className="chart" role="img" aria-label={`Loss per ${xLabel}`}>
      <ResponsiveContainer width="100%" height={280}>
        <LineChart data={data} margin={{ top: 8, right: 24, bottom: 16, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="epoch" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} label={{ value: xLabel, position: 'insideBottom', offset: -8 }} tick={{ fontSize: 12 }} />
          <YAxis yAxisId="loss" tick={{ fontSize: 12 }} width={56} tickFormatter={fmt} />
          {hasMetric ? <YAxis yAxisId="metric" orientation="right" domain={metricName === 'accuracy' ? [0, 1] : ['auto', 1]} tick={{ fontSize: 12 }} width={48} tickFormatter={fmt} /> : null}
          <Tooltip formatter={(v) => fmt(Number(v))} labelFormatter={(l) => `${xLabel} ${l}`} />
          <Legend verticalAlign="top" height={28} />
          <Line yAxisId="loss" type="monotone" dataKey="loss" name="training loss" stroke="var(--accent)" dot={false} isAnimationActive={false} strokeWidth={2} />
          {hasVal ? <Line yAxisId="loss" type="monotone" dataKey="valLoss" name="validation loss" stroke="var(--orange)" dot={false} isAnimationActive={false} strokeWidth={2} /> : null}
          {hasMetric ? (
            <Line yAxisId="metric" type="monotone" dataKey="valMetric" name={`validation ${metricName}`} stroke="var(--purple)" dot={false} isAnimationActive={false} strokeDasharray="4 3" />
          ) : null}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
