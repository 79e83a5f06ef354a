import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RocCurve } from '../../core/evaluate/classification';
import { fmt } from '../format';
import { ChartFigure } from './ChartFigure';
import { thinCurve } from './thinCurve';

/**
 * Pixels per unit of the widest and tallest plot this chart is drawn in (a full-width card on a wide
 * screen; 320 px tall): the points left out lie within half a pixel of the line drawn there.
 */
const DRAWN = { x: 1600, y: 320 };

const COLORS = ['var(--accent)', 'var(--orange)', 'var(--purple)', '#2b7bb9', '#b94a2b', '#6b8e23', '#8e236b', '#23708e'];

/** ROC curves (one per class for multiclass) with the chance diagonal. */
export function RocChart({ curves }: { curves: readonly { label: string; auc: number; curve: RocCurve }[] }) {
  return (
    <ChartFigure label="ROC curve" table={{ columns: ['curve', 'false positive rate', 'true positive rate'], rows: curves.flatMap((c) => c.curve.fpr.map((x, k) => [c.label, x, c.curve.tpr[k]])) }}>
      <ResponsiveContainer width="100%" height={320}>
        <LineChart accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" dataKey="x" domain={[0, 1]} tickFormatter={fmt} label={{ value: 'false positive rate', position: 'insideBottom', offset: -8 }} tick={{ fontSize: 12 }} />
          <YAxis type="number" domain={[0, 1]} tickFormatter={fmt} width={64} label={{ value: 'true positive rate', angle: -90, position: 'insideLeft', offset: 4, style: { textAnchor: 'middle' } }} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(v) => fmt(Number(v))} labelFormatter={(l) => `FPR ${fmt(Number(l))}`} />
          <Legend verticalAlign="bottom" wrapperStyle={{ paddingTop: 12 }} />
          <Line data={[{ x: 0, y: 0 }, { x: 1, y: 1 }]} dataKey="y" name="chance" stroke="#999" strokeDasharray="4 4" dot={false} isAnimationActive={false} legendType="none" />
          {curves.map((c, i) => (
            <Line
              key={c.label}
              data={thinCurve(c.curve.fpr, c.curve.tpr, DRAWN.x, DRAWN.y).map((k) => ({ x: c.curve.fpr[k], y: c.curve.tpr[k] }))}
              dataKey="y"
              name={`${c.label} (AUC ${fmt(c.auc)})`}
              stroke={COLORS[i % COLORS.length]}
              dot={false}
              isAnimationActive={false}
              strokeWidth={2}
              type="linear"
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
