import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { KMeansSummary } from '../../core/models/unsupervised/summary';
import { fmt } from '../format';
import { coveringTicks } from './ticks';
import { ChartFigure } from './ChartFigure';

/**
 * One measure of the k-means sweep against k (inertia for the elbow, or the silhouette), with the
 * model's k marked.
 */
export function KSweepChart({ elbow, k, measure, label, height = 210 }: { elbow: KMeansSummary['elbow']; k: number; measure: 'inertia' | 'silhouette'; label: string; height?: number }) {
  const data = elbow.map((e) => ({ k: e.k, value: e[measure] }));
  const maxK = Math.max(k, ...elbow.map((e) => e.k));
  const values = data.map((d) => d.value).filter((v): v is number => v !== null);
  const ticks = values.length ? coveringTicks(measure === 'inertia' ? 0 : Math.min(...values), Math.max(...values), 4) : undefined;
  return (
    <ChartFigure label={label} table={{ columns: ['clusters (k)', measure], rows: data.map((d) => [d.k, d.value]) }}>
      <ResponsiveContainer width="100%" height={height}>
        <LineChart accessibilityLayer={false} data={data} margin={{ top: 20, right: 24, bottom: 16, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="k" type="number" domain={[1, maxK]} ticks={Array.from({ length: maxK }, (_, i) => i + 1)} label={{ value: 'clusters (k)', position: 'insideBottom', offset: -8 }} tick={{ fontSize: 12 }} />
          <YAxis tick={{ fontSize: 12 }} width={56} tickFormatter={fmt} ticks={ticks} domain={ticks ? [ticks[0], ticks[ticks.length - 1]] : ['auto', 'auto']} />
          <Tooltip formatter={(v) => [fmt(Number(v)), measure]} labelFormatter={(l) => `k = ${l}`} />
          <ReferenceLine x={k} stroke="var(--orange)" strokeDasharray="4 3" label={{ value: `k = ${k} (this model)`, position: 'top', fontSize: 12, fill: '#8a4a0b' }} />
          <Line dataKey="value" name={measure} stroke={measure === 'inertia' ? 'var(--accent)' : 'var(--purple)'} strokeWidth={2} isAnimationActive={false} connectNulls={false} dot={{ r: 3 }} />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
