import { describe, expect, it } from 'vitest';
import { loadModel } from '../artifact/predict';
import { defaultRecipe } from '../prep/recipe';
import { profileTable } from '../profile/profile';
import { resolveProblem } from '../problem';
import { csv } from '../testing/tables';
import { runTraining } from '../train/runTraining';
import { createRng } from '../util/rng';
import { permutationImportance } from './permutation';

/** y is decided by `signal` (a number) and `kind` (a category); `noise` is noise. */
async function table(n: number) {
  const rng = createRng(5);
  const lines = Array.from({ length: n }, () => {
    const signal = rng.normal();
    const kind = ['red', 'green', 'blue'][rng.int(3)];
    const noise = rng.normal();
    const y = signal + (kind === 'red' ? 1.5 : kind === 'green' ? -1.5 : 0) > 0 ? 'yes' : 'no';
    return `${signal.toFixed(4)},${kind},${noise.toFixed(4)},${y}`;
  });
  return csv('signal,kind,noise,y\n' + lines.join('\n'));
}

describe('permutation importance', () => {
  it('shuffles the columns a made feature comes from, computing the feature again (signal×noise counts for both)', async () => {
    const data = await table(400);
    const base = defaultRecipe(profileTable(data), 'y');
    // Only the product of signal and noise reaches the model: signal matters through it, and so (shuffled, the product changes) does noise.
    const recipe = { ...base, steps: [...base.steps, { step: 'polynomial', params: { columns: ['signal', 'noise'], interactionOnly: true } }, { step: 'drop-columns', params: { columns: ['signal', 'noise'] } }] };
    const { file } = await runTraining(data, { problem: resolveProblem(data, 'y'), recipe, model: { id: 'logistic', params: {} }, seed: 1 });
    expect(file.pipeline.features.find((f) => f.name === 'signal×noise')?.sources).toEqual(['signal', 'noise']);
    const model = await loadModel(file);
    const result = permutationImportance(model, data, 2, createRng(2));
    // By the data's columns, never by the made feature's own name.
    expect(result.columns.map((c) => c.column).sort()).toEqual(['kind', 'noise', 'signal']);
    model.dispose();
  });

  it('finds the columns the target depends on, one-hot columns as one, noise near zero, repeatably', async () => {
    const data = await table(800);
    const { file } = await runTraining(data, { problem: resolveProblem(data, 'y'), recipe: defaultRecipe(profileTable(data), 'y'), model: { id: 'logistic', params: {} }, seed: 1 });
    const model = await loadModel(file);
    const result = permutationImportance(model, data, 4, createRng(2));
    expect(result.metric).toBe('accuracy');
    expect(result.baseline).toBeGreaterThan(0.85);
    // Largest drop first; the noise column last, and a category counts once (not per indicator).
    expect(result.columns.map((c) => c.column).sort()).toEqual(['kind', 'noise', 'signal']);
    expect(result.columns[2].column).toBe('noise');
    const byName = Object.fromEntries(result.columns.map((c) => [c.column, c]));
    const { signal, kind, noise } = byName;
    expect(signal.drops).toHaveLength(4);
    expect(signal.mean).toBeGreaterThan(0.15);
    expect(kind.mean).toBeGreaterThan(0.1);
    expect(Math.abs(noise.mean)).toBeLessThan(0.02);
    // Each drop is the baseline less the shuffled score; the mean and spread are theirs.
    expect(signal.mean).toBeCloseTo(signal.drops.reduce((a, b) => a + b, 0) / 4, 12);
    expect(permutationImportance(model, data, 4, createRng(2))).toEqual(result);
    model.dispose();
  });

  it('scores regression by R² and refuses data without the target', async () => {
    const rng = createRng(8);
    const lines = Array.from({ length: 300 }, () => {
      const a = rng.normal();
      const b = rng.normal();
      return `${a.toFixed(4)},${b.toFixed(4)},${(3 * a + 0.1 * rng.normal()).toFixed(4)}`;
    });
    const data = await csv('a,b,y\n' + lines.join('\n'));
    const { file } = await runTraining(data, { problem: resolveProblem(data, 'y'), recipe: defaultRecipe(profileTable(data), 'y'), model: { id: 'linear', params: {} }, seed: 1 });
    const model = await loadModel(file);
    const result = permutationImportance(model, data, 3, createRng(1));
    expect(result.metric).toBe('r2');
    // Shuffling the only signal destroys the fit: R² falls from about 1 to about −1 (twice the variance).
    expect(result.columns[0].column).toBe('a');
    expect(result.columns[0].mean).toBeGreaterThan(1.5);
    expect(Math.abs(result.columns[1].mean)).toBeLessThan(0.01);
    const noTarget = await csv('a,b\n1,2\n3,4\n');
    expect(() => permutationImportance(model, noTarget, 3, createRng(1))).toThrow('permutation importance needs the target "y" in the data');
    model.dispose();
  });
});
