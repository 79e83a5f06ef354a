import { LOWER_IS_BETTER, METRIC_LABELS } from '../../core/evaluate/evaluate';
import type { TrainReport } from '../../core/train/report';
import { fmtMetric } from '../format';
import { fitHint } from './fitHint';
import { MetricTerm } from '../glossary/MetricTerm';

/** The test metrics (name and value), and train beside test with a reading of the gap. */
export function MetricsTables({ report }: { report: TrainReport }) {
  const keys = Object.keys(report.metrics.test);
  const hint = fitHint(report);
  return (
    <div className="grid-2">
      <div className="card">
        <h3 id="test-metrics-title">Test metrics</h3>
        <table aria-labelledby="test-metrics-title" className="metrics">
          <tbody>
            {keys.map((k) => (
              <tr key={k}>
                <th scope="row">
                  <MetricTerm metric={k} label={METRIC_LABELS[k]} />
                </th>
                <td>{fmtMetric(report.metrics.test[k])}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">
          On {report.split.test} held-out rows. {LOWER_IS_BETTER.has(keys[keys.length - 1]) ? 'Lower is better for losses and errors.' : ''}
        </p>
      </div>
      <div className="card">
        <h3 id="train-test-title">Training vs test</h3>
        <table aria-labelledby="train-test-title" className="metrics">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">Training</th>
              <th scope="col">Test</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k}>
                <th scope="row">
                  <MetricTerm metric={k} label={METRIC_LABELS[k]} />
                </th>
                <td>{fmtMetric(report.metrics.train[k])}</td>
                <td>{fmtMetric(report.metrics.test[k])}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {report.train_metrics_rows !== undefined && (
          <p className="muted small">
            Training figures from a random {report.train_metrics_rows.toLocaleString('en')} of the {report.split.train.toLocaleString('en')} training rows: this model compares each row with every training row, so scoring all of them would cost far more than training did.
          </p>
        )}
        <p className={`fit-hint fit-${hint.verdict}`}>
          <strong>{hint.verdict === 'good' ? 'Good fit. ' : hint.verdict === 'overfitting' ? 'Overfitting. ' : 'Underfitting. '}</strong>
          {hint.text}
        </p>
      </div>
    </div>
  );
}
