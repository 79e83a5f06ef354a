import { describe, expect, it } from 'vitest';
import type { RecipeSpec } from '../core/prep/recipe';
import { type ModelOrigin, type OriginSettings, changesSince, fingerprintOf, outdatingChanges, trainedOrigin } from './modelOrigin';

const recipe: RecipeSpec = { dropDuplicateRows: false, testSize: 0.2, stratify: true, steps: [{ step: 'impute', params: { numeric: 'mean' } }] } as unknown as RecipeSpec;

/** Penguins loaded, predicting species with logistic regression. */
function settings(patch: Partial<OriginSettings> = {}): OriginSettings {
  return {
    dataset: { result: { name: 'penguins.csv', fingerprint: 'f1', profile: { rows: 344 } } },
    target: 'species',
    noTarget: null,
    targetSummary: { task: 'multiclass' },
    recipe,
    modelId: 'logistic',
    modelParams: {},
    seed: 42,
    ...patch,
  };
}

function origin(s: OriginSettings = settings()): ModelOrigin {
  const o = trainedOrigin(s, Date.UTC(2026, 11, 7, 4, 30));
  if (!o) throw new Error('no origin');
  return o;
}

describe('trainedOrigin', () => {
  it('records the data, target, task, recipe and model a run starts with', () => {
    expect(origin()).toMatchObject({ source: 'trained', data: { name: 'penguins.csv', fingerprint: 'f1', rows: 344 }, target: 'species', task: 'multiclass', model: 'logistic', seed: 42, recipe: fingerprintOf(recipe) });
  });

  it('is null when nothing can be trained (no data, or no target chosen)', () => {
    expect(trainedOrigin(settings({ dataset: {} }), 0)).toBeNull();
    expect(trainedOrigin(settings({ target: null, targetSummary: null }), 0)).toBeNull();
  });

  it('records a run without a target by its task', () => {
    expect(trainedOrigin(settings({ target: null, targetSummary: null, noTarget: 'clustering', modelId: 'kmeans' }), 0)).toMatchObject({ target: null, task: 'clustering' });
  });
});

describe('changesSince', () => {
  it('finds nothing while the settings are those the model was trained with', () => {
    expect(changesSince(origin(), settings())).toEqual([]);
    // The same settings built again (a recipe rebuilt, keys in another order) are the same settings.
    const rebuilt = { steps: [{ params: { numeric: 'mean' }, step: 'impute' }], stratify: true, testSize: 0.2, dropDuplicateRows: false } as unknown as RecipeSpec;
    expect(changesSince(origin(), settings({ recipe: rebuilt }))).toEqual([]);
  });

  it('says the target changed, not the recipe and task that follow from it', () => {
    const now = settings({ target: 'island', targetSummary: { task: 'multiclass' }, recipe: { ...recipe, stratify: false } });
    expect(changesSince(origin(), now)).toEqual([{ what: 'problem', was: { target: 'species', task: 'multiclass' }, now: { target: 'island', task: 'multiclass' } }]);
  });

  it('says the task changed when the same target is read as another task', () => {
    expect(outdatingChanges(origin(), settings({ targetSummary: { task: 'regression' } }))).toEqual([{ what: 'task', was: 'multiclass', now: 'regression' }]);
  });

  it('says the recipe changed', () => {
    expect(outdatingChanges(origin(), settings({ recipe: { ...recipe, testSize: 0.3 } }))).toEqual([{ what: 'recipe' }]);
  });

  it('says the data changed: another file, or the same file read differently', () => {
    const other = { result: { name: 'iris.csv', fingerprint: 'f2', profile: { rows: 150 } } };
    expect(outdatingChanges(origin(), settings({ dataset: other }))).toEqual([{ what: 'data', was: { name: 'penguins.csv', fingerprint: 'f1', rows: 344 }, now: { name: 'iris.csv', fingerprint: 'f2', rows: 150 } }]);
    const reread = { result: { name: 'penguins.csv', fingerprint: 'f3', profile: { rows: 344 } } };
    expect(outdatingChanges(origin(), settings({ dataset: reread })).map((c) => c.what)).toEqual(['data']);
  });

  it('says no target is chosen, or learning without one, in place of the target', () => {
    expect(outdatingChanges(origin(), settings({ target: null, targetSummary: null, recipe: null }))).toEqual([{ what: 'problem', was: { target: 'species', task: 'multiclass' }, now: null }]);
    expect(outdatingChanges(origin(), settings({ target: null, targetSummary: null, noTarget: 'clustering' }))).toEqual([{ what: 'problem', was: { target: 'species', task: 'multiclass' }, now: { target: null, task: 'clustering' } }]);
    const clusters = origin(settings({ target: null, targetSummary: null, noTarget: 'clustering', modelId: 'kmeans' }));
    expect(outdatingChanges(clusters, settings({ target: null, targetSummary: null, noTarget: 'projection', modelId: 'kmeans' })).map((c) => c.what)).toEqual(['problem']);
  });

  it('tells another model, its settings or the seed apart; they do not outdate the model itself', () => {
    expect(changesSince(origin(), settings({ modelId: 'forest' }))).toEqual([{ what: 'model', was: 'logistic', now: 'forest' }]);
    expect(changesSince(origin(), settings({ modelParams: { C: 2 } }))).toEqual([{ what: 'params' }]);
    expect(changesSince(origin(), settings({ seed: 7 }))).toEqual([{ what: 'seed', was: 42, now: 7 }]);
    expect(outdatingChanges(origin(), settings({ modelId: 'forest', modelParams: { C: 2 }, seed: 7 }))).toEqual([]);
  });

  it('a tuned model matches the settings the tuning put in the form', () => {
    const tuned = trainedOrigin(settings(), 0, { C: 0.5 })!;
    expect(changesSince(tuned, settings({ modelParams: { C: 0.5 } }))).toEqual([]);
  });

  it('an imported model has no settings to be out of date with', () => {
    expect(changesSince({ source: 'imported', file: 'model.json', at: 0 }, settings({ target: 'island' }))).toEqual([]);
  });
});
