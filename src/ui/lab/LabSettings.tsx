import { useId, useRef } from 'react';
import { algoInfo, algosFor } from '../../state/labCatalog';
import { cancelTraining, chooseAlgo, chooseEnv, setParam, setSlippery, train } from '../../state/labActions';
import { LAB_ENVS, type LabEnvId, isGridEnv } from '../../workers/rlProtocol';
import { ProgressBar } from '../components/ProgressBar';
import { SchemaForm } from '../components/SchemaForm';
import { useLab } from './useLab';
import { GridEditor } from './GridEditor';

/** The form's values before any is set (one object: a new one per read would redraw forever). */
const NO_VALUES: Readonly<Record<string, unknown>> = {};

/** The environments' names in the picker. */
export const ENV_LABELS: Record<LabEnvId, string> = {
  frozenlake: 'FrozenLake 4×4',
  frozenlake8: 'FrozenLake 8×8',
  cliff: 'CliffWalking',
  custom: 'Your own grid',
  cartpole: 'CartPole',
  mountaincar: 'MountainCar',
};

/** A sentence on each environment. */
const ENV_HELP: Record<LabEnvId, string> = {
  frozenlake: 'Cross a frozen lake from S to the goal G without falling into a hole H. On slippery ice a move goes where you meant only one time in three.',
  frozenlake8: 'The same lake, bigger: 64 cells and more holes, so good moves are harder to find by trying.',
  cliff: 'Walk from S to G along a cliff. Each step costs 1; falling off costs 100 and sends you back to the start.',
  custom: 'Draw your own world: walls, pits, reward cells and a goal, and choose what each step costs.',
  cartpole: 'Keep a pole balanced on a cart by pushing it left or right. Each step upright earns 1, up to 500.',
  mountaincar: 'A car too weak to drive straight up the hill must rock back and forth to build speed and reach the flag.',
};

/** The lab's left column: environment, algorithm and its settings, and Train / Cancel with progress. */
export function LabSettings() {
  const env = useLab((s) => s.env);
  const algo = useLab((s) => s.algo);
  const values = useLab((s) => s.params[s.algo] ?? NO_VALUES);
  const training = useLab((s) => s.training);
  const gridError = useLab((s) => s.gridError);
  const running = training.state === 'running';
  const info = algoInfo(algo, env.id);
  const algoId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const start = () => {
    void train();
    // Focus follows to Cancel, the one thing to press while it runs.
    requestAnimationFrame(() => cancelRef.current?.focus());
  };
  return (
    <section className="card lab-settings" aria-labelledby="lab-settings-title">
      <h3 id="lab-settings-title">Set up</h3>
      <fieldset className="lab-envs" disabled={running}>
        <legend>Environment</legend>
        {LAB_ENVS.map((id) => (
          <label key={id} className="lab-env">
            <input type="radio" name="lab-env" value={id} checked={env.id === id} onChange={() => chooseEnv(id)} />
            {ENV_LABELS[id]}
          </label>
        ))}
      </fieldset>
      <p className="help">{ENV_HELP[env.id]}</p>
      {env.id === 'frozenlake' || env.id === 'frozenlake8' || env.id === 'custom' ? (
        <label className="lab-slippery">
          <input type="checkbox" checked={env.id === 'custom' ? env.custom.slippery : env.slippery} disabled={running} onChange={(e) => setSlippery(e.target.checked)} />
          Slippery (a move goes where meant one time in three, else sideways)
        </label>
      ) : null}
      {env.id === 'custom' ? <GridEditor grid={env.custom} disabled={running} /> : null}
      {gridError && env.id === 'custom' ? (
        <p className="error-text" role="alert">
          {gridError}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={algoId}>Algorithm</label>
        <select id={algoId} value={algo} disabled={running} onChange={(e) => chooseAlgo(e.target.value)} aria-describedby={`${algoId}-help`}>
          {algosFor(env.id).map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </select>
        <p id={`${algoId}-help`} className="help">
          {info.help}
        </p>
      </div>
      <SchemaForm schema={info.schema} values={values} onChange={setParam} disabled={running} />
      <div className="actions">
        {running ? (
          <button ref={cancelRef} type="button"  onClick={cancelTraining}>
            Cancel
          </button>
        ) : (
          <button type="button" className="primary" onClick={start} disabled={(env.id === 'custom' && gridError !== null) || !algosFor(env.id).some((a) => a.id === algo)}>
            {info.exact ? 'Solve' : 'Train'}
          </button>
        )}
      </div>
      {running ? <ProgressBar label={isGridEnv(env.id) && info.exact ? 'Solving' : 'Training'} fraction={training.progress?.fraction} detail={training.progress?.stage} /> : null}
      <p className="small muted" role="status">
        {training.state === 'cancelled' ? 'Training cancelled.' : training.state === 'failed' ? '' : training.state === 'succeeded' ? `${info.exact ? 'Solved' : 'Trained'}.` : ''}
      </p>
      {training.state === 'failed' ? (
        <p className="error-text" role="alert">
          {training.error}
        </p>
      ) : null}
    </section>
  );
}
