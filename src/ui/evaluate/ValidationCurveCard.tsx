import { useState } from 'react';
import type { Curve } from '../../core/explain/curves';
import { getModelInfo } from '../../core/models/info';
import { searchSpace } from '../../core/tune/space';
import { goTo, setNextRunParam } from '../../state/actions';
import { cancel } from '../../state/watchdog';
import { measureValidationCurve } from '../../state/modelReading';
import { fmt } from '../format';
import { RequestNotes } from '../components/RequestNotes';
import { useOnRequest } from '../components/useOnRequest';
import { CurveChart } from './CurveChart';

type Result = Curve & { readonly rows: number; readonly param: string };

/**
 * The validation curve on request: one tunable setting of the model moved across its range (the
 * others as trained), training and validation scores at each value, where it fits best and which
 * end overfits; the best value can go to Train for the next run. Keyed by model.
 */
export function ValidationCurveCard({ model }: { model: string }) {
  const info = getModelInfo(model);
  const space = searchSpace(info.schema);
  const { running, result, start, blocked, describedBy } = useOnRequest<Result, [string, number]>('validation-curve', measureValidationCurve);
  const [param, setParam] = useState(result?.param ?? space[0]?.name ?? '');
  if (!space.length) return null;
  const label = (name: string) => info.schema[name]?.label ?? name;
  const dimension = space.find((d) => d.name === result?.param);
  const best = result?.best !== undefined ? result.points[result.best] : null;
  const bestValue = best ? (best.x === 'true' ? true : best.x === 'false' ? false : best.x) : null;
  return (
    <div className="card">
      <h3 id="validation-curve-title">How one setting changes the score</h3>
      <p className="help">Trains the model at values across one setting’s range, the others as they are (3 folds each), and compares the score on the rows it learned from with the score on rows it did not: too little flexibility scores low on both, too much scores high on the first only.</p>
      <div className="actions">
        <label htmlFor="validation-curve-param">Setting</label>
        <select id="validation-curve-param" value={param} onChange={(e) => setParam(e.target.value)} disabled={running}>
          {space.map((d) => (
            <option key={d.name} value={d.name}>
              {label(d.name)}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => start(param, 3)} disabled={running || blocked !== null} aria-describedby={describedBy}>
          {running ? 'Training each value…' : 'Draw the validation curve'}
        </button>
        {running ? (
          <button type="button" onClick={() => void cancel()}>
            Stop drawing the validation curve
          </button>
        ) : null}
      </div>
      <RequestNotes readingKey="validation-curve" />
      {result ? (
        <>
          <CurveChart curve={result} by={label(result.param)} x={label(result.param)} point={(x) => `${label(result.param)} ${typeof x === 'number' ? fmt(x) : x}`} log={dimension?.kind === 'number' && dimension.log} />
          {bestValue !== null ? (
            <button
              type="button"
              onClick={() => {
                setNextRunParam(model, result.param, bestValue);
                goTo('train');
              }}
            >
              Use {label(result.param)} = {typeof bestValue === 'number' ? fmt(bestValue) : String(bestValue)} and go to Train
            </button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
