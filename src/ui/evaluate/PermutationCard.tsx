import type { PermutationImportance } from '../../core/explain/permutation';
import { measurePermutationImportance } from '../../state/modelReading';
import { RequestNotes } from '../components/RequestNotes';
import { useOnRequest } from '../components/useOnRequest';
import { fmtMetric } from '../format';
import { BarCell } from '../components/BarCell';

type Result = PermutationImportance & { readonly on: string };

/**
 * Permutation importance, on request (it predicts the rows again for every column and repeat):
 * how much the score drops when a column is shuffled, with the spread over the shuffles. Keyed by
 * model, so a new model starts without a measurement.
 */
export function PermutationCard() {
  const { running, result, start, blocked, describedBy } = useOnRequest<Result>('permutation', () => measurePermutationImportance(5));
  const max = result ? Math.max(...result.columns.map((c) => c.mean + c.std), 1e-12) : 1;
  const metric = result?.metric === 'r2' ? 'R²' : 'accuracy';
  return (
    <div className="card">
      <h3 id="permutation-title">Permutation importance</h3>
      <p className="help">
        Shuffle one column’s values across the rows, so it no longer says anything about them, and see how much worse the model does; five shuffles per column. Unlike the model’s own measure above, this says what the model needs on rows it did not train on, and it works for every model.
      </p>
      {result ? (
        <>
          <p className="muted small">
            On the {result.rows.toLocaleString('en')} {result.on} ({metric} {fmtMetric(result.baseline)} unshuffled); bars are the mean drop in {metric}, whiskers its spread.
          </p>
          <table className="bars permutation" aria-label="Permutation importance">
            <thead className="visually-hidden">
              <tr>
                <th scope="col">Column</th>
                <th scope="col">Drop in {metric}</th>
              </tr>
            </thead>
            <tbody>
              {result.columns.map((c) => (
                <tr key={c.column}>
                  <th scope="row">{c.column}</th>
                  <td>
                    <BarCell
                      share={c.mean / max}
                      wide
                      trackClass="whiskered"
                      extra={<span className="whisker" style={{ left: `${(Math.max(0, c.mean - c.std) / max) * 100}%`, width: `${((Math.min(c.mean + c.std, max) - Math.max(0, c.mean - c.std)) / max) * 100}%` }} />}
                    >
                      {fmtMetric(c.mean)} ± {fmtMetric(c.std)}
                    </BarCell>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <>
          <button type="button" onClick={start} disabled={running || blocked !== null} aria-describedby={describedBy}>
            {running ? 'Measuring…' : 'Measure permutation importance'}
          </button>
          <RequestNotes readingKey="permutation" />
        </>
      )}
    </div>
  );
}
