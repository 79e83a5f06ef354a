import { ensembleInfo, getModelInfo } from '../../core/models/info';
import type { AutoReport } from '../../core/tune/auto';
import { fmtMetric } from '../format';

/** Families a newcomer can read and explain: with their defaults winning, Auto says so plainly. */
const SIMPLE = new Set(['logistic', 'linear', 'naive-bayes', 'tree', 'knn']);

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
