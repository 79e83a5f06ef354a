import { useId } from 'react';
import { SPEEDS, type usePlayer } from './usePlayer';

/** Play/Pause, Step and the speed slider of the agent player. */
export function PlayerControls({ player, disabled, what }: { player: ReturnType<typeof usePlayer>; disabled?: boolean; what: string }) {
  const id = useId();
  return (
    <div className="lab-player" role="group" aria-label={`Play the ${what}`}>
      {player.playing ? (
        <button type="button" onClick={player.pause} disabled={disabled}>
          Pause
        </button>
      ) : (
        <button type="button" onClick={player.play} disabled={disabled}>
          {player.atEnd ? 'Replay' : 'Play'}
        </button>
      )}
      <button type="button" onClick={player.step} disabled={disabled || player.atEnd}>
        Step
      </button>
      <label htmlFor={id}>Speed</label>
      <input id={id} type="range" min={0} max={SPEEDS.length - 1} step={1} value={player.speed} aria-valuetext={`${SPEEDS[player.speed]} moves a second`} onChange={(e) => player.setSpeed(Number(e.target.value))} disabled={disabled} />
      <span className="small muted" aria-hidden>
        {SPEEDS[player.speed]}/s
      </span>
    </div>
  );
}
