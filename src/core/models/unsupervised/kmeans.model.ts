import type { ParamsOf } from '../../params';
import { CancelledError, SaplingError } from '../../util/errors';
import type { Rng } from '../../util/rng';
import type { FittedModel, TrainingSet } from '../model';
import type { ModelDefinition } from '../definition';
import { assign, fitKMeans } from './kmeans';
import { kmeansInfo } from './info';
import { loadKMeans } from './predict';
import { silhouetteScore } from './silhouette';
import type { KMeansSummary } from './summary';
import type { KMeansState } from './state';
export type { KMeansState } from './state';

type KMeansParams = ParamsOf<typeof kmeansInfo.schema>;

/** Rows the elbow sweep runs on at most, and its restarts per k. */
const ELBOW_ROWS = 10_000;
const ELBOW_RESTARTS = 3;

/** k-means clustering; predicting gives each row its nearest centre's index. */
export const kmeansModel: ModelDefinition<typeof kmeansInfo.schema> = {
  ...kmeansInfo,
  async fit(train, target, params: KMeansParams, ctx): Promise<FittedModel<KMeansState>> {
    if (train.n < params.k) throw new SaplingError('too-few-rows', `k-means with k = ${params.k} needs at least ${params.k} rows, got ${train.n}`);
    const solution = fitKMeans(train.X, train.n, train.d, { k: params.k, nInit: params.nInit, maxIter: params.maxIter, tol: params.tol, shouldStop: ctx.shouldStop }, ctx.rng);
    if (ctx.shouldStop?.()) throw new CancelledError();
    return {
      model: 'kmeans',
      params,
      task: target.task,
      classes: [],
      nFeatures: train.d,
      state: { k: solution.k, centroids: Array.from(solution.centroids) },
      history: [],
      stopReason: `${solution.converged ? 'converged' : 'reached the iteration limit'} after ${solution.iterations} iterations (best of ${params.nInit} starts)`,
    };
  },
  load: async (fitted) => loadKMeans(fitted),
  async summarise(fitted, train, ctx): Promise<KMeansSummary> {
    const { k, centroids } = fitted.state as KMeansState;
    const params = fitted.params as KMeansParams;
    const labels = new Int32Array(train.n);
    const inertia = assign(train.X, train.n, train.d, Float64Array.from(centroids), k, labels);
    const sizes = new Array<number>(k).fill(0);
    for (const c of labels) sizes[c]++;
    const sample = sampleMatrix(train, ELBOW_ROWS, ctx.rng);
    const elbow: KMeansSummary['elbow'][number][] = [];
    for (let kk = 1; kk <= Math.min(params.elbowMaxK, sample.n); kk++) {
      if (ctx.shouldStop?.()) throw new CancelledError();
      await ctx.yieldToEvents?.();
      const s = fitKMeans(sample.X, sample.n, sample.d, { k: kk, nInit: Math.min(params.nInit, ELBOW_RESTARTS), maxIter: params.maxIter, tol: params.tol }, ctx.rng);
      elbow.push({ k: kk, inertia: s.inertia, silhouette: kk > 1 ? silhouetteScore(sample.X, sample.n, sample.d, s.labels, ctx.rng) : null });
    }
    return {
      kind: 'kmeans',
      k,
      inertia,
      silhouette: silhouetteScore(train.X, train.n, train.d, labels, ctx.rng),
      cluster_sizes: sizes,
      iterations: Number(/after (\d+)/.exec(fitted.stopReason)?.[1] ?? 0),
      elbow,
      elbow_rows: sample.n,
    };
  },
};

/** Up to `max` rows of a training set, drawn without replacement in row order (all when fewer). */
export function sampleMatrix(train: TrainingSet, max: number, rng: Rng): { X: Float32Array; n: number; d: number } {
  const { X, n, d } = train;
  if (n <= max) return { X, n, d };
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  for (let i = 0; i < max; i++) {
    const j = i + rng.int(n - i);
    const t = rows[i];
    rows[i] = rows[j];
    rows[j] = t;
  }
  const chosen = rows.subarray(0, max).sort();
  const out = new Float32Array(max * d);
  chosen.forEach((r, i) => out.set(X.subarray(r * d, (r + 1) * d), i * d));
  return { X: out, n: max, d };
}
