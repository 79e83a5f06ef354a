import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EpochLog } from '../../core/models/model';
import { fmt } from '../format';
import type { HistoryLabels } from './historyLabels';
import { ChartFigure } from './ChartFigure';

/**
 * Training and validation loss per epoch (or round, tree, iteration), with the validation metric on
 * a second axis and, when given, a line at the step that was kept. Long runs are thinned to about
 * 400 points so the chart stays cheap while it streams.
 */
export function LossChart({ history, metricName, labels, kept, maxPoints = 400 }: { history: readonly EpochLog[]; metricName: string; labels: HistoryLabels; kept?: number | null; maxPoints?: number }) {
  const step = Math.max(1, Math.ceil(history.length / maxPoints));
  const data = history.filter((_, i) => i % step === 0 || i === history.length - 1);
  const hasVal = history.some((h) => h.valLoss !== undefined);
  const hasMetric = history.some((h) => h.valMetric !== undefined);
  const { unit } = labels;
  return (
    <ChartFigure
      label={`Loss per ${unit}`}
      caption={labels.note}
      table={{
        columns: [unit, ...(labels.showLoss || !hasVal ? [labels.loss] : []), ...(hasVal ? [labels.valLoss] : []), ...(hasMetric ? [labels.metric(metricName)] : [])],
        rows: history.map((h) => [h.epoch, ...(labels.showLoss || !hasVal ? [h.loss] : []), ...(hasVal ? [h.valLoss ?? null] : []), ...(hasMetric ? [h.valMetric ?? null] : [])]),
      }}
    >
      <ResponsiveContainer width="100%" height={280}>
        <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 24, bottom: 16, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="epoch" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} label={{ value: unit, position: 'insideBottom', offset: -8 }} tick={{ fontSize: 12 }} />
          <YAxis yAxisId="loss" tick={{ fontSize: 12 }} width={56} tickFormatter={fmt} />
          {hasMetric ? <YAxis yAxisId="metric" orientation="right" domain={metricName === 'accuracy' ? [0, 1] : ['auto', 1]} tick={{ fontSize: 12 }} width={48} tickFormatter={fmt} /> : null}
          <Tooltip formatter={(v) => fmt(Number(v))} labelFormatter={(l) => `${unit} ${l}`} />
          <Legend verticalAlign="top" height={28} />
          {labels.showLoss || !hasVal ? <Line yAxisId="loss" type="monotone" dataKey="loss" name={labels.loss} stroke="var(--accent)" dot={false} isAnimationActive={false} strokeWidth={2} /> : null}
          {hasVal ? <Line yAxisId="loss" type="monotone" dataKey="valLoss" name={labels.valLoss} stroke="var(--orange)" dot={false} isAnimationActive={false} strokeWidth={2} /> : null}
          {hasMetric ? (
            <Line yAxisId="metric" type="monotone" dataKey="valMetric" name={labels.metric(metricName)} stroke="var(--purple)" dot={false} isAnimationActive={false} strokeDasharray="4 3" />
          ) : null}
          {kept ? <ReferenceLine yAxisId="loss" x={kept} stroke="#888" strokeDasharray="2 3" label={{ value: `kept: ${unit} ${kept}`, position: 'insideTopRight', fontSize: 12, fill: '#555' }} /> : null}
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
