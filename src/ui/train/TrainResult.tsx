import type { EpochLog } from '../../core/models/model';
import type { TrainReport, UnsupervisedReport } from '../../core/train/report';
import { historyLabels, keptStep } from '../charts/historyLabels';
import { LossChart } from '../charts/LossChart';
import { fmt } from '../format';

/**
 * Points of the live loss chart while training runs: the dense trainer streams thousands of epochs
 * a second on small data, and redrawing 400 points every flush held the page's main thread past
 * 50 ms; the full 400 are drawn once training ends.
 */
const LIVE_POINTS = 120;

/** The finished model's test score in a few words: `Test accuracy 97.1%`, `Test R² 0.523`; null for a model without a target. */
export function headline(report: TrainReport | UnsupervisedReport): string | null {
  if (!('metrics' in report)) return null;
  const { test } = report.metrics;
  if (test.accuracy !== undefined) return `Test accuracy ${(test.accuracy * 100).toFixed(1)}%`;
  if (test.r2 !== undefined) return `Test R² ${fmt(Number(test.r2.toFixed(3)))}`;
  return null;
}

/**
 * Beside Train's button: the finished model's headline score and the loss as the model learns
 * (per epoch, round, tree or iteration), live while it trains. Not Evaluate's learning curve, which
 * is by training-set size.
 */
export function TrainResult({ score, rows, history, model, regression, running }: { score: string | null; rows: number | null; history: readonly EpochLog[]; model: string | null; regression: boolean; running: boolean }) {
  const labels = historyLabels(model, history);
  return (
    <div className="train-result">
      {score ? (
        <p className="headline">
          <strong>{score}</strong>
          {rows ? <span className="muted small"> on {rows.toLocaleString('en-US')} held-out rows</span> : null}
        </p>
      ) : null}
      {history.length > 1 ? (
        <>
          <h3 id="loss-title">Loss during training, per {labels.unit}</h3>
          <LossChart history={history} metricName={regression ? 'R²' : 'accuracy'} labels={labels} kept={running ? null : keptStep(model, history)} maxPoints={running ? LIVE_POINTS : undefined} />
        </>
      ) : null}
    </div>
  );
}
