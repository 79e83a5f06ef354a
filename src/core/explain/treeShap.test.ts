import { describe, expect, it } from 'vitest';
import { loadModel } from '../artifact/predict';
import type { BoostingState } from '../models/trees/gbdt.model';
import type { TreeEnsembleState } from '../models/trees/learners';
import type { Tree } from '../models/trees/tree';
import { defaultRecipe, toMatrix, transformPipeline } from '../prep/recipe';
import { profileTable } from '../profile/profile';
import { resolveProblem } from '../problem';
import type { DataTable } from '../table/DataTable';
import { sample } from '../testing/tables';
import { runTraining } from '../train/runTraining';
import { type Rng, createRng } from '../util/rng';
import { boostingShap, ensembleShap, treeExpectedValue, treeShap } from './treeShap';

/** A random tree on d features (features repeat along paths), `outputs` values per node. */
/** A random tree; with `emptyLeaves`, that share of the deeper leaves reached no training row (cover 0), one child of a split at most. */
function randomTree(rng: Rng, d: number, depth: number, outputs: number, emptyLeaves = 0): Tree {
  const tree: Tree = { feature: [], threshold: [], missingLeft: [], left: [], right: [], values: [], outputs, samples: [] };
  const grow = (level: number): number => {
    const node = tree.feature.length;
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.missingLeft.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.samples.push(0);
    for (let k = 0; k < outputs; k++) tree.values.push(rng.normal());
    if (level < depth && (level < 2 || rng.next() < 0.75)) {
      tree.feature[node] = rng.int(d);
      tree.threshold[node] = rng.normal() * 0.5;
      tree.missingLeft[node] = rng.int(2);
      const left = grow(level + 1);
      const right = grow(level + 1);
      tree.left[node] = left;
      tree.right[node] = right;
      // Both children empty would leave the split without rows: the right one (then a leaf) gets some.
      if (tree.samples[left] + tree.samples[right] === 0) tree.samples[right] = 1 + rng.int(20);
      tree.samples[node] = tree.samples[left] + tree.samples[right];
    } else {
      tree.samples[node] = level >= 2 && rng.next() < emptyLeaves ? 0 : 1 + rng.int(20);
    }
    return node;
  };
  grow(0);
  return tree;
}

/** E[f(x) | x_S] along the tree's cover: a split on a feature outside S follows both children. */
function conditional(tree: Tree, x: number[], inS: boolean[], node = 0): number[] {
  const K = tree.outputs;
  if (tree.feature[node] < 0) return tree.values.slice(node * K, node * K + K);
  const f = tree.feature[node];
  const l = tree.left[node];
  const r = tree.right[node];
  if (inS[f]) {
    const v = x[f];
    const left = Number.isNaN(v) ? tree.missingLeft[node] === 1 : v <= tree.threshold[node];
    return conditional(tree, x, inS, left ? l : r);
  }
  const share = tree.samples[l] / (tree.samples[l] + tree.samples[r]);
  const a = conditional(tree, x, inS, l);
  const b = conditional(tree, x, inS, r);
  return a.map((v, k) => share * v + (1 - share) * b[k]);
}

/** Shapley values by enumerating every subset of the d features. */
function bruteForce(tree: Tree, x: number[], d: number): number[][] {
  const K = tree.outputs;
  const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
  const phi = Array.from({ length: d }, () => new Array<number>(K).fill(0));
  for (let mask = 0; mask < 1 << d; mask++) {
    const inS = Array.from({ length: d }, (_, j) => ((mask >> j) & 1) === 1);
    const size = inS.filter(Boolean).length;
    const without = conditional(tree, x, inS);
    for (let i = 0; i < d; i++) {
      if (inS[i]) continue;
      const weight = (fact(size) * fact(d - size - 1)) / fact(d);
      const withI = conditional(tree, x, inS.map((s, j) => s || j === i));
      for (let k = 0; k < K; k++) phi[i][k] += weight * (withI[k] - without[k]);
    }
  }
  return phi;
}

describe('TreeSHAP on one tree', () => {
  it('equals brute-force Shapley values when some leaves reached no training row', () => {
    const rng = createRng(23);
    let withEmpty = 0;
    for (let trial = 0; trial < 60; trial++) {
      const d = 2 + rng.int(4);
      const tree = randomTree(rng, d, 3 + rng.int(3), 2, 0.4);
      if (tree.samples.includes(0)) withEmpty++;
      const x = Array.from({ length: d }, () => (rng.next() < 0.2 ? NaN : rng.normal() * 0.6));
      const { phi } = treeShap(tree, x, d);
      const exact = bruteForce(tree, x, d);
      for (let j = 0; j < d; j++) for (let k = 0; k < 2; k++) expect(Math.abs(phi[j * 2 + k] - exact[j][k])).toBeLessThan(1e-9);
    }
    expect(withEmpty).toBeGreaterThan(20);
  });

  it('equals brute-force Shapley values on random trees, missing inputs included', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 60; trial++) {
      const d = 2 + rng.int(4);
      const K = 1 + rng.int(3);
      const tree = randomTree(rng, d, 2 + rng.int(4), K);
      const x = Array.from({ length: d }, () => (rng.next() < 0.2 ? NaN : rng.normal() * 0.6));
      const { phi, expected } = treeShap(tree, x, d);
      const exact = bruteForce(tree, x, d);
      for (let j = 0; j < d; j++) for (let k = 0; k < K; k++) expect(Math.abs(phi[j * K + k] - exact[j][k])).toBeLessThan(1e-9);
      // The empty coalition is the expected value; the full one is the row's own leaf.
      const none = conditional(tree, x, new Array(d).fill(false));
      const all = conditional(tree, x, new Array(d).fill(true));
      for (let k = 0; k < K; k++) {
        expect(Math.abs(expected[k] - none[k])).toBeLessThan(1e-12);
        let sum = expected[k];
        for (let j = 0; j < d; j++) sum += phi[j * K + k];
        expect(Math.abs(sum - all[k])).toBeLessThan(1e-9);
      }
    }
  });

  it('gives a lone leaf its value as the expected value and no contributions', () => {
    const leaf: Tree = { feature: [-1], threshold: [0], missingLeft: [0], left: [-1], right: [-1], values: [2, 3], outputs: 2, samples: [5] };
    const { phi, expected } = treeShap(leaf, [1, 2], 2);
    expect(Array.from(expected)).toEqual([2, 3]);
    expect(Array.from(phi)).toEqual([0, 0, 0, 0]);
    expect(Array.from(treeExpectedValue(leaf))).toEqual([2, 3]);
  });
});

/** Trains a model on a sample with the default recipe; its matrix of the same rows. */
async function trained(data: DataTable, target: string, id: string, params: Record<string, unknown> = {}) {
  const { file } = await runTraining(data, { problem: resolveProblem(data, target), recipe: defaultRecipe(profileTable(data), target), model: { id, params }, seed: 3 });
  const model = await loadModel(file);
  const X = toMatrix(transformPipeline(file.pipeline, data), file.pipeline.features);
  return { file, model, X, d: file.pipeline.features.length, n: data.rowCount };
}

describe('TreeSHAP on fitted models: expected value + Σφ = the raw output', () => {
  const link = (raw: Float64Array, kind: string): number[] => {
    if (kind === 'sigmoid') return [1 / (1 + Math.exp(raw[0])), 1 / (1 + Math.exp(-raw[0]))];
    if (kind === 'softmax') {
      const m = Math.max(...raw);
      const e = Array.from(raw, (v) => Math.exp(v - m));
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / s);
    }
    return Array.from(raw);
  };

  const cases: [string, string, string, string][] = [
    ['gbdt binary (log-odds)', 'penguins.csv', 'sex', 'gbdt'],
    ['gbdt multiclass (class scores)', 'iris.csv', 'species', 'gbdt'],
    ['gbdt regression (value)', 'penguins.csv', 'body_mass_g', 'gbdt'],
    ['forest (probabilities)', 'penguins.csv', 'species', 'forest'],
    ['forest regression (value)', 'penguins.csv', 'flipper_length_mm', 'forest'],
    ['tree (probabilities)', 'iris.csv', 'species', 'tree'],
  ];
  for (const [what, name, target, id] of cases) {
    it(what, async () => {
      const data = await sample(name);
      const { file, model, X, d, n } = await trained(data, target, id, id === 'forest' ? { trees: 15 } : id === 'gbdt' ? { rounds: 40 } : {});
      const boosting = id === 'gbdt';
      const shap = boosting ? boostingShap(file.model.state as BoostingState, d) : ensembleShap(file.model.state as TreeEnsembleState, d);
      const K = shap.outputs;
      const outputs = model.predictor.outputs(X, n);
      const per = outputs.length / n;
      for (let i = 0; i < n; i += 7) {
        const { phi, raw } = shap.explain(X.subarray(i * d, (i + 1) * d));
        for (let k = 0; k < K; k++) {
          let sum = shap.expected[k];
          for (let j = 0; j < d; j++) sum += phi[j * K + k];
          expect(Math.abs(sum - raw[k])).toBeLessThan(1e-9 * Math.max(1, Math.abs(raw[k])));
        }
        // The raw output is what the model predicts, through its link.
        const predicted = boosting ? link(raw, (file.model.state as BoostingState).link) : Array.from(raw);
        for (let k = 0; k < per; k++) expect(predicted[k]).toBeCloseTo(outputs[i * per + k], 3);
      }
      model.dispose();
    });
  }
});
