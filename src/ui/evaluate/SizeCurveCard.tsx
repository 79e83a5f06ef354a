import type { Curve } from '../../core/explain/curves';
import { cancel } from '../../state/watchdog';
import { measureLearningCurve } from '../../state/modelReading';
import { RequestNotes } from '../components/RequestNotes';
import { useOnRequest } from '../components/useOnRequest';
import { CurveChart } from './CurveChart';

type Result = Curve & { readonly rows: number };

/**
 * The learning curve by training-set size, on request (it trains a model per size and fold):
 * training and validation scores as the rows grow, and what they say (overfitting, underfitting,
 * whether more data would help). Keyed by model, so a new model starts without one.
 */
export function SizeCurveCard() {
  const { running, result, start, blocked, describedBy } = useOnRequest<Result>('size-curve', () => measureLearningCurve(3));
  return (
    <div className="card">
      <h3 id="size-curve-title">Learning curve by training-set size: more data, or a different model?</h3>
      <p className="help">Trains the same recipe on 10%, 25%, 50%, 75% and all of the training rows (3 folds each) and compares the score on the rows it learned from with the score on rows it did not.</p>
      {result ? (
        <CurveChart curve={result} by="training-set size" x="training rows" point={(x) => `${x} rows`} />
      ) : (
        <div className="actions">
          <button type="button" onClick={start} disabled={running || blocked !== null} aria-describedby={describedBy}>
            {running ? 'Training the sizes…' : 'Draw the learning curve by training size'}
          </button>
          {running ? (
            <button type="button" onClick={() => void cancel()}>
              Stop drawing the learning curve
            </button>
          ) : null}
          <RequestNotes readingKey="size-curve" />
        </div>
      )}
    </div>
  );
}
