import { monitorReportBlob } from '../../state/monitorActions';
import type { MonitorView } from '../../state/store';
import { cancel } from '../../state/watchdog';
import { ActionError } from '../components/ActionError';
import { OutOfDate } from '../components/OutOfDate';
import { ProgressBar } from '../components/ProgressBar';
import { trainedOnText } from '../components/originText';
import { downloadBlob } from '../download';
import { fmt } from '../format';
import { useStudio } from '../useStudio';
import { DriftTable } from './DriftTable';
import { NewDataCard } from './NewDataCard';
import { PerformanceCard } from './PerformanceCard';
import { RetrainCard } from './RetrainCard';
import { Timeline } from './Timeline';
import { summaryParts } from './monitorText';

/**
 * Step 7: watch the model on new data. New CSVs are compared with the model's reference in the
 * engine worker: which columns moved, whether the predictions moved, how well the model still does
 * (realised with labels, estimated without), chunk by chunk; then Retrain on labelled new rows.
 */
export function MonitorScreen() {
  const current = useStudio((s) => s.current);
  const job = useStudio((s) => s.monitor);
  // A report belongs to the model it was made against; another model starts afresh.
  const run = job.result && job.result.model === current ? job.result : null;
  return (
    <section aria-labelledby="monitor-title">
      <h2 id="monitor-title">Monitor</h2>
      <p className="lede">Has the world moved since training? Load new data to compare it with what the model learned from.</p>
      {current ? <OutOfDate model={current} /> : null}
      {current ? <p className="trained-on">Current model: {trainedOnText(current)}.</p> : <p className="muted">Train a model, or import a model file on Export, first.</p>}
      <NewDataCard held={job.result ?? null} />
      {job.state === 'running' ? (
        <div className="card monitor-running">
          <ProgressBar label="Monitoring" fraction={job.progress?.fraction} detail={job.progress?.stage} />
          <button type="button" onClick={() => void cancel()}>
            Cancel
          </button>
        </div>
      ) : null}
      <ActionError origin="monitor" />
      {run ? (
        <>
          <MonitorSummary run={run} />
          <DriftTable report={run.report} />
          <div className="grid-2 monitor-cards">
            <PerformanceCard report={run.report} labelled={run.labelled} />
            <RetrainCard run={run} />
          </div>
          <Timeline report={run.report} />
        </>
      ) : null}
    </section>
  );
}

/** The verdict first: the report's sentence, the alerts, the key figures, and the report to download. */
function MonitorSummary({ run }: { run: MonitorView }) {
  const { report } = run;
  const drifted = report.columns.filter((c) => c.drifted).length;
  return (
    <div className={`card monitor-summary ${report.alerts.length ? 'monitor-alerting' : 'monitor-calm'}`}>
      <h3 id="monitor-summary-title">Summary</h3>
      <p className="headline" id="monitor-summary">
        {summaryParts(report.summary.replace(/\.$/, '')).map((p, i) => (p.code ? <code key={i}>{p.text}</code> : <span key={i}>{p.text}</span>))}.
      </p>
      <div className="facts" role="group" aria-label="Monitoring figures">
        <Fact label="Data-set drift" value={report.dataset_drift ? 'Yes' : 'No'} />
        <Fact label="Columns drifted" value={`${drifted} of ${report.columns.length} (${fmt(Math.round(report.drift_share * 100))}%; alert at ${fmt(Math.round(report.drift_share_threshold * 100))}%)`} />
        <Fact label="Prediction drift" value={report.prediction.drifted ? 'Yes' : 'No'} />
        <Fact label="New rows" value={report.current.rows.toLocaleString('en-US')} />
        <Fact label="Reference" value={`${report.reference.rows.toLocaleString('en-US')} ${run.reference === 'model' ? 'training rows (kept in the model file)' : 'training rows (loaded data)'}`} />
      </div>
      {report.alerts.length ? (
        <div className="note-warn">
          <strong>Alerts</strong>
          <ul aria-label="Alerts">
            {report.alerts.map((a, i) => (
              <li key={i}>{a}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="ok-text">No alert: nothing here would page someone.</p>
      )}
      <div className="actions">
        <button
          type="button"
          onClick={() => {
            const blob = monitorReportBlob();
            if (blob) downloadBlob('monitor-report.json', blob);
          }}
        >
          Download report
        </button>
        <span className="muted small">JSON, the format of <code>sapling monitor --out</code>.</span>
      </div>
    </div>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div className="fact">
      <div className="fact-label">{label}</div>
      <div className="fact-value">{value}</div>
    </div>
  );
}
