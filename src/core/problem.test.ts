import { describe, expect, it } from 'vitest';
import { classTarget, inferTask, resolveProblem } from './problem';
import { categorical, csv, numeric } from './testing/tables';

describe('problem definition', () => {
  it('infers the task from the target column', async () => {
    expect(inferTask(categorical('y', ['a', 'b', 'a']))).toBe('binary');
    expect(inferTask(categorical('y', ['a', 'b', 'c']))).toBe('multiclass');
    expect(inferTask(numeric('y', [0, 1, 1, 0, 1]))).toBe('binary');
    expect(inferTask(numeric('y', [1, 2, 3, 1, 2, 3, 1, 2, 3, 1]))).toBe('multiclass');
    expect(inferTask(numeric('y', [1.5, 2, 3]))).toBe('regression');
    expect(inferTask(numeric('y', Array.from({ length: 50 }, (_, i) => i)))).toBe('regression');
    expect(inferTask(numeric('y', [1, 2, 3]))).toBe('regression');
  });

  it('encodes classes in sorted order, independent of row order', async () => {
    const t = classTarget(categorical('y', ['b', 'a', null, 'c', 'a']));
    expect(t.classes).toEqual(['a', 'b', 'c']);
    expect(Array.from(t.y)).toEqual([1, 0, -1, 2, 0]);
    expect(classTarget(numeric('y', [10, 2, 2])).classes).toEqual(['2', '10']);
  });

  it('rejects targets that cannot be trained on, saying why', async () => {
    const table = await csv('x,y,z\n1,a,1.5\n2,a,2.5\n3,a,NA\n');
    expect(() => resolveProblem(table, 'nope')).toThrow('column "nope" is not in the data (columns: x, y, z)');
    expect(() => resolveProblem(table, 'y')).toThrow('target "y" has a single class ("a") in all 3 rows');
    expect(() => resolveProblem(table, 'y', 'regression')).toThrow(/"y" is categorical, not numeric/);
    expect(resolveProblem(table, 'z')).toEqual({ target: 'z', task: 'regression' });
    expect(resolveProblem(table, 'x', 'classification')).toEqual({ target: 'x', task: 'multiclass' });
    const ids = await csv('id,v\n' + Array.from({ length: 150 }, (_, i) => `k${i},${i}`).join('\n'));
    expect(() => resolveProblem(ids, 'id')).toThrow('target "id" has 150 classes; Sapling classifies up to 100 (is it an identifier, or a number to predict with regression?)');
  });
});
