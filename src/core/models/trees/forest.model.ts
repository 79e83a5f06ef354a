import { isClassification } from '../../problem';
import type { ParamsOf } from '../../params';
import { CancelledError } from '../../util/errors';
import { createRng } from '../../util/rng';
import { forestInfo } from '../info';
import type { EpochLog, FittedModel, ModelDefinition } from '../model';
import { binFeatures } from './binning';
import { growCart } from './cart';
import { type TreeEnsembleState, cartCriterion, cartTarget, ensemblePredictor, featuresPerSplit, normalise } from './learners';
import { type Tree, leafOf } from './tree';

type ForestParams = ParamsOf<typeof forestInfo.schema>;

/**
 * A random forest (Breiman 2001): trees on bootstrap samples with a random subset of features per
 * split, averaged. The rows each tree never saw give the out-of-bag score, reported as the forest
 * grows.
 */
export const forestModel: ModelDefinition<typeof forestInfo.schema> = {
  ...forestInfo,
  async fit(train, target, params: ForestParams, ctx): Promise<FittedModel<TreeEnsembleState>> {
    const { n, d } = train;
    const data = binFeatures(train.X, n, d);
    const cart = cartTarget(train, target);
    const criterion = cartCriterion(target, params.criterion);
    const maxFeatures = featuresPerSplit(params.maxFeatures, d, target);
    const classification = isClassification(target.task);
    const k = classification ? target.classes.length : 1;
    // Out-of-bag sums of predictions, and how many trees left each row out.
    const oobSum = new Float64Array(n * k);
    const oobCount = new Int32Array(n);
    const trees: Tree[] = [];
    const gains = new Float64Array(d);
    const history: EpochLog[] = [];
    // Each tree gets its own generator, seeded from the forest's, so trees do not depend on the order they are built in.
    const seeds = Array.from({ length: params.trees }, () => ctx.rng.uint32());
    for (let t = 0; t < params.trees; t++) {
      const rng = createRng(seeds[t]);
      const weights = new Float64Array(n);
      if (params.bootstrap) for (let i = 0; i < n; i++) weights[rng.int(n)]++;
      else weights.fill(1);
      const grown = growCart(data, cart, weights, { maxDepth: params.maxDepth, minSamplesSplit: params.minSamplesSplit, minSamplesLeaf: params.minSamplesLeaf, maxFeatures, criterion }, rng);
      trees.push(grown.tree);
      for (let f = 0; f < d; f++) gains[f] += grown.gains[f];
      if (params.bootstrap) {
        for (let i = 0; i < n; i++) {
          if (weights[i] > 0) continue;
          const leaf = leafOf(grown.tree, train.X, i, d);
          for (let c = 0; c < k; c++) oobSum[i * k + c] += grown.tree.values[leaf * k + c];
          oobCount[i]++;
        }
        const log = { epoch: t + 1, epochs: params.trees, ...oobScores(oobSum, oobCount, train.y, k, classification) };
        history.push(log);
        ctx.onEpoch?.(log);
      }
      await ctx.yieldToEvents?.();
      if (ctx.shouldStop?.()) throw new CancelledError();
    }
    const last = history.at(-1);
    const oob = last?.valMetric !== undefined ? `; out-of-bag ${classification ? 'accuracy' : 'R²'} ${last.valMetric.toFixed(3)}` : '';
    return {
      model: 'forest',
      params,
      task: target.task,
      classes: target.classes,
      nFeatures: d,
      state: { trees },
      history,
      stopReason: `grew ${params.trees} trees${oob}`,
      importance: normalise(gains),
    };
  },
  load: async (fitted) => ensemblePredictor(fitted.state as TreeEnsembleState, fitted.nFeatures),
};

/** Out-of-bag loss (log loss or mean squared error) and score (accuracy or R²) over rows with a vote. */
function oobScores(sum: Float64Array, count: Int32Array, y: Float32Array, k: number, classification: boolean): { loss: number; valLoss: number; valMetric: number } {
  let rows = 0;
  let loss = 0;
  let hits = 0;
  let mean = 0;
  for (let i = 0; i < count.length; i++) if (count[i] > 0) mean += y[i];
  let seen = 0;
  for (let i = 0; i < count.length; i++) if (count[i] > 0) seen++;
  mean /= seen || 1;
  let ssTot = 0;
  for (let i = 0; i < count.length; i++) {
    if (count[i] === 0) continue;
    rows++;
    if (classification) {
      let best = 0;
      for (let c = 1; c < k; c++) if (sum[i * k + c] > sum[i * k + best]) best = c;
      if (best === y[i]) hits++;
      loss -= Math.log(Math.max(1e-15, sum[i * k + y[i]] / count[i]));
    } else {
      const err = y[i] - sum[i] / count[i];
      loss += err * err;
      ssTot += (y[i] - mean) ** 2;
    }
  }
  if (rows === 0) return { loss: NaN, valLoss: NaN, valMetric: NaN };
  const valLoss = loss / rows;
  return { loss: valLoss, valLoss, valMetric: classification ? hits / rows : ssTot > 0 ? 1 - loss / ssTot : 0 };
}
