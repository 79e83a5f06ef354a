import { choiceInfo } from '../../core/models/info';
import { isClassification } from '../../core/problem';
import { searchSpace } from '../../core/tune/space';
import { tuneSchema } from '../../core/tune/tune';
import type { Trial } from '../../core/train/report';
import { setTuneSetting, tune } from '../../state/modelJobs';
import { taskOf } from '../../state/store';
import { ActionError } from '../components/ActionError';
import { SchemaForm } from '../components/SchemaForm';
import { useStudio } from '../useStudio';
import { TrialTable } from './TrialTable';

const NO_TRIALS: readonly Trial[] = [];

/**
 * Train's "Tune the settings" panel for the chosen model: how to search (strategy, trials, time,
 * folds), the button, and the trials as they are scored. The best settings then fill the model's
 * form and are trained on all training rows.
 */
export function TuneCard() {
  const modelId = useStudio((s) => s.modelId);
  const task = useStudio(taskOf);
  const settings = useStudio((s) => s.tuneSettings);
  const trials = useStudio((s) => (s.trialsModel === s.modelId ? s.trials : NO_TRIALS));
  const running = useStudio((s) => s.training.state === 'running');
  const kind = useStudio((s) => s.trainingKind);
  if (!modelId || !task) return null;
  const info = choiceInfo(modelId);
  const tunable = searchSpace(info.schema, task).map((d) => info.schema[d.name]?.label ?? d.name);
  const metric = isClassification(task) ? 'accuracy' : 'r2';
  return (
    <div className="card">
      <h3 id="tune-title">Tune the settings</h3>
      <p className="help">
        {tunable.length
          ? `Tries other values of ${tunable.join(', ')} for ${info.label}, scoring each by cross-validation on the training rows, then trains the best on all of them and tests it once. The current settings are the first trial, so tuning never ends below them on its own measure.`
          : `${info.label} has no settings to tune.`}
      </p>
      {tunable.length ? (
        <>
          <details className="params">
            <summary>Search settings</summary>
            <SchemaForm schema={tuneSchema} values={settings} onChange={setTuneSetting} disabled={running} />
          </details>
          <div className="actions">
            <button type="button" onClick={() => void tune()} disabled={running}>
              Tune {info.label}
            </button>
            {trials.length && !(running && kind === 'tune') ? <span className="muted small">Last tuning: {trials.length} trials.</span> : null}
          </div>
          <ActionError origin="tune" />
        </>
      ) : null}
      <TrialTable trials={trials} metric={metric} schema={info.schema} />
    </div>
  );
}
