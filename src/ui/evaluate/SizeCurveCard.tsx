import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Curve } from '../../core/explain/curves';
import { measureLearningCurve } from '../../state/modelReading';
import { useOnRequest } from '../components/useOnRequest';
import { fmt, fmtMetric } from '../format';

type Result = Curve & { readonly rows: number };

/**
 * The learning curve by training-set size, on request (it trains a model per size and fold):
 * training and validation scores as the rows grow, and what they say (overfitting, underfitting,
 * whether more data would help). Keyed by model, so a new model starts without one.
 */
export function SizeCurveCard() {
  const { running, result, start } = useOnRequest<Result>(() => measureLearningCurve(3));
  const name = result?.metric === 'r2' ? 'R²' : 'accuracy';
  return (
    <div className="card">
      <h3 id="size-curve-title">More data, or a different model?</h3>
      <p className="help">Trains the same recipe on 10%, 25%, 50%, 75% and all of the training rows (3 folds each) and compares the score on the rows it learned from with the score on rows it did not.</p>
      {result ? (
        <>
          <figure className="chart" role="img" aria-label={`Scores by training-set size: ${result.points.map((p) => `${p.x} rows, training ${fmtMetric(p.train.mean)}, validation ${fmtMetric(p.validation.mean)}`).join('; ')}`}>
            <ResponsiveContainer width="100%" height={260}>
              <LineChart data={result.points.map((p) => ({ x: p.x, train: p.train.mean, validation: p.validation.mean }))} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="x" type="number" domain={['dataMin', 'dataMax']} tickFormatter={fmt} label={{ value: 'training rows', position: 'insideBottom', offset: -8 }} tick={{ fontSize: 12 }} />
                <YAxis domain={[(min: number) => Math.floor(min * 20) / 20, (max: number) => (result.metric === 'accuracy' ? 1 : Math.ceil(max * 20) / 20)]} tickFormatter={fmt} width={56} label={{ value: name, angle: -90, position: 'insideLeft', offset: 4, style: { textAnchor: 'middle' } }} tick={{ fontSize: 12 }} />
                <Tooltip formatter={(v) => fmtMetric(Number(v))} labelFormatter={(l) => `${l} training rows`} />
                <Legend verticalAlign="top" />
                <Line dataKey="train" name={`training ${name}`} stroke="var(--accent)" strokeWidth={2} isAnimationActive={false} />
                <Line dataKey="validation" name={`validation ${name}`} stroke="var(--orange)" strokeWidth={2} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </figure>
          <p className="fit-reading">{result.reading}</p>
        </>
      ) : (
        <button type="button" onClick={start} disabled={running}>
          {running ? 'Training the sizes…' : 'Draw the learning curve by training size'}
        </button>
      )}
    </div>
  );
}
