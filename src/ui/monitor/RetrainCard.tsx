import { useId, useState } from 'react';
import { LOWER_IS_BETTER, METRIC_LABELS } from '../../core/evaluate/evaluate';
import { getModelInfo } from '../../core/models/info';
import { adoptRetrained, retrain } from '../../state/monitorActions';
import type { MonitorView } from '../../state/store';
import { cancel } from '../../state/watchdog';
import type { RetrainMode } from '../../workers/monitorProtocol';
import { ActionError } from '../components/ActionError';
import { ProgressBar } from '../components/ProgressBar';
import { MetricTerm } from '../glossary/MetricTerm';
import { fmtMetric } from '../format';
import { useStudio } from '../useStudio';

/**
 * Retrain: the current model's recipe run again (the same training path as Train) on the old and
 * new rows, the new only, or the most recent N; the newest fifth of the new labelled rows is kept
 * out of it, and both models are scored there side by side. Adopting records a run in the history
 * and makes the retrained model current (Evaluate, Export).
 */
export function RetrainCard({ run }: { run: MonitorView }) {
  const id = useId();
  const current = useStudio((s) => s.current);
  const dataLoaded = useStudio((s) => Boolean(s.dataset.result));
  const job = useStudio((s) => s.retrain);
  const busy = useStudio((s) => s.training.state === 'running' || s.monitor.state === 'running');
  const [kind, setKind] = useState<RetrainMode['kind']>(dataLoaded ? 'old+new' : 'new');
  const [rows, setRows] = useState(Math.max(10, run.rows));
  const result = job.result && job.result.model === current ? job.result : null;
  if (current?.kind !== 'supervised') return null;
  const reason = !run.labelled ? `The new data has no “${current.problem.target}” column filled in: retraining needs labelled rows.` : null;
  const mode: RetrainMode = kind === 'recent' ? { kind, rows } : { kind };
  return (
    <div className="card">
      <h3 id={`${id}-title`}>Retrain</h3>
      {reason ? (
        <p className="muted">{reason}</p>
      ) : (
        <>
          <fieldset className="retrain-mode" disabled={job.state === 'running' || busy}>
            <legend>Learn from</legend>
            <label className="field-check">
              <input type="radio" name={`${id}-mode`} checked={kind === 'old+new'} disabled={!dataLoaded} onChange={() => setKind('old+new')} /> Old and new rows
            </label>
            <label className="field-check">
              <input type="radio" name={`${id}-mode`} checked={kind === 'new'} onChange={() => setKind('new')} /> New rows only
            </label>
            <label className="field-check">
              <input type="radio" name={`${id}-mode`} checked={kind === 'recent'} disabled={!dataLoaded} onChange={() => setKind('recent')} /> The most recent rows:
              <input type="number" aria-label="Most recent rows" min={10} value={rows} disabled={kind !== 'recent'} onChange={(e) => setRows(Math.round(Number(e.target.value)))} />
            </label>
          </fieldset>
          {!dataLoaded ? <p className="muted small">Load the training data on Data to retrain on old and new rows.</p> : null}
          <p className="muted small">The newest fifth of the new labelled rows is kept out of retraining: both models are compared on it.</p>
          <div className="actions">
            <button type="button" className="primary" disabled={job.state === 'running' || busy} onClick={() => void retrain(mode)}>
              Retrain
            </button>
            {job.state === 'running' ? (
              <button type="button" onClick={() => void cancel()}>
                Cancel
              </button>
            ) : null}
          </div>
          {job.state === 'running' ? <ProgressBar label="Retraining" fraction={job.progress?.fraction} detail={job.progress?.stage} /> : null}
        </>
      )}
      <ActionError origin="retrain" />
      {result ? (
        <>
          <table aria-label="Current vs retrained" className="metrics">
            <caption className="muted small">
              On the {result.newestRows.toLocaleString('en-US')} newest labelled rows; retrained on {result.trainRows.toLocaleString('en-US')} rows ({result.data.name}).
            </caption>
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col">Current</th>
                <th scope="col">Retrained</th>
              </tr>
            </thead>
            <tbody>
              {Object.keys(result.retrained).map((k) => {
                const better = LOWER_IS_BETTER.has(k) ? result.retrained[k] < result.current[k] : result.retrained[k] > result.current[k];
                return (
                  <tr key={k}>
                    <th scope="row">
                      <MetricTerm metric={k} label={METRIC_LABELS[k] ?? k} />
                    </th>
                    <td>{fmtMetric(result.current[k])}</td>
                    <td className={better ? 'ok-text' : undefined}>{fmtMetric(result.retrained[k])}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void adoptRetrained()}>
              Adopt retrained model
            </button>
            <span className="muted small">The retrained {getModelInfo(result.summary.model).label} becomes the current model (Evaluate, Export) and a run in the history.</span>
          </div>
        </>
      ) : null}
    </div>
  );
}
