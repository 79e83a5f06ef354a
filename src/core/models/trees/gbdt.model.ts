import type { ParamsOf } from '../../params';
import { CancelledError } from '../../util/errors';
import { type Rng, shuffleInPlace } from '../../util/rng';
import { gbdtInfo } from './info';
import type { EpochLog, FittedModel } from '../model';
import type { ModelDefinition, TrainContext } from '../definition';
import { kernelsAvailable } from '../../kernels/kernels';
import { binFeatures } from './binning';
import { sampleFeatures } from './cart';
import { growLeafwise } from './leafwise';
import { normalise } from './learners';
import type { Tree } from './tree';
import { linkOutputs, loadBoosting } from './predict';
import { HistogramTeam, type TeamMemory, helperReady, teamMemory } from './histogramTeam';
import { HelperChoice } from './helperChoice';
import type { BinnedFeatures } from './binning';
import type { BoostingState, Link } from './state';
export type { BoostingState } from './state';

type GbdtParams = ParamsOf<typeof gbdtInfo.schema>;

/** Rows the per-round training loss is computed on at most. */
const LOSS_ROWS = 20_000;

/**
 * Histogram gradient boosting in the manner of LightGBM and scikit-learn's HistGradientBoosting:
 * features binned once (≤ 255 bins, missing values in their own bin), leaf-wise trees with
 * histogram subtraction, second-order leaf values −G/(H + λ), row and column subsampling, and early
 * stopping on a held-out fraction that keeps the best round. Binary log loss, softmax for several
 * classes, squared error for regression.
 */
export const gbdtModel: ModelDefinition<typeof gbdtInfo.schema> = {
  ...gbdtInfo,
  async fit(train, target, params: GbdtParams, ctx): Promise<FittedModel<BoostingState>> {
    const { n, d } = train;
    const link: Link = target.task === 'regression' ? 'identity' : target.classes.length === 2 ? 'sigmoid' : 'softmax';
    const K = link === 'softmax' ? target.classes.length : 1;
    let data = binFeatures(train.X, n, d, params.bins);
    const { fit, validation } = holdOut(n, params.earlyStopping ? params.validationFraction : 0, ctx.rng);
    // The training loss of the live chart is measured on evenly spaced rows: a curve, not a score.
    const lossRows = fit.length > LOSS_ROWS ? Int32Array.from({ length: LOSS_ROWS }, (_, j) => fit[Math.floor((j * fit.length) / LOSS_ROWS)]) : fit;
    const baseline = startingScores(train.y, fit, link, K);
    // A tree holds at most leaves + 1 histograms at once (a split's parent and both children).
    const team = await startTeam(data, ctx, params.leaves + 1);
    // The team's WebAssembly memory holds the bins now: let the JavaScript copies go.
    if (team.memory.wasm) data = { ...data, bins: team.memory.columnBins, rowBins: team.memory.rowBins };
    const gh = team.memory.gh;
    // One output keeps its scores and labels in the team's memory, where `boost` adds a leaf's value
    // to its rows and writes their next gradients in one pass; several keep them here.
    const scores = K === 1 ? team.memory.scores : new Float64Array(n * K);
    for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) scores[i * K + k] = baseline[k];
    if (K === 1) team.memory.y.set(train.y);
    const gradientLink = link === 'identity' ? 1 : 2;
    // Whether (g, h) already hold the gradients of this round's rows (the last round's leaves wrote
    // them, which they do when every round boosts on all the training rows).
    let gradientsReady = false;
    const grads = new Float64Array(K > 1 ? n * K * 2 : 0);
    const order = new Int32Array(fit.length);
    const trees: Tree[] = [];
    const gains = new Float64Array(d);
    const history: EpochLog[] = [];
    const limits = { minSamplesLeaf: params.minSamplesLeaf, minHessian: 1e-3, minGain: 1e-12 };
    const treeOptions = { maxLeaves: params.leaves, maxDepth: params.maxDepth, limits };
    team.histograms.useLimits(params.l2, limits);
    const probabilities = new Float64Array(K);
    let best = Infinity;
    let bestRound = 0;
    // The scores as of the best round, for the training outputs when early stopping keeps it.
    let bestScores: Float64Array | null = null;
    let roundsGrown = 0;
    let stopReason = `ran all ${params.rounds} rounds`;
    const allFeatures = Int32Array.from({ length: d }, (_, f) => f);
    const histograms: Float64Array[] = [...team.memory.pool];
    const choice = new HelperChoice();

    try {
      for (let round = 1; round <= params.rounds; round++) {
        // Rows of this round (a fresh subsample, or all training rows).
        let m = fit.length;
        order.set(fit);
        if (params.rowSubsample < 1) {
          shuffleInPlace(order, ctx.rng);
          m = Math.max(1, Math.round(fit.length * params.rowSubsample));
          order.subarray(0, m).sort();
        }
        // Gradients and hessians of every output from the scores as the round starts: straight into
        // the team's (g, h) for one output; for several, all of them first (each tree of the round
        // starts from the same scores), then output by output.
        if (K === 1) {
          if (!gradientsReady) {
            team.memory.order.set(order.subarray(0, m));
            team.histograms.boost(0, m, 0, gradientLink);
          }
        } else {
          for (let j = 0; j < m; j++) {
            const i = order[j];
            for (let k = 0; k < K; k++) {
              gradient(scores, i, k, K, train.y[i], link, probabilities, grads, (i * K + k) * 2);
            }
          }
        }
        for (let k = 0; k < K; k++) {
          if (K > 1) {
            for (let j = 0; j < m; j++) {
              const i = order[j];
              gh[i * 2] = grads[(i * K + k) * 2];
              gh[i * 2 + 1] = grads[(i * K + k) * 2 + 1];
            }
          }
          const features = params.colSubsample < 1 ? sampleFeatures(d, Math.max(1, Math.round(d * params.colSubsample)), ctx.rng) : allFeatures;
          const rows = team.memory.order.subarray(0, m);
          rows.set(order.subarray(0, m));
          team.histograms.useFeatures(features);
          const helping = team.histograms.canHelp && choice.useHelper();
          team.histograms.setHelping(helping);
          const began = performance.now();
          const grown = growLeafwise(data, m, features, treeOptions, params.l2, params.learningRate, histograms, team.histograms);
          if (team.histograms.canHelp) choice.record(helping, m, performance.now() - began);
          trees.push(grown.tree);
          for (let f = 0; f < d; f++) gains[f] += grown.gains[f];
          // Rows that grew the tree know their leaf; the others (held out, not subsampled) walk it.
          if (K === 1) {
            gradientsReady = params.rowSubsample >= 1;
            team.histograms.boostTree(grown.leaves, grown.tree.values, m === n, gradientsReady ? gradientLink : 0);
          } else {
            for (const leaf of grown.leaves) {
              const v = grown.tree.values[leaf.node];
              for (let j = leaf.start; j < leaf.end; j++) scores[rows[j] * K + k] += v;
            }
          }
          if (m < n) {
            const seen = new Uint8Array(n);
            for (let j = 0; j < m; j++) seen[rows[j]] = 1;
            for (let i = 0; i < n; i++) if (!seen[i]) scores[i * K + k] += grown.tree.values[leafIndex(grown.tree, train.X, i, d)];
          }
        }
        roundsGrown = round;
        const loss = meanLoss(scores, train.y, lossRows, link, K, probabilities);
        const log: EpochLog = validation ? { epoch: round, epochs: params.rounds, loss, valLoss: meanLoss(scores, train.y, validation, link, K, probabilities) } : { epoch: round, epochs: params.rounds, loss };
        history.push(log);
        ctx.onEpoch?.(log);
        await ctx.yieldToEvents?.();
        if (ctx.shouldStop?.()) throw new CancelledError();
        if (log.valLoss !== undefined) {
          if (log.valLoss < best - 1e-7 * Math.abs(best) || best === Infinity) {
            best = log.valLoss;
            bestRound = round;
            if (ctx.onTrainingOutputs) bestScores = scores.slice();
          } else if (round - bestRound >= params.patience) {
            stopReason = `early stopping at round ${round}: validation loss had not improved for ${params.patience} rounds (kept the best, round ${bestRound})`;
            trees.length = bestRound * K;
            break;
          }
        }
      }
    } finally {
      await team.stop();
    }
    if (stopReason.startsWith('ran all') && bestRound > 0 && bestRound < params.rounds) trees.length = bestRound * K;
    // Every training row's score is the baseline plus its leaves' values added in tree order, which
    // is the predictor's sum: rows were routed by bin, and bins split exactly where thresholds do.
    // `scores` hold every round grown; when early stopping kept fewer, the best round's copy.
    const kept = trees.length / K;
    ctx.onTrainingOutputs?.(linkOutputs(kept === roundsGrown ? scores : bestScores!, n, K, link));
    return {
      model: 'gbdt',
      params,
      task: target.task,
      classes: target.classes,
      nFeatures: d,
      state: { link, baseline, trees },
      history,
      stopReason,
      importance: normalise(gains),
    };
  },
  load: async (fitted) => loadBoosting(fitted),
};

function leafIndex(tree: Tree, X: Float32Array, row: number, d: number): number {
  let node = 0;
  while (tree.feature[node] >= 0) {
    const v = X[row * d + tree.feature[node]];
    node = (v !== v ? tree.missingLeft[node] === 1 : v <= tree.threshold[node]) ? tree.left[node] : tree.right[node];
  }
  return node;
}

/**
 * The histogram team of a run: a helper thread from the host when it has one to spare and shared
 * memory, this thread alone otherwise (same trees either way).
 */
async function startTeam(data: BinnedFeatures, ctx: TrainContext, poolSize: number): Promise<{ memory: TeamMemory; histograms: HistogramTeam; stop: () => Promise<void> }> {
  // The helper fills histograms in the team's WebAssembly memory: without the kernels, none.
  const host = ctx.host && ctx.host.workers > 1 && ctx.host.serveHistograms && kernelsAvailable(true) ? ctx.host : null;
  const memory = teamMemory(data, host !== null, poolSize);
  let helper: Promise<void> | null = null;
  if (host) {
    helper = host.serveHistograms!(memory).catch(() => {});
    // Wait (without blocking this thread) for the helper to start; go alone if it does not.
    const until = Date.now() + HELPER_START_MS;
    while (!helperReady(memory) && Date.now() < until) await new Promise((r) => setTimeout(r, 2));
  }
  const helped = helper !== null && helperReady(memory);
  const histograms = new HistogramTeam(memory, helped);
  return {
    memory,
    histograms,
    async stop() {
      histograms.stop();
      await helper;
    },
  };
}

/** How long a histogram helper may take to start (a worker thread loading the bundle). */
const HELPER_START_MS = 5000;

/** Splits training rows into those boosted on and a seeded validation hold-out. */
function holdOut(n: number, fraction: number, rng: Rng): { fit: Int32Array; validation: Int32Array | null } {
  const all = Int32Array.from({ length: n }, (_, i) => i);
  if (fraction <= 0 || n < 20) return { fit: all, validation: null };
  shuffleInPlace(all, rng);
  const nVal = Math.max(1, Math.round(n * fraction));
  return { fit: all.slice(nVal).sort(), validation: all.slice(0, nVal).sort() };
}

/** The constant score that best fits the training rows: log-odds, log class priors, or the mean. */
function startingScores(y: Float32Array, rows: Int32Array, link: Link, K: number): number[] {
  if (link === 'identity') {
    let sum = 0;
    for (const i of rows) sum += y[i];
    return [sum / rows.length];
  }
  const counts = new Float64Array(Math.max(K, 2));
  for (const i of rows) counts[y[i]]++;
  const total = rows.length;
  const clamp = (p: number) => Math.min(1 - 1e-7, Math.max(1e-7, p));
  if (link === 'sigmoid') {
    const p = clamp(counts[1] / total);
    return [Math.log(p / (1 - p))];
  }
  return Array.from({ length: K }, (_, k) => Math.log(clamp(counts[k] / total)));
}

/** Softmax of the scores of row i into `out`. */
function softmax(scores: Float64Array, i: number, K: number, out: Float64Array): void {
  let max = -Infinity;
  for (let k = 0; k < K; k++) max = Math.max(max, scores[i * K + k]);
  let sum = 0;
  for (let k = 0; k < K; k++) {
    out[k] = Math.exp(scores[i * K + k] - max);
    sum += out[k];
  }
  for (let k = 0; k < K; k++) out[k] /= sum;
}

/** Writes the gradient and hessian of the loss at row i for output k to out[at], out[at + 1]. */
function gradient(scores: Float64Array, i: number, k: number, K: number, y: number, link: Link, p: Float64Array, out: Float64Array, at: number): void {
  if (link === 'identity') {
    out[at] = scores[i] - y;
    out[at + 1] = 1;
  } else if (link === 'sigmoid') {
    const q = 1 / (1 + Math.exp(-scores[i]));
    out[at] = q - y;
    out[at + 1] = Math.max(q * (1 - q), 1e-16);
  } else {
    softmax(scores, i, K, p);
    out[at] = p[k] - (y === k ? 1 : 0);
    out[at + 1] = Math.max(p[k] * (1 - p[k]), 1e-16);
  }
}

/**
 * Mean log loss (classification) or mean squared error (regression) over `rows`. A loop per link,
 * indexed: this runs every round, and the per-row link test and iterator were a third of its time.
 */
function meanLoss(scores: Float64Array, y: Float32Array, rows: Int32Array, link: Link, K: number, p: Float64Array): number {
  let sum = 0;
  const count = rows.length;
  if (link === 'identity') {
    for (let j = 0; j < count; j++) {
      const i = rows[j];
      sum += (scores[i] - y[i]) ** 2;
    }
  } else if (link === 'sigmoid') {
    for (let j = 0; j < count; j++) {
      const i = rows[j];
      const s = scores[i];
      // log(1 + e^s) − y·s without overflow.
      sum += (s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s))) - y[i] * s;
    }
  } else {
    for (let j = 0; j < count; j++) {
      const i = rows[j];
      softmax(scores, i, K, p);
      sum -= Math.log(Math.max(p[y[i]], 1e-15));
    }
  }
  return sum / count;
}
