import { ensembleInfo, getModelInfo } from '../../core/models/info';
import type { AutoReport } from '../../core/tune/auto';
import { goTo } from '../../state/actions';
import { fmtMetric } from '../format';
import { autoReason } from './autoReason';

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
