import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Curve, CurvePoint } from '../../core/explain/curves';
import { fmt, fmtMetric } from '../format';
import { ChartFigure } from '../charts/ChartFigure';

/** The empty slot between the number line and a point drawn apart ("no limit"). */
const GAP = ' ';

/**
 * Training and validation scores along one axis (training-set size, or a setting's values), with
 * the curve's reading below: the learning and validation curves of Evaluate. A point apart (a
 * setting switched off, as a depth with no limit) is drawn at the right, after a gap and a dashed
 * line, unjoined to the others: at the left end of a number line it would read as the lowest value.
 */
export function CurveChart({ curve, by, x, point, log = false }: { curve: Curve; by: string; x: string; point: (x: number | string) => string; log?: boolean }) {
  const name = curve.metric === 'r2' ? 'R²' : 'accuracy';
  const line = curve.points.filter((p) => !p.apart);
  const apart = curve.points.filter((p) => p.apart);
  const numeric = !apart.length && line.every((p) => typeof p.x === 'number');
  const describe = (p: CurvePoint) => (p.apart ? `${by}: ${p.apart}` : point(p.x));
  const row = (p: CurvePoint) => ({ x: p.apart ?? (numeric ? p.x : typeof p.x === 'number' ? fmt(p.x) : p.x), train: p.train.mean, validation: p.validation.mean, label: describe(p) });
  const data = apart.length ? [...line.map(row), { x: GAP, train: null, validation: null, label: '' }, ...apart.map(row)] : curve.points.map(row);
  const labelOf = (l: unknown) => data.find((d) => d.x === l)?.label ?? String(l);
  const y = scoreTicks(curve);
  return (
    <>
      <ChartFigure
        label={`Scores by ${by}: ${curve.points.map((p) => `${describe(p)}, training ${fmtMetric(p.train.mean)}, validation ${fmtMetric(p.validation.mean)}`).join('; ')}`}
        name={`Scores by ${by}`}
        table={{ columns: [x, `training ${name}`, `validation ${name}`], rows: curve.points.map((p) => [describe(p), fmtMetric(p.train.mean), fmtMetric(p.validation.mean)]) }}
      >
        <ResponsiveContainer width="100%" height={260}>
          <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: apart.length ? 36 : 16, bottom: 16, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            {numeric ? (
              <XAxis dataKey="x" type="number" scale={log ? 'log' : 'auto'} domain={['dataMin', 'dataMax']} tickFormatter={fmt} label={{ value: x, position: 'insideBottom', offset: -8 }} tick={{ fontSize: 12 }} />
            ) : (
              <XAxis dataKey="x" type="category" interval={0} label={{ value: x, position: 'insideBottom', offset: -8 }} tick={{ fontSize: 12 }} />
            )}
            {apart.length ? <ReferenceLine x={GAP} stroke="var(--muted)" strokeDasharray="4 4" /> : null}
            <YAxis domain={[y[0], y[y.length - 1]]} ticks={y} tickFormatter={fmt} width={56} label={{ value: name, angle: -90, position: 'insideLeft', offset: 4, style: { textAnchor: 'middle' } }} tick={{ fontSize: 12 }} />
            <Tooltip formatter={(v) => fmtMetric(Number(v))} labelFormatter={labelOf} />
            <Legend verticalAlign="top" />
            <Line dataKey="train" name={`training ${name}`} stroke="var(--accent)" strokeWidth={2} isAnimationActive={false} />
            <Line dataKey="validation" name={`validation ${name}`} stroke="var(--orange)" strokeWidth={2} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </ChartFigure>
      {apart.length ? <p className="muted small">“{apart.map((p) => p.apart).join('”, “')}” is drawn apart at the right: it switches the limit off, it is not a value on the scale.</p> : null}
      <p className="fit-reading">{curve.reading}</p>
    </>
  );
}

/** Round ticks for the scores, at most 9: from the lowest down to a round step up to the highest (accuracy: to 1). */
function scoreTicks(curve: Curve): number[] {
  const values = curve.points.flatMap((p) => [p.train.mean, p.validation.mean]).filter(Number.isFinite);
  const min = Math.min(...values, curve.metric === 'accuracy' ? 1 : Infinity);
  const max = Math.max(...values);
  const step = [0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 100].find((s) => (Math.ceil(max / s) - Math.floor(min / s)) <= 8) ?? 1000;
  const hi = curve.metric === 'accuracy' ? Math.round(1 / step) : Math.ceil(max / step);
  const lo = Math.min(Math.floor(min / step), hi - 1);
  // Counted in steps, then rounded, so 3 × 0.05 does not print as 0.15000000000000002.
  return Array.from({ length: hi - lo + 1 }, (_, i) => Number(((lo + i) * step).toFixed(2)));
}
