import { ensembleInfo, getModelInfo } from '../../core/models/info';
import type { AutoReport } from '../../core/tune/auto';
import { goTo } from '../../state/actions';
import { fmtMetric } from '../format';

/** Families a newcomer can read and explain: with their defaults winning, Auto says so plainly. */
const SIMPLE = new Set(['logistic', 'linear', 'naive-bayes', 'tree', 'knn']);

/** Why the winner won, in one plain sentence, from the report's candidates (defaults and tuned bests). */
export function autoReason(auto: AutoReport): string {
  const { winner } = auto;
  const scores = [...auto.leaderboard.map((r) => ({ model: r.model, score: r.score })), ...(auto.rescored ?? [])].filter((c) => !Number.isNaN(c.score));
  const best = scores.reduce((a, b) => (b.score > a.score ? b : a), { model: winner.model, score: winner.score });
  const tuned = Object.keys(winner.params).length > 0;
  const plain = !tuned && SIMPLE.has(winner.model) ? `A simple model with its default settings: nothing Auto tried did clearly better. ` : '';
  const why =
    best.score > winner.score
      ? `its score is within one standard error of the best (${getModelInfo(best.model).label}, ${fmtMetric(best.score)}), a lead too small to be real, and it is the simpler, more robust choice.`
      : `it had the best cross-validated score of the ${auto.leaderboard.length} models compared${tuned ? ' once tuned' : ''}.`;
  return `${plain}Why: ${why}`;
}

/** Auto's done message on Train: which model won, its cross-validated score, why, and the way to its leaderboard. */
export function AutoDone({ auto, refit }: { auto: AutoReport; refit: string }) {
  const { winner } = auto;
  const tuned = Object.keys(winner.params).length > 0;
  const metric = auto.metric === 'accuracy' ? 'accuracy' : 'R²';
  const seeBoard = () => {
    goTo('evaluate');
    // The leaderboard is drawn with Evaluate: bring its heading into view once it is there.
    requestAnimationFrame(() => document.getElementById('auto-title')?.scrollIntoView({ block: 'start' }));
  };
  return (
    <>
      <strong>
        Auto chose {getModelInfo(winner.model).label}, {winner.model === ensembleInfo.id ? 'averaging the leading models' : tuned ? 'with tuned settings' : 'with its default settings'}
      </strong>
      : cross-validated {metric} {fmtMetric(winner.score)} ± {fmtMetric(winner.std)} over {auto.folds} folds of the training rows. {autoReason(auto)}{' '}
      <button type="button" className="link" onClick={seeBoard}>
        See how Auto chose (leaderboard)
      </button>
      <br />
      <span className="muted small">Its final training on all training rows: {refit}</span>
    </>
  );
}
