import { describe, expect, it } from 'vitest';
import { defaultRecipe } from '../prep/recipe';
import { profileTable } from '../profile/profile';
import { resolveProblem } from '../problem';
import { sample } from '../testing/tables';
import type { TrainConfig } from '../train/config';
import { formSchema } from '../models/info';
import { linearInfo } from '../models/linear/info';
import { forestInfo, treeInfo } from '../models/trees/info';
import { searchSpace } from '../tune/space';
import { curveRangeProblem, curveValues, defaultCurveRange } from './curveRange';
import { type CurvePoint, LEARNING_SIZES, learningCurve, readLearning, validationCurve } from './curves';

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
    expect(curve.reading).toMatch(/^(Overfitting|Some overfitting)/);
    expect(curve.reading).toMatch(/(more data would likely help|unlikely to help much)\.$/);
  });

  it('validation curve: one parameter swept, the best value named, the overfitting end called out', async () => {
    // 0 (no limit) is given first but tried last, marked apart: it is not the shallow end.
    const curve = await validationCurve(penguins, config('tree'), 'maxDepth', [0, 1, 2, 4], 3);
    expect(curve.points.map((p) => p.x)).toEqual([1, 2, 4, 0]);
    expect(curve.points.map((p) => p.apart)).toEqual([undefined, undefined, undefined, 'no limit']);
    // A stump underfits: its training accuracy is well below a deep tree's.
    expect(curve.points[0].train.mean).toBeLessThan(0.85);
    expect(curve.points[3].train.mean).toBe(1);
    const best = curve.points.reduce((a, b) => (b.validation.mean > a.validation.mean ? b : a));
    expect(curve.reading).toContain(`comes at maxDepth = ${best.apart ?? best.x}`);
    expect(curve.reading).not.toContain('maxDepth = 0');
    await expect(validationCurve(penguins, config('tree'), 'maxDepth', [3], 3)).rejects.toThrow(/at least 2 values/);
  });
});

describe('the values a validation curve tries', () => {
  it('a tree’s depth: the shallow end value by value, geometric towards 20, and no limit apart (hand-worked)', () => {
    // 20^(i/7) for i = 0…7: 1, 1.53, 2.35, 3.61, 5.54, 8.50, 13.0, 20 → rounded, each at least one
    // above the last: 1, 2, 3, 4, 6, 8, 13, 20; then 0, which means no limit.
    expect(defaultCurveRange(treeInfo.schema.maxDepth)).toEqual({ from: 1, to: 20, points: 8, withOff: true });
    expect(curveValues(treeInfo.schema.maxDepth, undefined, 'Maximum depth')).toEqual([1, 2, 3, 4, 6, 8, 13, 20, 0]);
    // A forest's search range goes to 32: 32^(i/7) = 1, 1.64, 2.69, 4.42, 7.25, 11.9, 19.5, 32.
    expect(curveValues(forestInfo.schema.maxDepth, undefined, 'Maximum depth')).toEqual([1, 2, 3, 4, 7, 12, 20, 32, 0]);
  });

  it('the person’s range: every whole number when there is room, no limit only when asked', () => {
    const depth = treeInfo.schema.maxDepth;
    expect(curveValues(depth, { from: 1, to: 5, points: 5, withOff: false }, 'Maximum depth')).toEqual([1, 2, 3, 4, 5]);
    expect(curveValues(depth, { from: 2, to: 4, points: 8, withOff: true }, 'Maximum depth')).toEqual([2, 3, 4, 0]);
    // A listed log range keeps its own values: ridge penalties 0.01 … 100 by decades, then none.
    expect(curveValues(linearInfo.schema.alpha, undefined, 'Ridge penalty')).toEqual([0.01, 0.1, 1, 10, 100, 0]);
  });

  it('a range that cannot be tried is refused in words', () => {
    const depth = treeInfo.schema.maxDepth;
    const problem = (from: number, to: number, points: number) => curveRangeProblem(depth, { from, to, points, withOff: true }, 'Maximum depth');
    expect(problem(1, 20, 8)).toBeNull();
    expect(problem(0, 5, 5)).toBe('From must be above 0: Maximum depth 0 means no limit, which is tried apart.');
    expect(problem(5, 5, 2)).toBe('From (5) must be below To (5).');
    expect(problem(1, 200, 8)).toBe('To must be at most 100, the highest Maximum depth allowed.');
    expect(problem(1.5, 5, 4)).toBe('Maximum depth takes whole numbers: From and To must be whole numbers.');
    expect(problem(1, 5, 1)).toBe('Points must be a whole number from 2 to 20.');
    expect(problem(1, 5, 21)).toBe('Points must be a whole number from 2 to 20.');
    expect(problem(Number.NaN, 5, 3)).toBe('From and To must be numbers.');
    expect(() => curveValues(depth, { from: 0, to: 5, points: 5, withOff: true }, 'Maximum depth')).toThrow(/^validation curve of Maximum depth: From must be above 0/);
  });

  it('a regression tree is not offered the classification split criterion', () => {
    expect(searchSpace(treeInfo.schema, 'regression').map((d) => d.name)).toEqual(['maxDepth', 'minSamplesLeaf']);
    expect(searchSpace(treeInfo.schema, 'multiclass').map((d) => d.name)).toEqual(['criterion', 'maxDepth', 'minSamplesLeaf']);
    expect(Object.keys(formSchema(treeInfo, {}, 'regression'))).not.toContain('criterion');
    expect(Object.keys(formSchema(forestInfo, {}, 'binary'))).toContain('criterion');
  });
});

describe('reading a learning curve', () => {
  const point = (x: number, train: number, validation: number): CurvePoint => ({ x, train: { mean: train, std: 0.01 }, validation: { mean: validation, std: 0.01 } });

  it('a steady 0.05 gap is flagged, not read as a good fit', () => {
    const reading = readLearning([point(20, 0.95, 0.9), point(50, 0.96, 0.91), point(100, 0.97, 0.92)], 'accuracy');
    expect(reading).toMatch(/^Some overfitting: with all the training rows the model scores accuracy 0\.970 on rows it trained on but 0\.920 on rows it did not \(a gap of 0\.050\)/);
    expect(reading).toContain('The gap has not narrowed as rows were added (0.050 at the smallest size).');
  });

  it('a wide gap is overfitting; a closing one is said so; a tiny one is no sign of overfitting', () => {
    expect(readLearning([point(20, 1, 0.7), point(50, 1, 0.8), point(100, 1, 0.88)], 'accuracy')).toMatch(/^Overfitting: .*\(a gap of 0\.120\).*The gap narrowed as rows were added \(from 0\.300 at the smallest size\)\. The validation score was still rising/);
    expect(readLearning([point(20, 0.93, 0.9), point(50, 0.92, 0.91), point(100, 0.925, 0.915)], 'r2')).toMatch(/^No sign of overfitting: training and validation R² are close \(0\.925 and 0\.915\)\./);
  });
});
