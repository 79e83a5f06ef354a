import { describe, expect, it } from 'vitest';
import { loadModel, predictTable } from '../artifact/predict';
import { defaultRecipe } from '../prep/recipe';
import { profileTable } from '../profile/profile';
import { resolveProblem } from '../problem';
import { type DataTable, getColumn, selectRows, withColumn } from '../table/DataTable';
import type { CategoricalColumn, NumericColumn } from '../table/column';
import { csv, sample } from '../testing/tables';
import { runTraining } from '../train/runTraining';
import { createRng } from '../util/rng';
import { partialDependence } from './dependence';

async function train(data: DataTable, target: string, id: string, params: Record<string, unknown> = {}) {
  const { file } = await runTraining(data, { problem: resolveProblem(data, target), recipe: defaultRecipe(profileTable(data), target), model: { id, params }, seed: 2 });
  return loadModel(file);
}

describe('partial dependence', () => {
  it('is a straight line with the model’s slope for linear regression, with parallel ICE lines', async () => {
    const rng = createRng(6);
    const lines = Array.from({ length: 300 }, () => {
      const [a, b] = [rng.normal() * 10 + 50, rng.normal()];
      const kind = ['x', 'y', 'z'][rng.int(3)];
      return `${a.toFixed(3)},${b.toFixed(3)},${kind},${(0.7 * a - 2 * b + (kind === 'y' ? 3 : 0) + rng.normal() * 0.5).toFixed(4)}`;
    });
    const data = await csv('a,b,kind,target\n' + lines.join('\n'));
    const model = await train(data, 'target', 'linear');
    const result = partialDependence(model, data, 'a', createRng(1));
    expect(result.kind).toBe('numeric');
    expect(result.scale).toBe('value');
    expect(result.grid).toHaveLength(20);
    expect(result.rows).toBe(300);
    expect(result.ice).toHaveLength(50);
    // The model's slope in original units, by finite differences through the scaling step.
    const rows = selectRows(data, [0]);
    const a = getColumn(rows, 'a') as NumericColumn;
    const at = (v: number) => predictTable(model, withColumn(rows, { ...a, values: Float64Array.of(v) })).values![0];
    const slope = (at(a.values[0] + 1) - at(a.values[0] - 1)) / 2;
    expect(slope).toBeCloseTo(0.7, 1);
    const values = result.values!;
    const pdp = result.pdp[0];
    for (let g = 1; g < values.length; g++) {
      expect((pdp[g] - pdp[0]) / (values[g] - values[0])).toBeCloseTo(slope, 3);
      // ICE lines of an additive model are the PDP shifted.
      for (const line of result.ice) expect(line.values[0][g] - line.values[0][0]).toBeCloseTo(pdp[g] - pdp[0], 3);
    }
    expect(result.reading).toMatch(/^Predicted value rises with a \(from [\d.]+ to [\d.]+\)\.$/);
    // Quantiles of the column: the grid runs from its minimum to its maximum.
    const all = (getColumn(data, 'a') as NumericColumn).values;
    expect(values[0]).toBe(Math.min(...all));
    expect(values.at(-1)).toBe(Math.max(...all));

    const kinds = partialDependence(model, data, 'kind', createRng(1));
    expect(kinds.kind).toBe('categorical');
    expect([...kinds.grid].sort()).toEqual(['x', 'y', 'z']);
    expect(kinds.reading).toMatch(/^Biggest effect: kind=y /);
    model.dispose();
  });

  it('gives per-class probabilities that match predicting the changed rows directly', async () => {
    const data = await sample('penguins.csv');
    const model = await train(data, 'species', 'gbdt', { rounds: 20 });
    const result = partialDependence(model, data, 'island', createRng(3));
    expect(result.outputs).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
    expect(result.grid).toEqual(['Biscoe', 'Dream', 'Torgersen']);
    const island = getColumn(data, 'island') as CategoricalColumn;
    result.grid.forEach((label, g) => {
      const code = island.categories.indexOf(label);
      const changed = withColumn(data, { ...island, codes: new Int32Array(data.rowCount).fill(code) });
      const p = predictTable(model, changed).proba!;
      for (let k = 0; k < 3; k++) {
        let sum = 0;
        for (let i = 0; i < data.rowCount; i++) sum += p[i * 3 + k];
        expect(result.pdp[k][g]).toBeCloseTo(sum / data.rowCount, 5);
        for (const line of result.ice.slice(0, 5)) expect(line.values[k][g]).toBeCloseTo(p[line.row * 3 + k], 6);
      }
    });
    expect(result.pdp.map((s) => s[0]).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(() => partialDependence(model, data, 'colour', createRng(1))).toThrow('the model does not use a column "colour" (it uses: island, bill_length_mm');
    model.dispose();
  });
});
