import { METRIC_LABELS } from '../../core/evaluate/evaluate';
import type { MonitorReport } from '../../core/monitor/types';
import { fmtMetric } from '../format';
import { performanceValue } from './monitorText';

/**
 * How well the model does on the new rows: measured when they hold the target, else estimated from
 * the model's own probabilities (CBPE) with its 95% interval; beside the figure at training and
 * the band outside which it alerts.
 */
export function PerformanceCard({ report, labelled }: { report: MonitorReport; labelled: boolean }) {
  const p = report.performance;
  const shown = performanceValue(p);
  const label = p ? (METRIC_LABELS[p.metric] ?? p.metric) : '';
  return (
    <div className="card">
      <h3 id="monitor-performance-title">Performance</h3>
      {!p || !shown ? (
        <p className="muted">
          {labelled ? 'No performance figure for this model.' : 'The new data has no target column, and this model’s performance cannot be estimated without it (estimates are for classifiers).'}
        </p>
      ) : (
        <>
          <p className="stat">
            <span className="stat-label">{shown.kind === 'realised' ? `${label} on the new rows` : `Estimated ${label.toLowerCase()}`}</span>
            <span className="stat-value">{fmtMetric(shown.value)}</span>
            <span className="stat-reading">at training {fmtMetric(p.reference)}</span>
          </p>
          <table aria-labelledby="monitor-performance-title" className="metrics">
            <tbody>
              <tr>
                <th scope="row">How it is known</th>
                <td>{shown.kind === 'realised' ? 'Measured: the new rows hold the target' : 'Estimated from the model’s calibrated probabilities (CBPE): no target in the new rows'}</td>
              </tr>
              {p.estimated && shown.kind === 'estimated' ? (
                <tr>
                  <th scope="row">95% interval</th>
                  <td>
                    {fmtMetric(p.estimated.lower)} to {fmtMetric(p.estimated.upper)} (standard error {fmtMetric(p.estimated.std_error)})
                  </td>
                </tr>
              ) : null}
              <tr>
                <th scope="row">On the test rows at training</th>
                <td>{fmtMetric(p.reference)}</td>
              </tr>
              {p.band ? (
                <tr>
                  <th scope="row">Alert band</th>
                  <td>
                    {fmtMetric(p.band.lower)} to {fmtMetric(p.band.upper)}
                  </td>
                </tr>
              ) : null}
              <tr>
                <th scope="row">Alert</th>
                <td>{p.alert ? <strong className="drift-yes">Out of its band</strong> : 'No'}</td>
              </tr>
            </tbody>
          </table>
          {p.realised ? (
            <p className="muted small">
              All measured: {Object.entries(p.realised)
                .map(([k, v]) => `${METRIC_LABELS[k] ?? k} ${fmtMetric(v)}`)
                .join(' · ')}
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}
