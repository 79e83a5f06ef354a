import type { RocCurve } from '../../core/evaluate/classification';
import { fmt } from '../format';
import { ChartFigure } from './ChartFigure';
import { thinCurve } from './thinCurve';
import { UnitChart } from './UnitChart';

/**
 * Pixels per unit of the widest and tallest plot this chart is drawn in (a full-width card on a wide
 * screen; 320 px tall): the points left out lie within half a pixel of the line drawn there.
 */
const DRAWN = { x: 1600, y: 320 };

const COLORS = ['var(--accent)', 'var(--orange)', 'var(--purple)', '#2b7bb9', '#b94a2b', '#6b8e23', '#8e236b', '#23708e'];

/** ROC curves (one per class for multiclass) with the chance diagonal, in plain SVG (see UnitChart). */
export function RocChart({ curves }: { curves: readonly { label: string; auc: number; curve: RocCurve }[] }) {
  return (
    <ChartFigure label="ROC curve" table={{ columns: ['curve', 'false positive rate', 'true positive rate'], rows: curves.flatMap((c) => c.curve.fpr.map((x, k) => [c.label, x, c.curve.tpr[k]])) }}>
      <UnitChart
        height={320}
        xName="false positive rate"
        yName="true positive rate"
        yAxisWidth={64}
        legend
        lines={[
          { x: [0, 1], y: [0, 1], colour: '#999', dash: '4 4' },
          ...curves.map((c, i) => ({ x: c.curve.fpr, y: c.curve.tpr, keep: thinCurve(c.curve.fpr, c.curve.tpr, DRAWN.x, DRAWN.y), colour: COLORS[i % COLORS.length], width: 2, name: `${c.label} (AUC ${fmt(c.auc)})` })),
        ]}
      />
    </ChartFigure>
  );
}
