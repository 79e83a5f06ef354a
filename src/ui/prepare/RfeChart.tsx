import { CartesianGrid, ErrorBar, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RfeCurve } from '../../core/prep/steps/rfe.transform';
import { ChartFigure } from '../charts/ChartFigure';
import { fmt } from '../format';
import { coveringTicks } from '../charts/ticks';

/**
 * Recursive elimination with cross-validation (RFECV): the mean fold score against the number of
 * columns kept, ± one standard deviation, with the count it chose marked. Drawn from the preview's
 * fit on a sample of the training rows, so the count may differ a little from the full fit's.
 */
export function RfeChart({ curve, height = 200 }: { curve: RfeCurve; height?: number }) {
  const metric = curve.metric === 'accuracy' ? 'accuracy' : 'R²';
  const data = curve.counts.map((count, i) => ({ count, score: curve.scores[i], spread: curve.std[i] }));
  // Round ticks over the scores and their spread (accuracy never past 1).
  const top = Math.max(...data.map((d) => d.score + d.spread));
  const ticks = coveringTicks(Math.min(...data.map((d) => d.score - d.spread)), curve.metric === 'accuracy' ? Math.min(1, top) : top, 4);
  return (
    <ChartFigure
      label="Score by number of columns"
      table={{ columns: ['columns kept', `mean ${metric}`, 'std'], rows: data.map((d) => [d.count, d.score, d.spread]) }}
      caption={
        <>
          Cross-validated {metric} (± one standard deviation over the folds) as columns are eliminated, on the preview sample; the step keeps <strong>{curve.chosen}</strong>.
        </>
      }
    >
      <ResponsiveContainer width="100%" height={height}>
        <LineChart accessibilityLayer={false} data={data} margin={{ top: 20, right: 24, bottom: 16, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="count" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} label={{ value: 'columns kept', position: 'insideBottom', offset: -8 }} tick={{ fontSize: 12 }} />
          <YAxis tick={{ fontSize: 12 }} width={56} tickFormatter={fmt} ticks={ticks} domain={[ticks[0], ticks[ticks.length - 1]]} allowDataOverflow />
          <Tooltip formatter={(v) => [fmt(Number(v)), metric]} labelFormatter={(l) => `${l} columns`} />
          <ReferenceLine x={curve.chosen} stroke="var(--orange)" strokeDasharray="4 3" label={{ value: `kept ${curve.chosen}`, position: 'top', fontSize: 12, fill: '#8a4a0b' }} />
          <Line dataKey="score" name={metric} stroke="var(--accent)" strokeWidth={2} isAnimationActive={false} dot={{ r: 3 }}>
            <ErrorBar dataKey="spread" width={4} strokeWidth={1} stroke="var(--accent)" direction="y" />
          </Line>
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
