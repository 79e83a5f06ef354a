import { isClassification } from '../../problem';
import type { ParamsOf } from '../../params';
import { CancelledError } from '../../util/errors';
import { shared } from '../../util/shared';
import { forestInfo } from './info';
import type { EpochLog, FittedModel } from '../model';
import type { ModelDefinition } from '../definition';
import { binFeatures } from './binning';
import { type ForestChunk, type ForestChunkResult, growForestChunk } from './forestChunk';
import { type TreeEnsembleState, featuresPerSplit, normalise } from './learners';
import { loadTreeEnsemble } from './predict';
import type { Tree } from './tree';

type ForestParams = ParamsOf<typeof forestInfo.schema>;

/** Trees per unit of work: small enough for progress and Cancel, large enough to be worth a message. */
const CHUNK_TREES = 5;

/**
 * A random forest (Breiman 2001): trees on bootstrap samples with a random subset of features per
 * split, averaged. The rows each tree never saw give the out-of-bag score, reported as the forest
 * grows. Trees grow in chunks on the host's helper threads when it has some (every core).
 */
export const forestModel: ModelDefinition<typeof forestInfo.schema> = {
  ...forestInfo,
  async fit(train, target, params: ForestParams, ctx): Promise<FittedModel<TreeEnsembleState>> {
    const { n, d } = train;
    const host = ctx.host && ctx.host.workers > 1 ? ctx.host : null;
    const binned = binFeatures(train.X, n, d);
    // Helper threads read the rows from shared memory instead of each getting a copy per chunk.
    const data = host ? { ...binned, bins: shared(binned.bins), rowBins: shared(binned.rowBins) } : binned;
    const X = host ? shared(train.X) : train.X;
    const y = host ? shared(train.y) : train.y;
    const classification = isClassification(target.task);
    const k = classification ? target.classes.length : 1;
    const options = { maxDepth: params.maxDepth, minSamplesSplit: params.minSamplesSplit, minSamplesLeaf: params.minSamplesLeaf, maxFeatures: featuresPerSplit(params.maxFeatures, d, target), criterion: params.criterion, bootstrap: params.bootstrap };
    // Each tree gets its own generator, seeded from the forest's, so trees do not depend on the
    // order they are built in, nor on which thread builds them.
    const seeds = Array.from({ length: params.trees }, () => ctx.rng.uint32());
    const chunks: ForestChunk[] = [];
    for (let t = 0; t < seeds.length; t += CHUNK_TREES) chunks.push({ data, X, y, target: { task: target.task, classes: target.classes }, options, seeds: seeds.slice(t, t + CHUNK_TREES) });
    // Out-of-bag sums of predictions, and how many trees left each row out.
    const oobSum = new Float64Array(n * k);
    const oobCount = new Int32Array(n);
    const trees: Tree[] = [];
    const gains = new Float64Array(d);
    const history: EpochLog[] = [];
    // Chunks run on the helper threads a few ahead of the one being merged (two per thread, so a
    // thread that finishes early has the next queued); merging in chunk order keeps the sums, and
    // so the result, independent of the number of threads.
    const running: Promise<ForestChunkResult>[] = [];
    const start = (c: number) => {
      if (c < chunks.length) running[c] = host ? host.growForestChunk(chunks[c]) : Promise.resolve().then(() => growForestChunk(chunks[c]));
    };
    const ahead = host ? 2 * host.workers : 1;
    for (let c = 0; c < ahead; c++) start(c);
    for (let c = 0; c < chunks.length; c++) {
      const part = await running[c];
      start(c + ahead);
      trees.push(...part.trees);
      for (let f = 0; f < d; f++) gains[f] += part.gains[f];
      if (params.bootstrap) {
        for (let i = 0; i < oobSum.length; i++) oobSum[i] += part.oobSum[i];
        for (let i = 0; i < n; i++) oobCount[i] += part.oobCount[i];
        const log = { epoch: trees.length, epochs: params.trees, ...oobScores(oobSum, oobCount, train.y, k, classification) };
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
  load: async (fitted) => loadTreeEnsemble(fitted),
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
