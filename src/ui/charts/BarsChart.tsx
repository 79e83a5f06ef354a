import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** Vertical bars of labelled counts (class balance, histograms). */
export function BarsChart({ data, label, color = 'var(--accent)', height = 220, valueName = 'rows' }: { data: readonly { name: string; value: number }[]; label: string; color?: string; height?: number; valueName?: string }) {
  return (
    <figure className="chart" aria-label={label} role="img">
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={[...data]} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 12 }} interval="preserveStartEnd" />
          <YAxis allowDecimals={valueName !== 'rows'} tick={{ fontSize: 12 }} width={48} />
          <Tooltip />
          <Bar dataKey="value" name={valueName} fill={color} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="muted small">{label}</figcaption>
    </figure>
  );
}
