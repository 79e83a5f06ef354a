import { useId, useState } from 'react';
import type { SupervisedModelSummary } from '../../workers/protocol';
import { fmt } from '../format';
import { BarCell } from '../components/BarCell';

/** Bars shown before "Show all". */
const TOP = 15;

/** What the importance of each family measures, in one line. */
const EXPLANATIONS: Record<string, string> = {
  tree: 'Share of the tree’s total split gain (how much its questions on a feature purified the groups).',
  forest: 'Share of the total split gain each feature brought, summed over every tree of the forest.',
  gbdt: 'Share of the total loss reduction (split gain) each feature brought, over every boosting round.',
  logistic: 'Size of each feature’s coefficient |w| on the prepared (scaled) inputs: how hard it pushes the prediction.',
  linear: 'Size of each feature’s coefficient |w| on the prepared (scaled) inputs: how hard it pushes the prediction.',
  svm: 'Share of the coefficients’ size |w| (averaged over the one-vs-rest classifiers) on the prepared inputs: how hard each feature pushes the decision.',
};


/**
 * Feature importance as horizontal bars, largest first, by the features' lineage names
 * (`island=Dream`, `age×fare`): the top 15 with a "show all" toggle, and features optionally added
 * up by the columns they came from (a feature made from several columns counts for them together).
 */
export function ImportanceChart({ importance, model }: { importance: NonNullable<SupervisedModelSummary['importance']>; model: string }) {
  const [showAll, setShowAll] = useState(false);
  const [byColumn, setByColumn] = useState(false);
  const titleId = useId();
  const encoded = importance.some((f) => f.feature !== f.source);
  const rows = byColumn ? sumByColumn(importance) : importance.map((f) => ({ name: f.feature, value: f.value }));
  const shown = showAll ? rows : rows.slice(0, TOP);
  const max = Math.max(...rows.map((r) => r.value), 0) || 1;
  // Shares of a whole (the trees' gains, the SVM's coefficients) read best as percentages.
  const total = importance.reduce((a, f) => a + f.value, 0);
  const share = Math.abs(total - 1) < 1e-6 && importance.every((f) => f.value >= 0);
  const format = (v: number) => (share ? (v === 0 ? '0%' : v < 0.001 ? '<0.1%' : `${(v * 100).toFixed(v >= 0.1 ? 0 : 1)}%`) : fmt(v));
  return (
    <div className="card importance">
      <h3 id={titleId}>What the model relies on</h3>
      <p className="help">{EXPLANATIONS[model] ?? 'How much each feature matters to the model’s predictions.'}</p>
      <table className="bars" aria-label="Feature importance">
        <thead className="visually-hidden">
          <tr>
            <th scope="col">{byColumn ? 'Column' : 'Feature'}</th>
            <th scope="col">Importance</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.name}>
              <th scope="row" title={r.name}>
                {r.name}
              </th>
              <td>
                <BarCell share={r.value / max}>{format(r.value)}</BarCell>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        {rows.length > TOP ? (
          <button type="button" aria-expanded={showAll} onClick={() => setShowAll(!showAll)}>
            {showAll ? `Show the top ${TOP}` : `Show all ${rows.length}`}
          </button>
        ) : null}
        {encoded ? (
          <label className="check">
            <input type="checkbox" checked={byColumn} onChange={(e) => setByColumn(e.target.checked)} /> Add up features by the columns they came from
          </label>
        ) : null}
      </div>
    </div>
  );
}

function sumByColumn(importance: NonNullable<SupervisedModelSummary['importance']>): { name: string; value: number }[] {
  const sums = new Map<string, number>();
  for (const f of importance) {
    // `age×fare` is neither age's nor fare's alone: it counts for "age + fare". (Summaries of older engines lack `sources`.)
    const key = (f.sources?.length ? f.sources : [f.source]).join(' + ');
    sums.set(key, (sums.get(key) ?? 0) + f.value);
  }
  return [...sums].map(([name, value]) => ({ name, value })).sort((a, b) => b.value - a.value);
}
