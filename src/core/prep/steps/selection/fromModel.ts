import { resolveParams } from '../../../params';
import { createRng } from '../../../util/rng';
import { forestInfo } from '../../../models/trees/info';
import { binFeatures } from '../../../models/trees/binning';
import { growForestChunk } from '../../../models/trees/forestChunk';
import { featuresPerSplit } from '../../../models/trees/learners';
import { coefficientWeights, lasso, logisticL1, rowMajor } from './linearFits';

/**
 * Importances for `SelectFromModel`: an L1 model's coefficients (lasso for values, L1 logistic
 * regression for classes; the norm over classes), or a random forest's impurity decrease, and
 * the threshold rule that turns them into a selection.
 */

/** The target as the selectors take it: class indices with their count, or values (classes 0). */
export interface SelectionTarget {
  readonly y: ArrayLike<number>;
  readonly classes: number;
}

/**
 * |coefficients| of an L1 model: `LogisticRegression(penalty="l1", C)` for classes, and for values
 * `Lasso(alpha × std(y))`, so that `alpha` means the same whatever the target's units.
 */
export function l1Importances(cols: readonly ArrayLike<number>[], target: SelectionTarget, strength: { C: number; alpha: number }): number[] {
  const n = target.y.length;
  const d = cols.length;
  const X = rowMajor(cols, n);
  if (target.classes > 0) return coefficientWeights(logisticL1(X, target.y, n, d, target.classes, strength.C), d, 1);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += target.y[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (target.y[i] - mean) ** 2;
  return coefficientWeights(lasso(X, target.y, n, d, strength.alpha * Math.sqrt(ss / n)), d, 1);
}

/**
 * A random forest's importances (Sapling's own forest, its default settings and `trees` trees, the
 * trees grown from `seed`): each column's share of the impurity decrease, as `feature_importances_`.
 */
export function forestImportances(cols: readonly ArrayLike<number>[], target: SelectionTarget, trees: number, seed: number): number[] {
  const n = target.y.length;
  const d = cols.length;
  const X = new Float32Array(n * d);
  cols.forEach((col, j) => {
    for (let i = 0; i < n; i++) X[i * d + j] = col[i];
  });
  const params = resolveParams(forestInfo.schema, { trees });
  const modelTarget = { task: target.classes === 0 ? 'regression' : target.classes === 2 ? 'binary' : 'multiclass', classes: Array.from({ length: target.classes }, (_, c) => String(c)) } as const;
  const options = { maxDepth: params.maxDepth, minSamplesSplit: params.minSamplesSplit, minSamplesLeaf: params.minSamplesLeaf, maxFeatures: featuresPerSplit(params.maxFeatures, d, modelTarget), criterion: params.criterion, bootstrap: params.bootstrap };
  const rng = createRng(seed);
  const seeds = Array.from({ length: trees }, () => rng.uint32());
  const { gains } = growForestChunk({ data: binFeatures(X, n, d), X, y: Float32Array.from(target.y), target: modelTarget, options, seeds });
  const total = gains.reduce((a, b) => a + b, 0);
  return Array.from(gains, (g) => (total > 0 ? g / total : 0));
}

/**
 * `SelectFromModel`'s rule: columns whose importance is at least the threshold (the mean or the
 * median of the importances, or a number), and with `maxFeatures` > 0 only the that many most
 * important (of equal importances the earlier column, as its stable sort of −importance).
 */
export function thresholdSelection(importances: readonly number[], threshold: 'mean' | 'median' | number, maxFeatures = 0): { kept: number[]; threshold: number } {
  const d = importances.length;
  const sorted = [...importances].sort((a, b) => a - b);
  const cut = threshold === 'mean' ? importances.reduce((a, b) => a + b, 0) / d : threshold === 'median' ? (d % 2 ? sorted[(d - 1) / 2] : (sorted[d / 2 - 1] + sorted[d / 2]) / 2) : threshold;
  const allowed = new Set<number>();
  if (maxFeatures > 0) {
    const order = importances.map((_, j) => j).sort((a, b) => importances[b] - importances[a] || a - b);
    for (const j of order.slice(0, maxFeatures)) allowed.add(j);
  }
  const kept = importances.flatMap((v, j) => (v >= cut && (maxFeatures === 0 || allowed.has(j)) ? [j] : []));
  return { kept, threshold: cut };
}
