import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFigure } from './ChartFigure';

/** Vertical bars of labelled counts (class balance, histograms). */
export function BarsChart({ data, label, color = 'var(--accent)', height = 220, valueName = 'rows' }: { data: readonly { name: string; value: number }[]; label: string; color?: string; height?: number; valueName?: string }) {
  return (
    <ChartFigure label={label} caption={label} table={{ columns: ['', valueName], rows: data.map((d) => [d.name, d.value]) }}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart accessibilityLayer={false} data={[...data]} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 12 }} interval="preserveStartEnd" />
          <YAxis allowDecimals={valueName !== 'rows'} tick={{ fontSize: 12 }} width={48} />
          <Tooltip />
          <Bar dataKey="value" name={valueName} fill={color} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
