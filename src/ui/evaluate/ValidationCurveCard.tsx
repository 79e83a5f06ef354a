import { useState } from 'react';
import { type CurveRange, curveRangeProblem, curveValues, defaultCurveRange } from '../../core/explain/curveRange';
import type { Curve } from '../../core/explain/curves';
import { getModelInfo } from '../../core/models/info';
import type { NumberParam } from '../../core/params';
import type { Task } from '../../core/problem';
import { searchSpace } from '../../core/tune/space';
import { goTo, setNextRunParam } from '../../state/actions';
import { cancel } from '../../state/watchdog';
import { measureValidationCurve } from '../../state/modelReading';
import { fmt } from '../format';
import { RequestNotes } from '../components/RequestNotes';
import { useOnRequest } from '../components/useOnRequest';
import { CurveChart } from './CurveChart';

type Result = Curve & { readonly rows: number; readonly param: string };
/** The range fields as typed (text, so a half-typed number is not lost), and whether to try the "off" value. */
type RangeText = { readonly from: string; readonly to: string; readonly points: string; readonly withOff: boolean };

const FOLDS = 3;

/**
 * The validation curve on request: one tunable setting of the model that acts on its task moved
 * across a range the person can change (the others as trained), training and validation scores at
 * each value, where it fits best and which end overfits; a setting's "off" value (no depth limit)
 * is tried apart; the best value can go to Train for the next run. Keyed by model.
 */
export function ValidationCurveCard({ model, task }: { model: string; task: Task }) {
  const info = getModelInfo(model);
  const space = searchSpace(info.schema, task);
  const { running, result, start, blocked, describedBy } = useOnRequest<Result, [string, number, CurveRange | undefined]>('validation-curve', measureValidationCurve);
  // A number setting first (a tree's depth, a rate): its curve shows under- and overfitting.
  const [param, setParam] = useState(result?.param ?? (space.find((d) => info.schema[d.name]?.type === 'number') ?? space[0])?.name ?? '');
  const [ranges, setRanges] = useState<Readonly<Record<string, RangeText>>>({});
  if (!space.length) return null;
  const label = (name: string) => info.schema[name]?.label ?? name;
  const spec = info.schema[param];
  const numeric = spec?.type === 'number' ? spec : null;
  const text = numeric ? (ranges[param] ?? rangeText(defaultCurveRange(numeric))) : null;
  const range = text ? { from: Number(text.from === '' ? NaN : text.from), to: Number(text.to === '' ? NaN : text.to), points: Number(text.points === '' ? NaN : text.points), withOff: text.withOff } : undefined;
  const problem = numeric && range ? curveRangeProblem(numeric, range, label(param)) : null;
  const values = spec && !problem ? curveValues(spec, range, label(param)) : [];
  const edit = (change: Partial<RangeText>) => text && setRanges({ ...ranges, [param]: { ...text, ...change } });
  const dimension = space.find((d) => d.name === result?.param);
  const best = result?.best !== undefined ? result.points[result.best] : null;
  const bestValue = best ? (best.x === 'true' ? true : best.x === 'false' ? false : best.x) : null;
  return (
    <div className="card">
      <h3 id="validation-curve-title">How one setting changes the score</h3>
      <p className="help">Trains the model at values across one setting’s range, the others as they are ({FOLDS} folds each), and compares the score on the rows it learned from with the score on rows it did not: too little flexibility scores low on both, too much scores high on the first only.</p>
      <div className="actions">
        <label htmlFor="validation-curve-param">Setting</label>
        <select id="validation-curve-param" value={param} onChange={(e) => setParam(e.target.value)} disabled={running}>
          {space.map((d) => (
            <option key={d.name} value={d.name}>
              {label(d.name)}
            </option>
          ))}
        </select>
      </div>
      {numeric && text ? (
        // The default range suits most; changing it is one click away (and one tab stop until then).
        <details className="curve-range-details">
          <summary>Change the values tried</summary>
          <RangeFields spec={numeric} text={text} problem={problem} edit={edit} disabled={running} />
        </details>
      ) : null}
      <p className="muted small" id="validation-curve-values">
        {values.length ? `Tries ${valuesText(values, numeric)}: ${values.length} × ${FOLDS} models.` : ''}
      </p>
      <div className="actions">
        <button type="button" onClick={() => start(param, FOLDS, range)} disabled={running || problem !== null || blocked !== null} aria-describedby={[problem ? 'validation-curve-range-error' : 'validation-curve-values', describedBy].filter(Boolean).join(' ')}>
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
              Use {label(result.param)} = {best?.apart ?? (typeof bestValue === 'number' ? fmt(bestValue) : String(bestValue))} and go to Train
            </button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

/** From, To, Points and the "off" value's box for a number setting, with what is wrong beside them. */
function RangeFields({ spec, text, problem, edit, disabled }: { spec: NumberParam; text: RangeText; problem: string | null; edit: (change: Partial<RangeText>) => void; disabled: boolean }) {
  const invalid = problem !== null;
  const field = (key: 'from' | 'to' | 'points', name: string) => (
    <label className="curve-range-field">
      {name}
      <input type="number" inputMode="decimal" value={text[key]} onChange={(e) => edit({ [key]: e.target.value })} disabled={disabled} aria-invalid={invalid} aria-describedby={invalid ? 'validation-curve-range-error' : undefined} />
    </label>
  );
  return (
    <fieldset className="curve-range">
      <legend>Values to try</legend>
      {field('from', 'From')}
      {field('to', 'To')}
      {field('points', 'Points')}
      {spec.off ? (
        <label className="check">
          <input type="checkbox" checked={text.withOff} onChange={(e) => edit({ withOff: e.target.checked })} disabled={disabled} />
          Also try “{spec.off.label}” ({spec.off.value}), shown apart
        </label>
      ) : null}
      {problem ? (
        <p className="error-text curve-range-error" id="validation-curve-range-error" aria-live="polite">
          {problem}
        </p>
      ) : null}
    </fieldset>
  );
}

function rangeText(range: CurveRange): RangeText {
  return { from: String(range.from), to: String(range.to), points: String(range.points), withOff: range.withOff };
}

/** The values as a person reads them: "1, 2, 3, 4, 6, 8, 13, 20 and no limit". */
function valuesText(values: readonly (number | string | boolean)[], spec: NumberParam | null): string {
  const off = spec?.off;
  const line = values.filter((v) => !(off && v === off.value)).map((v) => (typeof v === 'number' ? fmt(v) : String(v)));
  const apart = off && values.includes(off.value) ? ` and ${off.label}` : '';
  return `${line.join(', ')}${apart}`;
}
