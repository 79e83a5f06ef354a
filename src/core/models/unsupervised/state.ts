import { base64ToFloat32 } from '../../util/base64';
import { checkArray, checkBase64Floats, checkBoolean, checkInteger, checkIntegers, checkNumber, checkNumbers, checkObject, fail } from '../../util/check';
import type { StateCheckContext } from '../stateCheck';

/** A fitted principal component analysis: the centre, the axes and how much variance each explains. */
export interface PcaFit {
  /** Column means (d). */
  readonly mean: number[];
  /** Component axes, row-major (components × d), unit length, largest loading positive. */
  readonly components: number[];
  readonly nComponents: number;
  /** Variance along each kept component (n − 1 denominator, as scikit-learn). */
  readonly explainedVariance: number[];
  /** Share of the total variance along every component (all d, for the scree chart). */
  readonly explainedVarianceRatio: number[];
}

/**
 * The fitted state of DBSCAN: its eps, the core points (base64 float32, row-major) with their
 * cluster, and what the fit found on the training rows (labels of border rows depend on row order,
 * so the report keeps the fit's own counts).
 */
export interface DbscanState {
  readonly eps: number;
  readonly epsAutomatic: boolean;
  readonly core: string;
  readonly coreLabels: number[];
  readonly clusters: number;
  readonly noise: number;
  readonly clusterSizes: number[];
  readonly kDistance: number[];
  readonly suggestedEps: number;
}

/** The fitted state of k-means: the centres, row-major (k × d). */
export interface KMeansState {
  readonly k: number;
  readonly centroids: number[];
}

/**
 * State checks of the clustering and projection families (k-means, DBSCAN, PCA), run on every
 * model file before `load` allocates anything: each count agrees with the length of the array or
 * base64 text that carries its values, so no count can ask for more memory than the file holds.
 */

/** k-means: k centres of `nFeatures` finite values, row-major. */
export function checkKMeansState(x: unknown, ctx: StateCheckContext): void {
  const state = checkObject(x, ctx.path);
  const centroids = checkArray(state.centroids, `${ctx.path}.centroids`);
  const k = checkInteger(state.k, `${ctx.path}.k`, 1, Math.max(1, centroids.length));
  checkNumbers(centroids, `${ctx.path}.centroids`, k * ctx.nFeatures);
}

/** DBSCAN: core points (base64 float32, one row each) with their cluster, eps, and the fit's counts. */
export function checkDbscanState(x: unknown, ctx: StateCheckContext): void {
  const { path } = ctx;
  const state = checkObject(x, path);
  checkNumber(state.eps, `${path}.eps`, 0);
  checkBoolean(state.epsAutomatic, `${path}.epsAutomatic`);
  const labels = checkArray(state.coreLabels, `${path}.coreLabels`);
  const clusters = checkInteger(state.clusters, `${path}.clusters`, 0, labels.length);
  checkIntegers(labels, `${path}.coreLabels`, 0, clusters - 1);
  const core = checkBase64Floats(state.core, `${path}.core`, labels.length * ctx.nFeatures);
  const points = base64ToFloat32(core, labels.length * ctx.nFeatures);
  for (let i = 0; i < points.length; i++) if (!Number.isFinite(points[i])) fail(`${path}.core`, `value ${i} is ${points[i]}`);
  checkInteger(state.noise, `${path}.noise`, 0, Number.MAX_SAFE_INTEGER);
  checkIntegers(state.clusterSizes, `${path}.clusterSizes`, 0, Number.MAX_SAFE_INTEGER, clusters);
  checkNumbers(state.kDistance, `${path}.kDistance`, undefined, 0);
  checkNumber(state.suggestedEps, `${path}.suggestedEps`, 0);
}

/** PCA as a model: its fit over `nFeatures` columns. */
export function checkPcaState(x: unknown, ctx: StateCheckContext): void {
  checkPcaFit(x, ctx.path, ctx.nFeatures);
}

/**
 * A PCA fit over d columns (the PCA model's state, the PCA step's `fit`): d means, 1…d kept
 * components of d loadings each, a variance per kept component and a variance share per component.
 */
export function checkPcaFit(x: unknown, path: string, d: number): void {
  const fit = checkObject(x, path);
  checkNumbers(fit.mean, `${path}.mean`, d);
  const k = checkInteger(fit.nComponents, `${path}.nComponents`, 1, Math.max(1, d));
  checkNumbers(fit.components, `${path}.components`, k * d);
  checkNumbers(fit.explainedVariance, `${path}.explainedVariance`, k, 0);
  const ratios = checkNumbers(fit.explainedVarianceRatio, `${path}.explainedVarianceRatio`, undefined, 0);
  if (ratios.length < k || ratios.length > d) fail(`${path}.explainedVarianceRatio`, `has ${ratios.length} items where ${k} to ${d} are expected`);
}
