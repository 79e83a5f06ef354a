import { describe, expect, it } from 'vitest';
import { numericPlan } from '../core/prep/numericPlan';
import type { FittedPipeline } from '../core/prep/pipeline';
import { toMatrix, transformPipeline } from '../core/prep/replay';
import { planMatrix, rowsToTable } from './rows';

const keyed = <T>(entries: Record<string, T>) => Object.assign(Object.create(null) as Record<string, T>, entries);

/** Three numeric inputs; `c` dropped, `a` scaled twice, `b` imputed and left; one-hot with nothing to encode. */
const pipeline: FittedPipeline = {
  inputs: [
    { name: 'a', kind: 'numeric' },
    { name: 'b', kind: 'numeric' },
    { name: 'c', kind: 'numeric' },
  ],
  steps: [
    { step: 'drop-columns', params: {}, state: { dropped: ['c'] } },
    { step: 'impute', params: {}, state: { fills: keyed({ a: 0.5, b: -1 }) } },
    { step: 'scale', params: {}, state: { columns: keyed({ a: { offset: 0.1, scale: 3 } }) } },
    { step: 'scale', params: {}, state: { columns: keyed({ a: { offset: -0.7, scale: 0.3 }, b: { offset: 1e-3, scale: 7 } }) } },
    { step: 'one-hot', params: {}, state: { columns: keyed({}) } },
  ],
  // The matrix's order differs from the inputs'.
  features: [
    { name: 'b', source: 'b', sources: ['b'] },
    { name: 'a', source: 'a', sources: ['a'] },
  ],
};

/** The table path: rows → table → every step → matrix. */
const tablePath = (rows: Record<string, unknown>[], p: FittedPipeline) => toMatrix(transformPipeline(p, rowsToTable(rows, p.inputs)), p.features);

describe('planMatrix (row objects of finite numbers straight into the model matrix)', () => {
  it('gives exactly the matrix of the table path', () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ a: Math.sin(i) * 1e3 + 1 / 3, b: i % 7 === 0 ? -0 : Math.cos(i * 1.7) / 9, c: 5, other: 'x' }));
    const plan = numericPlan(pipeline);
    expect(plan).not.toBeNull();
    const fused = planMatrix(rows, plan!);
    expect(fused).not.toBeNull();
    expect(Array.from(fused!)).toEqual(Array.from(tablePath(rows, pipeline)));
    // Worked by hand for row 0: a = 1/3, b = −0.
    const a = Math.fround(((1 / 3 - 0.1) / 3 + 0.7) / 0.3);
    const b = Math.fround((-0 - 1e-3) / 7);
    expect([fused![0], fused![1]]).toEqual([b, a]);
  });

  it('gives exactly the matrix of the table path with one map a feature (its own loop) and with none', () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({ a: Math.sin(i) * 1e3 + 1 / 3, b: Math.cos(i * 1.7) / 9, c: 5 }));
    const oneScale: FittedPipeline = { ...pipeline, steps: [pipeline.steps[0], pipeline.steps[3]] };
    expect(numericPlan(oneScale)!.layers).toBe(1);
    expect(Array.from(planMatrix(rows, numericPlan(oneScale)!)!)).toEqual(Array.from(tablePath(rows, oneScale)));
    expect(planMatrix(rows, numericPlan(oneScale)!)![1]).toBe(Math.fround((1 / 3 + 0.7) / 0.3));
    const none: FittedPipeline = { ...pipeline, steps: [pipeline.steps[0]] };
    expect(numericPlan(none)!.layers).toBe(0);
    expect(Array.from(planMatrix(rows, numericPlan(none)!)!)).toEqual(Array.from(tablePath(rows, none)));
  });

  it('leaves rows with a gap, a string, a non-finite number or a non-object to the table path', () => {
    const plan = numericPlan(pipeline)!;
    const good = { a: 1, b: 2, c: 3 };
    for (const bad of [{ ...good, a: null }, { ...good, b: '2' }, { ...good, a: Infinity }, { ...good, b: NaN }, { c: 3, b: 2 }]) {
      expect(planMatrix([good, bad], plan)).toBeNull();
    }
    expect(planMatrix([good, null as unknown as Record<string, unknown>], plan)).toBeNull();
    expect(planMatrix([good, [1, 2] as unknown as Record<string, unknown>], plan)).toBeNull();
  });

  it('has no plan for a pipeline that makes columns or reads other kinds', () => {
    const encoding = { step: 'one-hot', params: {}, state: { columns: keyed({ b: { kind: 'categorical', categories: ['1'], other: false } }) } };
    expect(numericPlan({ ...pipeline, steps: [...pipeline.steps, encoding] })).toBeNull();
    expect(numericPlan({ ...pipeline, inputs: [...pipeline.inputs, { name: 'd', kind: 'categorical' }] })).toBeNull();
    expect(numericPlan({ ...pipeline, steps: [...pipeline.steps, { step: 'pca', params: {}, state: {} }] })).toBeNull();
    expect(numericPlan({ ...pipeline, steps: [...pipeline.steps, { step: 'no-such-step', params: {}, state: {} }] })).toBeNull();
    // A feature the steps dropped: the table path names the problem.
    expect(numericPlan({ ...pipeline, features: [{ name: 'c', source: 'c', sources: ['c'] }] })).toBeNull();
  });
});
