import { CartesianGrid, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { fmt } from '../format';
import { ChartFigure } from './ChartFigure';

/** Predicted against actual, with the line of perfect prediction. */
export function PredictedVsActual({ actual, predicted }: { actual: readonly number[]; predicted: readonly number[] }) {
  const points = actual.map((a, i) => ({ actual: a, predicted: predicted[i] }));
  const lo = Math.min(...actual, ...predicted);
  const hi = Math.max(...actual, ...predicted);
  return (
    <ChartFigure label="Predicted vs actual" caption="Points on the dashed line are predicted exactly." table={{ columns: ['row', 'actual', 'predicted'], rows: points.map((p, i) => [i + 1, p.actual, p.predicted]) }}>
      <ResponsiveContainer width="100%" height={300}>
        <ScatterChart accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" dataKey="actual" name="actual" domain={[lo, hi]} tickFormatter={fmt} label={{ value: 'actual', position: 'insideBottom', offset: -8 }} tick={{ fontSize: 12 }} />
          <YAxis type="number" dataKey="predicted" name="predicted" domain={[lo, hi]} tickFormatter={fmt} width={56} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(v) => fmt(Number(v))} />
          <ReferenceLine segment={[{ x: lo, y: lo }, { x: hi, y: hi }]} stroke="#999" strokeDasharray="4 4" />
          <Scatter data={points} fill="var(--accent)" fillOpacity={0.6} isAnimationActive={false} />
        </ScatterChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

/** Residuals (actual − predicted) against the prediction: patterns here mean the model misses something. */
export function ResidualPlot({ actual, predicted }: { actual: readonly number[]; predicted: readonly number[] }) {
  const points = actual.map((a, i) => ({ predicted: predicted[i], residual: a - predicted[i] }));
  return (
    <ChartFigure
      label="Residuals"
      caption="Residual = actual − predicted. A shapeless band around zero is what a good model leaves."
      table={{ columns: ['row', 'predicted', 'residual'], rows: points.map((p, i) => [i + 1, p.predicted, p.residual]) }}
    >
      <ResponsiveContainer width="100%" height={300}>
        <ScatterChart accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" dataKey="predicted" name="predicted" domain={['auto', 'auto']} tickFormatter={fmt} label={{ value: 'predicted', position: 'insideBottom', offset: -8 }} tick={{ fontSize: 12 }} />
          <YAxis type="number" dataKey="residual" name="residual" tickFormatter={fmt} width={56} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(v) => fmt(Number(v))} />
          <ReferenceLine y={0} stroke="#999" strokeDasharray="4 4" />
          <Scatter data={points} fill="var(--orange)" fillOpacity={0.6} isAnimationActive={false} />
        </ScatterChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
