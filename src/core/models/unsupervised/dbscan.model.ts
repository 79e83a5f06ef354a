import type { ParamsOf } from '../../params';
import { float32ToBase64 } from '../../util/base64';
import { CancelledError } from '../../util/errors';
import type { FittedModel } from '../model';
import type { ModelDefinition } from '../definition';
import { fitDbscan, kDistance } from './dbscan';
import { dbscanInfo } from './info';
import { buildKdTree } from './kdtree';
import { loadDbscan } from './predict';
import { silhouetteScore } from './silhouette';
import type { DbscanSummary } from './summary';
import type { DbscanState } from './state';
export type { DbscanState } from './state';

type DbscanParams = ParamsOf<typeof dbscanInfo.schema>;

/**
 * DBSCAN clustering. Predicting a row gives the cluster of its nearest core point within eps, or −1
 * (noise) when no core point is that close; on the training rows this matches the fit except that a
 * border row reachable from two clusters takes the nearer one.
 */
export const dbscanModel: ModelDefinition<typeof dbscanInfo.schema> = {
  ...dbscanInfo,
  async fit(train, target, params: DbscanParams, ctx): Promise<FittedModel<DbscanState>> {
    const { X, n, d } = train;
    const tree = buildKdTree(X, n, d);
    const helper = kDistance(X, n, d, params.minSamples, ctx.rng, tree);
    const eps = params.eps > 0 ? params.eps : helper.suggestedEps;
    const solution = fitDbscan(X, n, d, eps, params.minSamples, ctx.shouldStop, tree);
    if (ctx.shouldStop?.()) throw new CancelledError();
    const core: number[] = [];
    for (let i = 0; i < n; i++) if (solution.core[i]) core.push(i);
    const points = new Float32Array(core.length * d);
    core.forEach((r, i) => points.set(X.subarray(r * d, (r + 1) * d), i * d));
    const sizes = new Array<number>(solution.clusters).fill(0);
    let noise = 0;
    for (const c of solution.labels) {
      if (c < 0) noise++;
      else sizes[c]++;
    }
    return {
      model: 'dbscan',
      params,
      task: target.task,
      classes: [],
      nFeatures: d,
      state: {
        eps,
        epsAutomatic: !(params.eps > 0),
        core: float32ToBase64(points),
        coreLabels: core.map((r) => solution.labels[r]),
        clusters: solution.clusters,
        noise,
        clusterSizes: sizes,
        kDistance: helper.curve,
        suggestedEps: helper.suggestedEps,
      },
      history: [],
      stopReason: `found ${solution.clusters} cluster${solution.clusters === 1 ? '' : 's'} and ${noise} noise rows at eps ${eps.toPrecision(4)}`,
    };
  },
  load: async (fitted) => loadDbscan(fitted),
  async summarise(fitted, train, ctx): Promise<DbscanSummary> {
    const state = fitted.state as DbscanState;
    const predictor = await dbscanModel.load(fitted);
    const labels = Int32Array.from(predictor.outputs(train.X, train.n));
    return {
      kind: 'dbscan',
      eps: state.eps,
      eps_automatic: state.epsAutomatic,
      min_samples: (fitted.params as DbscanParams).minSamples,
      clusters: state.clusters,
      noise: state.noise,
      cluster_sizes: state.clusterSizes,
      silhouette: silhouetteScore(train.X, train.n, train.d, labels, ctx.rng),
      k_distance: state.kDistance,
      suggested_eps: state.suggestedEps,
    };
  },
};
