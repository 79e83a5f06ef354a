import type { LabEnvId, Rollout } from '../../workers/rlProtocol';
import { CartPoleView, MountainCarView } from './ControlViews';
import { PlayerControls } from './PlayerControls';
import { usePlayer } from './usePlayer';

/** Where a control problem starts, for the picture before any training. */
const RESTING: Record<'cartpole' | 'mountaincar', readonly number[]> = { cartpole: [0, 0, 0, 0], mountaincar: [-0.5, 0] };

/**
 * A control problem drawn live: during training, the episode being played (frames from the worker);
 * after, an episode of the trained agent without learning, with Play/Pause, Step and speed.
 */
export function ControlCard({ envId, frame, training, rollout, note }: { envId: LabEnvId; frame: readonly number[] | null; training: boolean; rollout: Rollout | null; note?: string }) {
  const observations = rollout?.kind === 'control' && rollout.envId === envId ? rollout.observations : [];
  const player = usePlayer(observations.length, rollout);
  if (envId !== 'cartpole' && envId !== 'mountaincar') return null;
  const shown = training && frame ? frame : observations.length ? observations[player.index] : frame ?? RESTING[envId];
  const label = training ? 'The episode being learned from' : observations.length ? 'The trained agent, not learning' : 'The starting position';
  const View = envId === 'cartpole' ? CartPoleView : MountainCarView;
  const steps = player.index;
  return (
    <section className="card" aria-labelledby="lab-control-title">
      <h3 id="lab-control-title">{envId === 'cartpole' ? 'The cart and its pole' : 'The car on the hill'}</h3>
      <p className="small muted">{label}</p>
      <View observation={shown} label={label} />
      {note && !training ? <p className="small">Training {note}</p> : null}
      {observations.length && !training ? (
        <div className="lab-playback">
          <PlayerControls player={player} what="agent’s episode" />
          <p className="small" role="status">
            Step {steps} of {observations.length - 1}
            {player.atEnd ? (envId === 'cartpole' ? ` · balanced for ${observations.length - 1} steps` : shown[0] >= 0.5 ? ' · reached the flag' : ' · did not reach the flag') : ''}
          </p>
        </div>
      ) : null}
    </section>
  );
}
