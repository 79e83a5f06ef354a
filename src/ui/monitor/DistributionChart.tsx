import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ColumnDrift } from '../../core/monitor/types';
import { ChartFigure } from '../charts/ChartFigure';
import { fmt } from '../format';
import { overlaidShares } from './monitorText';

const pct = (v: number) => `${fmt(Math.round(v * 1000) / 10)}%`;

/** A column's reference and current distributions overlaid (shares per bin or category), with its numbers as a table. */
export function DistributionChart({ drift, name }: { drift: Pick<ColumnDrift, 'reference' | 'current'>; name: string }) {
  const points = overlaidShares(drift.reference, drift.current);
  return (
    <ChartFigure
      label={`Distribution of ${name}: training reference and new data`}
      table={{ columns: [drift.reference.kind === 'numeric' ? 'Range' : 'Category', 'Reference share', 'New data share'], rows: points.map((p) => [p.bin, pct(p.reference), pct(p.current)]) }}
    >
      <ResponsiveContainer width="100%" height={220}>
        <BarChart accessibilityLayer={false} data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} barGap={0} barCategoryGap="12%">
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="bin" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
          <YAxis tickFormatter={pct} tick={{ fontSize: 11 }} width={48} />
          <Tooltip formatter={(v) => pct(Number(v))} />
          <Legend verticalAlign="top" height={24} />
          <Bar dataKey="reference" name="Reference (training)" fill="#9fb8a8" isAnimationActive={false} />
          <Bar dataKey="current" name="New data" fill="var(--orange)" fillOpacity={0.85} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

/** A row's small overlay (inline SVG, cheap for many rows): reference as grey bars, new data as an orange outline. */
export function MiniOverlay({ drift, name }: { drift: Pick<ColumnDrift, 'reference' | 'current'>; name: string }) {
  const points = overlaidShares(drift.reference, drift.current);
  const max = Math.max(1e-9, ...points.flatMap((p) => [p.reference, p.current]));
  const w = 120;
  const h = 28;
  const bw = w / Math.max(1, points.length);
  const y = (v: number) => h - (v / max) * (h - 2);
  const line = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${i * bw},${y(p.current)}H${(i + 1) * bw}`).join('');
  return (
    <svg className="mini-overlay" width={w} height={h} role="img" aria-label={`${name}: training reference (grey bars) and new data (orange line)`}>
      {points.map((p, i) => (
        <rect key={i} x={i * bw + 0.5} y={y(p.reference)} width={Math.max(1, bw - 1)} height={h - y(p.reference)} fill="#b9cbbf" />
      ))}
      <path d={line} fill="none" stroke="var(--orange)" strokeWidth={1.6} />
    </svg>
  );
}
