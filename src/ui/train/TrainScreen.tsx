import { autoInfo, choiceInfo, formSchema, getModelInfo, modelsForTask } from '../../core/models/info';
import { isUnsupervised } from '../../core/problem';
import { setModel, setModelParam } from '../../state/actions';
import { cancel } from '../../state/watchdog';
import { train } from '../../state/modelJobs';
import { historyLabels } from '../charts/historyLabels';
import { ActionError, DisabledReason } from '../components/ActionError';
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
import { TrainResult, headline } from './TrainResult';
import { type StudioModel, changesSince } from '../../state/modelOrigin';
import { useOriginSettings } from '../components/OutOfDate';
import { changesText, trainedOnText } from '../components/originText';

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

/** The last trained model in a phrase, once another is picked: `Logistic regression, test accuracy 97.1%`. */
function lastResult(model: StudioModel): string {
  const score = headline(model.report);
  return `${getModelInfo(model.model).label}${score ? `, ${score.replace(/^Test/, 'test')}` : ''}`;
}

/** Step 4: choose and configure a model, train it in the worker, and watch the loss live beside the button. */
export function TrainScreen() {
  const task = useStudio(taskOf);
  const modelId = useStudio((s) => s.modelId);
  const params = useStudio((s) => s.modelParams);
  const training = useStudio((s) => s.training);
  const history = useStudio((s) => s.history);
  const historyModel = useStudio((s) => s.historyModel);
  const historyOrigin = useStudio((s) => s.historyOrigin);
  const current = useStudio((s) => s.current);
  const backend = useStudio((s) => s.backend.report?.active);
  const kind = useStudio((s) => s.trainingKind);
  const settings = useOriginSettings();
  // The data being read (again, after the engine was restarted): training now would find none.
  const reading = useStudio((s) => s.dataset.state === 'running');
  if (!task || !modelId) return null;
  const info = choiceInfo(modelId);
  const choices = isUnsupervised(task) ? modelsForTask(task) : [autoInfo, ...modelsForTask(task)];
  const running = training.state === 'running';
  const last = history.at(-1);
  const labels = historyLabels(historyModel, history);
  // The last run's result and chart belong to the settings it ran with: another model picked hides
  // them (its chart is not this model's), other changes mark them as from the previous settings.
  const result = training.state === 'succeeded' ? training.result : undefined;
  const changes = result ? changesSince(result.origin, settings) : [];
  const otherModel = changes.some((c) => c.what === 'model');
  const replaced = result && current?.origin !== result.origin ? current : null;
  const chartShown = running || (historyOrigin !== null && historyOrigin.model === modelId && !otherModel);
  const score = result && !otherModel ? headline(result.report) : null;
  const shown = score || (chartShown && history.length > 1);
  return (
    <section aria-labelledby="train-title">
      <h2 id="train-title">Train</h2>
      <div className={`card train-main${shown ? ' with-result' : ''}`}>
        <div className="train-controls">
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
            <button type="button" className="primary" onClick={() => (void train(), focusSoon(() => document.getElementById('train-status')))} disabled={running || reading} aria-describedby={reading ? 'train-blocked' : undefined}>
              Train
            </button>
            <button type="button" onClick={() => void cancel()} disabled={!running}>
              Cancel
            </button>
            {isUnsupervised(task) ? null : <span className="muted small">on {backend ?? '…'}</span>}
          </div>
          <DisabledReason id="train-blocked" reason={reading ? 'Wait until the data is read: training now would find none.' : null} />
          <ActionError origin="train" />
          {running ? (
            <ProgressBar
              label={kind === 'tune' ? 'Tuning' : kind === 'auto' ? 'Auto' : 'Training'}
              detail={last ? `${labels.unit} ${last.epoch} of ${last.epochs}, ${labels.showLoss ? labels.loss : labels.valLoss} ${fmt(last.loss)}` : stageText(training.progress?.stage, modelId)}
              fraction={training.progress?.fraction}
            />
          ) : null}
          {result && changes.length ? (
            <p className="stale-note" role="note">
              <strong>{otherModel ? `The last result (${lastResult(result)})` : 'This result'} is from the previous settings:</strong> {changesText(changes)}.{' '}
              {otherModel ? 'Train to see how this one does; until then Evaluate and Export show the last model.' : 'Train again to update it.'}
            </p>
          ) : null}
          {replaced ? <p className="stale-note" role="note">Evaluate and Export now show another model: {trainedOnText(replaced)}.</p> : null}
          {/* Focus moves here on Train (the button is disabled while it runs): the result is read out where focus is. */}
          <p className="status" id="train-status" aria-live="polite">
            {training.state === 'cancelled' ? `${kind === 'tune' ? 'Tuning' : 'Training'} cancelled; nothing was changed.` : null}
            {result && !otherModel ? (
              'auto' in result.report && result.report.auto ? <AutoDone auto={result.report.auto} refit={doneText(result.report)} /> : doneText(result.report)
            ) : null}
          </p>
        </div>
        {shown ? <TrainResult score={score} rows={result && 'split' in result.report ? result.report.split.test : null} history={chartShown ? history : []} model={historyModel} regression={task === 'regression'} running={running} /> : null}
      </div>
      {isUnsupervised(task) || modelId === autoInfo.id ? null : <TuneCard />}
      {training.state === 'succeeded' ? <NextStep to="evaluate" /> : null}
    </section>
  );
}
