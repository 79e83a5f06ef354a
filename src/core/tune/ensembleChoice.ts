import { averageOutputs } from '../models/ensemble/average';
import { ENSEMBLE_ID, type MemberSpec, ensembleParams } from '../models/ensemble/info';
import { ENSEMBLE_MEMBERS, labelInSentence } from '../models/info';
import type { DataTable } from '../table/DataTable';
import type { TrainConfig } from '../train/config';
import type { RunContext } from '../train/singleRun';
import type { AutoResult } from './autoResult';
import type { LeaderboardRow } from '../train/report';
import { foldMetrics, foldTargets, outOfFoldOutputs } from './outOfFold';

/** The most members Auto averages: its leading families, each with its best settings. */
export const MAX_MEMBERS = 3;

/** A scored candidate of Auto's: a family with settings (empty = defaults) and its cross-validated score. */
type Candidate = AutoResult['winner'];

/** An average of leading families, scored on Auto's folds. */
export interface EnsembleCandidate {
  readonly members: readonly (MemberSpec & { readonly score: number })[];
  readonly row: LeaderboardRow;
}

/**
 * The leaders' average, scored on Auto's folds: the best candidate of each of the leading families
 * (up to `MAX_MEMBERS`), each cross-validated again to keep its out-of-fold outputs, then averaged
 * per fold exactly as the ensemble averages (so the score is the ensemble's own cross-validated
 * score, without training it five more times). The two and the three leaders are both scored and
 * the better average kept (ties to fewer members); null with fewer than two families.
 */
export async function scoreEnsemble(table: DataTable, config: TrainConfig, folds: number, candidates: readonly Candidate[], ctx: RunContext = {}): Promise<EnsembleCandidate | null> {
  const now = ctx.now ?? (() => performance.now());
  const t0 = now();
  const best = new Map<string, Candidate>();
  for (const c of candidates) {
    const seen = best.get(c.model);
    if (!Number.isNaN(c.score) && (!seen || c.score > seen.score)) best.set(c.model, c);
  }
  const leaders = [...best.values()].sort((a, b) => b.score - a.score).slice(0, MAX_MEMBERS);
  if (leaders.length < 2) return null;
  const targets = foldTargets(table, config, folds);
  const outputs: Float32Array[][] = [];
  for (const leader of leaders) outputs.push(await outOfFoldOutputs(table, { ...config, model: { id: leader.model, params: leader.params } }, folds, ctx));

  let chosen: { size: number; metrics: ReturnType<typeof foldMetrics> } | null = null;
  const metric = targets.classes.length ? 'accuracy' : 'r2';
  for (let size = 2; size <= leaders.length; size++) {
    // In catalog order, as the ensemble itself sums them: the same float rounding, the same score.
    const members = order(leaders.slice(0, size).map((l, i) => ({ model: l.model, i }))).map((m) => m.i);
    const metrics = foldMetrics(config.problem.task, targets, targets.tests.map((_, f) => averageOutputs(members.map((i) => outputs[i][f]))));
    if (!chosen || metrics[metric].mean > chosen.metrics[metric].mean) chosen = { size, metrics };
  }
  const members = order(leaders.slice(0, chosen!.size)).map((l) => ({ model: l.model, params: l.params, score: l.score }));
  const params = ensembleParams(members, ENSEMBLE_MEMBERS);
  const { metrics } = chosen!;
  const label = `Ensemble: ${members.map((m) => labelInSentence(m.model)).join(' + ')}`;
  return { members, row: { model: ENSEMBLE_ID, label, metrics, score: metrics[metric].mean, ms: now() - t0, params } };
}

/**
 * Scores the leaders' average and lets it compete (`chooseWithEnsemble`), when `timeLeft` (always
 * with a trial count); otherwise says it was not scored.
 */
export async function considerEnsemble(table: DataTable, config: TrainConfig, folds: number, result: AutoResult, candidates: readonly Candidate[], top: Candidate, ctx: RunContext, timeLeft: boolean, margin = 0): Promise<AutoResult> {
  if (!timeLeft) return { ...result, stopReason: `${result.stopReason}; no time was left to score the leaders' average` };
  return chooseWithEnsemble(result, await scoreEnsemble(table, config, folds, candidates, ctx), top, folds, margin);
}

/** What scoring the average should take (its members cross-validated once more), in ms: the leading rows' own times. */
export function ensembleReserve(leaderboard: readonly LeaderboardRow[]): number {
  const scored = leaderboard.filter((r) => !Number.isNaN(r.score));
  return scored.length < 2 ? 0 : scored.slice(0, MAX_MEMBERS).reduce((sum, r) => sum + r.ms, 0);
}

function order<T extends { model: string }>(members: readonly T[]): T[] {
  const at = (id: string) => ENSEMBLE_MEMBERS.findIndex((f) => f.id === id);
  return [...members].sort((a, b) => at(a.model) - at(b.model));
}

/**
 * Auto's choice with the leaders' average considered: the ensemble wins when its cross-validated
 * score beats the best single candidate's (`top`, tuned or not) by more than `margin` (Auto's
 * one-standard-error margin), and the explanation says so in numbers either way; its row joins the
 * leaderboard.
 */
export function chooseWithEnsemble(result: AutoResult, ensemble: EnsembleCandidate | null, top: Candidate, folds: number, margin = 0): AutoResult {
  if (!ensemble) return result;
  const { row, members } = ensemble;
  const leaderboard = [...result.leaderboard, row].sort((a, b) => (Number.isNaN(a.score) ? 1 : 0) - (Number.isNaN(b.score) ? 1 : 0) || b.score - a.score);
  const fmt = (v: number) => v.toFixed(4);
  const what = result.metric === 'accuracy' ? 'accuracy' : 'R²';
  const named = (m: { model: string; params: object }) => `${labelInSentence(m.model)}${Object.keys(m.params).length ? ' (tuned)' : ''}`;
  const list = members.map(named);
  const averaging = `averaging ${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
  const std = row.metrics[result.metric].std;
  const topName = named(top);
  // The average is the least simple candidate: like any other, its lead must clear the one-SE margin.
  if (row.score > top.score + margin) {
    const winner = { model: ENSEMBLE_ID, params: row.params ?? {}, score: row.score, std };
    const explanation =
      `An ensemble ${averaging}: cross-validated ${what} ${fmt(row.score)} ± ${fmt(std)} over ${folds} folds of the training rows against ${fmt(top.score)} for ${topName} alone, the best single model` +
      ` (each member's class probabilities or predictions, averaged; ${members.map((m) => `${labelInSentence(m.model)} ${fmt(m.score)}`).join(', ')} by themselves). ` +
      `Without the average, the choice would have been: ${result.explanation}`;
    return { ...result, leaderboard, winner, explanation };
  }
  const short = margin > 0 && row.score > top.score ? `less than one standard error (${fmt(margin)}) above` : 'not above';
  const explanation = `${result.explanation} ${averaging.replace(/^./, (c) => c.toUpperCase())} scored ${fmt(row.score)} ± ${fmt(std)}, ${short} the best single model (${topName}, ${fmt(top.score)}), so no ensemble was taken.`;
  return { ...result, leaderboard, explanation };
}
