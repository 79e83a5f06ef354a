import { describe, expect, it } from 'vitest';
import { resolveParams } from '../../params';
import { sample, standardisedMatrix } from '../../testing/tables';
import { createRng } from '../../util/rng';
import { fitDbscan, kDistance } from './dbscan';
import type { DbscanState } from './dbscan.model';
import { dbscanModel } from './dbscan.model';
import { buildKdTree, kthNeighbourDistance, nearestWithinRadius, withinRadius } from './kdtree';
import { fitKMeans } from './kmeans';
import { kmeansModel } from './kmeans.model';
import { fitPca, projectPca } from './pca';
import { pcaModel } from './pca.model';
import { silhouetteScore } from './silhouette';
import type { DbscanSummary, KMeansSummary, PcaSummary } from './summary';

// Reference figures from scikit-learn 1.2 (Debian's python3-sklearn) on iris standardised with
// StandardScaler and rounded to float32, as in /tmp/ref_unsup.py of the commit that added them:
// KMeans(3, n_init=10, random_state=0), PCA(), DBSCAN(eps=0.5, min_samples=5), silhouette_score.
const iris = await sample('iris.csv');
const X = standardisedMatrix(iris, ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)']);
const n = 150;
const d = 4;
const SKLEARN_DBSCAN =
  '00000000000000nn0000000000000000nn0000000n00000000111111nn1nn1n11111n111n111111111111n1n11111n1111n1n1111nnnnn1111n11nnn11n11n111nnn111nn11111111111n1';

describe('k-means', () => {
  it('reaches scikit-learn’s inertia and silhouette on iris', () => {
    const s = fitKMeans(X, n, d, { k: 3, nInit: 10, maxIter: 300, tol: 1e-4 }, createRng(0));
    expect(s.inertia).toBeCloseTo(139.82049573295606, 3);
    expect(Array.from(new Set(s.labels)).length).toBe(3);
    expect([...bincount(s.labels)].sort()).toEqual([47, 50, 53]);
    expect(silhouetteScore(X, n, d, s.labels, createRng(0))).toBeCloseTo(0.4599482377520302, 6);
  });

  it('keeps k clusters when asked for as many clusters as rows, and repeats with a seed', () => {
    const tiny = Float32Array.from([0, 0, 1, 1, 5, 5]);
    const s = fitKMeans(tiny, 3, 2, { k: 3, nInit: 2, maxIter: 50, tol: 1e-4 }, createRng(1));
    expect(bincount(s.labels).length).toBe(3);
    const a = fitKMeans(X, n, d, { k: 4, nInit: 3, maxIter: 300, tol: 1e-4 }, createRng(7));
    const b = fitKMeans(X, n, d, { k: 4, nInit: 3, maxIter: 300, tol: 1e-4 }, createRng(7));
    expect(Array.from(a.centroids)).toEqual(Array.from(b.centroids));
  });

  it('reports sizes, silhouette and an elbow that falls with k', async () => {
    const params = resolveParams(kmeansModel.schema, { k: 3, elbowMaxK: 6 });
    const fitted = await kmeansModel.fit({ X, n, d, y: new Float32Array(0) }, { task: 'clustering', classes: [] }, params, { rng: createRng(0) });
    const summary = (await kmeansModel.summarise!(fitted, { X, n, d, y: new Float32Array(0) }, { rng: createRng(0) })) as KMeansSummary;
    expect(summary.cluster_sizes.reduce((a, b) => a + b, 0)).toBe(150);
    expect(summary.inertia).toBeCloseTo(139.8205, 3);
    expect(summary.elbow.map((e) => e.k)).toEqual([1, 2, 3, 4, 5, 6]);
    // k = 1 inertia is the total sum of squares: 150 rows × 4 standardised features.
    expect(summary.elbow[0].inertia).toBeCloseTo(600, 2);
    for (let i = 1; i < summary.elbow.length; i++) expect(summary.elbow[i].inertia).toBeLessThan(summary.elbow[i - 1].inertia);
    const predictor = await kmeansModel.load(JSON.parse(JSON.stringify(fitted)));
    expect(bincount(Int32Array.from(predictor.outputs(X, n)))).toEqual(summary.cluster_sizes);
  });
});

describe('PCA', () => {
  it('matches scikit-learn’s explained variance, axes and projection on iris', () => {
    const fit = fitPca(X, n, d, 4);
    const evr = [0.7296244644467922, 0.22850760700502074, 0.03668921978541888, 0.005178708762768031];
    fit.explainedVarianceRatio.forEach((v, i) => expect(v).toBeCloseTo(evr[i], 6));
    expect(fit.explainedVariance[0]).toBeCloseTo(2.9380851223482116, 5);
    // scikit-learn's axis 0 already has its largest loading positive; axis 1 likewise.
    [0.52106591, -0.26934745, 0.58041309, 0.56485654].forEach((v, j) => expect(fit.components[j]).toBeCloseTo(v, 5));
    [0.37741761, 0.92329566, 0.02449162, 0.066942].forEach((v, j) => expect(fit.components[4 + j]).toBeCloseTo(v, 5));
    const row0 = projectPca(fit, X.subarray(0, 4), 1, 4);
    expect(row0[0]).toBeCloseTo(-2.26470292, 4);
    expect(row0[1]).toBeCloseTo(0.4800265, 4);
  });

  it('keeps the fewest components that reach a variance share', async () => {
    expect(fitPca(X, n, d, 0.95).nComponents).toBe(2);
    expect(fitPca(X, n, d, 0.99).nComponents).toBe(3);
    const fitted = await pcaModel.fit({ X, n, d, y: new Float32Array(0) }, { task: 'projection', classes: [] }, resolveParams(pcaModel.schema, { components: 2 }), { rng: createRng(0) });
    const summary = (await pcaModel.summarise!(fitted, { X, n, d, y: new Float32Array(0) }, { rng: createRng(0) })) as PcaSummary;
    expect(summary.cumulative_variance_ratio[3]).toBeCloseTo(1, 9);
    const out = (await pcaModel.load(fitted)).outputs(X, n);
    expect(out.length).toBe(300);
  });

  it('refuses a single row', () => {
    expect(() => fitPca(X.subarray(0, 4), 1, 4, 2)).toThrow(/at least 2 rows/);
  });
});

describe('DBSCAN', () => {
  it('labels iris exactly as scikit-learn does', () => {
    const s = fitDbscan(X, n, d, 0.5, 5);
    expect(Array.from(s.labels, (l) => (l < 0 ? 'n' : String(l))).join('')).toBe(SKLEARN_DBSCAN);
    expect(s.core.reduce((a, b) => a + b, 0)).toBe(93);
  });

  it('suggests an eps at the bend of the k-distance curve, and predicts by the nearest core point', async () => {
    const helper = kDistance(X, n, d, 5, createRng(0));
    expect(helper.curve.at(-1)).toBeCloseTo(1.8851468772711435, 5);
    expect(helper.suggestedEps).toBeGreaterThan(0.3);
    expect(helper.suggestedEps).toBeLessThan(1.2);
    const params = resolveParams(dbscanModel.schema, { eps: 0.5, minSamples: 5 });
    const fitted = await dbscanModel.fit({ X, n, d, y: new Float32Array(0) }, { task: 'clustering', classes: [] }, params, { rng: createRng(0) });
    const state = fitted.state as DbscanState;
    expect(state.clusters).toBe(2);
    expect(state.noise).toBe(SKLEARN_DBSCAN.split('n').length - 1);
    const out = (await dbscanModel.load(JSON.parse(JSON.stringify(fitted)))).outputs(X, n);
    // Core and noise rows keep their labels; border rows take their nearest core point's cluster.
    for (let i = 0; i < n; i++) if (SKLEARN_DBSCAN[i] === 'n') expect(out[i]).toBe(-1);
    const summary = (await dbscanModel.summarise!(fitted, { X, n, d, y: new Float32Array(0) }, { rng: createRng(0) })) as DbscanSummary;
    expect(summary.silhouette).not.toBeNull();
  });
});

describe('k-d tree', () => {
  it('answers radius and nearest-neighbour queries as brute force does', () => {
    const rng = createRng(3);
    const m = 500;
    const P = Float32Array.from({ length: m * 3 }, () => Math.round(rng.normal() * 4) / 4); // many ties
    const tree = buildKdTree(P, m, 3);
    for (let q = 0; q < 50; q++) {
      const qo = q * 3;
      const dists = Array.from({ length: m }, (_, i) => Math.hypot(P[i * 3] - P[qo], P[i * 3 + 1] - P[qo + 1], P[i * 3 + 2] - P[qo + 2]));
      const found: number[] = [];
      withinRadius(tree, P, qo, 0.8, (r) => found.push(r));
      expect(found.sort((a, b) => a - b)).toEqual(dists.flatMap((v, i) => (v <= 0.8 + 1e-6 ? [i] : [])));
      expect(kthNeighbourDistance(tree, P, qo, 6)).toBeCloseTo([...dists].sort((a, b) => a - b)[5], 5);
      const nearest = nearestWithinRadius(tree, P, qo, 10);
      expect(dists[nearest]).toBe(Math.min(...dists));
    }
  });
});

function bincount(labels: Int32Array): number[] {
  const out: number[] = [];
  for (const l of labels) out[l] = (out[l] ?? 0) + 1;
  return Array.from(out, (v) => v ?? 0);
}
