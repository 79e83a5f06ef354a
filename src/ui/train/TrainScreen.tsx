import { autoInfo, choiceInfo, formSchema, modelsForTask } from '../../core/models/info';
import { isUnsupervised } from '../../core/problem';
import { setModel, setModelParam } from '../../state/actions';
import { cancel } from '../../state/watchdog';
import { train } from '../../state/modelJobs';
import { historyLabels, keptStep } from '../charts/historyLabels';
import { LossChart } from '../charts/LossChart';
import { ProgressBar } from '../components/ProgressBar';
import { SchemaForm } from '../components/SchemaForm';
import { NextStep } from '../components/Stepper';
import { focusSoon } from '../focus';
import { fmt, fmtMetric } from '../format';
import type { TrainReport, UnsupervisedReport } from '../../core/train/report';
import { taskOf } from '../../state/store';
import { useStudio } from '../useStudio';
import { TuneCard } from '../tune/TuneCard';
import { AutoDone } from './AutoDone';

/** What the stages of a run without a target are doing, by model. */
function stageText(stage: string | undefined, model: string): string | undefined {
  if (stage === 'prepare') return 'preparing the features';
  if (stage === 'train') return 'fitting';
  if (stage === 'evaluate') return model === 'kmeans' ? 'fitting each k for the elbow chart, and the silhouette' : 'measuring what it found';
  return stage;
}

/** What the finished job did: its time and stop reason; after tuning, the search's too. */
function doneText(report: TrainReport | UnsupervisedReport): string {
  const tuning = 'tuning' in report ? report.tuning : undefined;
  if (!tuning) return `Done in ${fmt(report.timings_ms.total / 1000)} s: ${report.stop_reason}.`;
  const searched = tuning.trials.reduce((a, t) => a + t.ms, 0);
  return `Done in ${fmt((searched + report.timings_ms.total) / 1000)} s: ${tuning.stop_reason}, best ${fmtMetric(tuning.best.score)} ± ${fmtMetric(tuning.best.std)}; the best settings trained on all training rows: ${report.stop_reason}.`;
}

/** Step 4: choose and configure a model, train it in the worker, and watch the loss live. */
export function TrainScreen() {
  const task = useStudio(taskOf);
  const modelId = useStudio((s) => s.modelId);
  const params = useStudio((s) => s.modelParams);
  const training = useStudio((s) => s.training);
  const history = useStudio((s) => s.history);
  const historyModel = useStudio((s) => s.historyModel);
  const backend = useStudio((s) => s.backend.report?.active);
  const kind = useStudio((s) => s.trainingKind);
  // The data being read (again, after the engine was restarted): training now would find none.
  const reading = useStudio((s) => s.dataset.state === 'running');
  if (!task || !modelId) return null;
  const info = choiceInfo(modelId);
  const choices = isUnsupervised(task) ? modelsForTask(task) : [autoInfo, ...modelsForTask(task)];
  const running = training.state === 'running';
  const last = history.at(-1);
  const labels = historyLabels(historyModel, history);
  return (
    <section aria-labelledby="train-title">
      <h2 id="train-title">Train</h2>
      <div className="card">
        <div className="field">
          <label htmlFor="model">Model</label>
          <select id="model" value={modelId} disabled={running} onChange={(e) => setModel(e.target.value)}>
            {choices.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
          <p className="help">{info.help}</p>
        </div>
        <details className="params">
          <summary>Settings</summary>
          <SchemaForm schema={formSchema(info, params, task)} values={params} onChange={setModelParam} disabled={running} />
        </details>
        <div className="actions">
          <button type="button" className="primary" onClick={() => (void train(), focusSoon(() => document.getElementById('train-status')))} disabled={running || reading}>
            Train
          </button>
          <button type="button" onClick={() => void cancel()} disabled={!running}>
            Cancel
          </button>
          {isUnsupervised(task) ? null : <span className="muted small">on {backend ?? '…'}</span>}
        </div>
        {running ? (
          <ProgressBar
            label={kind === 'tune' ? 'Tuning' : kind === 'auto' ? 'Auto' : 'Training'}
            detail={last ? `${labels.unit} ${last.epoch} of ${last.epochs}, ${labels.showLoss ? labels.loss : labels.valLoss} ${fmt(last.loss)}` : stageText(training.progress?.stage, modelId)}
            fraction={training.progress?.fraction}
          />
        ) : null}
        {/* Focus moves here on Train (the button is disabled while it runs): the result is read out where focus is. */}
        <p className="status" id="train-status" aria-live="polite">
          {training.state === 'cancelled' ? `${kind === 'tune' ? 'Tuning' : 'Training'} cancelled; nothing was changed.` : null}
          {training.state === 'succeeded' && training.result ? (
            'auto' in training.result.report && training.result.report.auto ? (
              <AutoDone auto={training.result.report.auto} refit={doneText(training.result.report)} />
            ) : (
              doneText(training.result.report)
            )
          ) : null}
        </p>
      </div>
      {isUnsupervised(task) || modelId === autoInfo.id ? null : <TuneCard />}
      {history.length > 1 ? (
        <div className="card">
          <h3>Learning curve</h3>
          <LossChart history={history} metricName={task === 'regression' ? 'R²' : 'accuracy'} labels={labels} kept={running ? null : keptStep(historyModel, history)} />
        </div>
      ) : null}
      {training.state === 'succeeded' ? <NextStep to="evaluate" /> : null}
    </section>
  );
}
