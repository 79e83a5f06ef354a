import { LOWER_IS_BETTER, METRIC_LABELS } from '../../core/evaluate/evaluate';
import type { TrainReport } from '../../core/train/report';
import { fmt, fmtMetric } from '../format';
import { fitHint, reportBaseline } from './fitHint';
import { MetricTerm } from '../glossary/MetricTerm';

/** The test metrics (name and value), and train beside test with a reading of the gap. */
export function MetricsTables({ report }: { report: TrainReport }) {
  const keys = Object.keys(report.metrics.test);
  const hint = fitHint(report);
  const baseline = reportBaseline(report);
  return (
    <div className="grid-2">
      <div className="card">
        <h3 id="test-metrics-title">Test metrics</h3>
        <table aria-labelledby="test-metrics-title" className="metrics">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">Model</th>
              <th scope="col">Baseline</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k}>
                <th scope="row">
                  <MetricTerm metric={k} label={METRIC_LABELS[k]} />
                </th>
                <td>{fmtMetric(report.metrics.test[k])}</td>
                <td className="muted">{fmtMetric(baseline?.metrics[k])}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">
          On {report.split.test} held-out rows. {LOWER_IS_BETTER.has(keys[keys.length - 1]) ? 'Lower is better for losses and errors.' : ''} <BaselineNote report={report} />
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
          <strong>{hint.title}</strong> {hint.text}
        </p>
      </div>
    </div>
  );
}

/** What the baseline column is: the model every model must beat, which ignores the features. */
function BaselineNote({ report }: { report: TrainReport }) {
  const baseline = reportBaseline(report);
  if (!baseline) return null;
  const rows = baseline.fromTestRows ? 'test' : 'training';
  const what = typeof baseline.predicts === 'number' ? `always predicts the mean of the ${rows} rows, ${fmt(baseline.predicts)}` : `always predicts “${baseline.predicts}”, the most common class of the ${rows} rows, with their class shares as its probabilities`;
  return <>Baseline: a model that ignores the features and {what}{baseline.fromTestRows ? ' (this model’s file predates baselines; other figures are not known)' : ''}.</>;
}
