import { useMemo, useState } from 'react';
import type { ClassificationDetails } from '../../core/evaluate/evaluate';
import { scoresAt } from '../../core/evaluate/threshold';
import { saveThreshold } from '../../state/modelReading';
import { ActionError } from '../components/ActionError';
import { fmt, fmtMetric } from '../format';
import { ChartFigure } from '../charts/ChartFigure';
import { thinSteps } from '../charts/thinCurve';
import { UnitChart } from '../charts/UnitChart';

/**
 * A binary classifier's decision threshold: a slider that moves the confusion matrix and the
 * positive class's scores live (on the test rows), the precision–recall curve with the point the
 * slider picks, a calibration plot, and saving the threshold into the model.
 */
export function ThresholdCard({ details, saved }: { details: ClassificationDetails; saved: number | null }) {
  const [step, setStep] = useState(Math.round((saved ?? 0.5) * 100));
  const pr = details.binary?.pr;
  // Made once per model, not at every step of the slider, and only the points a 260 px chart can
  // show (within half a pixel) of the test set's 2,000 points.
  const prKeep = useMemo(() => (pr ? thinSteps(pr.precision, 260) : []), [pr]);
  const binary = details.binary;
  if (!binary) return null;
  const [negative, positive] = details.classes;
  const row = binary.thresholds[step];
  const scores = scoresAt(row);
  const threshold = step / 100;
  const isSaved = saved !== null && Math.round(saved * 100) === step;
  return (
    <div className="card">
      <h3 id="threshold-title">Decision threshold</h3>
      <p className="help">
        A row is predicted “{positive}” when the model gives “{positive}” a probability of at least the threshold. Lower it to catch more “{positive}” rows (recall) at the cost of more false alarms (precision); raise it for the opposite. Figures are on the {row.tp + row.fp + row.tn + row.fn} test rows.
      </p>
      <div className="field threshold-field">
        <label htmlFor="threshold">Decision threshold</label>
        <input id="threshold" type="range" min={0} max={100} step={1} value={step} onChange={(e) => setStep(e.target.valueAsNumber)} aria-valuetext={fmtMetric(threshold)} />
        <output htmlFor="threshold" aria-label="Threshold value">
          {threshold.toFixed(2)}
        </output>
      </div>
      <div className="grid-2">
        <table className="metrics" aria-label="Scores at this threshold">
          <tbody>
            <tr>
              <th scope="row">Accuracy</th>
              <td>{fmtMetric(scores.accuracy)}</td>
            </tr>
            <tr>
              <th scope="row">Precision (“{positive}”)</th>
              <td>{fmtMetric(scores.precision)}</td>
            </tr>
            <tr>
              <th scope="row">Recall (“{positive}”)</th>
              <td>{fmtMetric(scores.recall)}</td>
            </tr>
            <tr>
              <th scope="row">F1 (“{positive}”)</th>
              <td>{fmtMetric(scores.f1)}</td>
            </tr>
          </tbody>
        </table>
        <table className="confusion" aria-label="Confusion at this threshold">
          <thead>
            <tr>
              <th scope="col">true ↓ / predicted →</th>
              <th scope="col">{negative}</th>
              <th scope="col">{positive}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{negative}</th>
              <td>{row.tn}</td>
              <td>{row.fp}</td>
            </tr>
            <tr>
              <th scope="row">{positive}</th>
              <td>{row.fn}</td>
              <td>{row.tp}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <div className="actions">
        <button type="button" onClick={() => void saveThreshold(threshold)} disabled={isSaved}>
          Save threshold {threshold.toFixed(2)} in the model
        </button>
        {saved !== null ? (
          <button type="button" onClick={() => void saveThreshold(null)}>
            Back to the more probable class
          </button>
        ) : null}
        <span className="muted small" aria-live="polite">
          {saved !== null ? `Saved in the model: ${saved.toFixed(2)} (exports and predictions use it).` : 'The model predicts the more probable class (0.50) until a threshold is saved.'}
        </span>
      </div>
      <ActionError origin="evaluate:threshold" />
      <div className="grid-2">
        <ChartFigure
          label={`Precision–recall curve (average precision ${fmt(binary.pr.averagePrecision)}), with the point at threshold ${threshold.toFixed(2)}`}
          name="Precision–recall curve"
          captionFirst
          caption={<span className="muted small">Precision–recall (average precision {fmt(binary.pr.averagePrecision)}); the dot is the threshold above.</span>}
          table={{ columns: ['recall', 'precision'], rows: binary.pr.recall.map((x, i) => [x, binary.pr.precision[i]]) }}
        >
          <UnitChart
            height={260}
            xName="recall"
            yName="precision"
            yAxisWidth={56}
            lines={[
              { x: pr?.recall ?? [], y: pr?.precision ?? [], keep: prKeep, colour: 'var(--accent)', width: 2, steps: true },
              { x: [scores.recall], y: [scores.precision], colour: 'var(--orange)', dots: 6 },
            ]}
          />
        </ChartFigure>
        <ChartFigure
          label={`Calibration: predicted probability of ${positive} against the share that is, in ${binary.calibration.length} bins`}
          name="Calibration"
          captionFirst
          caption={<span className="muted small">Calibration: when the model says p, how often is it “{positive}”? On the diagonal is well calibrated.</span>}
          table={{ columns: ['predicted probability', 'observed share', 'rows'], rows: binary.calibration.map((b) => [b.predicted, b.observed, b.count]) }}
        >
          <UnitChart
            height={260}
            xName="predicted probability"
            yName="observed share"
            yAxisWidth={56}
            lines={[
              { x: [0, 1], y: [0, 1], colour: '#999', dash: '4 4' },
              { x: binary.calibration.map((b) => b.predicted), y: binary.calibration.map((b) => b.observed), colour: 'var(--accent)', dots: 4.5 },
            ]}
          />
        </ChartFigure>
      </div>
    </div>
  );
}
