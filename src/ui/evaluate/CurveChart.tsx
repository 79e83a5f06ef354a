import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Curve } from '../../core/explain/curves';
import { fmt, fmtMetric } from '../format';
import { ChartFigure } from '../charts/ChartFigure';

/**
 * Training and validation scores along one axis (training-set size, or a setting's values), with
 * the curve's reading below: the learning and validation curves of Evaluate.
 */
export function CurveChart({ curve, by, x, point, log = false }: { curve: Curve; by: string; x: string; point: (x: number | string) => string; log?: boolean }) {
  const name = curve.metric === 'r2' ? 'R²' : 'accuracy';
  const numeric = curve.points.every((p) => typeof p.x === 'number');
  return (
    <>
      <ChartFigure
        label={`Scores by ${by}: ${curve.points.map((p) => `${point(p.x)}, training ${fmtMetric(p.train.mean)}, validation ${fmtMetric(p.validation.mean)}`).join('; ')}`}
        name={`Scores by ${by}`}
        table={{ columns: [x, `training ${name}`, `validation ${name}`], rows: curve.points.map((p) => [point(p.x), fmtMetric(p.train.mean), fmtMetric(p.validation.mean)]) }}
      >
        <ResponsiveContainer width="100%" height={260}>
          <LineChart accessibilityLayer={false} data={curve.points.map((p) => ({ x: p.x, train: p.train.mean, validation: p.validation.mean }))} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            {numeric ? (
              <XAxis dataKey="x" type="number" scale={log ? 'log' : 'auto'} domain={['dataMin', 'dataMax']} tickFormatter={fmt} label={{ value: x, position: 'insideBottom', offset: -8 }} tick={{ fontSize: 12 }} />
            ) : (
              <XAxis dataKey="x" type="category" label={{ value: x, position: 'insideBottom', offset: -8 }} tick={{ fontSize: 12 }} />
            )}
            <YAxis domain={[(min: number) => Math.floor(min * 20) / 20, (max: number) => (curve.metric === 'accuracy' ? 1 : Math.ceil(max * 20) / 20)]} tickFormatter={fmt} width={56} label={{ value: name, angle: -90, position: 'insideLeft', offset: 4, style: { textAnchor: 'middle' } }} tick={{ fontSize: 12 }} />
            <Tooltip formatter={(v) => fmtMetric(Number(v))} labelFormatter={(l) => point(l as number | string)} />
            <Legend verticalAlign="top" />
            <Line dataKey="train" name={`training ${name}`} stroke="var(--accent)" strokeWidth={2} isAnimationActive={false} />
            <Line dataKey="validation" name={`validation ${name}`} stroke="var(--orange)" strokeWidth={2} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </ChartFigure>
      <p className="fit-reading">{curve.reading}</p>
    </>
  );
}
