import { Bar, CartesianGrid, Cell, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFigure } from './ChartFigure';

/** Components drawn at most. */
const SHOWN = 20;

/** A bar's share: inside the top of a tall bar (clear of the cumulative line), above a short one; none when it rounds to 0.0%. */
function BarLabel({ x, y, width, value, index }: { x?: number | string; y?: number | string; width?: number | string; value?: unknown; index?: number }, kept: number) {
  const v = Number(value);
  if (!(v >= 0.05)) return null;
  const inside = v >= 12;
  const onColour = inside && (index ?? 0) < kept;
  return (
    <text x={Number(x) + Number(width) / 2} y={Number(y) + (inside ? 14 : -5)} textAnchor="middle" fontSize={11} fill={onColour ? 'white' : '#3d4a42'} fontWeight={inside ? 600 : 400}>
      {v.toFixed(1)}%
    </text>
  );
}

/** Percent with one decimal. */
export function pct(v: number): string {
  return `${(v * 100).toFixed(1)}%`;
}

/**
 * The scree chart: the share of the variance each principal component explains (bars, the kept
 * ones in colour) and the running total (line).
 */
export function ScreeChart({ ratio, cumulative, kept }: { ratio: readonly number[]; cumulative: readonly number[]; kept: number }) {
  // Sums of float shares overshoot 100% by a hair; clamp so the axis stays at 100%.
  const data = ratio.slice(0, SHOWN).map((r, i) => ({ name: `pc${i + 1}`, explained: r * 100, cumulative: Math.min(100, cumulative[i] * 100) }));
  // Labels fit above up to ~16 bars in a half-width card; shares that round to 0.0% go unlabelled.
  const labelled = data.length <= 16;
  return (
    <ChartFigure
      label="Scree chart"
      caption={
        <>
          Coloured bars are the {kept} component{kept === 1 ? '' : 's'} the model keeps{ratio.length > SHOWN ? `; the first ${SHOWN} of ${ratio.length} are drawn` : ''}. Where the bars drop and flatten (the “elbow” of the scree), further components add little.
        </>
      }
      table={{ columns: ['component', 'explained (%)', 'cumulative (%)'], rows: ratio.map((r, i) => [`pc${i + 1}`, Number((r * 100).toFixed(1)), Number(Math.min(100, cumulative[i] * 100).toFixed(1))]) }}
    >
      <ResponsiveContainer width="100%" height={280}>
        <ComposedChart accessibilityLayer={false} data={data} margin={{ top: 16, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 12 }} interval={0} />
          <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(v) => `${v}%`} tick={{ fontSize: 12 }} width={48} />
          <Tooltip formatter={(v, name) => [`${Number(v).toFixed(1)}%`, name]} />
          <Legend verticalAlign="top" height={28} />
          <Bar
            dataKey="explained"
            name="explained by the component"
            fill="var(--accent)"
            isAnimationActive={false}
            label={labelled ? (props: Parameters<typeof BarLabel>[0]) => BarLabel(props, kept) : false}
          >
            {data.map((d, i) => (
              <Cell key={d.name} fill={i < kept ? 'var(--accent)' : '#c9d3cc'} />
            ))}
          </Bar>
          <Line dataKey="cumulative" name="cumulative" stroke="var(--purple)" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
