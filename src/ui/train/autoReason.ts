import { ensembleInfo, getModelInfo } from '../../core/models/info';
import type { AutoReport } from '../../core/train/report';
import { fmtMetric } from '../format';

/** Families a newcomer can read and explain: with their defaults winning, Auto says so plainly. */
const SIMPLE = new Set(['logistic', 'linear', 'naive-bayes', 'tree', 'knn']);

/**
 * Auto's choice in one plain sentence, no statistics: how well the winner did on rows held back
 * from it, and whether it simply scored best or was as good as the best and simpler.
 */
export function autoPlain(auto: AutoReport): string {
  const { winner } = auto;
  const label = getModelInfo(winner.model).label;
  const pct = `${Math.round(winner.score * 100)}%`;
  const how =
    auto.metric === 'accuracy'
      ? `it predicted about ${pct} of held-back rows right`
      : winner.score > 0
        ? `its predictions explain about ${pct} of the spread of the target on held-back rows`
        : 'on held-back rows its predictions did no better than always guessing the average';
  const compared = auto.leaderboard.filter((r) => r.model !== ensembleInfo.id).length;
  const best = bestScore(auto) > winner.score ? 'no model Auto tried did clearly better, and this one is simpler' : `the best of the ${compared} models compared`;
  return `Auto chose ${label}: ${how}, ${best}.`;
}

/** The top score among the report's candidates (defaults and tuned bests). */
function bestScore(auto: AutoReport): number {
  const scores = [...auto.leaderboard.map((r) => r.score), ...(auto.rescored ?? []).map((r) => r.score)].filter((x) => !Number.isNaN(x));
  return Math.max(auto.winner.score, ...scores);
}

/** Why the winner won, in one plain sentence, from the report's candidates (defaults and tuned bests). */
export function autoReason(auto: AutoReport): string {
  const { winner } = auto;
  const scores = [...auto.leaderboard.map((r) => ({ model: r.model, score: r.score })), ...(auto.rescored ?? [])].filter((c) => !Number.isNaN(c.score));
  const best = scores.reduce((a, b) => (b.score > a.score ? b : a), { model: winner.model, score: winner.score });
  const tuned = Object.keys(winner.params).length > 0;
  const plain = !tuned && SIMPLE.has(winner.model) ? `That is a simple model, untuned: nothing Auto tried did clearly better. ` : '';
  const why =
    best.score > winner.score
      ? `its score is within one standard error of the best (${getModelInfo(best.model).label}, ${fmtMetric(best.score)}), a lead too small to be real, and it is the simpler, more robust choice.`
      : `it had the best cross-validated score of the ${auto.leaderboard.filter((r) => r.model !== ensembleInfo.id).length} models compared${tuned ? ' once tuned' : ''}.`;
  return `${plain}Why: ${why}`;
}
