import { useState } from 'react';
import { ensembleInfo } from '../../core/models/info';
import type { AutoReport } from '../../core/train/report';
import { goTo } from '../../state/actions';
import { fmtMetric } from '../format';
import { autoPlain, autoReason } from './autoReason';

/**
 * Auto's done message on Train: which model won and how well, in one plain sentence; the
 * cross-validated score and the reasoning one click away; and the way to its leaderboard.
 */
export function AutoDone({ auto, refit }: { auto: AutoReport; refit: string }) {
  const { winner } = auto;
  const [open, setOpen] = useState(false);
  const tuned = Object.keys(winner.params).length > 0;
  const metric = auto.metric === 'accuracy' ? 'accuracy' : 'R²';
  const seeBoard = () => {
    goTo('evaluate');
    // The leaderboard is drawn with Evaluate: bring its heading into view once it is there.
    requestAnimationFrame(() => document.getElementById('auto-title')?.scrollIntoView({ block: 'start' }));
  };
  return (
    <>
      <strong>{autoPlain(auto)}</strong>{' '}
      <button type="button" className="link" onClick={seeBoard}>
        See how Auto chose (leaderboard)
      </button>
      <br />
      {/* A button, not <details>: this sits in the status paragraph, which takes phrasing content only. */}
      <button type="button" className="link" aria-expanded={open} aria-controls="auto-figures" onClick={() => setOpen(!open)}>
        <span aria-hidden>{open ? '▾' : '▸'}</span> The figures behind the choice
      </button>
      {open ? ' ' : null}
      {open ? (
        <span id="auto-figures" className="small">
          {winner.model === ensembleInfo.id ? 'Averaging the leading models' : tuned ? 'With tuned settings' : 'With its default settings'}: cross-validated {metric} {fmtMetric(winner.score)} ± {fmtMetric(winner.std)} over {auto.folds} folds of the training rows. {autoReason(auto)}
        </span>
      ) : null}
      <br />
      <span className="muted small">Its final training on all training rows: {refit}</span>
    </>
  );
}
