import { describe, expect, it } from 'vitest';
import { profileTable } from '../profile/profile';
import { defaultRecipe } from '../prep/recipe';
import { sample } from '../testing/tables';
import { previewOnSample, writePreparedCsv } from './preparedData';

const penguins = await sample('penguins.csv');
const recipe = defaultRecipe(profileTable(penguins), 'species');
const request = { recipe, target: 'species', task: 'multiclass' as const, seed: 42 };

describe('the recipe on the loaded data (Prepare)', () => {
  it('fits on a sample of the training rows, step by step, naming each feature and the columns it comes from', () => {
    const preview = previewOnSample(penguins, request, 100);
    expect(preview.trainingRows).toBe(275);
    expect(preview.sampleRows).toBe(100);
    expect(preview.inputColumns).toBe(7);
    expect(preview.error).toBeNull();
    // drop-columns (nothing), impute, scale keep 7 columns; one-hot turns island (3) and sex (2) into 5.
    expect(preview.steps.map((s) => s?.outputs)).toEqual([7, 7, 7, 10]);
    expect(preview.steps[3]?.made).toEqual(expect.arrayContaining(['island=Biscoe', 'island=Dream', 'island=Torgersen']));
    expect(preview.features?.map((f) => f.name)).toHaveLength(10);
    expect(preview.features?.find((f) => f.name === 'island=Dream')?.source).toBe('island');
    expect(preview.table.columns).toHaveLength(10);
    expect(preview.table.rows).toHaveLength(8);
  });

  it('carries recursive elimination’s curve (score against columns kept, the count chosen) for the chart, only with cross-validation', () => {
    const withCv = { ...recipe, steps: [...recipe.steps, { step: 'rfe', params: { cv: 3 } }] };
    const preview = previewOnSample(penguins, { ...request, recipe: withCv }, 150);
    const rfe = preview.steps[4]?.rfe;
    expect(rfe?.metric).toBe('accuracy');
    // Every count from 1 (features 0 = at least 1) to the 10 columns one-hot leaves, a score each.
    expect(rfe?.counts).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(rfe?.scores).toHaveLength(10);
    expect(rfe?.chosen).toBe(rfe!.counts[rfe!.scores.indexOf(Math.max(...rfe!.scores))]);
    expect(preview.steps[4]?.outputs).toBe(rfe?.chosen);
    const plain = previewOnSample(penguins, { ...request, recipe: { ...recipe, steps: [...recipe.steps, { step: 'rfe', params: {} }] } }, 150);
    expect(plain.steps[4]?.rfe).toBeUndefined();
  });

  it('pins an error on the step that raised it, and leaves the steps after it unreached', () => {
    const steps = [recipe.steps[0], { step: 'drop-columns', params: { columns: ['island=Dream'] } }, ...recipe.steps.slice(1)];
    const preview = previewOnSample(penguins, { ...request, recipe: { ...recipe, steps } }, 100);
    expect(preview.error?.step).toBe(1);
    expect(preview.steps[1]?.error).toMatch(/island=Dream/);
    expect(preview.steps.slice(2)).toEqual([null, null, null]);
    expect(preview.features).toBeNull();
  });

  it('says so when the recipe leaves a column models cannot read (no step to blame)', () => {
    const preview = previewOnSample(penguins, { ...request, recipe: { ...recipe, steps: recipe.steps.slice(0, 3) } }, 100);
    expect(preview.error).toEqual({ step: null, message: expect.stringMatching(/"island" is categorical/) });
  });

  it('writes the prepared data set: the model features by name then the target, a row per row with a target', async () => {
    const chunks: string[] = [];
    const size = await writePreparedCsv(penguins, request, (c) => void chunks.push(c));
    const lines = chunks.join('').trim().split('\n');
    expect(size).toEqual({ rows: 344, columns: 10 });
    expect(lines).toHaveLength(345);
    const header = lines[0].split(',');
    expect(header.at(-1)).toBe('species');
    expect(header).toContain('island=Dream');
    // Every feature is standardised or 0/1 and filled: no empty cell.
    expect(lines.slice(1).every((l) => !l.split(',').includes(''))).toBe(true);
  });

  it('fits on every row without a target', () => {
    const preview = previewOnSample(penguins, { recipe: defaultRecipe(profileTable(penguins), null), target: null, task: null, seed: 1 }, 1000);
    expect(preview.trainingRows).toBe(344);
    expect(preview.features?.some((f) => f.name === 'species=Adelie')).toBe(true);
  });

  it('previews a formula step on the first rows of what it receives, and points at its mistake', () => {
    const at = (expression: string) => ({ ...request, recipe: { ...recipe, steps: [...recipe.steps.slice(0, 2), { step: 'formula', params: { name: 'ratio', expression } }, ...recipe.steps.slice(2)] } });
    const good = previewOnSample(penguins, at('bill_length_mm / bill_depth_mm'), 50);
    const formula = good.steps[2]?.formula;
    expect(formula?.ok).toBe(true);
    // The formula reads the columns as the steps before it left them (filled), on the sample's first rows.
    expect(formula?.ok && formula.values).toHaveLength(5);
    expect(good.steps[2]?.made).toEqual(['ratio']);
    expect(good.features?.find((f) => f.name === 'ratio')?.sources).toEqual(['bill_length_mm', 'bill_depth_mm']);
    const bad = previewOnSample(penguins, at('bill_length_mm / (bill_depth_mm'), 50);
    expect(bad.steps[2]?.formula).toMatchObject({ ok: false });
    expect(bad.error?.step).toBe(2);
    const unknown = previewOnSample(penguins, at('bill_length_mm / beak'), 50).steps[2]?.formula;
    // The span at fault is the unknown name, 0-based [17, 21).
    expect(unknown).toMatchObject({ ok: false, at: 17, to: 21 });
  });
});
