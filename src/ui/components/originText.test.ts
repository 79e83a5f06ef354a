import { describe, expect, it } from 'vitest';
import type { StudioModel } from '../../state/modelOrigin';
import { changesText, trainedOnText, whenText } from './originText';

const at = new Date(2026, 11, 7, 4, 30).getTime();
const data = { name: 'penguins.csv', fingerprint: 'f1', rows: 344 };

function supervised(origin: StudioModel['origin'], model = 'logistic'): StudioModel {
  return { kind: 'supervised', model, problem: { target: 'species', task: 'multiclass' }, report: { task: 'multiclass', rows: 333 }, origin } as unknown as StudioModel;
}

describe('trainedOnText', () => {
  const trained = { source: 'trained', data, target: 'species', task: 'multiclass', recipe: 'r', model: 'logistic', params: 'p', seed: 42, at } as const;

  it('names the data, its rows, the target, the model and the time', () => {
    expect(whenText(at)).toBe('2026-12-07 04:30');
    expect(trainedOnText(supervised(trained))).toBe('Trained on penguins.csv (344 rows) to predict “species”, Logistic regression, 2026-12-07 04:30');
  });

  it('says when Auto chose the model', () => {
    expect(trainedOnText(supervised({ ...trained, model: 'auto' }, 'tree'))).toBe('Trained on penguins.csv (344 rows) to predict “species”, Decision tree (chosen by Auto), 2026-12-07 04:30');
  });

  it('says a model without a target finds groups', () => {
    const kmeans = { kind: 'unsupervised', model: 'kmeans', problem: { target: null, task: 'clustering' }, report: { task: 'clustering', rows: 344 }, origin: { ...trained, target: null, task: 'clustering', model: 'kmeans' } } as unknown as StudioModel;
    expect(trainedOnText(kmeans)).toMatch(/^Trained on penguins\.csv \(344 rows\) without a target, to find groups \(clustering\), /);
  });

  it('says an imported model without a target so, and leaves out a row count its report lacks', () => {
    const groups = { kind: 'unsupervised', model: 'kmeans', problem: { target: null, task: 'clustering' }, report: { task: 'clustering' }, origin: { source: 'imported', file: 'groups.json', at } } as unknown as StudioModel;
    expect(trainedOnText(groups)).toBe('Imported from groups.json: k-means clustering without a target, trained elsewhere');
  });

  it('says an imported model was imported, from which file, and its target', () => {
    expect(trainedOnText(supervised({ source: 'imported', file: 'sapling-species.json', at }))).toBe('Imported from sapling-species.json: Logistic regression predicting “species”, trained elsewhere on 333 rows');
  });
});

describe('changesText', () => {
  it('says what changed, in the order found', () => {
    expect(changesText([{ what: 'problem', was: { target: 'species', task: 'multiclass' }, now: { target: 'island', task: 'multiclass' } }, { what: 'model', was: 'logistic', now: 'forest' }])).toBe('the target is now “island”; the model picked is now Random forest');
    expect(changesText([{ what: 'problem', was: { target: 'species', task: 'multiclass' }, now: null }])).toBe('no target is chosen now');
    expect(changesText([{ what: 'problem', was: { target: 'species', task: 'multiclass' }, now: { target: null, task: 'clustering' } }])).toBe('the problem is now clustering, without a target');
    expect(changesText([{ what: 'task', was: 'multiclass', now: 'regression' }])).toBe('the task is now regression (was multiclass classification)');
    expect(changesText([{ what: 'data', was: data, now: { ...data, fingerprint: 'f2' } }])).toBe('penguins.csv was read again differently');
    expect(changesText([{ what: 'data', was: data, now: { name: 'iris.csv', fingerprint: 'f3', rows: 150 } }])).toBe('the data is now iris.csv (150 rows)');
    expect(changesText([{ what: 'model', was: 'logistic', now: 'auto' }])).toBe('the model picked is now Auto');
  });
});
