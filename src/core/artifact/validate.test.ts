import { describe, expect, it } from 'vitest';
import { MODEL_REGISTRY } from '../models/registry';
import { defaultRecipe } from '../prep/recipe';
import { STEP_REGISTRY } from '../prep/registry';
import { profileTable } from '../profile/profile';
import { resolveProblem } from '../problem';
import { dropColumns } from '../table/DataTable';
import { sample } from '../testing/tables';
import type { TrainConfig, UnsupervisedConfig } from '../train/config';
import { runTraining } from '../train/runTraining';
import { runUnsupervised } from '../train/runUnsupervised';
import { isSaplingError } from '../util/errors';
import { parseAnyModelFile } from './load';
import { loadModel, predictTable } from './predict';

/**
 * Hostile model files (issue 11, fault 1): each crafted from a real file trained here, each refused
 * by `parseAnyModelFile` with one line naming the place, before anything is walked or allocated.
 * Before these checks the self-looping tree hung `predict`, the short `values` predicted NaN, the
 * missing `trees` threw a TypeError, `classes: []` an "Invalid typed array length", `nFeatures: 1e9`
 * a WebAssembly memory error, and the 6000×6000 layer allocated 144 MB before failing.
 */

const penguins = await sample('penguins.csv');

/** The JSON of a model file trained on penguins with `model` (small settings: these tests read files, not models). */
async function trained(target: string, model: string, params: Record<string, unknown> = {}): Promise<string> {
  const config: TrainConfig = { problem: resolveProblem(penguins, target), recipe: defaultRecipe(profileTable(penguins), target), model: { id: model, params }, seed: 42 };
  return JSON.stringify((await runTraining(penguins, config)).file);
}

/** The JSON of a clustering or projection file trained on penguins without species. */
async function unsupervised(model: string, params: Record<string, unknown>, task: UnsupervisedConfig['task']): Promise<string> {
  const table = dropColumns(penguins, ['species']);
  return JSON.stringify((await runUnsupervised(table, { task, recipe: defaultRecipe(profileTable(table), null), model: { id: model, params }, seed: 42 })).file);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- crafted files are edited freely
type Json = any;

/** `text` parsed, edited by `edit`, and written back. */
function crafted(text: string, edit: (file: Json) => void): string {
  const file = JSON.parse(text);
  edit(file);
  return JSON.stringify(file);
}

/** Parses `text` and returns the SaplingError's one-line message (failing the test on anything else). */
function refusal(text: string): string {
  try {
    parseAnyModelFile(text);
  } catch (e) {
    expect(isSaplingError(e), String(e)).toBe(true);
    expect((e as Error).message).not.toContain('\n');
    return (e as Error).message;
  }
  throw new Error('the file was accepted');
}

/** The first split node of a tree that is not the root, and one of its children. */
function innerSplit(tree: Json): number {
  return (tree.feature as number[]).findIndex((f, i) => i > 0 && f >= 0);
}

const tree = await trained('species', 'tree', { maxDepth: 4 });
const forest = await trained('species', 'forest', { trees: 5, maxDepth: 4 });
const gbdt = await trained('sex', 'gbdt', { rounds: 10 });
const mlp = await trained('species', 'mlp', { epochs: 2, units: 8 });

describe('model files with trees', () => {
  it('refuses a child that points back to its own node, quickly and by name', () => {
    const s = innerSplit(JSON.parse(tree).model.state.trees[0]);
    const t0 = performance.now();
    expect(refusal(crafted(tree, (f) => (f.model.state.trees[0].left[s] = s)))).toBe(`model.state.trees[0].left[${s}]: points back to node ${s}`);
    expect(performance.now() - t0).toBeLessThan(500);
    // A child pointing at its parent (a cycle of two) and at the root are refused the same way.
    expect(refusal(crafted(tree, (f) => (f.model.state.trees[0].right[s] = 0)))).toBe(`model.state.trees[0].right[${s}]: points back to node 0`);
  });

  it('refuses a child index out of range, in a forest tree', () => {
    const nodes = JSON.parse(forest).model.state.trees[3].feature.length;
    expect(refusal(crafted(forest, (f) => (f.model.state.trees[3].left[0] = 100_000)))).toBe(`model.state.trees[3].left[0]: 100000 is out of range [-1, ${nodes - 1}]`);
    expect(refusal(crafted(forest, (f) => (f.model.state.trees[3].left[0] = 1.5)))).toBe('model.state.trees[3].left[0]: expected a whole number, got 1.5');
  });

  it('refuses a split whose child is a leaf marker, a node reached twice, a node never reached', () => {
    expect(refusal(crafted(tree, (f) => (f.model.state.trees[0].left[0] = -1)))).toBe('model.state.trees[0].left[0]: node 0 splits but has no left child');
    const t = JSON.parse(tree).model.state.trees[0];
    const s = innerSplit(t);
    // Both children of the root lead to the same subtree: node reached twice.
    expect(refusal(crafted(tree, (f) => (f.model.state.trees[0].right[0] = t.left[0])))).toBe(`model.state.trees[0].right[0]: points back to node ${t.left[0]}`);
    // Turning an inner split into a leaf strands its children.
    expect(refusal(crafted(tree, (f) => (f.model.state.trees[0].feature[s] = -1)))).toMatch(/^model\.state\.trees\[0\]\.feature: node \d+ is never reached from the root$/);
  });

  it('refuses leaf values shorter than nodes × outputs (they predicted NaN)', () => {
    const t = JSON.parse(tree).model.state.trees[0];
    expect(refusal(crafted(tree, (f) => f.model.state.trees[0].values.pop()))).toBe(
      `model.state.trees[0].values: has ${t.values.length - 1} items where ${t.values.length} are expected`,
    );
    expect(refusal(crafted(tree, (f) => (f.model.state.trees[0].values[0] = null)))).toBe('model.state.trees[0].values[0]: expected a finite number, got null');
  });

  it('refuses a missing trees key, a split feature beyond nFeatures, and boosting rounds that do not add up', () => {
    expect(refusal(crafted(tree, (f) => delete f.model.state.trees))).toBe('model.state.trees: expected an array, got nothing');
    const d = JSON.parse(tree).model.nFeatures;
    expect(refusal(crafted(tree, (f) => (f.model.state.trees[0].feature[0] = d)))).toBe(`model.state.trees[0].feature[0]: ${d} is out of range [-1, ${d - 1}]`);
    expect(refusal(crafted(gbdt, (f) => (f.model.state.link = 'softmax')))).toBe('model.state.link: a binary model with 2 classes boosts through "sigmoid", not "softmax"');
    expect(refusal(crafted(gbdt, (f) => (f.model.state.trees[2].outputs = 3)))).toBe('model.state.trees[2].outputs: 3 is out of range [1, 1]');
  });

  it('walks a 200,000-node chain in linear time without recursion', () => {
    const n = 200_001;
    const file = crafted(gbdt, (f) => {
      const chain = { feature: [] as number[], threshold: [] as number[], missingLeft: [] as number[], left: [] as number[], right: [] as number[], values: [] as number[], outputs: 1 };
      // Node 2i splits into leaf 2i + 1 and the next split 2i + 2; the last node is a leaf.
      for (let i = 0; i < n; i++) {
        const split = i % 2 === 0 && i + 2 < n;
        chain.feature.push(split ? 0 : -1);
        chain.threshold.push(0);
        chain.missingLeft.push(0);
        chain.left.push(split ? i + 1 : -1);
        chain.right.push(split ? i + 2 : -1);
        chain.values.push(0);
      }
      f.model.state.trees = [chain];
    });
    const t0 = performance.now();
    expect(parseAnyModelFile(file).model.model).toBe('gbdt');
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('model files: the model header', () => {
  it('refuses classes: [] for a classifier, and classes that differ from the problem', () => {
    expect(refusal(crafted(tree, (f) => (f.model.classes = f.problem.classes = [])))).toBe('model.classes: a classifier needs at least 2 classes, got 0');
    expect(refusal(crafted(tree, (f) => (f.model.classes = ['a', 'b', 'c'])))).toBe("model.classes: differ from the problem's classes");
    expect(refusal(crafted(tree, (f) => (f.model.classes = f.problem.classes = ['a', 'a', 'b'])))).toBe('model.classes: name a class twice');
  });

  it('refuses nFeatures: 1e9 (it allocated WebAssembly memory) or any count other than the pipeline features', () => {
    const d = JSON.parse(tree).pipeline.features.length;
    expect(refusal(crafted(tree, (f) => (f.model.nFeatures = 1e9)))).toBe(`model.nFeatures: 1000000000 is out of range [${d}, ${d}]`);
    expect(refusal(crafted(tree, (f) => f.pipeline.features.pop()))).toBe(`model.nFeatures: ${d} is out of range [${d - 1}, ${d - 1}]`);
  });

  it('refuses parameters outside their schema, and a task the family cannot do', () => {
    expect(refusal(crafted(tree, (f) => (f.model.params.maxDepth = -3)))).toBe('model.params: maxDepth must be at least 0, got -3');
    expect(refusal(crafted(tree, (f) => (f.model.task = 'regression')))).toBe('model.task: is "regression" where the file\'s problem is "multiclass"');
    expect(refusal(crafted(tree, (f) => (f.model.model = 'boosted\nwishes')))).toMatch(/^model\.model: "boosted\\nwishes" is not one of logistic, /);
    expect(refusal(crafted(tree, (f) => (f.pipeline.steps[0].step = 'shred')))).toMatch(/^pipeline\.steps\[0\]\.step: "shred" is not one of /);
  });
});

describe('model files: the report the studio shows on import', () => {
  it('refuses metrics that are not numbers, and a summary of another kind', async () => {
    expect(refusal(crafted(tree, (f) => (f.report.metrics = {})))).toBe('report.metrics.test: expected an object, got nothing');
    expect(refusal(crafted(tree, (f) => (f.report.metrics.test.accuracy = 'high')))).toBe('report.metrics.test["accuracy"]: expected a finite number, got "high"');
    const kmeans = await unsupervised('kmeans', { k: 3, elbowMaxK: 3 }, 'clustering');
    expect(refusal(crafted(kmeans, (f) => (f.report.summary.kind = 'pca')))).toBe('report.summary.kind: "pca" is not one of kmeans');
  });

  it('reads a report with its baseline, or without one (files written before it), and refuses a crafted one', () => {
    expect(JSON.parse(tree).report.baseline).toMatchObject({ predicts: 'Adelie', metrics: { roc_auc: 0.5 } });
    expect(() => parseAnyModelFile(tree)).not.toThrow();
    expect(() => parseAnyModelFile(crafted(tree, (f) => delete f.report.baseline))).not.toThrow();
    expect(refusal(crafted(tree, (f) => (f.report.baseline.metrics.accuracy = 'half')))).toBe('report.baseline.metrics["accuracy"]: expected a finite number, got "half"');
    expect(refusal(crafted(tree, (f) => (f.report.baseline.predicts = {})))).toBe('report.baseline.predicts: expected a class name or a finite number');
  });
});

describe('every family and step has a state check', () => {
  it('in the registries (a family without one is refused by name)', () => {
    for (const model of MODEL_REGISTRY) expect(typeof model.checkState, model.id).toBe('function');
    for (const step of STEP_REGISTRY) expect(typeof step.checkState, step.id).toBe('function');
  });
});

describe('model files: pipeline steps', () => {
  it("checks each step's state by the step's own rules", () => {
    const steps = JSON.parse(tree).pipeline.steps as Json[];
    const scale = steps.findIndex((s) => s.step === 'scale');
    const oneHot = steps.findIndex((s) => s.step === 'one-hot');
    const impute = steps.findIndex((s) => s.step === 'impute');
    expect(refusal(crafted(tree, (f) => (f.pipeline.steps[scale].state.columns.bill_length_mm.scale = 0)))).toBe(
      `pipeline.steps[${scale}].state.columns["bill_length_mm"].scale: must not be 0`,
    );
    expect(refusal(crafted(tree, (f) => (f.pipeline.steps[oneHot].state.columns.island.categories = [1, 2])))).toBe(
      `pipeline.steps[${oneHot}].state.columns["island"].categories[0]: expected a string, got 1`,
    );
    expect(refusal(crafted(tree, (f) => (f.pipeline.steps[impute].state.fills.bill_length_mm = null)))).toBe(
      `pipeline.steps[${impute}].state.fills["bill_length_mm"]: expected a finite number, got null`,
    );
    expect(refusal(crafted(tree, (f) => delete f.pipeline.steps[0].state))).toBe('pipeline.steps[0].state: expected an object, got nothing');
    // Found by the fuzz bench: a repeated category made two indicator columns of one name, and
    // transform failed with "internal error: duplicate column name".
    expect(refusal(crafted(tree, (f) => f.pipeline.steps[oneHot].state.columns.island.categories.push('Biscoe')))).toMatch(
      new RegExp(`^pipeline\\.steps\\[${oneHot}\\]\\.state\\.columns\\["island"\\]\\.categories\\[\\d\\]: repeats "Biscoe" \\(also at \\[\\d\\]\\)$`),
    );
  });
});

describe('model files with TF.js networks', () => {
  it('refuses a 6000×6000 layer without its weights before allocating anything', () => {
    const file = crafted(mlp, (f) => {
      const layers = f.model.state.network.topology.config.layers;
      layers[0].config.units = 6000;
      layers[0].config.batch_input_shape = [null, f.model.nFeatures];
      f.model.state.network.weights = '';
    });
    const before = process.memoryUsage();
    const t0 = performance.now();
    expect(refusal(file)).toBe(`model.state.network.topology.config.layers[0].config.units: 6000 units need more weights than the file holds (0 float32 values)`);
    expect(performance.now() - t0).toBeLessThan(100);
    const after = process.memoryUsage();
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(16 * 2 ** 20);
  });

  it('refuses weights shorter than the manifest, specs that disagree with the topology, and a wrong output layer', () => {
    const network = JSON.parse(mlp).model.state.network;
    const bytes = Math.floor((network.weights.replace(/=+$/, '').length * 3) / 4);
    expect(refusal(crafted(mlp, (f) => (f.model.state.network.weights = f.model.state.network.weights.slice(0, -8))))).toMatch(
      /^model\.state\.network\.topology\.config\.layers\[\d\]\.config\.units: 3 units need more weights than the file holds \(\d+ float32 values\)$/,
    );
    expect(refusal(crafted(mlp, (f) => (f.model.state.network.weights = 'AAAAAAAA' + f.model.state.network.weights)))).toBe(
      `model.state.network.weights: holds ${bytes + 6} bytes where the layers need ${bytes}`,
    );
    expect(refusal(crafted(mlp, (f) => (f.model.state.network.weightSpecs[0].shape = [2, 8])))).toMatch(/^model\.state\.network\.weightSpecs\[0\]\.shape: is \[2, 8\] where the topology says \[\d+, 8\]$/);
    expect(refusal(crafted(mlp, (f) => (f.model.state.network.output = 'sigmoid')))).toBe('model.state.network.output: a multiclass model with 3 classes outputs through "softmax", not "sigmoid"');
    expect(refusal(crafted(mlp, (f) => (f.model.state.network.weights = 'not base64!')))).toBe('model.state.network.weights: is not base64 text');
    // Found by the fuzz bench: TF.js threw its own error when a layer asked for another dtype.
    expect(refusal(crafted(mlp, (f) => (f.model.state.network.topology.config.layers[0].config.dtype = 'float3c')))).toBe(
      'model.state.network.topology.config.layers[0].config.dtype: "float3c" is not one of float32',
    );
    expect(bytes).toBeGreaterThan(0);
  });
});

describe('model files of the other families', () => {
  it('k-NN: stored rows must agree with the base64 that carries them', async () => {
    const knn = await trained('species', 'knn', { k: 3 });
    const { rows } = JSON.parse(knn).model.state;
    expect(refusal(crafted(knn, (f) => (f.model.state.rows = 1e9)))).toMatch(/^model\.state\.X: holds \d+ float32 values where \d+ are expected$/);
    expect(refusal(crafted(knn, (f) => (f.model.params.k = 0)))).toBe('model.params: k must be at least 1, got 0');
    expect(rows).toBeGreaterThan(0);
  });

  it('naive Bayes, SVM: tables sized classes × features', async () => {
    const nb = await trained('species', 'naive-bayes');
    expect(refusal(crafted(nb, (f) => f.model.state.mean.pop()))).toMatch(/^model\.state\.mean: has \d+ items where \d+ are expected$/);
    expect(refusal(crafted(nb, (f) => (f.model.state.counts = [0, 0, 0])))).toBe('model.state.counts: no class has a training row');
    const svm = await trained('species', 'svm');
    expect(refusal(crafted(svm, (f) => f.model.state.platt.pop()))).toBe('model.state.platt: has 2 items where 3 are expected');
  });

  it('ensemble: members are checked through their own families', async () => {
    const ensemble = await trained('species', 'ensemble', { logistic: false, linear: false, gbdt: false, forest: false, tree: true, knn: true });
    const members = JSON.parse(ensemble).model.state.members as Json[];
    const t = members.findIndex((m) => m.model === 'tree');
    expect(refusal(crafted(ensemble, (f) => (f.model.state.members[t].state.trees[0].left[0] = 0)))).toBe(`model.state.members[${t}].state.trees[0].left[0]: points back to node 0`);
    expect(refusal(crafted(ensemble, (f) => (f.model.state.members[t].model = 'ensemble')))).toMatch(new RegExp(`^model\\.state\\.members\\[${t}\\]\\.model: "ensemble" is not one of `));
    expect(refusal(crafted(ensemble, (f) => (f.model.state.members = [])))).toBe('model.state.members: the ensemble holds no members');
  });

  it('k-means, DBSCAN, PCA: counts agree with the values that carry them', async () => {
    const kmeans = await unsupervised('kmeans', { k: 3, elbowMaxK: 3 }, 'clustering');
    expect(refusal(crafted(kmeans, (f) => (f.model.state.k = 1e9)))).toMatch(/^model\.state\.k: 1000000000 is out of range \[1, \d+\]$/);
    const dbscan = await unsupervised('dbscan', { minSamples: 5 }, 'clustering');
    expect(refusal(crafted(dbscan, (f) => f.model.state.coreLabels.push(0)))).toMatch(/^model\.state\.core: holds \d+ float32 values where \d+ are expected$/);
    const pca = await unsupervised('pca', { components: 2 }, 'projection');
    expect(refusal(crafted(pca, (f) => (f.model.state.nComponents = 1e6)))).toMatch(/^model\.state\.nComponents: 1000000 is out of range \[1, \d+\]$/);
  });
});

describe('predicting', () => {
  it('refuses a non-finite prediction, naming the row and column, instead of writing NaN', async () => {
    const regression = await trained('body_mass_g', 'tree', { maxDepth: 2 });
    // Leaf values past float32's range pass the checks (finite numbers) but predict Infinity.
    const file = parseAnyModelFile(crafted(regression, (f) => (f.model.state.trees[0].values = f.model.state.trees[0].values.map(() => 1e300))));
    const model = await loadModel(file);
    expect(() => predictTable(model, penguins)).toThrow('row 1: the model predicted Infinity for "prediction"; its file holds values that do not make a prediction');
    model.dispose();
  });
});
