import type { PcaSummary } from '../../../core/models/unsupervised/summary';
import { pct, ScreeChart } from '../../charts/ScreeChart';
import { Loadings } from './Loadings';

/** PCA on Evaluate: the scree chart, and what the first components are made of. */
export function PcaCards({ summary, features }: { summary: PcaSummary; features: readonly string[] }) {
  const ratio = summary.explained_variance_ratio;
  const kept = summary.components;
  const cumulative = summary.cumulative_variance_ratio;
  const for90 = cumulative.findIndex((c) => c >= 0.9 - 1e-12) + 1;
  return (
    <div className="grid-2">
      <div className="card">
        <h3>How much each component explains</h3>
        <ScreeChart ratio={ratio} cumulative={cumulative} kept={kept} />
        <p className="scree-summary">
          pc1 explains {pct(ratio[0] ?? 0)} of the variance{ratio.length > 1 ? `, pc2 ${pct(ratio[1])}` : ''}; the {kept} kept component{kept === 1 ? '' : 's'} together {pct(cumulative[kept - 1] ?? 0)}.
          {for90 > 0 ? ` ${for90} of ${ratio.length} components keep 90%.` : ''}
        </p>
      </div>
      <div className="card">
        <h3>What the components are made of</h3>
        <p className="help">
          Each component is a weighted mix of the prepared features. The largest weights (loadings) say what it measures; features with opposite signs pull it in opposite directions. With the numbers scaled
          (Prepare), weights compare across columns.
        </p>
        <div className="loadings-pair">
          {Array.from({ length: Math.min(2, kept) }, (_, c) => (
            <Loadings key={c} component={c} loadings={summary.loadings} features={features} />
          ))}
        </div>
      </div>
    </div>
  );
}
