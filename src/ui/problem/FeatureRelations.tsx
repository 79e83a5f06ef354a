import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { FeatureRelation } from '../../core/profile/association';
import { fmt } from '../format';
import { type ChartTable, ChartFigure } from '../charts/ChartFigure';

const MEASURE = { pearson: '|r|', eta: 'η', cramers_v: 'V' } as const;
const COLORS = ['var(--accent)', 'var(--orange)', 'var(--purple)', '#2b7bb9', '#b94a2b', '#6b8e23', '#8e236b', '#23708e'];

/** Each feature's relation to the target: a ranking, then a closer look at the strongest few. */
export function FeatureRelations({ relations, target }: { relations: readonly FeatureRelation[]; target: string }) {
  if (relations.length === 0) return null;
  const ranking = relations.map((r) => ({ name: r.feature, value: Number(r.strength.toFixed(3)), measure: MEASURE[r.measure] }));
  return (
    <div className="card">
      <h3>How each feature relates to “{target}”</h3>
      <ChartFigure label="Feature relations to the target" table={{ columns: ['feature', 'strength', 'measure'], rows: ranking.map((r) => [r.name, r.value, r.measure]) }}>
        <ResponsiveContainer width="100%" height={Math.max(120, 26 * ranking.length + 40)}>
          <BarChart accessibilityLayer={false} data={ranking} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" domain={[0, 1]} tick={{ fontSize: 12 }} />
            <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 12 }} />
            <Tooltip formatter={(v, _n, p) => [`${fmt(Number(v))} (${(p.payload as { measure: string }).measure})`, 'strength']} />
            <Bar dataKey="value" fill="var(--accent)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </ChartFigure>
      <p className="muted small">Strength from 0 (unrelated) to 1: |r| between two numbers, η between a number and categories, Cramér&apos;s V between categories. Strong is not the same as useful: a feature that is only known after the outcome leaks it.</p>
      <div className="small-multiples">
        {relations.slice(0, 4).map((r) => (
          <RelationChart key={r.feature} relation={r} target={target} />
        ))}
      </div>
    </div>
  );
}

/** The numbers behind one small chart: counts per bin and class, the points, or the mean per category. */
function relationTable({ chart, feature }: FeatureRelation, target: string): ChartTable {
  if (chart.kind === 'stacked') return { columns: [feature, ...chart.classes], rows: chart.bins.map((bin, b) => [bin, ...chart.counts[b]]) };
  if (chart.kind === 'scatter') return { columns: [feature, target], rows: chart.x.map((x, i) => [x, chart.y[i]]) };
  return { columns: [feature, `mean ${target}`], rows: chart.categories.map((c, i) => [c, chart.means[i]]) };
}

function RelationChart({ relation, target }: { relation: FeatureRelation; target: string }) {
  const { chart, feature } = relation;
  const title = `${feature} vs ${target}`;
  let body;
  if (chart.kind === 'stacked') {
    // Classes are read by position, not used as keys: a class may be called `bin` or `__proto__`.
    const data = chart.bins.map((bin, b) => ({ bin, counts: chart.counts[b] }));
    body = (
      <BarChart accessibilityLayer={false} data={data} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
        <XAxis dataKey="bin" tick={{ fontSize: 10 }} interval="preserveStartEnd" />
        <YAxis tick={{ fontSize: 10 }} width={40} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        {chart.classes.map((c, k) => (
          <Bar key={c} name={c} dataKey={(d: { counts: readonly number[] }) => d.counts[k]} stackId="a" fill={COLORS[k % COLORS.length]} isAnimationActive={false} />
        ))}
      </BarChart>
    );
  } else if (chart.kind === 'scatter') {
    body = (
      <ScatterChart accessibilityLayer={false} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
        <XAxis type="number" dataKey="x" name={feature} tick={{ fontSize: 10 }} domain={['auto', 'auto']} tickFormatter={fmt} />
        <YAxis type="number" dataKey="y" name={target} tick={{ fontSize: 10 }} width={48} domain={['auto', 'auto']} tickFormatter={fmt} />
        <Tooltip formatter={(v) => fmt(Number(v))} />
        <Scatter data={chart.x.map((x, i) => ({ x, y: chart.y[i] }))} fill="var(--accent)" fillOpacity={0.5} isAnimationActive={false} />
      </ScatterChart>
    );
  } else {
    body = (
      <BarChart accessibilityLayer={false} data={chart.categories.map((c, i) => ({ name: c, value: chart.means[i] }))} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
        <XAxis dataKey="name" tick={{ fontSize: 10 }} />
        <YAxis tick={{ fontSize: 10 }} width={48} tickFormatter={fmt} />
        <Tooltip formatter={(v) => fmt(Number(v))} />
        <Bar dataKey="value" name={`mean ${target}`} fill="var(--accent)" isAnimationActive={false} />
      </BarChart>
    );
  }
  return (
    <ChartFigure
      className="chart small-chart"
      label={title}
      captionFirst
      caption={
        <>
          <strong>{feature}</strong> <span className="muted small">({MEASURE[relation.measure]} = {relation.strength.toFixed(2)})</span>
        </>
      }
      table={relationTable(relation, target)}
    >
      <ResponsiveContainer width="100%" height={180}>
        {body}
      </ResponsiveContainer>
    </ChartFigure>
  );
}
