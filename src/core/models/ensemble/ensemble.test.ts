import { describe, expect, it } from 'vitest';
import { parseModelFile } from '../../artifact/load';
import { loadModel, predictTable } from '../../artifact/predict';
import { defaultRecipe } from '../../prep/recipe';
import { profileTable } from '../../profile/profile';
import { resolveParams } from '../../params';
import { resolveProblem } from '../../problem';
import { sample } from '../../testing/tables';
import { runTraining } from '../../train/runTraining';
import { isSaplingError } from '../../util/errors';
import { createRng } from '../../util/rng';
import { ENSEMBLE_MEMBERS, ensembleInfo } from '../info';
import type { FittedModel, Predictor, TrainingSet } from '../model';
import type { ModelDefinition } from '../definition';
import { getModel } from '../registry';
import { ensembleModel } from './ensemble.model';
import { ensembleParams, membersOf } from './info';

/** Three classes from two informative features and a noise feature. */
function problem(): TrainingSet {
  const rng = createRng(3);
  const n = 150;
  const X = new Float32Array(n * 3);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    const b = rng.normal();
    X.set([a, b, rng.normal()], i * 3);
    y[i] = a + 0.3 * rng.normal() > 0.4 ? 2 : b > 0 ? 1 : 0;
  }
  return { X, n, d: 3, y };
}
const target = { task: 'multiclass' as const, classes: ['a', 'b', 'c'] };
const ensemble = getModel('ensemble');

describe('ensemble', () => {
  it('predicts the mean of what its members predict when each is fitted alone with the same seed', async () => {
    const train = problem();
    const params = resolveParams(ensemble.schema, ensembleParams([{ model: 'gbdt', params: { leaves: 8 } }, { model: 'knn', params: {} }, { model: 'logistic', params: { C: 0.5 } }], ENSEMBLE_MEMBERS));
    const fitted = await ensemble.fit(train, target, params, { rng: createRng(9) });
    const predictor = await ensemble.load(fitted);
    const out = predictor.outputs(train.X, train.n);
    predictor.dispose();

    // By hand: each member on its own, from the same seed, in catalog order.
    const alone: Float32Array[] = [];
    const states: unknown[] = [];
    for (const [id, own] of [['logistic', { C: 0.5 }], ['gbdt', { leaves: 8 }], ['knn', {}]] as const) {
      const family = getModel(id);
      const member = await family.fit(train, target, resolveParams(family.schema, own), { rng: createRng(9) });
      states.push(member.state);
      const p = await family.load(member);
      alone.push(p.outputs(train.X, train.n));
      p.dispose();
    }
    expect((fitted.state as { members: FittedModel[] }).members.map((m) => m.model)).toEqual(['logistic', 'gbdt', 'knn']);
    expect(JSON.stringify((fitted.state as { members: FittedModel[] }).members.map((m) => m.state))).toBe(JSON.stringify(states));
    expect(out.length).toBe(train.n * 3);
    for (let i = 0; i < out.length; i++) expect(out[i]).toBe(Math.fround((alone[0][i] + alone[1][i] + alone[2][i]) / 3));
    expect(fitted.stopReason).toMatch(/^averages 3 models: Logistic regression \(.+\); Gradient boosting \(.+\); k nearest neighbours \(.+\)$/);
  });

  it('leaves out members that cannot do the task, and says which could when none is left', () => {
    const params = resolveParams(ensemble.schema, {});
    expect(membersOf(params, ENSEMBLE_MEMBERS, 'regression').map((m) => m.model)).toEqual(['linear', 'forest', 'gbdt']);
    expect(membersOf(params, ENSEMBLE_MEMBERS, 'binary').map((m) => m.model)).toEqual(['logistic', 'forest', 'gbdt']);
    const onlyLinear = resolveParams(ensemble.schema, ensembleParams([{ model: 'linear', params: {} }], ENSEMBLE_MEMBERS));
    let caught: unknown;
    try {
      membersOf(onlyLinear, ENSEMBLE_MEMBERS, 'binary');
    } catch (e) {
      caught = e;
    }
    expect(isSaplingError(caught) && caught.message).toMatch(/no member that can do binary: switch on at least one of logistic, mlp, tree/);
  });

  it('gives each member its own parameters, from keys under its id', () => {
    const params = resolveParams(ensemble.schema, { 'gbdt.learningRate': 0.05, knn: true, 'knn.k': 9 });
    const members = membersOf(params, ENSEMBLE_MEMBERS, 'binary');
    expect(members.map((m) => m.model)).toEqual(['logistic', 'forest', 'gbdt', 'knn']);
    expect(members[2].params.learningRate).toBe(0.05);
    expect(members[3].params).toEqual({ k: 9, weights: 'uniform', metric: 'euclidean' });
    // Its schema is not a search space: tuning the ensemble whole is not offered.
    expect(Object.values(ensembleInfo.schema).some((spec) => spec.tune)).toBe(false);
  });

  it('disposes every member it loaded, also when a later member fails to load', async () => {
    const disposed: string[] = [];
    const fake = (id: string, fails = false): ModelDefinition =>
      ({
        id,
        load: async () => {
          if (fails) throw new Error(`${id} will not load`);
          return { outputs: (_X: Float32Array, n: number) => new Float32Array(n).fill(id === 'tree' ? 1 : 3), dispose: () => disposed.push(id) } satisfies Predictor;
        },
      }) as unknown as ModelDefinition;
    const families: Record<string, ModelDefinition> = { tree: fake('tree'), knn: fake('knn'), svm: fake('svm', true) };
    const model = ensembleModel((id) => families[id]);
    const predictor = await model.load(fittedWith(['tree', 'knn']));
    expect(Array.from(predictor.outputs(Float32Array.of(0, 1), 2))).toEqual([2, 2]);
    predictor.dispose();
    expect(disposed).toEqual(['tree', 'knn']);
    await expect(model.load(fittedWith(['tree', 'svm']))).rejects.toThrow('svm will not load');
    expect(disposed).toEqual(['tree', 'knn', 'tree']);
  });

  it('refuses, from a file, a member it cannot hold or one that predicts something else', async () => {
    const model = ensembleModel(() => {
      throw new Error('nothing should load');
    });
    await expect(model.load(fittedWith(['tree', 'kmeans']))).rejects.toThrow(/^the ensemble's member 2 is "kmeans"; an ensemble holds logistic, linear, mlp, tree, forest, gbdt, knn, naive-bayes, svm$/);
    await expect(model.load(fittedWith(['tree', 'ensemble']))).rejects.toThrow(/member 2 is "ensemble"/);
    await expect(model.load(fittedWith(['tree', 'knn'], { task: 'multiclass' }))).rejects.toThrow(/^the ensemble's member 2 \(knn\) does not predict what the ensemble predicts/);
  });

  it('travels in a model file: written, read back and predicting the same', async () => {
    const penguins = await sample('penguins.csv');
    const config = {
      problem: resolveProblem(penguins, 'species'),
      recipe: defaultRecipe(profileTable(penguins), 'species'),
      model: { id: 'ensemble', params: ensembleParams([{ model: 'logistic', params: {} }, { model: 'forest', params: { trees: 20 } }], ENSEMBLE_MEMBERS) },
      seed: 4,
    };
    const { file, report } = await runTraining(penguins, config);
    expect(report.model).toBe('ensemble');
    expect(report.metrics.test.accuracy).toBeGreaterThan(0.9);
    const original = await loadModel(file);
    const before = predictTable(original, penguins);
    original.dispose();
    const read = await loadModel(parseModelFile(JSON.stringify(file)));
    const after = predictTable(read, penguins);
    read.dispose();
    expect(read.file.model.model).toBe('ensemble');
    expect(after.labels).toEqual(before.labels);
    expect(Array.from(after.proba!)).toEqual(Array.from(before.proba!));
  });
});

/** An ensemble's fitted state over members of these families (regression, one feature), as a file holds it; `second` changes the second member. */
function fittedWith(ids: string[], second: Partial<FittedModel> = {}): FittedModel {
  const member = (id: string, i: number) => ({ model: id, params: {}, task: 'regression', classes: [], nFeatures: 1, state: {}, history: [], stopReason: '', ...(i === 1 ? second : {}) });
  return { model: 'ensemble', params: {}, task: 'regression', classes: [], nFeatures: 1, state: { members: ids.map(member) }, history: [], stopReason: '' } as unknown as FittedModel;
}
