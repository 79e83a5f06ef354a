import { describe, expect, it } from 'vitest';
import { loadModel, predictTable } from '../artifact/predict';
import { defaultRecipe, toMatrix, transformPipeline } from '../prep/recipe';
import { profileTable } from '../profile/profile';
import { resolveProblem } from '../problem';
import { type DataTable, selectRows } from '../table/DataTable';
import { csv, sample } from '../testing/tables';
import { runTraining } from '../train/runTraining';
import { createRng } from '../util/rng';
import { CancelledError } from '../util/errors';
import { explainRows } from './contributions';
import type { StepSpec } from '../prep/recipe';

async function train(data: DataTable, target: string, id: string, params: Record<string, unknown> = {}, steps?: StepSpec[]) {
  const recipe = defaultRecipe(profileTable(data), target);
  const { file } = await runTraining(data, { problem: resolveProblem(data, target), recipe: steps ? { ...recipe, steps } : recipe, model: { id, params }, seed: 2 });
  return loadModel(file);
}

/** baseline + Σ contributions = output, per row and output. */
function expectAddsUp(rows: readonly { baseline: readonly number[]; output: readonly number[]; contributions: readonly (readonly number[])[] }[], tolerance: number) {
  for (const r of rows) {
    r.output.forEach((out, k) => {
      const sum = r.contributions.reduce((a, c) => a + c[k], r.baseline[k]);
      expect(Math.abs(sum - out)).toBeLessThan(tolerance);
    });
  }
}

describe('explainRows', () => {
  it('explains a binary boosting model exactly in log-odds, one-hot columns summed', async () => {
    const data = await sample('penguins.csv');
    const model = await train(data, 'sex', 'gbdt', { rounds: 30 });
    const rows = selectRows(data, [0, 5, 100, 250]);
    const result = explainRows(model, rows, data, { rng: createRng(1) });
    expect(result.method).toBe('tree-shap');
    expect(result.scale).toBe('log-odds');
    expect(result.outputs).toEqual(['female', 'male']);
    expect(result.columns).toContain('island');
    expect(result.columns).not.toContain('island=Biscoe');
    expectAddsUp(result.rows, 1e-9);
    const predictions = predictTable(model, rows);
    result.rows.forEach((r, i) => {
      // The two classes' log-odds mirror each other; the second's through a sigmoid is its probability.
      expect(r.output[0]).toBeCloseTo(-r.output[1], 12);
      expect(1 / (1 + Math.exp(-r.output[1]))).toBeCloseTo(predictions.proba![i * 2 + 1], 5);
      expect(r.prediction).toBe(predictions.labels![i]);
      expect(result.outputs[r.predictedIndex!]).toBe(r.prediction);
    });
    model.dispose();
  });

  it('explains a forest in probabilities, and a regression tree in its value', async () => {
    const data = await sample('penguins.csv');
    const forest = await train(data, 'species', 'forest', { trees: 10 });
    const rows = selectRows(data, [3, 200, 300]);
    const f = explainRows(forest, rows, data, { rng: createRng(1) });
    expect(f.scale).toBe('probability');
    expectAddsUp(f.rows, 1e-9);
    f.rows.forEach((r) => r.output.forEach((o, k) => expect(o).toBeCloseTo(r.probabilities![k], 5)));
    forest.dispose();
    const tree = await train(data, 'body_mass_g', 'tree', { maxDepth: 4 });
    const t = explainRows(tree, rows, data, { rng: createRng(1) });
    expect([t.method, t.scale]).toEqual(['tree-shap', 'value']);
    expectAddsUp(t.rows, 1e-6);
    t.rows.forEach((r) => expect(r.output[0]).toBeCloseTo(r.prediction as number, 1));
    tree.dispose();
  });

  it('samples Shapley values that add up exactly: Σφ + baseline = output', async () => {
    const data = await sample('iris.csv');
    const model = await train(data, 'species', 'knn');
    const result = explainRows(model, selectRows(data, [0, 60, 120]), data, { rng: createRng(4), samples: 16, backgroundRows: 8 });
    expect(result.method).toBe('sampling');
    expect(result.scale).toBe('probability');
    expect(result.backgroundRows).toBe(8);
    expectAddsUp(result.rows, 1e-9);
    result.rows.forEach((r) => r.output.forEach((o, k) => expect(o).toBe(r.probabilities![k])));
    // Seeded: the same rng gives the same values.
    expect(explainRows(model, selectRows(data, [0, 60, 120]), data, { rng: createRng(4), samples: 16, backgroundRows: 8 })).toEqual(result);
    model.dispose();
  });

  it('takes the baseline as the plain mean over the background rows, pairs rounded up to whole rounds over them', async () => {
    const data = await sample('penguins.csv');
    const model = await train(data, 'body_mass_g', 'knn');
    // 10 background rows and 25 pairs asked: 30 pairs, each row serving 3 times.
    const background = selectRows(data, Array.from({ length: 10 }, (_, i) => 3 + i * 31));
    const result = explainRows(model, selectRows(data, [5]), background, { rng: createRng(6), samples: 25, backgroundRows: 10 });
    expect([result.samples, result.backgroundRows]).toEqual([30, 10]);
    const predicted = predictTable(model, background).values!;
    const mean = predicted.reduce((a, v) => a + v, 0) / predicted.length;
    expect(result.rows[0].baseline[0]).toBeCloseTo(mean, 6);
    model.dispose();
  });

  it('gives φ_j = w_j (x_j − mean of the background) for a linear model', async () => {
    const rng = createRng(3);
    const lines = Array.from({ length: 200 }, () => {
      const [a, b, c] = [rng.normal(), rng.normal() * 3, rng.normal() + 5];
      return `${a.toFixed(4)},${b.toFixed(4)},${c.toFixed(4)},${(2 * a - 3 * b + 0.5 * c + 1).toFixed(6)}`;
    });
    const data = await csv('a,b,c,y\n' + lines.join('\n'));
    const model = await train(data, 'y', 'linear');
    const background = selectRows(data, Array.from({ length: 16 }, (_, i) => i * 7));
    const rows = selectRows(data, [1, 2, 3]);
    const result = explainRows(model, rows, background, { rng: createRng(9), samples: 32, backgroundRows: 16 });
    expect(result.method).toBe('sampling');
    const mean = (name: string) => {
      const col = background.columns.find((c) => c.name === name)! as { values: Float64Array };
      return col.values.reduce((s, v) => s + v, 0) / col.values.length;
    };
    const w = { a: 2, b: -3, c: 0.5 };
    result.rows.forEach((r, i) => {
      result.columns.forEach((name, j) => {
        const x = (rows.columns.find((c) => c.name === name)! as { values: Float64Array }).values[i];
        expect(r.contributions[j][0]).toBeCloseTo(w[name as 'a'] * (x - mean(name)), 3);
      });
    });
    expectAddsUp(result.rows, 1e-9);
    model.dispose();
  });

  it('converges to the exact Shapley values of a non-linear model over the same background', async () => {
    const data = await sample('iris.csv');
    const model = await train(data, 'species', 'logistic');
    const background = selectRows(data, [5, 55, 105, 30]);
    const row = selectRows(data, [70]);
    const result = explainRows(model, row, background, { rng: createRng(2), samples: 400, backgroundRows: 4 });
    // Exact interventional Shapley values over every subset of the 4 columns.
    const { file } = model;
    const features = file.pipeline.features;
    const d = features.length;
    const X = toMatrix(transformPipeline(file.pipeline, row), features);
    const Z = toMatrix(transformPipeline(file.pipeline, background), features);
    const value = (mask: number) => {
      const mixed = new Float32Array(4 * d);
      for (let b = 0; b < 4; b++) for (let j = 0; j < d; j++) mixed[b * d + j] = (mask >> j) & 1 ? X[j] : Z[b * d + j];
      const out = model.predictor.outputs(mixed, 4);
      return [0, 1, 2].map((k) => (out[k] + out[3 + k] + out[6 + k] + out[9 + k]) / 4);
    };
    const fact = [1, 1, 2, 6, 24];
    for (let j = 0; j < d; j++) {
      const exact = [0, 0, 0];
      for (let mask = 0; mask < 16; mask++) {
        if ((mask >> j) & 1) continue;
        const size = [0, 1, 2, 3].filter((i) => (mask >> i) & 1).length;
        const weight = (fact[size] * fact[d - size - 1]) / fact[d];
        const a = value(mask | (1 << j));
        const b = value(mask);
        for (let k = 0; k < 3; k++) exact[k] += weight * (a[k] - b[k]);
      }
      for (let k = 0; k < 3; k++) expect(Math.abs(result.rows[0].contributions[j][k] - exact[k])).toBeLessThan(0.01);
    }
    model.dispose();
  });

  it('mixes raw columns when a step combines them (PCA), and can be cancelled', async () => {
    const data = await sample('iris.csv');
    const steps = [{ step: 'scale' }, { step: 'pca', params: { components: 2 } }];
    const model = await train(data, 'species', 'forest', { trees: 5 }, steps);
    // Each component comes from all four measurements: its own group, with the four as its lineage.
    expect(model.file.pipeline.features.map((f) => f.source)).toEqual(['pc1', 'pc2']);
    expect(model.file.pipeline.features[0].sources).toEqual(['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)']);
    const result = explainRows(model, selectRows(data, [10, 80]), data, { rng: createRng(1), samples: 8 });
    expect(result.method).toBe('sampling');
    expect(result.columns).toHaveLength(4);
    expectAddsUp(result.rows, 1e-9);
    let progress = 0;
    expect(() => explainRows(model, selectRows(data, [1, 2, 3]), data, { rng: createRng(1), samples: 4, onProgress: (done) => (progress = done), shouldStop: () => progress >= 1 })).toThrow(CancelledError);
    expect(progress).toBe(1);
    model.dispose();
  });
});
