import type { GridOutcome, GridPicture, Rollout } from '../../workers/rlProtocol';
import { algoInfo } from '../../state/labCatalog';
import { fmtValue, ValueGrid, ValueLegend } from './ValueGrid';
import { valueRange } from './labColours';
import { PlayerControls } from './PlayerControls';
import { usePlayer } from './usePlayer';

/** The largest difference between the learned and exact values, and the share of states where their greedy moves agree (living cells only). */
export function compareWithExact(outcome: GridOutcome): { maxDiff: number; agree: number; cells: number } {
  let maxDiff = 0;
  let agree = 0;
  let cells = 0;
  outcome.grid.cells.forEach((kind, s) => {
    if (kind === 'wall' || kind === 'hole' || kind === 'goal' || kind === 'cliff') return;
    cells++;
    maxDiff = Math.max(maxDiff, Math.abs(outcome.values[s] - outcome.exact.values[s]));
    if (outcome.policy[s] === outcome.exact.policy[s]) agree++;
  });
  return { maxDiff, agree, cells };
}

/**
 * A grid world's views: before training, the world itself; after, the learned values and greedy
 * moves beside value iteration's exact ones (one shared colour scale), with the agent playing an
 * episode without learning (Play/Pause, Step, speed).
 */
export function GridViews({ picture, outcome, rollout }: { picture: GridPicture | null; outcome: GridOutcome | null; rollout: Rollout | null }) {
  const states = rollout?.kind === 'grid' ? rollout.states : [];
  const player = usePlayer(states.length, rollout);
  const grid = outcome?.grid ?? picture;
  if (!grid) return null;
  const agent = states.length ? states[player.index] : null;
  const wide = grid.cols > 8;
  if (!outcome) {
    return (
      <section className="card" aria-labelledby="lab-world-title">
        <h3 id="lab-world-title">The world</h3>
        <ValueGrid title="The world before learning" grid={grid} width={wide ? 780 : 420} />
        <ValueLegend min={0} max={0} />
      </section>
    );
  }
  const info = algoInfo(outcome.algo, outcome.env.id);
  const exactAlgo = info.exact;
  const range = valueRange([...outcome.values, ...outcome.exact.values]);
  const { maxDiff, agree, cells } = compareWithExact(outcome);
  const rewards = rollout?.kind === 'grid' ? rollout.rewards.slice(0, player.index).reduce((a, b) => a + b, 0) : 0;
  return (
    <section className="card" aria-labelledby="lab-values-title">
      <h3 id="lab-values-title">{exactAlgo ? 'Exact values and best moves' : 'What the agent learned, beside the exact answer'}</h3>
      <div className={`lab-grids${wide ? ' lab-grids-stacked' : ''}`}>
        <ValueGrid title={exactAlgo ? `${info.label}: values` : `Learned by ${info.label}`} grid={grid} values={outcome.values} policy={outcome.policy} agent={agent} range={range} width={wide ? 780 : 380} />
        {exactAlgo ? null : <ValueGrid title={`Exact (value iteration, γ ${outcome.exact.gamma})`} grid={grid} values={outcome.exact.values} policy={outcome.exact.policy} range={range} width={wide ? 780 : 380} />}
      </div>
      <ValueLegend min={range.min} max={range.max} />
      {exactAlgo ? null : (
        <p className="small">
          Largest difference from the exact values: <strong>{fmtValue(maxDiff, 3)}</strong>. Same best move as the exact answer in <strong>{agree}</strong> of {cells} cells.
        </p>
      )}
      {rollout?.kind === 'grid' ? (
        <div className="lab-playback">
          <PlayerControls player={player} what="agent’s episode" />
          <p className="small" role="status">
            Move {player.index} of {states.length - 1} · reward so far {fmtValue(rewards, 2)}
            {player.atEnd ? ` · ${ending(grid, states[states.length - 1], rollout.done)}` : ''}
          </p>
        </div>
      ) : (
        <p className="small muted">Press “Run without learning” to watch the agent follow its best moves (on slippery ice it still slides).</p>
      )}
    </section>
  );
}

/** How an episode ended, from the cell it ended on. */
function ending(grid: GridPicture, last: number, done: boolean): string {
  const kind = grid.cells[last];
  if (kind === 'goal') return 'reached the goal';
  if (kind === 'hole') return 'fell into a hole';
  return done ? 'ended' : `stopped at the step limit (${grid.maxSteps})`;
}
