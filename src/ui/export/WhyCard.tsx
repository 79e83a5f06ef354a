import { useEffect, useRef } from 'react';
import type { Explanation } from '../../core/explain/contributions';
import { BarCell } from '../components/BarCell';
import { fmt, fmtMetric } from '../format';

/** Columns listed one by one; the rest are summed into one line. */
const SHOWN = 10;

type Result = Explanation & { readonly row: number; readonly against: string };

/** What the numbers are, in words: "probability of “Adelie”", "log-odds of “yes”", "predicted body_mass_g". */
function quantity(result: Result, output: string): string {
  if (result.scale === 'value') return `predicted ${output}`;
  return `${result.scale} of “${output}”`;
}

/**
 * Why one prediction came out as it did: from the model's baseline (its average output), how much
 * each column of the row pushed it up or down, largest first, to the prediction. Shapley values —
 * exact TreeSHAP for tree models, sampled otherwise — so the pushes add up to the prediction.
 */
export function WhyCard({ result, values }: { result: Result; values: ReadonlyMap<string, string> }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The answer takes the focus from the "Why?" button, so a keyboard or screen-reader user lands on it.
  useEffect(() => heading.current?.focus(), [result]);
  const row = result.rows[0];
  const k = row.predictedIndex ?? 0;
  const output = result.outputs[k];
  const pushes = result.columns.map((column, c) => ({ column, value: row.contributions[c][k] })).sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
  const shown = pushes.slice(0, SHOWN);
  const rest = pushes.slice(SHOWN);
  const lines = rest.length ? [...shown, { column: `${rest.length} other column${rest.length === 1 ? '' : 's'}`, value: rest.reduce((a, p) => a + p.value, 0) }] : shown;
  const max = Math.max(...lines.map((l) => Math.abs(l.value)), 1e-12);
  const what = quantity(result, output);
  const prediction = typeof row.prediction === 'number' ? fmt(row.prediction) : `“${row.prediction}”${row.probabilities ? ` (probability ${fmtMetric(row.probabilities[k])})` : ''}`;
  const scale =
    result.scale === 'log-odds'
      ? ' Log-odds: 0 is a 50% chance, +2 about 88%, −2 about 12%.'
      : result.scale === 'class score'
        ? ' Class scores become probabilities through a softmax over the classes: higher means more likely.'
        : '';
  const method =
    result.method === 'tree-shap'
      ? 'Exact TreeSHAP: the trees’ own paths, weighted by how many training rows took each branch.'
      : `Sampled Shapley values: the row’s columns swapped in one by one, in ${result.samples ?? 0} random orders and their reverses, against ${result.backgroundRows} of the ${result.against}.`;
  return (
    <div className="why" role="region" aria-labelledby="why-title">
      <h4 id="why-title" ref={heading} tabIndex={-1}>
        Why row {result.row + 1}: {prediction}
      </h4>
      <p className="muted small">
        Starting from the model’s average, {what} {fmt(row.baseline[k])}, each column of this row pushed it up (orange) or down (blue), to {fmt(row.output[k])}.{scale} {method}
      </p>
      <table className="bars why-bars" aria-label={`Contributions to row ${result.row + 1}`}>
        <thead className="visually-hidden">
          <tr>
            <th scope="col">Column = value</th>
            <th scope="col">Push on the {what}</th>
          </tr>
        </thead>
        <tbody>
          <tr className="muted">
            <th scope="row">average ({what})</th>
            <td>
              <BarCell share={null} signed>
                {fmt(row.baseline[k])}
              </BarCell>
            </td>
          </tr>
          {lines.map((l) => (
            <tr key={l.column}>
              <th scope="row" title={l.column}>
                {l.column}
                {values.has(l.column) ? <span className="muted"> = {values.get(l.column) || 'missing'}</span> : null}
              </th>
              <td>
                <BarCell share={l.value / max} signed>
                  {l.value >= 0 ? `+${fmt(l.value)}` : fmt(l.value)}
                </BarCell>
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">this row ({what})</th>
            <td>
              <BarCell share={null} signed>
                <strong>{fmt(row.output[k])}</strong>
              </BarCell>
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
