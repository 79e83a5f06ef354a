import { describe, expect, it } from 'vitest';
import { defaultRecipe } from '../prep/recipe';
import { profileTable } from '../profile/profile';
import { resolveProblem } from '../problem';
import { sample } from '../testing/tables';
import type { TrainConfig } from '../train/config';
import { LEARNING_SIZES, learningCurve, validationCurve } from './curves';

const penguins = await sample('penguins.csv');
const config = (model: string, params: Record<string, unknown> = {}): TrainConfig => ({ problem: resolveProblem(penguins, 'species'), recipe: defaultRecipe(profileTable(penguins), 'species'), model: { id: model, params }, seed: 4 });

describe('curves', () => {
  it('learning curve: growing training sizes, train above validation for a deep tree, read as overfitting or not', async () => {
    const curve = await learningCurve(penguins, config('tree'), 3);
    expect(curve.metric).toBe('accuracy');
    expect(curve.points).toHaveLength(LEARNING_SIZES.length);
    const sizes = curve.points.map((p) => p.x as number);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    expect(sizes.at(-1)).toBe(Math.round((344 * 2) / 3));
    // An unlimited tree fits its training rows perfectly; validation is lower.
    for (const p of curve.points) expect(p.train.mean).toBe(1);
    expect(curve.points.at(-1)!.validation.mean).toBeLessThan(1);
    expect(curve.reading).toMatch(/^(Overfitting|A good fit)/);
    expect(curve.reading).toMatch(/(more data would likely help|unlikely to help much)\.$/);
  });

  it('validation curve: one parameter swept, the best value named, the overfitting end called out', async () => {
    const curve = await validationCurve(penguins, config('tree'), 'maxDepth', [1, 2, 4, 0], 3);
    expect(curve.points.map((p) => p.x)).toEqual([1, 2, 4, 0]);
    // A stump underfits: its training accuracy is well below a deep tree's.
    expect(curve.points[0].train.mean).toBeLessThan(0.85);
    expect(curve.points[3].train.mean).toBe(1);
    const best = curve.points.reduce((a, b) => (b.validation.mean > a.validation.mean ? b : a));
    expect(curve.reading).toContain(`comes at maxDepth = ${best.x}`);
    await expect(validationCurve(penguins, config('tree'), 'maxDepth', [3], 3)).rejects.toThrow(/at least 2 values/);
  });
});
