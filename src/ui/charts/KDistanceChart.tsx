import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { fmt } from '../format';
import { ChartFigure } from './ChartFigure';

/**
 * DBSCAN's eps helper: each row's distance to its k-th nearest neighbour, sorted, against the share
 * of rows; the eps used and the one suggested at the bend drawn across.
 */
export function KDistanceChart({ curve, k, eps, suggested }: { curve: readonly number[]; k: number; eps: number; suggested: number }) {
  const last = Math.max(1, curve.length - 1);
  const data = curve.map((d, i) => ({ share: (100 * i) / last, distance: d }));
  const same = Math.abs(eps - suggested) <= 1e-9 * Math.max(1, eps);
  return (
    <ChartFigure
      label="k-distance curve"
      caption="Rows inside a cluster have close neighbours (the flat part); the curve turns up where rows become noise. A good eps is at that bend."
      table={{ columns: ['% of rows', `distance to neighbour ${k}`], rows: data.map((d) => [d.share, d.distance]) }}
    >
      <ResponsiveContainer width="100%" height={260}>
        <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 24, bottom: 16, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="share" type="number" domain={[0, 100]} tickFormatter={(v) => `${v}%`} label={{ value: 'rows, sorted by the distance', position: 'insideBottom', offset: -8 }} tick={{ fontSize: 12 }} />
          <YAxis tick={{ fontSize: 12 }} width={56} tickFormatter={fmt} />
          <Tooltip formatter={(v) => [fmt(Number(v)), `distance to neighbour ${k}`]} labelFormatter={(l) => `${fmt(Number(l))}% of rows`} />
          <Line dataKey="distance" stroke="var(--accent)" strokeWidth={2} dot={false} isAnimationActive={false} />
          <ReferenceLine y={suggested} stroke="var(--purple)" strokeDasharray="4 3" label={{ value: same ? `eps = suggested = ${fmt(suggested)}` : `suggested ${fmt(suggested)}`, position: 'insideTopLeft', fontSize: 12, fill: '#4d3580' }} />
          {same ? null : <ReferenceLine y={eps} stroke="var(--orange)" strokeDasharray="4 3" label={{ value: `eps used ${fmt(eps)}`, position: 'insideBottomRight', fontSize: 12, fill: '#8a4a0b' }} />}
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
